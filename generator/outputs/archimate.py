"""``/api/landscape-archimate.xml``: the landscape in The Open Group's ArchiMate Model
Exchange File Format (3.1), the format GEMMA is published in and Archi imports
(File > Import > Open Exchange XML Model).

- Every module is an ``ApplicationComponent``; every organisation with a role at a
  module a ``BusinessActor`` (organisations without one carry nothing and are left out).
- A dependency is a ``Serving`` relationship from the module that is needed to the
  module that needs it (ArchiMate's direction: the dependency serves the dependent),
  named after its ``via`` standard when it has one.
- An organisation's roles: the module ``Serving`` each adopter (``afnemer``), and an
  ``Association`` from the lead (``trekker``), each partner (named after its role) and
  each interested organisation (``heeft belangstelling``) to the module; the role is
  the relationship's name (:data:`~generator.outputs.facts.ROLE_NAMES`).
- A module's facts (:data:`PROPERTIES`) are properties, with ``propertyDefinitions``;
  its summary is the documentation.
- Folders (``organizations``): modules per layer, organisations per kind, dependencies
  and roles, views.
- A view per layer: its modules in a group of their own, and in a second group the
  modules of other layers they need or that need them, with every dependency that
  touches the layer. Every module and every dependency is in at least one view; the
  roles are in the model, not drawn (hundreds of adopters make no picture).

Identifiers are valid ``xsd:ID`` (``id-module-open-zaak``); where two ids meet a dot
separates them, which no model id contains. The same landscape gives the same bytes.

The document is written as text, line by line (ElementTree took several times as long
at 5,000 modules): attributes only ever hold identifiers, numbers and fixed words, and
every text is escaped and cleaned of what XML 1.0 does not allow.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from xml.sax.saxutils import escape

from ..draw.svg import STYLES
from ..text import clean
from ..views.common import Index
from .facts import ROLE_NAMES, Role, involved_organisations, module_facts, organisation_url, roles

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"

PROPERTIES = ("id", "layer", "status", "status_label", "owner", "adopters", "interested", "url")
"""The facts of a module (:data:`~generator.outputs.facts.MODULE_FIELDS`) written as
properties; an organisation has ``id``, ``kind`` and ``url``, a dependency with a
standard ``via``."""
DEFINITIONS = (*PROPERTIES, "kind", "via")
NUMBERS = {"adopters", "interested"}
KIND_FOLDERS = {
    "municipality": "Gemeenten",
    "government": "Overheidsorganisaties",
    "supplier": "Leveranciers",
    "collective": "Collectieven van inwoners of ondernemers",
    "other": "Overige organisaties",
}

# The drawing of a view: a grid of boxes in a group, in pixels.
COLUMNS = 5
NODE_W, NODE_H = 180, 60
GAP = 20
PAD = 20
TITLE = 30
MARGIN = 20


def module_id(module: str) -> str:
    """The identifier of a module's ``ApplicationComponent``."""
    return f"id-module-{module}"


def organisation_id(org: str) -> str:
    """The identifier of an organisation's ``BusinessActor``."""
    return f"id-org-{org}"


def dependency_id(dependent: str, dependency: str) -> str:
    """The identifier of the ``Serving`` relationship of ``dependent`` needing ``dependency``."""
    return f"id-dependency-{dependent}.{dependency}"


def role_id(role: Role) -> str:
    """The identifier of an organisation's role at a module."""
    return f"id-role-{role.role}.{role.org}.{role.module}"


def view_id(layer: str) -> str:
    """The identifier of a layer's view."""
    return f"id-view-{layer}"


def property_id(field: str) -> str:
    """The identifier of a property definition."""
    return f"id-property-{field}"


def _text(tag: str, text: str, indent: str) -> str:
    """An element of language-tagged text (name, documentation, label)."""
    return f'{indent}<{tag} xml:lang="nl">{escape(clean(text))}</{tag}>'


