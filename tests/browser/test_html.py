"""Whole-site gates on the built HTML: vnu (valid HTML) and LinkChecker (no broken
internal links). Both run on every page of the shipped site."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import VNU_JAR, serve, timed

# Stock mkdocs-material 9.8.2 puts autocomplete="off" on its two hidden checkbox
# toggles (#__drawer, #__search) on every page; vnu reports it. It is Material's
# markup, not ours, and harmless: the inputs are never submitted.
VNU_FILTER = r".*Attribute “autocomplete” is only allowed when the input type is.*"


def vnu_errors(site: Path) -> list[str]:
    with timed("vnu"):
        done = subprocess.run(
            [
                "java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
                "--format", "json", "--filterpattern", VNU_FILTER, str(site),
            ],
            capture_output=True,
            text=True,
        )
    messages = json.loads(done.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


LINKCHECKER_RC = "[checking]\nmaxrequestspersecond=100\n"
"""Our own server on 127.0.0.1: no need for LinkChecker's default of 10 requests a second."""


def broken_links(site: Path) -> tuple[int, str]:
    """LinkChecker over HTTP from a local server: run as root it drops to 'nobody',
    which cannot read file:// paths under a 0700 folder (a mktemp -d clone)."""
    exe = Path(sys.executable).parent / "linkchecker"
    rc = site.parent / f"{site.name}.linkcheckerrc"
    rc.write_text(LINKCHECKER_RC, encoding="utf-8")
    httpd, url = serve(site)
    try:
        with timed("linkchecker"):
            done = subprocess.run(
                [str(exe), "--config", str(rc), "--no-status", "--no-warnings", url],
                capture_output=True,
                text=True,
            )
    finally:
        httpd.shutdown()
        httpd.server_close()
    return done.returncode, done.stdout + done.stderr


def test_every_page_is_valid_html(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 5
    assert vnu_errors(site_dir) == []


def test_no_broken_internal_links(site_dir):
    code, log = broken_links(site_dir)
    assert code == 0, log
    assert "0 errors found" in log


def test_vnu_gate_catches_invalid_html(tmp_path):
    bad = tmp_path / "site"
    bad.mkdir()
    (bad / "index.html").write_text(
        "<!doctype html><html lang=nl><head><title>x</title></head>"
        "<body><p><div>block in p</p></body></html>",
        encoding="utf-8",
    )
    assert vnu_errors(bad) != []


def test_linkchecker_gate_catches_a_broken_link(site_dir):
    # under build/, not pytest's 0700 tmp: LinkChecker drops root for 'nobody'
    copy = site_dir.parent / "broken-link-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site_dir, copy)
    subprocess.run(["chmod", "-R", "a+rX", str(copy)], check=True)
    index = copy / "index.html"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "</article>", '<a href="modules/bestaat-niet/">kapot</a></article>', 1
        ),
        encoding="utf-8",
    )
    code, log = broken_links(copy)
    assert code != 0
    assert "bestaat-niet" in log
