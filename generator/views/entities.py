"""Organisation, layer and standard pages, and the index page of each kind."""

from __future__ import annotations

from markupsafe import Markup

from ..draw.pictures import organisation_picture
from ..model import STATUS_LABELS
from ..text import link, rich
from .common import (
    KIND_LABELS,
    ROLE_LABELS,
    Index,
    Linker,
    layer_doc,
    module_doc,
    organisation_doc,
    standard_doc,
    status_badge,
)
from .render import render


def _module_rows(to: Linker, index: Index, modules) -> list[dict]:
    return [
        {
            "module": to.module(m.id),
            "status": status_badge(m.status),
            "owner": to.organisation(m.owner) if m.owner else "Nog geen trekker",
            "adopters": len(index.adopting_municipalities(m)),
        }
        for m in sorted(modules, key=lambda m: (m.name.lower(), m.id))
    ]


def organisation_page(index: Index, org_id: str) -> str:
    """``/organisaties/<id>/``: what the organisation leads, co-builds, adopts and wants."""
    landscape = index.landscape
    org = landscape.organisations[org_id]
    doc = organisation_doc(org_id)
    to = Linker(doc, landscape)
    picture = organisation_picture(
        landscape, index.graph, org_id, lambda i: to.href(module_doc(i))
    )
    return render(
        "organisation.md.j2",
        org=org,
        kind=KIND_LABELS[org.kind],
        website=link(org.website, org.website) if org.website else None,
        leads=_module_rows(to, index, index.leads.get(org_id, [])),
        builds=[
            (to.module(m.id), ROLE_LABELS[role], status_badge(m.status))
            for m, role in sorted(index.builds.get(org_id, []), key=lambda x: x[0].id)
        ],
        adopts=_module_rows(to, index, index.adopts.get(org_id, [])),
        wants=_module_rows(to, index, index.wants.get(org_id, [])),
        svg=Markup(picture.svg) if picture else None,
    )


def layer_page(index: Index, layer_id: str) -> str:
    """``/lagen/<id>/``: the layer and its modules."""
    landscape = index.landscape
    layer = landscape.layer(layer_id)
    to = Linker(layer_doc(layer_id), landscape)
    modules = index.by_layer.get(layer_id, [])
    counts = {s: sum(m.status == s for m in modules) for s in STATUS_LABELS}
    return render(
        "layer.md.j2",
        layer=layer,
        description=rich(layer.description),
        rows=_module_rows(to, index, modules),
        counts=[(STATUS_LABELS[s], n) for s, n in counts.items() if n],
    )


def standard_page(index: Index, standard_id: str) -> str:
    """``/standaarden/<id>/``: who implements it and which dependencies run over it."""
    landscape = index.landscape
    standard = landscape.standards[standard_id]
    to = Linker(standard_doc(standard_id), landscape)
    return render(
        "standard.md.j2",
        standard=standard,
        description=rich(standard.description),
        url=link(standard.url, standard.url) if standard.url else None,
        steward=to.organisation(standard.steward) if standard.steward else None,
        rows=_module_rows(to, index, index.implementers.get(standard_id, [])),
        vias=[
            (to.module(m.id), to.module(target))
            for m, target in sorted(index.vias.get(standard_id, []), key=lambda x: (x[0].id, x[1]))
        ],
    )


def kind_index(index: Index, kind: str) -> str:
    """The list page of one kind: ``/modules/``, ``/organisaties/``, ``/lagen/``, ``/standaarden/``."""
    landscape = index.landscape
    doc = {"modules": "modules", "organisaties": "organisaties", "lagen": "lagen",
           "standaarden": "standaarden"}[kind] + "/index.md"
    to = Linker(doc, landscape)
    if kind == "modules":
        rows = _module_rows(to, index, landscape.modules.values())
        return render("index_modules.md.j2", rows=rows)
    if kind == "organisaties":
        orgs = sorted(landscape.organisations.values(), key=lambda o: (o.name.lower(), o.id))
        rows = [
            {
                "org": to.organisation(o.id),
                "kind": KIND_LABELS[o.kind],
                "leads": len(index.leads.get(o.id, [])),
                "builds": len(index.builds.get(o.id, [])),
                "adopts": len(index.adopts.get(o.id, [])),
            }
            for o in orgs
        ]
        return render("index_organisations.md.j2", rows=rows)
    if kind == "lagen":
        rows = [(to.layer(layer.id), len(index.by_layer.get(layer.id, []))) for layer in landscape.layers]
        return render("index_layers.md.j2", rows=rows)
    rows = [
        (to.standard(s.id), len(index.implementers.get(s.id, [])))
        for s in sorted(landscape.standards.values(), key=lambda s: (s.name.lower(), s.id))
    ]
    return render("index_standards.md.j2", rows=rows)
