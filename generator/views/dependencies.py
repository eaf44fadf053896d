"""The dependency graph page ``/afhankelijkheden/``: the whole landscape as a picture and a table."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import Picture, landscape_picture
from ..outputs.exports import EXPORTS
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


ROLES = (
    Option("lead", "trekker"),
    Option("build", "bouwt mee"),
    Option("adopt", "neemt af"),
    Option("interest", "heeft belangstelling"),
)
"""The roles of an organisation at a module, in the order of the drawing's data."""


@dataclass(frozen=True)
class DrawingData:
    """What the drawing's script needs besides the SVG, as JSON: each node's layer, the
    ends of each edge and the nodes at which each organisation has each role, by the
    node's place in the SVG (its reading order), so the page stays small. Ids and
    numbers only: no model text goes into a script element (names are in the page's
    list of modules to choose from)."""

    layer_ids: list[str]
    """The landscape's layers in order."""
    layers: list[int]
    """For each node, the place of its layer in :attr:`layer_ids`."""
    edges: list[int]
    """The SVG's edges in its order, as the places of their two nodes, flat:
    ``[from, to, from, to, ...]``."""
    roles: dict[str, list[list[int]]]
    """Organisation id -> for each of :data:`ROLES`, the places of its nodes."""

    def as_json(self) -> dict:
        return {"layerIds": self.layer_ids, "layers": self.layers, "edges": self.edges,
                "roles": self.roles}


@dataclass(frozen=True)
class ExportLink:
    """A download of the landscape for another tool."""

    file: Link
    use: str
    """What the file is for, in Dutch."""


EXPORT_USES = {
    "graphml": ("GraphML", "voor netwerkanalyse in Gephi of yEd"),
    "dot": ("DOT", "om zelf te tekenen met Graphviz"),
    "archimate": ("ArchiMate", "voor Archi en andere ArchiMate-programma's, in het "
                  "uitwisselformaat waarin ook de GEMMA verschijnt"),
}
"""The name and the Dutch use of each export (``generator.outputs.exports``)."""


@dataclass(frozen=True)
class DependenciesPage:
    """The view model of ``/afhankelijkheden/`` (template ``dependencies.html``)."""

    svg: Markup
    download: Link
    exports: list[ExportLink]
    rolled_up: bool
    """The landscape is too large to draw module by module: the drawing counts per layer."""
    rows: list[DependencyRow]
    most: list[MostNeeded]
    layers: list[Link]
    layer_options: list[Option]
    organisations: list[Option]
    """Every organisation with a role at a module in the drawing, by name."""
    choices: list[Option]
    """Every module in the drawing (id, name), by name: the search box's list."""
    roles: tuple[Option, ...]
    statuses: list[str]
    edges: int
    modules: int
    """Modules in the drawing."""
    data: dict | None
    """:class:`DrawingData` as JSON; None when the drawing is rolled up."""


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
    data = None if picture.rolled_up else drawing_data(index, picture.order, picture.edges)
    organisations = sorted(
        (Option(o, landscape.organisations[o].name) for o in (data.roles if data else {})),
        key=lambda o: (o.label.lower(), o.value),
    )
    return DependenciesPage(
        svg=Markup(picture.svg),
        download=to.page("Download de tekening als SVG", "afhankelijkheden/afhankelijkheden.svg"),
        exports=[
            ExportLink(to.page(EXPORT_USES[e.format][0], e.path), EXPORT_USES[e.format][1])
            for e in EXPORTS
        ],
        rolled_up=picture.rolled_up,
        rows=rows,
        most=[MostNeeded(to.module(i), n) for i, n in graph.most_depended_on(10)],
        layers=[to.layer(layer.id) for layer in landscape.layers],
        layer_options=[Option(layer.id, layer.name) for layer in landscape.layers],
        organisations=organisations,
        choices=sorted(
            (Option(i, landscape.modules[i].name) for i in picture.order),
            key=lambda o: (o.label.lower(), o.value),
        ),
        roles=ROLES,
        statuses=[s for s in STATUS_ORDER if s != "out-of-scope"],
        edges=len(picture.edges) if not picture.rolled_up else len(graph.graph.edges),
        modules=len(picture.order),
        data=data.as_json() if data else None,
    )


def drawing_data(
    index: Index, order: tuple[str, ...], edges: tuple[tuple[str, str], ...]
) -> DrawingData:
    """The names and layers of the drawing's nodes (in ``order``), its ``edges``, and
    each organisation's roles at its nodes."""
    landscape = index.landscape
    modules = landscape.modules
    place = {module_id: i for i, module_id in enumerate(order)}
    layer_place = {layer.id: i for i, layer in enumerate(landscape.layers)}
    roles: dict[str, list[list[int]]] = {}

    def add(org: str, role: int, module_id: str) -> None:
        if module_id in place:
            roles.setdefault(org, [[], [], [], []])[role].append(place[module_id])

    for module_id in order:
        m = modules[module_id]
        if m.owner:
            add(m.owner, 0, m.id)
        for p in m.partners:
            add(p.org, 1, m.id)
        for c in m.consumers:
            add(c.org, 2, m.id)
        for org in m.interested:
            add(org, 3, m.id)
    return DrawingData(
        layer_ids=list(layer_place),
        layers=[layer_place[modules[i].layer] for i in order],
        edges=[place[end] for edge in edges for end in edge],
        roles={org: [sorted(set(r)) for r in roles[org]] for org in sorted(roles)},
    )


def dependencies_page(index: Index, picture: Picture) -> str:
    """``/afhankelijkheden/``: the whole landscape, with the same facts as a table."""
    return render_page(
        "dependencies.html", dependencies_view(index, picture), title="Afhankelijkheden",
        hide=PICTURE_ONLY,
    )
