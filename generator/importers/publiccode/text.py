"""The YAML text the publiccode importer writes: a new module file, fields added to
an editor's module file, municipalities added to organisations.yaml.

An editor's file is changed only by adding lines: a missing top-level key is
appended at the end, a missing key of an existing ``links`` block is added at the
end of that block, and a key written empty on one line (``consumers: []``) has that
one line replaced. Every result is parsed again and must read as the old content
plus exactly the added values; otherwise the field is not filled.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ... import municipalities
from ...model.yamlload import LoadError, MDict, MList, parse
from ..municipalities import MUNICIPALITIES_HEADING, OTHERS_HEADING, flow_entry
from ..yamltext import block, scalar

FIELD_ORDER = (
    "name", "layer", "summary", "description", "status", "owner", "partners", "consumers",
    "depends_on", "standards", "links", "history",
)
"""The order of the keys of a new module file, as in the shipped ones."""

_HEADINGS = frozenset(MUNICIPALITIES_HEADING + OTHERS_HEADING)

LINK_ORDER = ("website", "repository", "documentation", "publiccode", "contact")


class CannotAdd(Exception):
    """A field cannot be added to an editor's text without rewriting it."""


def value_lines(key: str, value: Any, indent: str = "") -> list[str]:
    """The lines of ``key: value`` at ``indent``."""
    inner = indent + "  "
    if isinstance(value, dt.date):
        return [f"{indent}{key}: {value.isoformat()}"]
    if isinstance(value, str):
        text = block(value, inner) if "\n" in value else scalar(value)
        return f"{indent}{key}: {text}".split("\n")
    if isinstance(value, dict):
        lines = [f"{indent}{key}:"]
        for sub in sorted(value, key=lambda k: ((*LINK_ORDER, k)).index(k)):
            lines += value_lines(sub, value[sub], inner)
        return lines
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]"]
    if isinstance(value, list):
        lines = [f"{indent}{key}:"]
        for item in value:
            pairs = [f"{k}: {_item(v)}" for k, v in item.items()]
            lines.append(f"{inner}- {pairs[0]}")
            lines += [f"{inner}  {pair}" for pair in pairs[1:]]
        return lines
    raise TypeError(f"cannot write {key!r}: {type(value).__name__}")  # pragma: no cover


