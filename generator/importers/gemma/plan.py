"""Plan the GEMMA import: which modules, dependencies and standards it adds to a model.

Gather, then decide, then (elsewhere) write: :func:`plan_import` reads the model
and the GEMMA exports and returns a :class:`Plan` without touching a file.
Existing modules are never changed: a GEMMA component the model already has
(by alias or by id) adds nothing, and a GEMMA dependency of an existing module
is reported, not applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ...model import Landscape, check_model, format_text
from ...model.graphalgo import island_pieces
from ...model.statuses import ALWAYS_WEAK_TARGETS
from . import tables
from .relations import (
    KIND_RANK,
    Dropped,
    ElementEdge,
    Evidence,
    concrete_edges,
    flow_edges,
    interface_edges,
)
from .source import Component, GemmaData, GemmaError, GemmaStandard, read_gemma
from .text import slug

_STUF_BASED = re.compile(
    r"\bstuf\b[^.]*\bgebaseerd|\bgebaseerd[^.]*\bstuf\b|\bgebruik van stuf\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Dependency:
    """A dependency of a new module, with the GEMMA relations behind it."""

    module: str
    via: str | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class NewModule:
    """A module the import adds: a GEMMA component that is not in the model yet."""

    id: str
    layer: str
    component: Component
    depends_on: tuple[Dependency, ...]
    standards: tuple[str, ...]
    gemma_standards: tuple[str, ...]
    """The names of the GEMMA standards it realises (mapped or not)."""

    @property
    def path(self) -> str:
        """Where its file goes, relative to the model folder."""
        return f"{self.layer}/{self.id}.yaml"


@dataclass(frozen=True)
class NewStandard:
    """A GEMMA standard the import adds to landscape.yaml."""

    id: str
    steward: str | None
    standard: GemmaStandard


@dataclass(frozen=True)
class EdgeNote:
    """A GEMMA dependency between two modules that the import does not apply."""

    dependent: str
    provider: str
    evidence: tuple[Evidence, ...]


@dataclass
class Plan:
    """Everything the import would do to a model folder, and what it leaves out."""

    model_dir: Path
    data_dir: Path
    landscape: Landscape
    modules: tuple[NewModule, ...]
    standards: tuple[NewStandard, ...]
    components: int
    matched: list[tuple[str, str, str]] = field(default_factory=list)
    """(GEMMA name, module id, "alias" or "id")."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(GEMMA name, why it is not imported)."""
    islands: list[tuple[str, str]] = field(default_factory=list)
    """(GEMMA name, layer): components with no dependency either way, left out
    (kept, unconnected, with ``include_islands``)."""
    include_islands: bool = False
    """Keep the islands as modules without dependencies (a model of the whole
    reference architecture, for scale tests; ``check`` warns about each)."""
    on: dt.date | None = None
    """The date of each new module's history entry "put on the menu" (as wanted), so
    that /voortgang/ and a build of the past know since when it is there; None: none."""
    cycle_drops: list[EdgeNote] = field(default_factory=list)
    not_applied: list[EdgeNote] = field(default_factory=list)
    """GEMMA dependencies of an existing module on a new one: not applied."""
    weak_drops: list[EdgeNote] = field(default_factory=list)
    """Dependencies on a retired or out-of-scope module (rule 7): not applied."""
    between_existing: int = 0
    within_module: int = 0
    fallback_layers: list[tuple[str, str]] = field(default_factory=list)
    standards_skipped: list[str] = field(default_factory=list)
    dropped: Dropped = field(default_factory=Dropped)

    def name_of(self, module_id: str) -> str:
        """The name of a module, existing or new."""
        if module_id in self.landscape.modules:
            return self.landscape.modules[module_id].name
        return next(m.component.name for m in self.modules if m.id == module_id)


