"""The pages ``/wijzigingen/``: every history entry of every module, newest first,
split over ``/wijzigingen/pagina-n/`` when there are many."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Module
from .common import Index, Linker, status_badge
from .paging import Page, paginate
from .render import render


@dataclass(frozen=True)
class Change:
    """One history entry of one module."""

    date: dt.date
    module: Module
    status: str
    note: str


def history_entries(index: Index) -> list[Change]:
    """Every history entry, newest first (then by module id), as the page and the feed list them."""
    entries = [
        Change(h.date, m, h.status, h.note or "")
        for m in index.landscape.modules.values()
        for h in m.history
    ]
    return sorted(entries, key=lambda e: (e.date, e.module.id, e.status), reverse=True)


def changes_pages(index: Index) -> dict[str, str]:
    """The Markdown of every page of the changes list, by docs path."""
    entries = history_entries(index)
    pages: dict[str, str] = {}
    for page in paginate("wijzigingen/index.md", entries):
        pages[page.doc] = render("wijzigingen.md.j2", page=page, rows=_rows(index, page))
    return pages


def _rows(index: Index, page: Page[Change]) -> list[tuple[str, Markup, Markup, str]]:
    """(ISO date, module, status badge, note) of the entries on one page."""
    to = Linker(page.doc, index.landscape)
    return [
        (c.date.isoformat(), to.module(c.module.id, html=True), status_badge(c.status), c.note)
        for c in page.rows
    ]