def _item(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else scalar(str(value))


def module_text(header: str, fields: dict[str, Any]) -> str:
    """A new module file: the schema header, then ``fields`` in the usual order."""
    lines = [header]
    for key in sorted(fields, key=lambda k: ((*FIELD_ORDER, k)).index(k)):
        lines += value_lines(key, fields[key])
    return "\n".join(lines) + "\n"


_EMPTY_LINE = r"^{key}:\s*(\[\s*\]|\{{\s*\}}|null|~|''|\"\")?\s*(#.*)?$"


def add_fields(text: str, raw: MDict, additions: dict[str, Any]) -> tuple[str, list[str]]:
    """``text`` with ``additions`` added; nested ``links`` keys are added into an
    existing ``links`` block. Returns the text and the keys that could not be added
    without rewriting the editor's text (left out)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    skipped: list[str] = []
    appended: list[str] = []
    edits: list[tuple[int, int, list[str]]] = []  # (first line, lines replaced, new lines)
    for key, value in additions.items():
        existing = raw.get(key)
        if key not in raw:
            appended += value_lines(key, value)
            continue
        line_no = raw.key_marks[key].line - 1
        if isinstance(value, dict) and isinstance(existing, MDict) and existing:
            if raw.value_marks[key].line - 1 == line_no:  # a flow mapping: {website: ...}
                skipped += [f"{key}.{sub}" for sub in value]
                continue
            column = existing.mark.column - 1
            end = line_no
            for i in range(line_no + 1, len(lines)):
                stripped = lines[i].strip()
                if not stripped or stripped.startswith("#"):
                    continue
                if lines[i][0] in " \t":
                    end = i
                else:
                    break
            new = [line for sub, v in value.items() for line in value_lines(sub, v, " " * column)]
            edits.append((end + 1, 0, new))
            continue
        if re.match(_EMPTY_LINE.format(key=re.escape(key)), lines[line_no]) and not existing:
            edits.append((line_no, 1, value_lines(key, value)))
            continue
        skipped.append(key)
    for first, replaced, new in sorted(edits, reverse=True):  # bottom up: line numbers hold
        lines[first : first + replaced] = new
    lines += appended
    result = "\n".join(lines) + "\n"
    expected = _expected(raw, {k: v for k, v in additions.items() if k not in skipped}, skipped)
    try:
        got = parse(result)
    except LoadError:
        got = None
    if got != expected:
        raise CannotAdd(", ".join(additions))
    return result, skipped


def _read_back(key: str, value: Any) -> Any:
    """``value`` as the lines written for it read back (a block scalar ends in a newline)."""
    return parse("\n".join(value_lines(key, value)) + "\n")[key]


def _expected(raw: MDict, additions: dict[str, Any], skipped: list[str]) -> dict[str, Any]:
    expected: dict[str, Any] = dict(raw)
    for key, value in additions.items():
        if isinstance(value, dict):
            kept = {k: _read_back(k, v) for k, v in value.items() if f"{key}.{k}" not in skipped}
            if kept:
                expected[key] = {**(raw.get(key) or {}), **kept}
        else:
            expected[key] = _read_back(key, value)
    return expected


def add_municipalities(text: str, raw: MList, codes: list[str]) -> str:
    """organisations.yaml with the municipalities ``codes`` added, one line each, in
    name order among the municipalities listed (after the last one if none follows).

    Raises:
        CannotAdd: the list is not written as items at the start of a line.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    expected = list(raw)
    entries = [(i, item) for i, item in enumerate(raw) if isinstance(item, MDict)]
    if any(raw.item_marks[i].column != 3 for i, _ in entries):
        raise CannotAdd("organisations.yaml")
    for code in sorted(codes, key=lambda c: municipalities.normalise(_name(c)), reverse=True):
        key = municipalities.normalise(_name(code))
        municipal = [
            (i, item) for i, item in enumerate(expected)
            if isinstance(item, dict) and item.get("kind") == "municipality"
        ]
        following = [i for i, item in municipal if municipalities.normalise(str(item.get("name", ""))) > key]
        entry = {"id": code, "name": _name(code), "kind": "municipality"}
        if following:
            index = following[0]
            at = _start_line(lines, _item_line(lines, index))
        elif municipal:
            index = municipal[-1][0] + 1
            at = _after_item(lines, _item_line(lines, municipal[-1][0]))
        else:
            index = len(expected)
            at = len(lines)
        lines[at:at] = [flow_entry(municipalities.table()[code])]
        expected.insert(index, entry)
    result = "\n".join(lines) + "\n"
    try:
        if parse(result) != expected:
            raise CannotAdd("organisations.yaml")
    except LoadError:
        raise CannotAdd("organisations.yaml") from None
    return result


def _name(code: str) -> str:
    return municipalities.table()[code].name


def _item_line(lines: list[str], index: int) -> int:
    """The 0-based line of list item ``index`` in the current ``lines``."""
    current = parse("\n".join(lines) + "\n")
    assert isinstance(current, MList)
    return current.item_marks[index].line - 1


def _start_line(lines: list[str], line: int) -> int:
    """Where an item starting at ``line`` begins, with the comment lines just above it
    (not the section headings ``import municipalities`` writes)."""
    while line > 0 and lines[line - 1].startswith("#") and lines[line - 1] not in _HEADINGS:
        line -= 1
    return line


def _after_item(lines: list[str], line: int) -> int:
    """The line after the item starting at ``line`` (its indented continuation lines)."""
    end = line + 1
    while end < len(lines) and lines[end][:1] in (" ", "\t"):
        end += 1
    return end
