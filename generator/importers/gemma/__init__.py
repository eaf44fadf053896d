"""``retratstoliped import gemma``: the GEMMA reference components as a menu.

Reads the CSV exports of the GEMMA reference architecture (VNG) and merges them
into a model folder: each reference component the model lacks becomes a
``wanted`` module, its layer from :data:`.tables.GROUP_LAYERS` and
:data:`.tables.LAYER_OVERRIDES`, its dependencies from the GEMMA flows
(:data:`.tables.FLOW_DIRECTION`) and interface standards
(:data:`.tables.INTERFACE_PROVIDERS`), its standards from the realisations.
Existing modules (:data:`.tables.ALIASES`) are never changed. Cycles are broken
by :func:`.plan.break_cycles`; a component the GEMMA data does not connect to the
landscape is left out, never connected by an invented dependency.

The steps: :func:`.plan.plan_import` (read and decide), :func:`.write.render`
(the text of every file), :func:`.write.verify` (the merged model, checked in a
scratch copy, adds no problem), :func:`.write.write`, :func:`.report.report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .plan import Plan, plan_import
from .report import report
from .source import GemmaError
from .write import render, verify, write


@dataclass(frozen=True)
class Outcome:
    """What a run did: the plan, the files written (None: a dry run) and the report."""

    plan: Plan
    written: list[Path] | None
    report: str


def run(
    data_dir: Path, model_dir: Path, *, write_files: bool = False, include_islands: bool = False,
    on: dt.date | None = None,
) -> Outcome:
    """Plan the import of ``data_dir`` into ``model_dir``; write it if ``write_files``;
    ``include_islands`` keeps the unconnected components (see :class:`.plan.Plan`);
    ``on`` dates each new module's first history entry (None: none).

    Nothing is written unless the whole import is valid: the merged model is
    checked in a scratch copy first.

    Raises:
        GemmaError: bad input, or an import that would add a problem to the model.
    """
    plan = plan_import(data_dir, model_dir, include_islands=include_islands, on=on)
    files = render(plan)
    verify(plan, files)
    written = write(plan, files) if write_files else None
    return Outcome(plan, written, report(plan, written))


__all__ = ["GemmaError", "Outcome", "Plan", "plan_import", "render", "report", "run", "verify"]
