"""The generated part of the site as ``{path: text}``, without MkDocs.

Paths are relative to the docs folder (``modules/open-zaak/index.md``); with
directory URLs they become the addresses of MODEL.md (``/modules/open-zaak/``).

A page (``*.md``) is YAML front matter followed by finished HTML: the plugin
hands that HTML to MkDocs as the page's content, with no Markdown pass, and
:func:`headings` gives its table of contents. :func:`markdown_source` turns a
page into a Markdown file that any MkDocs-compatible generator builds without
our plugin (``retratstoliped generate``). Every other path is a file as it is
published (JSON, CSV, Atom, SVG).
"""

from __future__ import annotations

import html
import logging
import multiprocessing
import os
import re
from dataclasses import dataclass

from .graph import LandscapeGraph
from .model import Landscape
from .outputs import api, feed
from .views.changes import changes_pages
from .views.claim import claim_pages
from .views.common import Index, module_doc
from .views.dependencies import dependencies_page, graph_picture
from .views.handwritten import hand_written
from .views.home import home_page
from .views.indexes import KINDS, kind_index
from .views.layer import layer_pages
from .views.module import module_page
from .views.organisation import organisation_pages
from .views.out_of_scope import out_of_scope_pages
from .views.standard import standard_pages
from .views.status import status_page

__all__ = ["DEFAULT_INTRO", "Heading", "build_site", "headings", "markdown_source", "searchable"]

log = logging.getLogger("mkdocs.plugins.retratstoliped")

DEFAULT_INTRO = "# Retratstoliped\n"


def build_site(
    landscape: Landscape,
    *,
    intro: str = DEFAULT_INTRO,
    edit_base: str | None = None,
    workers: int | None = None,
) -> dict[str, str]:
    """Every generated page and file of the landscape.

    Args:
        landscape: a landscape that passed the check.
        intro: the hand-written home page (Markdown, content/index.md), shown above
            the menu card.
        edit_base: where module files can be edited on the forge (ends in the model
            folder, e.g. ``https://github.com/org/repo/edit/main/modules``); no edit
            links without it.
        workers: processes that render the pages of modules, organisations, layers
            and standards; by default one per core for a large landscape (see
            :func:`render_entities`). The output is the same for any number.
    """
    index = Index(landscape, LandscapeGraph(landscape))
    picture = graph_picture(index)
    pages: dict[str, str] = {
        "index.md": home_page(index, hand_written(intro)),
        "status/index.md": status_page(index),
        "afhankelijkheden/index.md": dependencies_page(index, picture),
        "afhankelijkheden/afhankelijkheden.svg": '<?xml version="1.0" encoding="utf-8"?>\n'
        + picture.svg
        + "\n",
        "wijzigingen/feed.xml": feed.atom_feed(index),
        "api/landscape.json": api.landscape_json(index),
        "api/landscape.schema.json": api.landscape_json_schema(),
        "api/module.schema.json": api.module_schema_json(),
        "api/modules.csv": api.modules_csv(index),
    }
    pages.update(claim_pages(index, edit_base))
    pages.update(out_of_scope_pages(index))
    pages.update(changes_pages(index))
    for kind in KINDS:
        pages[f"{kind}/index.md"] = kind_index(index, kind)
    pages.update(render_entities(index, edit_base, workers))
    return pages


Job = tuple[str, str]
"""A page (or split pages) of one entity: (kind, id)."""

PARALLEL_FROM = 300
"""Entity pages below which one process renders them all (forking costs more)."""
_STATE: tuple[Index, str | None] | None = None
"""What a forked worker renders from: set before the fork, inherited, never pickled."""


def _render(jobs: list[Job]) -> dict[str, str]:
    assert _STATE is not None
    index, edit_base = _STATE
    pages: dict[str, str] = {}
    for kind, key in jobs:
        if kind == "module":
            pages[module_doc(key)] = module_page(index, key, edit_base)
        elif kind == "organisation":
            pages.update(organisation_pages(index, key))
        elif kind == "layer":
            pages.update(layer_pages(index, key))
        else:
            pages.update(standard_pages(index, key))
    return pages


