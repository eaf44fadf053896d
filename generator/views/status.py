"""The status dashboard ``/status/``: modules per layer and status, adoption, contributions,
each as a table and the first two also as a chart."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.charts import Bar, StackedBar, bar_chart, stacked_bar_chart
from ..model import STATUS_LABELS, Organisation
from .common import STATUS_ORDER, Index, Link, Linker
from .kaart import MapFigure, adoption_map
from .render import render_page

RANKING_SIZE = 25


@dataclass(frozen=True)
class LayerCounts:
    """A row of the layer-by-status matrix."""

    layer: Link
    counts: list[int]
    """Per status, in :data:`STATUS_ORDER`."""
    total: int


@dataclass(frozen=True)
class Adoption:
    """A module in the +1 ranking."""

    module: Link
    status: str
    adopters: int
    """Adopting municipalities."""
    dependents: int
    """Modules that build on it, directly or not."""


@dataclass(frozen=True)
class Contribution:
    """An organisation in the contribution ranking."""

    org: Link
    leads: int
    builds: int
    adopts: int


@dataclass(frozen=True)
class StatusPage:
    """The view model of ``/status/`` (template ``status.html``)."""

    statuses: tuple[str, ...]
    """The columns of the matrix."""
    matrix: list[LayerCounts]
    totals: list[int]
    total: int
    ranking: list[Adoption]
    """Most adopted first."""
    contributors: list[Contribution]
    """Largest contribution first."""
    matrix_chart: Markup
    """The matrix as stacked bars (SVG); the table is its text alternative."""
    ranking_chart: Markup
    """The +1 ranking as bars (SVG): the modules that municipalities adopt."""
    adoption_map: MapFigure
    """How many modules each municipality adopts, on the map."""


def _counted(row: LayerCounts, statuses: tuple[str, ...]) -> str:
    """``Kanalen: 3 modules: 1 beschikbaar (permanente bèta), 2 gezocht.``"""
    text = f"{row.layer.label}: {row.total} " + ("module" if row.total == 1 else "modules")
    parts = [
        f"{n} {STATUS_LABELS[s].lower()}" for s, n in zip(statuses, row.counts, strict=True) if n
    ]
    return text + (": " + ", ".join(parts) if parts else "") + "."


def matrix_chart(matrix: list[LayerCounts], statuses: tuple[str, ...]) -> Markup:
    """Modules per layer by status, as horizontal stacked bars."""
    desc = "Per laag het aantal modules, naar status. " + " ".join(
        _counted(row, statuses) for row in matrix
    )
    return Markup(stacked_bar_chart(
        [StackedBar(row.layer.label, tuple(row.counts)) for row in matrix],
        statuses,
        element_id="rt-chart-layers",
        title="Modules per laag en status",
        desc=desc,
    ))


def ranking_chart(ranking: list[Adoption]) -> Markup:
    """Adopting municipalities per module, most first, as horizontal bars."""
    rows = [r for r in ranking if r.adopters]
    desc = "Afnemende gemeenten per module, de meest afgenomen eerst. " + (
        "; ".join(f"{r.module.label}: {r.adopters}" for r in rows) + "." if rows
        else "Nog geen module heeft afnemende gemeenten."
    )
    return Markup(bar_chart(
        [Bar(r.module.label, r.adopters, r.status) for r in rows],
        element_id="rt-chart-ranking",
        title="Afnemende gemeenten per module",
        desc=desc,
    ))


def _contribution(index: Index, org: Organisation) -> tuple[int, str]:
    score = (
        3 * len(index.leads.get(org.id, []))
        + 2 * len(index.builds.get(org.id, []))
        + len(index.adopts.get(org.id, []))
    )
    return (-score, org.name.lower())


def status_view(index: Index) -> StatusPage:
    """The view model of the status dashboard."""
    landscape = index.landscape
    to = Linker("status/index.md", landscape)
    matrix = []
    for layer in landscape.layers:
        modules = index.by_layer.get(layer.id, [])
        counts = [sum(m.status == s for m in modules) for s in STATUS_ORDER]
        matrix.append(LayerCounts(to.layer(layer.id), counts, len(modules)))
    ranking = sorted(
        (m for m in landscape.modules.values() if m.consumers),
        key=lambda m: (
            -len(index.adopting_municipalities(m)), -len(m.consumers), m.name.lower(), m.id
        ),
    )[:RANKING_SIZE]
    contributors = sorted(
        landscape.organisations.values(), key=lambda o: _contribution(index, o)
    )[:RANKING_SIZE]
    adoption = [
        Adoption(to.module(m.id), m.status, len(index.adopting_municipalities(m)),
                 index.graph.dependent_count(m.id))
        for m in ranking
    ]
    return StatusPage(
        statuses=STATUS_ORDER,
        matrix=matrix,
        totals=[sum(m.status == s for m in landscape.modules.values()) for s in STATUS_ORDER],
        total=len(landscape.modules),
        ranking=adoption,
        matrix_chart=matrix_chart(matrix, STATUS_ORDER),
        ranking_chart=ranking_chart(adoption),
        adoption_map=adoption_map(index, to),
        contributors=[
            Contribution(to.organisation(o.id), len(index.leads.get(o.id, [])),
                         len(index.builds.get(o.id, [])), len(index.adopts.get(o.id, [])))
            for o in contributors
        ],
    )


def status_page(index: Index) -> str:
    """The status dashboard."""
    return render_page("status.html", status_view(index), title="Status")
