"""The gates themselves: each must fail when the fault it guards against is
introduced into an otherwise clean copy of the site."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ROOT, build_site, open_session, serve


@pytest.fixture(scope="module")
def faulty_site():
    """The shipped site with a low-contrast rule and Material's Google web font."""
    work = ROOT / "build" / "faulty"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("content", "site_theme", "modules"):
        shutil.copytree(ROOT / name, work / name)
    css = work / "content" / "stylesheets" / "retratstoliped.css"
    css.write_text(
        css.read_text(encoding="utf-8") + "\n.md-typeset p { color: #b0b0b0; }\n", encoding="utf-8"
    )
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  font: false\n" in config
    config = config.replace("  font: false\n", "  font:\n    text: Roboto\n")
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    done = build_site(work / "mkdocs.yml", work / "site")
    assert done.returncode == 0, done.stderr
    httpd, url = serve(work / "site")
    yield url
    httpd.shutdown()
    httpd.server_close()


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
