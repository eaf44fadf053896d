"""Every municipality of 2025 in organisations.yaml (``retratstoliped import municipalities``).

The file is merged as text, so every byte an editor wrote survives: each entry (a
list item at the start of a line, with the comment lines just above it) is kept
as written. The result has the file's own header, then a section with every
municipality, ordered by name (folded as ``municipalities.normalise`` does), the
ones missing added as one line each from the table of 2025, then a section with
the other parties in their own order. Running it again changes nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import municipalities as table
from ..atomic import write_atomically
from ..model.yamlload import LoadError, parse, read_text

FILE = "organisations.yaml"

MUNICIPALITIES_HEADING = [
    "# Gemeenten: alle gemeenten van 2025 (CBS), op naam. Ontbrekende gemeenten voegt",
    "# `retratstoliped import municipalities --write` toe; vul website en maintainers gerust aan.",
]
OTHERS_HEADING = ["# Overige partijen."]
_HEADINGS = {*MUNICIPALITIES_HEADING, *OTHERS_HEADING}
_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .()-]*[A-Za-zÀ-ÿ0-9.)]")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


class MergeError(Exception):
    """organisations.yaml cannot be merged; ``str()`` is a located message."""


@dataclass(frozen=True)
class Merge:
    """The merged text of organisations.yaml and what changed."""

    text: str
    added: list[table.Municipality]
    listed: int
    """How many municipalities of 2025 the file had already."""

    def report(self, path: str, *, written: bool) -> str:
        """What the merge adds, for the command line."""
        if not self.added:
            return f"{path}: all {self.listed} municipalities of 2025 are listed; nothing to add\n"
        first = sorted((m.name for m in self.added), key=table.normalise)
        names = ", ".join(first[:5]) + (", ..." if len(first) > 5 else "")
        verb = "added" if written else "would add"
        tail = "" if written else "; run with --write to write them"
        return (
            f"{path}: {verb} {len(self.added)} municipalities of 2025 ({names}); "
            f"{self.listed} were listed already{tail}\n"
        )


def flow_entry(municipality: table.Municipality) -> str:
    """One organisation on one line: ``- {id: gm1680, name: Aa en Hunze, kind: municipality}``."""
    name = municipality.name
    if not _PLAIN.fullmatch(name) or name.casefold() in _YAML_WORDS or ": " in name:
        name = json.dumps(name, ensure_ascii=False)
    return f"- {{id: {municipality.code}, name: {name}, kind: municipality}}"


def merge(text: str, shown: str = FILE) -> Merge:
    """``text`` of organisations.yaml with every municipality of 2025 in it.

    Raises:
        MergeError: the text is not YAML, not a list of mappings with an ``id``, or
            not written as list items at the start of a line.
    """
    try:
        data = parse(text)
    except LoadError as exc:
        raise MergeError(f"{shown}:{exc.mark.line}:{exc.mark.column}: error: {exc.message}") from None
    if not isinstance(data, list) or not all(isinstance(o, dict) and "id" in o for o in data):
        raise MergeError(f"{shown}:1:1: error: {FILE} must be a list of organisations, each with an id")
    header, chunks = _split(text)
    entries = [yaml.safe_load("".join(chunk)) for chunk in chunks]
    if len(entries) != len(data) or any(
        not isinstance(e, list) or len(e) != 1 or e[0] != d for e, d in zip(entries, data, strict=False)
    ):
        raise MergeError(
            f"{shown}:1:1: error: cannot merge: write each organisation as a list item "
            "('- id: ...') at the start of a line"
        )
    municipal: list[tuple[dict, list[str]]] = []
    others: list[tuple[dict, list[str]]] = []
    for chunk, org in zip(chunks, data, strict=True):
        (municipal if org.get("kind") == "municipality" else others).append((org, chunk))
    listed = {str(org["id"]) for org, _ in municipal}
    added = [m for m in table.current() if m.code not in listed]
    municipal += [
        ({"id": m.code, "name": m.name, "kind": "municipality"}, [flow_entry(m) + "\n"]) for m in added
    ]
    municipal.sort(key=lambda item: (table.normalise(str(item[0].get("name", ""))), str(item[0]["id"])))
    lines = list(header)
    if lines and lines[-1].strip():
        lines.append("\n")
    lines += [line + "\n" for line in MUNICIPALITIES_HEADING]
    for _, chunk in municipal:
        lines += chunk
    if others:
        lines += ["\n", *(line + "\n" for line in OTHERS_HEADING)]
        for _, chunk in others:
            lines += chunk
    merged = "".join(lines)
    expected = [org for org, _ in municipal] + [org for org, _ in others]
    if yaml.safe_load(merged) != expected:  # pragma: no cover - the text is built to read back so
        raise MergeError(f"{shown}:1:1: error: internal: the merged file does not read back the same")
    return Merge(merged, added, sum(1 for o in listed if (m := table.lookup(o)) and m.current))


def _split(text: str) -> tuple[list[str], list[list[str]]]:
    """The header (the comment lines at the top, up to the first blank line or entry)
    and the entries, each with the comment lines just above it. Blank lines and our
    headings between entries are dropped: the merge writes its own."""
    lines = [line + "\n" for line in text.splitlines()]
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        top += 1
    header = [line for line in lines[:top] if line.rstrip("\n") not in _HEADINGS]
    chunks: list[list[str]] = []
    pending: list[str] = []
    for line in lines[top:]:
        if line.rstrip("\n") in _HEADINGS:
            continue
        if line.startswith("-"):
            chunks.append([p for p in pending if p.strip()] + [line])
            pending = []
        elif not line.strip() or line.startswith("#") or not chunks:
            pending.append(line)
        else:  # a field of the entry above, with the lines between kept
            chunks[-1] += [*pending, line]
            pending = []
    if chunks:
        chunks[-1] += [p for p in pending if p.strip()]
    return header, chunks


def run(model_dir: Path, *, write: bool) -> str:
    """Merge the municipalities into ``model_dir/organisations.yaml``; the report.

    Raises:
        MergeError: bad input, as a located message.
    """
    path = Path(model_dir) / FILE
    shown = os.path.relpath(path) if not path.is_absolute() else str(path)
    try:
        text = read_text(path)
    except LoadError as exc:
        raise MergeError(f"{shown}:{exc.mark.line}:{exc.mark.column}: error: {exc.message}") from None
    result = merge(text, shown)
    if write and result.text != text:
        write_atomically(path, result.text)
    return result.report(shown, written=write)
