"""A synthetic landscape large enough to split every long list (600 modules): the split
pages, the menu card and the drawing with every module, and the module list rolled up
per layer pass the same gates as the shipped site, in both colour schemes and without
sideways scrolling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.synth import synthesize

from .conftest import SCREENS, format_violations, open_session, sideways, variant_site

PAGES = {
    "home, every module": "",
    "dependencies, every module": "afhankelijkheden/",
    "organisation, most modules": "organisaties/gm0331/",  # Lopik, the 9th municipality of 30
    "module list, per layer": "modules/",
    "changes, page 2": "wijzigingen/pagina-2/",
    "layer, page 2": "lagen/diensten/pagina-2/",
    "intekenen, page 2": "intekenen/pagina-2/",
    "progress, 24 quarters": "voortgang/",
}


def _grow(work: Path) -> None:
    shutil.rmtree(work / "modules")
    synthesize(work / "modules", modules=600, organisations=30, seed=3)


@pytest.fixture(scope="module")
def large_site():
    with variant_site("large", _grow) as url:
        yield url


@pytest.fixture
def web(browser, large_site):
    context, session = open_session(browser, large_site)
    yield session
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_split_and_long_pages_pass_the_gates(browser, large_site, kind, scheme):
    context, web = open_session(browser, large_site, color_scheme=scheme)
    try:
        path = PAGES[kind]
        response = web.goto(path)
        assert response is not None and response.status == 200, path
        violations = web.axe()
        assert violations == [], f"{path} ({scheme})\n{format_violations(violations)}"
        assert web.errors == [] and web.external == [], (web.errors, web.external)
    finally:
        context.close()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_long_pages_do_not_scroll_sideways(browser, large_site, screen):
    width, height = SCREENS[screen]
    context, web = open_session(browser, large_site, viewport={"width": width, "height": height})
    try:
        wide = {}
        for kind, path in sorted(PAGES.items()):
            web.goto(path)
            if (reach := sideways(web.page)) is not None:
                wide[kind] = reach
        assert wide == {}, f"pages wider than {width} px: {wide}"
    finally:
        context.close()


def test_pager_is_reached_by_keyboard_and_leads_to_the_next_page(web):
    web.goto("wijzigingen/")
    current = web.page.locator('.rt-pager a[aria-current="page"]').first
    assert current.inner_text() == "1"
    web.page.locator(".rt-pager a", has_text="Volgende").first.focus()
    web.page.keyboard.press("Enter")
    web.page.wait_for_url("**/wijzigingen/pagina-2/")
    assert web.page.locator('.rt-pager a[aria-current="page"]').first.inner_text() == "2"
    assert "pagina 2 van" in web.page.title()


def test_module_page_gets_its_picture_back(web):
    web.goto("lagen/diensten/")
    web.page.locator("article table a[href*='modules/']").first.click()
    web.page.wait_for_url("**/modules/**")
    graph = web.page.locator(".rt-graph svg")
    assert graph.count() == 1
    assert graph.locator("title").first.text_content().startswith("Omgeving van ")
