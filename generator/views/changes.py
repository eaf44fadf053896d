"""The pages ``/wijzigingen/``: every history entry of every module, newest first,
split over ``/wijzigingen/pagina-n/`` when there are many."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Module
from .common import Index, Link, Linker
from .paging import Page, paginate
from .render import render_pages


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


@dataclass(frozen=True)
class ChangeRow:
    """A change as the page lists it."""

    date: str
    module: Link
    status: str
    note: str


@dataclass(frozen=True)
class ChangesPage:
    """The view model of ``/wijzigingen/`` (template ``changes.html``)."""

    rows: list[ChangeRow]
    page: Page[Change]
    feed: Link


def changes_views(index: Index) -> list[ChangesPage]:
    """The view models of the pages of the changes list."""
    views = []
    for page in paginate("wijzigingen/index.md", history_entries(index)):
        to = Linker(page.doc, index.landscape)
        rows = [
            ChangeRow(c.date.isoformat(), to.module(c.module.id), c.status, c.note)
            for c in page.rows
        ]
        views.append(ChangesPage(rows, page, to.page("Atom-feed", "wijzigingen/feed.xml")))
    return views


def changes_pages(index: Index) -> dict[str, str]:
    """Every page of the changes list, by docs path."""
    return render_pages("changes.html", changes_views(index), "Wijzigingen")