def _landscape(model_dir: Path) -> Landscape:
    result = check_model(model_dir)
    if result.landscape is None:
        lines = format_text(result.errors).splitlines() or ["landscape.yaml cannot be read"]
        raise GemmaError(
            f"{model_dir}: the model has errors (first: {lines[0]}); "
            f"run 'retratstoliped check {model_dir}'"
        )
    return result.landscape


def _layer(component: Component, plan: Plan) -> str:
    if component.name in tables.LAYER_OVERRIDES:
        return tables.LAYER_OVERRIDES[component.name]
    if component.group in tables.GROUP_LAYERS:
        return tables.GROUP_LAYERS[component.group]
    plan.fallback_layers.append((component.name, component.group))
    return tables.FALLBACK_LAYER


def _classify(data: GemmaData, plan: Plan) -> tuple[dict[str, str], dict[str, str]]:
    """Decide per component: left out, an existing module, or a new module.

    Returns:
        GEMMA id -> module id for every imported or matched component, and GEMMA
        id -> layer for the new ones.
    """
    existing = plan.landscape.modules
    module_of: dict[str, str] = {}
    layers: dict[str, str] = {}
    taken = set(existing)
    for component in data.components:
        reason = tables.SKIP_GROUPS.get(component.group) or tables.SKIP_STATUSES.get(
            component.status
        )
        if reason:
            plan.skipped.append((component.name, reason))
            continue
        alias = tables.ALIASES.get(component.name)
        own = slug(component.name)
        if alias in existing or own in existing:
            target = alias if alias in existing else own
            module_of[component.id] = target
            plan.matched.append((component.name, target, "alias" if target == alias else "id"))
            continue
        if not own:
            plan.skipped.append((component.name, "its name gives no usable id"))
            continue
        unique, n = own, 2
        while unique in taken:
            unique = f"{own[: 64 - len(str(n)) - 1]}-{n}"
            n += 1
        taken.add(unique)
        module_of[component.id] = unique
        layers[component.id] = _layer(component, plan)
    return module_of, layers


def _element_edges(data: GemmaData, module_of: dict[str, str], plan: Plan) -> list[ElementEdge]:
    components = {c.id: c for c in data.components}
    concrete = set(module_of)
    names = {c.id: c.name for c in data.components}
    for rel in data.relations:
        names.setdefault(rel.source_id, rel.source)
        names.setdefault(rel.target_id, rel.target)
    flows, specialisations = flow_edges(data.relations, components, concrete, plan.dropped)
    edges = concrete_edges(
        flows, specialisations, components=components, concrete=concrete, names=names,
        dropped=plan.dropped,
    )
    by_name = {c.name: c.id for c in data.components}
    standards = {s.id: s for s in data.standards}
    edges += interface_edges(
        data.realisations, standards, known=components, concrete=concrete, by_name=by_name,
        dropped=plan.dropped,
    )
    return edges


def _candidates(
    edges: list[ElementEdge], module_of: dict[str, str], new: set[str], plan: Plan
) -> dict[tuple[str, str], set[Evidence]]:
    """Module-level dependencies of new modules; the rest is counted or noted."""
    existing = plan.landscape.modules
    found: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
    notes: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
    weak: dict[tuple[str, str], set[Evidence]] = defaultdict(set)
    between: set[tuple[str, str]] = set()
    for edge in edges:
        dependent, provider = module_of[edge.dependent], module_of[edge.provider]
        if dependent == provider:
            plan.within_module += 1
        elif dependent not in new:
            if provider in new:
                notes[dependent, provider].add(edge.evidence)
            else:
                between.add((dependent, provider))
        elif provider in existing and existing[provider].status in ALWAYS_WEAK_TARGETS:
            weak[dependent, provider].add(edge.evidence)
        else:
            found[dependent, provider].add(edge.evidence)
    plan.between_existing = len(between)
    plan.not_applied = [EdgeNote(d, p, tuple(sorted(e))) for (d, p), e in sorted(notes.items())]
    plan.weak_drops = [EdgeNote(d, p, tuple(sorted(e))) for (d, p), e in sorted(weak.items())]
    return found


