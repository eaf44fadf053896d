"""The whole-landscape drawing of /afhankelijkheden/ at the real size (the shipped landscape
with every GEMMA reference component, about 245 modules), in a real browser: every module
in scope linked from the drawing; choosing a module by click, Enter and the search box;
filters and "ook indirect" by keyboard; the state in the address (reload restores it);
pan and zoom with mouse, touch and keyboard inside the frame; axe clean in both schemes,
also with a choice and filters in use; no sideways scrolling of the document; and
screenshots of the shipped and the GEMMA-size drawing in artifacts/."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.graph import LandscapeGraph
from generator.model import load_landscape

from ..conftest import copy_project
from ..sitebuild import gemma_model
from .conftest import ARTIFACTS, ROOT, SCREENS, format_violations, open_session, serve, sideways

PAGE = "afhankelijkheden/"
WIDTH = "parseFloat(document.querySelector('#rt-landscape').getAttribute('width'))"
SCROLL = "(f => [f.scrollLeft, f.scrollTop])(document.querySelector('.rt-graph--full'))"
NODE = "#rt-landscape a.rt-node"
STATUS = "form.rt-filters .rt-graph-status"


@pytest.fixture(scope="module")
def gemma():
    """The GEMMA-size site, built once (without --strict: its islands warn), served, and
    its landscape and graph."""
    work = ROOT / "build" / "landscape-gemma"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    gemma_model(work / "modules")
    copy_project(work)
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"),
         "-d", str(work / "site")],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert done.returncode == 0, done.stderr
    landscape = load_landscape(work / "modules")
    httpd, url = serve(work / "site")
    try:
        yield url, landscape, LandscapeGraph(landscape), work / "site"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def web(browser, gemma):
    context, session = open_session(browser, gemma[0])
    yield session
    assert session.errors == [] and session.external == [], (session.errors, session.external)
    context.close()


def _in_scope(landscape) -> set[str]:
    return {m.id for m in landscape.modules.values() if m.status != "out-of-scope"}


def _lit(web) -> set[str]:
    return set(web.page.eval_on_selector_all(f"{NODE}:not(.rt-dim)", "a => a.map(x => x.dataset.id)"))


def _closure(start: str, step) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for n in step(todo.pop()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def _near(graph, landscape, module_id: str, indirect: bool = False) -> set[str]:
    in_scope = _in_scope(landscape)
    if indirect:
        found = _closure(module_id, graph.dependencies) | _closure(module_id, graph.dependents)
    else:
        found = set(graph.dependencies(module_id)) | set(graph.dependents(module_id))
    return (found | {module_id}) & in_scope


def test_every_module_in_scope_is_linked_from_the_drawing(web, gemma):
    _, landscape, _, site = gemma
    web.goto(PAGE)
    links = web.page.eval_on_selector_all(NODE, "a => a.map(x => [x.dataset.id, x.getAttribute('href')])")
    in_scope = _in_scope(landscape)
    assert len(in_scope) > 200
    assert sorted(i for i, _ in links) == sorted(in_scope)
    for module_id, href in links:
        assert href == f"../modules/{module_id}/"
        assert (site / "modules" / module_id / "index.html").is_file()
    # the table below the drawing says the same as text
    rows = web.page.evaluate(  # Material wraps a table in a scrolling frame of its own
        "document.getElementById('tabel').nextElementSibling"
        ".querySelectorAll('tbody tr td:first-child a').length"
    )
    assert rows == len(in_scope)


def test_without_javascript_the_drawing_and_the_table_say_it_all(browser, gemma):
    url, landscape, _, _ = gemma
    context, web = open_session(browser, url, java_script_enabled=False)
    try:
        web.goto(PAGE)
        assert not web.page.locator("form.rt-filters").is_visible()  # nothing that cannot work
        assert web.page.locator(NODE).count() == len(_in_scope(landscape))
        frame = web.page.evaluate(
            "(f => [f.scrollWidth > f.clientWidth, getComputedStyle(f).overflow])"
            "(document.querySelector('.rt-graph--full'))"
        )
        assert frame == [True, "auto"]  # the drawing at its own size, panned by scrolling
        assert web.page.locator("#tabel").is_visible()
        assert sideways(web.page) is None
    finally:
        context.close()


def test_choosing_a_module_by_click_lights_its_neighbours(web, gemma):
    _, landscape, graph, _ = gemma
    web.goto(PAGE)
    web.page.locator(f'{NODE}[data-id="open-zaak"]').click()
    assert "geselecteerd: Open Zaak." in web.page.inner_text(STATUS)
    assert _lit(web) == _near(graph, landscape, "open-zaak")
    assert web.page.locator(f'{NODE}[data-id="open-zaak"].rt-selected').count() == 1
    assert web.page.evaluate("location.hash") == "#module=open-zaak"
    lit_edges = web.page.locator("#rt-landscape .rt-lit path").count()
    assert lit_edges == len(graph.dependencies("open-zaak")) + len(graph.dependents("open-zaak"))
    # another module; then Escape clears the choice
    other = graph.dependencies("open-zaak")[0]
    web.page.locator(f'{NODE}[data-id="{other}"]').click()
    assert _lit(web) == _near(graph, landscape, other)
    web.page.keyboard.press("Escape")
    assert _lit(web) == _in_scope(landscape)
    assert web.page.evaluate("location.hash") == ""


def test_enter_chooses_a_module_and_enter_again_opens_it(web, gemma):
    _, landscape, graph, _ = gemma
    web.goto(PAGE)
    web.page.locator(f'{NODE}[data-id="open-klant"]').focus()
    web.page.keyboard.press("Enter")
    assert "geselecteerd: Open Klant." in web.page.inner_text(STATUS)
    assert _lit(web) == _near(graph, landscape, "open-klant")
    with web.page.expect_navigation():
        web.page.keyboard.press("Enter")
    assert web.page.url.endswith("/modules/open-klant/")


def test_the_search_box_chooses_a_module(web, gemma):
    _, landscape, graph, _ = gemma
    web.goto(PAGE)
    box = web.page.locator("form.rt-filters input[name=q]")
    box.click()
    box.press_sequentially("burgerzakencomp")  # a part of a name: the first match
    web.page.keyboard.press("Enter")
    chosen = web.page.evaluate("new URLSearchParams(location.hash.slice(1)).get('module')")
    assert "burgerzakencomp" in landscape.modules[chosen].name.lower()
    assert _lit(web) == _near(graph, landscape, chosen)
    box.fill("")
    box.press_sequentially("Open Formulieren")
    web.page.keyboard.press("Enter")
    assert "geselecteerd: Open Formulieren." in web.page.inner_text(STATUS)
    box.fill("")
    box.press_sequentially("bestaat niet")
    web.page.keyboard.press("Enter")
    assert "Geen module gevonden" in web.page.inner_text(STATUS)


def test_also_indirect_and_the_filters_work_by_keyboard(web, gemma):
    _, landscape, graph, _ = gemma
    web.goto(PAGE)
    web.page.locator(f'{NODE}[data-id="open-zaak"]').click()
    web.page.locator("form.rt-filters input[name=indirect]").focus()
    web.page.keyboard.press("Space")
    assert _lit(web) == _near(graph, landscape, "open-zaak", indirect=True)
    assert "indirect=1" in web.page.evaluate("location.hash")
    web.page.locator("form.rt-filters button[name=reset]").focus()
    web.page.keyboard.press("Enter")
    assert _lit(web) == _in_scope(landscape)
    assert web.page.inner_text(STATUS) == f"Alle {len(_in_scope(landscape))} modules getoond."

    # status by keyboard: type the first letters of an option
    web.page.locator("form.rt-filters select[name=status]").focus()
    web.page.keyboard.type("Gezocht")
    wanted = {m.id for m in landscape.modules.values() if m.status == "wanted"}
    assert _lit(web) == wanted
    assert f"{len(wanted)} van {len(_in_scope(landscape))} modules uitgelicht" in web.page.inner_text(STATUS)
    web.page.keyboard.press("Home")  # back to "alle" (typing restarts only after a second)
    # organisation and role: Amsterdam's modules, then the ones it adopts
    web.page.locator("form.rt-filters select[name=owner]").focus()
    web.page.keyboard.type("Amsterdam")
    assert web.page.input_value("form.rt-filters select[name=owner]") == "gm0363"
    modules = [m for m in landscape.modules.values() if m.id in _in_scope(landscape)]
    involved = {m.id for m in modules if m.owner == "gm0363" or "gm0363" in m.interested
                or any(p.org == "gm0363" for p in m.partners) or any(c.org == "gm0363" for c in m.consumers)}
    assert _lit(web) == involved
    web.page.locator("form.rt-filters select[name=role]").focus()
    web.page.keyboard.type("neemt")
    assert _lit(web) == {m.id for m in modules if any(c.org == "gm0363" for c in m.consumers)}
    web.page.locator("form.rt-filters select[name=layer]").focus()
    web.page.keyboard.type("Infra")
    assert _lit(web) == {m.id for m in modules if any(c.org == "gm0363" for c in m.consumers)
                         and m.layer == "infrastructuur"}
    assert web.page.evaluate("location.hash") == "#org=gm0363&role=adopt&layer=infrastructuur"


def test_the_address_holds_the_view_and_a_reload_restores_it(web, gemma):
    _, landscape, graph, _ = gemma
    web.goto(f"{PAGE}#module=open-zaak&org=gm0363&role=adopt&indirect=1")
    form = "form.rt-filters"
    assert web.page.input_value(f"{form} select[name=owner]") == "gm0363"
    assert web.page.input_value(f"{form} select[name=role]") == "adopt"
    assert web.page.is_checked(f"{form} input[name=indirect]")
    adopted = {m.id for m in landscape.modules.values() if any(c.org == "gm0363" for c in m.consumers)}
    expected = (_near(graph, landscape, "open-zaak", indirect=True) & adopted) | {"open-zaak"}
    assert _lit(web) == expected
    web.page.reload()
    assert _lit(web) == expected
    assert web.page.is_checked(f"{form} input[name=indirect]")
    # a shared address with an unknown module or organisation is read as far as it goes
    web.goto(f"{PAGE}#module=bestaat-niet&status=wanted")
    assert _lit(web) == {m.id for m in landscape.modules.values() if m.status == "wanted"}
    # and an anchor such as #tabel is no state
    web.page.evaluate("location.hash = 'tabel'")
    assert web.page.input_value(f"{form} select[name=status]") == "wanted"


def _js_round(x: float) -> int:
    """JavaScript's Math.round (halves up; Python's round() halves to even)."""
    return math.floor(x + 0.5)


def _svg_width(web) -> float:
    return float(web.page.get_attribute("#rt-landscape", "width"))


def test_pan_and_zoom_with_keyboard_mouse_and_touch(browser, gemma):
    context, web = open_session(browser, gemma[0], viewport={"width": 1366, "height": 768}, has_touch=True)
    try:
        web.goto(PAGE)
        frame = web.page.locator(".rt-graph--full")
        natural = float(web.page.evaluate("document.querySelector('#rt-landscape').viewBox.baseVal.width"))
        fitted = _svg_width(web)
        assert fitted <= web.page.evaluate("document.querySelector('.rt-graph--full').clientWidth") + 1
        assert fitted < natural  # at first the drawing is as wide as its frame
        frame.focus()
        web.page.keyboard.press("+")
        bigger = _js_round(fitted * 1.25)
        assert _svg_width(web) == bigger
        web.page.keyboard.press("+")
        assert _svg_width(web) == _js_round(bigger * 1.25)
        before = web.page.evaluate("document.querySelector('.rt-graph--full').scrollLeft")
        web.page.keyboard.press("ArrowRight")
        web.page.wait_for_function(f"document.querySelector('.rt-graph--full').scrollLeft > {before}")
        web.page.keyboard.press("-")
        assert _svg_width(web) == _js_round(_js_round(bigger * 1.25) / 1.25)
        web.page.keyboard.press("0")  # the whole drawing in its frame
        size = web.page.evaluate(
            "(() => { const f = document.querySelector('.rt-graph--full');"
            " const r = f.querySelector('svg').getBoundingClientRect();"
            " return [r.width, r.height, f.clientWidth, f.clientHeight]; })()"
        )
        assert size[0] <= size[2] + 1 and size[1] <= size[3] + 1, size

        # the mouse: drag to pan (no module is chosen by it), Ctrl and the wheel to zoom
        for _ in range(5):
            web.page.click("form.rt-filters button[name=zoom-in]")
        box = frame.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        start = web.page.evaluate(SCROLL)
        web.page.mouse.move(x, y)
        web.page.mouse.down()
        web.page.mouse.move(x - 150, y - 80, steps=5)
        web.page.mouse.up()
        moved = web.page.evaluate(SCROLL)
        assert moved[0] > start[0] and moved[1] > start[1], (start, moved)
        assert web.page.evaluate("location.hash") == ""  # the drag chose nothing
        width = _svg_width(web)
        web.page.keyboard.down("Control")
        web.page.mouse.wheel(0, 300)
        web.page.keyboard.up("Control")
        web.page.wait_for_function(f"{WIDTH} < {width}")

        # touch: two fingers apart zoom in
        width = _svg_width(web)
        cdp = context.new_cdp_session(web.page)

        def touch(kind: str, spread: float) -> None:
            points = [] if kind == "touchEnd" else [
                {"x": x - spread, "y": y, "id": 1}, {"x": x + spread, "y": y, "id": 2}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

        touch("touchStart", 40)
        for spread in (60, 80, 100, 120):
            touch("touchMove", spread)
        touch("touchEnd", 0)
        web.page.wait_for_function(f"{WIDTH} > {width}")
        assert web.errors == [] and web.external == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_is_clean_with_and_without_a_choice_and_filters(browser, gemma, scheme):
    context, web = open_session(browser, gemma[0], color_scheme=scheme)
    try:
        web.goto(PAGE)
        violations = web.axe()
        assert violations == [], f"plain ({scheme})\n{format_violations(violations)}"
        web.page.locator(f'{NODE}[data-id="open-zaak"]').click()
        web.page.check("form.rt-filters input[name=indirect]")
        violations = web.axe()
        assert violations == [], f"a module chosen ({scheme})\n{format_violations(violations)}"
        web.page.select_option("form.rt-filters select[name=status]", "wanted")
        web.page.select_option("form.rt-filters select[name=owner]", "gm0363")
        web.page.locator(f'{NODE}[data-id="open-zaak"]').focus()
        web.page.click("form.rt-landscape-controls summary")  # the help open
        violations = web.axe()
        assert violations == [], f"filters in use ({scheme})\n{format_violations(violations)}"
        assert web.errors == [] and web.external == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_is_visible_on_a_node(browser, gemma, scheme):
    """Tab reaches the nodes in reading order and the focused one gets a thick dark
    border on the drawing's white ground (both schemes)."""
    context, web = open_session(browser, gemma[0], color_scheme=scheme)
    try:
        web.goto(PAGE)
        web.page.locator(".rt-graph--full").focus()
        web.page.keyboard.press("Tab")
        first = web.page.evaluate("document.activeElement.dataset.id")
        order = web.page.eval_on_selector_all(NODE, "a => a.map(x => x.dataset.id)")
        assert first == order[0]
        web.page.keyboard.press("Tab")
        assert web.page.evaluate("document.activeElement.dataset.id") == order[1]
        stroke = web.page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement.querySelector('rect'));"
            " return [s.stroke, s.strokeWidth, s.strokeDasharray]; })()"
        )
        assert stroke == ["rgb(26, 26, 26)", "5px", "none"], stroke
        assert web.page.evaluate("getComputedStyle(document.querySelector('#rt-landscape > rect')).fill") in (
            "rgb(255, 255, 255)", "#ffffff")
    finally:
        context.close()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_document_never_scrolls_sideways_the_drawing_pans_in_its_frame(browser, gemma, screen):
    width, height = SCREENS[screen]
    context, web = open_session(browser, gemma[0], viewport={"width": width, "height": height})
    try:
        web.goto(PAGE)
        assert sideways(web.page) is None
        for _ in range(3):
            web.page.click("form.rt-filters button[name=zoom-in]")
        web.page.locator(f'{NODE}[data-id="open-zaak"]').click()
        assert sideways(web.page) is None
        frame = web.page.evaluate(
            "(() => { const f = document.querySelector('.rt-graph--full');"
            " return [f.scrollWidth, f.clientWidth, f.getBoundingClientRect().right]; })()"
        )
        assert frame[0] > frame[1] and frame[2] <= width, frame
    finally:
        context.close()


