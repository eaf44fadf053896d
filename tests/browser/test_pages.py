"""Quality gates in a real browser, one page of every page type of the shipped site:
status 200, no console errors, zero axe WCAG 2.1 A/AA violations, zero requests
to other hosts; search; keyboard; screenshots as test artefacts."""

from __future__ import annotations

import pytest

from generator.model import load_landscape

from .conftest import ARTIFACTS, ROOT, format_violations, open_session

LANDSCAPE = load_landscape(ROOT / "modules")


def _first(ids) -> str:
    return sorted(ids)[0]


def page_types() -> dict[str, str]:
    """One address per page type, taken from the shipped model."""
    module = "open-zaak" if "open-zaak" in LANDSCAPE.modules else _first(LANDSCAPE.modules)
    organisation = "gm0363" if "gm0363" in LANDSCAPE.organisations else _first(LANDSCAPE.organisations)
    return {
        "home": "",
        "module": f"modules/{module}/",
        "organisation": f"organisaties/{organisation}/",
        "layer": f"lagen/{LANDSCAPE.layers[0].id}/",
        "standard": f"standaarden/{_first(LANDSCAPE.standards)}/",
        "status": "status/",
        "intekenen": "intekenen/",
        "afhankelijkheden": "afhankelijkheden/",
        "buiten scope": "buiten-scope/",
        "wijzigingen": "wijzigingen/",
        "over": "over/",
        "bijdragen": "bijdragen/",
        "toegankelijkheid": "toegankelijkheid/",
    }


PAGES = page_types()


def _search(web, word: str) -> None:
    """Type like a person: Material re-reads the box on keyup, so fill() is flaky."""
    box = web.page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(word)
    web.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_type(web, kind):
    path = PAGES[kind]
    response = web.goto(path)
    assert response is not None and response.status == 200, path
    assert web.page.get_attribute("html", "lang") == "nl"
    assert web.page.locator("article h1").first.inner_text().strip(), path
    violations = web.axe()
    assert violations == [], f"{path}\n{format_violations(violations)}"
    assert web.errors == [], web.errors
    assert web.external == [], web.external


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


def test_dark_scheme_if_offered(browser, base_url):
    context, web = open_session(browser, base_url, color_scheme="dark")
    try:
        for kind in ("home", "module"):
            web.goto(PAGES[kind])
            scheme = web.page.get_attribute("body", "data-md-color-scheme")
            assert scheme == "slate"  # the reader's dark preference is honoured
            violations = web.axe()
            assert violations == [], f"{kind} (dark)\n{format_violations(violations)}"
    finally:
        context.close()


def test_screenshots(web):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, kind in (("home", "home"), ("module", "module"), ("graph", "afhankelijkheden")):
        web.goto(PAGES[kind])
        out = ARTIFACTS / f"{name}.png"
        web.page.screenshot(path=str(out), full_page=True, animations="disabled")
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


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
