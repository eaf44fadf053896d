"""Turning a path inside a loaded file into a located :class:`Problem`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .problems import Problem, Severity
from .yamlload import Mark, MDict, MList

Loc = Sequence[str | int]


def locate(raw: Any, loc: Loc) -> Mark:
    """The mark of the deepest value along ``loc`` that exists in ``raw``."""
    mark = getattr(raw, "mark", Mark(1, 1))
    node = raw
    for part in loc:
        if isinstance(node, MDict) and isinstance(part, str) and part in node:
            mark, node = node.value_marks[part], node[part]
        elif isinstance(node, MList) and isinstance(part, int) and 0 <= part < len(node):
            mark, node = node.item_marks[part], node[part]
        else:
            break
    return mark


def locate_key(raw: Any, loc: Loc) -> Mark:
    """The mark of the key ``loc[-1]`` in the mapping at ``loc[:-1]``."""
    parent_loc, key = loc[:-1], loc[-1]
    node = raw
    for part in parent_loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return locate(raw, loc)
    if isinstance(node, MDict) and key in node.key_marks:
        return node.key_marks[key]
    return locate(raw, loc)


def dotted(loc: Loc) -> str:
    """``('partners', 0, 'role')`` -> ``partners[0].role``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate most like ``word``, if it is alike enough."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` or an empty string."""
    match = closest(word, candidates, cutoff=cutoff)
    return f" (did you mean '{match}'?)" if match else ""


@dataclass(frozen=True, slots=True)
class Locator:
    """Makes problems located in one loaded file."""

    path: str
    raw: Any

    def problem(
        self, loc: Loc, code: str, message: str, *, severity: Severity = "error", key: bool = False
    ) -> Problem:
        """A problem at the value (or with ``key``, the key) found at ``loc``."""
        mark = locate_key(self.raw, loc) if key and loc else locate(self.raw, loc)
        return Problem(self.path, mark.line, mark.column, severity, code, message)

    def warning(self, loc: Loc, code: str, message: str) -> Problem:
        """A warning at the value found at ``loc``."""
        return self.problem(loc, code, message, severity="warning")
