"""The page ``/buiten-scope/``: what is deliberately not part of the shared picture, and
why; a long list goes on over ``/buiten-scope/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..text import rich
from .common import Index, Link, Linker
from .paging import Page, paginate
from .render import render_pages

REASONS_PER_PAGE = 50
"""Modules per page: each is a section with its own heading in the page's contents."""


@dataclass(frozen=True)
class OutOfScopeModule:
    """A module out of scope, with its reason."""

    id: str
    module: Link
    summary: str
    reason: Markup


@dataclass(frozen=True)
class OutOfScopePage:
    """The view model of ``/buiten-scope/`` (template ``out_of_scope.html``)."""

    rows: list[OutOfScopeModule]
    page: Page


def out_of_scope_views(index: Index) -> list[OutOfScopePage]:
    """The view models of the out-of-scope pages, by name."""
    modules = sorted(
        (m for m in index.landscape.modules.values() if m.status == "out-of-scope"),
        key=lambda m: (m.name.lower(), m.id),
    )
    views = []
    for page in paginate("buiten-scope/index.md", modules, REASONS_PER_PAGE):
        to = Linker(page.doc, index.landscape)
        rows = [OutOfScopeModule(m.id, to.module(m.id), m.summary, rich(m.reason)) for m in page.rows]
        views.append(OutOfScopePage(rows, page))
    return views


def out_of_scope_view(index: Index) -> OutOfScopePage:
    """The view model of the first out-of-scope page."""
    return out_of_scope_views(index)[0]


def out_of_scope_pages(index: Index) -> dict[str, str]:
    """The out-of-scope pages, by docs path."""
    return render_pages("out_of_scope.html", out_of_scope_views(index), "Buiten scope")
