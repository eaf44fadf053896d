"""A landscape too large for one page per list: long lists are split, the menu card
and the module list roll up, and no page grows with the landscape."""

from __future__ import annotations

import math
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest
from markupsafe import escape

from generator.draw.pictures import NEIGHBOURHOOD_MAX
from generator.graph import LandscapeGraph
from generator.model import Landscape, load_landscape
from generator.outputs.feed import FEED_ENTRIES
from generator.ranking import rank
from generator.site import build_site
from generator.synth import synthesize
from generator.views import out_of_scope, paging
from generator.views.claim import CLAIMS_PER_PAGE
from generator.views.common import Index
from generator.views.layer import layer_page_size
from generator.views.organisation import organisation_pages, organisation_view, organisation_views
from generator.views.paging import PAGE_SIZE, paginate
from generator.views.render import ENV
from generator.views.standard import standard_views

from .sitebuild import EDIT, THEME, expected_paths
from .test_site_pages import CONTENT_PAGES, _resolves

ATOM = {"a": "http://www.w3.org/2005/Atom"}
DRAWING_BUDGET = 2_000_000
"""The whole-landscape drawing's page plus its SVG file, in bytes (issue 12)."""
PAGE_BUDGET = 150_000
"""The largest page the performance issue allows, in bytes of HTML; a generated
page, before the theme wraps it, must stay well under it."""
MENU_BUDGET = 250_000
"""The menu card's budget at 1,000 modules (issue 12)."""


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[Landscape, dict[str, str]]:
    """600 synthetic modules: one layer over 200 modules, over 50 wanted, over 1,000 changes."""
    folder = tmp_path_factory.mktemp("large")
    synthesize(folder, modules=600, organisations=30, seed=3)
    landscape = load_landscape(folder)
    return landscape, build_site(landscape, intro="# Groot\n", edit_base=EDIT)


def _split(first_dir: str, rows: int, size: int = PAGE_SIZE) -> set[str]:
    return {f"{first_dir}/pagina-{n}/index.md" for n in range(2, math.ceil(rows / size) + 1)}


def test_the_fixture_is_large_enough_to_split_every_list(large):
    landscape, _ = large
    layers = Counter(m.layer for m in landscape.modules.values())
    assert max(layers.values()) > PAGE_SIZE
    assert sum(m.status == "wanted" for m in landscape.modules.values()) > CLAIMS_PER_PAGE
    assert sum(len(m.history) for m in landscape.modules.values()) > 5 * PAGE_SIZE
    assert len(landscape.modules) > PAGE_SIZE


def test_every_page_of_every_split_list_is_written(large):
    landscape, pages = large
    changes = sum(len(m.history) for m in landscape.modules.values())
    wanted = sum(m.status == "wanted" for m in landscape.modules.values())
    layers = Counter(m.layer for m in landscape.modules.values())
    out = sum(m.status == "out-of-scope" for m in landscape.modules.values())
    extra = _split("wijzigingen", changes) | _split("intekenen", wanted, CLAIMS_PER_PAGE)
    extra |= _split("buiten-scope", out, out_of_scope.REASONS_PER_PAGE)
    for layer, count in layers.items():
        extra |= _split(f"lagen/{layer}", count, layer_page_size(count))
    for org in landscape.organisations:
        lists = (
            [m for m in landscape.modules.values() if m.owner == org],
            [m for m in landscape.modules.values() for x in m.partners if x.org == org],
            [m for m in landscape.modules.values() for c in m.consumers if c.org == org],
            [m for m in landscape.modules.values() if org in m.interested],
        )
        extra |= _split(f"organisaties/{org}", max(len(rows) for rows in lists))
    for standard in landscape.standards:
        implementers = sum(standard in m.standards for m in landscape.modules.values())
        vias = sum(d.via == standard for m in landscape.modules.values() for d in m.depends_on)
        extra |= _split(f"standaarden/{standard}", max(implementers, vias))
    assert set(pages) == expected_paths(landscape) | extra


