"""Problems found in a model: located, with a severity and a stable code."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One located problem, printed as ``path:line:col: severity: message``."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"


def has_errors(problems: Iterable[Problem], *, strict: bool = False) -> bool:
    """True when any problem is an error (or, under ``strict``, a warning)."""
    return any(p.severity == "error" or strict for p in problems)


def format_text(problems: list[Problem]) -> str:
    """Compiler-style lines, one per problem."""
    return "".join(f"{p}\n" for p in problems)


def format_json(problems: list[Problem]) -> str:
    """A JSON list of objects with path, line, column, severity, code and message."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands, so a pull request shows them inline."""
    lines = []
    for p in problems:
        props = ",".join(
            [
                f"file={_gh_escape(p.path, prop=True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_gh_escape(p.code, prop=True)}",
            ]
        )
        lines.append(f"::{p.severity} {props}::{_gh_escape(p.message)}\n")
    return "".join(lines)


def summary(problems: list[Problem], files: int) -> str:
    """A one-line count, e.g. ``2 errors, 1 warning in 57 files``."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
