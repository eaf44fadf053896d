"""The report of a publiccode import, for the command line (stdout).

One paragraph per file (the module, how it was found, the fields filled and the
fields kept, the usedBy names), the unified diff of every changed model file,
then a count. Problems are printed apart (stderr), as ``path:line:col: ...``.
"""

from __future__ import annotations

from . import Outcome, diff
from .plan import FilePlan


def _file(plan: FilePlan, outcome: Outcome) -> list[str]:
    shown = (outcome.model_dir / plan.rel).as_posix() if plan.rel else "(no module)"
    if plan.new:
        head = f"{plan.source.path}: new module {plan.module_id} ({shown})"
    else:
        head = f"{plan.source.path}: module {plan.module_id} ({shown}, found by {plan.how})"
    fills = f"fills {', '.join(plan.filled)}" if plan.filled else "nothing to fill"
    if plan.new:
        fills = f"with {', '.join(f for f in plan.filled if f not in ('name', 'layer'))}"
    lines = [f"{head}: {fills}"]
    if plan.kept:
        lines.append(f"  kept as the editor wrote them: {', '.join(plan.kept)}")
    if plan.used_by:
        matched = [org for _, org in plan.used_by if org]
        line = f"  usedBy: {len(matched)} of {len(plan.used_by)} names matched"
        if matched:
            line += f" ({', '.join(matched)})"
        lines.append(line)
    return lines


def report(outcome: Outcome) -> str:
    """The text of the report."""
    lines: list[str] = []
    for plan in outcome.plans:
        lines += _file(plan, outcome)
    if outcome.changes and not outcome.failed:
        lines.append("")
        lines += [diff(outcome, rel).rstrip("\n") for rel in outcome.changes]
    lines.append("")
    lines.append(summary(outcome))
    return "\n".join(lines).lstrip("\n") + "\n"


def summary(outcome: Outcome) -> str:
    """One paragraph of counts, and what happened to the files."""
    plans = outcome.plans
    filled = [p for p in plans if not p.new and p.filled]
    new = [p for p in plans if p.new]
    names = [org for p in plans for _, org in p.used_by]
    matched = sum(1 for org in names if org)
    files = outcome.files
    text = (
        f"{files} file{'s' * (files != 1)}: {len({p.module_id for p in filled})} existing module(s) "
        f"filled, {len(new)} new module(s), "
        f"{sum(1 for p in plans if not p.new and not p.filled)} with nothing to fill; "
        f"usedBy: {matched} name(s) matched, {len(names) - matched} not"
    )
    if outcome.added_municipalities:
        text += f"; organisations.yaml: adds {', '.join(outcome.added_municipalities)}"
    if outcome.failed:
        errors = sum(1 for p in outcome.problems if p.severity == "error")
        return f"{text}\n{errors} error(s): nothing written"
    if outcome.written is not None:
        return f"{text}\nwrote {len(outcome.written)} file(s)"
    if outcome.changes:
        return f"{text}\nrun with --write to write these changes"
    return f"{text}\nnothing to write"
