"""The organisation page ``/organisaties/<id>/``: what it leads, co-builds, adopts and
wants; long lists go on, side by side, over ``/organisaties/<id>/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import organisation_picture
from ..model import Organisation
from .common import (
    KIND_LABELS,
    ROLE_LABELS,
    Index,
    Link,
    Linker,
    ModuleRow,
    external,
    module_doc,
    module_rows,
    organisation_doc,
)
from .kaart import MapFigure, municipality_map
from .paging import Page, paginate_side_by_side
from .render import PICTURE, render_pages


@dataclass(frozen=True)
class Build:
    """A module the organisation builds with its owner."""

    module: Link
    role: str
    """The Dutch role."""
    status: str


@dataclass(frozen=True)
class Start:
    """How a municipality without any role takes part (the ``start`` part of the page)."""

    claim: Link
    next_steps: Link
    contribute: Link


@dataclass(frozen=True)
class OrganisationPage:
    """The view model of ``/organisaties/<id>/`` (template ``organisation.html``)."""

    org: Organisation
    kind: str
    website: Link | None
    leads: list[ModuleRow]
    builds: list[Build]
    adopts: list[ModuleRow]
    wants: list[ModuleRow]
    claim: Link
    """Where to sign up as the owner of a wanted module."""
    start: Start | None
    """For a municipality that leads, builds, adopts and wants nothing yet: how to begin
    (the page then shows that instead of four empty lists)."""
    svg: Markup | None
    """The picture, on the first page only."""
    map: MapFigure | None
    """Where the municipality lies, on the first page only; None for other parties."""
    page: Page
    """This page of the modules it leads (its number, count and address hold for all four lists)."""
    build_page: Page
    adopt_page: Page
    want_page: Page


def _by_name(modules):
    return sorted(modules, key=lambda m: (m.name.lower(), m.id))


def organisation_views(index: Index, org_id: str) -> list[OrganisationPage]:
    """The view models of an organisation's pages (one, unless its lists are long)."""
    landscape = index.landscape
    org = landscape.organisations[org_id]
    doc = organisation_doc(org_id)
    leads = _by_name(index.leads.get(org_id, []))
    builds = sorted(index.builds.get(org_id, []), key=lambda x: x[0].id)
    adopts = _by_name(index.adopts.get(org_id, []))
    wants = _by_name(index.wants.get(org_id, []))
    # led, then built, then adopted: the picture draws the first ones
    involved = [m.id for m in sorted(leads, key=lambda m: m.id)]
    involved += [m.id for m, _ in builds]
    involved += [m.id for m in sorted(adopts, key=lambda m: m.id)]
    first = Linker(doc, landscape)
    picture = organisation_picture(
        landscape, index.graph, org_id, lambda i: first.href(module_doc(i)), involved,
        cache=index.drawings,
    )
    website = external(org.website) if org.website else None
    idle = org.kind == "municipality" and not (leads or builds or adopts or wants)
    views = []
    for lead, build, adopt, want in paginate_side_by_side(doc, leads, builds, adopts, wants):
        to = Linker(lead.doc, landscape)
        views.append(OrganisationPage(
            org=org,
            kind=KIND_LABELS[org.kind],
            website=website,
            leads=module_rows(to, index, lead.rows),
            builds=[Build(to.module(m.id), ROLE_LABELS[role], m.status) for m, role in build.rows],
            adopts=module_rows(to, index, adopt.rows),
            wants=module_rows(to, index, want.rows),
            claim=to.page("Teken in", "intekenen/index.md"),
            start=Start(
                claim=to.page("Intekenen", "intekenen/index.md"),
                next_steps=to.page("Volgende stappen", "volgende-stappen/index.md"),
                contribute=to.page("Bijdragen", "bijdragen.md"),
            ) if idle else None,
            svg=Markup(picture.svg) if picture and lead.number == 1 else None,
            map=municipality_map(to, org_id) if lead.number == 1 else None,
            page=lead,
            build_page=build,
            adopt_page=adopt,
            want_page=want,
        ))
    return views


def organisation_view(index: Index, org_id: str) -> OrganisationPage:
    """The view model of an organisation's first page."""
    return organisation_views(index, org_id)[0]


def organisation_pages(index: Index, org_id: str) -> dict[str, str]:
    """An organisation's pages, by docs path."""
    title = index.landscape.organisations[org_id].name
    return render_pages("organisation.html", organisation_views(index, org_id), title, hide=PICTURE)
