"""The list page of each kind: ``/modules/``, ``/organisaties/``, ``/lagen/``, ``/standaarden/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS
from .common import KIND_LABELS, STATUS_ORDER, Index, Linker, ModuleRow, module_rows
from .paging import PAGE_SIZE
from .render import render

KINDS = ("modules", "organisaties", "lagen", "standaarden")


@dataclass(frozen=True)
class OrganisationRow:
    """One organisation on ``/organisaties/`` with what it contributes."""

    org: Markup
    kind: str
    leads: int
    builds: int
    adopts: int


def module_index(index: Index) -> list[ModuleRow]:
    """Rows of ``/modules/``: every module, by name."""
    to = Linker("modules/index.md", index.landscape)
    return module_rows(to, index, index.landscape.modules.values())


def module_index_by_layer(index: Index) -> list[tuple[Markup, int, str]]:
    """Rows of ``/modules/`` when there are too many modules for one page:
    (layer, number of modules, how many of each status), in layer order."""
    to = Linker("modules/index.md", index.landscape)
    rows = []
    for layer in index.landscape.layers:
        modules = index.by_layer.get(layer.id, [])
        counts = [(s, sum(m.status == s for m in modules)) for s in STATUS_ORDER]
        summary = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts if n)
        rows.append((to.layer(layer.id), len(modules), summary))
    return rows


def organisation_index(index: Index) -> list[OrganisationRow]:
    """Rows of ``/organisaties/``: every organisation, by name."""
    landscape = index.landscape
    to = Linker("organisaties/index.md", landscape)
    orgs = sorted(landscape.organisations.values(), key=lambda o: (o.name.lower(), o.id))
    return [
        OrganisationRow(
            org=to.organisation(o.id),
            kind=KIND_LABELS[o.kind],
            leads=len(index.leads.get(o.id, [])),
            builds=len(index.builds.get(o.id, [])),
            adopts=len(index.adopts.get(o.id, [])),
        )
        for o in orgs
    ]


def layer_index(index: Index) -> list[tuple[Markup, int]]:
    """Rows of ``/lagen/``: (layer, number of modules), in layer order."""
    to = Linker("lagen/index.md", index.landscape)
    return [
        (to.layer(layer.id), len(index.by_layer.get(layer.id, [])))
        for layer in index.landscape.layers
    ]


def standard_index(index: Index) -> list[tuple[Markup, int]]:
    """Rows of ``/standaarden/``: (standard, number of implementing modules), by name."""
    to = Linker("standaarden/index.md", index.landscape)
    standards = sorted(index.landscape.standards.values(), key=lambda s: (s.name.lower(), s.id))
    return [(to.standard(s.id), len(index.implementers.get(s.id, []))) for s in standards]


def kind_index(index: Index, kind: str) -> str:
    """The Markdown of the list page of ``kind`` (one of :data:`KINDS`)."""
    if kind == "modules":
        total = len(index.landscape.modules)
        if total > PAGE_SIZE:
            return render("index_modules.md.j2", rows=[], layers=module_index_by_layer(index), total=total)
        return render("index_modules.md.j2", rows=module_index(index), layers=[], total=total)
    if kind == "organisaties":
        return render("index_organisations.md.j2", rows=organisation_index(index))
    if kind == "lagen":
        return render("index_layers.md.j2", rows=layer_index(index))
    if kind == "standaarden":
        return render("index_standards.md.j2", rows=standard_index(index))
    raise ValueError(f"unknown kind {kind!r}")
