"""What every page view needs: addresses, links and indexes over the landscape."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup

from ..graph import LandscapeGraph
from ..model import STATUS_LABELS, Landscape, Module
from ..text import plain

ROLE_LABELS = {
    "co-developer": "mede-ontwikkelaar",
    "supplier": "leverancier",
    "funder": "financier",
    "participant": "deelnemer",
}
KIND_LABELS = {
    "municipality": "gemeente",
    "government": "overheidsorganisatie",
    "supplier": "leverancier",
    "collective": "collectief van inwoners of ondernemers",
    "other": "overige organisatie",
}
STATUS_ORDER = ("available", "developing", "claimed", "wanted", "retired", "out-of-scope")


def module_doc(module_id: str) -> str:
    """The docs path of a module page."""
    return f"modules/{module_id}/index.md"


def organisation_doc(org_id: str) -> str:
    """The docs path of an organisation page."""
    return f"organisaties/{org_id}/index.md"


def layer_doc(layer_id: str) -> str:
    """The docs path of a layer page."""
    return f"lagen/{layer_id}/index.md"


def standard_doc(standard_id: str) -> str:
    """The docs path of a standard page."""
    return f"standaarden/{standard_id}/index.md"


def url_of(doc: str) -> str:
    """The site address of a docs file (directory URLs): ``a/b/index.md`` -> ``a/b/``."""
    return "" if doc == "index.md" else doc.removesuffix("index.md")


def href(from_doc: str, target_doc: str) -> str:
    """The relative URL from one page to another, for raw HTML (directory URLs)."""
    here = url_of(from_doc).rstrip("/") or "."
    there = url_of(target_doc).rstrip("/") or "."
    rel = posixpath.relpath(there, here)
    return "./" if rel == "." else rel + "/"


@dataclass(frozen=True)
class Linker:
    """Relative links from one generated page to others."""

    doc: str
    landscape: Landscape

    def rel(self, target_doc: str) -> str:
        """Relative Markdown link target, checked by mkdocs."""
        return posixpath.relpath(target_doc, posixpath.dirname(self.doc) or ".")

    def href(self, target_doc: str) -> str:
        """Relative URL for raw HTML (tiles, SVG), where mkdocs does not rewrite links."""
        return href(self.doc, target_doc)

    def md(self, label: str, target_doc: str) -> Markup:
        """A Markdown link with an escaped label."""
        return Markup(f"[{plain(label)}]({self.rel(target_doc)})")

    def a(self, label: str, target_doc: str) -> Markup:
        """An HTML link with an escaped label, for the HTML blocks of a page."""
        return Markup(f'<a href="{self.href(target_doc)}">{plain(label)}</a>')

    def _link(self, label: str, target_doc: str, html: bool) -> Markup:
        return self.a(label, target_doc) if html else self.md(label, target_doc)

    def module(self, module_id: str, *, html: bool = False) -> Markup:
        """A link to a module page, named after the module (HTML with ``html``)."""
        return self._link(self.landscape.modules[module_id].name, module_doc(module_id), html)

    def organisation(self, org_id: str, *, html: bool = False) -> Markup:
        """A link to an organisation page."""
        return self._link(self.landscape.organisations[org_id].name, organisation_doc(org_id), html)

    def layer(self, layer_id: str, *, html: bool = False) -> Markup:
        """A link to a layer page."""
        return self._link(self.landscape.layer(layer_id).name, layer_doc(layer_id), html)

    def standard(self, standard_id: str, *, html: bool = False) -> Markup:
        """A link to a standard page."""
        return self._link(self.landscape.standards[standard_id].name, standard_doc(standard_id), html)


def status_badge(status: str) -> Markup:
    """The Dutch status label in a badge; the text, not the colour, carries the meaning."""
    return Markup(f'<span class="rt-badge rt-status-{status}">{plain(STATUS_LABELS[status])}</span>')


@dataclass
class Index:
    """Lookups over the landscape, built once per site build."""

    landscape: Landscape
    graph: LandscapeGraph
    leads: dict[str, list[Module]] = field(default_factory=lambda: defaultdict(list))
    builds: dict[str, list[tuple[Module, str]]] = field(default_factory=lambda: defaultdict(list))
    adopts: dict[str, list[Module]] = field(default_factory=lambda: defaultdict(list))
    wants: dict[str, list[Module]] = field(default_factory=lambda: defaultdict(list))
    by_layer: dict[str, list[Module]] = field(default_factory=lambda: defaultdict(list))
    implementers: dict[str, list[Module]] = field(default_factory=lambda: defaultdict(list))
    vias: dict[str, list[tuple[Module, str]]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for m in self.landscape.modules.values():
            self.by_layer[m.layer].append(m)
            if m.owner:
                self.leads[m.owner].append(m)
            for p in m.partners:
                self.builds[p.org].append((m, p.role))
            for c in m.consumers:
                self.adopts[c.org].append(m)
            for org in m.interested:
                self.wants[org].append(m)
            for s in m.standards:
                self.implementers[s].append(m)
            for d in m.depends_on:
                if d.via:
                    self.vias[d.via].append((m, d.module))

    @cached_property
    def municipalities(self) -> set[str]:
        """The ids of every municipality."""
        return {o.id for o in self.landscape.organisations.values() if o.kind == "municipality"}

    def adopting_municipalities(self, module: Module) -> list[str]:
        """The consumers of ``module`` that are municipalities (the +1 count)."""
        return [c.org for c in module.consumers if c.org in self.municipalities]


@dataclass(frozen=True)
class ModuleRow:
    """One row of a module table (``_module_table.md.j2``, an HTML block); links are HTML."""

    module: Markup
    status: Markup
    owner: Markup | str
    adopters: int


def module_rows(to: Linker, index: Index, modules: Iterable[Module]) -> list[ModuleRow]:
    """Table rows of ``modules``, by name."""
    return [
        ModuleRow(
            module=to.module(m.id, html=True),
            status=status_badge(m.status),
            owner=to.organisation(m.owner, html=True) if m.owner else "Nog geen trekker",
            adopters=len(index.adopting_municipalities(m)),
        )
        for m in sorted(modules, key=lambda m: (m.name.lower(), m.id))
    ]
