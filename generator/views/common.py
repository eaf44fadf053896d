"""What every page view needs: addresses, links and indexes over the landscape."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from ..draw import DrawingCache
from ..graph import LandscapeGraph
from ..model import Landscape, Module
from ..ranking import Ranked, rank
from ..text import safe_url

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
KIND_GROUPS = (
    ("municipality", "Gemeenten"),
    ("government", "Overheidsorganisaties"),
    ("collective", "Collectieven van inwoners of ondernemers"),
    ("supplier", "Leveranciers"),
    ("other", "Overige organisaties"),
)
"""Organisations by kind, in this order and with these headings: the groups of the
menu card's organisation filter and of the organisations without a role."""
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
    """The site address of a docs file (directory URLs): ``a/b/index.md`` -> ``a/b/``,
    ``over.md`` -> ``over/``; any other file keeps its path."""
    if doc == "index.md" or doc.endswith("/index.md"):
        return doc.removesuffix("index.md")
    if doc.endswith(".md"):
        return doc.removesuffix(".md") + "/"
    return doc


def relative_href(from_doc: str, target_doc: str) -> str:
    """The relative URL from a docs file (a page, or a file such as a feed) to a page
    or file of the site."""
    source, target = url_of(from_doc), url_of(target_doc)
    here = source.rstrip("/") if source.endswith("/") or not source else posixpath.dirname(source)
    folder = not target or target.endswith("/")
    there = target.rstrip("/")
    # what posixpath.relpath does, without its abspath calls (a build makes ~50 a page)
    here_parts = here.split("/") if here else []
    there_parts = there.split("/") if there else []
    common = 0
    for a, b in zip(here_parts, there_parts, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here_parts) - common) + there_parts[common:])
    if folder:
        return rel + "/" if rel else "./"
    return rel or "."


@dataclass(frozen=True)
class Link:
    """A link as data: the templates write ``<a href="{{ href }}">{{ label }}</a>``.

    ``href`` None shows the label as text (an external address that may not be
    linked to: not http(s) or mailto).
    """

    label: str
    href: str | None


def external(url: str | None, label: str | None = None) -> Link:
    """A link to another site; only http(s) and mailto addresses get an ``href``."""
    return Link(label if label is not None else (url or ""), safe_url(url))


@dataclass(frozen=True)
class Linker:
    """The one maker of relative links from a generated page to other pages and files."""

    doc: str
    landscape: Landscape

    def href(self, target_doc: str) -> str:
        """The relative URL from this page to a page (``x/index.md``, ``over.md``) or
        a file (``wijzigingen/feed.xml``)."""
        return relative_href(self.doc, target_doc)

    def page(self, label: str, target_doc: str) -> Link:
        """A link to any page or file of the site."""
        return Link(label, self.href(target_doc))

    def module(self, module_id: str) -> Link:
        """A link to a module page, named after the module."""
        return self.page(self.landscape.modules[module_id].name, module_doc(module_id))

    def organisation(self, org_id: str) -> Link:
        """A link to an organisation page."""
        return self.page(self.landscape.organisations[org_id].name, organisation_doc(org_id))

    def layer(self, layer_id: str) -> Link:
        """A link to a layer page."""
        return self.page(self.landscape.layer(layer_id).name, layer_doc(layer_id))

    def standard(self, standard_id: str) -> Link:
        """A link to a standard page."""
        return self.page(self.landscape.standards[standard_id].name, standard_doc(standard_id))


@dataclass
class Index:
    """Lookups over the landscape, built once per site build."""

    landscape: Landscape
    graph: LandscapeGraph
    drawings: DrawingCache | None = None
    """Layouts kept between builds, for the pictures; None draws every one."""
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

    @cached_property
    def ranking(self) -> list[Ranked]:
        """What to build next (wanted and claimed modules, best first), computed once
        for the pages that show it: /volgende-stappen/ and /intekenen/."""
        return rank(self.landscape, self.graph)

    def adopting_municipalities(self, module: Module) -> list[str]:
        """The consumers of ``module`` that are municipalities (the +1 count)."""
        return [c.org for c in module.consumers if c.org in self.municipalities]


@dataclass(frozen=True)
class StatusCount:
    """How many modules (of a layer, of the landscape) have a status."""

    status: str
    count: int


@dataclass(frozen=True)
class ModuleRow:
    """One row of a module table (the ``module_table`` fragment)."""

    module: Link
    status: str
    """The status id; the fragment writes its Dutch label in a badge."""
    owner: Link | None
    adopters: int


def module_rows(to: Linker, index: Index, modules: Iterable[Module]) -> list[ModuleRow]:
    """Table rows of ``modules``, by name."""
    return [
        ModuleRow(
            module=to.module(m.id),
            status=m.status,
            owner=to.organisation(m.owner) if m.owner else None,
            adopters=len(index.adopting_municipalities(m)),
        )
        for m in sorted(modules, key=lambda m: (m.name.lower(), m.id))
    ]
