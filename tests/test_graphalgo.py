"""The hand-written graph algorithms against networkx, on graphs hypothesis draws."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from generator.model.graphalgo import (
    cycles,
    island_pieces,
    strongly_connected_components,
    weakly_connected_components,
)

NODES = [f"m{i}" for i in range(12)]


@st.composite
def graphs(draw) -> dict[str, list[str]]:
    """An adjacency mapping over a few nodes, edges in drawn order, self-edges included."""
    nodes = draw(st.lists(st.sampled_from(NODES), min_size=1, max_size=len(NODES), unique=True))
    edges = draw(st.lists(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=30))
    succ: dict[str, list[str]] = {node: [] for node in nodes}
    for a, b in edges:
        if b not in succ[a]:
            succ[a].append(b)
    return succ


def digraph(succ: dict[str, list[str]]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(succ)
    graph.add_edges_from((a, b) for a, targets in succ.items() for b in targets)
    return graph


def reference_island_pieces(graph: nx.DiGraph, in_scope: list[str]) -> list[frozenset[str]]:
    """The networkx version the rules used before."""
    pieces = sorted(
        (frozenset(c) for c in nx.weakly_connected_components(graph.subgraph(in_scope))),
        key=lambda c: (-len(c), min(c)),
    )
    return [p for rank, p in enumerate(pieces) if rank > 0 or len(p) == 1]


def reference_cycles(graph: nx.DiGraph) -> list[list[str]]:
    """The networkx version the rules used before: one cycle per component, from its minimum."""
    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        start = min(component)
        path = nx.shortest_path(graph.subgraph(component), start)
        back = min(
            (path[n] for n in graph.predecessors(start) if n in component), key=lambda p: (len(p), p)
        )
        found.append([*back, start])
    return sorted(found)


@given(graphs())
def test_strongly_connected_components_match_networkx(succ):
    ours = strongly_connected_components(succ)
    assert sorted(map(sorted, ours)) == sorted(
        map(sorted, nx.strongly_connected_components(digraph(succ)))
    )
    assert len(ours) == len(set(ours))


@given(graphs())
def test_components_come_after_what_they_depend_on(succ):
    position = {n: i for i, c in enumerate(strongly_connected_components(succ)) for n in c}
    for a, targets in succ.items():
        for b in targets:
            assert position[b] <= position[a]


@given(graphs(), st.data())
def test_weakly_connected_components_and_islands_match_networkx(succ, data):
    in_scope = data.draw(st.lists(st.sampled_from(list(succ)), unique=True))
    graph = digraph(succ)
    assert sorted(map(sorted, weakly_connected_components(succ, in_scope))) == sorted(
        map(sorted, nx.weakly_connected_components(graph.subgraph(in_scope)))
    )
    assert island_pieces(succ, in_scope) == reference_island_pieces(graph, in_scope)
    assert island_pieces(graph.succ, in_scope) == island_pieces(succ, in_scope)


@given(graphs())
def test_cycles_match_the_networkx_version(succ):
    graph = digraph(succ)
    assert cycles(succ) == reference_cycles(graph)
    for cycle in cycles(succ):
        assert cycle[0] == cycle[-1] == min(cycle)
        assert all(b in succ[a] for a, b in pairwise(cycle))


def test_a_long_chain_needs_no_recursion():
    chain = {f"m{i}": [f"m{i + 1}"] for i in range(20_000)} | {"m20000": ["m0"]}
    (component,) = strongly_connected_components(chain)
    assert len(component) == 20_001
    assert len(cycles(chain)[0]) == 20_002
    assert island_pieces(chain, list(chain)) == []
