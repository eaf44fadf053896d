"""Gather every file of a model folder, validate each, then cross-check.

Collect every problem, abort once: an editor fixes ten typos in one round.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .entities import ID_MAX, ID_PATTERN, LandscapeFile, Module, ModuleFile, Organisation
from .landscape import Landscape
from .locate import Locator
from .problems import Problem
from .rules import Frame, ModuleSource, check_rules
from .schema_errors import kind_of, schema_problems
from .yamlload import LoadError, MDict, load_file

LANDSCAPE_FILE = "landscape.yaml"
ORGANISATIONS_FILE = "organisations.yaml"
_ID = re.compile(ID_PATTERN)
_ORGANISATIONS = TypeAdapter(list[Organisation])
_REQUIRED = {name for name, info in ModuleFile.model_fields.items() if info.is_required()}


@dataclass
class CheckResult:
    """What a check found: the landscape (None when there are errors) and the problems."""

    landscape: Landscape | None
    problems: list[Problem]
    files: int

    @property
    def errors(self) -> list[Problem]:
        """Only the errors."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the warnings."""
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _Gather:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    reuse: bool = False

    def display(self, path: Path) -> str:
        """The path as shown to the editor: relative to the working directory if inside it."""
        absolute = os.path.abspath(path)
        cwd = os.getcwd()
        if absolute == cwd or absolute.startswith(cwd + os.sep):
            return os.path.relpath(absolute, cwd)
        return absolute

    def at_start(self, path: Path, code: str, message: str) -> None:
        self.problems.append(Problem(self.display(path), 1, 1, "error", code, message))

    def load(self, path: Path) -> tuple[Locator, Any] | None:
        """Parse one file; a load error becomes a problem and None."""
        shown = self.display(path)
        try:
            raw = self._parse(path)
        except LoadError as exc:
            self.problems.append(
                Problem(shown, exc.mark.line, exc.mark.column, "error", exc.code, exc.message)
            )
            return None
        except RecursionError:  # pragma: no cover - libyaml caps nesting before this
            self.at_start(path, "yaml-too-deep", "nesting too deep")
            return None
        return Locator(shown, raw), raw

    def _parse(self, path: Path) -> Any:
        if not self.reuse:
            return load_file(path)
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if (kept := _PARSED.get(str(path))) is not None and kept[0] == key:
            return kept[1]
        raw = load_file(path)
        _PARSED[str(path)] = (key, raw)
        return raw


_PARSED: dict[str, tuple[tuple[int, int, int], Any]] = {}
"""File -> (its mtime, size and inode, its parsed data), for ``check_model(reuse=True)``:
under ``mkdocs serve`` an edit re-parses only the files it touched."""


def _walk(root: Path, gather: _Gather) -> list[Path]:
    """Every YAML file below ``root``, sorted; symlinks leaving ``root`` are problems."""
    real_root = os.path.realpath(root)
    found: list[Path] = []
    seen_dirs = {real_root}
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            gather.at_start(Path(directory), "file-unreadable", f"cannot read folder: {exc.strerror}")
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".") and path.suffix not in (".yaml", ".yml"):
                continue  # .git and the like; a hidden YAML file is reported as a bad id
            if entry.is_symlink():
                target = os.path.realpath(path)
                if os.path.commonpath([real_root, target]) != real_root:
                    gather.at_start(
                        path, "file-symlink", "symbolic link points outside the model folder"
                    )
                    continue
            if entry.is_dir():
                real = os.path.realpath(path)
                if real not in seen_dirs:
                    seen_dirs.add(real)
                    pending.append(path)
            elif path.suffix in (".yaml", ".yml") and entry.is_file():
                found.append(path)
    return sorted(found)


def _frame(gather: _Gather, root: Path) -> Frame:
    frame = Frame()
    landscape_path = root / LANDSCAPE_FILE
    if not landscape_path.is_file():
        gather.at_start(landscape_path, "file-missing", f"{LANDSCAPE_FILE} is missing")
    elif loaded := gather.load(landscape_path):
        where, raw = loaded
        if not isinstance(raw, dict):
            gather.problems.append(
                where.problem((), "wrong-type", f"{LANDSCAPE_FILE} must be a mapping, not {kind_of(raw)}")
            )
        else:
            try:
                frame.file = LandscapeFile.model_validate(raw)
                frame.landscape_at = where
            except ValidationError as exc:
                gather.problems += schema_problems(exc, LandscapeFile, where)
    organisations_path = root / ORGANISATIONS_FILE
    if not organisations_path.is_file():
        gather.at_start(organisations_path, "file-missing", f"{ORGANISATIONS_FILE} is missing")
    elif loaded := gather.load(organisations_path):
        where, raw = loaded
        if not isinstance(raw, list):
            gather.problems.append(
                where.problem(
                    (),
                    "wrong-type",
                    f"{ORGANISATIONS_FILE} must be a list of organisations, not {kind_of(raw)}",
                )
            )
        else:
            try:
                frame.organisations = _ORGANISATIONS.validate_python(raw)
                frame.organisations_at = where
            except ValidationError as exc:
                gather.problems += schema_problems(exc, list[Organisation], where)
    return frame


