"""The module page: everything about one module, its neighbourhood and its history."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import neighbourhood_picture
from ..model import Module
from ..text import rich
from .common import ROLE_LABELS, Index, Link, Linker, external, module_doc
from .kaart import MapFigure, module_map
from .render import PICTURE, render_page

LINK_LABELS = {
    "website": "Website",
    "repository": "Broncode",
    "documentation": "Documentatie",
    "publiccode": "publiccode.yml",
    "contact": "Contact",
}


@dataclass(frozen=True)
class Partner:
    """An organisation that builds the module with its owner."""

    org: Link
    role: str
    """The Dutch role."""


@dataclass(frozen=True)
class Adopter:
    """An organisation that adopted the module."""

    org: Link
    since: str
    """ISO date, or empty when not given."""


@dataclass(frozen=True)
class Dependency:
    """A module on the other end of a dependency, with its status."""

    module: Link
    status: str
    via: Link | None = None
    """The standard the dependency runs over, if the model names one."""


@dataclass(frozen=True)
class ModuleLink:
    """One of the module's own addresses (website, repository, ...)."""

    kind: str
    """The Dutch label: Website, Broncode, ..."""
    link: Link


@dataclass(frozen=True)
class HistoryEntry:
    """One line of the module's history."""

    date: str
    status: str
    note: str


@dataclass(frozen=True)
class ModulePage:
    """The view model of ``/modules/<id>/`` (template ``module.html``)."""

    module: Module
    layer: Link
    owner: Link | None
    claim: Link
    """Where to sign up as owner, for a module that has none."""
    description: Markup
    partners: list[Partner]
    adopters: list[Adopter]
    adopting_municipalities: int
    interested: list[Link]
    depends_on: list[Dependency]
    required_by: list[Dependency]
    transitive_dependencies: int
    transitive_dependents: int
    impact_modules: int
    impact_municipalities: int
    svg: Markup
    map: MapFigure | None
    """The municipalities that take part, on the map; None when none does."""
    standards: list[Link]
    links: list[ModuleLink]
    history: list[HistoryEntry]
    """Newest first."""
    reason: Markup
    edit: Link | None


def module_view(index: Index, module_id: str, edit_base: str | None) -> ModulePage:
    """The view model of one module page; ``edit_base`` adds the link to edit its file."""
    landscape, graph = index.landscape, index.graph
    m = landscape.modules[module_id]
    doc = module_doc(module_id)
    to = Linker(doc, landscape)
    picture = neighbourhood_picture(
        landscape, graph, module_id, lambda i: to.href(module_doc(i)), cache=index.drawings
    )

    def status(other: str) -> str:
        return landscape.modules[other].status

    return ModulePage(
        module=m,
        layer=to.layer(m.layer),
        owner=to.organisation(m.owner) if m.owner else None,
        claim=to.page("teken in", "intekenen/index.md"),
        description=rich(m.description),
        partners=[Partner(to.organisation(p.org), ROLE_LABELS[p.role]) for p in m.partners],
        adopters=[
            Adopter(to.organisation(c.org), c.since.isoformat() if c.since else "")
            for c in m.consumers
        ],
        adopting_municipalities=len(index.adopting_municipalities(m)),
        interested=[to.organisation(o) for o in m.interested],
        depends_on=[
            Dependency(to.module(d.module), status(d.module), to.standard(d.via) if d.via else None)
            for d in m.depends_on
        ],
        required_by=[Dependency(to.module(d), status(d)) for d in graph.dependents(module_id)],
        transitive_dependencies=graph.dependency_count(module_id),
        transitive_dependents=graph.dependent_count(module_id),
        # counts, not graph.impact(): listing the members is O(landscape) per page
        impact_modules=graph.dependent_count(module_id),
        impact_municipalities=graph.affected_municipality_count(module_id),
        svg=Markup(picture.svg),
        map=module_map(index, to, m),
        standards=[to.standard(s) for s in m.standards],
        links=[
            ModuleLink(LINK_LABELS[key], external(url, url.removeprefix("mailto:")))
            for key, url in m.links.model_dump().items()
            if url
        ],
        history=[
            HistoryEntry(h.date.isoformat(), h.status, h.note or "") for h in reversed(m.history)
        ],
        reason=rich(m.reason),
        edit=(
            external(f"{edit_base.rstrip('/')}/{m.path}", "Bewerk deze module") if edit_base else None
        ),
    )


def module_page(index: Index, module_id: str, edit_base: str | None) -> str:
    """The page ``/modules/<id>/``."""
    view = module_view(index, module_id, edit_base)
    return render_page(
        "module.html", view, title=view.module.name, description=view.module.summary, hide=PICTURE
    )
