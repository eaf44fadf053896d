"""Screenshots of built pages, to look at them as a reader would.

Builds the site of a model (the shipped one, or ``--gemma`` for one of the real size:
the shipped landscape with every GEMMA reference component), serves it on 127.0.0.1
and saves every page given at 390, 1366 and 1920 px wide, light and dark, into
``artifacts/`` (git-ignored)::

    .venv/bin/python bench/screens.py lagen/infrastructuur/ modules/open-zaak/
    .venv/bin/python bench/screens.py --gemma --full lagen/diensten/

``--full`` takes the whole page instead of the first screen, ``--element`` one element
(the first that matches a CSS selector). The browser is Debian's
chromium driven by Playwright, as in the browser tests.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, SCREENS, build_site  # noqa: E402
from tests.sitebuild import gemma_model, write_config  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", help="site addresses, e.g. lagen/diensten/")
    parser.add_argument("--gemma", action="store_true", help="the real-size model (about 245 modules)")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--element", help="only this element (a CSS selector), e.g. '.rt-graph svg'")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="screens-"))
    try:
        model = gemma_model(work / "modules") if args.gemma else ROOT / "modules"
        site = work / "site"
        done = build_site(write_config(work, model), site) if not args.gemma else _build(work, model, site)
        if done.returncode:
            print(done.stdout + done.stderr, file=sys.stderr)
            return 1
        args.out.mkdir(exist_ok=True)
        model_name = "gemma" if args.gemma else "shipped"
        _shoot(site, args.pages, args.out, model_name, full=args.full, element=args.element)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _build(work: Path, model: Path, site: Path):
    """The real-size model makes ``check`` warn about islands: built without --strict."""
    import os
    import subprocess

    config = write_config(work, model)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, check=False,
    )


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _shoot(
    site: Path, pages: list[str], out: Path, model: str, *, full: bool, element: str | None
) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for name, (width, height) in SCREENS.items():
                    context = browser.new_context(
                        viewport={"width": width, "height": height}, color_scheme=scheme
                    )
                    page = context.new_page()
                    for address in pages:
                        page.goto(base + address.lstrip("/"), wait_until="load")
                        slug = address.strip("/").replace("/", "-").replace("#", "--") or "home"
                        target = out / f"{slug}-{model}-{name}-{scheme}.png"
                        if element:
                            target = target.with_stem(target.stem + "-element")
                            page.locator(element).first.screenshot(path=str(target))
                        else:
                            page.screenshot(path=str(target), full_page=full)
                        wide = page.evaluate("document.documentElement.scrollWidth")
                        print(f"{target.name}: scroll width {wide} of {width}")
                    context.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
