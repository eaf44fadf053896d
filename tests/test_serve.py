"""The editor's loop: under ``mkdocs serve --dirty`` a rebuild after an edit redoes
only the pages whose generated text changed, and those it does redo are current."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import ROOT, copy_project


def _build(project: Path) -> dict[str, int]:
    """A dirty build in this process, as the live server runs it; html path -> mtime."""
    config = load_config(config_file=str(project / "mkdocs.yml"), strict=False)
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # the dirty-build warning
    build(config, dirty=True)
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_dirty_rebuild_redoes_only_the_pages_an_edit_reaches(tmp_path):
    project = copy_project(tmp_path, ROOT / "modules")
    first = _build(project)
    # a module no other module depends on, so its name reaches few pages
    edited = next(
        p for p in sorted((project / "modules").rglob("*.yaml"))
        if p.name not in {"landscape.yaml", "organisations.yaml"}
        and f"module: {p.stem}\n"
        not in "".join(q.read_text("utf-8") for q in (project / "modules").rglob("*.yaml"))
    )
    text = edited.read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", text, re.M).group(1)
    edited.write_text(text.replace(f"name: {name}", "name: Hernoemde module", 1), encoding="utf-8")
    second = _build(project)

    assert set(second) == set(first)
    redone = {p for p in first if second[p] != first[p]}
    page = f"modules/{edited.stem}/index.html"
    assert page in redone and "index.html" in redone  # its own page and the menu card
    assert "Hernoemde module" in (project / "site" / page).read_text(encoding="utf-8")
    untouched = [p for p in first if p.startswith("standaarden/") and p not in redone]
    assert untouched, "a page that does not show the module was rewritten"
    assert len(redone) < len(first) / 2, (len(redone), len(first))
    # the content pages are files, not generated: MkDocs itself skips them
    assert "over/index.html" not in redone