def test_every_relative_link_of_the_large_site_resolves(large):
    _, pages = large
    targets = set(pages) | CONTENT_PAGES
    links = re.compile(r'\]\(([^)\s]+)\)|href="([^"]+)"')
    for path, text in pages.items():
        if path.endswith(".md"):
            for md_target, href in links.findall(text):
                target = md_target or href
                if "://" not in target and not target.startswith(("mailto:", "#")):
                    assert _resolves(posixpath.dirname(path), target, targets, pages), f"{path}: {target}"


def _pages_of(pages: dict[str, str], first_dir: str) -> list[str]:
    """The pages of one split list in order: the first, then pagina-2, pagina-3, ..."""
    numbered = sorted(
        (int(m.group(1)), p)
        for p in pages
        if (m := re.fullmatch(re.escape(first_dir) + r"/pagina-(\d+)/index\.md", p))
    )
    return [pages[f"{first_dir}/index.md"], *(pages[p] for _, p in numbered)]


def test_split_changes_list_each_entry_once_newest_first(large):
    landscape, pages = large
    texts = _pages_of(pages, "wijzigingen")
    rows = [re.findall(r"^<tr><td>([^<]+)</td><td><a ", t, re.M) for t in texts]
    assert all(len(r) <= PAGE_SIZE for r in rows)
    dates = [d for page in rows for d in page]
    history = [h.date.isoformat() for m in landscape.modules.values() for h in m.history]
    assert dates == sorted(history, reverse=True)
    count = len(texts)
    for n, text in enumerate(texts, start=1):
        assert f'title: "Wijzigingen (pagina {n} van {count})"' in text
        assert text.count('aria-current="page"') == 2  # the pager above and below the table


def test_split_layer_lists_each_module_once_by_name(large):
    landscape, pages = large
    layer = Counter(m.layer for m in landscape.modules.values()).most_common(1)[0][0]
    texts = _pages_of(pages, f"lagen/{layer}")
    assert len(texts) > 1
    names = [n for t in texts for n in re.findall(r'^<tr><td><a href="[^"]+">([^<]+)</a>', t, re.M)]
    modules = sorted(
        (m for m in landscape.modules.values() if m.layer == layer), key=lambda m: (m.name.lower(), m.id)
    )
    assert names == [str(escape(m.name)) for m in modules]
    for text in texts:
        # the count is the layer's, not the page's
        assert f'<h2 id="modules">Modules ({len(modules)})</h2>' in text


def test_split_claim_list_keeps_the_order_of_the_ranking(large):
    landscape, pages = large
    texts = _pages_of(pages, "intekenen")
    heading = re.compile(r'^<h3 id="module-[^"]+"><a href="\.\./(?:\.\./)?modules/([^/]+)/"', re.M)
    ids = [i for t in texts for i in heading.findall(t)]
    ranking = rank(landscape, LandscapeGraph(landscape))
    assert ids == [r.id for r in ranking if r.status == "wanted"]
    assert all(t.count("\n<h3 ") <= CLAIMS_PER_PAGE for t in texts)


def _pager(page: paging.Page) -> str:
    return str(ENV.get_template("_fragments.html").module.pager(page))


def test_pager_links_every_neighbour_and_marks_the_current_page():
    pages = paginate("lagen/x/index.md", list(range(2 * PAGE_SIZE * 5 + 1)))
    assert len(pages) == 11
    middle = _pager(pages[5])
    links = re.findall(r'href="([^"]+)" aria-label="([^"]+)"', middle)
    assert links[0] == ("../pagina-5/", "Vorige pagina, 5")
    assert links[-1] == ("../pagina-7/", "Volgende pagina, 7")
    assert [label for _, label in links[1:-1]] == [f"Pagina {n}" for n in (1, 4, 5, 6, 7, 8, 11)]
    assert ("../", "Pagina 1") in links and ("../pagina-11/", "Pagina 11") in links
    assert '"./" aria-label="Pagina 6" aria-current="page"' in middle
    assert "../pagina-2/" not in middle  # outside the window: an ellipsis instead
    assert middle.count("…") == 2
    assert "Vorige" not in _pager(pages[0]) and "Volgende" not in _pager(pages[-1])
    assert _pager(paginate("lagen/x/index.md", [1, 2]).pop()).strip() == ""
    assert paginate("wijzigingen/index.md", [])[0].rows == []


