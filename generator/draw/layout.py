"""Layer-band layout: one band per layer in the model's order, nodes ordered within
each band to keep edge crossings low, deterministic.

A band of more than ``per_row`` nodes wraps onto several rows, so the picture
grows downwards instead of sideways. It wraps *by column*: the band's order runs
down each column before the next, so a node's place from left to right follows
its order, and ordering the band by where its neighbours are (barycentres) puts
it above or below them. Within a column, a node linked mostly upwards sits at the
top, one linked mostly downwards at the bottom. A band narrower than the picture
puts each column under or over its neighbours rather than in the middle.

Crossings are counted exactly (:func:`crossings`): per horizontal slab between
two heights where an edge begins or ends, two edges cross inside it when their
order at its top and at its bottom differ.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import astuple, dataclass
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
COUNT_MAX_EDGES = 1_000
"""Up to this many edges, the sweeps are judged by their crossings (counted in a few
milliseconds); above it by :func:`stretch`, which takes a thousandth of the time."""
SWAP_MAX_EDGES = 400
"""Up to this many edges, neighbouring nodes are also swapped while that removes
crossings; above it, barycentre sweeps alone (each swap recounts its edges' crossings)."""
SWAP_BUDGET = 600_000
"""At most this many edge pairs are compared while swapping neighbours in one layout."""


Edge = tuple[str, str]
PORT_GAP = 12
"""Edges on one side of a node are at most this far apart where they meet it..."""
PORT_SPREAD = 0.6
"""... and together take at most this share of the side."""


@dataclass(frozen=True)
class Shape:
    """The size of a node and the room around it, in SVG units."""

    node_w: int = NODE_W
    node_h: int = NODE_H
    gap_x: int = GAP_X
    gap_y: int = GAP_Y
    band_pad: int = BAND_PAD
    """Room above a band's first row, for the band's name."""


DEFAULT_SHAPE = Shape()


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


def layout(
    nodes: Sequence[tuple[str, str]],
    edges: Sequence[tuple[str, str]],
    band_order: Sequence[str],
    *,
    per_row: int = 6,
    sweeps: int = 12,
    cache: DrawingCache | None = None,
    shape: Shape = DEFAULT_SHAPE,
) -> Layout:
    """Place ``nodes`` (id, band) in bands, ordered to reduce crossings.

    Args:
        nodes: (node id, band id) pairs.
        edges: (from, to) pairs between known nodes.
        band_order: the bands from top to bottom.
        per_row: the most nodes side by side in one row of a band.
        sweeps: how many barycentre passes to try; the layout with the fewest
            crossings is kept.
        cache: a folder of layouts from earlier builds to read first and write to;
            None lays out in this process only.
        shape: the size of a node and the gaps between nodes.

    The result depends on nothing else, so it is remembered for the life of the
    process: under ``mkdocs serve`` a rebuild redraws only the pictures whose
    modules or dependencies changed. With a ``cache`` it is remembered across
    builds too.
    """
    args = (
        tuple(sorted(nodes)), tuple(sorted(set(edges))), tuple(band_order), per_row, sweeps,
        astuple(shape),
    )
    if cache is None:
        return _layout(*args)
    return cache.layout(args, _layout)


def reading_order(lay: Layout) -> list[str]:
    """The nodes band by band, row by row, left to right: the order of a picture's SVG,
    of the Tab key and of the page's data about the nodes."""
    return sorted(lay.boxes, key=lambda n: (lay.boxes[n].y, lay.boxes[n].x))


def edges_between(
    nodes: Sequence[tuple[str, str]], edges: Sequence[tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    """The edges a layout keeps: between two different known nodes, sorted, once each."""
    known = {n for n, _ in nodes}
    return tuple(sorted({(a, b) for a, b in edges if a in known and b in known and a != b}))


class _Graph:
    """The input of one layout, indexed: bands in order, their members and rows, and
    each node's neighbours above, below and beside it."""

    def __init__(self, nodes, edges, band_order, per_row, shape) -> None:
        self.edges = edges
        self.shape = s = Shape(*shape)
        self.pitch_x, self.pitch_y = s.node_w + s.gap_x, s.node_h + s.gap_y
        rank = {band: i for i, band in enumerate(band_order)}
        band_of = {n: b for n, b in nodes if b in rank}
        members: dict[str, list[str]] = defaultdict(list)
        for node, band in sorted(nodes):
            if band in rank:
                members[band].append(node)
        self.bands = [b for b in band_order if members.get(b)]
        self.members = {b: members[b] for b in self.bands}
        self.rows = {b: -(-len(m) // per_row) for b, m in self.members.items()}
        columns = {b: -(-len(m) // self.rows[b]) for b, m in self.members.items()}
        self.slots = max(columns.values(), default=1)
        self.width = 2 * MARGIN + self.slots * self.pitch_x - s.gap_x
        self.first_row: dict[str, int] = {}
        placed = []
        y = MARGIN
        for band in self.bands:
            self.first_row[band] = y + s.band_pad
            height = s.band_pad + self.rows[band] * self.pitch_y
            placed.append(Band(band, y, height))
            y += height + s.gap_y // 2
        self.placed = tuple(placed)
        self.height = y + MARGIN
        self.up: dict[str, list[str]] = defaultdict(list)  # neighbours in bands above
        self.down: dict[str, list[str]] = defaultdict(list)  # and below
        self.level: dict[str, list[str]] = defaultdict(list)  # and in the same band
        for a, b in edges:
            ra, rb = rank[band_of[a]], rank[band_of[b]]
            if ra == rb:
                self.level[a].append(b)
                self.level[b].append(a)
            else:
                (self.down if ra < rb else self.up)[a].append(b)
                (self.up if ra < rb else self.down)[b].append(a)
        self.leaning = {  # -1: linked only upwards ... 1: only downwards
            n: (len(self.down[n]) - len(self.up[n])) / (len(self.up[n]) + len(self.down[n]) or 1)
            for n in band_of
        }

    def linked(self, node: str) -> bool:
        return bool(self.up[node] or self.down[node] or self.level[node])

    def layout(self, boxes: dict[str, Box]) -> Layout:
        return Layout(boxes, self.edges, self.placed, self.width, self.height)


def _place(g: _Graph, order: dict[str, list[str]], target: dict[str, float] | None) -> Layout:
    """The layout of bands in ``order``, wrapped by column; ``target`` is where each
    node would like to be (in slots), so that a narrow band's columns move under or
    over their neighbours; without it they are centred."""
    boxes: dict[str, Box] = {}
    for band in g.bands:
        _place_band(g, band, order[band], target, boxes)
    return g.layout(boxes)


def _place_band(
    g: _Graph, band: str, members: list[str], target: dict[str, float] | None,
    boxes: dict[str, Box],
) -> None:
    """Put the boxes of one band, in ``members`` order, into ``boxes``."""
    s, rows, top = g.shape, g.rows[band], g.first_row[band]
    columns = [members[i : i + rows] for i in range(0, len(members), rows)]
    for column, slot in zip(columns, _slots(columns, target, g.slots), strict=True):
        x = MARGIN + slot * g.pitch_x
        for row, node in enumerate(_stacked(g, column)):
            boxes[node] = Box(node, band, x, top + row * g.pitch_y, s.node_w, s.node_h)


def _stacked(g: _Graph, column: list[str]) -> list[str]:
    """A column top to bottom: linked upwards first, downwards last."""
    if len(column) == 1:
        return column
    leaning = g.leaning
    return [n for _, _, n in sorted((leaning[n], i, n) for i, n in enumerate(column))]


def _slots(columns: list[list[str]], target: dict[str, float] | None, slots: int) -> list[int]:
    """The slot (0 = left) of each column of a band narrower than the picture: as near
    to the mean target of its nodes as the others allow (increasing, least total
    distance; ties to the left), or in the middle without targets."""
    n = len(columns)
    if n == slots:
        return list(range(n))
    if target is None:
        start = (slots - n) // 2
        return list(range(start, start + n))
    want = [sum(target[v] for v in c) / len(c) for c in columns]
    # cost[i][s]: least cost of columns 0..i with column i in slot s
    inf = float("inf")
    cost = [[inf] * slots for _ in range(n)]
    back = [[0] * slots for _ in range(n)]
    for s in range(slots):
        cost[0][s] = abs(s - want[0])
    for i in range(1, n):
        best, at = inf, 0
        for s in range(i, slots):
            if cost[i - 1][s - 1] < best:
                best, at = cost[i - 1][s - 1], s - 1
            cost[i][s] = best + abs(s - want[i])
            back[i][s] = at
    last = min(range(n - 1, slots), key=lambda s: (cost[n - 1][s], s))
    chosen = [last]
    for i in range(n - 1, 0, -1):
        chosen.append(back[i][chosen[-1]])
    return chosen[::-1]


def _targets(
    g: _Graph, boxes: dict[str, Box], band: str, sides: tuple[str, ...]
) -> dict[str, float]:
    """Where each node of ``band`` would like to be, in slots: the mean place of its
    neighbours on the first of ``sides`` that has any ("up", "down", "level", or
    "across" for up and down together); unlinked nodes go last."""
    out = {}
    scale = 1 / g.pitch_x
    for node in g.members[band]:
        for side in sides:
            near = g.up[node] + g.down[node] if side == "across" else getattr(g, side)[node]
            if near:
                out[node] = (sum(boxes[m].x for m in near) / len(near) - MARGIN) * scale
                break
        else:
            here = (boxes[node].x - MARGIN) * scale
            out[node] = here if g.linked(node) else g.slots + here
    return out


def _sweep(
    g: _Graph, lay: Layout, order: dict[str, list[str]], *, downwards: bool, across: bool
) -> Layout:
    """One pass over the bands, top to bottom or back, ordering each band by where its
    neighbours are (in the bands already passed, else the others; or, ``across``, in
    all other bands at once) and placing it there."""
    if across:
        sides: tuple[str, ...] = ("across", "level")
    else:
        sides = ("up", "down", "level") if downwards else ("down", "up", "level")
    boxes = dict(lay.boxes)
    for band in g.bands if downwards else reversed(g.bands):
        want = _targets(g, boxes, band, sides)
        position = {n: i for i, n in enumerate(order[band])}
        order[band] = sorted(order[band], key=lambda n: (want[n], position[n], n))
        _place_band(g, band, order[band], want, boxes)
    return g.layout(boxes)


def stretch(lay: Layout) -> int:
    """How far edges run sideways, summed: a cheap stand-in for crossings in large
    layouts (the two fall and rise together)."""
    total = 0
    for a, b in lay.edges:
        x1, _, x2, _ = _points(lay.boxes, a, b)
        total += abs(x1 - x2)
    return total


@lru_cache(maxsize=LAYOUT_CACHE)
def _layout(
    nodes: tuple[tuple[str, str], ...],
    edges: tuple[tuple[str, str], ...],
    band_order: tuple[str, ...],
    per_row: int,
    sweeps: int,
    shape: tuple[int, ...] = astuple(DEFAULT_SHAPE),
) -> Layout:
    g = _Graph(nodes, edges_between(nodes, edges), band_order, per_row, shape)
    start = {b: list(m) for b, m in g.members.items()}
    small = len(g.edges) <= COUNT_MAX_EDGES
    score = crossings if small else stretch
    best = _place(g, start, None)
    best_score = score(best)
    # two runs of sweeps when counting is cheap: one band side at a time, and all at once
    for across in (False, True) if small else (False,):
        order = {b: list(m) for b, m in start.items()}
        current = best if not across else _place(g, order, None)
        for i in range(sweeps):
            if best_score == 0:
                break
            current = _sweep(g, current, order, downwards=i % 2 == 0, across=across)
            value = score(current)
            if value < best_score:
                best, best_score = current, value
    if len(g.edges) > SWAP_MAX_EDGES:
        return best
    return _swap_neighbours(best, passes=sweeps)


def _swap_neighbours(lay: Layout, *, passes: int) -> Layout:
    """Swap neighbouring nodes of a row while that removes crossings.

    A swap moves two nodes sideways within their row, so which edges can cross
    which (their heights overlap, they share no node) never changes: that is
    worked out once. Each try recounts just the crossings of the edges at the two
    nodes. The work is capped at ``SWAP_BUDGET`` edge pairs per layout: counted,
    not timed, so the result stays deterministic.
    """
    boxes = dict(lay.boxes)
    points = {e: _points(boxes, *e) for e in lay.edges}
    rivals = _rivals(points)
    incident: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for edge in lay.edges:
        incident[edge[0]].append(edge)
        incident[edge[1]].append(edge)
    rows: dict[int, list[str]] = defaultdict(list)
    for box in boxes.values():
        rows[box.y].append(box.id)
    budget = SWAP_BUDGET
    for _ in range(passes):
        improved = False
        for y in sorted(rows):
            ids = sorted(rows[y], key=lambda i: boxes[i].x)
            for u, v in pairwise(ids):
                touched = sorted(set(incident[u]) | set(incident[v]))
                if not touched:
                    continue
                budget -= 2 * sum(len(rivals[e]) for e in touched)
                if budget < 0:
                    return Layout(boxes, lay.edges, lay.bands, lay.width, lay.height)
                before = _pairs_crossing(points, rivals, touched)
                _swap(boxes, u, v)
                for e in touched:
                    points[e] = _points(boxes, *e)
                if _pairs_crossing(points, rivals, touched) < before:
                    improved = True
                else:
                    _swap(boxes, u, v)
                    for e in touched:
                        points[e] = _points(boxes, *e)
        if not improved:
            break
    return Layout(boxes, lay.edges, lay.bands, lay.width, lay.height)


def _swap(boxes: dict[str, Box], u: str, v: str) -> None:
    a, b = boxes[u], boxes[v]
    boxes[u] = Box(u, a.band, b.x, b.y, a.w, a.h)
    boxes[v] = Box(v, b.band, a.x, a.y, b.w, b.h)


def _rivals(points: dict[Edge, tuple[int, int, int, int]]) -> dict[Edge, list[Edge]]:
    """For each straight edge, the edges that could cross it: their heights overlap
    and they share no node."""
    spans = sorted(
        (min(y1, y2), max(y1, y2), e) for e, (_, y1, _, y2) in points.items() if y1 != y2
    )
    rivals: dict[Edge, list[Edge]] = defaultdict(list)
    for i, (_lo, hi, e) in enumerate(spans):
        for lo2, _hi2, f in spans[i + 1 :]:
            if lo2 >= hi:
                break
            if e[0] not in f and e[1] not in f:
                rivals[e].append(f)
                rivals[f].append(e)
    return rivals


def _pairs_crossing(
    points: dict[Edge, tuple[int, int, int, int]], rivals: dict[Edge, list[Edge]],
    edges: list[Edge],
) -> int:
    """Crossing pairs with at least one edge in ``edges`` (each pair once)."""
    chosen = set(edges)
    count = 0
    for e in edges:
        x1, y1, x2, y2 = points[e]
        lo, hi = min(x1, x2), max(x1, x2)
        for f in rivals[e]:
            x3, y3, x4, y4 = points[f]
            if (x3 < lo and x4 < lo) or (x3 > hi and x4 > hi) or (f in chosen and f < e):
                continue
            if _cross(x1, y1, x2, y2, x3, y3, x4, y4):
                count += 1
    return count


def _cross(x1: int, y1: int, x2: int, y2: int, x3: int, y3: int, x4: int, y4: int) -> bool:
    """Whether segment 1-2 and segment 3-4 properly cross: each one's ends lie strictly
    on both sides of the other (the sign of a cross product, written out because this
    is the innermost loop of swapping)."""
    dx, dy = x2 - x1, y2 - y1
    if (dx * (y3 - y1) - dy * (x3 - x1)) * (dx * (y4 - y1) - dy * (x4 - x1)) >= 0:
        return False
    ex, ey = x4 - x3, y4 - y3
    return (ex * (y1 - y3) - ey * (x1 - x3)) * (ex * (y2 - y3) - ey * (x2 - x3)) < 0


def edge_points(lay: Layout, a: str, b: str) -> tuple[int, int, int, int]:
    """The end points of the edge a -> b as drawn: from a's bottom or top to b's top or
    bottom, each at its place on that side (see :func:`edge_ends`)."""
    ends = lay.__dict__.get("_ends")
    if ends is None:  # worked out once per layout (not a field: equality ignores it)
        ends = edge_ends(lay.boxes, lay.edges)
        object.__setattr__(lay, "_ends", ends)
    return ends[a, b]


def edge_ends(
    boxes: dict[str, Box], edges: tuple[Edge, ...]
) -> dict[Edge, tuple[int, int, int, int]]:
    """Where each edge leaves and reaches its nodes. The edges on one side of a node
    (its top or its bottom) are spread along it, at most :data:`PORT_GAP` apart and
    within the middle of the side: many edges at one node fan out instead of meeting
    in one point (and their arrowheads do not
    pile up). In the order of their slopes, so that they part without crossing. A
    node's only edge on a side is at its middle, as the layout assumed."""
    sides: dict[tuple[str, bool], list[tuple[float, str, Edge, int]]] = defaultdict(list)
    for a, b in edges:
        s, t = boxes[a], boxes[b]
        below = t.y > s.y  # a's bottom to b's top; above: a's top to b's bottom
        same_row = t.y == s.y  # both bottoms: drawn as a curve beneath the row
        # the height between the two sides the edge joins; a curve leaves as flat as it can
        gap = (t.y - s.y - s.h if below else s.y - t.y - t.h) if not same_row else 0
        rise = max(float(gap), 0.001)
        sides[a, below or same_row].append(((t.cx - s.cx) / rise, b, (a, b), 0))
        sides[b, not below].append(((s.cx - t.cx) / rise, a, (a, b), 1))
    ends: dict[Edge, list[int]] = {e: [0, 0, 0, 0] for e in edges}
    for (node, bottom), items in sides.items():
        box = boxes[node]
        items.sort()
        k = len(items)
        step = min(PORT_GAP, PORT_SPREAD * box.w / (k - 1)) if k > 1 else 0
        y = box.y + box.h if bottom else box.y
        for i, (_, _, edge, end) in enumerate(items):
            ends[edge][2 * end : 2 * end + 2] = [box.cx + round((i - (k - 1) / 2) * step), y]
    return {e: (p[0], p[1], p[2], p[3]) for e, p in ends.items()}


def _points(boxes: dict[str, Box], a: str, b: str) -> tuple[int, int, int, int]:
    s, t = boxes[a], boxes[b]
    if t.y > s.y:
        return s.cx, s.y + s.h, t.cx, t.y
    if t.y < s.y:
        return s.cx, s.y, t.cx, t.y + t.h
    return s.cx, s.y + s.h, t.cx, t.y + t.h  # same row: drawn as a curve below


def crossings(lay: Layout) -> int:
    """How many pairs of straight edges, as drawn (:func:`edge_points`), properly cross
    (edges that only touch do not count). Edges within one row are drawn as curves
    beneath it and are not counted.

    Exact and without comparing every pair: the heights where an edge begins or ends
    cut the picture into slabs; two edges that cross inside a slab are in a different
    order at its top and its bottom (counted as inversions), and two that cross on a
    cut pass through one point there with different slopes.
    """
    segments = []
    heights: set[int] = set()
    for a, b in lay.edges:
        x1, y1, x2, y2 = edge_points(lay, a, b)
        if y1 == y2:
            continue
        if y1 > y2:
            x1, y1, x2, y2 = x2, y2, x1, y1
        segments.append((x1, y1, x2, y2))
        heights.update((y1, y2))
    cuts = sorted(heights)
    slabs: dict[int, list[tuple[float, float]]] = defaultdict(list)
    through: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for x1, y1, x2, y2 in segments:
        # Python divides integers exactly rounded, so equal places compare equal
        first, last = bisect.bisect_left(cuts, y1), bisect.bisect_left(cuts, y2)
        span, slope = y2 - y1, (x2 - x1) / (y2 - y1)
        before = float(x1)
        for m in range(first + 1, last):
            y = cuts[m]
            x = (x1 * (y2 - y) + x2 * (y - y1)) / span
            slabs[m].append((before, x))
            through[m].append((x, slope))
            before = x
        slabs[last].append((before, float(x2)))
    return sum(map(_inversions, slabs.values())) + sum(map(_through_one_point, through.values()))


def _inversions(pairs: list[tuple[float, float]]) -> int:
    """Pairs strictly in one order at the top of a slab and the other at its bottom."""
    pairs.sort()
    seen: list[float] = []
    count = 0
    for _, bottom in pairs:
        count += len(seen) - bisect.bisect_right(seen, bottom)
        bisect.insort(seen, bottom)
    return count


def _through_one_point(points: list[tuple[float, float]]) -> int:
    """Pairs of edges that pass through one point of a cut at different slopes."""
    at = Counter(x for x, _ in points)
    if len(at) == len(points):
        return 0
    same = Counter(points)
    return sum(n * (n - 1) // 2 for n in at.values()) - sum(n * (n - 1) // 2 for n in same.values())
