"""The page ``/intekenen/``: every wanted module, who wants it, and how to sign up."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..text import link
from .common import Index, Linker
from .render import render_view


@dataclass(frozen=True)
class WantedModule:
    """A module open to claim."""

    module: Markup
    summary: str
    layer: Markup
    interested: list[Markup]
    path: str
    """The module file, relative to the model folder: what a pull request changes."""
    edit: Markup | None


@dataclass(frozen=True)
class ClaimPage:
    """The view model of ``/intekenen/``."""

    rows: list[WantedModule]
    """Most interest first."""


def claim_view(index: Index, edit_base: str | None = None) -> ClaimPage:
    """The view model of the claim page; ``edit_base`` adds an edit link per module file."""
    landscape = index.landscape
    to = Linker("intekenen/index.md", landscape)
    wanted = sorted(
        (m for m in landscape.modules.values() if m.status == "wanted"),
        key=lambda m: (-len(m.interested), m.name.lower(), m.id),
    )
    base = edit_base.rstrip("/") if edit_base else None
    return ClaimPage([
        WantedModule(
            module=to.module(m.id),
            summary=m.summary,
            layer=to.layer(m.layer),
            interested=[to.organisation(o) for o in m.interested],
            path=m.path,
            edit=link(f"{base}/{m.path}", "Bewerk dit bestand") if base else None,
        )
        for m in wanted
    ])


def claim_page(index: Index, edit_base: str | None = None) -> str:
    """The Markdown of the claim page."""
    return render_view("intekenen.md.j2", claim_view(index, edit_base))