def test_module_list_rolls_up_per_layer(large):
    landscape, pages = large
    text = pages["modules/index.md"]
    assert f"telt {len(landscape.modules)} modules" in text
    row = re.compile(r'^<tr><td><a href="\.\./lagen/[^"]+">[^<]+</a></td><td class="rt-num">(\d+)</td>', re.M)
    counts = [int(n) for n in row.findall(text)]
    assert sum(counts) == len(landscape.modules) and len(counts) == len(landscape.layers)


def test_feed_carries_the_newest_changes_only(large):
    landscape, pages = large
    entries = ET.fromstring(pages["wijzigingen/feed.xml"]).findall("a:entry", ATOM)
    assert len(entries) == FEED_ENTRIES < sum(len(m.history) for m in landscape.modules.values())
    newest = max(h.date for m in landscape.modules.values() for h in m.history)
    assert entries[0].find("a:updated", ATOM).text == f"{newest.isoformat()}T00:00:00Z"


def test_no_page_grows_past_the_budget(large):
    """No page of the 600-module site outgrows the page budget, pictures included, with
    room for the theme's HTML around it."""
    own_budget = {"index.md", "afhankelijkheden/index.md"}
    sizes = {p: len(t.encode()) for p, t in large[1].items() if p.endswith(".md") and p not in own_budget}
    path = max(sizes, key=sizes.get)
    assert sizes[path] + THEME <= PAGE_BUDGET, (path, sizes[path])
    # the menu card holds every module: a budget of its own (tests/test_menu_card.py)
    assert len(large[1]["index.md"].encode()) < MENU_BUDGET - 50_000
    # the whole-landscape drawing: the page and its SVG file together (issue 12)
    drawing = large[1]["afhankelijkheden/index.md"] + large[1]["afhankelijkheden/afhankelijkheden.svg"]
    assert len(drawing.encode()) < DRAWING_BUDGET


def _body(page: str) -> str:
    """A generated page without its front matter (the home page may have none)."""
    return page.split("\n---\n", 1)[1] if page.startswith("---\n") else page


VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "source", "wbr"}


