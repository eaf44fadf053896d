"""The picture of one layer: its modules with their neighbours in other layers.

Laid out by :func:`generator.draw.layout.layout` in layer bands (the layer's own
band among the others, in the landscape's order) and rendered by
:func:`generator.draw.svg.render_svg`, so a node looks the same here as in every
other picture. Every module given is drawn, with or without dependencies: a layer
page draws the modules it lists (all of the layer, or the part on that page of a
huge layer). Of the modules of other layers linked to them, the ones linked most
are drawn and the rest counted, so a page stays under its size budget (150 KB).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..graph import LandscapeGraph
from ..model import Landscape
from .layout import layout
from .svg import GraphNode, render_svg

if TYPE_CHECKING:
    from .cache import DrawingCache

NODES_MAX = 150
"""A picture holds at most this many modules when the page's own modules leave room
(a page holds at most 100): about 90 KB of SVG, so the page stays under its size budget
(150 KB). Every layer of the real landscape (about 245 modules) is drawn with all its
neighbours so: up to 94 modules of a layer and 57 of other layers."""
NEIGHBOURS_MIN = 24
"""The modules of other layers drawn at least (when there are as many)."""


def neighbours_max(own: int) -> int:
    """At most this many modules of other layers are drawn with ``own`` modules of the layer."""
    return max(NEIGHBOURS_MIN, NODES_MAX - own)


SWEEPS = 3
"""Barycentre passes (and neighbour-swap passes) of the layout. Measured on every layer
page: at the real size (GEMMA merged in) three give 1,371 crossings against four's
1,408, in half the time; at 5,000 modules 2 % more crossings for a quarter less time."""
PER_ROW = 8
"""Nodes side by side in a band: about 1,780 px, the width of a desktop screen; on a
smaller one the picture pans and zooms in its frame."""


@dataclass(frozen=True)
class LayerPicture:
    """The SVG of a layer and what it leaves out."""

    svg: str
    drawn: int
    """Modules of the layer in the picture: every one given."""
    linked: int
    """Of those, the modules with at least one dependency or dependent."""
    neighbours: int
    """Modules of other layers in the picture."""
    neighbours_total: int
    """Modules of other layers linked to the drawn ones."""
    edges: int


def _links(graph: LandscapeGraph, module_id: str) -> list[str]:
    return [*graph.dependencies(module_id), *graph.dependents(module_id)]


def layer_drawing(
    landscape: Landscape,
    graph: LandscapeGraph,
    layer_id: str,
    module_ids: list[str],
    href: Callable[[str], str],
    *,
    cache: DrawingCache | None = None,
) -> LayerPicture | None:
    """The modules ``module_ids`` of layer ``layer_id`` with their direct neighbours in
    other layers, and every dependency between two drawn modules of which one is in
    ``module_ids``; None when ``module_ids`` is empty. (On a page that holds part of a
    huge layer, modules of the same layer on its other pages are not drawn.)

    Of more than :func:`neighbours_max` neighbours, those linked to the most drawn
    modules are drawn. Ties go by id, so the picture is deterministic.
    """
    if not module_ids:
        return None
    modules = landscape.modules
    own = sorted(module_ids)
    chosen = set(own)
    linked = sum(1 for i in own if _links(graph, i))
    near: Counter[str] = Counter(
        n for i in own for n in set(_links(graph, i)) if modules[n].layer != layer_id
    )
    neighbours = sorted(sorted(near, key=lambda n: (-near[n], n))[: neighbours_max(len(own))])
    ids = own + neighbours
    drawn = set(ids)
    edges = sorted(
        (a, b) for a in own for b in graph.dependencies(a) if b in drawn
    ) + sorted(
        (a, b) for a in neighbours for b in graph.dependencies(a) if b in chosen
    )
    lay = layout(
        [(i, modules[i].layer) for i in ids],
        edges,
        [layer.id for layer in landscape.layers],
        per_row=PER_ROW,
        sweeps=SWEEPS,
        cache=cache,
    )
    nodes = {i: _node(landscape, i, href) for i in ids}
    name = landscape.layer(layer_id).name
    svg = render_svg(
        lay,
        nodes,
        title=f"Modules van de laag {name} en hun buren",
        description=(
            f"{len(own)} modules van de laag {name}, met {len(neighbours)} "
            "modules uit andere lagen die zij nodig hebben of die hen nodig hebben; een pijl wijst "
            f"van een module naar een module die zij nodig heeft ({len(lay.edges)} afhankelijkheden)."
        ),
        band_names={layer.id: layer.name for layer in landscape.layers},
        element_id="rt-layer",
    )
    return LayerPicture(svg, len(own), linked, len(neighbours), len(near), len(lay.edges))


def _node(landscape: Landscape, module_id: str, href: Callable[[str], str]) -> GraphNode:
    module = landscape.modules[module_id]
    owner = landscape.organisations[module.owner].name if module.owner else None
    return GraphNode(module.id, module.name, module.status, owner, href(module.id))