def _properties(values: dict[str, str | int], indent: str) -> Iterator[str]:
    present = [(k, v) for k, v in values.items() if v != ""]
    if not present:
        return
    yield f"{indent}<properties>"
    for field, value in present:
        yield (f'{indent} <property propertyDefinitionRef="{property_id(field)}">'
               f"<value>{escape(clean(str(value)))}</value></property>")
    yield f"{indent}</properties>"


def _grid(members: list[str], x: int, y: int) -> tuple[list[tuple[str, int, int]], int, int]:
    """The place of each of ``members`` in a grid inside a group at (x, y); the group's
    width and height."""
    columns = max(1, min(COLUMNS, len(members)))
    rows = max(1, math.ceil(len(members) / columns))
    places = [
        (m, x + PAD + (i % columns) * (NODE_W + GAP), y + TITLE + (i // columns) * (NODE_H + GAP))
        for i, m in enumerate(members)
    ]
    width = 2 * PAD + columns * NODE_W + (columns - 1) * GAP
    height = TITLE + rows * NODE_H + (rows - 1) * GAP + PAD
    return places, width, height


def _rgb(tag: str, colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f'<{tag} r="{r}" g="{g}" b="{b}"/>'


STATUS_STYLE = {
    status: f"<style>{_rgb('lineColor', s.stroke)}{_rgb('fillColor', s.fill)}</style>"
    for status, s in STYLES.items()
}
"""A node's colours: those of the site's drawings."""


class _Writer:
    """Writes the exchange document of one landscape."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.landscape = index.landscape
        self.organisations = involved_organisations(index)
        self.roles = [r for m in self.landscape.modules.values() for r in roles(m)]
        self.dependencies = [
            (m.id, d.module, d.via) for m in self.landscape.modules.values() for d in m.depends_on
        ]

    def document(self) -> Iterator[str]:
        landscape = self.landscape
        yield '<?xml version="1.0" encoding="UTF-8"?>'
        yield (f'<model xmlns="{NS}" xmlns:xsi="{XSI}" xsi:schemaLocation="{SCHEMA_LOCATION}" '
               'identifier="id-retratstoliped">')
        yield _text("name", landscape.title, " ")
        if landscape.description:
            yield _text("documentation", landscape.description, " ")
        yield from self.elements()
        yield from self.relationships()
        yield from self.folders()
        yield " <propertyDefinitions>"
        for field in DEFINITIONS:
            kind = "number" if field in NUMBERS else "string"
            yield f'  <propertyDefinition identifier="{property_id(field)}" type="{kind}">'
            yield _text("name", field, "   ")
            yield "  </propertyDefinition>"
        yield " </propertyDefinitions>"
        yield " <views>"
        yield "  <diagrams>"
        for layer in landscape.layers:
            yield from self.view(layer.id, layer.name)
        yield "  </diagrams>"
        yield " </views>"
        yield "</model>"

    def elements(self) -> Iterator[str]:
        landscape = self.landscape
        if not landscape.modules and not self.organisations:
            return
        yield " <elements>"
        for m in landscape.modules.values():
            facts = module_facts(self.index, m)
            yield f'  <element identifier="{module_id(m.id)}" xsi:type="ApplicationComponent">'
            yield _text("name", m.name, "   ")
            yield _text("documentation", m.summary, "   ")
            yield from _properties({k: facts[k] for k in PROPERTIES}, "   ")
            yield "  </element>"
        for org_id in self.organisations:
            org = landscape.organisations[org_id]
            yield f'  <element identifier="{organisation_id(org_id)}" xsi:type="BusinessActor">'
            yield _text("name", org.name, "   ")
            yield from _properties(
                {"id": org_id, "kind": org.kind, "url": organisation_url(org_id)}, "   ")
            yield "  </element>"
        yield " </elements>"

    def relationships(self) -> Iterator[str]:
        landscape = self.landscape
        if not self.dependencies and not self.roles:
            return
        yield " <relationships>"
        for dependent, dependency, via in self.dependencies:
            opening = (f'  <relationship identifier="{dependency_id(dependent, dependency)}" '
                       f'source="{module_id(dependency)}" target="{module_id(dependent)}" '
                       'xsi:type="Serving"')
            if not via:
                yield opening + "/>"
                continue
            yield opening + ">"
            yield _text("name", f"via {landscape.standards[via].name}", "   ")
            yield from _properties({"via": via}, "   ")
            yield "  </relationship>"
        for role in self.roles:
            org, module = organisation_id(role.org), module_id(role.module)
            source, target, kind = (
                (module, org, "Serving") if role.role == "consumer" else (org, module, "Association")
            )
            yield (f'  <relationship identifier="{role_id(role)}" source="{source}" '
                   f'target="{target}" xsi:type="{kind}">'
                   f'<name xml:lang="nl">{ROLE_NAMES[role.role]}</name></relationship>')
        yield " </relationships>"

    def folders(self) -> Iterator[str]:
        landscape, index = self.landscape, self.index
        groups = [
            ("Applicatie", [
                (layer.name, [module_id(m.id) for m in index.by_layer.get(layer.id, [])])
                for layer in landscape.layers
            ]),
            ("Bedrijf", [
                (name, [organisation_id(o) for o in self.organisations
                        if landscape.organisations[o].kind == kind])
                for kind, name in KIND_FOLDERS.items()
            ]),
            ("Relaties", [
                ("Afhankelijkheden", [dependency_id(a, b) for a, b, _ in self.dependencies]),
                ("Rollen", [role_id(r) for r in self.roles]),
            ]),
        ]
        views = [view_id(layer.id) for layer in landscape.layers]
        groups = [(label, [c for c in children if c[1]]) for label, children in groups]
        groups = [(label, children) for label, children in groups if children]
        if not groups and not views:
            return
        yield " <organizations>"
        for label, children in groups:
            yield "  <item>"
            yield _text("label", label, "   ")
            for child, refs in children:
                yield from _folder(child, refs, "   ")
            yield "  </item>"
        yield from _folder("Views", views, "  ")
        yield " </organizations>"

    def view(self, layer: str, name: str) -> Iterator[str]:
        modules = self.landscape.modules
        own = [m.id for m in self.index.by_layer.get(layer, [])]
        inside = set(own)
        edges = [(a, b) for a, b, _ in self.dependencies if a in inside or b in inside]
        place = {x.id: i for i, x in enumerate(self.landscape.layers)}
        others = sorted({end for edge in edges for end in edge} - inside,
                        key=lambda i: (place[modules[i].layer], i))
        prefix = view_id(layer)
        yield f'   <view identifier="{prefix}" xsi:type="Diagram">'
        yield _text("name", name, "    ")
        y = MARGIN
        for number, (label, members) in enumerate(((name, own), ("Andere lagen", others))):
            if not members:
                continue
            places, width, height = _grid(members, MARGIN, y)
            yield (f'    <node identifier="{prefix}.group.{number}" x="{MARGIN}" y="{y}" '
                   f'w="{width}" h="{height}" xsi:type="Container">')
            yield _text("label", label, "     ")
            for member, x, top in places:
                yield (f'     <node identifier="{prefix}.node.{member}" '
                       f'elementRef="{module_id(member)}" x="{x}" y="{top}" w="{NODE_W}" '
                       f'h="{NODE_H}" xsi:type="Element">{STATUS_STYLE[modules[member].status]}</node>')
            yield "    </node>"
            y += height + 2 * GAP
        for dependent, dependency in edges:
            yield (f'    <connection identifier="{prefix}.connection.{dependent}.{dependency}" '
                   f'relationshipRef="{dependency_id(dependent, dependency)}" '
                   f'source="{prefix}.node.{dependency}" target="{prefix}.node.{dependent}" '
                   'xsi:type="Relationship"/>')
        yield "   </view>"


def _folder(label: str, refs: list[str], indent: str) -> Iterator[str]:
    if not refs:
        return
    yield f"{indent}<item>"
    yield _text("label", label, indent + " ")
    for ref in refs:
        yield f'{indent} <item identifierRef="{ref}"/>'
    yield f"{indent}</item>"


def landscape_archimate(index: Index) -> str:
    """The landscape as an ArchiMate Model Exchange File (UTF-8)."""
    return "\n".join(_Writer(index).document()) + "\n"
