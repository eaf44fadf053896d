"""The pictures the site shows: the whole landscape, a module's neighbourhood and
an organisation's modules. Each is an SVG plus the facts it draws, so a page can
give the same facts as text beside it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..graph import LandscapeGraph
from ..model import STATUS_LABELS, Landscape
from .landscape import columns_for, render_landscape, shape_for, text_scale
from .layout import Layout, crossings, layout, reading_order
from .svg import GraphNode, render_svg

if TYPE_CHECKING:
    from .cache import DrawingCache

ROLL_UP_ABOVE = 1000
"""The whole landscape is drawn module by module up to this many modules in scope, and
rolled up per layer above it."""
NEIGHBOURHOOD_MAX = 30
"""At most this many neighbours are drawn around a module; the rest are counted."""


@dataclass(frozen=True)
class Picture:
    """An SVG and what it shows."""

    svg: str
    nodes: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]
    layout: Layout | None = None
    """Where the nodes went; None for the roll-up, which is a table, not a layout."""
    rolled_up: bool = False
    order: tuple[str, ...] = ()
    """The nodes in the order of the SVG (reading order), where that matters: the
    whole-landscape drawing, whose page numbers its nodes in this order."""

    @property
    def crossings(self) -> int:
        """Edge crossings of the drawing, counted on request (pages do not need it)."""
        return crossings(self.layout) if self.layout else 0


def _node(landscape: Landscape, module_id: str, href: Callable[[str], str], focus: bool = False):
    module = landscape.modules[module_id]
    owner = landscape.organisations[module.owner].name if module.owner else None
    return GraphNode(module.id, module.name, module.status, owner, href(module.id), focus)


def _draw(
    landscape: Landscape,
    ids: list[str],
    edges: list[tuple[str, str]],
    href: Callable[[str], str],
    *,
    title: str,
    description: str,
    element_id: str,
    focus: str | None = None,
    per_row: int = 6,
    cache: DrawingCache | None = None,
) -> Picture:
    modules = landscape.modules
    lay: Layout = layout(
        [(i, modules[i].layer) for i in ids],
        edges,
        [layer.id for layer in landscape.layers],
        per_row=per_row,
        cache=cache,
    )
    nodes = {i: _node(landscape, i, href, focus=i == focus) for i in ids}
    svg = render_svg(
        lay,
        nodes,
        title=title,
        description=description,
        band_names={layer.id: layer.name for layer in landscape.layers},
        element_id=element_id,
    )
    return Picture(svg, tuple(sorted(ids)), lay.edges, lay)


def landscape_picture(
    landscape: Landscape,
    graph: LandscapeGraph,
    href: Callable[[str], str],
    *,
    cache: DrawingCache | None = None,
) -> Picture:
    """Every in-scope module and dependency, in layer bands; rolled up per layer above
    :data:`ROLL_UP_ABOVE` modules.

    ``cache``, here and in the other pictures, is a folder of layouts from earlier
    builds (see :mod:`generator.draw.cache`); None lays out in this process only.
    The picture is the same either way.
    """
    modules = landscape.modules
    ids = [m.id for m in modules.values() if m.status != "out-of-scope"]
    if len(ids) > ROLL_UP_ABOVE:
        return layer_picture(landscape, graph)
    columns = columns_for(len(ids))
    lay = layout(
        [(i, modules[i].layer) for i in ids],
        list(graph.graph.edges),
        [layer.id for layer in landscape.layers],
        per_row=columns,
        shape=shape_for(columns),
        cache=cache,
    )
    svg = render_landscape(
        lay,
        {i: _node(landscape, i, href) for i in ids},
        title="Afhankelijkheden tussen alle modules",
        description=(
            f"{len(ids)} modules in lagen van boven naar beneden, elke module met haar status "
            f"en trekker; een lijn loopt van een module naar een module die zij nodig heeft "
            f"({len(lay.edges)} afhankelijkheden)."
        ),
        band_names={layer.id: layer.name for layer in landscape.layers},
        scale=text_scale(columns),
    )
    return Picture(svg, tuple(sorted(ids)), lay.edges, lay, order=tuple(reading_order(lay)))


def layer_picture(landscape: Landscape, graph: LandscapeGraph) -> Picture:
    """One node per layer, with counts, and the number of dependencies between layers."""
    from .svg import render_rollup

    counts = Counter(m.layer for m in landscape.modules.values())
    between: Counter[tuple[str, str]] = Counter(
        (landscape.modules[a].layer, landscape.modules[b].layer) for a, b in graph.graph.edges
    )
    svg = render_rollup(landscape, counts, between)
    edges = tuple(sorted(e for e in between if e[0] != e[1]))
    return Picture(svg, tuple(layer.id for layer in landscape.layers), edges, rolled_up=True)


def neighbourhood_picture(
    landscape: Landscape,
    graph: LandscapeGraph,
    module_id: str,
    href: Callable[[str], str],
    *,
    cache: DrawingCache | None = None,
) -> Picture:
    """The module, what it depends on and what depends on it: one hop."""
    deps = graph.dependencies(module_id)[:NEIGHBOURHOOD_MAX]
    dependents = graph.dependents(module_id)[:NEIGHBOURHOOD_MAX]
    ids = sorted({module_id, *deps, *dependents})
    edges = [(module_id, d) for d in deps] + [(d, module_id) for d in dependents]
    name = landscape.modules[module_id].name
    return _draw(
        landscape,
        ids,
        edges,
        href,
        title=f"Omgeving van {name}",
        description=(
            f"{name} met de {len(deps)} modules die zij nodig heeft en de {len(dependents)} "
            "modules die haar nodig hebben."
        ),
        element_id="rt-neighbourhood",
        focus=module_id,
        per_row=5,
        cache=cache,
    )


def organisation_picture(
    landscape: Landscape,
    graph: LandscapeGraph,
    org_id: str,
    href: Callable[[str], str],
    involved: Sequence[str] | None = None,
    *,
    cache: DrawingCache | None = None,
) -> Picture | None:
    """The modules an organisation leads, builds or adopts, with what those depend on.

    ``involved`` are those modules' ids, most important first (led, then built,
    then adopted), when the caller has an index; without it they are looked up,
    which costs a pass over the whole landscape. At most ``NEIGHBOURHOOD_MAX`` of
    them are drawn, the first ones.
    """
    if involved is None:
        modules = sorted(landscape.modules.values(), key=lambda m: m.id)
        involved = list(dict.fromkeys(
            [m.id for m in modules if m.owner == org_id]
            + [m.id for m in modules if any(p.org == org_id for p in m.partners)]
            + [m.id for m in modules if any(c.org == org_id for c in m.consumers)]
        ))
    own = sorted(list(dict.fromkeys(involved))[:NEIGHBOURHOOD_MAX])
    if not own:
        return None
    total = len(set(involved))
    deps = sorted({d for m in own for d in graph.dependencies(m)} - set(own))
    ids = sorted(own + deps[: 2 * NEIGHBOURHOOD_MAX - len(own)])  # its own modules always
    chosen = set(ids)
    edges = [(m, d) for m in own for d in graph.dependencies(m) if d in chosen]
    name = landscape.organisations[org_id].name
    shown = f"{len(own)} van de {total}" if total > len(own) else f"{len(own)}"
    return _draw(
        landscape,
        ids,
        edges,
        href,
        title=f"Modules van {name}",
        description=(
            f"De {shown} modules waarbij {name} trekker, bouwer of afnemer is (trekker en "
            "bouwer eerst), met de modules die zij nodig hebben."
        ),
        element_id="rt-organisation",
        cache=cache,
    )


def status_label(status: str) -> str:
    """The Dutch label of a status (for text alternatives)."""
    return STATUS_LABELS[status]
