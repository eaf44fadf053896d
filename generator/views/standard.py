"""The standard page ``/standaarden/<id>/``: who implements it, which dependencies run
over it; long lists go on, side by side, over ``/standaarden/<id>/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Standard
from ..text import link, rich
from .common import Index, Linker, ModuleRow, module_rows, standard_doc
from .paging import Page, paginate_side_by_side
from .render import render_pages


@dataclass(frozen=True)
class StandardPage:
    """The view model of ``/standaarden/<id>/``."""

    standard: Standard
    description: Markup
    url: Markup | None
    steward: Markup | None
    rows: list[ModuleRow]
    """The modules that implement the standard."""
    vias: list[tuple[Markup, Markup]]
    """(module, the module it needs over this standard)."""
    page: Page
    """This page of the implementers."""
    via_page: Page
    """This page of the dependencies over the standard."""


def standard_views(index: Index, standard_id: str) -> list[StandardPage]:
    """The view models of a standard's pages (one, unless its lists are long)."""
    landscape = index.landscape
    standard = landscape.standards[standard_id]
    doc = standard_doc(standard_id)
    implementers = sorted(index.implementers.get(standard_id, []), key=lambda m: (m.name.lower(), m.id))
    vias = sorted(index.vias.get(standard_id, []), key=lambda x: (x[0].id, x[1]))
    description = rich(standard.description)
    url = link(standard.url, standard.url) if standard.url else None
    views = []
    for page, via_page in paginate_side_by_side(doc, implementers, vias):
        to = Linker(page.doc, landscape)
        views.append(StandardPage(
            standard=standard,
            description=description,
            url=url,
            steward=to.organisation(standard.steward) if standard.steward else None,
            rows=module_rows(to, index, page.rows),
            vias=[(to.module(m.id, html=True), to.module(target, html=True)) for m, target in via_page.rows],
            page=page,
            via_page=via_page,
        ))
    return views


def standard_view(index: Index, standard_id: str) -> StandardPage:
    """The view model of a standard's first page."""
    return standard_views(index, standard_id)[0]


def standard_pages(index: Index, standard_id: str) -> dict[str, str]:
    """The Markdown of a standard's pages, by docs path."""
    return render_pages("standard.md.j2", standard_views(index, standard_id))
