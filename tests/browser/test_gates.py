"""The gates themselves: each must fail when the fault it guards against is
introduced into an otherwise clean copy of the site."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import open_session, variant_site


def _break(work: Path) -> None:
    css = work / "content" / "stylesheets" / "retratstoliped.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.md-typeset p { color: #b0b0b0; }\n", encoding="utf-8"
    )
    config = (work / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  font: false\n" in config
    config = config.replace("  font: false\n", "  font:\n    text: Roboto\n")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")


@pytest.fixture(scope="module")
def faulty_site():
    """The shipped site with a low-contrast rule and Material's Google web font."""
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


def test_request_gate_catches_an_external_font(browser, faulty_site):
    context, web = open_session(browser, faulty_site)
    try:
        web.goto("")
        assert any("fonts.googleapis.com" in u for u in web.external), web.external
    finally:
        context.close()
