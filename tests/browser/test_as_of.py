"""A build of the past (the plugin's ``as_of``): the banner that says so on every page,
and the pages it changes, pass the same gates as the site of now: axe in the light and
the dark scheme, no sideways scrolling, no request to another host; screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ARTIFACTS, SCREENS, format_violations, open_session, sideways, variant_site

PAGES = {"home": "", "progress": "voortgang/", "module": "modules/open-zaak/", "over": "over/"}
BANNER = "Terugblik: zo stond het landschap er op 1 oktober 2026 voor."


def _as_of(work: Path) -> None:
    config = work / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("model_dir:", "as_of: 2026-10-01\n      model_dir:"),
                      encoding="utf-8")


@pytest.fixture(scope="module")
def past_site():
    with variant_site("as-of", _as_of) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_pages_of_the_past_pass_the_gates(browser, past_site, kind, scheme):
    context, web = open_session(browser, past_site, color_scheme=scheme)
    try:
        response = web.goto(PAGES[kind])
        assert response is not None and response.status == 200
        banner = web.page.locator(".md-banner .rt-as-of")
        assert banner.is_visible()
        assert " ".join(banner.inner_text().split()).startswith(BANNER)
        violations = web.axe()
        assert violations == [], f"{kind} ({scheme})\n{format_violations(violations)}"
        assert web.errors == [] and web.external == [], (web.errors, web.external)
    finally:
        context.close()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_pages_of_the_past_do_not_scroll_sideways(browser, past_site, screen):
    width, height = SCREENS[screen]
    ARTIFACTS.mkdir(exist_ok=True)
    for scheme in ("light", "dark"):
        context, web = open_session(browser, past_site, color_scheme=scheme,
                                    viewport={"width": width, "height": height})
        try:
            wide = {}
            for kind, path in sorted(PAGES.items()):
                web.goto(path)
                if (reach := sideways(web.page)) is not None:
                    wide[kind] = reach
                if kind in ("home", "progress"):
                    out = ARTIFACTS / f"as-of-{kind}-{screen}-{scheme}.png"
                    web.page.screenshot(path=str(out), full_page=True, animations="disabled")
            assert wide == {}, f"pages wider than {width} px ({scheme}): {wide}"
        finally:
            context.close()
