"""The page ``/wijzigingen/``: every history entry of every module, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from ..model import Module
from .common import Index, Linker, status_badge
from .render import render_view


@dataclass(frozen=True)
class Change:
    """One history entry of one module."""

    date: dt.date
    module: Module
    status: str
    note: str


@dataclass(frozen=True)
class ChangesPage:
    """The view model of ``/wijzigingen/``."""

    rows: list[tuple[str, Markup, Markup, str]]
    """(ISO date, module, status badge, note), newest first."""


def history_entries(index: Index) -> list[Change]:
    """Every history entry, newest first (then by module id), as the page and the feed list them."""
    entries = [
        Change(h.date, m, h.status, h.note or "")
        for m in index.landscape.modules.values()
        for h in m.history
    ]
    return sorted(entries, key=lambda e: (e.date, e.module.id, e.status), reverse=True)


def changes_view(index: Index) -> ChangesPage:
    """The view model of the changes page."""
    to = Linker("wijzigingen/index.md", index.landscape)
    return ChangesPage([
        (c.date.isoformat(), to.module(c.module.id), status_badge(c.status), c.note)
        for c in history_entries(index)
    ])


def changes_page(index: Index) -> str:
    """The Markdown of the changes page."""
    return render_view("wijzigingen.md.j2", changes_view(index))
