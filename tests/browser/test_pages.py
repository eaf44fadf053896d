"""Quality gates in a real browser, one page of every page type of the shipped site:
status 200, no console errors, zero axe WCAG 2.1 A/AA violations in the light and
the dark scheme, zero requests to other hosts, no sideways scrolling on a phone, a
laptop and a desktop, pictures with the width of the screen; search; keyboard;
screenshots as test artefacts."""

from __future__ import annotations

import pytest

from generator.model import load_landscape

from .conftest import ARTIFACTS, ROOT, SCREENS, format_violations, open_session, sideways

LANDSCAPE = load_landscape(ROOT / "modules")


def _first(ids) -> str:
    return sorted(ids)[0]


def _without_role() -> str:
    """The first municipality that leads, builds, adopts and wants nothing."""
    involved = set()
    for m in LANDSCAPE.modules.values():
        involved.update([m.owner] if m.owner else [])
        involved.update(p.org for p in m.partners)
        involved.update(c.org for c in m.consumers)
        involved.update(m.interested)
    return _first(
        o.id for o in LANDSCAPE.organisations.values() if o.kind == "municipality" and o.id not in involved
    )


def page_types() -> dict[str, str]:
    """One address per page type, taken from the shipped model."""
    module = "open-zaak" if "open-zaak" in LANDSCAPE.modules else _first(LANDSCAPE.modules)
    organisation = "gm0363" if "gm0363" in LANDSCAPE.organisations else _first(LANDSCAPE.organisations)
    return {
        "home": "",
        "module": f"modules/{module}/",
        "organisation": f"organisaties/{organisation}/",
        "municipality without a role": f"organisaties/{_without_role()}/",
        "layer": f"lagen/{LANDSCAPE.layers[0].id}/",
        "standard": f"standaarden/{_first(LANDSCAPE.standards)}/",
        "status": "status/",
        "intekenen": "intekenen/",
        "volgende stappen": "volgende-stappen/",
        "afhankelijkheden": "afhankelijkheden/",
        "buiten scope": "buiten-scope/",
        "wijzigingen": "wijzigingen/",
        "voortgang": "voortgang/",
        "modules index": "modules/",
        "layers index": "lagen/",
        "organisations index": "organisaties/",
        "standards index": "standaarden/",
        "over": "over/",
        "bijdragen": "bijdragen/",
        "toegankelijkheid": "toegankelijkheid/",
    }


PAGES = page_types()
PICTURE_PAGES = ("home", "module", "organisation", "layer", "afhankelijkheden")
"""Pages whose main content is a picture: no sidebar takes its room on a wide screen."""
SCHEMES = ("light", "dark")


def _search(web, word: str) -> None:
    """Type like a person: Material re-reads the box on keyup, so fill() is flaky."""
    box = web.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    web.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


@pytest.fixture(params=SCHEMES)
def scheme(request) -> str:
    return request.param


@pytest.fixture
def web_in(browser, base_url, scheme):
    """A tab whose reader prefers the light or the dark scheme."""
    context, session = open_session(browser, base_url, color_scheme=scheme)
    yield session
    context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_type(web_in, scheme, kind):
    web = web_in
    path = PAGES[kind]
    response = web.goto(path)
    assert response is not None and response.status == 200, path
    assert web.page.get_attribute("html", "lang") == "nl"
    assert web.page.locator("article h1").first.inner_text().strip(), path
    # the reader's preference is honoured: Material's slate scheme when dark
    expected = "slate" if scheme == "dark" else "default"
    assert web.page.get_attribute("body", "data-md-color-scheme") == expected
    violations = web.axe()
    assert violations == [], f"{path} ({scheme})\n{format_violations(violations)}"
    assert web.errors == [], web.errors
    assert web.external == [], web.external


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_no_page_scrolls_sideways(browser, base_url, screen):
    width, height = SCREENS[screen]
    context, web = open_session(browser, base_url, viewport={"width": width, "height": height})
    try:
        wide = {}
        for kind, path in [*sorted(PAGES.items()), ("404", "404.html")]:
            web.goto(path)
            if (reach := sideways(web.page)) is not None:
                wide[kind] = reach
        assert wide == {}, f"pages wider than {width} px: {wide}"
    finally:
        context.close()


