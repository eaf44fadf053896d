"""The landscape as a networkx graph, with the analyses the site shows.

Edges point from a module to what it depends on (``a -> b``: a needs b). The
transitive figures for every module are computed once, in one pass over the
graph in topological order with Python integers as bit sets, so a page asks
for its numbers in constant time however large the landscape grows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import networkx as nx

from .model import Landscape
from .model.graphalgo import island_pieces, strongly_connected_components


@dataclass(frozen=True)
class Impact:
    """What is hit when a module fails."""

    modules: frozenset[str]
    """Every module that depends on it, directly or through others."""
    municipalities: frozenset[str]
    """Every municipality that adopted it or any of those modules."""


class LandscapeGraph:
    """Dependency analyses of one landscape."""

    def __init__(self, landscape: Landscape) -> None:
        self.landscape = landscape
        self.graph = nx.DiGraph()
        for module in landscape.modules.values():
            self.graph.add_node(module.id)
        for module in landscape.modules.values():
            for dep in module.depends_on:
                self.graph.add_edge(module.id, dep.module, via=dep.via)
        self._order = sorted(self.graph.nodes)
        self._bit = {node: 1 << i for i, node in enumerate(self._order)}

    def dependencies(self, module_id: str) -> list[str]:
        """What the module depends on directly, sorted."""
        return sorted(self.graph.successors(module_id))

    def dependents(self, module_id: str) -> list[str]:
        """What depends on the module directly, sorted."""
        return sorted(self.graph.predecessors(module_id))

    def transitive_dependencies(self, module_id: str) -> frozenset[str]:
        """Everything the module needs, directly or through others."""
        return self._members(self._closures[0][module_id])

    def transitive_dependents(self, module_id: str) -> frozenset[str]:
        """Everything that needs the module, directly or through others."""
        return self._members(self._closures[1][module_id])

    def dependency_count(self, module_id: str) -> int:
        """How many modules the module needs, transitively."""
        return self._closures[0][module_id].bit_count()

    def dependent_count(self, module_id: str) -> int:
        """How many modules need the module, transitively."""
        return self._closures[1][module_id].bit_count()

    def impact(self, module_id: str) -> Impact:
        """The modules and municipalities hit when the module fails."""
        municipalities = self._affected[module_id]
        return Impact(
            modules=self.transitive_dependents(module_id),
            municipalities=frozenset(
                m for i, m in enumerate(self._municipalities) if municipalities >> i & 1
            ),
        )

    def affected_municipality_count(self, module_id: str) -> int:
        """How many municipalities are hit when the module fails."""
        return self._affected[module_id].bit_count()

    def most_depended_on(self, limit: int = 10) -> list[tuple[str, int]]:
        """The modules with the most transitive dependents, most first, then by id."""
        ranked = sorted((-self.dependent_count(n), n) for n in self._order)
        return [(n, -count) for count, n in ranked[:limit] if count < 0]

    def islands(self) -> list[frozenset[str]]:
        """Pieces of the in-scope landscape not connected to its largest piece (rule 6)."""
        in_scope = [m.id for m in self.landscape.modules.values() if m.status != "out-of-scope"]
        return island_pieces(self.graph.succ, in_scope)

    def cycles(self) -> list[list[str]]:
        """Groups of modules that depend on each other in a circle (sorted)."""
        return sorted(
            sorted(c) for c in strongly_connected_components(self.graph.succ) if len(c) > 1
        )

    def _members(self, bits: int) -> frozenset[str]:
        return frozenset(n for n in self._order if bits & self._bit[n])

    @cached_property
    def _condensed(self) -> tuple[nx.DiGraph, dict[str, int], list[int]]:
        """Strongly connected components as one DAG, in topological order."""
        condensed = nx.condensation(self.graph)
        return condensed, condensed.graph["mapping"], list(nx.topological_sort(condensed))

    def _propagate(self, seed: dict[str, int], *, upwards: bool) -> dict[str, int]:
        """For each module: the OR of ``seed`` over itself and everything reachable.

        Downwards follows dependencies, upwards follows dependents. One pass over
        the condensed graph; cycles share one component and so one result.
        """
        condensed, members, order = self._condensed
        combined: dict[int, int] = {}
        for c in order if upwards else reversed(order):
            bits = 0
            for node in condensed.nodes[c]["members"]:
                bits |= seed[node]
            neighbours = condensed.predecessors(c) if upwards else condensed.successors(c)
            for other in neighbours:
                bits |= combined[other]
            combined[c] = bits
        return {n: combined[members[n]] for n in self._order}

    @cached_property
    def _closures(self) -> tuple[dict[str, int], dict[str, int]]:
        """Bit sets (over modules) of transitive dependencies and of transitive dependents."""
        down = self._propagate(self._bit, upwards=False)
        up = self._propagate(self._bit, upwards=True)
        return (
            {n: down[n] & ~self._bit[n] for n in self._order},
            {n: up[n] & ~self._bit[n] for n in self._order},
        )

    @cached_property
    def _municipalities(self) -> list[str]:
        return sorted(
            o.id for o in self.landscape.organisations.values() if o.kind == "municipality"
        )

    @cached_property
    def _affected(self) -> dict[str, int]:
        """Bit sets (over municipalities) of who is hit when each module fails."""
        index = {m: i for i, m in enumerate(self._municipalities)}
        own = {
            module.id: sum(1 << index[c.org] for c in module.consumers if c.org in index)
            for module in self.landscape.modules.values()
        }
        return self._propagate(own, upwards=True)
