"""The map of the 342 municipalities: one shared SVG file, coloured per page.

The shapes (``generator/data/kaart.json``, made by ``scripts/derive_map.py`` from
the CBS boundaries) are published once, as ``/assets/kaart/gemeenten.svg``
(:func:`shared_svg`): each municipality a ``<path id="gm0363">`` with its name as
``<title>`` (the hover text), filled with ``var(--gm0363)``, and the paints of the
maps (:data:`PAINTS`) as patterns beside them. A page draws the whole map with a
single ``<use>`` of that file and colours it by setting, on the ``<use>``, the
custom property of each municipality it colours to one of those paints
(:func:`map_svg`): ``style="--gm0363:url(#kt)"``. Custom properties inherit into
the ``<use>``'s copy of the shapes; a municipality the page does not name
inherits the base colour of the ``<use>`` (``retratstoliped.css``). So a page
carries some twenty bytes per coloured municipality and no geometry, and the
browser reads the shapes once for the whole site.

Two rules of SVG shape this (checked in Chromium, see tests/browser/test_kaart.py):
a ``url(#id)`` inside the copied shapes refers to the shared file, not to the page,
so the patterns live in the shared file; and an element in a ``<use>`` copy shows
its own ``<title>`` as tooltip as long as the ``<use>`` has none, so the ``<use>``
never gets one. Everything here is string assembly over the asset, the same bytes
on every build.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from .svg import escape

SHARED_PATH = "assets/kaart/gemeenten.svg"
"""Where the shared map file is published (docs path = site address)."""
CREDIT = "Bron: CBS / PDOK"
"""Under every map: the boundaries are CBS's (CC BY 4.0), fetched through PDOK."""
WIDTH = 420
"""The width a map is shown at, in CSS pixels (at most: a phone shows it narrower)."""
TILE = 5
"""Size of a pattern tile, in map units (a unit is 500 m, about 0.8 px as shown)."""


@dataclass(frozen=True)
class Paint:
    """A fill of the map: a pattern in the shared file, and how it looks in words."""

    id: str
    """The pattern's id in the shared file (``url(#kt)``), and of its legend swatch (``#s-kt``)."""
    ground: str
    """The colour under the pattern."""
    ink: str
    """The colour of its lines or dots (the ground when solid)."""
    motif: str
    """SVG drawn with ``ink`` on the tile; empty for a solid fill."""

    @property
    def css(self) -> str:
        """The paint as a page gives it to a municipality: a solid colour as it is (a
        pattern of one colour would show its tiles' seams), else the shared file's pattern."""
        return f"url(#{self.id})" if self.motif else self.ground


# Role paints: each its own colour *and* pattern. The inks are >= 3:1 on the map's
# white ground and on the base grey (WCAG 1.4.11), checked in tests/test_kaart.py.
PAINTS: dict[str, Paint] = {
    "trekker": Paint("kt", "#0a3d73", "#0a3d73", ""),
    "bouwt-mee": Paint(
        "km", "#ffffff", "#6a3d9a", '<path d="M-1 6L6-1M-1 1L1-1M4 6L6 4" stroke-width="1.6"/>'
    ),
    "afnemer": Paint("ka", "#d5efdb", "#1a7a3a", '<path d="M0 1H5M1 0V5" stroke-width="2"/>'),
    "geinteresseerd": Paint("ki", "#fff1dc", "#9c4a00", '<circle cx="2.5" cy="2.5" r="1.5" stroke="none"/>'),
}
"""The paints of the roles on a module's map, strongest role first."""
CLASS_PAINTS: tuple[Paint, ...] = (
    Paint("k0", "#f2f2f2", "#f2f2f2", ""),
    Paint("k1", "#a1dab4", "#a1dab4", ""),
    Paint("k2", "#41b6c4", "#41b6c4", ""),
    Paint("k3", "#2c7fb8", "#2c7fb8", ""),
    Paint("k4", "#253494", "#253494", ""),
    Paint("k5", "#081d58", "#081d58", ""),
)
"""The classes of the status page's map: none, then five steps of ColorBrewer's
colour-blind-safe sequential YlGnBu, light to dark (more modules, darker); the
borders are grey, so that the lightest class still shows the country's shape."""
BASE = Paint("k", "#d9d9d9", "#ffffff", "")
"""What a map of roles does not colour: grey, with white borders (``ink``)."""
CLASS_BASE = Paint("k0", CLASS_PAINTS[0].ground, "#ababab", "")
"""What the map of classes does not colour (none adopted): its class 0, grey borders."""
GROUND = "#ffffff"
"""The map's own ground, in the light and the dark scheme."""


