"""The generated site: every page for every entity, links, API outputs, goldens."""

from __future__ import annotations

import csv
import io
import json
import os
import posixpath
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from generator.model import STATUS_LABELS, check_model, load_landscape
from generator.site import build_site

from .conftest import FIXTURES, ROOT, TODAY

GOLDEN = ROOT / "tests" / "golden"
EDIT = "https://forge.example/edit/main/modules"


@pytest.fixture
def base(model):
    landscape = check_model(model(), today=TODAY).landscape
    assert landscape is not None
    return landscape


@pytest.fixture(scope="module")
def shipped():
    landscape = load_landscape(ROOT / "modules")
    return landscape, build_site(landscape, intro="# Retratstoliped\n", edit_base=EDIT)


def expected_paths(landscape) -> set[str]:
    paths = {
        "index.md", "status/index.md", "intekenen/index.md", "buiten-scope/index.md",
        "wijzigingen/index.md", "wijzigingen/feed.xml", "afhankelijkheden/index.md",
        "afhankelijkheden/afhankelijkheden.svg", "api/landscape.json",
        "api/landscape.schema.json", "api/module.schema.json", "api/modules.csv",
        "modules/index.md", "organisaties/index.md", "lagen/index.md", "standaarden/index.md",
    }
    paths |= {f"modules/{i}/index.md" for i in landscape.modules}
    paths |= {f"organisaties/{i}/index.md" for i in landscape.organisations}
    paths |= {f"lagen/{layer.id}/index.md" for layer in landscape.layers}
    paths |= {f"standaarden/{i}/index.md" for i in landscape.standards}
    return paths


def test_every_page_type_for_every_entity(shipped):
    landscape, pages = shipped
    assert set(pages) == expected_paths(landscape)


CONTENT_PAGES = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}


def test_every_relative_link_resolves(shipped):
    _, pages = shipped
    targets = set(pages) | CONTENT_PAGES
    md_link = re.compile(r"\]\(([^)\s]+)\)")
    html_link = re.compile(r'href="([^"]+)"')
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        here = posixpath.dirname(path)
        for target in md_link.findall(text):
            if "://" in target or target.startswith("mailto:"):
                continue
            resolved = posixpath.normpath(posixpath.join(here, target))
            assert resolved in targets, f"{path}: {target}"
        for href in html_link.findall(text):
            if "://" in href or href.startswith(("mailto:", "#")):
                continue
            resolved = posixpath.normpath(posixpath.join(here, href))
            assert (
                resolved + "/index.md" in targets
                or (resolved == "." and "index.md" in targets)
                or resolved in targets
            ), f"{path}: {href}"


def test_module_page_shows_the_model(shipped):
    landscape, pages = shipped
    m = landscape.modules["open-zaak"]
    text = pages["modules/open-zaak/index.md"]
    assert text.count("\n# Open Zaak\n") == 1
    assert STATUS_LABELS[m.status].replace("(", "&#40;").replace(")", "&#41;") in text
    assert "[Dimpact](../../organisaties/dimpact/index.md)" in text
    assert f"## Afnemers ({len(m.consumers)})" in text
    for c in m.consumers:
        assert f"(../../organisaties/{c.org}/index.md)" in text
    assert "Als deze module uitvalt, raakt dat " in text
    assert f'href="{EDIT}/diensten/open-zaak.yaml"' in text
    assert "[Open Notificaties](../open-notificaties/index.md)" in text


def test_illustrative_modules_say_so(shipped):
    landscape, pages = shipped
    for module_id, m in landscape.modules.items():
        notice = '!!! info "Illustratief"' in pages[f"modules/{module_id}/index.md"]
        assert notice == m.illustrative, module_id


def test_home_has_every_module_as_a_tile_in_layer_order(shipped):
    landscape, pages = shipped
    home = pages["index.md"]
    assert home.startswith("# Retratstoliped\n")
    for m in landscape.modules.values():
        assert f'href="modules/{m.id}/"' in home
    positions = [home.index(f"(lagen/{layer.id}/index.md)") for layer in landscape.layers]
    assert positions == sorted(positions)
    assert home.count('<li class="rt-tile') == len(landscape.modules)


def test_intekenen_lists_every_wanted_module(shipped):
    landscape, pages = shipped
    text = pages["intekenen/index.md"]
    wanted = [m for m in landscape.modules.values() if m.status == "wanted"]
    assert f"## Gezochte modules ({len(wanted)})" in text
    for m in wanted:
        assert f"(../modules/{m.id}/index.md)" in text
        assert f"<code>modules/{m.path.replace('-', '&#45;').replace('.', '&#46;')}</code>" in text


