"""What to build next: every wanted and claimed module ranked by one documented score.

The score (explained in Dutch on ``/volgende-stappen/``)::

    score = DEMAND_WEIGHT * demand + UNLOCK_WEIGHT * unlock + READINESS_WEIGHT * readiness

- **demand**: the municipalities that want the module: those interested in it,
  and those interested in or adopting a module that depends on it, directly or
  transitively (such a module waits for it). Each municipality counts once.
- **unlock**: the modules that depend on it, directly or transitively, and are not
  finished yet (wanted, claimed or developing): they cannot be finished without it.
- **readiness**: the share (0 to 1) of its own, direct dependencies that are
  available; a module without dependencies is ready (1).

Higher first; ties break by name (case-insensitive), then id. Pure functions on a
:class:`~generator.model.Landscape` and its :class:`~generator.graph.LandscapeGraph`:
no MkDocs, no Jinja. The sums are bit sets over the graph in topological order, so
a ranking costs one pass over the dependencies however large the landscape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

import networkx as nx

from .graph import LandscapeGraph
from .model import Landscape
from .model.statuses import ALWAYS_WEAK_TARGETS, PLANNED

__all__ = [
    "DEMAND_WEIGHT",
    "RANKED_STATUSES",
    "READINESS_WEIGHT",
    "UNLOCK_WEIGHT",
    "Ranked",
    "format_score",
    "rank",
    "reasons",
]

DEMAND_WEIGHT = 3
"""Points per municipality that wants the module (or a module waiting for it).

The heaviest term: a municipality that will adopt is the +1-gemeente itself, the
reason the menu exists. Three points each, so that one more municipality outweighs
one more waiting module."""

UNLOCK_WEIGHT = 2
"""Points per unfinished module that depends on it, directly or transitively.

A waiting module is work made possible, but not yet value for residents: less
than a municipality that will adopt, more than readiness alone."""

READINESS_WEIGHT = 2
"""Points for a module whose own dependencies are all available (that share of them
for some). At most two: less than one municipality, as much as one waiting module.
It decides between modules of about equal demand and unlock in favour of the one
that can start today, and never outweighs a municipality that wants to adopt."""


RANKED_STATUSES = ("wanted", "claimed")
"""The statuses the ranking lists: open to claim, or claimed and not yet started."""


@dataclass(frozen=True)
class Ranked:
    """One module of the ranking, with the terms of its score."""

    rank: int
    """1-based position in the ranking."""
    id: str
    name: str
    status: str
    layer: str
    demand: int
    """Municipalities that want it, directly or through a module that waits for it."""
    unlock: int
    """Unfinished modules that depend on it, directly or transitively."""
    dependencies: int
    """Its own, direct dependencies."""
    available_dependencies: int
    """Of those, the ones that are available."""

    @property
    def readiness(self) -> Fraction:
        """The share of its own dependencies that are available; 1 without any."""
        if self.dependencies == 0:
            return Fraction(1)
        return Fraction(self.available_dependencies, self.dependencies)

    @property
    def score(self) -> Fraction:
        """The exact score (see the module docstring)."""
        return (DEMAND_WEIGHT * self.demand + UNLOCK_WEIGHT * self.unlock
                + READINESS_WEIGHT * self.readiness)

    @property
    def reasons(self) -> list[str]:
        """Why it ranks where it does, in Dutch: demand, unlock, readiness."""
        return reasons(self.demand, self.unlock, self.dependencies, self.available_dependencies)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def reasons(demand: int, unlock: int, dependencies: int, available: int) -> list[str]:
    """The three terms in words, as the page and ``retratstoliped next`` show them.

    >>> reasons(3, 12, 2, 2)
    ['3 gemeenten willen afnemen', '12 modules wachten erop', 'alle afhankelijkheden zijn beschikbaar']
    >>> reasons(1, 1, 3, 2)
    ['1 gemeente wil afnemen', '1 module wacht erop', '2 van de 3 afhankelijkheden zijn beschikbaar']
    """
    wants = (_plural(demand, "gemeente wil", "gemeenten willen") + " afnemen"
             if demand else "nog geen gemeente wil afnemen")
    waits = (_plural(unlock, "module wacht", "modules wachten") + " erop"
             if unlock else "geen module wacht erop")
    return [wants, waits, _readiness_text(dependencies, available)]


def _readiness_text(dependencies: int, available: int) -> str:
    if dependencies == 0:
        return "geen afhankelijkheden"
    if dependencies == 1:
        return ("de enige afhankelijkheid is beschikbaar" if available
                else "de enige afhankelijkheid is nog niet beschikbaar")
    if available == dependencies:
        return "alle afhankelijkheden zijn beschikbaar"
    if available == 0:
        return f"geen van de {dependencies} afhankelijkheden is beschikbaar"
    verb = "is" if available == 1 else "zijn"
    return f"{available} van de {dependencies} afhankelijkheden {verb} beschikbaar"


def format_score(score: Fraction, decimal: str = ",") -> str:
    """A score with at most one decimal (``12``, ``14,7``); Dutch decimal comma by default."""
    tenths = round(score * 10)
    whole, rest = divmod(tenths, 10)
    return str(whole) if rest == 0 else f"{whole}{decimal}{rest}"


def rank(landscape: Landscape, graph: LandscapeGraph) -> list[Ranked]:
    """Every wanted and claimed module, highest score first; ties by name, then id."""
    modules = landscape.modules
    municipalities = sorted(
        o.id for o in landscape.organisations.values() if o.kind == "municipality"
    )
    org_bit = {org: 1 << i for i, org in enumerate(municipalities)}
    module_bit = {module_id: 1 << i for i, module_id in enumerate(sorted(modules))}

    # per module: the municipalities interested in it or adopting it, as a bit set
    own_demand = {
        m.id: sum(org_bit.get(org, 0) for org in {*m.interested, *(c.org for c in m.consumers)})
        for m in modules.values()
    }

    # Upwards over dependents: what waits for a module is the union over everything
    # that needs it, directly or transitively. Edges a -> b mean a needs b, so in a
    # topological order every dependent comes before what it depends on.
    wanting: dict[str, int] = {}
    waiting: dict[str, int] = {}
    for module_id in nx.topological_sort(graph.graph):
        demand_bits = unlock_bits = 0
        for dependent in graph.graph.predecessors(module_id):
            status = modules[dependent].status
            demand_bits |= wanting[dependent]
            unlock_bits |= waiting[dependent]
            if status not in ALWAYS_WEAK_TARGETS:
                demand_bits |= own_demand[dependent]
            if status in PLANNED:
                unlock_bits |= module_bit[dependent]
        wanting[module_id], waiting[module_id] = demand_bits, unlock_bits

    rows = []
    for m in modules.values():
        if m.status not in RANKED_STATUSES:
            continue
        deps = graph.dependencies(m.id)
        rows.append(Ranked(
            rank=0, id=m.id, name=m.name, status=m.status, layer=m.layer,
            demand=(own_demand[m.id] | wanting[m.id]).bit_count(), unlock=waiting[m.id].bit_count(),
            dependencies=len(deps),
            available_dependencies=sum(modules[d].status == "available" for d in deps),
        ))
    rows.sort(key=lambda r: (-r.score, r.name.lower(), r.id))
    return [replace(r, rank=i) for i, r in enumerate(rows, start=1)]
