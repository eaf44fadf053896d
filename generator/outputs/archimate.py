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
  each interested organisation (``heeft belangstelling``) to the module. Each carries
  the role as the property ``role``.
- The facts of :data:`~generator.outputs.facts.MODULE_FIELDS` are properties (with
  ``propertyDefinitions``); the summary is the documentation.
- Folders (``organizations``): modules per layer, organisations per kind, dependencies
  and roles, views.
- A view per layer: its modules in a group of their own, and in a second group the
  modules of other layers they need or that need them, with every dependency that
  touches the layer. Every module and every dependency is in at least one view; the
  roles are in the model, not drawn (hundreds of adopters make no picture).

Identifiers are valid ``xsd:ID`` (``id-module-open-zaak``); where two ids meet a dot
separates them, which no model id contains. The same landscape gives the same bytes.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..draw.svg import STYLES
from ..text import clean
from ..views.common import Index
from .facts import MODULE_FIELDS, ROLE_NAMES, Role, involved_organisations, module_facts, roles

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://www.opengroup.org/xsd/archimate/3.1/archimate3_Diagram.xsd"
LANG = "nl"

KIND_FOLDERS = {
    "municipality": "Gemeenten",
    "government": "Overheidsorganisaties",
    "supplier": "Leveranciers",
    "collective": "Collectieven van inwoners of ondernemers",
    "other": "Overige organisaties",
}
ORGANISATION_FIELDS = ("id", "kind", "url")
RELATIONSHIP_FIELDS = ("via", "role")
NUMBERS = {"adopters", "interested"}

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


def _sub(parent: ET.Element, tag: str, attributes: dict[str, str] | None = None) -> ET.Element:
    return ET.SubElement(parent, tag, attributes or {})


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = _sub(parent, tag, {"xml:lang": LANG})
    element.text = clean(text)
    return element


def _properties(parent: ET.Element, values: dict[str, str | int]) -> None:
    present = {k: v for k, v in values.items() if v != ""}
    if not present:
        return
    properties = _sub(parent, "properties")
    for field, value in present.items():
        prop = _sub(properties, "property", {"propertyDefinitionRef": property_id(field)})
        _text(prop, "value", str(value))


@dataclass(frozen=True)
class _Box:
    node: str
    x: int
    y: int