def render_entities(index: Index, edit_base: str | None, workers: int | None = None) -> dict[str, str]:
    """The pages of every module, organisation, layer and standard, in that order.

    With more than one worker the jobs are dealt round-robin to forked processes
    (pictures and views take most of a build; the processes share nothing but
    what they inherit), and their pages are put back in job order.
    """
    global _STATE
    landscape = index.landscape
    jobs: list[Job] = [("module", i) for i in landscape.modules]
    jobs += [("organisation", i) for i in landscape.organisations]
    jobs += [("layer", layer.id) for layer in landscape.layers]
    jobs += [("standard", i) for i in landscape.standards]
    if workers is None:
        workers = default_workers() if len(jobs) >= PARALLEL_FROM else 1
    _STATE = (index, edit_base)
    try:
        if workers <= 1:
            return _render(jobs)
        chunks = [jobs[n::workers] for n in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_render, chunks)
    finally:
        _STATE = None
    merged: dict[str, str] = {}
    for part in parts:
        merged.update(part)
    order = {job: n for n, job in enumerate(jobs)}
    # back in job order, so that the dict is the same whatever the number of workers
    return dict(sorted(merged.items(), key=lambda item: order[_job_of(item[0], landscape)]))


def _job_of(path: str, landscape: Landscape) -> Job:
    folder, key = path.split("/")[:2]
    kind = {"modules": "module", "organisaties": "organisation", "lagen": "layer"}.get(folder, "standard")
    return (kind, key)


def default_workers() -> int:
    """One process per core this process may use; ``RETRATSTOLIPED_WORKERS`` overrides."""
    if value := os.environ.get("RETRATSTOLIPED_WORKERS"):
        return max(1, int(value))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Heading:
    """A heading of a generated page, for its table of contents."""

    level: int
    id: str
    name: str
    """The heading's text as HTML (escaped), without tags."""


_HEADING = re.compile(r'^<h([2-6]) id="([^"]+)">(.*)</h\1>$', re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")


def headings(page_html: str) -> list[Heading]:
    """The headings with an id that the templates write, one per line, in order.

    The page title (``<h1>``) is not one of them: Material leaves it out of the
    table of contents.
    """
    return [
        Heading(int(level), anchor, _TAG.sub("", inner).strip())
        for level, anchor, inner in _HEADING.findall(page_html)
    ]


# Characters Markdown acts on inside a heading's text.
_MARKDOWN_SPECIAL = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[]{}<>#!|~"})
_TEXT_OR_TAG = re.compile(r"(<[^>]+>)")


def _heading_text(inner: str) -> str:
    """A heading's inner HTML as Markdown: tags stay inline HTML, text is escaped."""
    parts = _TEXT_OR_TAG.split(inner)
    return "".join(
        part if i % 2 else html.unescape(part).translate(_MARKDOWN_SPECIAL)
        for i, part in enumerate(parts)
    )


def markdown_source(page: str) -> str:
    """A generated page as Markdown that plain MkDocs builds the same way.

    The HTML blocks pass through Python-Markdown untouched (every block starts
    with a block-level tag at the start of a line, after a blank line); the
    headings become Markdown headings with their ids (``attr_list``), so the
    table of contents is the same.
    """

    def heading(match: re.Match[str]) -> str:
        level, anchor, inner = match.groups()
        return f"{'#' * int(level)} {_heading_text(inner)} {{ #{anchor} }}"

    return _HEADING.sub(heading, page)


_EXCLUDED = re.compile(
    r'^<(\w+)\b[^>\n]*\bdata-search-exclude\b[^>\n]*>(?:[^\n]*</\1>|.*?^</\1>)$\n?',
    re.MULTILINE | re.DOTALL,
)


def searchable(page_html: str) -> str:
    """The page without the elements marked ``data-search-exclude``.

    Material's search skips them anyway, but only after parsing every tag of
    them; lists of links and pictures are most of a page's bytes. The templates
    write such an element's opening tag at the start of a line, and its closing
    tag at the end of that line or at the start of a later one.
    """
    return _EXCLUDED.sub("", page_html)
