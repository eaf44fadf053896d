"""Layer-band layout: one band per layer in the model's order, nodes ordered within
each band to keep edge crossings low (barycentre sweeps), deterministic.

A band wider than ``per_row`` nodes wraps onto several rows, so the picture
grows downwards instead of sideways.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .cache import DrawingCache

NODE_W = 200
NODE_H = 58
GAP_X = 24
GAP_Y = 30
BAND_PAD = 34
MARGIN = 16
LAYOUT_CACHE = 8192
"""Layouts remembered per process (one per picture; a few KB each)."""
TRANSPOSE_MAX_EDGES = 400
"""Above this many edges only barycentre sweeps run: swapping costs O(degree x edges)
per try, and pictures that large are rolled up before they are drawn anyway."""
TRANSPOSE_BUDGET = 4_000_000
"""At most this many edge pairs are compared while swapping neighbours in one layout."""


@dataclass(frozen=True)
class Box:
    """A placed node: top-left corner and size."""

    id: str
    band: str
    x: int
    y: int
    w: int = NODE_W
    h: int = NODE_H

    @property
    def cx(self) -> int:
        return self.x + self.w // 2


@dataclass(frozen=True)
class Band:
    """A horizontal band: one layer."""

    id: str
    y: int
    h: int


@dataclass(frozen=True)
class Layout:
    """Where everything goes; edges point from dependent to dependency."""

    boxes: dict[str, Box]
    edges: tuple[tuple[str, str], ...]
    bands: tuple[Band, ...]
    width: int
    height: int


def _place(
    order: dict[str, list[str]], bands: Sequence[str], per_row: int, edges: tuple
) -> Layout:
    widest = max((min(len(v), per_row) for v in order.values()), default=1)
    width = 2 * MARGIN + max(widest, 1) * (NODE_W + GAP_X) - GAP_X
    boxes: dict[str, Box] = {}
    placed: list[Band] = []
    y = MARGIN
    for band in bands:
        members = order.get(band, [])
        if not members:
            continue
        rows = [members[i : i + per_row] for i in range(0, len(members), per_row)]
        top = y
        y += BAND_PAD
        for row in rows:
            row_w = len(row) * (NODE_W + GAP_X) - GAP_X
            x = (width - row_w) // 2
            for node in row:
                boxes[node] = Box(node, band, x, y)
                x += NODE_W + GAP_X
            y += NODE_H + GAP_Y
        placed.append(Band(band, top, y - top))
        y += GAP_Y // 2
    return Layout(boxes, edges, tuple(placed), width, y + MARGIN)


def _barycentre_order(
    current: Layout, order: dict[str, list[str]], neighbours: dict[str, list[str]]
) -> dict[str, list[str]]:
    boxes = current.boxes

    def key(node: str, band: str, position: dict[str, int]) -> tuple[float, int, str]:
        xs = [boxes[m].cx for m in neighbours[node] if boxes[m].band != band]
        centre = sum(xs) / len(xs) if xs else boxes[node].cx
        return (centre, position[node], node)

    new = {}
    for band, members in order.items():
        position = {n: i for i, n in enumerate(members)}
        new[band] = sorted(members, key=lambda node: key(node, band, position))
    return new


def layout(
    nodes: Sequence[tuple[str, str]],
    edges: Sequence[tuple[str, str]],
    band_order: Sequence[str],
    *,
    per_row: int = 6,
    sweeps: int = 12,
    cache: DrawingCache | None = None,
) -> Layout:
    """Place ``nodes`` (id, band) in bands, ordered to reduce crossings.

    Args:
        nodes: (node id, band id) pairs.
        edges: (from, to) pairs between known nodes.
        band_order: the bands from top to bottom.
        per_row: the most nodes side by side in one row of a band.
        sweeps: how many barycentre passes to try; the best layout is kept.
        cache: a folder of layouts from earlier builds to read first and write to;
            None lays out in this process only.

    The result depends on nothing else, so it is remembered for the life of the
    process: under ``mkdocs serve`` a rebuild redraws only the pictures whose
    modules or dependencies changed. With a ``cache`` it is remembered across
    builds too.
    """
    args = (tuple(sorted(nodes)), tuple(sorted(set(edges))), tuple(band_order), per_row, sweeps)
    if cache is None:
        return _layout(*args)
    return cache.layout(args, _layout)


def edges_between(
    nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The edges a layout keeps: between two different known nodes, sorted, once each."""
    known = {n for n, _ in nodes}
    return tuple(sorted({(a, b) for a, b in edges if a in known and b in known and a != b}))


@lru_cache(maxsize=LAYOUT_CACHE)
def _layout(
    nodes: tuple[tuple[str, str], ...],
    edges: tuple[tuple[str, str], ...],
    band_order: tuple[str, ...],
    per_row: int,
    sweeps: int,
) -> Layout:
    edge_list = edges_between(nodes, edges)
    order: dict[str, list[str]] = defaultdict(list)
    for node, band in sorted(nodes):
        order[band].append(node)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for a, b in edge_list:
        neighbours[a].append(b)
        neighbours[b].append(a)
    best = _place(order, band_order, per_row, edge_list)
    best_count = crossings(best)
    current = best
    for _ in range(sweeps):
        if best_count == 0:
            break
        order = _barycentre_order(current, order, neighbours)
        current = _place(order, band_order, per_row, edge_list)
        count = crossings(current)
        if count < best_count:
            best, best_count = current, count
    if len(edge_list) > TRANSPOSE_MAX_EDGES:
        return best
    return _transpose(best, passes=sweeps)