@dataclass(frozen=True)
class Municipality:
    """A municipality of the asset."""

    id: str
    """The CBS code in lower case: the organisation id of the model (``gm0363``)."""
    name: str
    d: str
    """SVG path data in map units."""
    at: tuple[int, int]
    """A point well inside it, where a marker goes."""


@dataclass(frozen=True)
class MapData:
    """The asset: the map's size in units and every municipality, by id."""

    width: int
    height: int
    municipalities: dict[str, Municipality]


@functools.cache
def map_data() -> MapData:
    """The asset shipped in the package (read once per process)."""
    text = resources.files("generator").joinpath("data/kaart.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return MapData(
        data["width"],
        data["height"],
        {
            m["id"]: Municipality(m["id"], m["name"], m["d"], (m["at"][0], m["at"][1]))
            for m in data["municipalities"]
        },
    )


def _pattern(paint: Paint) -> str:
    return (
        f'<pattern id="{paint.id}" width="{TILE}" height="{TILE}" patternUnits="userSpaceOnUse">'
        f'<rect width="{TILE}" height="{TILE}" fill="{paint.ground}"/>'
        f'<g fill="{paint.ink}" stroke="{paint.ink}">{paint.motif}</g></pattern>'
    )


SWATCH_W, SWATCH_H = 24, 16
"""A legend swatch in map units: shown at 24 by 16 px, about the scale of the map."""
PIN_R = 5.5
"""The radius of a pin, in map units (a pin is about 11 px across as shown)."""
PINS_UP_TO = 40
"""A map that colours at most this many municipalities also pins each of them: a
small municipality is a few pixels wide, a pin shows where it is and, in the
paint of its role, what it does."""


def _pin(paint: Paint) -> str:
    """A pin in a paint, centred on 0,0, on a white halo."""
    return (
        f'<g id="p-{paint.id}"><circle r="{PIN_R + 1.5}" fill="{GROUND}" stroke="none"/>'
        f'<circle r="{PIN_R}" fill="{paint.css}" stroke="#1a1a1a" stroke-width="1.2"/></g>'
    )


@functools.cache
def shared_svg() -> str:
    """The shared map file: the patterns, a legend swatch per paint and every
    municipality as a path with its name.

    Opened on its own it shows the map in the base colour."""
    data = map_data()
    paints = [*PAINTS.values(), *CLASS_PAINTS]
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {data.width} {data.height}"'
        f' width="{data.width}" height="{data.height}" fill="{BASE.ground}" stroke="{BASE.ink}">\n'
        f"<title>Gemeenten van Nederland, 2025. {CREDIT} (CC BY 4.0)</title>\n<defs>\n",
        *(_pattern(p) + "\n" for p in paints if p.motif),
        *(
            f'<rect id="s-{p.id}" width="{SWATCH_W}" height="{SWATCH_H}" fill="{p.css}"'
            f' stroke="#595959" stroke-width="1"/>\n'
            for p in paints
        ),
        f'<rect id="s-{BASE.id}" width="{SWATCH_W}" height="{SWATCH_H}" fill="{BASE.css}"'
        ' stroke="#595959" stroke-width="1"/>\n',
        *(_pin(p) + "\n" for p in PAINTS.values()),
        '</defs>\n<g id="kaart" fill-rule="evenodd" stroke-width=".6" stroke-linejoin="round">\n',
        *(
            f'<path id="{m.id}" style="fill:var(--{m.id})" d="{m.d}"><title>{escape(m.name)}</title></path>\n'
            for m in data.municipalities.values()
        ),
        "</g>\n</svg>\n",
    ]
    return "".join(parts)


