"""The home page ``/``: the hand-written intro, then the menu card.

The menu card holds every module in scope (up to :data:`MENU_MAX`) as a small card,
grouped by layer: its name, its status (colour, border and a word) and its owner.
A filter form (shown by ``javascripts/menukaart.js``) narrows it by status, layer
and organisation with its role; the data it needs is on the cards, as numbers into
the one list of organisations of the form's select, so it costs a few bytes per
card. Without JavaScript every card is there. Above :data:`MENU_MAX` modules the
card counts per layer and each layer page holds the cards of its layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from markupsafe import Markup

from ..model import SHORT_LABELS, Module
from .common import KIND_GROUPS, STATUS_ORDER, Index, Link, Linker
from .handwritten import HandWritten
from .render import render_page

MENU_MAX = 1000
"""The most modules in scope the menu card shows one by one (within its 250 KB budget)."""
MENU_STATUSES = tuple(s for s in STATUS_ORDER if s != "out-of-scope")
"""What is on the menu, in card order: the ready ones first."""
MEANINGS = {
    "available": "klaar en aangesloten op het geheel: andere gemeenten kunnen de module "
    "afnemen. Zij blijft in permanente bèta en wordt beter terwijl gemeenten haar gebruiken.",
    "developing": "de trekker bouwt de module, met wie meebouwt.",
    "claimed": "een trekker heeft ingetekend; de bouw is nog niet begonnen.",
    "wanted": "hoort op de menukaart, maar heeft nog geen trekker.",
    "retired": "wordt niet meer aangeboden.",
}
"""What each status on the menu means, for the legend."""
ROLES = (
    ("trekker", "is trekker"),
    ("bouwer", "bouwt mee"),
    ("afnemer", "neemt af"),
    ("belangstellende", "wil afnemen"),
)
"""The roles of an organisation in the filter: the value in the address and its label.
A card carries them as ``data-t``, ``data-b``, ``data-a`` and ``data-w``."""
SOFT_HYPHEN = "\u00ad"
JOINTS = re.compile(r"(?<=[a-zë]{3})(?=component|beheer|registratie|systeem|voorziening|portaal)")
"""Where a long Dutch compound in a module name may break on a narrow card: before its
last parts (``Archiefportaalcomponent``). Without these a card breaks it anywhere."""
LONG_WORD = re.compile(r"\w{14,}")


def breakable(name: str) -> str:
    """``name`` with soft hyphens at the joints of its long compound words."""
    return LONG_WORD.sub(lambda m: JOINTS.sub(SOFT_HYPHEN, m.group(0)), name)


@dataclass(frozen=True)
class Card:
    """One module on the menu card (the ``card`` macro of ``_cards.html``)."""

    module: Link
    name: str
    """The module's name with soft hyphens in long words (:func:`breakable`)."""
    status: str
    """The status id, for the card's class; the word is :data:`SHORT_LABELS`."""
    owner: str | None
    """The owner's name; None for a wanted module."""
    adopters: int
    """Organisations that adopt it."""
    leads: tuple[int, ...] = ()
    """The owner, as its number in :attr:`Filters.organisations` (empty without filters)."""
    builds: tuple[int, ...] = ()
    adopts: tuple[int, ...] = ()
    wants: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        """The status word."""
        return SHORT_LABELS[self.status]


@dataclass(frozen=True)
class CardGroup:
    """The cards of one status, in a row of the menu order."""

    status: str
    cards: list[Card]


def card_groups(cards: Iterable[Card]) -> list[CardGroup]:
    """``cards`` (in menu order) in a group per status."""
    return [CardGroup(status, list(run)) for status, run in groupby(cards, key=lambda c: c.status)]


@dataclass(frozen=True)
class Option:
    """An option of a select of the filter form."""

    value: str
    label: str


@dataclass(frozen=True)
class OptionGroup:
    """An ``<optgroup>`` of the organisation select."""

    label: str
    options: list[Option]


@dataclass(frozen=True)
class Filters:
    """The filter form of the menu card."""

    statuses: list[Option]
    layers: list[Option]
    organisations: list[OptionGroup]
    """Every organisation with a role on a module of the card, by kind and name. Their
    order, across the groups, is the number a card uses for them."""
    roles: list[Option]


@dataclass(frozen=True)
class LegendEntry:
    """A status of the legend: its word, how many modules have it, what it means."""

    status: str
    label: str
    count: int
    meaning: str


@dataclass(frozen=True)
class Tally:
    """How many modules (of a layer) have a status, with its word."""

    status: str
    label: str
    count: int


@dataclass(frozen=True)
class MenuLayer:
    """One layer of the menu card."""

    id: str
    link: Link
    groups: list[CardGroup]
    """Its modules in menu order, per status; empty when the card is rolled up."""
    count: int
    counts: list[Tally]


