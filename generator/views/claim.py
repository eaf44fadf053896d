"""The page ``/intekenen/``: every wanted module, who wants it, and how to sign up;
a long list goes on over ``/intekenen/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from .common import Index, Link, Linker, external
from .paging import Page, paginate
from .render import render_pages

CLAIMS_PER_PAGE = 50
"""Wanted modules per page: each is a section with its own heading in the page's contents."""


@dataclass(frozen=True)
class WantedModule:
    """A module open to claim."""

    id: str
    module: Link
    summary: str
    layer: Link
    interested: list[Link]
    path: str
    """The module file, relative to the model folder: what a pull request changes."""
    edit: Link | None


@dataclass(frozen=True)
class ClaimPage:
    """The view model of ``/intekenen/`` (template ``claim.html``)."""

    rows: list[WantedModule]
    """In the order of the ranking of what to build next (:mod:`generator.ranking`)."""
    page: Page
    contribute: Link
    next_steps: Link


def claim_views(index: Index, edit_base: str | None = None) -> list[ClaimPage]:
    """The view models of the claim pages; ``edit_base`` adds an edit link per module file."""
    landscape = index.landscape
    wanted = [
        landscape.modules[r.id] for r in index.ranking if r.status == "wanted"
    ]
    base = edit_base.rstrip("/") if edit_base else None
    views = []
    for page in paginate("intekenen/index.md", wanted, CLAIMS_PER_PAGE):
        to = Linker(page.doc, landscape)
        rows = [
            WantedModule(
                id=m.id,
                module=to.module(m.id),
                summary=m.summary,
                layer=to.layer(m.layer),
                interested=[to.organisation(o) for o in m.interested],
                path=m.path,
                edit=external(f"{base}/{m.path}", "Bewerk dit bestand") if base else None,
            )
            for m in page.rows
        ]
        views.append(ClaimPage(
            rows, page, to.page("Bijdragen", "bijdragen.md"),
            to.page("Volgende stappen", "volgende-stappen/index.md"),
        ))
    return views


def claim_view(index: Index, edit_base: str | None = None) -> ClaimPage:
    """The view model of the first claim page."""
    return claim_views(index, edit_base)[0]


def claim_pages(index: Index, edit_base: str | None = None) -> dict[str, str]:
    """The claim pages, by docs path."""
    return render_pages("claim.html", claim_views(index, edit_base), "Intekenen")