class _Balance(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()


def test_every_page_is_balanced_html_with_lists_out_of_search(large):
    _, pages = large
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        body = _body(text)
        checker = _Balance()
        checker.feed(body)
        checker.close()
        assert checker.open == [], (path, checker.open)
        assert "<!--rt:" not in body
        for table in re.findall(r"<table[^>]*>\n<thead><tr><th>Module</th>", body):
            assert "data-search-exclude" in table, path  # lists of links stay out of search
    module_page = pages[f"modules/{next(iter(large[0].modules))}/index.md"]
    assert '<div class="rt-graph" data-search-exclude>\n<svg' in module_page


def test_a_standard_splits_both_its_lists_side_by_side(large, monkeypatch):
    landscape, _ = large
    monkeypatch.setattr(paging, "PAGE_SIZE", 20)
    index = Index(landscape, LandscapeGraph(landscape))
    standard = max(landscape.standards, key=lambda s: len(index.implementers.get(s, [])))
    views = standard_views(index, standard)
    implementers, vias = index.implementers[standard], index.vias.get(standard, [])
    assert len(views) == max(math.ceil(len(implementers) / 20), math.ceil(len(vias) / 20)) > 1
    shown = [row.module for v in views for row in v.rows]
    assert len(shown) == len(implementers)
    assert {re.search(r"modules/([^/]+)/", m.href).group(1) for m in shown} == {m.id for m in implementers}
    assert sum(len(v.vias) for v in views) == len(vias)
    assert [v.page.doc for v in views][1] == f"standaarden/{standard}/pagina-2/index.md"


def test_out_of_scope_reasons_split_by_name(large, monkeypatch):
    landscape, _ = large
    monkeypatch.setattr(out_of_scope, "REASONS_PER_PAGE", 5)
    views = out_of_scope.out_of_scope_views(Index(landscape, LandscapeGraph(landscape)))
    names = [row.module.label for v in views for row in v.rows]
    expected = sorted(
        (m for m in landscape.modules.values() if m.status == "out-of-scope"),
        key=lambda m: (m.name.lower(), m.id),
    )
    assert names == [m.name for m in expected] and len(views) == math.ceil(len(expected) / 5)


def test_organisation_picture_draws_what_it_leads_first(large):
    landscape, _ = large
    index = Index(landscape, LandscapeGraph(landscape))
    org = max(
        (o for o in landscape.organisations if index.leads.get(o)),
        key=lambda o: len(index.adopts.get(o, [])),
    )
    led = {m.id for m in index.leads[org]}
    involved = led | {m.id for m, _ in index.builds.get(org, [])} | {m.id for m in index.adopts.get(org, [])}
    assert len(involved) > NEIGHBOURHOOD_MAX  # the picture must choose
    picture = organisation_view(index, org)
    drawn = set(re.findall(r'<a href="\.\./\.\./modules/([^/]+)/"', str(picture.svg)))
    assert led <= drawn
    assert f"De {NEIGHBOURHOOD_MAX} van de {len(involved)} modules" in str(picture.svg)


def test_an_organisation_splits_its_lists_side_by_side(large, monkeypatch):
    landscape, _ = large
    monkeypatch.setattr(paging, "PAGE_SIZE", 10)
    index = Index(landscape, LandscapeGraph(landscape))
    org = max(landscape.organisations, key=lambda o: len(index.adopts.get(o, [])))
    views = organisation_views(index, org)
    adopts = index.adopts[org]
    assert len(views) == math.ceil(max(len(index.leads.get(org, [])), len(index.builds.get(org, [])),
                                       len(adopts), len(index.wants.get(org, []))) / 10) > 1
    shown = [re.search(r"modules/([^/]+)/", r.module.href).group(1) for v in views for r in v.adopts]
    assert sorted(shown) == sorted(m.id for m in adopts) and len(shown) == len(set(shown))
    assert views[0].svg is not None and all(v.svg is None for v in views[1:])  # one picture
    assert all(v.adopt_page.total == len(adopts) for v in views)
    assert views[1].page.doc == f"organisaties/{org}/pagina-2/index.md"
    split = organisation_pages(index, org)
    targets = set(large[1]) | set(split) | CONTENT_PAGES
    for path, text in split.items():
        for target in re.findall(r'href="([^"]+)"', text):
            if "://" not in target and not target.startswith(("mailto:", "#")):
                assert _resolves(posixpath.dirname(path), target, targets), f"{path}: {target}"


def test_the_pages_are_the_same_whatever_the_number_of_workers(large):
    landscape, pages = large  # built with the default: one process per core
    one = build_site(landscape, intro="# Groot\n", edit_base=EDIT, workers=1)
    three = build_site(landscape, intro="# Groot\n", edit_base=EDIT, workers=3)
    assert list(one.items()) == list(three.items()) == list(pages.items())


def test_search_reads_the_same_sections_without_the_excluded_parts(large):
    """What the plugin hands Material's search gives the same index as the whole page."""
    from material.plugins.search.plugin import Parser

    from generator.site import searchable

    def sections(page_html: str) -> list[tuple[str | None, str, str]]:
        parser = Parser()
        parser.feed(page_html)
        parser.close()
        return [
            (s.id, "".join(s.title).strip(), "".join(s.text).strip())
            for s in parser.data if not s.is_excluded()
        ]

    _, pages = large
    saved = 0
    for path, text in pages.items():
        if path.endswith(".md"):
            body = _body(text)
            light = searchable(body)
            assert sections(light) == sections(body), path
            assert "data-search-exclude" not in light, path
            saved += len(body) - len(light)
    assert saved > sum(len(t) for t in pages.values()) / 2  # most bytes are lists and pictures
