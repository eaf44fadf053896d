"""The page ``/buiten-scope/``: what is deliberately not part of the shared picture, and why."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..text import rich
from .common import Index, Linker
from .render import render_view


@dataclass(frozen=True)
class OutOfScopeModule:
    """A module out of scope, with its reason."""

    module: Markup
    name: str
    summary: str
    reason: Markup


@dataclass(frozen=True)
class OutOfScopePage:
    """The view model of ``/buiten-scope/``."""

    rows: list[OutOfScopeModule]


def out_of_scope_view(index: Index) -> OutOfScopePage:
    """The view model of the out-of-scope page, by name."""
    to = Linker("buiten-scope/index.md", index.landscape)
    modules = sorted(index.landscape.modules.values(), key=lambda m: (m.name.lower(), m.id))
    return OutOfScopePage([
        OutOfScopeModule(to.module(m.id), m.name, m.summary, rich(m.reason))
        for m in modules
        if m.status == "out-of-scope"
    ])


def out_of_scope_page(index: Index) -> str:
    """The Markdown of the out-of-scope page."""
    return render_view("buiten_scope.md.j2", out_of_scope_view(index))