def test_landscape_json_matches_model_and_schema(shipped):
    landscape, pages = shipped
    data = json.loads(pages["api/landscape.json"])
    jsonschema.validate(data, json.loads(pages["api/landscape.schema.json"]))
    by_id = {m["id"]: m for m in data["modules"]}
    assert set(by_id) == set(landscape.modules)
    oz = by_id["open-zaak"]
    assert oz["owner"] == "dimpact" and oz["url"] == "/modules/open-zaak/"
    assert oz["consumers"] == [c.org for c in landscape.modules["open-zaak"].consumers]
    assert oz["depends_on"] == ["open-notificaties"]
    assert all(m["owner"] is None for m in data["modules"] if m["status"] == "wanted")


def test_modules_csv(shipped):
    landscape, pages = shipped
    rows = list(csv.DictReader(io.StringIO(pages["api/modules.csv"])))
    assert [r["id"] for r in rows] == list(landscape.modules)
    row = next(r for r in rows if r["id"] == "open-zaak")
    assert row["owner"] == "dimpact" and row["url"] == "/modules/open-zaak/"


def test_atom_feed_is_valid_and_newest_first(shipped):
    landscape, pages = shipped
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(pages["wijzigingen/feed.xml"])
    entries = feed.findall("a:entry", ns)
    assert len(entries) == sum(len(m.history) for m in landscape.modules.values())
    dates = [e.find("a:updated", ns).text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.find("a:updated", ns).text == dates[0]
    assert len({e.find("a:id", ns).text for e in entries}) == len(entries)


def test_output_is_deterministic(shipped):
    landscape, pages = shipped
    again = build_site(load_landscape(ROOT / "modules"), intro="# Retratstoliped\n", edit_base=EDIT)
    assert again == pages


HOSTILE = "<script>alert(1)</script> {{ config }} {% include 'x' %} [x](javascript:alert(1)) *b* |"


def test_model_text_never_becomes_markup(model):
    folder = model()
    path = folder / "diensten" / "zaken.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("name: Zaken", f"name: {json.dumps(HOSTILE[:80])}")
    text += (
        "description: |\n  <img src=x onerror=alert(1)> [a](javascript:alert(1)) {{ config }}\n"
        "  [ok](https://example.org)\n"
    )
    path.write_text(text, encoding="utf-8")
    landscape = check_model(folder, today=TODAY).landscape
    assert landscape is not None
    pages = build_site(landscape)
    for name, page in pages.items():
        if name.endswith((".json", ".csv")):
            continue
        assert "<script" not in page and "<img" not in page, name
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript", page, re.I), name
        assert "](javascript:" not in page, name  # no Markdown link either
    module = pages["modules/zaken/index.md"]
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#123;&#123; config &#125;&#125;" in module
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in module
    assert "&#123;&#123; config &#125;&#125;" in module  # shown literally, never evaluated


@pytest.mark.parametrize(
    "page",
    ["index.md", "modules/mijn-loket/index.md", "organisaties/vng/index.md", "lagen/diensten/index.md",
     "standaarden/zgw-apis/index.md", "status/index.md", "intekenen/index.md", "wijzigingen/index.md"],
)
def test_golden_pages_of_the_base_fixture(base, page):
    pages = build_site(base, intro="# Test\n", edit_base=EDIT)
    golden = GOLDEN / (page.replace("/", "__").removesuffix(".md") + ".md")
    text = re.sub(r'<div class="rt-graph">\n<svg.*?</svg>\n</div>', "<!-- svg -->", pages[page], flags=re.S)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_mkdocs_build_of_a_fixture_model(tmp_path):
    import shutil
    import subprocess
    import sys

    shutil.copytree(FIXTURES / "base", tmp_path / "modules")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "site_theme", tmp_path / "site_theme")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
         str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    for address in ("", "modules/zaken/", "organisaties/gm0363/", "lagen/portalen/",
                    "standaarden/oidc/", "status/", "intekenen/", "afhankelijkheden/",
                    "buiten-scope/", "wijzigingen/", "over/", "bijdragen/", "toegankelijkheid/"):
        assert (site / address / "index.html").is_file(), address
    for file in ("api/landscape.json", "api/modules.csv", "wijzigingen/feed.xml", "404.html"):
        assert (site / file).is_file(), file
    module = (site / "modules" / "zaken" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../organisaties/gm0363/">Amsterdam</a>' in module


def test_model_error_fails_the_mkdocs_build(tmp_path):
    import shutil
    import subprocess
    import sys

    shutil.copytree(FIXTURES / "base", tmp_path / "modules")
    shutil.copy(FIXTURES / "r5-compatibility" / "diensten" / "via.yaml", tmp_path / "modules" / "diensten")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "site_theme", tmp_path / "site_theme")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode != 0
    assert "diensten/via.yaml:7:10: error: 'inloggen' does not implement standard 'zgw-apis'" in done.stderr
    assert "Traceback" not in done.stderr
