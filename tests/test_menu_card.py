"""The menu card (``/``) and the layer pages' cards and drawing: the view models, the
HTML without JavaScript, the filter data per role, and the size budgets at scale."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from generator.draw.layer import neighbours_max
from generator.graph import LandscapeGraph
from generator.model import Landscape, load_landscape
from generator.synth import synthesize
from generator.views.common import STATUS_ORDER, Index
from generator.views.handwritten import hand_written
from generator.views.home import MENU_MAX, SOFT_HYPHEN, breakable, home_page, home_view
from generator.views.layer import layer_page_size, layer_pages, layer_views

from .sitebuild import ROOT, THEME, shipped_site

MENU_BUDGET = 250_000
"""The menu card at 1,000 modules, as published (issue 12)."""
PAGE_BUDGET = 150_000
"""Any other page, as published."""


def _index(landscape: Landscape) -> Index:
    return Index(landscape, LandscapeGraph(landscape))


@pytest.fixture(scope="module")
def shipped() -> Index:
    return _index(shipped_site()[0])


@pytest.fixture(scope="module")
def synth_1000(tmp_path_factory) -> Index:
    """The benchmark's landscape: 1,000 modules, 342 municipalities."""
    folder = tmp_path_factory.mktemp("synth1000")
    synthesize(folder, modules=1000, organisations=342)
    return _index(load_landscape(folder))


def _cards(view):
    return [card for layer in view.layers for group in layer.groups for card in group.cards]


def test_every_module_in_scope_is_on_the_card_once_by_layer_in_menu_order(shipped):
    view = home_view(shipped, Markup(""))
    landscape = shipped.landscape
    assert [layer.id for layer in view.layers] == [layer.id for layer in landscape.layers]
    in_scope = {m.id for m in landscape.modules.values() if m.status != "out-of-scope"}
    hrefs = [card.module.href for card in _cards(view)]
    assert sorted(hrefs) == sorted(f"modules/{i}/" for i in in_scope)  # each once, none out of scope
    for layer in view.layers:
        ids = [card.module.href.split("/")[1] for group in layer.groups for card in group.cards]
        modules = [landscape.modules[i] for i in ids]
        assert {m.layer for m in modules} <= {layer.id}
        assert layer.count == len(ids)
        # the ready ones first, then by name
        keys = [(STATUS_ORDER.index(m.status), m.name.lower(), m.id) for m in modules]
        assert keys == sorted(keys)
        assert [g.status for g in layer.groups] == sorted(
            {g.status for g in layer.groups}, key=STATUS_ORDER.index
        )
    assert view.total == len(in_scope) == sum(e.count for e in view.legend)
    assert view.out_of_scope == len(landscape.modules) - len(in_scope) > 0
    assert view.out_of_scope_link.href == "buiten-scope/"
    assert not view.rolled_up


def _organisations(view) -> list[str]:
    return [o.value for g in view.filters.organisations for o in g.options]


def test_filter_data_gives_each_organisation_its_role_per_module(shipped):
    view = home_view(shipped, Markup(""))
    landscape = shipped.landscape
    orgs = _organisations(view)
    assert len(orgs) == len(set(orgs))
    for card in _cards(view):
        module = landscape.modules[card.module.href.split("/")[1]]

        def named(numbers):
            return {orgs[n] for n in numbers}

        assert named(card.leads) == ({module.owner} if module.owner else set())
        assert named(card.builds) == {p.org for p in module.partners}
        assert named(card.adopts) == {c.org for c in module.consumers}
        assert named(card.wants) == set(module.interested)
    involved = {
        org
        for m in landscape.modules.values() if m.status != "out-of-scope"
        for org in [m.owner, *[p.org for p in m.partners], *[c.org for c in m.consumers], *m.interested]
        if org
    }
    assert set(orgs) == involved  # every organisation with a role, and no other
    kinds = [landscape.organisations[o].kind for o in orgs]
    assert kinds[0] == "municipality" and kinds == sorted(kinds, key=[
        "municipality", "government", "collective", "supplier", "other"].index)
    assert [r.value for r in view.filters.roles] == ["trekker", "bouwer", "afnemer", "belangstellende"]
    assert "out-of-scope" not in [s.value for s in view.filters.statuses]


