"""GEMMA relations as dependencies between GEMMA components (see ``tables.FLOW_DIRECTION``).

Works on GEMMA element ids only; :mod:`.plan` turns the result into module ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import tables
from .source import Component, GemmaStandard, Realisation, Relation

FLOW, INHERITED, INTERFACE = "flow", "inherited", "interface"
"""The kinds of evidence for a dependency, strongest first (the cycle rule's order)."""

KIND_RANK = {FLOW: 0, INHERITED: 1, INTERFACE: 2}


@dataclass(frozen=True, order=True)
class Evidence:
    """Why a component depends on another: one GEMMA relation.

    ``kind`` is FLOW, INHERITED (through the generic role ``role``) or INTERFACE
    (``label`` is then the GEMMA standard's name).
    """

    kind: str
    label: str
    role: str = ""
    standard_id: str = ""


@dataclass(frozen=True)
class ElementEdge:
    """``dependent`` depends on ``provider``: GEMMA element ids."""

    dependent: str
    provider: str
    evidence: Evidence


@dataclass
class Dropped:
    """GEMMA relations that yield no dependency, counted by reason for the report."""

    self_flows: int = 0
    on_generic_role: int = 0
    from_generic_role: int = 0
    classification: int = 0
    unknown_kind: int = 0
    left_out_component: int = 0
    unknown_reference: int = 0


def provider_tier(element_id: str, name: str, components: Mapping[str, Component]) -> int:
    """The provider tier of a GEMMA element (0 provides most, 3 is no provider)."""
    component = components.get(element_id)
    if component is not None and component.type == tables.NATIONAL_FACILITY:
        return 0
    if component is not None and component.group in tables.PROVIDER_GROUPS:
        return tables.PROVIDER_GROUPS[component.group]
    if name.endswith(tables.REGISTRATION_SUFFIXES) or name in tables.REGISTRATIONS:
        return 1
    return 3


def flow_edges(
    relations: Iterable[Relation],
    components: Mapping[str, Component],
    concrete: set[str],
    dropped: Dropped,
) -> tuple[list[ElementEdge], dict[str, set[str]]]:
    """Dependencies from the flows, and the generic roles' specialisations.

    Args:
        relations: the rows of component_flows.csv.
        components: every row of referentiecomponenten.csv by id.
        concrete: the ids of the components being imported or matched.
        dropped: counts of what yields no dependency, updated.

    Returns:
        The element-level dependencies (generic roles included), and for each
        generic role the concrete components that specialise it, directly.
    """
    edges = []
    specialisations: dict[str, set[str]] = {}
    for rel in relations:
        if rel.kind == "Specialization":
            if rel.target_id in components:  # between two components: a classification
                dropped.classification += 1
            else:  # a component (or a narrower role) specialising a generic role
                specialisations.setdefault(rel.target_id, set()).add(rel.source_id)
            continue
        if rel.kind == "Aggregation":
            dropped.classification += 1
            continue
        if rel.kind != "Flow":
            dropped.unknown_kind += 1
            continue
        if rel.source_id == rel.target_id:
            dropped.self_flows += 1
            continue
        source_tier = provider_tier(rel.source_id, rel.source, components)
        target_tier = provider_tier(rel.target_id, rel.target, components)
        if target_tier < source_tier:
            dependent, provider = rel.source_id, rel.target_id
        else:  # the sender provides (lower tier, or same tier: the receiver depends)
            dependent, provider = rel.target_id, rel.source_id
        edges.append(ElementEdge(dependent, provider, Evidence(FLOW, rel.label)))
    return edges, specialisations


def _descendants(role: str, specialisations: Mapping[str, set[str]]) -> set[str]:
    found: set[str] = set()
    pending = [role]
    while pending:
        for child in specialisations.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def concrete_edges(
    edges: Iterable[ElementEdge],
    specialisations: Mapping[str, set[str]],
    *,
    components: Mapping[str, Component],
    concrete: set[str],
    names: Mapping[str, str],
    dropped: Dropped,
) -> list[ElementEdge]:
    """The dependencies between concrete components: rule 3 of ``FLOW_DIRECTION``.

    A generic role's dependency is inherited by every concrete component that
    specialises it; a dependency on a generic role is dropped.
    """
    result = []
    for edge in edges:
        if edge.provider not in concrete:
            if edge.provider in components:
                dropped.left_out_component += 1
            else:
                dropped.on_generic_role += 1
            continue
        if edge.dependent in concrete:
            result.append(edge)
            continue
        if edge.dependent in components:
            dropped.left_out_component += 1
            continue
        heirs = sorted(d for d in _descendants(edge.dependent, specialisations) if d in concrete)
        if not heirs:
            dropped.from_generic_role += 1
        role = names.get(edge.dependent, edge.dependent)
        for heir in heirs:
            evidence = Evidence(INHERITED, edge.evidence.label, role)
            result.append(ElementEdge(heir, edge.provider, evidence))
    return result


def interface_edges(
    realisations: Iterable[Realisation],
    standards: Mapping[str, GemmaStandard],
    *,
    known: Mapping[str, Component],
    concrete: set[str],
    by_name: Mapping[str, str],
    dropped: Dropped,
) -> list[ElementEdge]:
    """Dependencies from realised interface standards (``tables.INTERFACE_PROVIDERS``).

    Args:
        realisations: the rows of component_realiseert_standaard.csv.
        standards: the GEMMA standards by id.
        known: every GEMMA component by id.
        concrete: the ids of the components being imported or matched.
        by_name: GEMMA component name -> id, for the providers.
        dropped: counts of what yields no dependency, updated.
    """
    result = []
    for realisation in realisations:
        standard = standards.get(realisation.standard_id)
        if standard is None:
            dropped.unknown_reference += 1
            continue
        provider_name = tables.INTERFACE_PROVIDERS.get(standard.name)
        if provider_name is None:
            continue
        provider = by_name.get(provider_name)
        if realisation.component_id not in known:
            dropped.unknown_reference += 1
            continue
        if realisation.component_id not in concrete or provider not in concrete:
            dropped.left_out_component += 1
            continue
        if provider == realisation.component_id:
            continue  # the provider implements its own interface
        evidence = Evidence(INTERFACE, standard.name, standard_id=standard.id)
        result.append(ElementEdge(realisation.component_id, provider, evidence))
    return result
