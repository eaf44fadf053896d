"""The layer page ``/lagen/<id>/``: the layer's modules as the menu card's cards, a
drawing of how they connect to the other layers, and a compact table; a long list
goes on over ``/lagen/<id>/pagina-n/``, each page with the drawing of its modules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..draw.layer import layer_drawing
from ..model import Layer, Module
from ..text import rich
from .common import STATUS_ORDER, Index, Linker, ModuleRow, StatusCount, layer_doc, module_doc, module_rows
from .home import CardGroup, card, card_groups, in_scope, menu_order
from .paging import Page, paginate
from .render import PICTURE_ONLY, render_pages

LAYER_PAGE_SIZE = 100
"""A layer of up to this many modules is on one page: its whole menu at a glance (the
layers of the real landscape have up to about 95)."""
SPLIT_PAGE_SIZE = 60
"""A larger layer goes on over pages of this many: their cards, their table rows and,
on the first page, the drawing stay well under the 150 KB page budget."""


def layer_page_size(count: int) -> int:
    """Modules per page of a layer of ``count`` modules."""
    return LAYER_PAGE_SIZE if count <= LAYER_PAGE_SIZE else SPLIT_PAGE_SIZE


@dataclass(frozen=True)
class LayerDrawing:
    """The layer's picture and what it leaves out (see :mod:`generator.draw.layer`)."""

    svg: Markup
    drawn: int
    """Modules of the layer on this page in the picture: all of them in scope."""
    unlinked: int
    """Of those, the modules without any dependency or dependent."""
    neighbours: int
    neighbours_total: int
    edges: int


@dataclass(frozen=True)
class LayerPage:
    """The view model of ``/lagen/<id>/`` (template ``layer.html``)."""

    layer: Layer
    description: Markup
    groups: list[CardGroup]
    """The modules on this page as cards, in menu order (the ready ones first), per status."""
    rows: list[ModuleRow]
    """The same modules, by name."""
    counts: list[StatusCount]
    """For every status the layer has, in menu order."""
    drawing: LayerDrawing | None
    """The modules of this page in scope with their neighbours; None without any."""
    page: Page


def _drawing(index: Index, layer_id: str, to: Linker, modules: Sequence[Module]) -> LayerDrawing | None:
    ids = sorted(m.id for m in in_scope(modules))
    picture = layer_drawing(
        index.landscape, index.graph, layer_id, ids, lambda i: to.href(module_doc(i)),
        cache=index.drawings,
    )
    if picture is None:
        return None
    return LayerDrawing(
        svg=Markup(picture.svg),
        drawn=picture.drawn,
        unlinked=picture.drawn - picture.linked,
        neighbours=picture.neighbours,
        neighbours_total=picture.neighbours_total,
        edges=picture.edges,
    )


def layer_views(index: Index, layer_id: str) -> list[LayerPage]:
    """The view models of a layer's pages (one, unless it has many modules)."""
    landscape = index.landscape
    modules = sorted(index.by_layer.get(layer_id, []), key=lambda m: (m.name.lower(), m.id))
    layer = landscape.layer(layer_id)
    description = rich(layer.description)
    counts = [StatusCount(s, n) for s in STATUS_ORDER if (n := sum(m.status == s for m in modules))]
    views = []
    for page in paginate(layer_doc(layer_id), modules, size=layer_page_size(len(modules))):
        to = Linker(page.doc, landscape)
        views.append(LayerPage(
            layer=layer,
            description=description,
            groups=card_groups(card(to, index, m) for m in sorted(page.rows, key=menu_order)),
            rows=module_rows(to, index, page.rows),
            counts=counts,
            drawing=_drawing(index, layer_id, to, page.rows),
            page=page,
        ))
    return views


def layer_view(index: Index, layer_id: str) -> LayerPage:
    """The view model of a layer's first page."""
    return layer_views(index, layer_id)[0]


def layer_pages(index: Index, layer_id: str) -> dict[str, str]:
    """A layer's pages, by docs path."""
    return render_pages(
        "layer.html", layer_views(index, layer_id), index.landscape.layer(layer_id).name,
        hide=PICTURE_ONLY,
    )
