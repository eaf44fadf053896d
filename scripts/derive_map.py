"""Derive the municipality map asset of the site from the CBS boundaries.

Source: ``gemeente_2025.topojson`` in ``../shared/data/kaart/`` (see SOURCE.txt there):
the generalised boundaries of the 342 municipalities of 2025, CBS gebiedsindelingen
(layer gemeente_gegeneraliseerd) via PDOK, as a TopoJSON Topology in RD New
(EPSG:28992, integer metres), copied from cartomap/nl commit 01e3b4ce. The boundary
data is CBS's, under CC BY 4.0: every map drawn from it says "Bron: CBS / PDOK".

Output: ``generator/data/kaart.json``, committed; the site draws every map from it
(:mod:`generator.draw.kaart`). Rerun after a new source (the next year's municipalities)::

    python3 scripts/derive_map.py ../shared/data/kaart/gemeente_2025.topojson

Standard library only, and deterministic: the same source gives the same bytes.

How: the TopoJSON arcs (each border between two neighbours is stored once) are
decoded, each arc is simplified with Douglas-Peucker (its two ends, where three
municipalities meet, stay put) and its points are snapped to a grid of
:data:`GRID` metres. Because neighbours share the arc, they share the simplified
border too: no gaps, no overlaps. Rings are then put together from their arcs,
y is flipped (north up), and every municipality becomes one SVG path of
relative moves with its CBS code (lower case: the organisation id of the
model), its name and a point inside it where a marker can go.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

GRID = 500
"""Metres per map unit: about a pixel when the map is shown 500 px wide."""
TOLERANCE = 350
"""Douglas-Peucker tolerance in metres: no simplified border is further than this
from the source's (the source is itself generalised)."""
MIN_RING = 2.0
"""Rings (islands, holes) smaller than this many square map units (half a square
kilometre) are left out, unless a municipality would have none left."""
SOURCE = "CBS gebiedsindelingen 2025, gemeente_gegeneraliseerd, via PDOK (cartomap/nl 01e3b4ce)"
LICENCE = "CC BY 4.0; Bron: CBS / PDOK"

Point = tuple[int, int]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The arcs in source coordinates (metres), from their delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx), round(y * sy + ty)))
        arcs.append(points)
    return arcs


def _distance2(p: Point, a: Point, b: Point) -> float:
    """Squared distance of ``p`` to the segment ``a``-``b``."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    qx, qy = ax + t * dx, ay + t * dy
    return (px - qx) ** 2 + (py - qy) ** 2


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iteratively; the first and last point stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    limit = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance2(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > limit:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _dedupe(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    return out


def _area2(ring: list[Point]) -> int:
    """Twice the signed area of a ring (shoelace)."""
    return sum(
        ring[i][0] * ring[(i + 1) % len(ring)][1] - ring[(i + 1) % len(ring)][0] * ring[i][1]
        for i in range(len(ring))
    )


def _ring(arc_ids: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A closed ring from its arcs (``~i``, a negative index, is arc ``i`` reversed),
    without its repeated closing point."""
    points: list[Point] = []
    for i in arc_ids:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    points = _dedupe(points)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def _numbers(values: list[int]) -> str:
    """Numbers as SVG path data writes them: a minus sign separates, else a space."""
    return "".join(f"{v}" if i == 0 or v < 0 else f" {v}" for i, v in enumerate(values))


def _path(rings: list[list[Point]]) -> str:
    """SVG path data: an absolute start per ring, then relative lines, closed."""
    parts = []
    for ring in rings:
        steps = []
        for (x0, y0), (x1, y1) in itertools.pairwise(ring):
            steps += [x1 - x0, y1 - y0]
        parts.append(f"M{_numbers(list(ring[0]))}l{_numbers(steps)}z")
    return "".join(parts)


def _inside(ring: list[Point]) -> Point:
    """A point well inside a ring: of the midpoints of the horizontal runs inside it
    at several heights, the one that lies furthest from the ring's border."""
    ys = [p[1] for p in ring]
    best, best_d = ring[0], -1.0
    lo, hi = min(ys), max(ys)
    steps = max(1, min(24, hi - lo))
    for k in range(1, steps * 2):
        y = lo + (hi - lo) * k / (steps * 2)
        xs = sorted(
            a[0] + (y - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
            if (a[1] <= y < b[1]) or (b[1] <= y < a[1])
        )
        for left, right in zip(xs[::2], xs[1::2], strict=False):
            p = ((left + right) / 2, y)
            d = min(
                _distance2(p, a, b)  # type: ignore[arg-type]
                for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
            )
            if d > best_d:
                best, best_d = (round(p[0]), round(p[1])), d
    return best


def derive(topology: dict) -> dict:
    """The asset: the map's size in units and every municipality's id, name, shape and
    inner point, by CBS code."""
    source_arcs = decode_arcs(topology)
    xs = [x for arc in source_arcs for x, _ in arc]
    ys = [y for arc in source_arcs for _, y in arc]
    left, top = min(xs), max(ys)

    def grid(p: Point) -> Point:
        return round((p[0] - left) / GRID), round((top - p[1]) / GRID)

    arcs = [_dedupe([grid(p) for p in simplify(arc, TOLERANCE)]) for arc in source_arcs]
    width = round((max(xs) - left) / GRID) + 1
    height = round((top - min(ys)) / GRID) + 1
    municipalities = []
    geometries = topology["objects"]["gemeente_2025"]["geometries"]
    for g in sorted(geometries, key=lambda g: g["properties"]["statcode"]):
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        rings = [r for r in rings if len(r) >= 3]
        largest = max(rings, key=lambda r: abs(_area2(r)))
        kept = [r for r in rings if r is largest or abs(_area2(r)) / 2 >= MIN_RING]
        municipalities.append({
            "id": g["properties"]["statcode"].lower(),
            "name": g["properties"]["statnaam"],
            "d": _path(kept),
            "at": list(_inside(largest)),
        })
    return {
        "source": SOURCE,
        "licence": LICENCE,
        "grid_m": GRID,
        "width": width,
        "height": height,
        "municipalities": municipalities,
    }


def dumps(asset: dict) -> str:
    """The asset as JSON with one municipality a line (a readable diff after a rerun)."""
    head = {k: v for k, v in asset.items() if k != "municipalities"}
    lines = [json.dumps(m, ensure_ascii=False, separators=(",", ":")) for m in asset["municipalities"]]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return text + ',\n "municipalities": [\n' + ",\n".join(lines) + "\n ]\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="gemeente_2025.topojson")
    parser.add_argument(
        "-o", "--out", type=Path,
        default=Path(__file__).resolve().parent.parent / "generator" / "data" / "kaart.json",
    )
    args = parser.parse_args(argv)
    asset = derive(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = dumps(asset)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(asset['municipalities'])} municipalities, {len(text.encode())} bytes",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
