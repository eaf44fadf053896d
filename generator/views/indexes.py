"""The list page of each kind: ``/modules/``, ``/organisaties/``, ``/lagen/``, ``/standaarden/``."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import front_matter
from .common import (
    KIND_GROUPS,
    KIND_LABELS,
    STATUS_ORDER,
    Index,
    Link,
    Linker,
    ModuleRow,
    StatusCount,
    module_rows,
)
from .paging import PAGE_SIZE
from .render import PICTURE, render

KINDS = ("modules", "organisaties", "lagen", "standaarden")


@dataclass(frozen=True)
class CountRow:
    """A layer or standard on its list page, with its number of modules."""

    link: Link
    count: int


@dataclass(frozen=True)
class LayerSummary:
    """A layer on ``/modules/`` when there are too many modules for one list."""

    link: Link
    count: int
    counts: list[StatusCount]


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation on ``/organisaties/`` with what it contributes."""

    org: Link
    kind: str
    leads: int
    builds: int
    adopts: int
    wants: int


@dataclass(frozen=True)
class IdleGroup:
    """The organisations of one kind without any role yet, as a compact list of links."""

    kind: str
    """The kind id (``municipality``), for the heading's anchor."""
    label: str
    orgs: list[Link]


@dataclass(frozen=True)
class OrganisationIndex:
    """The view model of ``/organisaties/`` (template ``indexes/organisations.html``)."""

    active: list[OrganisationRow]
    """Every organisation that leads, builds, adopts or wants a module, by name."""
    idle: list[IdleGroup]
    """The others (most municipalities at first), by kind and name."""
    total: int
    every_municipality: bool
    """Whether every municipality of 2025 is listed (the shipped model)."""


def module_index(index: Index) -> list[ModuleRow]:
    """Rows of ``/modules/``: every module, by name."""
    to = Linker("modules/index.md", index.landscape)
    return module_rows(to, index, index.landscape.modules.values())


def module_index_by_layer(index: Index) -> list[LayerSummary]:
    """Rows of ``/modules/`` when there are too many modules for one page, in layer order."""
    to = Linker("modules/index.md", index.landscape)
    rows = []
    for layer in index.landscape.layers:
        modules = index.by_layer.get(layer.id, [])
        counts = [
            StatusCount(s, n) for s in STATUS_ORDER if (n := sum(m.status == s for m in modules))
        ]
        rows.append(LayerSummary(to.layer(layer.id), len(modules), counts))
    return rows


def organisation_index(index: Index) -> OrganisationIndex:
    """``/organisaties/``: the organisations with a role in a table, the others as lists."""
    landscape = index.landscape
    to = Linker("organisaties/index.md", landscape)
    orgs = sorted(landscape.organisations.values(), key=lambda o: (o.name.lower(), o.id))
    active, idle = [], []
    for o in orgs:
        row = OrganisationRow(
            org=to.organisation(o.id),
            kind=KIND_LABELS[o.kind],
            leads=len(index.leads.get(o.id, [])),
            builds=len(index.builds.get(o.id, [])),
            adopts=len(index.adopts.get(o.id, [])),
            wants=len(index.wants.get(o.id, [])),
        )
        if row.leads or row.builds or row.adopts or row.wants:
            active.append(row)
        else:
            idle.append((o.kind, row.org))
    groups = [
        IdleGroup(kind, label, [link for k, link in idle if k == kind]) for kind, label in KIND_GROUPS
    ]
    from ..municipalities import current

    listed = {o.id for o in orgs if o.kind == "municipality"}
    every = all(m.code in listed for m in current())
    return OrganisationIndex(active, [g for g in groups if g.orgs], len(orgs), every)


def layer_index(index: Index) -> list[CountRow]:
    """Rows of ``/lagen/``, in layer order."""
    to = Linker("lagen/index.md", index.landscape)
    return [
        CountRow(to.layer(layer.id), len(index.by_layer.get(layer.id, [])))
        for layer in index.landscape.layers
    ]


def standard_index(index: Index) -> list[CountRow]:
    """Rows of ``/standaarden/``: every standard with its implementing modules, by name."""
    to = Linker("standaarden/index.md", index.landscape)
    standards = sorted(index.landscape.standards.values(), key=lambda s: (s.name.lower(), s.id))
    return [CountRow(to.standard(s.id), len(index.implementers.get(s.id, []))) for s in standards]


TITLES = {"modules": "Alle modules", "organisaties": "Organisaties", "lagen": "Lagen",
          "standaarden": "Standaarden"}


def kind_index(index: Index, kind: str) -> str:
    """The list page of ``kind`` (one of :data:`KINDS`), template ``indexes/<kind>.html``."""
    if kind == "modules":
        total = len(index.landscape.modules)
        if total > PAGE_SIZE:
            body = render("indexes/modules.html", rows=[], layers=module_index_by_layer(index), total=total)
        else:
            body = render("indexes/modules.html", rows=module_index(index), layers=[], total=total)
    elif kind == "organisaties":
        view = organisation_index(index)
        body = render("indexes/organisations.html", view=view)
        if view.idle:  # the long list of names gets the width of the screen, in columns
            return front_matter(title=TITLES[kind], hide=PICTURE) + body
    elif kind == "lagen":
        body = render("indexes/layers.html", rows=layer_index(index))
    elif kind == "standaarden":
        body = render("indexes/standards.html", rows=standard_index(index))
    else:
        raise ValueError(f"unknown kind {kind!r}")
    return front_matter(title=TITLES[kind]) + body
