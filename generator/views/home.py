"""The home page ``/``: the hand-written intro, then the menu card of every module by layer."""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS, Module
from .common import STATUS_ORDER, Index, Linker, module_doc
from .render import render_view

TILES_PER_LAYER = 24
"""At most this many tiles per layer on the menu card; the layer page lists the rest."""


@dataclass(frozen=True)
class Tile:
    """One module on the menu card."""

    href: Markup
    name: str
    status: Markup
    """The status id, for the tile's class; the label carries the meaning."""
    label: str
    owner: str | None
    adopters: int


@dataclass(frozen=True)
class MenuLayer:
    """One band of the menu card."""

    link: Markup
    tiles: list[Tile]
    more: int
    """Modules of the layer not shown as a tile (see :data:`TILES_PER_LAYER`)."""


@dataclass(frozen=True)
class HomePage:
    """The view model of ``/``."""

    intro: Markup
    """The hand-written Markdown of content/index.md, front matter included."""
    layers: list[MenuLayer]
    counts: list[tuple[str, int]]
    """(Dutch status label, number of modules) in menu order."""
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
    return Tile(
        href=Markup(html.escape(to.href(module_doc(m.id)))),
        name=m.name,
        status=Markup(m.status),
        label=STATUS_LABELS[m.status],
        owner=owner,
        adopters=len(index.adopting_municipalities(m)),
    )


def home_view(index: Index, intro: str) -> HomePage:
    """The view model of the menu card; ``intro`` is trusted, hand-written Markdown."""
    landscape = index.landscape
    to = Linker("index.md", landscape)
    layers = [
        MenuLayer(
            link=to.layer(layer.id),
            tiles=[_tile(index, to, m) for m in _on_the_card(index, modules)],
            more=max(0, len(modules) - TILES_PER_LAYER),
        )
        for layer in landscape.layers
        for modules in [index.by_layer.get(layer.id, [])]
    ]
    counts = [
        (STATUS_LABELS[s], sum(m.status == s for m in landscape.modules.values()))
        for s in STATUS_ORDER
    ]
    return HomePage(Markup(intro), layers, counts, len(landscape.modules))


def home_page(index: Index, intro: str) -> str:
    """The Markdown of the home page."""
    return render_view("home.md.j2", home_view(index, intro))
