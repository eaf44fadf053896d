"""The standard page ``/standaarden/<id>/``: who implements it, which dependencies run over it."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Standard
from ..text import link, rich
from .common import Index, Linker, ModuleRow, module_rows, standard_doc
from .render import render_view


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


def standard_view(index: Index, standard_id: str) -> StandardPage:
    """The view model of one standard."""
    landscape = index.landscape
    standard = landscape.standards[standard_id]
    to = Linker(standard_doc(standard_id), landscape)
    return StandardPage(
        standard=standard,
        description=rich(standard.description),
        url=link(standard.url, standard.url) if standard.url else None,
        steward=to.organisation(standard.steward) if standard.steward else None,
        rows=module_rows(to, index, index.implementers.get(standard_id, [])),
        vias=[
            (to.module(m.id), to.module(target))
            for m, target in sorted(index.vias.get(standard_id, []), key=lambda x: (x[0].id, x[1]))
        ],
    )


def standard_page(index: Index, standard_id: str) -> str:
    """The Markdown of one standard page."""
    return render_view("standard.md.j2", standard_view(index, standard_id))