def map_svg(
    shared: str,
    fills: Mapping[str, Paint],
    *,
    labelledby: str,
    base: Paint = BASE,
    pins: bool = False,
    ring: str | None = None,
    width: int = WIDTH,
) -> str:
    """A page's map: the shared file's shapes, coloured.

    Args:
        shared: the relative address of the shared file from the page.
        fills: municipality id -> its paint; ids the asset does not have are left out.
            Written in id order, so the page is the same on every build.
        labelledby: the id of the element that says in words what the map shows.
        base: the fill of every other municipality, and the colour of the borders (its ``ink``).
        pins: pin each coloured municipality in its paint (of :data:`PAINTS`), when
            there are at most :data:`PINS_UP_TO`; ``fills`` in drawing order, the
            weakest first, so the strongest lies on top.
        ring: a municipality to circle (the municipality page: a small one is
            found by its ring).
        width: the width of the map in CSS pixels (at most; it shrinks with the column).
    """
    data = map_data()
    height = round(width * data.height / data.width)
    style = ";".join(
        [f"fill:{base.ground};stroke:{base.ink}"]
        + [f"--{m}:{fills[m].css}" for m in sorted(fills) if m in data.municipalities]
    )
    parts = [
        f'<svg class="rt-kaart-svg" viewBox="0 0 {data.width} {data.height}" width="{width}"'
        f' height="{height}" role="img" aria-labelledby="{escape(labelledby)}">',
        f'<rect width="{data.width}" height="{data.height}" fill="{GROUND}"/>',
        f'<use href="{escape(shared)}#kaart" style="{style}"/>',
    ]
    shown = [m for m in fills if m in data.municipalities]
    if pins and len(shown) <= PINS_UP_TO:
        for m in shown:
            x, y = data.municipalities[m].at
            parts.append(f'<use href="{escape(shared)}#p-{fills[m].id}" x="{x}" y="{y}"/>')
    if ring and ring in data.municipalities:
        x, y = data.municipalities[ring].at
        parts.append(
            f'<circle class="rt-kaart-ring" cx="{x}" cy="{y}" r="16"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def swatch_svg(shared: str, paint_id: str) -> str:
    """A legend swatch of a paint: the same pattern as on the map."""
    return (
        f'<svg class="rt-kaart-staal" viewBox="0 0 {SWATCH_W} {SWATCH_H}" width="{SWATCH_W}"'
        f' height="{SWATCH_H}" aria-hidden="true" focusable="false">'
        f'<use href="{escape(shared)}#s-{paint_id}"/></svg>'
    )


@dataclass(frozen=True)
class MapClass:
    """A class of the status page's map: modules adopted from ``low`` to ``high``."""

    low: int
    high: int
    paint: Paint
    """One of :data:`CLASS_PAINTS`."""


def classes(counts: Mapping[str, int], most: int = len(CLASS_PAINTS) - 1) -> list[MapClass]:
    """At most ``most`` classes of the positive counts (quantiles: each class about as
    many municipalities), after a class of its own for none when some have none."""
    values = sorted(v for v in counts.values() if v > 0)
    found: list[MapClass] = []
    if any(v == 0 for v in counts.values()) or not values:
        found.append(MapClass(0, 0, CLASS_PAINTS[0]))
    if not values:
        return found
    distinct = sorted(set(values))
    if len(distinct) <= most:
        uppers = distinct
    else:
        at = [(len(values) * k) // most - 1 for k in range(1, most + 1)]
        uppers = sorted({values[max(0, i)] for i in at})
        uppers[-1] = values[-1]
    low = 1
    for step, high in zip(_steps(len(uppers)), uppers, strict=True):
        found.append(MapClass(low, high, CLASS_PAINTS[step]))
        low = high + 1
    return found


def _steps(n: int) -> list[int]:
    """Which of the five colours ``n`` classes get: spread over the whole ramp, so
    that two classes differ as much as they can."""
    last = len(CLASS_PAINTS) - 1
    if n == 1:
        return [last // 2 + 1]
    return [1 + round(i * (last - 1) / (n - 1)) for i in range(n)]


def class_of(value: int, found: list[MapClass]) -> MapClass:
    """The class ``value`` falls in."""
    return next(c for c in found if c.low <= value <= c.high)
