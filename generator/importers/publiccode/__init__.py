"""``retratstoliped import publiccode FILE...``: modules from publiccode.yml files.

Each file either fills the fields an existing module lacks (never its name, layer,
status, owner, history or anything an editor wrote) or becomes a new module file,
written as ``retratstoliped new`` writes one. The mapping is documented in the
README ("Importing from publiccode.yml") and in :mod:`.plan`.

The steps: :func:`.source.read` every file (all are read before anything is
decided; one with an error stops the run), :func:`.plan.plan_file` for each in
turn on the model in memory (:mod:`.state`), :func:`.write.verify` (the merged
model adds no error), then, only with ``write_files``, :func:`.write.write`, all
or nothing. Without ``write_files`` the report shows the unified diff of every file
the import would change.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path

from ...model.problems import Problem
from ...model.yamlload import MList, parse
from .plan import FilePlan, LayerChooser, plan_file
from .source import Source, read
from .state import ORGANISATIONS_FILE, ModelState, ModelUnreadable, load
from .text import CannotAdd, add_municipalities
from .write import WriteError, verify, write


@dataclass(frozen=True)
class Outcome:
    """What a run found and did."""

    plans: list[FilePlan]
    problems: list[Problem]
    """Every problem: of the files (in file order), then of the merged model."""
    changes: dict[str, tuple[str | None, str]]
    """Model files changed, relative to the model folder: (text before or None, after)."""
    added_municipalities: list[str]
    written: list[Path] | None
    """The files written; None when nothing was (a dry run, or an error)."""
    model_dir: Path
    files: int
    """How many files were given."""

    @property
    def failed(self) -> bool:
        """Whether any problem is an error (then nothing was written)."""
        return any(p.severity == "error" for p in self.problems)


def run(
    files: list[Path],
    model_dir: Path,
    *,
    module_id: str | None = None,
    choose_layer: LayerChooser,
    write_files: bool = False,
    today: dt.date | None = None,
) -> Outcome:
    """Import ``files`` into ``model_dir``; write only with ``write_files`` and no error.

    Raises:
        ModelUnreadable: the model folder cannot be read.
        WriteError: writing failed (nothing was written).
    """
    today = today or dt.date.today()
    state = load(model_dir)
    sources = [read(path) for path in files]
    problems = [p for s in sources for p in s.problems]
    if any(not s.ok for s in sources):
        return Outcome([], problems, {}, [], None, model_dir, len(files))
    plans = [
        plan_file(source, state, module_id=module_id, choose_layer=choose_layer, today=today)
        for source in sources
    ]
    problems = [p for s in sources for p in s.problems]
    changes = _changes(state)
    if not any(p.severity == "error" for p in problems) and changes:
        problems += verify(model_dir, changes)
    failed = any(p.severity == "error" for p in problems)
    written = write(model_dir, changes) if write_files and not failed and changes else None
    return Outcome(
        plans, problems, changes, list(state.added_municipalities), written, model_dir, len(files)
    )


def _changes(state: ModelState) -> dict[str, tuple[str | None, str]]:
    changes: dict[str, tuple[str | None, str]] = {}
    for module in state.modules.values():
        before = None if module.created else state.original.get(module.rel)
        if module.text != before:
            changes[module.rel] = (before, module.text)
    if state.added_municipalities:
        original = state.original[ORGANISATIONS_FILE]
        raw = parse(original)
        assert isinstance(raw, MList)
        try:
            patched = add_municipalities(original, raw, state.added_municipalities)
        except CannotAdd:
            raise WriteError(
                f"{state.shown(ORGANISATIONS_FILE)}: cannot add the municipalities "
                f"{', '.join(state.added_municipalities)}: write each organisation as a list item "
                "('- id: ...') at the start of a line; nothing written"
            ) from None
        changes[ORGANISATIONS_FILE] = (original, patched)
    return dict(sorted(changes.items()))


def diff(outcome: Outcome, rel: str) -> str:
    """The unified diff of one changed model file."""
    before, after = outcome.changes[rel]
    shown = (outcome.model_dir / rel).as_posix()
    prefix = ("", "") if shown.startswith("/") else ("a/", "b/")
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile="/dev/null" if before is None else f"{prefix[0]}{shown}",
        tofile=f"{prefix[1]}{shown}",
    )
    return "".join(lines)


__all__ = [
    "FilePlan",
    "ModelUnreadable",
    "Outcome",
    "Source",
    "WriteError",
    "diff",
    "read",
    "run",
]
