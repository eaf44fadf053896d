"""The dependency graph page ``/afhankelijkheden/``: the whole landscape as a picture and a table."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import Picture, landscape_picture
from .common import STATUS_ORDER, Index, Link, Linker, module_doc
from .render import PICTURE_ONLY, render_page

DOC = "afhankelijkheden/index.md"


@dataclass(frozen=True)
class Option:
    """An option of a filter of the drawing."""

    value: str
    label: str


@dataclass(frozen=True)
class DependencyRow:
    """A module in the table under the drawing: the drawing's facts as text."""

    module: Link
    status: str
    owner: Link | None
    depends_on: list[Link]
    impact: int
    """Municipalities affected when the module fails."""


@dataclass(frozen=True)
class MostNeeded:
    """A module that many others build on."""

    module: Link
    dependents: int


@dataclass(frozen=True)
class DependenciesPage:
    """The view model of ``/afhankelijkheden/`` (template ``dependencies.html``)."""

    svg: Markup
    download: Link
    rolled_up: bool
    """The landscape is too large to draw module by module: the drawing counts per layer."""
    rows: list[DependencyRow]
    most: list[MostNeeded]
    layers: list[Link]
    layer_options: list[Option]
    owners: list[Option]
    statuses: list[str]
    edges: int


def graph_picture(index: Index) -> Picture:
    """The whole-landscape picture as drawn on ``/afhankelijkheden/``."""
    to = Linker(DOC, index.landscape)
    return landscape_picture(
        index.landscape, index.graph, lambda i: to.href(module_doc(i)), cache=index.drawings
    )


def dependencies_view(index: Index, picture: Picture) -> DependenciesPage:
    """The view model of the whole-landscape page, with its ``picture``."""
    landscape, graph = index.landscape, index.graph
    to = Linker(DOC, landscape)
    rows = [
        DependencyRow(
            module=to.module(m.id),
            status=m.status,
            owner=to.organisation(m.owner) if m.owner else None,
            depends_on=[to.module(d) for d in graph.dependencies(m.id)],
            impact=graph.affected_municipality_count(m.id),
        )
        for layer in landscape.layers
        for m in sorted(index.by_layer.get(layer.id, []), key=lambda m: (m.name.lower(), m.id))
        if m.status != "out-of-scope"
    ] if not picture.rolled_up else []
    owners = sorted(
        {Option(m.owner, landscape.organisations[m.owner].name)
         for m in landscape.modules.values() if m.owner},
        key=lambda o: (o.label.lower(), o.value),
    )
    return DependenciesPage(
        svg=Markup(picture.svg),
        download=to.page("Download de tekening als SVG", "afhankelijkheden/afhankelijkheden.svg"),
        rolled_up=picture.rolled_up,
        rows=rows,
        most=[MostNeeded(to.module(i), n) for i, n in graph.most_depended_on(10)],
        layers=[to.layer(layer.id) for layer in landscape.layers],
        layer_options=[Option(layer.id, layer.name) for layer in landscape.layers],
        owners=owners,
        statuses=[s for s in STATUS_ORDER if s != "out-of-scope"],
        edges=len(graph.graph.edges),
    )


def dependencies_page(index: Index, picture: Picture) -> str:
    """``/afhankelijkheden/``: the whole landscape, with the same facts as a table."""
    return render_page(
        "dependencies.html", dependencies_view(index, picture), title="Afhankelijkheden",
        hide=PICTURE_ONLY,
    )