def _reaches(succ: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, pending = {start}, [start]
    while pending:
        node = pending.pop()
        if node == goal:
            return True
        for other in succ.get(node, ()):
            if other not in seen:
                seen.add(other)
                pending.append(other)
    return False


def break_cycles(
    candidates: dict[tuple[str, str], set[Evidence]],
) -> tuple[dict[tuple[str, str], set[Evidence]], list[EdgeNote]]:
    """Keep the dependencies in a fixed order, dropping each that would close a cycle.

    The order: direct flows before inherited ones before interface standards
    (the strongest evidence of the pair), then pairs backed by more GEMMA
    relations, then by (dependent id, provider id). Deterministic, and what it
    keeps has no cycle.

    Returns:
        The kept dependencies, and the dropped ones.
    """

    def order(pair: tuple[str, str]) -> tuple[int, int, str, str]:
        evidence = candidates[pair]
        return (min(KIND_RANK[e.kind] for e in evidence), -len(evidence), *pair)

    kept: dict[tuple[str, str], set[Evidence]] = {}
    succ: dict[str, set[str]] = defaultdict(set)
    dropped = []
    for pair in sorted(candidates, key=order):
        dependent, provider = pair
        if _reaches(succ, provider, dependent):
            dropped.append(EdgeNote(dependent, provider, tuple(sorted(candidates[pair]))))
            continue
        succ[dependent].add(provider)
        kept[pair] = candidates[pair]
    return kept, dropped


def _islands(
    kept: dict[tuple[str, str], set[Evidence]], new: set[str], landscape: Landscape
) -> set[str]:
    """The new modules outside the main piece of the merged landscape (rule 6)."""
    succ: dict[str, list[str]] = {}
    for module in landscape.modules.values():
        succ[module.id] = [d.module for d in module.depends_on]
    for module_id in sorted(new):
        succ[module_id] = []
    for dependent, provider in sorted(kept):
        succ[dependent].append(provider)
    in_scope = [m.id for m in landscape.modules.values() if m.status != "out-of-scope"]
    pieces = island_pieces(succ, in_scope + sorted(new))
    return {module_id for piece in pieces for module_id in piece if module_id in new}


def _is_stuf(standard: GemmaStandard) -> bool:
    return standard.name.lower().startswith("stuf") or bool(
        _STUF_BASED.search(standard.description)
    )


def _standard_ids(data: GemmaData, landscape: Landscape) -> dict[str, str]:
    """GEMMA standard id -> model standard id (existing, or new as a slug of its name)."""
    existing = set(landscape.standards)
    result: dict[str, str] = {}
    taken = set(existing)
    for standard in data.standards:
        alias = tables.STANDARD_ALIASES.get(standard.name)
        own = slug(standard.name)
        if alias in existing:
            result[standard.id] = alias
        elif tables.STUF_STANDARD in existing and _is_stuf(standard):
            result[standard.id] = tables.STUF_STANDARD
        elif own in existing:
            result[standard.id] = own
        elif own:
            unique, n = own, 2
            while unique in taken:
                unique, n = f"{own[: 64 - len(str(n)) - 1]}-{n}", n + 1
            taken.add(unique)
            result[standard.id] = unique
    return result


def plan_import(
    data_dir: Path, model_dir: Path, *, include_islands: bool = False, on: dt.date | None = None
) -> Plan:
    """Plan merging the GEMMA reference components of ``data_dir`` into ``model_dir``;
    ``include_islands`` keeps the components no relation connects (see :class:`Plan`).

    Raises:
        GemmaError: bad GEMMA input, a model folder that is missing or has errors,
            or a mapped layer the model lacks.
    """
    if not model_dir.is_dir():
        raise GemmaError(f"{model_dir}: model folder does not exist")
    data = read_gemma(data_dir)
    landscape = _landscape(model_dir)
    plan = Plan(model_dir, data_dir, landscape, (), (), len(data.components),
                include_islands=include_islands, on=on)
    module_of, layers = _classify(data, plan)
    missing = sorted(set(layers.values()) - {layer.id for layer in landscape.layers})
    if missing:
        raise GemmaError(
            f"{model_dir / 'landscape.yaml'}: no layer {', '.join(missing)}, "
            "which the GEMMA layer mapping needs"
        )
    new = {module_of[c] for c in layers}
    candidates = _candidates(_element_edges(data, module_of, plan), module_of, new, plan)
    kept, plan.cycle_drops = break_cycles(candidates)
    islands = _islands(kept, new, landscape)
    components = {c.id: c for c in data.components}
    plan.islands = sorted(
        (components[c].name, layers[c]) for c in layers if module_of[c] in islands
    )
    if include_islands:
        islands = set()
    kept = {pair: e for pair, e in kept.items() if pair[0] not in islands}
    plan.modules, plan.standards = _assemble(
        data, module_of=module_of, layers=layers, islands=islands, kept=kept, plan=plan
    )
    return plan


def _assemble(
    data: GemmaData,
    *,
    module_of: dict[str, str],
    layers: dict[str, str],
    islands: set[str],
    kept: dict[tuple[str, str], set[Evidence]],
    plan: Plan,
) -> tuple[tuple[NewModule, ...], tuple[NewStandard, ...]]:
    """The new modules with their standards and dependencies, and the new standards."""
    landscape = plan.landscape
    standard_ids = _standard_ids(data, landscape)
    gemma_standards = {s.id: s for s in data.standards}
    realised: dict[str, set[str]] = defaultdict(set)
    for realisation in data.realisations:
        if realisation.standard_id in gemma_standards:
            realised[realisation.component_id].add(realisation.standard_id)
    keep = {c: m for c, m in module_of.items() if c in layers and m not in islands}
    standards_of: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()
    skipped: set[str] = set()
    for component_id, module_id in keep.items():
        ids = set()
        for standard_id in realised[component_id]:
            standard = gemma_standards[standard_id]
            if standard.status in tables.SKIP_STATUSES:
                skipped.add(standard.name)
            elif standard_id in standard_ids:
                ids.add(standard_ids[standard_id])
                used.add(standard_id)
        standards_of[module_id] = tuple(sorted(ids))
    plan.standards_skipped = sorted(skipped)

    def lists(provider: str, standard: str) -> bool:
        if provider in landscape.modules:
            return standard in landscape.modules[provider].standards
        return standard in standards_of[provider]

    components = {c.id: c for c in data.components}
    modules = []
    for component_id, module_id in sorted(keep.items(), key=lambda item: item[1]):
        depends = []
        for (dependent, provider), evidence in sorted(kept.items()):
            if dependent != module_id:
                continue
            vias = sorted(
                standard_ids[e.standard_id]
                for e in evidence
                if e.standard_id in standard_ids
                and lists(provider, standard_ids[e.standard_id])
            )
            depends.append(Dependency(provider, vias[0] if vias else None, tuple(sorted(evidence))))
        names = sorted({gemma_standards[s].name for s in realised[component_id]})
        modules.append(
            NewModule(
                module_id, layers[component_id], components[component_id], tuple(depends),
                standards_of[module_id], tuple(names),
            )
        )
    organisations = set(landscape.organisations)
    new_standards: list[NewStandard] = []
    for standard in data.standards:
        model_id = standard_ids.get(standard.id)
        if standard.id not in used or model_id is None or model_id in landscape.standards:
            continue
        if any(s.id == model_id for s in new_standards):
            continue
        steward = tables.STEWARDS.get(standard.steward)
        new_standards.append(
            NewStandard(model_id, steward if steward in organisations else None, standard)
        )
    return tuple(modules), tuple(sorted(new_standards, key=lambda s: s.id))
