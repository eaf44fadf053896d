"""The organisation page ``/organisaties/<id>/``: what it leads, co-builds, adopts and wants."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import organisation_picture
from ..model import Organisation
from ..text import link
from .common import (
    KIND_LABELS,
    ROLE_LABELS,
    Index,
    Linker,
    ModuleRow,
    module_doc,
    module_rows,
    organisation_doc,
    status_badge,
)
from .render import render_view


@dataclass(frozen=True)
class OrganisationPage:
    """The view model of ``/organisaties/<id>/``."""

    org: Organisation
    kind: str
    website: Markup | None
    leads: list[ModuleRow]
    builds: list[tuple[Markup, str, Markup]]
    """(module, Dutch role, status badge) for every module it builds with."""
    adopts: list[ModuleRow]
    wants: list[ModuleRow]
    svg: Markup | None


def organisation_view(index: Index, org_id: str) -> OrganisationPage:
    """The view model of one organisation."""
    landscape = index.landscape
    org = landscape.organisations[org_id]
    to = Linker(organisation_doc(org_id), landscape)
    # led, then built, then adopted: the picture draws the first ones
    involved = [m.id for m in sorted(index.leads.get(org_id, []), key=lambda m: m.id)]
    involved += [m.id for m, _ in sorted(index.builds.get(org_id, []), key=lambda x: x[0].id)]
    involved += [m.id for m in sorted(index.adopts.get(org_id, []), key=lambda m: m.id)]
    picture = organisation_picture(
        landscape, index.graph, org_id, lambda i: to.href(module_doc(i)), involved
    )
    return OrganisationPage(
        org=org,
        kind=KIND_LABELS[org.kind],
        website=link(org.website, org.website) if org.website else None,
        leads=module_rows(to, index, index.leads.get(org_id, [])),
        builds=[
            (to.module(m.id, html=True), ROLE_LABELS[role], status_badge(m.status))
            for m, role in sorted(index.builds.get(org_id, []), key=lambda x: x[0].id)
        ],
        adopts=module_rows(to, index, index.adopts.get(org_id, [])),
        wants=module_rows(to, index, index.wants.get(org_id, [])),
        svg=Markup(picture.svg) if picture else None,
    )


def organisation_page(index: Index, org_id: str) -> str:
    """The Markdown of one organisation page."""
    return render_view("organisation.md.j2", organisation_view(index, org_id))
