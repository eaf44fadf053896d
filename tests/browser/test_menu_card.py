"""The menu card and the layer pages at the real size: the shipped landscape with every
GEMMA reference component (about 245 modules, ``tests/sitebuild.py gemma_model``).
Every module in scope is linked from the card; the filters work by keyboard and from
the address; axe finds nothing in either scheme; nothing scrolls sideways; the cards
are dense enough for about 225 modules in three screens at 1920x1080; screenshots land
in artifacts/ for a person to look at."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest

from generator.model import Landscape, load_landscape

from ..conftest import copy_project
from ..sitebuild import gemma_model, mkdocs_build
from .conftest import ARTIFACTS, ROOT, SCREENS, format_violations, open_session, serve, sideways, timed

SCREEN = 1080
CARDS_PER_SCREEN = 75
"""About 225 modules in three screens at 1920x1080 (issue 12)."""
CARDS = "ul.rt-menu > li > ol > li"
VISIBLE = f"() => [...document.querySelectorAll('{CARDS}')].filter(li => li.offsetParent !== null)" \
    ".map(li => li.querySelector('a').getAttribute('href'))"


@pytest.fixture(scope="module")
def gemma() -> tuple[Landscape, str]:
    """The real-size site, built without --strict (the GEMMA islands warn) and served."""
    work = ROOT / "build" / "menu-card"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    gemma_model(work / "modules")
    copy_project(work)
    with timed("mkdocs build (GEMMA size)"):
        done = mkdocs_build(work / "mkdocs.yml", work / "site", strict=False)
    assert done.returncode == 0, done.stderr
    subprocess.run(["chmod", "-R", "a+rX", str(work / "site")], check=True)
    httpd, url = serve(work / "site")
    yield load_landscape(work / "modules"), url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def tab(browser, gemma):
    context, session = open_session(browser, gemma[1], viewport={"width": 1366, "height": 768})
    yield session
    context.close()


def _in_scope(landscape: Landscape) -> dict[str, object]:
    return {m.id: m for m in landscape.modules.values() if m.status != "out-of-scope"}


def _ids(hrefs: list[str]) -> list[str]:
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def _shown(web) -> list[str]:
    return _ids(web.page.evaluate(VISIBLE))


def _choose(web, name: str, value: str) -> None:
    """Pick an option of a filter by keyboard: focus the select, arrow down to it."""
    select = web.page.locator(f"form.rt-menu-filters select[name={name}]")
    select.focus()
    for _ in range(select.locator("option").count()):
        if select.input_value() == value:
            return
        web.page.keyboard.press("ArrowDown")
    assert select.input_value() == value, (name, value)


def test_every_module_in_scope_is_linked_from_the_menu_card(tab, gemma):
    landscape, _ = gemma
    tab.goto("")
    hrefs = tab.page.eval_on_selector_all(f"{CARDS} > a", "as => as.map(a => a.getAttribute('href'))")
    assert sorted(_ids(hrefs)) == sorted(_in_scope(landscape))
    assert len(hrefs) > 225
    assert tab.page.locator("a[href='buiten-scope/']").count() >= 1  # the rest: out of scope, why
    assert tab.errors == [] and tab.external == []


def test_filters_by_keyboard_status_layer_organisation_and_role(tab, gemma):
    landscape, _ = gemma
    menu = _in_scope(landscape)
    tab.goto("")
    form = tab.page.locator("form.rt-menu-filters")
    assert form.is_visible()  # the script shows it
    total = len(_shown(tab))
    assert total == len(menu)

    _choose(tab, "status", "wanted")
    assert sorted(_shown(tab)) == sorted(i for i, m in menu.items() if m.status == "wanted")
    _choose(tab, "laag", "diensten")
    expected = sorted(i for i, m in menu.items() if m.status == "wanted" and m.layer == "diensten")
    assert sorted(_shown(tab)) == expected
    assert urlsplit(tab.page.url).fragment == "status=wanted&laag=diensten"
    assert tab.page.inner_text(".rt-menu-status").startswith(f"{len(expected)} van {total} modules")
    assert not tab.page.locator("#laag-kanalen").is_visible()  # a layer without a match is hidden

    tab.page.locator("form.rt-menu-filters button[name=reset]").focus()
    tab.page.keyboard.press("Enter")
    assert len(_shown(tab)) == total and urlsplit(tab.page.url).fragment == ""

    org = "gm0363"
    assert tab.page.locator("select[name=rol]").is_disabled()  # a role needs an organisation
    _choose(tab, "org", org)
    involved = {
        i for i, m in menu.items()
        if org in {m.owner, *(p.org for p in m.partners), *(c.org for c in m.consumers), *m.interested}
    }
    assert set(_shown(tab)) == involved
    roles = dict(tab.page.evaluate(
        f"""() => [...document.querySelectorAll('{CARDS}')].filter(li => !li.hidden).map(li =>
             [li.querySelector('a').getAttribute('href'), li.querySelector('.rt-role').textContent])"""
    ))  # each card says what the organisation does with it
    for href, text in roles.items():
        m = menu[_ids([href])[0]]
        assert text.startswith("Amsterdam: ")
        assert ("neemt af" in text) == (org in {c.org for c in m.consumers}), (href, text)
        assert ("is trekker" in text) == (m.owner == org), (href, text)
    for role, has in [
        ("trekker", lambda m: m.owner == org),
        ("afnemer", lambda m: org in {c.org for c in m.consumers}),
        ("belangstellende", lambda m: org in m.interested),
    ]:
        _choose(tab, "rol", role)
        assert set(_shown(tab)) == {i for i, m in menu.items() if has(m)}, role
    assert urlsplit(tab.page.url).fragment == f"org={org}&rol=belangstellende"
    assert "Amsterdam wil afnemen" in tab.page.inner_text(".rt-menu-status")
    assert tab.errors == []


def test_filters_from_the_address(tab, gemma):
    landscape, _ = gemma
    menu = _in_scope(landscape)
    tab.goto("#org=gm0363&rol=afnemer&status=available")
    assert tab.page.locator("select[name=org]").input_value() == "gm0363"
    assert tab.page.locator("select[name=rol]").input_value() == "afnemer"
    expected = {
        i for i, m in menu.items()
        if m.status == "available" and "gm0363" in {c.org for c in m.consumers}
    }
    assert expected and set(_shown(tab)) == expected
    # a shared address that names no known value shows everything
    tab.page.evaluate("location.hash = '#status=onbekend&laag=diensten'")
    tab.page.wait_for_function("document.querySelector('select[name=status]').value === ''")
    assert sorted(_shown(tab)) == sorted(i for i, m in menu.items() if m.layer == "diensten")
    # an anchor of the contents keeps the filters
    tab.page.evaluate("location.hash = '#laag-diensten'")
    tab.page.wait_for_timeout(50)
    assert tab.page.locator("select[name=laag]").input_value() == "diensten"
    assert tab.errors == []


def test_cards_are_reached_by_tab_with_a_visible_focus(tab):
    tab.goto("")
    tab.page.locator("form.rt-menu-filters button[name=reset]").focus()
    tab.page.keyboard.press("Tab")  # the first layer's name, a link to its page
    assert tab.page.evaluate("document.activeElement.closest('h3') !== null")
    tab.page.keyboard.press("Tab")  # its first card
    focus = tab.page.evaluate(
        """() => { const a = document.activeElement; const s = getComputedStyle(a);
             return [a.closest('ul.rt-menu') !== null, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    assert focus[0] and focus[1] != "none" and focus[2] >= 2, focus
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_url("**/modules/**")


def test_without_javascript_every_card_is_there(browser, gemma):
    landscape, url = gemma
    context, web = open_session(browser, url, java_script_enabled=False)
    try:
        web.goto("")
        assert sorted(_shown(web)) == sorted(_in_scope(landscape))
        assert not web.page.locator("form.rt-menu-filters").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_menu_card_and_layer_page_pass_axe(browser, gemma, scheme):
    context, web = open_session(browser, gemma[1], color_scheme=scheme)
    try:
        web.goto("")
        web.page.locator("form.rt-menu-filters").wait_for(state="visible")
        violations = web.axe()
        assert violations == [], f"menu card ({scheme})\n{format_violations(violations)}"
        web.page.select_option("select[name=org]", "gm0363")
        web.page.select_option("select[name=status]", "available")
        violations = web.axe()
        assert violations == [], f"menu card, filtered ({scheme})\n{format_violations(violations)}"
        for layer in ("diensten", "infrastructuur"):
            web.goto(f"lagen/{layer}/")
            violations = web.axe()
            assert violations == [], f"layer {layer} ({scheme})\n{format_violations(violations)}"
        assert web.errors == [] and web.external == []
    finally:
        context.close()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_nothing_scrolls_sideways(browser, gemma, screen):
    width, height = SCREENS[screen]
    context, web = open_session(browser, gemma[1], viewport={"width": width, "height": height})
    try:
        wide = {}
        for path in ("", "#org=gm0363", "lagen/diensten/", "lagen/infrastructuur/"):
            web.goto(path)
            if (reach := sideways(web.page)) is not None:
                wide[path] = reach
        assert wide == {}, f"pages wider than {width} px: {wide}"
    finally:
        context.close()


def test_about_225_modules_fit_in_three_screens_at_1920(browser, gemma):
    """The cards from the first layer's heading to the end of the last layer, at
    1920x1080: at least 75 cards a screen (225 in three)."""
    context, web = open_session(browser, gemma[1], viewport={"width": 1920, "height": SCREEN})
    try:
        web.goto("")
        top, bottom, cards = web.page.evaluate(
            f"""() => {{ const lists = [...document.querySelectorAll('ul.rt-menu')];
                const first = document.querySelector('h3[id^="laag-"]');
                return [first.getBoundingClientRect().top + scrollY,
                        lists[lists.length - 1].getBoundingClientRect().bottom + scrollY,
                        document.querySelectorAll('{CARDS}').length]; }}"""
        )
        screens = (bottom - top) / SCREEN
        figures = {"cards": cards, "card section (px)": round(bottom - top),
                   "screens": round(screens, 2), "cards per screen": round(cards / screens, 1)}
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "menu-card-figures.json").write_text(json.dumps(figures, indent=1) + "\n")
        assert cards / screens >= CARDS_PER_SCREEN, figures
    finally:
        context.close()


def test_layer_page_draws_the_layer_and_keeps_badges_on_one_line(browser, gemma):
    landscape, url = gemma
    context, web = open_session(browser, url, viewport={"width": 390, "height": 844})
    try:
        web.goto("lagen/diensten/")
        mine = sorted(m.id for m in landscape.modules.values() if m.layer == "diensten")
        hrefs = web.page.eval_on_selector_all(f"{CARDS} > a", "as => as.map(a => a.getAttribute('href'))")
        assert sorted(_ids(hrefs)) == mine
        nodes = web.page.locator(".rt-graph svg a.rt-node")
        assert nodes.count() > 20
        one_line = web.page.evaluate(
            """() => [...document.querySelectorAll('table .rt-badge')].map(b =>
                 b.offsetHeight < 2 * parseFloat(getComputedStyle(b).fontSize))"""
        )
        assert one_line and all(one_line)
    finally:
        context.close()


def test_screenshots_of_the_real_size(browser, gemma):
    """artifacts/menukaart-gemma-<width>-<scheme>.png, laag-gemma-... and
    menukaart-amsterdam-gemma-...: the menu card, the layer Diensten and the menu card
    filtered to what Amsterdam has a role in, at each screen size in both schemes."""
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for screen, (width, height) in SCREENS.items():
            context, web = open_session(
                browser, gemma[1], color_scheme=scheme, viewport={"width": width, "height": height}
            )
            try:
                for name, path in (
                    ("menukaart", ""), ("laag", "lagen/diensten/"), ("menukaart-amsterdam", "#org=gm0363"),
                ):
                    web.goto(path)
                    out = ARTIFACTS / f"{name}-gemma-{screen}-{scheme}.png"
                    web.page.screenshot(path=str(out), full_page=True, animations="disabled")
                    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            finally:
                context.close()
