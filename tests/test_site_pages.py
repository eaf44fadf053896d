"""The generated pages: one per entity, links that resolve, goldens per page type."""

from __future__ import annotations

import html
import os
import posixpath
import re

import pytest
from markupsafe import escape

from generator.model import STATUS_LABELS, Landscape, check_model
from generator.site import build_site

from .conftest import ROOT, TODAY
from .sitebuild import EDIT, add_extra_modules, expected_paths, shipped_site

GOLDEN = ROOT / "tests" / "golden"
CONTENT_PAGES = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
SVG_BLOCK = re.compile(r'(<div class="rt-graph[^"]*" data-search-exclude>\n)<svg.*?</svg>\n', re.DOTALL)


@pytest.fixture
def base(model) -> Landscape:
    """The landscape of tests/fixtures/base."""
    landscape = check_model(model(), today=TODAY).landscape
    assert landscape is not None
    return landscape


@pytest.fixture
def extended(model) -> Landscape:
    """The base landscape with a wanted and an out-of-scope module, and an illustrative one."""
    result = check_model(add_extra_modules(model()), today=TODAY)
    assert result.landscape is not None, result.errors
    return result.landscape


@pytest.fixture(params=["shipped", "extended"])
def site(request) -> tuple[Landscape, dict[str, str]]:
    """A landscape and its generated site: the default model, and the extended fixture."""
    if request.param == "shipped":
        return shipped_site()
    landscape = request.getfixturevalue("extended")
    return landscape, build_site(landscape, intro="# Test\n", edit_base=EDIT)


def test_every_page_type_for_every_entity(site):
    landscape, pages = site
    assert set(pages) == expected_paths(landscape)


def _resolves(here: str, target: str, targets: set[str], pages: dict[str, str] | None = None) -> bool:
    """Whether a relative link leads to a page or file; a link into a generated SVG file
    (``gemeenten.svg#kaart``) also needs that id in the file (given ``pages``)."""
    target, _, fragment = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(here, target))
    if resolved.endswith(".svg") and fragment and pages is not None:
        return resolved in pages and f'id="{fragment}"' in pages[resolved]
    return resolved in targets or f"{resolved}/index.md" in targets or (
        f"{resolved}.md" in targets or (resolved == "." and "index.md" in targets)
    )


def test_every_relative_link_resolves(site):
    _, pages = site
    targets = set(pages) | CONTENT_PAGES
    links = re.compile(r'(?:href|src)="([^"]+)"')
    checked = 0
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for target in links.findall(html.unescape(text)):
            if "://" in target or target.startswith(("mailto:", "#")):
                continue
            assert _resolves(posixpath.dirname(path), target, targets, pages), f"{path}: {target}"
            checked += 1
    assert checked > len(pages)


def test_module_page_shows_the_model(site):
    landscape, pages = site
    for m in landscape.modules.values():
        text = pages[f"modules/{m.id}/index.md"]
        assert text.count(f"\n<h1>{escape(m.name)}</h1>\n") == 1
        assert str(escape(STATUS_LABELS[m.status])) in text
        layer = landscape.layer(m.layer)
        layer_link = f'<a href="../../lagen/{m.layer}/">{escape(layer.name)}</a>'
        assert f'<th scope="row">Laag</th><td>{layer_link}' in text
        if m.owner:
            owner = escape(landscape.organisations[m.owner].name)
            owner_link = f'<a href="../../organisaties/{m.owner}/">{owner}</a>'
            assert f'<th scope="row">Trekker</th><td>{owner_link}' in text
        assert f'<h2 id="afnemers">Afnemers ({len(m.consumers)})</h2>' in text
        for org in [c.org for c in m.consumers] + list(m.interested) + [p.org for p in m.partners]:
            assert f'href="../../organisaties/{org}/"' in text
        for d in m.depends_on:
            assert f'href="../{d.module}/"' in text
        for s in m.standards:
            assert f'href="../../standaarden/{s}/"' in text
        assert f'href="{EDIT}/{m.path}"' in text
        notice = '<p class="admonition-title">Illustratief</p>' in text
        assert notice == m.illustrative, m.id


def test_home_has_every_module_in_scope_as_a_card_in_layer_order(site):
    landscape, pages = site
    home = pages["index.md"]
    for m in landscape.modules.values():
        assert (f'href="modules/{m.id}/"' in home) == (m.status != "out-of-scope"), m.id
    positions = [
        home.index(f'<h3 id="laag-{layer.id}"><a href="lagen/{layer.id}/">') for layer in landscape.layers
    ]
    assert positions == sorted(positions)
    assert home.count('"><strong>') == sum(m.status != "out-of-scope" for m in landscape.modules.values())
    assert 'href="buiten-scope/"' in home


def test_home_keeps_the_intro_first(extended):
    intro = (
        "---\ntitle: Start\n---\n\n# Welkom\n\n"
        "Tekst met [een link](over.md) en [één](intekenen/index.md#x).\n"
    )
    home = build_site(extended, intro=intro)["index.md"]
    assert home.startswith('---\ntitle: "Start"\n---\n\n<h1 id="welkom">Welkom</h1>\n')
    assert '<a href="over/">een link</a>' in home and '<a href="intekenen/#x">' in home
    assert home.index("Welkom") < home.index('<h2 id="de-menukaart">')


def test_home_has_a_title_only_when_its_front_matter_gives_one(extended):
    home = build_site(extended, intro="# Wij & \"zij\"\n")["index.md"]
    assert not home.startswith("---\ntitle:")  # the theme names it after the site
    titled = build_site(extended, intro='---\ntitle: Wij & "zij"\n---\n# X\n')["index.md"]
    assert titled.startswith('---\ntitle: "Wij &amp; &quot;zij&quot;"\n---')


