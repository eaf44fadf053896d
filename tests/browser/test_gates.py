"""The gates themselves: each must fail when the fault it guards against is
introduced into an otherwise clean copy of the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SCREENS, open_session, sideways, variant_site

FAULTS = """
.md-typeset p { color: #b0b0b0; }
/* Material's own button colour, which our stylesheet overrides: #4051b5 on the dark
   ground is 2.37:1 (issue 12); the filters are hidden until the script shows them */
.md-typeset .rt-filters .md-button { color: var(--md-primary-fg-color); }
/* a line too wide for a phone */
.md-typeset .rt-lead { min-width: 30rem; }
"""


def _break(work: Path) -> None:
    css = work / "content" / "stylesheets" / "retratstoliped.css"
    css.write_text(css.read_text(encoding="utf-8") + FAULTS, encoding="utf-8")
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  font: false\n" in config
    config = config.replace("  font: false\n", "  font:\n    text: Roboto\n")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def faulty_site():
    """The shipped site with low-contrast rules, a too wide line and Material's
    Google web font."""
    with variant_site("faulty", _break) as url:
        yield url


def test_axe_gate_catches_a_contrast_rule(browser, faulty_site):
    context, web = open_session(browser, faulty_site)
    try:
        web.goto("over/")
        ids = [v["id"] for v in web.axe()]
        assert "color-contrast" in ids
    finally:
        context.close()


def test_dark_scheme_axe_gate_catches_the_drawing_buttons(browser, faulty_site):
    context, web = open_session(browser, faulty_site, color_scheme="dark")
    try:
        web.goto("afhankelijkheden/")
        targets = [
            str(node["target"])
            for v in web.axe() if v["id"] == "color-contrast"
            for node in v["nodes"]
        ]
        assert any("button" in t for t in targets), targets
    finally:
        context.close()


def test_sideways_gate_catches_a_too_wide_line(browser, faulty_site):
    width, height = SCREENS["390"]
    context, web = open_session(browser, faulty_site, viewport={"width": width, "height": height})
    try:
        web.goto("modules/open-zaak/")
        reach = sideways(web.page)
        assert reach is not None and reach["reach"] > width, reach
    finally:
        context.close()


def test_request_gate_catches_an_external_font(browser, faulty_site):
    context, web = open_session(browser, faulty_site)
    try:
        web.goto("")
        assert any("fonts.googleapis.com" in u for u in web.external), web.external
    finally:
        context.close()
