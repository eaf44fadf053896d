"""The text the command prints: what the GEMMA import adds, and what it leaves out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .plan import EdgeNote, Plan
from .relations import FLOW, INHERITED, INTERFACE, KIND_RANK, Evidence


def _kind(evidence: Iterable[Evidence]) -> str:
    """The strongest kind among a dependency's evidence."""
    return min((e.kind for e in evidence), key=KIND_RANK.__getitem__)


def _edges(notes: list[EdgeNote]) -> list[str]:
    return [f"  {n.dependent} -> {n.provider} ({_kind(n.evidence)})" for n in notes]


def report(plan: Plan, written: list[Path] | None) -> str:
    """The report of a dry run (``written`` is None) or of a write.

    Args:
        plan: the planned import.
        written: the files written, or None for a dry run.
    """
    verb = "Would add" if written is None else "Added"
    layers = [layer.id for layer in plan.landscape.layers]
    per_layer = Counter(m.layer for m in plan.modules)
    kinds = Counter(_kind(d.evidence) for m in plan.modules for d in m.depends_on)
    dependencies = sum(kinds.values())
    vias = sum(1 for m in plan.modules for d in m.depends_on if d.via)
    mode = "dry run, nothing written; --write writes it" if written is None else "written"
    out = [
        f"GEMMA import from {plan.data_dir} into {plan.model_dir} ({mode})",
        "",
        f"{plan.components} GEMMA components: {len(plan.modules)} new modules, "
        f"{len(plan.matched)} already in the model, "
        f"{len(plan.islands)} {'kept' if plan.include_islands else 'left out'} as islands, "
        f"{len(plan.skipped)} not imported",
        "new modules by layer: " + ", ".join(f"{layer} {per_layer[layer]}" for layer in layers),
        f"new dependencies: {dependencies} ({kinds[FLOW]} from flows, {kinds[INHERITED]} "
        f"inherited from a generic role, {kinds[INTERFACE]} from interface standards; "
        f"{vias} with via)",
        f"new standards in landscape.yaml: {len(plan.standards)}",
        f"dependencies dropped to break cycles: {len(plan.cycle_drops)}",
        f"GEMMA dependencies of existing modules on components not in the model, "
        f"not applied: {len(plan.not_applied)}",
        f"GEMMA dependencies between existing modules, ignored: {plan.between_existing}",
    ]
    if written is not None:
        out.append(f"files written: {len(written)}")
    out += ["", f"{verb} modules:"]
    if not plan.modules:
        out.append("  (none)")
    by_layer = sorted(plan.modules, key=lambda m: (layers.index(m.layer), m.id))
    for module in by_layer:
        targets = ", ".join(d.module for d in module.depends_on)
        out.append(f"  + {module.path}  ({module.component.name}) -> {targets}")
    if plan.standards:
        out += ["", f"{verb} standards:"]
        out += [f"  + {s.id}  ({s.standard.name})" for s in plan.standards]
    out += ["", "Already in the model (left unchanged):"]
    out += [f"  {name} = {module_id} ({how})" for name, module_id, how in sorted(plan.matched)]
    if plan.cycle_drops:
        out += ["", "Dropped to break cycles:", *_edges(plan.cycle_drops)]
    if plan.weak_drops:
        out += ["", "Dropped, on a retired or out-of-scope module:", *_edges(plan.weak_drops)]
    if plan.islands:
        kept = "Added without dependencies" if plan.include_islands else "Left out"
        out += ["", f"{kept}: no GEMMA relation connects them to the landscape (islands):"]
        for layer in layers:
            names = [name for name, where in plan.islands if where == layer]
            if names:
                out.append(f"  {layer} ({len(names)}): {', '.join(names)}")
    if plan.skipped:
        out += ["", "Not imported:"]
        out += [f"  {name}: {reason}" for name, reason in plan.skipped]
    if plan.not_applied:
        out += ["", "Not applied (existing modules are never changed):"]
        out += _edges(plan.not_applied)
    if plan.fallback_layers:
        out += ["", "Layer by fallback (group not in the mapping):"]
        out += [f"  {name} (group {group!r})" for name, group in plan.fallback_layers]
    if plan.standards_skipped:
        ended = ", ".join(plan.standards_skipped)
        out += ["", f"Standards not added (GEMMA ended support): {ended}"]
    return "\n".join(out) + "\n"
