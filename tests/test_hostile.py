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

import markdown
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
            link = name.lower() in ("href", "src", "xlink:href", "action", "formaction")
            if link and value and BAD_SCHEME.match(value):
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


# Attacks the property below mixes into random text, beyond PAYLOADS: template
# syntax (Jinja, and what other engines evaluate), CDATA and comment breakers,
# Markdown constructs that make links or attributes, URL tricks, front matter.
ATTACKS = [
    *PAYLOADS,
    "{{ 7*7 }}", "{{7*'7'}}", "{% raw %}", "{% endraw %}", "{%print(7*7)%}", "${7*7}", "#{7*7}",
    "]]>", "<![CDATA[", "-->", "<!--", '"><svg onload=alert(1)>',
    "<iframe src=javascript:alert(1)>", "javascript:alert(1)", "<javascript:alert(1)>",
    "[x]: javascript:alert(1)\n\n[x]", '<a href="java&#x09;script:alert(1)">x</a>',
    "[x](java\tscript:alert(1))", "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<object data=javascript:alert(1)>", "<base href=javascript:alert(1)//>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
    "x\n{: onclick=alert(1) }", '!!! note "<script>alert(1)</script>"',
    "\n---\ntitle: <script>alert(1)</script>\n---\n", "title: <script>alert(1)</script>",
    "`<script>alert(1)</script>`", "```\n</code><script>x</script>\n```",
]
# Random text around the attacks has no digits, so a "49" that the harmless model
# does not have can only come from evaluating {{ 7*7 }}.
words = st.text(
    st.characters(blacklist_categories=["Cs", "Cc", "Co", "Cn", "Nd", "Nl", "No"]), max_size=12
)
attack_text = st.lists(
    st.one_of(st.sampled_from(ATTACKS), words), min_size=1, max_size=6
).map(" ".join)
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "data", "poster", "srcset"}
ACTIVE_TAGS = {"script", "iframe", "frame", "object", "embed", "img", "image", "svg", "math",
               "style", "link", "meta", "base", "form", "input", "button", "video", "audio",
               "source", "use"}
FORTY_NINE = re.compile(r"(?<![\d.])49(?![\d.])")
# The Markdown extensions of mkdocs.yml: a page is also read as Markdown, as
# MkDocs without our plugin (or a Markdown page, whatever the format) reads it.
MKDOCS_MARKDOWN = markdown.Markdown(
    extensions=["admonition", "attr_list", "tables", "pymdownx.superfences", "toc"]
)
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


class Reading(HTMLParser):
    """What a browser would act on in a page: tags that load or run something,
    event handlers, links with a script scheme, and the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.active: list[str] = []
        self.handlers: list[str] = []
        self.bad_urls: list[str] = []
        self.text: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.active.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            url = re.sub(r"[\x00-\x20]", "", value or "").lower()  # as a browser parses it
            if name in URL_ATTRIBUTES and url.startswith(("javascript:", "data:", "vbscript:")):
                self.bad_urls.append(f"<{tag} {name}={value!r}>")
            if name in ("title", "alt", "aria-label", "content", "value"):
                self.text.append(value or "")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _readings(page: str) -> list[Reading]:
    """The page read as HTML, as Markdown, and its front matter values as HTML
    (themes print ``title`` and ``description`` unescaped)."""
    matter = FRONT_MATTER.match(page)
    body = page[matter.end() :] if matter else page
    values = yaml.safe_load(matter.group(1)) if matter else {}
    readings = [Reading(body), Reading(MKDOCS_MARKDOWN.reset().convert(body))]
    readings += [Reading(v) for v in (values or {}).values() if isinstance(v, str)]
    return readings


def _write_model(folder, texts: dict[str, str]) -> None:
    """The base fixture with ``texts`` in its text fields: landscape title and
    description, a layer's, a standard's and an organisation's name, and a
    module's name, summary, description and history note."""
    landscape = yaml.safe_load((folder / "landscape.yaml").read_text(encoding="utf-8"))
    landscape.update(title=texts["title"], description=texts["description"])
    landscape["layers"][1].update(name=texts["layer"], description=texts["description"])
    landscape["standards"][0].update(name=texts["standard"], description=texts["description"])
    organisations = yaml.safe_load((folder / "organisations.yaml").read_text(encoding="utf-8"))
    organisations[1]["name"] = texts["organisation"]
    module = yaml.safe_load((folder / "diensten" / "zaken.yaml").read_text(encoding="utf-8"))
    module.update(name=texts["name"], summary=texts["summary"], description=texts["description"],
                  history=[{"date": "2024-01-01", "status": "available", "note": texts["note"]}])
    for name, data in [("landscape.yaml", landscape), ("organisations.yaml", organisations),
                       ("diensten/zaken.yaml", module)]:
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


