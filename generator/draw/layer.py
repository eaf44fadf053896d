"""The picture of one layer: its modules with their neighbours in other layers.

Laid out by :func:`generator.draw.layout.layout` in layer bands (the layer's own
band among the others, in the landscape's order) and rendered by
:func:`generator.draw.svg.render_svg`, so a node looks the same here as in every
other picture. The picture is about how the layer connects: a module without any
dependency is left out (the page lists it), and a huge layer is capped (the
modules with the most dependencies are drawn, the rest are counted). The caps keep
the layer page under its size budget (150 KB) and its layout under a second.
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

LAYER_MAX = 48
"""At most this many modules of the layer are drawn (those with the most dependencies):
every linked module of a layer of the real landscape (about 245 modules, layers up
to about 95, half of them linked)."""
NEIGHBOURS_MAX = 16
"""At most this many modules of other layers are drawn (those linked to most drawn ones)."""
SWEEPS = 4
"""Barycentre passes of the layout: twelve cost twice the time for a few percent fewer
crossings on pictures this size."""
PER_ROW = 7
"""Nodes side by side in a band: about 1,550 px, the width of a laptop or desktop screen."""


@dataclass(frozen=True)
class LayerPicture:
    """The SVG of a layer and what it leaves out."""

    svg: str
    drawn: int
    """Modules of the layer in the picture."""
    linked: int
    """Modules of the layer with at least one dependency or dependent."""
    total: int
    """Modules of the layer given (in scope)."""
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
    """The modules ``module_ids`` of layer ``layer_id`` that have a dependency or a
    dependent, with their direct neighbours in other layers, and every dependency
    between a drawn module of the layer and another drawn module; None when no module
    of the layer has one.

    Of more than :data:`LAYER_MAX` linked modules, those with the most dependencies
    and dependents are drawn; of more than :data:`NEIGHBOURS_MAX` neighbours, those
    linked to the most drawn modules. Ties go by id, so the picture is deterministic.
    """
    modules = landscape.modules
    degree = {i: len(_links(graph, i)) for i in module_ids}
    linked = [i for i in module_ids if degree[i]]
    if not linked:
        return None
    own = sorted(sorted(linked, key=lambda i: (-degree[i], i))[:LAYER_MAX])
    chosen = set(own)
    near: Counter[str] = Counter(
        n for i in own for n in set(_links(graph, i)) if modules[n].layer != layer_id
    )
    neighbours = sorted(sorted(near, key=lambda n: (-near[n], n))[:NEIGHBOURS_MAX])
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
    shown = f"{len(own)} van de {len(linked)}" if len(own) < len(linked) else f"{len(own)}"
    svg = render_svg(
        lay,
        nodes,
        title=f"Modules van de laag {name} en hun buren",
        description=(
            f"De {shown} modules van de laag {name} met afhankelijkheden, met {len(neighbours)} "
            "modules uit andere lagen die zij nodig hebben of die hen nodig hebben; een pijl wijst "
            f"van een module naar een module die zij nodig heeft ({len(lay.edges)} afhankelijkheden)."
        ),
        band_names={layer.id: layer.name for layer in landscape.layers},
        element_id="rt-layer",
    )
    return LayerPicture(
        svg, len(own), len(linked), len(module_ids), len(neighbours), len(near), len(lay.edges)
    )


def _node(landscape: Landscape, module_id: str, href: Callable[[str], str]) -> GraphNode:
    module = landscape.modules[module_id]
    owner = landscape.organisations[module.owner].name if module.owner else None
    return GraphNode(
        module.id, module.name, module.status, owner, href(module.id),
        layer=module.layer, owner_id=module.owner or "",
    )
