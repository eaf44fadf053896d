"""Browser fixtures: build the shipped site once, serve it on 127.0.0.1, drive
Debian's chromium through Playwright (no `playwright install`), and block and
record every request that leaves the local server.

Follows the recipe in shared/testing (its README lists the pitfalls met here).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from ..conftest import copy_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENS = {"390": (390, 844), "1366": (1366, 768), "1920": (1920, 1080)}
"""Phone, laptop and desktop: no page may scroll sideways at any of them."""
# Playwright already adds --headless, --no-first-run, --disable-background-networking,
# --disable-component-update, --disable-sync and a fresh profile; root needs --no-sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMINGS: dict[str, list[float]] = {}


class timed:
    """Adds the time of a block to TIMINGS[name], reported at the end of the run."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        TIMINGS.setdefault(self.name, []).append(time.perf_counter() - self.start)


def build_site(config: Path, out: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``config`` into ``out`` (world-readable, for LinkChecker)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    if out.exists():
        subprocess.run(["chmod", "-R", "a+rX", str(out)], check=True)
    return done


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """The shipped site, built once per run under build/ (LinkChecker runs as nobody)."""
    out = ROOT / "build" / "browser-site"
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(exist_ok=True)
    os.chmod(out.parent, 0o755)
    with timed("mkdocs build --strict"):
        done = build_site(ROOT / "mkdocs.yml", out)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def serve(directory: Path):
    """A quiet http.server on 127.0.0.1 and a free port, in a thread."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def end_headers(self) -> None:
            # LinkChecker lifts its 10-requests-a-second limit for a server that says this
            self.send_header("LinkChecker", "local test server")
            super().end_headers()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@contextlib.contextmanager
def variant_site(name: str, prepare: Callable[[Path], None]) -> Iterator[str]:
    """A copy of the project under build/<name>, changed by ``prepare``, built and served.

    Yields the base URL; the server stops when the block ends.
    """
    work = ROOT / "build" / name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy_project(work, ROOT / "modules")
    prepare(work)
    done = build_site(work / "mkdocs.yml", work / "site")
    assert done.returncode == 0, done.stderr
    httpd, url = serve(work / "site")
    try:
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    httpd, url = serve(site_dir)
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        with timed("browser launch"):
            b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclasses.dataclass
class Session:
    """One browser tab on the local site, with what it requested and complained about."""

    page: object
    base_url: str
    external: list[str]
    requests: list[str]
    errors: list[str]

    def goto(self, path: str = ""):
        with timed("page load"):
            return self.page.goto(self.base_url + path, wait_until="load")

    def axe(self) -> list[dict]:
        """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now.

        axe skips what is hidden: a control our script shows (the drawing's filters
        start ``hidden``) is checked only once the script has shown it, so this waits
        for that first."""
        self.page.wait_for_function(
            "document.getAnimations().every(a => a.playState !== 'running')"
        )
        if self.page.locator("form.rt-filters").count():
            self.page.locator("form.rt-filters").wait_for(state="visible")
        with timed("axe run"):
            self.page.add_script_tag(path=str(AXE_JS))
            result = self.page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
            )
        return result["violations"]


def open_session(browser, base_url: str, **context_options) -> tuple[object, Session]:
    """A fresh browser context on the site. It bypasses the site's Content-Security-
    Policy by default, because axe is injected as an inline script; test_csp.py
    opens the pages with the policy in force. ``color_scheme="dark"`` gives the
    reader's dark preference, which the site follows with Material's slate scheme."""
    options = {
        "bypass_csp": True,
        "viewport": {"width": 1280, "height": 800},
        "locale": "nl-NL",
        "service_workers": "block",
        **context_options,
    }
    context = browser.new_context(**options)
    own = urlsplit(base_url).netloc
    session = Session(page=None, base_url=base_url, external=[], requests=[], errors=[])

    def gate(route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == own or url.startswith(("data:", "blob:")):
            route.continue_()
        else:  # record, and fail fast instead of waiting on DNS
            session.external.append(url)
            route.abort()

    context.route("**/*", gate)
    context.on("request", lambda r: session.requests.append(r.url))
    session.page = context.new_page()
    session.page.on("console", lambda m: m.type == "error" and session.errors.append(m.text))
    session.page.on("pageerror", lambda e: session.errors.append(str(e)))
    return context, session


@pytest.fixture
def web(browser, base_url):
    context, session = open_session(browser, base_url)
    ARTIFACTS.mkdir(exist_ok=True)
    yield session
    context.close()


def sideways(page) -> dict | None:
    """How far the page reaches past the right edge of the window, or None.

    Material sets ``overflow-x: hidden`` on <html>, so a too wide element does not
    give a scroll bar: it is cut off. Either way ``scrollWidth`` counts it; a wide
    picture or table inside its own scrolling frame does not count."""
    return page.evaluate(
        r"""() => {
          const width = document.documentElement.clientWidth;
          const reach = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
          if (reach <= width) return null;
          const wide = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .filter(e => !e.closest('.md-sidebar, .md-search, [hidden]'))
            .slice(0, 3)
            .map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
                 ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''));
          return {width, reach, wide};
        }"""
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter) -> None:
    if TIMINGS:
        terminalreporter.write_sep("-", "browser timings (seconds)")
        for name, values in TIMINGS.items():
            terminalreporter.write_line(
                f"{name:<24} n={len(values):<4} total={sum(values):8.2f} max={max(values):6.2f}"
            )