def _transpose(lay: Layout, *, passes: int) -> Layout:
    """Swap neighbouring nodes of a band while that removes crossings.

    Only the edges at the two swapped nodes change, so each try recounts just
    their crossings, against end points kept up to date per edge. The work is
    capped at ``TRANSPOSE_BUDGET`` edge pairs per layout: counted, not timed,
    so the result stays deterministic.
    """
    boxes = dict(lay.boxes)
    points = {e: _segment(boxes, e) for e in lay.edges}
    incident: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for edge in lay.edges:
        incident[edge[0]].append(edge)
        incident[edge[1]].append(edge)
    budget = TRANSPOSE_BUDGET
    for _ in range(passes):
        improved = False
        for band in lay.bands:
            members = sorted(
                (b for b in boxes.values() if b.band == band.id), key=lambda b: (b.y, b.x)
            )
            ids = [b.id for b in members]
            for u, v in pairwise(ids):
                touched = sorted(set(incident[u]) | set(incident[v]))
                if not touched:
                    continue
                budget -= 2 * len(touched) * len(lay.edges)
                if budget < 0:
                    return Layout(boxes, lay.edges, lay.bands, lay.width, lay.height)
                before = _pairs_crossing(points, touched)
                _swap(boxes, u, v)
                for e in touched:
                    points[e] = _segment(boxes, e)
                if _pairs_crossing(points, touched) < before:
                    improved = True
                else:
                    _swap(boxes, u, v)
                    for e in touched:
                        points[e] = _segment(boxes, e)
        if not improved:
            break
    return Layout(boxes, lay.edges, lay.bands, lay.width, lay.height)


def _swap(boxes: dict[str, Box], u: str, v: str) -> None:
    a, b = boxes[u], boxes[v]
    boxes[u] = Box(u, a.band, b.x, b.y, a.w, a.h)
    boxes[v] = Box(v, b.band, a.x, a.y, b.w, b.h)


Segment = tuple[int, int, int, int, int, int, int, int]


def _segment(boxes: dict[str, Box], edge: tuple[str, str]) -> Segment:
    """End points of an edge and its bounding box: x1, y1, x2, y2, lo_x, hi_x, lo_y, hi_y."""
    x1, y1, x2, y2 = _points(boxes, *edge)
    return x1, y1, x2, y2, min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)


def _pairs_crossing(points: dict[tuple[str, str], Segment], edges: list[tuple[str, str]]) -> int:
    """Crossing pairs with at least one edge in ``edges`` (each pair once)."""
    chosen = set(edges)
    count = 0
    candidates = list(points.items())
    for e in edges:
        x1, y1, x2, y2, lo_x, hi_x, lo_y, hi_y = points[e]
        if lo_y == hi_y:
            continue
        a, b = e
        for f, (x3, y3, x4, y4, lo_x2, hi_x2, lo_y2, hi_y2) in candidates:
            if hi_x2 < lo_x or lo_x2 > hi_x or hi_y2 <= lo_y or lo_y2 >= hi_y or lo_y2 == hi_y2:
                continue
            if f == e or (f in chosen and f < e) or a in f or b in f:
                continue
            if _cross(x1, y1, x2, y2, x3, y3, x4, y4):
                count += 1
    return count


def _cross(x1: int, y1: int, x2: int, y2: int, x3: int, y3: int, x4: int, y4: int) -> bool:  # noqa: PLR0917
    """Whether segment 1-2 and segment 3-4 properly cross: each one's ends lie strictly
    on both sides of the other (the sign of a cross product, written out because this
    is the innermost loop of the layout)."""
    dx, dy = x2 - x1, y2 - y1
    if (dx * (y3 - y1) - dy * (x3 - x1)) * (dx * (y4 - y1) - dy * (x4 - x1)) >= 0:
        return False
    ex, ey = x4 - x3, y4 - y3
    return (ex * (y1 - y3) - ey * (x1 - x3)) * (ex * (y2 - y3) - ey * (x2 - x3)) < 0


def edge_points(lay: Layout, a: str, b: str) -> tuple[int, int, int, int]:
    """The end points of the edge a -> b: from a's bottom or top to b's top or bottom."""
    return _points(lay.boxes, a, b)


def _points(boxes: dict[str, Box], a: str, b: str) -> tuple[int, int, int, int]:
    s, t = boxes[a], boxes[b]
    if t.y > s.y:
        return s.cx, s.y + s.h, t.cx, t.y
    if t.y < s.y:
        return s.cx, s.y, t.cx, t.y + t.h
    return s.cx, s.y + s.h, t.cx, t.y + t.h  # same row: drawn as a curve below


def crossings(lay: Layout) -> int:
    """How many pairs of straight edges cross (edges sharing an end do not count).

    Edges within one row are drawn as curves beneath it and are not counted.
    """
    segments = []
    for a, b in lay.edges:
        x1, y1, x2, y2 = edge_points(lay, a, b)
        if y1 == y2:
            continue
        segments.append((a, b, x1, y1, x2, y2, min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)))
    segments.sort(key=lambda s: s[6])
    count = 0
    for i, (a, b, x1, y1, x2, y2, _lo_x, hi_x, lo_y, hi_y) in enumerate(segments):
        for c, d, x3, y3, x4, y4, lo_x2, _hi_x2, lo_y2, hi_y2 in segments[i + 1 :]:
            if lo_x2 > hi_x:
                break
            if hi_y2 <= lo_y or lo_y2 >= hi_y or {a, b} & {c, d}:
                continue
            if _cross(x1, y1, x2, y2, x3, y3, x4, y4):
                count += 1
    return count