def _grid(members: list[str], x: int, y: int) -> tuple[list[_Box], int, int]:
    """Boxes for ``members`` in a grid inside a group at (x, y); the group's width and height."""
    columns = max(1, min(COLUMNS, len(members)))
    rows = max(1, math.ceil(len(members) / columns))
    boxes = [
        _Box(m, x + PAD + (i % columns) * (NODE_W + GAP), y + TITLE + (i // columns) * (NODE_H + GAP))
        for i, m in enumerate(members)
    ]
    width = 2 * PAD + columns * NODE_W + (columns - 1) * GAP
    height = TITLE + rows * NODE_H + (rows - 1) * GAP + PAD
    return boxes, width, height


def _rgb(parent: ET.Element, tag: str, colour: str) -> None:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    _sub(parent, tag, {"r": str(r), "g": str(g), "b": str(b)})


class _Writer:
    """Builds the exchange document of one landscape."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.landscape = index.landscape
        self.organisations = involved_organisations(index)
        self.roles = [r for m in self.landscape.modules.values() for r in roles(m)]

    def document(self) -> ET.Element:
        landscape = self.landscape
        root = ET.Element("model", {
            "xmlns": NS, "xmlns:xsi": XSI, "xsi:schemaLocation": SCHEMA_LOCATION,
            "identifier": "id-retratstoliped",
        })
        _text(root, "name", landscape.title)
        if landscape.description:
            _text(root, "documentation", landscape.description)
        self.elements(root)
        self.relationships(root)
        self.folders(root)
        definitions = _sub(root, "propertyDefinitions")
        fields = [f for f in MODULE_FIELDS if f != "name"]
        fields += [f for f in (*ORGANISATION_FIELDS, *RELATIONSHIP_FIELDS) if f not in fields]
        for field in fields:
            definition = _sub(definitions, "propertyDefinition", {
                "identifier": property_id(field), "type": "number" if field in NUMBERS else "string",
            })
            _text(definition, "name", field)
        views = _sub(_sub(root, "views"), "diagrams")
        for layer in landscape.layers:
            self.view(views, layer.id, layer.name)
        return root

    def elements(self, root: ET.Element) -> None:
        landscape = self.landscape
        if not landscape.modules and not self.organisations:
            return
        elements = _sub(root, "elements")
        for m in landscape.modules.values():
            element = _sub(elements, "element",
                           {"identifier": module_id(m.id), "xsi:type": "ApplicationComponent"})
            facts = module_facts(self.index, m)
            _text(element, "name", str(facts.pop("name")))
            _text(element, "documentation", m.summary)
            _properties(element, facts)
        for org_id in self.organisations:
            org = landscape.organisations[org_id]
            element = _sub(elements, "element",
                           {"identifier": organisation_id(org_id), "xsi:type": "BusinessActor"})
            _text(element, "name", org.name)
            _properties(element, {"id": org_id, "kind": org.kind, "url": f"/organisaties/{org_id}/"})

    def relationships(self, root: ET.Element) -> None:
        landscape = self.landscape
        dependencies = [(m.id, d.module, d.via) for m in landscape.modules.values() for d in m.depends_on]
        if not dependencies and not self.roles:
            return
        relationships = _sub(root, "relationships")
        for dependent, dependency, via in dependencies:
            relationship = _sub(relationships, "relationship", {
                "identifier": dependency_id(dependent, dependency), "xsi:type": "Serving",
                "source": module_id(dependency), "target": module_id(dependent),
            })
            if via:
                _text(relationship, "name", f"via {landscape.standards[via].name}")
                _properties(relationship, {"via": via})
        for role in self.roles:
            adopter = role.role == "consumer"
            org, module = organisation_id(role.org), module_id(role.module)
            relationship = _sub(relationships, "relationship", {
                "identifier": role_id(role), "xsi:type": "Serving" if adopter else "Association",
                "source": module if adopter else org, "target": org if adopter else module,
            })
            _text(relationship, "name", ROLE_NAMES[role.role])
            _properties(relationship, {"role": role.role})

    def folders(self, root: ET.Element) -> None:
        landscape, index = self.landscape, self.index
        organizations = ET.Element("organizations")

        def folder(parent: ET.Element, label: str, refs: list[str]) -> ET.Element | None:
            if not refs:
                return None
            item = _sub(parent, "item")
            _text(item, "label", label)
            for ref in refs:
                _sub(item, "item", {"identifierRef": ref})
            return item

        def group(label: str, children: list[tuple[str, list[str]]]) -> None:
            if not any(refs for _, refs in children):
                return
            item = _sub(organizations, "item")
            _text(item, "label", label)
            for child_label, refs in children:
                folder(item, child_label, refs)

        group("Applicatie", [
            (layer.name, [module_id(m.id) for m in index.by_layer.get(layer.id, [])])
            for layer in landscape.layers
        ])
        group("Bedrijf", [
            (name, [organisation_id(o) for o in self.organisations
                    if landscape.organisations[o].kind == kind])
            for kind, name in KIND_FOLDERS.items()
        ])
        group("Relaties", [
            ("Afhankelijkheden", [dependency_id(m.id, d.module)
                                  for m in landscape.modules.values() for d in m.depends_on]),
            ("Rollen", [role_id(r) for r in self.roles]),
        ])
        folder(organizations, "Views", [view_id(layer.id) for layer in landscape.layers])
        if len(organizations):
            root.append(organizations)

    def view(self, diagrams: ET.Element, layer: str, name: str) -> None:
        landscape = self.landscape
        own = [m.id for m in self.index.by_layer.get(layer, [])]
        inside = set(own)
        edges = [
            (m.id, d.module) for m in landscape.modules.values() for d in m.depends_on
            if m.id in inside or d.module in inside
        ]
        others = sorted(
            {end for edge in edges for end in edge} - inside,
            key=lambda i: (self._layer_place(landscape.modules[i].layer), i),
        )
        view = _sub(diagrams, "view", {
            "identifier": view_id(layer), "xsi:type": "Diagram",
        })
        _text(view, "name", name)
        node = f"{view_id(layer)}.node."
        y = MARGIN
        for number, (label, members) in enumerate(((name, own), ("Andere lagen", others))):
            if not members:
                continue
            boxes, width, height = _grid(members, MARGIN, y)
            container = _sub(view, "node", {
                "identifier": f"{view_id(layer)}.group.{number}", "xsi:type": "Container",
                "x": str(MARGIN), "y": str(y), "w": str(width), "h": str(height),
            })
            _text(container, "label", label)
            for box in boxes:
                element = _sub(container, "node", {
                    "identifier": node + box.node, "elementRef": module_id(box.node),
                    "xsi:type": "Element", "x": str(box.x), "y": str(box.y),
                    "w": str(NODE_W), "h": str(NODE_H),
                })
                style = STYLES[landscape.modules[box.node].status]
                look = _sub(element, "style")
                _rgb(look, "lineColor", style.stroke)
                _rgb(look, "fillColor", style.fill)
            y += height + 2 * GAP
        for dependent, dependency in edges:
            _sub(view, "connection", {
                "identifier": f"{view_id(layer)}.connection.{dependent}.{dependency}",
                "relationshipRef": dependency_id(dependent, dependency), "xsi:type": "Relationship",
                "source": node + dependency, "target": node + dependent,
            })

    def _layer_place(self, layer: str) -> int:
        return next(i for i, x in enumerate(self.landscape.layers) if x.id == layer)


def landscape_archimate(index: Index) -> str:
    """The landscape as an ArchiMate Model Exchange File (UTF-8)."""
    root = _Writer(index).document()
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
