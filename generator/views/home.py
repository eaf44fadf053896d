"""The home page ``/``: the hand-written intro, then the menu card of every module by layer."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import Module
from .common import STATUS_ORDER, Index, Link, Linker, StatusCount
from .handwritten import HandWritten
from .render import render_page

TILES_PER_LAYER = 24
"""At most this many tiles per layer on the menu card; the layer page lists the rest."""


@dataclass(frozen=True)
class Tile:
    """One module on the menu card."""

    module: Link
    status: str
    """The status id, for the tile's class and its badge; the label carries the meaning."""
    owner: str | None
    adopters: int


@dataclass(frozen=True)
class MenuLayer:
    """One band of the menu card."""

    id: str
    link: Link
    tiles: list[Tile]
    more: int
    """Modules of the layer not shown as a tile (see :data:`TILES_PER_LAYER`)."""


@dataclass(frozen=True)
class HomePage:
    """The view model of ``/`` (template ``home.html``)."""

    intro: Markup
    """The hand-written content/index.md as HTML."""
    layers: list[MenuLayer]
    counts: list[StatusCount]
    """Every status the landscape has, in menu order."""
    total: int


def _menu_order(module: Module) -> tuple[int, str, str]:
    return (STATUS_ORDER.index(module.status), module.name.lower(), module.id)


def _on_the_card(index: Index, modules: list[Module]) -> list[Module]:
    """A layer's tiles in menu order; of a large layer only the :data:`TILES_PER_LAYER`
    that most municipalities adopt (by status first, so the ready ones lead)."""
    if len(modules) > TILES_PER_LAYER:
        by_use = sorted(
            modules,
            key=lambda m: (
                STATUS_ORDER.index(m.status), -len(index.adopting_municipalities(m)), m.name.lower(), m.id
            ),
        )
        modules = by_use[:TILES_PER_LAYER]
    return sorted(modules, key=_menu_order)


def _tile(index: Index, to: Linker, m: Module) -> Tile:
    owner = index.landscape.organisations[m.owner].name if m.owner else None
    return Tile(to.module(m.id), m.status, owner, len(index.adopting_municipalities(m)))


def home_view(index: Index, intro: Markup) -> HomePage:
    """The view model of the menu card; ``intro`` is the hand-written home page as HTML."""
    landscape = index.landscape
    to = Linker("index.md", landscape)
    layers = [
        MenuLayer(
            id=layer.id,
            link=to.layer(layer.id),
            tiles=[_tile(index, to, m) for m in _on_the_card(index, modules)],
            more=max(0, len(modules) - TILES_PER_LAYER),
        )
        for layer in landscape.layers
        for modules in [index.by_layer.get(layer.id, [])]
    ]
    counts = [
        StatusCount(s, n)
        for s in STATUS_ORDER
        if (n := sum(m.status == s for m in landscape.modules.values()))
    ]
    return HomePage(intro, layers, counts, len(landscape.modules))


def home_page(index: Index, intro: HandWritten) -> str:
    """The home page: the hand-written intro, then the menu card."""
    view = home_view(index, intro.html)
    return render_page("home.html", view, **intro.meta)