class _Menu(HTMLParser):
    """The cards of a page as (href, data attributes, status of their group), and the
    filter form's attributes."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.cards: list[tuple[str, dict, str]] = []
        self.form: dict | None = None
        self._stack: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = attrs
        if tag == "a" and len(self._stack) >= 4:
            li, ol, group, menu = self._stack[-1], self._stack[-2], self._stack[-3], self._stack[-4]
            if ol[0] == "ol" and "rt-menu" in (menu[1].get("class") or ""):
                status = group[1]["class"].removeprefix("rt-status-")
                self.cards.append((attrs["href"], li[1], status))
        if tag not in {"br", "img", "input", "wbr"}:
            self._stack.append((tag, attrs))

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop()[0] != tag:
            pass


def test_without_javascript_every_card_is_there_and_the_form_waits_hidden(shipped):
    landscape = shipped.landscape
    page = home_page(shipped, hand_written("# Menu\n"))
    menu = _Menu(page)
    in_scope = [m for m in landscape.modules.values() if m.status != "out-of-scope"]
    assert sorted(href for href, _, _ in menu.cards) == sorted(f"modules/{m.id}/" for m in in_scope)
    assert {href: status for href, _, status in menu.cards} == {
        f"modules/{m.id}/": m.status for m in in_scope
    }
    assert menu.form is not None and "hidden" in menu.form
    assert page.count("data-search-exclude") == len(landscape.layers)  # the card lists only
    for m in in_scope:  # name, status word and owner are on the card
        owner = landscape.organisations[m.owner].name if m.owner else None
        text = re.search(rf'href="modules/{m.id}/"><strong>(.*?)</a>', page).group(1)
        assert str(Markup.escape(m.name)) in text.replace(SOFT_HYPHEN, "")
        assert ("Trekker: " + str(Markup.escape(owner))) in text if owner else "Trekker" not in text


def test_long_compound_names_break_at_their_joints():
    assert breakable("Archiefportaalcomponent") == f"Archief{SOFT_HYPHEN}portaal{SOFT_HYPHEN}component"
    assert breakable("Open Zaak") == "Open Zaak"
    assert breakable("Componentenbibliotheek") == "Componentenbibliotheek"  # no joint at the start
    assert breakable("Mobiel-toezicht-en-handhavingcomponent").endswith(f"handhaving{SOFT_HYPHEN}component")


def test_menu_card_of_1000_modules_stays_in_its_budget(synth_1000):
    in_scope = sum(m.status != "out-of-scope" for m in synth_1000.landscape.modules.values())
    assert in_scope <= MENU_MAX
    intro = hand_written((ROOT / "content" / "index.md").read_text(encoding="utf-8"))
    page = home_page(synth_1000, intro)
    assert page.count("\"><strong>") == in_scope
    size = len(page.encode())
    assert size + THEME <= MENU_BUDGET, size


def test_layer_pages_of_1000_modules_stay_in_the_page_budget(synth_1000):
    for layer in synth_1000.landscape.layers:
        for path, text in layer_pages(synth_1000, layer.id).items():
            assert len(text.encode()) + THEME <= PAGE_BUDGET, (path, len(text.encode()))


def test_above_1000_modules_the_card_counts_per_layer_and_the_layers_hold_the_cards(tmp_path):
    synthesize(tmp_path, modules=MENU_MAX + 150, organisations=40, seed=7)
    index = _index(load_landscape(tmp_path))
    view = home_view(index, Markup(""))
    assert view.rolled_up and view.filters is None and _cards(view) == []
    assert sum(layer.count for layer in view.layers) == view.total > MENU_MAX
    page = home_page(index, hand_written("# Menu\n"))
    for layer in view.layers:
        assert f'<a href="lagen/{layer.id}/">' in page
        assert sum(t.count for t in layer.counts) == layer.count
    biggest = max(index.landscape.layers, key=lambda layer: len(index.by_layer[layer.id]))
    views = layer_views(index, biggest.id)
    hrefs = [c.module.href.rsplit("/", 2)[-2] for v in views for g in v.groups for c in g.cards]
    assert sorted(hrefs) == sorted(m.id for m in index.by_layer[biggest.id])
    size = layer_page_size(len(hrefs))
    assert len(views) > 1 and all(sum(len(g.cards) for g in v.groups) <= size for v in views)


def _drawn_ids(svg: str) -> set[str]:
    return set(re.findall(r'data-id="([^"]+)"', svg))


def test_a_layer_page_draws_all_its_modules_with_their_neighbours(shipped):
    landscape, graph = shipped.landscape, shipped.graph
    for layer in landscape.layers:
        (view,) = layer_views(shipped, layer.id)
        mine = {m.id for m in shipped.by_layer[layer.id] if m.status != "out-of-scope"}
        if not mine:
            assert view.drawing is None
            continue
        drawing = view.drawing
        linked = {i for i in mine if graph.dependencies(i) or graph.dependents(i)}
        near = {n for i in mine for n in [*graph.dependencies(i), *graph.dependents(i)]} - mine
        drawn = _drawn_ids(drawing.svg)
        assert drawn & {m.id for m in shipped.by_layer[layer.id]} == mine  # every module, linked or not
        assert (drawing.drawn, drawing.unlinked) == (len(mine), len(mine - linked))
        assert drawing.neighbours == drawing.neighbours_total == len(near) <= neighbours_max(len(mine))
        assert drawn - mine == near
        # the cards and the table hold the same modules
        cards = sorted(c.module.label for g in view.groups for c in g.cards)
        assert cards == sorted(r.module.label for r in view.rows)


def test_each_page_of_a_huge_layer_draws_its_own_modules_and_says_what_it_leaves_out(synth_1000):
    index = synth_1000
    layer = max(index.landscape.layers, key=lambda layer: len(index.by_layer[layer.id]))
    views = layer_views(index, layer.id)
    assert len(views) > 1
    pages = layer_pages(index, layer.id)
    seen: set[str] = set()
    capped = 0
    for view, text in zip(views, pages.values(), strict=True):
        on_page = {r.module.href.rsplit("/", 2)[-2] for r in view.rows}
        in_scope = {i for i in on_page if index.landscape.modules[i].status != "out-of-scope"}
        drawn = _drawn_ids(view.drawing.svg)
        assert drawn & {m.id for m in index.by_layer[layer.id]} == in_scope
        cap = neighbours_max(len(in_scope))
        assert view.drawing.neighbours == len(drawn - in_scope) == min(cap, view.drawing.neighbours_total)
        if cap < view.drawing.neighbours_total:
            capped += 1
            assert f"de {cap} van de {view.drawing.neighbours_total} modules uit andere lagen" in text
        assert f"de {len(in_scope)} modules van deze pagina" in text
        seen |= in_scope
    assert capped
    assert seen == {m.id for m in index.by_layer[layer.id] if m.status != "out-of-scope"}
