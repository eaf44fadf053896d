"""The page ``/volgende-stappen/``: what to build next, every wanted and claimed module
ranked by the score of :mod:`generator.ranking`, with the reasons in words; a long
ranking goes on over ``/volgende-stappen/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from ..ranking import DEMAND_WEIGHT, READINESS_WEIGHT, UNLOCK_WEIGHT, Ranked, format_score
from .common import Index, Link, Linker
from .paging import Page, paginate
from .render import render_pages

DOC = "volgende-stappen/index.md"


@dataclass(frozen=True)
class NextStep:
    """One row of the ranking."""

    rank: int
    module: Link
    status: str
    """The status id; the template writes its Dutch label in a badge."""
    layer: Link
    score: str
    """The score as shown: at most one decimal, with a decimal comma."""
    reasons: list[str]


@dataclass(frozen=True)
class NextStepsPage:
    """The view model of ``/volgende-stappen/`` (template ``next_steps.html``)."""

    rows: list[NextStep]
    """Highest score first."""
    page: Page
    demand_weight: int
    unlock_weight: int
    readiness_weight: int
    claim: Link
    """The page that says how to sign up for a module."""


def ranking(index: Index) -> list[Ranked]:
    """The ranking of the landscape (wanted and claimed modules, best first)."""
    return index.ranking


def next_steps_views(index: Index) -> list[NextStepsPage]:
    """The view models of the pages of the ranking."""
    views = []
    for page in paginate(DOC, ranking(index)):
        to = Linker(page.doc, index.landscape)
        rows = [
            NextStep(
                rank=r.rank,
                module=to.module(r.id),
                status=r.status,
                layer=to.layer(r.layer),
                score=format_score(r.score),
                reasons=r.reasons,
            )
            for r in page.rows
        ]
        views.append(NextStepsPage(
            rows, page, DEMAND_WEIGHT, UNLOCK_WEIGHT, READINESS_WEIGHT,
            to.page("Intekenen", "intekenen/index.md"),
        ))
    return views


def next_steps_view(index: Index) -> NextStepsPage:
    """The view model of the first page of the ranking."""
    return next_steps_views(index)[0]


def next_steps_pages(index: Index) -> dict[str, str]:
    """The pages of the ranking, by docs path."""
    return render_pages("next_steps.html", next_steps_views(index), "Volgende stappen")
