"""The +1 map on a page: the view model of a map, its legend and its words.

Three maps, each drawn from the one shared file (:mod:`generator.draw.kaart`):

- a module's: its lead, co-builders, adopters and interested municipalities, each
  role with its own colour and pattern (:func:`module_map`);
- the status page's: how many modules each municipality adopts, in at most six
  classes (:func:`adoption_map`);
- a municipality's: where it lies (:func:`municipality_map`).

A map colours by organisation id: an organisation whose id is a municipality of
the map is drawn, whatever else the model says of it; the names on the map come
from the map's asset. The lists of the page stay the text alternative; the map's
summary says in words what it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..draw.kaart import (
    BASE,
    CLASS_BASE,
    CREDIT,
    PAINTS,
    SHARED_PATH,
    MapClass,
    class_of,
    classes,
    map_data,
    map_svg,
    swatch_svg,
)
from ..model import Module
from .common import Index, Linker

SUMMARY_ID = "kaart-uitleg"
"""The id of the map's summary: one map a page."""
ROLE_WORDS = {
    "trekker": ("trekker", "trekkers"),
    "bouwt-mee": ("bouwt mee", "bouwen mee"),
    "afnemer": ("afnemer", "afnemers"),
    "geinteresseerd": ("geïnteresseerd", "geïnteresseerd"),
}
"""The roles on a module's map, strongest first: one role per municipality."""
LEGEND_LABELS = {
    "trekker": "Trekker",
    "bouwt-mee": "Bouwt mee",
    "afnemer": "Afnemer",
    "geinteresseerd": "Geïnteresseerd",
}
NAMED_OFF_MAP = 10
"""Organisations off the map named in the legend; the rest are counted."""


@dataclass(frozen=True)
class LegendEntry:
    """A swatch with what it means and how many municipalities have it."""

    swatch: Markup
    label: str
    count: int | None = None


@dataclass(frozen=True)
class ClassNames:
    """The municipalities of one class of the adoption map, by name."""

    label: str
    names: list[str]


@dataclass(frozen=True)
class MapFigure:
    """A map with its legend (template fragment ``kaart``)."""

    svg: Markup
    summary: str
    """What the map shows, in words (the map's accessible name)."""
    legend: list[LegendEntry]
    notes: list[str] = field(default_factory=list)
    """What is not on the map, and why."""
    classes: list[ClassNames] = field(default_factory=list)
    """The adoption map's classes with their municipalities (text alternative)."""
    summary_id: str = SUMMARY_ID
    credit: str = CREDIT
    kind: str = ""
    """A modifier of the figure's class: ``rt-kaart--<kind>``."""


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _names(names: Sequence[str]) -> str:
    shown = list(names[:NAMED_OFF_MAP])
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" en {rest} andere" if rest else "")


def module_roles(module: Module) -> dict[str, str]:
    """Organisation id -> its strongest role in the module (:data:`ROLE_WORDS` order)."""
    roles: dict[str, str] = {}
    if module.owner:
        roles[module.owner] = "trekker"
    for p in module.partners:
        roles.setdefault(p.org, "bouwt-mee")
    for c in module.consumers:
        roles.setdefault(c.org, "afnemer")
    for org in module.interested:
        roles.setdefault(org, "geinteresseerd")
    return roles


