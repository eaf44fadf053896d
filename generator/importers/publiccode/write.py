"""Checking and writing a planned publiccode import, all or nothing.

The changed files are checked together in a scratch copy of the model first: the
merged model must have no error the model did not have (new warnings, such as an
island for a new module without dependencies, are reported). Then every file is
written to a temporary file beside it and only then put in place: new module files
by a link that fails if the file appeared meanwhile, changed files by a rename.
A file an editor changed since it was read is not overwritten.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ...atomic import stage
from ...model import check_model
from ...model.problems import Problem


class WriteError(Exception):
    """The files could not be written; nothing was."""


Key = tuple[str, int, int, str, str, str]


def _problems(model_dir: Path) -> dict[Key, Problem]:
    root = os.path.abspath(model_dir)
    found: dict[Key, Problem] = {}
    for problem in check_model(model_dir).problems:
        path = Path(os.path.relpath(os.path.abspath(problem.path), root)).as_posix()
        found[(path, problem.line, problem.column, problem.severity, problem.code, problem.message)] = problem
    return found


def verify(model_dir: Path, changes: dict[str, tuple[str | None, str]]) -> list[Problem]:
    """The problems the merged model has that ``model_dir`` has not, each with the path
    of the model file it is in (``model_dir/<rel>``)."""
    before = _problems(model_dir)
    with tempfile.TemporaryDirectory(prefix="retratstoliped-publiccode-") as scratch:
        copy = Path(scratch) / "model"
        shutil.copytree(model_dir, copy, symlinks=True)
        for rel, (_, after) in changes.items():
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(after, encoding="utf-8")
        added = sorted(set(_problems(copy)) - set(before))
    return [
        Problem((model_dir / path).as_posix(), line, column, severity, code, message)  # type: ignore[arg-type]
        for path, line, column, severity, code, message in added
    ]


def write(model_dir: Path, changes: dict[str, tuple[str | None, str]]) -> list[Path]:
    """Write ``changes`` ({rel: (text read or None for a new file, new text)}).

    Raises:
        WriteError: a file changed or appeared since it was read, or cannot be
            written; then nothing is written.
    """
    staged: list[tuple[str, Path, bool]] = []
    made_dirs: list[Path] = []
    placed: list[Path] = []
    try:
        for rel, (before, after) in sorted(changes.items()):
            target = model_dir / rel
            if before is None and target.exists():
                raise WriteError(f"{target.as_posix()}: exists already; nothing written")
            if before is not None and target.read_text(encoding="utf-8") != before:
                raise WriteError(f"{target.as_posix()}: changed since it was read; nothing written")
            if not target.parent.is_dir():
                target.parent.mkdir(parents=True)
                made_dirs.append(target.parent)
            staged.append((stage(target, after), target, before is None))
        for scratch, target, new in sorted(staged, key=lambda s: not s[2]):
            if new:
                os.link(scratch, target)  # fails if the file appeared meanwhile
                os.unlink(scratch)
            else:
                os.replace(scratch, target)
            placed.append(target)
    except OSError as exc:
        _undo(staged, placed, made_dirs)
        raise WriteError(f"cannot write: {exc.strerror or exc}; nothing written") from None
    except BaseException:
        _undo(staged, placed, made_dirs)
        raise
    return placed


def _undo(staged: list[tuple[str, Path, bool]], placed: list[Path], made_dirs: list[Path]) -> None:
    for scratch, target, new in staged:
        Path(scratch).unlink(missing_ok=True)
        if new and target in placed:
            target.unlink(missing_ok=True)
    for folder in reversed(made_dirs):
        with contextlib.suppress(OSError):
            folder.rmdir()