@pytest.mark.parametrize("screen", ["1366", "1920"])
def test_pictures_get_the_width_of_the_screen(browser, base_url, screen):
    """On a laptop and a desktop the navigation sidebar makes room for the picture
    (its links are tabs above the page), and a drawing's frame is as wide as the
    drawing or most of the screen; a larger drawing pans inside its frame."""
    width, height = SCREENS[screen]
    context, web = open_session(browser, base_url, viewport={"width": width, "height": height})
    try:
        for kind in PICTURE_PAGES:
            web.goto(PAGES[kind])
            page = web.page
            assert not page.locator(".md-sidebar--primary").is_visible(), kind
            assert page.locator(".md-tabs").is_visible(), kind  # the navigation is still there
            article = page.evaluate("() => document.querySelector('article').clientWidth")
            assert article >= 0.75 * width, (kind, article)
            if kind == "home":
                menu = page.evaluate("() => document.querySelector('ul.rt-menu').clientWidth")
                assert menu >= 0.75 * width, (kind, menu)
            for frame, drawing, overflow in page.evaluate(
                """() => [...document.querySelectorAll('.rt-graph')].map(f => [
                     f.clientWidth, parseFloat(f.querySelector('svg').getAttribute('width')),
                     getComputedStyle(f).overflowX])"""
            ):
                assert frame >= min(drawing, 0.75 * width) - 2, (kind, frame, drawing)
                assert overflow == "auto", kind
        # a text page keeps its navigation sidebar
        web.goto(PAGES["over"])
        assert web.page.locator(".md-sidebar--primary").is_visible()
        assert not web.page.locator(".md-tabs").is_visible()
    finally:
        context.close()


def test_long_picture_pages_keep_their_table_of_contents(browser, base_url):
    context, web = open_session(browser, base_url, viewport={"width": 1366, "height": 768})
    try:
        for kind in ("home", "module", "organisation"):
            web.goto(PAGES[kind])
            toc = web.page.locator(".md-sidebar--secondary .md-nav__link")
            assert toc.count() >= 2 and toc.first.is_visible(), kind
        # a phone reaches the navigation through the drawer on a picture page too
        web.page.set_viewport_size({"width": 390, "height": 844})
        web.goto(PAGES["module"])
        web.page.click('label.md-header__button[for="__drawer"]')
        link = web.page.locator(".md-sidebar--primary a.md-nav__link", has_text="Status").first
        link.wait_for(state="visible")
    finally:
        context.close()


def test_status_badges_stay_on_one_line_in_tables(web):
    """A badge that wraps makes a long table three times as long (issue 12)."""
    web.page.set_viewport_size({"width": 390, "height": 844})
    for kind in ("afhankelijkheden", "layer", "status", "organisation"):
        web.goto(PAGES[kind])
        one_line = web.page.evaluate(
            """() => [...document.querySelectorAll('table .rt-badge')].map(b =>
                 b.offsetHeight < 2 * parseFloat(getComputedStyle(b).fontSize))"""
        )
        assert one_line and all(one_line), kind


def test_404_page(web):
    # the forge serves 404.html for unknown addresses; http.server does not, so open it
    response = web.goto("404.html")
    assert response.status == 200
    assert web.page.locator("article h1").first.inner_text().strip() == "404 - Niet gevonden"
    assert web.axe() == []
    assert web.external == []


def test_search_finds_a_module_by_a_dutch_word_from_its_summary(web):
    web.goto("")
    _search(web, "zaakgericht")
    hrefs = [
        a.get_attribute("href")
        for a in web.page.locator(".md-search-result__item a").all()
    ]
    assert any("modules/open-zaak/" in h for h in hrefs), hrefs
    violations = web.axe()
    assert violations == [], format_violations(violations)
    assert any(u.endswith("lunr.nl.min.js") for u in web.requests)
    web.page.screenshot(path=str(ARTIFACTS / "search.png"), animations="disabled")
    assert web.external == []


def test_search_in_the_dark_scheme(browser, base_url):
    context, web = open_session(browser, base_url, color_scheme="dark")
    try:
        web.goto("")
        _search(web, "zaakgericht")
        violations = web.axe()
        assert violations == [], "search (dark)\n" + format_violations(violations)
    finally:
        context.close()


SCREENSHOTS = (
    "home", "module", "organisation", "layer", "afhankelijkheden", "status", "voortgang",
    "organisations index", "municipality without a role",
)