def module_map(index: Index, to: Linker, module: Module) -> MapFigure | None:
    """The map of the municipalities that lead, build, adopt or want ``module``; None
    when no municipality of the map takes part."""
    landscape = index.landscape
    shapes = map_data().municipalities
    roles = module_roles(module)
    drawn = {org: role for org, role in roles.items() if org in shapes}
    if not drawn:
        return None
    shared = to.href(SHARED_PATH)
    counts = {role: sum(r == role for r in drawn.values()) for role in ROLE_WORDS}
    parts = [f"Kaart van de {len(shapes)} gemeenten van Nederland: wie aan {module.name} meedoet, naar rol."]
    owner = module.owner
    if owner in drawn:
        parts.append(f"Trekker: {landscape.organisations[owner].name}.")
    for role in ("bouwt-mee", "afnemer", "geinteresseerd"):
        if counts[role]:
            many = _count(counts[role], "gemeente", "gemeenten")
            parts.append(f"{ROLE_WORDS[role][1].capitalize()}: {many}.")
    parts.append("De lijsten op deze pagina noemen ze bij naam.")
    legend = [
        LegendEntry(Markup(swatch_svg(shared, PAINTS[role].id)), LEGEND_LABELS[role], counts[role])
        for role in ROLE_WORDS
    ]
    legend.append(LegendEntry(
        Markup(swatch_svg(shared, BASE.id)), "Doet niet mee", len(shapes) - len(drawn)
    ))
    off = [org for org in roles if org not in shapes]
    notes = []
    others = [
        f"{landscape.organisations[o].name} ({ROLE_WORDS[roles[o]][0]})"
        for o in off if landscape.organisations[o].kind != "municipality"
    ]
    if others:
        notes.append(f"Niet op de kaart, want geen gemeente: {_names(others)}.")
    gone = [
        f"{landscape.organisations[o].name} ({ROLE_WORDS[roles[o]][0]})"
        for o in off if landscape.organisations[o].kind == "municipality"
    ]
    if gone:
        notes.append(f"Niet op de kaart van 2025: {_names(gone)}.")
    weakest_first = sorted(drawn, key=lambda org: (-list(ROLE_WORDS).index(drawn[org]), org))
    svg = map_svg(
        shared, {org: PAINTS[drawn[org]] for org in weakest_first}, labelledby=SUMMARY_ID, pins=True
    )
    return MapFigure(Markup(svg), " ".join(parts), legend, notes)


def _range(c: MapClass) -> str:
    if c.high == 0:
        return "Neemt geen module af"
    if c.low == c.high:
        return _count(c.low, "module", "modules")
    return f"{c.low}–{c.high} modules"


def adoption_map(index: Index, to: Linker) -> MapFigure:
    """How many modules each municipality of the map adopts, in classes."""
    shapes = map_data().municipalities
    counts = {m: len(index.adopts.get(m, [])) for m in shapes}
    found = classes(counts)
    shared = to.href(SHARED_PATH)
    members: dict[str, list[str]] = {c.paint.id: [] for c in found}
    for m in sorted(shapes.values(), key=lambda m: (m.name.lower(), m.id)):
        members[class_of(counts[m.id], found).paint.id].append(m.name)
    adopting = sum(1 for v in counts.values() if v)
    summary = (
        f"Kaart van de {len(shapes)} gemeenten van Nederland, gekleurd naar het aantal modules "
        f"dat elke gemeente afneemt: hoe donkerder, hoe meer. "
        f"{_count(adopting, 'gemeente neemt', 'gemeenten nemen')} minstens één module af."
    )
    legend = [
        LegendEntry(Markup(swatch_svg(shared, c.paint.id)), _range(c), len(members[c.paint.id]))
        for c in found
    ]
    names = [
        ClassNames(_range(c), members[c.paint.id]) for c in found if c.high > 0 and members[c.paint.id]
    ]
    svg = map_svg(
        shared,
        {m: class_of(n, found).paint for m, n in counts.items() if n},
        labelledby=SUMMARY_ID,
        base=CLASS_BASE,
    )
    return MapFigure(Markup(svg), summary, legend, classes=names, kind="afname")


def municipality_map(to: Linker, org_id: str) -> MapFigure | None:
    """Where the municipality ``org_id`` lies; None when it is not on the map."""
    shapes = map_data().municipalities
    if org_id not in shapes:
        return None
    shared = to.href(SHARED_PATH)
    name = shapes[org_id].name
    svg = map_svg(
        shared, {org_id: PAINTS["trekker"]}, labelledby=SUMMARY_ID, ring=org_id, width=300
    )
    return MapFigure(
        Markup(svg),
        f"Kaart van Nederland: {name} is ingekleurd en omcirkeld.",
        [LegendEntry(Markup(swatch_svg(shared, PAINTS["trekker"].id)), name)],
        kind="ligging",
    )