def _modules(gather: _Gather, root: Path, files: list[Path]) -> tuple[list[ModuleSource], set[str]]:
    sources: list[ModuleSource] = []
    first_file: dict[str, Path] = {}
    for path in files:
        if path.parent == root and path.name in (LANDSCAPE_FILE, ORGANISATIONS_FILE):
            continue
        module_id = path.stem
        if not _ID.match(module_id) or len(module_id) > ID_MAX:
            gather.at_start(
                path,
                "invalid-id",
                f"file name '{module_id[:80]}' is not a valid module id: use lower-case "
                "letters, digits and single hyphens, at most 64 characters",
            )
            continue
        if module_id in first_file:
            gather.at_start(
                path,
                "duplicate-id",
                f"module id '{module_id}' is already used by {gather.display(first_file[module_id])}",
            )
            continue
        first_file[module_id] = path
        loaded = gather.load(path)
        if loaded is None:
            continue
        where, raw = loaded
        if not isinstance(raw, MDict):
            what = "an empty file" if raw is None else kind_of(raw)
            gather.problems.append(
                where.problem(
                    (), "wrong-type", f"a module file must be a mapping of fields, not {what}"
                )
            )
            continue
        data, dropped = _validate_module(gather, raw, where)
        if data is None:
            continue
        module = Module.model_construct(
            **dict(data), id=module_id, path=path.relative_to(root).as_posix()
        )
        sources.append(ModuleSource(module, where, dropped))
    return sources, set(first_file)


def _validate_module(
    gather: _Gather, raw: MDict, where: Locator
) -> tuple[ModuleFile | None, frozenset[str]]:
    """The validated module file, and the fields left out to get it.

    When only optional fields are wrong, the module is validated again without
    them, so the cross-file rules still check the rest of it.
    """
    try:
        return ModuleFile.model_validate(raw), frozenset()
    except ValidationError as exc:
        gather.problems += schema_problems(exc, ModuleFile, where)
        broken = {err["loc"][0] for err in exc.errors() if err["loc"]}
    dropped = frozenset(str(key) for key in broken)
    if any(key in _REQUIRED or key not in ModuleFile.model_fields for key in broken) or not broken:
        return None, dropped
    try:
        return ModuleFile.model_validate({k: v for k, v in raw.items() if k not in broken}), dropped
    except ValidationError:  # pragma: no cover - removing fields cannot add errors
        return None, dropped


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the model is built.

    Loading makes hundreds of thousands of small objects that all stay alive and
    form no cycles; the collector would rescan them again and again (a third of
    the check time at 5,000 modules). Reference counting still frees garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_model(
    model_dir: Path | str, *, today: dt.date | None = None, reuse: bool = False
) -> CheckResult:
    """Load, validate and cross-check a model folder.

    Args:
        model_dir: the folder holding landscape.yaml, organisations.yaml and the modules.
        today: the date history entries may not pass; defaults to today.
        reuse: take a file's parsed data from an earlier check in this process when
            the file's modification time, size and inode are unchanged (the live
            server's rebuilds); validation and the rules always run in full.

    Returns:
        Every problem found, sorted by place, and the landscape if there was no error.
    """
    root = Path(model_dir)
    gather = _Gather(root, reuse=reuse)
    if not root.is_dir():
        gather.at_start(root, "file-missing", "model folder does not exist")
        return CheckResult(None, gather.problems, 0)
    files = _walk(root, gather)
    with _collector_paused():
        frame = _frame(gather, root)
        sources, all_ids = _modules(gather, root, files)
        gather.problems += check_rules(frame, sources, all_ids, today or dt.date.today())
    problems = sorted(set(gather.problems))
    landscape = None
    if not any(p.severity == "error" for p in problems) and frame.file is not None:
        landscape = _resolve(frame, sources)
    return CheckResult(landscape, problems, len(files))


def _resolve(frame: Frame, sources: list[ModuleSource]) -> Landscape:
    assert frame.file is not None and frame.organisations is not None
    modules = sorted((s.module for s in sources), key=lambda m: m.id)
    return Landscape(
        title=frame.file.title,
        description=frame.file.description,
        layers=tuple(frame.file.layers),
        standards={s.id: s for s in frame.file.standards},
        organisations={o.id: o for o in frame.organisations},
        modules={m.id: m for m in modules},
    )


def load_landscape(model_dir: Path | str) -> Landscape:
    """The landscape of a model folder that must be free of errors.

    Raises:
        ModelError: the model has errors (the exception lists them).
    """
    result = check_model(model_dir)
    if result.landscape is None:
        raise ModelError(result.problems)
    return result.landscape


class ModelError(Exception):
    """A model with errors; ``problems`` lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in errors) or "the model has errors")


__all__ = ["CheckResult", "ModelError", "check_model", "load_landscape"]
