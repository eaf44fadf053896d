"""The facts of a module and of an organisation's roles that every export for other tools
carries (GraphML, DOT, ArchiMate), defined once so the three formats say the same.

Text is cleaned of the characters XML 1.0 does not allow (model text is data: a
control character in a name must not break a file another tool opens).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import STATUS_LABELS, Module
from ..text import clean
from ..views.common import ROLE_LABELS, Index

MODULE_FIELDS = (
    "id", "name", "layer", "layer_name", "status", "status_label", "owner", "owner_name",
    "adopters", "interested", "url",
)
"""The facts of a module, in the order the exports write them (GraphML all of them, DOT
the name, status label and url, ArchiMate :data:`~generator.outputs.archimate.PROPERTIES`
and the name). ``adopters`` and
``interested`` are counts (organisations under ``consumers`` and ``interested``);
``owner`` and ``owner_name`` are empty without a lead; ``url`` is the module's page,
site-relative as in ``/api/landscape.json``."""

ROLE_NAMES = {
    "lead": "trekker",
    **ROLE_LABELS,
    "consumer": "afnemer",
    "interested": "heeft belangstelling",
}
"""An organisation's roles at a module (the model's partner roles, and three of its
own fields), with their Dutch names."""


def module_url(module_id: str) -> str:
    """The site-relative address of a module page, as in ``/api/landscape.json``."""
    return f"/modules/{module_id}/"


def organisation_url(org_id: str) -> str:
    """The site-relative address of an organisation page."""
    return f"/organisaties/{org_id}/"


def module_facts(index: Index, module: Module) -> dict[str, str | int]:
    """The :data:`MODULE_FIELDS` of ``module``: strings (cleaned) and counts."""
    landscape = index.landscape
    owner = landscape.organisations[module.owner] if module.owner else None
    return {
        "id": module.id,
        "name": clean(module.name),
        "layer": module.layer,
        "layer_name": clean(landscape.layer(module.layer).name),
        "status": module.status,
        "status_label": STATUS_LABELS[module.status],
        "owner": module.owner or "",
        "owner_name": clean(owner.name) if owner else "",
        "adopters": len(module.consumers),
        "interested": len(module.interested),
        "url": module_url(module.id),
    }


@dataclass(frozen=True)
class Role:
    """An organisation's role at a module."""

    org: str
    role: str
    """A key of :data:`ROLE_NAMES`."""
    module: str


def roles(module: Module) -> Iterator[Role]:
    """Every role at ``module``, in the model's order: lead, partners, consumers, interested."""
    if module.owner:
        yield Role(module.owner, "lead", module.id)
    for p in module.partners:
        yield Role(p.org, p.role, module.id)
    for c in module.consumers:
        yield Role(c.org, "consumer", module.id)
    for org in module.interested:
        yield Role(org, "interested", module.id)


def involved_organisations(index: Index) -> list[str]:
    """The organisations with a role at any module, in the model's order. Organisations
    without one carry nothing an export could show and are left out."""
    involved = {r.org for m in index.landscape.modules.values() for r in roles(m)}
    return [o for o in index.landscape.organisations if o in involved]