@dataclass(frozen=True)
class HomePage:
    """The view model of ``/`` (template ``home.html``)."""

    intro: Markup
    """The hand-written content/index.md as HTML."""
    layers: list[MenuLayer]
    legend: list[LegendEntry]
    total: int
    """Modules in scope: on the menu."""
    out_of_scope: int
    out_of_scope_link: Link
    filters: Filters | None
    """None when the card is rolled up."""
    rolled_up: bool


def menu_order(module: Module) -> tuple[int, str, str]:
    """Cards by status (the ready ones first), then by name."""
    return (STATUS_ORDER.index(module.status), module.name.lower(), module.id)


def in_scope(modules: Iterable[Module]) -> list[Module]:
    """The modules that are on the menu."""
    return [m for m in modules if m.status != "out-of-scope"]


def card(to: Linker, index: Index, module: Module, numbers: dict[str, int] | None = None) -> Card:
    """The card of ``module``; with ``numbers`` (organisation id to its number in the
    filter) it carries who has which role."""
    owner = index.landscape.organisations[module.owner].name if module.owner else None
    plain = Card(
        to.module(module.id), breakable(module.name), module.status, owner, len(module.consumers)
    )
    if numbers is None:
        return plain

    def nums(ids: Iterable[str]) -> tuple[int, ...]:
        return tuple(sorted({numbers[i] for i in ids}))

    return Card(
        plain.module, plain.name, plain.status, plain.owner, plain.adopters,
        leads=nums([module.owner] if module.owner else []),
        builds=nums(p.org for p in module.partners),
        adopts=nums(c.org for c in module.consumers),
        wants=nums(module.interested),
    )


def legend(modules: Iterable[Module]) -> list[LegendEntry]:
    """Every status on the menu with its count (also a status no module has yet)."""
    modules = list(modules)
    return [
        LegendEntry(s, SHORT_LABELS[s], sum(m.status == s for m in modules), MEANINGS[s])
        for s in MENU_STATUSES
    ]


def tallies(modules: Iterable[Module]) -> list[Tally]:
    """For every status the modules have, how many, in menu order."""
    modules = list(modules)
    return [
        Tally(s, SHORT_LABELS[s], n) for s in STATUS_ORDER if (n := sum(m.status == s for m in modules))
    ]


def _organisations(index: Index, modules: list[Module]) -> list[OptionGroup]:
    involved: set[str] = set()
    for m in modules:
        involved.update([m.owner] if m.owner else [])
        involved.update(p.org for p in m.partners)
        involved.update(c.org for c in m.consumers)
        involved.update(m.interested)
    orgs = index.landscape.organisations
    groups = []
    for kind, label in KIND_GROUPS:
        members = sorted(
            (orgs[i] for i in involved if orgs[i].kind == kind), key=lambda o: (o.name.lower(), o.id)
        )
        if members:
            groups.append(OptionGroup(label, [Option(o.id, o.name) for o in members]))
    return groups


def home_view(index: Index, intro: Markup) -> HomePage:
    """The view model of the menu card; ``intro`` is the hand-written home page as HTML."""
    landscape = index.landscape
    to = Linker("index.md", landscape)
    menu = in_scope(landscape.modules.values())
    rolled_up = len(menu) > MENU_MAX
    filters = None
    numbers: dict[str, int] | None = None
    if not rolled_up:
        groups = _organisations(index, menu)
        numbers = {o.value: n for n, o in enumerate(o for g in groups for o in g.options)}
        present = {m.status for m in menu}
        filters = Filters(
            statuses=[Option(s, SHORT_LABELS[s]) for s in MENU_STATUSES if s in present],
            layers=[Option(layer.id, layer.name) for layer in landscape.layers],
            organisations=groups,
            roles=[Option(value, label) for value, label in ROLES],
        )
    layers = []
    for layer in landscape.layers:
        modules = sorted(in_scope(index.by_layer.get(layer.id, [])), key=menu_order)
        layers.append(MenuLayer(
            id=layer.id,
            link=to.layer(layer.id),
            groups=[] if rolled_up else card_groups(card(to, index, m, numbers) for m in modules),
            count=len(modules),
            counts=tallies(modules),
        ))
    return HomePage(
        intro=intro,
        layers=layers,
        legend=legend(menu),
        total=len(menu),
        out_of_scope=len(landscape.modules) - len(menu),
        out_of_scope_link=to.page("Buiten scope", "buiten-scope/index.md"),
        filters=filters,
        rolled_up=rolled_up,
    )


def home_page(index: Index, intro: HandWritten) -> str:
    """The home page: the hand-written intro, then the menu card."""
    view = home_view(index, intro.html)
    return render_page("home.html", view, **intro.meta)