def _screenshots(browser, url: str, name: str, chosen: str) -> list[Path]:
    made = []
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        for screen, (width, height) in SCREENS.items():
            context, web = open_session(browser, url, color_scheme=scheme,
                                        viewport={"width": width, "height": height})
            try:
                for selected in (False, True):
                    web.goto(PAGE + (f"#module={chosen}" if selected else ""))
                    if selected:
                        web.page.reload()  # the state from the address, as shared
                    # the controls at the top of the window, the drawing below them
                    web.page.evaluate(
                        "window.scrollTo(0, document.querySelector('form.rt-filters')"
                        ".getBoundingClientRect().top + window.scrollY - 60)"
                    )
                    suffix = "-selected" if selected else ""
                    out = ARTIFACTS / f"landscape-{name}-{screen}-{scheme}{suffix}.png"
                    web.page.screenshot(path=str(out), animations="disabled")
                    made.append(out)
            finally:
                context.close()
    return made


def test_screenshots_of_the_shipped_and_the_gemma_size_landscape(browser, base_url, gemma):
    """artifacts/landscape-<shipped|gemma>-<width>-<scheme>[-selected].png, for a person
    to look at: can they see the whole landscape, who leads what, how far it is, what
    depends on what?"""
    made = _screenshots(browser, base_url, "shipped", "open-zaak")
    made += _screenshots(browser, gemma[0], "gemma", "open-zaak")
    assert len(made) == 24
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in made)