def test_intekenen_lists_every_wanted_module_with_its_file(site):
    landscape, pages = site
    text = pages["intekenen/index.md"]
    wanted = [m for m in landscape.modules.values() if m.status == "wanted"]
    assert f'<h2 id="gezochte-modules">Gezochte modules ({len(wanted)})</h2>' in text
    for m in wanted:
        assert f'<h3 id="module-{m.id}"><a href="../modules/{m.id}/">' in text
        assert f"<code>modules/{escape(m.path)}</code>" in text
        assert f'href="{EDIT}/{m.path}"' in text
        for org in m.interested:
            assert f'href="../organisaties/{org}/"' in text


def test_out_of_scope_page_gives_every_reason(site):
    landscape, pages = site
    text = pages["buiten-scope/index.md"]
    for m in landscape.modules.values():
        heading = f'<h2 id="module-{m.id}">{escape(m.name)}</h2>\n'
        assert (heading in text) == (m.status == "out-of-scope"), m.id


def test_changes_are_newest_first(site):
    landscape, pages = site
    text = html.unescape(pages["wijzigingen/index.md"])
    dates = re.findall(r"^<tr><td>(\d{4}-\d\d-\d\d)</td>", text, re.MULTILINE)
    assert len(dates) == sum(len(m.history) for m in landscape.modules.values())
    assert dates == sorted(dates, reverse=True)


def test_output_is_deterministic(extended):
    assert build_site(extended, edit_base=EDIT) == build_site(extended, edit_base=EDIT)


def test_no_edit_links_without_an_edit_base(extended):
    pages = build_site(extended)
    assert not any("Bewerk" in text for text in pages.values())


def _check_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    text = SVG_BLOCK.sub(r"\1<!-- svg -->\n", text)  # drawings have tests of their own
    if os.environ.get("UPDATE_GOLDEN") == "1":
        assert not os.environ.get("CI"), "UPDATE_GOLDEN rewrites goldens; never under CI"
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"{name} differs (UPDATE_GOLDEN=1 rewrites)"


def _golden_name(page: str) -> str:
    return page.replace("/", "__").removesuffix(".md") + ".html"


BASE_PAGES = [
    "index.md", "modules/mijn-loket/index.md", "organisaties/vng/index.md",
    "lagen/diensten/index.md", "standaarden/zgw-apis/index.md", "status/index.md",
    "intekenen/index.md", "wijzigingen/index.md", "voortgang/index.md", "buiten-scope/index.md",
    "modules/index.md",
    "organisaties/index.md", "lagen/index.md", "standaarden/index.md",
]
EXTENDED_PAGES = [
    "modules/zaken/index.md", "modules/afspraken/index.md", "modules/eigen-app/index.md",
    "organisaties/gm0363/index.md", "intekenen/index.md", "buiten-scope/index.md",
    "organisaties/gm1680/index.md", "organisaties/index.md",
]


@pytest.mark.parametrize("page", BASE_PAGES)
def test_golden_pages_of_the_base_fixture(base, page):
    _check_golden(_golden_name(page), build_site(base, intro="# Test\n", edit_base=EDIT)[page])


@pytest.mark.parametrize("page", EXTENDED_PAGES)
def test_golden_pages_of_the_extended_fixture(extended, page):
    pages = build_site(extended, intro="# Test\n", edit_base=EDIT)
    _check_golden("extended/" + _golden_name(page), pages[page])


def _roles(landscape: Landscape) -> dict[str, set[str]]:
    """Organisation id -> the roles it has in some module."""
    roles: dict[str, set[str]] = {o: set() for o in landscape.organisations}
    for m in landscape.modules.values():
        if m.owner:
            roles[m.owner].add("leads")
        for p in m.partners:
            roles[p.org].add("builds")
        for c in m.consumers:
            roles[c.org].add("adopts")
        for o in m.interested:
            roles[o].add("wants")
    return roles


def test_every_municipality_page_says_what_it_does_or_how_to_start():
    landscape, pages = shipped_site()
    roles = _roles(landscape)
    municipalities = [o for o in landscape.organisations.values() if o.kind == "municipality"]
    assert len(municipalities) == 342
    idle = 0
    for org in municipalities:
        text = pages[f"organisaties/{org.id}/index.md"]
        starts = '<h2 id="zo-doe-je-mee">Zo doe je mee</h2>' in text
        assert starts == (not roles[org.id]), org.id
        assert ('<h2 id="trekker-van">' in text) == bool(roles[org.id]), org.id
        if starts:
            idle += 1
            assert f"<code>interested: [{org.id}]</code>" in text
            assert 'href="../../intekenen/"' in text and 'href="../../volgende-stappen/"' in text
    assert 250 < idle < 342


def test_the_organisations_index_puts_the_ones_without_a_role_apart():
    landscape, pages = shipped_site()
    roles = _roles(landscape)
    text = pages["organisaties/index.md"]
    table, rest = text.split('<h2 id="nog-zonder-rol">')
    with_role = sorted(o for o, r in roles.items() if r)
    assert sorted(re.findall(r'<tr><td><a href="([^"/]+)/">', table)) == with_role
    assert sorted(re.findall(r'<li><a href="([^"/]+)/">', rest)) == sorted(set(roles) - set(with_role))
    assert "Elke gemeente van 2025 staat erbij" in text
    assert '<ul class="rt-columns" data-search-exclude>' in rest


def test_the_menu_filter_offers_only_organisations_with_a_role():
    landscape, pages = shipped_site()
    roles = _roles(landscape)
    select = re.search(r'<select name="org">(.*?)</select>', pages["index.md"], re.S).group(1)
    offered = re.findall(r'<option value="([^"]+)">', select)
    assert sorted(offered) == sorted(o for o, r in roles.items() if r)
    assert len(offered) < 60