ONE_LINE = {"title": 80, "layer": 80, "standard": 80, "organisation": 80, "name": 80,
            "summary": 200, "note": 200}


def _site(folder, texts: dict[str, str]) -> dict[str, str] | None:
    _write_model(folder, texts)
    result = check_model(folder, today=TODAY)
    if result.landscape is None:
        assert result.errors
        return None
    return build_site(result.landscape, edit_base="https://forge.example/edit/main/modules")


def _read(pages: dict[str, str]) -> dict[str, list[Reading]]:
    """The readings of every page and drawing."""
    return {path: _readings(page) for path, page in pages.items()
            if path.endswith((".md", ".svg"))}


def _counts(readings: list[Reading]) -> tuple[int, int]:
    """The active tags and the 49s in the readings of one page."""
    return (sum(len(r.active) for r in readings),
            sum(len(FORTY_NINE.findall(" ".join(r.text))) for r in readings))


@pytest.fixture(scope="module")
def harmless_counts(tmp_path_factory):
    """The active tags and 49s of the same model with harmless text: what the
    templates themselves write."""
    folder = materialise(None, tmp_path_factory.mktemp("harmless"))
    pages = _site(folder, {key: "Tekst" for key in [*ONE_LINE, "description"]})
    assert pages is not None
    return {path: _counts(readings) for path, readings in _read(pages).items()}


def test_check_then_generate_with_attacks_in_every_text_field(tmp_path_factory, harmless_counts):
    """Attacks in every text field, checked and generated: nothing of them becomes
    a tag, handler, script link or evaluated template, in the pages read as HTML
    or as Markdown, in the front matter, the drawings or the feed."""
    built = {"examples": 0, "sites": 0}

    @given(st.fixed_dictionaries({key: attack_text for key in [*ONE_LINE, "description"]}))
    @settings(max_examples=60, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    def run(texts):
        built["examples"] += 1
        for key, limit in ONE_LINE.items():
            texts[key] = " ".join(texts[key].split())[:limit].strip() or "x"
        pages = _site(materialise(None, tmp_path_factory.mktemp("f")), texts)
        if pages is None:
            return
        built["sites"] += 1
        for path, readings in _read(pages).items():
            active, forty_nines = _counts(readings)
            assert active <= harmless_counts[path][0], (path, "a tag the templates do not write")
            assert forty_nines <= harmless_counts[path][1], (path, "{{ 7*7 }} was evaluated")
            for reading in readings:
                assert reading.handlers == [] and reading.bad_urls == [], path
        for path, page in pages.items():
            if path.endswith((".svg", ".xml")):
                root = ET.fromstring(page.encode("utf-8"))  # well-formed: no CDATA breakout
                assert not any(e.tag.rsplit("}", 1)[-1] == "script" for e in root.iter()), path
        shown = " ".join(" ".join(_readings(pages["modules/zaken/index.md"])[0].text).split())
        assert texts["name"] in shown  # the text is there, as text

    run()
    assert built["sites"] >= built["examples"] * 3 // 4, built  # most examples pass the check
