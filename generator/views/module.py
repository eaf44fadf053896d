"""The module page: everything about one module, its neighbourhood and its history."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..draw.pictures import neighbourhood_picture
from ..model import STATUS_LABELS, Module
from ..text import link, rich
from .common import ROLE_LABELS, Index, Linker, module_doc, status_badge
from .render import render

LINK_LABELS = {
    "website": "Website",
    "repository": "Broncode",
    "documentation": "Documentatie",
    "publiccode": "publiccode.yml",
    "contact": "Contact",
}


@dataclass(frozen=True)
class ModulePage:
    """The view model of ``/modules/<id>/``."""

    module: Module
    badge: Markup
    layer: Markup
    owner: Markup | None
    description: Markup
    partners: list[tuple[Markup, str]]
    adopters: list[tuple[Markup, str]]
    adopting_municipalities: int
    interested: list[Markup]
    depends_on: list[tuple[Markup, Markup | None, str]]
    required_by: list[tuple[Markup, str]]
    transitive_dependencies: int
    transitive_dependents: int
    impact_modules: int
    impact_municipalities: int
    svg: Markup
    standards: list[Markup]
    links: list[tuple[str, Markup]]
    history: list[tuple[str, str, str]]
    reason: Markup
    edit_link: Markup | None


def module_view(index: Index, module_id: str, edit_base: str | None) -> ModulePage:
    """The view model of one module page; ``edit_base`` adds the link to edit its file."""
    landscape, graph = index.landscape, index.graph
    m = landscape.modules[module_id]
    doc = module_doc(module_id)
    to = Linker(doc, landscape)
    picture = neighbourhood_picture(
        landscape, graph, module_id, lambda i: to.href(module_doc(i))
    )
    return ModulePage(
        module=m,
        badge=status_badge(m.status),
        layer=to.layer(m.layer, html=True),
        owner=to.organisation(m.owner, html=True) if m.owner else None,
        description=rich(m.description),
        partners=[(to.organisation(p.org, html=True), ROLE_LABELS[p.role]) for p in m.partners],
        adopters=[
            (to.organisation(c.org, html=True), c.since.isoformat() if c.since else "")
            for c in m.consumers
        ],
        adopting_municipalities=len(index.adopting_municipalities(m)),
        interested=[to.organisation(o, html=True) for o in m.interested],
        depends_on=[
            (
                to.module(d.module, html=True),
                to.standard(d.via, html=True) if d.via else None,
                STATUS_LABELS[landscape.modules[d.module].status],
            )
            for d in m.depends_on
        ],
        required_by=[
            (to.module(d, html=True), STATUS_LABELS[landscape.modules[d].status])
            for d in graph.dependents(module_id)
        ],
        transitive_dependencies=graph.dependency_count(module_id),
        transitive_dependents=graph.dependent_count(module_id),
        # counts, not graph.impact(): listing the members is O(landscape) per page
        impact_modules=graph.dependent_count(module_id),
        impact_municipalities=graph.affected_municipality_count(module_id),
        svg=Markup(picture.svg),
        standards=[to.standard(s, html=True) for s in m.standards],
        links=[
            (LINK_LABELS[key], link(url, url.removeprefix("mailto:")))
            for key, url in m.links.model_dump().items()
            if url
        ],
        history=[
            (h.date.isoformat(), STATUS_LABELS[h.status], h.note or "") for h in reversed(m.history)
        ],
        reason=rich(m.reason),
        edit_link=(
            link(f"{edit_base.rstrip('/')}/{m.path}", "Bewerk deze module") if edit_base else None
        ),
    )


def module_page(index: Index, module_id: str, edit_base: str | None) -> str:
    """The Markdown of one module page."""
    return render("module.md.j2", page=module_view(index, module_id, edit_base))
