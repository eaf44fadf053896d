"""The standard page ``/standaarden/<id>/``: who implements it, which dependencies run
over it; long lists go on, side by side, over ``/standaarden/<id>/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Standard
from ..text import rich
from .common import Index, Link, Linker, ModuleRow, external, module_rows, standard_doc
from .paging import Page, paginate_side_by_side
from .render import render_pages


@dataclass(frozen=True)
class Via:
    """A dependency that runs over the standard."""

    source: Link
    target: Link
    """The module ``source`` needs over this standard."""


@dataclass(frozen=True)
class StandardPage:
    """The view model of ``/standaarden/<id>/`` (template ``standard.html``)."""

    standard: Standard
    description: Markup
    url: Link | None
    steward: Link | None
    rows: list[ModuleRow]
    """The modules that implement the standard."""
    vias: list[Via]
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
    url = external(standard.url) if standard.url else None
    views = []
    for page, via_page in paginate_side_by_side(doc, implementers, vias):
        to = Linker(page.doc, landscape)
        views.append(StandardPage(
            standard=standard,
            description=description,
            url=url,
            steward=to.organisation(standard.steward) if standard.steward else None,
            rows=module_rows(to, index, page.rows),
            vias=[Via(to.module(m.id), to.module(target)) for m, target in via_page.rows],
            page=page,
            via_page=via_page,
        ))
    return views


def standard_view(index: Index, standard_id: str) -> StandardPage:
    """The view model of a standard's first page."""
    return standard_views(index, standard_id)[0]


def standard_pages(index: Index, standard_id: str) -> dict[str, str]:
    """A standard's pages, by docs path."""
    title = index.landscape.standards[standard_id].name
    return render_pages("standard.html", standard_views(index, standard_id), title)
