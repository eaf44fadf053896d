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

from .draw import DrawingCache
from .draw.kaart import SHARED_PATH, shared_svg
from .graph import LandscapeGraph
from .model import Landscape
from .outputs import api, feed
from .outputs.exports import EXPORTS
from .views.changes import changes_pages
from .views.claim import claim_pages
from .views.common import Index, module_doc
from .views.dependencies import dependencies_page, graph_picture
from .views.handwritten import hand_written
from .views.home import home_page
from .views.indexes import KINDS, kind_index
from .views.layer import layer_pages
from .views.module import module_page
from .views.next_steps import next_steps_pages
from .views.organisation import organisation_pages
from .views.out_of_scope import out_of_scope_pages
from .views.progress import progress_page
from .views.render import compile_templates
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
    drawings: DrawingCache | None = None,
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
        drawings: a folder of layouts kept between builds; the output is the same
            without it.
    """
    graph = LandscapeGraph(landscape)
    pages, _ = build_site_parts(
        landscape, graph, intro=intro, edit_base=edit_base, workers=workers, drawings=drawings
    )
    return pages


Job = tuple[str, str]
"""The page (or split pages) of one module, organisation, layer or standard: (kind, id)."""


def build_site_parts(
    landscape: Landscape,
    graph: LandscapeGraph,
    *,
    intro: str,
    edit_base: str | None,
    workers: int | None = None,
    drawings: DrawingCache | None = None,
    jobs: set[Job] | None = None,
    reuse: dict[Job, dict[str, str]] | None = None,
) -> tuple[dict[str, str], dict[Job, dict[str, str]]]:
    """:func:`build_site`, with the pages of each entity job apart; with ``reuse``,
    only ``jobs`` are rendered and the other entity pages are taken from it."""
    compile_templates()
    index = Index(landscape, graph, drawings)
    picture = graph_picture(index)
    pages: dict[str, str] = {
        "index.md": home_page(index, hand_written(intro)),
        "status/index.md": status_page(index),
        "voortgang/index.md": progress_page(index),
        "afhankelijkheden/index.md": dependencies_page(index, picture),
        "afhankelijkheden/afhankelijkheden.svg": '<?xml version="1.0" encoding="utf-8"?>\n'
        + picture.svg
        + "\n",
        SHARED_PATH: shared_svg(),
        "wijzigingen/feed.xml": feed.atom_feed(index),
        "api/landscape.json": api.landscape_json(index),
        "api/landscape.schema.json": api.landscape_json_schema(),
        "api/module.schema.json": api.module_schema_json(),
        "api/modules.csv": api.modules_csv(index),
    }
    pages.update({e.path: e.write(index) for e in EXPORTS})
    pages.update(claim_pages(index, edit_base))
    pages.update(next_steps_pages(index))
    pages.update(out_of_scope_pages(index))
    pages.update(changes_pages(index))
    for kind in KINDS:
        pages[f"{kind}/index.md"] = kind_index(index, kind)
    every = entity_jobs(landscape)
    todo = every if reuse is None or jobs is None else [job for job in every if job in jobs]
    rendered = render_entities(index, edit_base, todo, workers)
    entities = {job: rendered[job] if job in rendered else reuse[job] for job in every}  # type: ignore[index]
    for job_pages in entities.values():
        pages.update(job_pages)
    log.info(f"retratstoliped: {len(rendered)} of {len(every)} modules, organisations, layers "
             f"and standards rendered{_drawn(drawings)}")
    return pages, entities


def _drawn(drawings: DrawingCache | None) -> str:
    if drawings is None:
        return ""
    return f"; {drawings.drawn} pictures drawn, {drawings.hits} from cache"


def entity_jobs(landscape: Landscape) -> list[Job]:
    """Every entity job in site order: modules, organisations, layers, standards."""
    jobs: list[Job] = [("module", i) for i in landscape.modules]
    jobs += [("organisation", i) for i in landscape.organisations]
    jobs += [("layer", layer.id) for layer in landscape.layers]
    jobs += [("standard", i) for i in landscape.standards]
    return jobs


PARALLEL_FROM = 300
"""Entity jobs below which one process renders them all (forking costs more)."""
_STATE: tuple[Index, str | None] | None = None
"""What a forked worker renders from: set before the fork, inherited, never pickled."""


def _render(jobs: list[Job]) -> tuple[dict[Job, dict[str, str]], tuple[int, int, int]]:
    assert _STATE is not None
    index, edit_base = _STATE
    done: dict[Job, dict[str, str]] = {}
    for job in jobs:
        kind, key = job
        if kind == "module":
            done[job] = {module_doc(key): module_page(index, key, edit_base)}
        elif kind == "organisation":
            done[job] = organisation_pages(index, key)
        elif kind == "layer":
            done[job] = layer_pages(index, key)
        else:
            done[job] = standard_pages(index, key)
    cache = index.drawings
    return done, (cache.hits, cache.misses, cache.small) if cache else (0, 0, 0)


def render_entities(
    index: Index, edit_base: str | None, jobs: list[Job], workers: int | None = None
) -> dict[Job, dict[str, str]]:
    """The pages of each job.

    With more than one worker the jobs are dealt round-robin to forked processes
    (pictures and views take most of a build; the processes share nothing but
    what they inherit); each reports the pictures it drew and read, and the
    parent adds them to its drawing cache's counters.
    """
    global _STATE
    if workers is None:
        workers = default_workers() if len(jobs) >= PARALLEL_FROM else 1
    _STATE = (index, edit_base)
    try:
        if workers <= 1:
            return _render(jobs)[0]
        cache = index.drawings
        before = (cache.hits, cache.misses, cache.small) if cache else (0, 0, 0)
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_render, [jobs[n::workers] for n in range(workers)])
    finally:
        _STATE = None
    done: dict[Job, dict[str, str]] = {}
    for part, counts in parts:
        done.update(part)
        if cache:  # each worker started from the parent's counts
            cache.hits += counts[0] - before[0]
            cache.misses += counts[1] - before[1]
            cache.small += counts[2] - before[2]
    return done


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
