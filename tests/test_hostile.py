"""Hostile input: nothing in the model can run as script, template or path, and
no malformed file can crash the check or exhaust time or memory."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import check_model
from generator.site import build_site

from .conftest import TODAY, copy_project, materialise
from .hostile import PAYLOADS, hostile_model

BAD_SCHEME = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


class Audit(HTMLParser):
    """Everything in built HTML that could run: scripts, handlers, bad URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self._in_script = tag == "script" and "src" not in values
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name.lower() in ("href", "src", "xlink:href", "action", "formaction") and value:
                if BAD_SCHEME.match(value):
                    self.bad_urls.append(value)

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    copy_project(root, hostile_model(root / "modules"))
    before = {p for p in root.parent.rglob("*")}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml"),
         "-d", str(root / "site")],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr
    written = {p for p in root.parent.rglob("*")} - before
    assert all(root / "site" in p.parents or p == root / "site" for p in written)
    return root / "site"


def test_the_hostile_model_is_valid_and_every_field_carries_an_attack(tmp_path):
    landscape = check_model(hostile_model(tmp_path / "m"), today=TODAY).landscape
    assert landscape is not None
    assert len([m for m in landscape.modules if m.startswith("aanval-")]) == len(PAYLOADS)


def test_no_script_handler_or_bad_url_in_any_built_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        audit = Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.handlers == [], page
        assert audit.bad_urls == [], page
        for script in audit.inline_scripts:
            assert "alert" not in script and "msgbox" not in script, page


def test_templates_appear_literally(hostile_site):
    text = (hostile_site / "modules" / "aanval-14" / "index.html").read_text(encoding="utf-8")
    assert "{{ config }}" in text.replace("&#123;", "{").replace("&#125;", "}")
    assert "site_name" not in text  # the config was never rendered


def test_svgs_and_api_outputs_are_data(hostile_site):
    for svg in hostile_site.rglob("*.svg"):
        root = ET.parse(svg).getroot()
        for element in root.iter():
            assert not element.tag.endswith("script")
            assert not any(k.lower().startswith("on") for k in element.attrib)
    data = json.loads((hostile_site / "api" / "landscape.json").read_text(encoding="utf-8"))
    assert {m["name"] for m in data["modules"]} >= {p[:80] for p in PAYLOADS}
    csv_text = (hostile_site / "api" / "modules.csv").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in csv_text  # data, served as text/csv
    ET.parse(hostile_site / "wijzigingen" / "feed.xml")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("../../etc/passwd", "is not a valid id"),
        ("a/b", "is not a valid id"),
        ("a\\\\b", "is not a valid id"),
        ("open-zaak\u0430", "is not a valid id"),  # Cyrillic a
        ("ореn-zaak", "is not a valid id"),  # Cyrillic look-alikes
        ("x" * 10_000, "is too long (10000 characters, at most 64)"),
    ],
)
def test_hostile_ids_are_located_errors(model, value, message):
    folder = model()
    path = folder / "diensten" / "zaken.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("owner: gm0363", f"owner: {json.dumps(value)}"),
        encoding="utf-8",
    )
    problems = [str(p) for p in check_model(folder, today=TODAY).problems]
    assert len(problems) == 1 and problems[0].startswith("diensten/zaken.yaml:5:8: error: owner ")
    assert message in problems[0]
    assert len(problems[0]) < 400  # a 10,000-character id is not echoed in full


def test_nul_in_a_file_is_a_located_error(model):
    folder = model()
    (folder / "diensten" / "nul.yaml").write_bytes(b"name: a\x00b\n")
    assert [p.code for p in check_model(folder, today=TODAY).problems] == ["yaml-syntax"]


@pytest.mark.parametrize("name", ["..yaml", "a..b.yaml", "-x.yaml", "Zaak.yaml", "x" * 250 + ".yaml"])
def test_module_file_names_that_are_not_ids(model, name):
    folder = model()
    (folder / "diensten" / name).write_text("name: X\n", encoding="utf-8")
    problems = check_model(folder, today=TODAY).problems
    assert [p.code for p in problems] == ["invalid-id"]
    assert problems[0].line == 1


@pytest.mark.parametrize(
    "text",
    [
        "name: a\nname: b\n",
        "partners:\n  - org: x\n    org: y\n",
        "links:\n  website: https://a.nl\n  website: https://b.nl\n",
        "history:\n  - date: 2024-01-01\n    date: 2024-01-02\n",
    ],
)
def test_duplicate_keys_at_every_level(model, text):
    folder = model()
    (folder / "diensten" / "dubbel.yaml").write_text(text, encoding="utf-8")
    assert [p.code for p in check_model(folder, today=TODAY).problems] == ["yaml-duplicate-key"]


def test_a_10_mb_file_is_refused_in_bounded_time_and_memory(model):
    folder = model()
    (folder / "diensten" / "groot.yaml").write_text("a: " + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")
    tracemalloc.start()
    start = time.perf_counter()
    problems = check_model(folder, today=TODAY).problems
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [str(p) for p in problems] == ["diensten/groot.yaml:1:1: error: file is larger than 1 MiB"]
    assert peak < 8 * 1024 * 1024  # only 1 MiB + 1 byte is ever read
    assert elapsed < 5  # a safety bound, not a benchmark


def test_alias_bomb_in_a_module_is_refused_quickly(model):
    folder = model()
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    (folder / "diensten" / "bom.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    problems = check_model(folder, today=TODAY).problems
    assert time.perf_counter() - start < 5
    assert [p.code for p in problems] == ["yaml-anchor"]


text_values = st.text(max_size=120)


@given(name=text_values, summary=text_values, description=st.text(max_size=300), note=text_values)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_then_generate_never_crashes_and_never_emits_markup(tmp_path_factory, name, summary, description, note):
    folder = materialise(None, tmp_path_factory.mktemp("f"))
    path = folder / "diensten" / "zaken.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(name=name, summary=summary, description=description,
                history=[{"date": "2024-01-01", "status": "available", "note": note}])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = check_model(folder, today=TODAY)
    if result.landscape is None:
        assert result.errors
        return
    pages = build_site(result.landscape)
    for uri, text in pages.items():
        if uri.endswith(".md"):
            audit = Audit()
            audit.feed(text)
            assert audit.handlers == [] and audit.bad_urls == [], uri
