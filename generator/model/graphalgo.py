"""The graph algorithms the rules and the analyses share: cycles and islands.

A graph is a plain adjacency mapping, ``{node: its successors}`` with every node
as a key, so checking a model needs no graph library; a networkx ``DiGraph``'s
``succ`` is such a mapping too. Edges point from a module to what it depends on.
Every function is iterative, so a chain of thousands of modules is no problem
for Python's recursion limit, and gives the same result for the same graph
(``tests/test_graphalgo.py`` compares them with networkx).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable, Mapping

Adjacency = Mapping[str, Collection[str]]
"""``{node: its successors}``; every node is a key."""


def strongly_connected_components(succ: Adjacency) -> list[frozenset[str]]:
    """The strongly connected components (Tarjan's algorithm, without recursion).

    Returns:
        Every component, one-node ones included, each dependency's component
        before the components that depend on it.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)

    for root in succ:
        if root in index:
            continue
        visit(root)
        work = [(root, iter(succ.get(root, ())))]
        while work:
            node, successors = work[-1]
            for child in successors:
                if child not in index:
                    visit(child)
                    work.append((child, iter(succ.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:  # every successor done
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    components.append(frozenset(component))
    return components


def weakly_connected_components(
    succ: Adjacency, nodes: Iterable[str] | None = None
) -> list[frozenset[str]]:
    """The pieces of the graph when edge directions are ignored.

    Args:
        succ: the graph.
        nodes: only these nodes and the edges between them (default: every node).
    """
    keep = list(dict.fromkeys(succ if nodes is None else nodes))
    neighbours: dict[str, list[str]] = {node: [] for node in keep}
    for node in keep:
        for other in succ.get(node, ()):
            if other in neighbours:
                neighbours[node].append(other)
                neighbours[other].append(node)
    seen: set[str] = set()
    pieces = []
    for start in keep:
        if start in seen:
            continue
        seen.add(start)
        piece, pending = [start], [start]
        while pending:
            for other in neighbours[pending.pop()]:
                if other not in seen:
                    seen.add(other)
                    piece.append(other)
                    pending.append(other)
        pieces.append(frozenset(piece))
    return pieces


def island_pieces(succ: Adjacency, in_scope: Iterable[str]) -> list[frozenset[str]]:
    """The islands (rule 6) among the ``in_scope`` nodes.

    Returns:
        Every lone node, and every piece other than the largest (ties: the one
        with the smallest id); larger pieces first, then by smallest id.
    """
    pieces = sorted(weakly_connected_components(succ, in_scope), key=lambda c: (-len(c), min(c)))
    return [p for rank, p in enumerate(pieces) if rank > 0 or len(p) == 1]


def shortest_paths(succ: Adjacency, start: str, within: Collection[str]) -> dict[str, str]:
    """A shortest-path tree from ``start`` through the nodes of ``within``.

    Breadth first, successors in their order in ``succ``: among paths of one
    length, the first found wins (as networkx's ``shortest_path``).

    Returns:
        For every node reached, the node before it on its path (``start``: itself).
    """
    before = {start: start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for other in succ.get(node, ()):
            if other in within and other not in before:
                before[other] = node
                queue.append(other)
    return before


def path_to(before: Mapping[str, str], node: str) -> list[str]:
    """The path to ``node`` in a tree made by :func:`shortest_paths`."""
    path = [node]
    while before[path[-1]] != path[-1]:
        path.append(before[path[-1]])
    return path[::-1]


def cycles(succ: Adjacency) -> list[list[str]]:
    """One cycle through every group of nodes that reach each other.

    For each strongly connected component of two or more nodes: the shortest
    way from its smallest node around and back to it, closed through the
    neighbour that closes it soonest (ties: the smallest path), e.g.
    ``["a", "c", "b", "a"]``.

    Returns:
        The cycles, sorted by their first node.
    """
    found = []
    for component in strongly_connected_components(succ):
        if len(component) < 2:
            continue
        start = min(component)
        before = shortest_paths(succ, start, component)
        closing = (n for n in component if start in succ.get(n, ()))
        back = min((path_to(before, n) for n in closing), key=lambda p: (len(p), p))
        found.append([*back, start])
    return sorted(found)


__all__ = [
    "Adjacency",
    "cycles",
    "island_pieces",
    "path_to",
    "shortest_paths",
    "strongly_connected_components",
    "weakly_connected_components",
]
