"""The page ``/intekenen/``: every wanted module, who wants it, and how to sign up;
a long list goes on over ``/intekenen/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..text import link
from .common import Index, Linker
from .paging import Page, paginate
from .render import render_pages

CLAIMS_PER_PAGE = 50
"""Wanted modules per page: each is a section with its own heading in the page's contents."""


@dataclass(frozen=True)
class WantedModule:
    """A module open to claim."""

    module: Markup
    summary: str
    layer: Markup
    interested: list[Markup]
    path: str
    """The module file, relative to the model folder: what a pull request changes."""
    edit: Markup | None


@dataclass(frozen=True)
class ClaimPage:
    """The view model of ``/intekenen/``."""

    rows: list[WantedModule]
    """Most interest first."""
    page: Page


def claim_views(index: Index, edit_base: str | None = None) -> list[ClaimPage]:
    """The view models of the claim pages; ``edit_base`` adds an edit link per module file."""
    landscape = index.landscape
    wanted = sorted(
        (m for m in landscape.modules.values() if m.status == "wanted"),
        key=lambda m: (-len(m.interested), m.name.lower(), m.id),
    )
    base = edit_base.rstrip("/") if edit_base else None
    views = []
    for page in paginate("intekenen/index.md", wanted, CLAIMS_PER_PAGE):
        to = Linker(page.doc, landscape)
        rows = [
            WantedModule(
                module=to.module(m.id),
                summary=m.summary,
                layer=to.layer(m.layer),
                interested=[to.organisation(o) for o in m.interested],
                path=m.path,
                edit=link(f"{base}/{m.path}", "Bewerk dit bestand") if base else None,
            )
            for m in page.rows
        ]
        views.append(ClaimPage(rows, page))
    return views


def claim_view(index: Index, edit_base: str | None = None) -> ClaimPage:
    """The view model of the first claim page."""
    return claim_views(index, edit_base)[0]


def claim_pages(index: Index, edit_base: str | None = None) -> dict[str, str]:
    """The Markdown of the claim pages, by docs path."""
    return render_pages("intekenen.md.j2", claim_views(index, edit_base))
