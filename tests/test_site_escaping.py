"""Model text is data: autoescaped plain fields, sanitised Markdown fields, safe links.

Checked three ways: the helpers of generator/text.py and the template
fragments on their own (with Hypothesis), the generated pages of a hostile
model, and the HTML that mkdocs makes of it.
"""

from __future__ import annotations

import html
import json
import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from generator.model import check_model
from generator.site import build_site
from generator.text import clean, front_matter, rich
from generator.views.common import Link, external
from generator.views.render import ENV

from .conftest import TODAY
from .sitebuild import Tags, mkdocs_build, write_config

HOSTILE = "<script>alert(1)</script> {{ config }} [x](javascript:alert(1)) *b* | {% raw %}"


def _normal(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", clean(text)).strip()


def _text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=60)
FRAGMENTS = ENV.get_template("_fragments.html").module


@settings(max_examples=200)
@given(texts, texts)
def test_a_link_shows_its_label_as_text_and_keeps_its_href(label, href):
    rendered = str(FRAGMENTS.link(Link(label, href)))
    assert rendered.count("<") == 2 and rendered.count(">") == 2  # <a ...> and </a>, nothing else
    match = re.fullmatch(r'<a href="([^"<>]*)">([^<>]*)</a>', rendered)
    assert match is not None, rendered
    assert html.unescape(match.group(1)) == clean(href)
    assert html.unescape(match.group(2)) == clean(label)


@given(texts)
def test_a_link_without_href_is_only_text(label):
    rendered = str(FRAGMENTS.link(Link(label, None)))
    assert "<" not in rendered and ">" not in rendered
    assert html.unescape(rendered) == clean(label)


@given(texts)
def test_front_matter_title_is_a_yaml_string_of_html_text(text):
    value = front_matter(title=text)
    assert value.isascii()
    parsed = yaml.safe_load(value.split("---")[1])["title"]
    assert html.unescape(parsed) == _normal(text)
    assert "<" not in parsed and '"' not in parsed


def test_external_link_keeps_markdown_characters_in_its_url():
    url = "https://a.example/[x](javascript:alert(1))*e*?a=1&b=<2>"
    rendered = str(FRAGMENTS.link(external(url)))
    assert len(re.findall(r"<a ", rendered)) == 1 and "<em>" not in rendered
    href = re.search(r'href="([^"]*)"', rendered).group(1)
    assert html.unescape(href) == url


def test_external_link_refuses_other_schemes():
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//x.example",
                "vbscript:x", "https://a.example/ x", "https://a.example/\x00"):
        assert external(url, "label") == Link("label", None), url
        assert "<a" not in FRAGMENTS.link(external(url, "label")), url


def test_rich_keeps_markdown_and_removes_html_and_bad_links():
    text = (
        "**vet** [ok](https://example.org) <img src=x onerror=alert(1)>\n\n"
        "[a](javascript:alert(1)) ![i](data:image/png;base64,xx) {{ config }} {% raw %}\n\n"
        "<script>alert(1)</script><div onclick=x>d</div>\n\n```\n</div><b>code</b>\n```\n"
    )
    out = str(rich(text))
    assert "<strong>vet</strong>" in out
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in out
    for bad in ("<img", "<script", "onclick", "onerror", "javascript:", "data:", "<b>", "<div onclick"):
        assert bad not in out, bad
    assert "<div" not in out
    assert "{{ config }}" in out and "{% raw %}" in out  # text, never a template


def _hostile_model(model):
    folder = model()
    zaken = folder / "diensten" / "zaken.yaml"
    text = zaken.read_text(encoding="utf-8")
    text = text.replace("name: Zaken", f"name: {json.dumps(HOSTILE[:80])}")
    text = text.replace(
        "summary: Registratie van zaken volgens de ZGW API's.",
        'summary: "\\"><script>alert(2)</script> {{ x }}"',
    )
    text = text.replace(
        "website: https://example.org/zaken", "website: https://a.example/[x](javascript:alert(3))"
    )
    text += (
        "description: |\n  <img src=x onerror=alert(1)> [a](javascript:alert(1)) {{ config }}\n"
        "  [ok](https://example.org)\n"
        "history:\n  - date: 2024-01-01\n    status: available\n"
        '    note: "\\x01<b>note</b> {{ n }} [l](javascript:x)"\n'
    )
    zaken.write_text(text, encoding="utf-8")
    orgs = folder / "organisations.yaml"
    orgs.write_text(
        orgs.read_text(encoding="utf-8").replace(
            "name: Utrecht", 'name: "</title><script>alert(4)</script>"'
        ),
        encoding="utf-8",
    )
    landscape = check_model(folder, today=TODAY).landscape
    assert landscape is not None
    return folder, landscape


def test_hostile_model_text_never_becomes_markup(model):
    _, landscape = _hostile_model(model)
    pages = build_site(landscape, edit_base="https://forge.example/edit/main/modules")
    for name, page in pages.items():
        if not name.endswith((".md", ".svg")):
            continue  # data formats: json, csv and xml carry the text as data
        # the one script element a page may hold: the drawing's data, as JSON that
        # Jinja's tojson escaped (no <, so nothing in it can end the element)
        data = re.findall(r'<script type="application/json" id="rt-landscape-data"[^>]*>([^<]*)</script>',
                          page)
        assert page.count("<script") == len(data) <= (name == "afhankelijkheden/index.md"), name
        for bad in ("<img", "<b>", "\x01"):
            assert bad not in page, (name, bad)
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*javascript", page, re.IGNORECASE), name
    module = pages["modules/zaken/index.md"]
    assert f"<h1>{escape(HOSTILE)}</h1>" in module
    assert "{{ config }}" in module  # shown literally, never evaluated
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in module


def test_hostile_model_text_stays_text_in_the_built_html(model, tmp_path):
    folder, _ = _hostile_model(model)
    done = mkdocs_build(write_config(tmp_path, folder), tmp_path / "site")
    assert done.returncode == 0, done.stderr
    site = tmp_path / "site"
    for page in site.rglob("*.html"):
        tags = Tags(page.read_text(encoding="utf-8"))
        assert not any("alert(" in script for script in tags.scripts), page
        for name, attrs in tags.tags:
            assert name not in ("img", "b", "i"), (page, name)
            for key, value in attrs.items():
                assert not key.startswith("on"), (page, name, key)
                assert not (value or "").strip().lower().startswith("javascript:"), (page, value)
    zaken = Tags((site / "modules" / "zaken" / "index.html").read_text(encoding="utf-8"))
    assert zaken.title.startswith(HOSTILE[:80].strip())
    description = [m["content"] for m in zaken.find("meta") if m.get("name") == "description"]
    assert description == ['"><script>alert(2)</script> {{ x }}']
    website = [a["href"] for a in zaken.find("a") if "a.example" in (a.get("href") or "")]
    assert website == ["https://a.example/[x](javascript:alert(3))"]
    utrecht = Tags((site / "organisaties" / "gm0344" / "index.html").read_text(encoding="utf-8"))
    assert utrecht.title.startswith("</title><script>alert(4)</script>")
