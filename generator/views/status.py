"""The status dashboard ``/status/``: modules per layer and status, adoption, contributions."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Organisation
from .common import STATUS_ORDER, Index, Link, Linker
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
    return StatusPage(
        statuses=STATUS_ORDER,
        matrix=matrix,
        totals=[sum(m.status == s for m in landscape.modules.values()) for s in STATUS_ORDER],
        total=len(landscape.modules),
        ranking=[
            Adoption(to.module(m.id), m.status, len(index.adopting_municipalities(m)),
                     index.graph.dependent_count(m.id))
            for m in ranking
        ],
        contributors=[
            Contribution(to.organisation(o.id), len(index.leads.get(o.id, [])),
                         len(index.builds.get(o.id, [])), len(index.adopts.get(o.id, [])))
            for o in contributors
        ],
    )


def status_page(index: Index) -> str:
    """The status dashboard."""
    return render_page("status.html", status_view(index), title="Status")
