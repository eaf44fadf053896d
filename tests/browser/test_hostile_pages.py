"""Attacks in every text field, loaded in Chromium: no dialog, no injected element.
The site's CSP is bypassed here, so escaping alone has to stop every attack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile import PAYLOADS, hostile_model

from .conftest import open_session, variant_site

INJECTED = (
    "() => document.querySelectorAll("
    "'img[src=\"x\"], [onerror], [onload], a[href^=\"javascript\" i], a[href^=\"data\" i],"
    # a drawing's own style sheet (static rules by class, no model text) is ours
    " a[href^=\"vbscript\" i], article style:not(svg > style),"
    # the one script an article may hold: the drawing's data, JSON that never runs
    " article script:not(#rt-landscape-data[type=\"application/json\"])').length"
)

# The pages whose title is a name in the hostile model (see tests/hostile.py).
NAMED_AFTER = {
    **{f"modules/aanval-{i}/": payload[:80] for i, payload in enumerate(PAYLOADS)},
    "lagen/diensten/": PAYLOADS[2], "standaarden/zgw-apis/": PAYLOADS[4],
    "organisaties/gm0363/": "Amsterdam " + PAYLOADS[6], "organisaties/vng/": PAYLOADS[9],
}


def _attack(work: Path) -> None:
    shutil.rmtree(work / "modules")
    hostile_model(work / "modules")


@pytest.fixture(scope="module")
def hostile_url():
    with variant_site("hostile", _attack) as url:
        yield url


def test_no_attack_runs_or_injects_markup(browser, hostile_url):
    context, web = open_session(browser, hostile_url)  # bypass_csp: escaping must suffice
    dialogs: list[str] = []
    web.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = ["", "afhankelijkheden/", "status/", "intekenen/", "volgende-stappen/", "buiten-scope/",
             "wijzigingen/", "modules/", "organisaties/", "lagen/", "standaarden/", "lagen/diensten/",
             "standaarden/zgw-apis/", "organisaties/gm0363/", "organisaties/vng/"]
    paths += [f"modules/aanval-{i}/" for i in range(len(PAYLOADS))]
    try:
        for path in paths:
            response = web.goto(path)
            assert response.status == 200, path
            web.page.wait_for_timeout(50)
            assert web.page.evaluate(INJECTED) == 0, path
            title = web.page.title()
            if path in NAMED_AFTER:  # exactly the model text: not markup, not escaped twice
                assert title == f"{NAMED_AFTER[path]} - Retratstoliped", (path, title)
            else:  # named in our own words: no model text reached the title
                assert "<" not in title and "&" not in title, (path, title)
        # interact with the graph: selecting nodes renders names into the live region
        web.goto("afhankelijkheden/")
        web.page.locator(".rt-graph--full a.rt-node").first.click()
        assert web.page.evaluate(INJECTED) == 0
        assert dialogs == []
        assert web.external == []
    finally:
        context.close()


def test_the_text_is_shown_as_text(browser, hostile_url):
    context, web = open_session(browser, hostile_url)
    try:
        web.goto("modules/aanval-0/")
        assert web.page.locator("article h1").inner_text() == PAYLOADS[0]
        assert web.page.title().startswith(PAYLOADS[0])
        web.goto("modules/aanval-14/")
        assert web.page.locator("article h1").inner_text() == "{{ config }}"
    finally:
        context.close()
