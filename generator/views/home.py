"""The home page ``/``: the hand-written intro, then the menu card of every module by layer."""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS, Module
from .common import STATUS_ORDER, Index, Linker, module_doc
from .render import render_view


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
            tiles=[
                _tile(index, to, m)
                for m in sorted(index.by_layer.get(layer.id, []), key=_menu_order)
            ],
        )
        for layer in landscape.layers
    ]
    counts = [
        (STATUS_LABELS[s], sum(m.status == s for m in landscape.modules.values()))
        for s in STATUS_ORDER
    ]
    return HomePage(Markup(intro), layers, counts, len(landscape.modules))


def home_page(index: Index, intro: str) -> str:
    """The Markdown of the home page."""
    return render_view("home.md.j2", home_view(index, intro))