def test_screenshots(browser, base_url):
    """Every picture page and the status page at each screen size in both schemes:
    artifacts/<page>-<width>-<scheme>.png, for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in SCHEMES:
        for screen, (width, height) in SCREENS.items():
            context, web = open_session(
                browser, base_url, color_scheme=scheme, viewport={"width": width, "height": height}
            )
            try:
                for kind in SCREENSHOTS:
                    web.goto(PAGES[kind])
                    out = ARTIFACTS / f"{kind.replace(' ', '-')}-{screen}-{scheme}.png"
                    web.page.screenshot(path=str(out), full_page=True, animations="disabled")
                    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            finally:
                context.close()


def test_graph_filters_keyboard_and_axe(web):
    web.goto(PAGES["afhankelijkheden"])
    form = web.page.locator("form.rt-filters")
    assert form.is_visible()  # the script un-hides it
    total = web.page.locator(".rt-graph--full a.rt-node").count()
    assert total > 20
    web.page.select_option("form.rt-filters select[name=status]", "wanted")
    wanted = web.page.locator(".rt-graph--full a.rt-node[data-status=wanted]").count()
    dimmed = web.page.locator(".rt-graph--full a.rt-node.rt-dim").count()
    assert dimmed == total - wanted
    assert f"{wanted} van {total} modules uitgelicht" in web.page.inner_text(".rt-graph-status")
    violations = web.axe()
    assert violations == [], "filters in use\n" + format_violations(violations)
    web.page.click("form.rt-filters button[name=reset]")
    assert web.page.locator(".rt-graph--full a.rt-node.rt-dim").count() == 0

    # keyboard: Tab reaches the filters and the nodes; Enter selects, Enter again follows
    web.page.focus("form.rt-filters select[name=owner]")
    reached = set()
    for _ in range(total + 12):
        web.page.keyboard.press("Tab")
        active = web.page.evaluate(
            "() => { const a = document.activeElement;"
            " return a.dataset && a.dataset.id ? 'node:' + a.dataset.id : a.tagName + ':' + (a.name || ''); }"
        )
        reached.add(active)
    assert {"SELECT:status", "SELECT:layer", "BUTTON:reset", "BUTTON:zoom-in"} <= reached
    nodes = {r for r in reached if r.startswith("node:")}
    assert len(nodes) == total, f"{len(nodes)} of {total} nodes reachable by Tab"
    node = web.page.locator('.rt-graph--full a.rt-node[data-id="open-zaak"]')
    node.focus()
    web.page.keyboard.press("Enter")
    assert "geselecteerd: Open Zaak" in web.page.inner_text(".rt-graph-status")
    near = web.page.locator(".rt-graph--full a.rt-node:not(.rt-dim)").count()
    assert 1 < near < total
    assert web.axe() == []
    with web.page.expect_navigation():
        web.page.keyboard.press("Enter")
    assert web.page.url.endswith("/modules/open-zaak/")
    assert web.errors == [] and web.external == []


def test_graph_zoom(web):
    web.goto(PAGES["afhankelijkheden"])
    svg = ".rt-graph--full svg"
    before = float(web.page.get_attribute(svg, "width"))
    web.page.click("form.rt-filters button[name=zoom-in]")
    assert float(web.page.get_attribute(svg, "width")) == round(before * 1.25)
    web.page.click("form.rt-filters button[name=zoom-fit]")
    fitted = float(web.page.get_attribute(svg, "width"))
    box = web.page.evaluate("() => document.querySelector('.rt-graph--full').clientWidth")
    assert abs(fitted - box) <= 1


def test_graph_controls_in_use_in_the_dark_scheme(browser, base_url):
    """The drawing's filters and buttons, in use and with the focus on a button, in
    the dark scheme (issue 12: the buttons were 2.34:1 there)."""
    context, web = open_session(browser, base_url, color_scheme="dark")
    try:
        web.goto(PAGES["afhankelijkheden"])
        web.page.select_option("form.rt-filters select[name=status]", "wanted")
        web.page.locator('.rt-graph--full a.rt-node[data-id="open-zaak"]').click()
        for button in ("reset", "zoom-in"):
            web.page.focus(f"form.rt-filters button[name={button}]")
            violations = web.axe()
            assert violations == [], f"{button} focused (dark)\n" + format_violations(violations)
        web.page.hover("form.rt-filters button[name=zoom-fit]")
        violations = web.axe()
        assert violations == [], "hovered (dark)\n" + format_violations(violations)
    finally:
        context.close()
