"""The status dashboard ``/status/``: modules per layer and status, adoption, contributions."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS, Organisation
from .common import STATUS_ORDER, Index, Linker, status_badge
from .render import render_view

RANKING_SIZE = 25


@dataclass(frozen=True)
class StatusPage:
    """The view model of ``/status/``."""

    labels: list[str]
    """The Dutch status labels, the columns of the matrix."""
    matrix: list[tuple[Markup, list[int], int]]
    """(layer, count per status, total) for every layer."""
    totals: list[int]
    total: int
    ranking: list[tuple[Markup, Markup, int, int]]
    """(module, badge, adopting municipalities, modules built on it), most adopted first."""
    contributors: list[tuple[Markup, int, int, int]]
    """(organisation, leads, builds, adopts), largest contribution first."""


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
        matrix.append((to.layer(layer.id), counts, len(modules)))
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
        labels=[STATUS_LABELS[s] for s in STATUS_ORDER],
        matrix=matrix,
        totals=[sum(m.status == s for m in landscape.modules.values()) for s in STATUS_ORDER],
        total=len(landscape.modules),
        ranking=[
            (to.module(m.id), status_badge(m.status), len(index.adopting_municipalities(m)),
             index.graph.dependent_count(m.id))
            for m in ranking
        ],
        contributors=[
            (to.organisation(o.id), len(index.leads.get(o.id, [])),
             len(index.builds.get(o.id, [])), len(index.adopts.get(o.id, [])))
            for o in contributors
        ],
    )


def status_page(index: Index) -> str:
    """The Markdown of the status dashboard."""
    return render_view("status.md.j2", status_view(index))
