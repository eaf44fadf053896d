"""Reading the GEMMA CSV exports into typed records.

The four files of ``../shared/data/gemma`` (see its SOURCE.txt): reference
components, the flows between them, which component realises which standard,
and the standards. Every problem with the input is a :class:`GemmaError` naming
the file and, where possible, the line: never a traceback, never a guess.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
"""A CSV file larger than this is refused (the real exports are under 100 KB)."""

COMPONENTS_FILE = "referentiecomponenten.csv"
FLOWS_FILE = "component_flows.csv"
REALISATIONS_FILE = "component_realiseert_standaard.csv"
STANDARDS_FILE = "standaarden.csv"

COLUMNS: dict[str, tuple[str, ...]] = {
    COMPONENTS_FILE: (
        "id", "naam", "gemma_type", "gemma_status", "groep", "beschrijving", "toelichting",
    ),
    FLOWS_FILE: ("relatie", "label", "bron_id", "bron", "doel_id", "doel"),
    REALISATIONS_FILE: ("component_id", "component", "standaard_id", "standaard"),
    STANDARDS_FILE: ("id", "naam", "gemma_status", "beheerder", "beschrijving"),
}
"""The columns each file must have (in any order; more columns are ignored)."""


class GemmaError(Exception):
    """Bad input: one line naming the file (and line) and what is wrong."""


@dataclass(frozen=True)
class Component:
    """A GEMMA reference component or national facility (a row of referentiecomponenten.csv)."""

    id: str
    name: str
    type: str
    status: str
    group: str
    description: str
    explanation: str
    line: int


@dataclass(frozen=True)
class Relation:
    """A relation between two application components (a row of component_flows.csv)."""

    kind: str
    label: str
    source_id: str
    source: str
    target_id: str
    target: str
    line: int


@dataclass(frozen=True)
class Realisation:
    """A component realises a standard (a row of component_realiseert_standaard.csv)."""

    component_id: str
    standard_id: str
    line: int


@dataclass(frozen=True)
class GemmaStandard:
    """A GEMMA standard (a row of standaarden.csv)."""

    id: str
    name: str
    status: str
    steward: str
    description: str
    line: int


@dataclass(frozen=True)
class GemmaData:
    """The four exports, read and cross-checked."""

    components: tuple[Component, ...]
    relations: tuple[Relation, ...]
    realisations: tuple[Realisation, ...]
    standards: tuple[GemmaStandard, ...]


def _decode(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise GemmaError(f"{path}: file is missing") from None
    except IsADirectoryError:
        raise GemmaError(f"{path}: is a folder, not a CSV file") from None
    except OSError as exc:
        raise GemmaError(f"{path}: cannot read file: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise GemmaError(f"{path}: file is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GemmaError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); export it as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise GemmaError(f"{path}:{line}: NUL byte: this is not a CSV text file")
    return text.removeprefix("\ufeff")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows of one CSV file as ``(first line, {column: value})``, checked for shape."""
    reader = csv.reader(io.StringIO(_decode(path), newline=""), strict=True)
    try:
        header = next(reader, None)
        if not header or header == [""]:
            raise GemmaError(f"{path}: file is empty (expected a header line)")
        wanted = COLUMNS[path.name]
        missing = [c for c in wanted if c not in header]
        if missing:
            raise GemmaError(
                f"{path}:1: missing column(s) {', '.join(missing)}; "
                f"expected {','.join(wanted)}"
            )
        index = {name: header.index(name) for name in wanted}
        line = reader.line_num + 1
        for fields in reader:
            if fields and len(fields) != len(header):
                raise GemmaError(
                    f"{path}:{line}: expected {len(header)} fields, found {len(fields)}"
                )
            if fields:
                yield line, {name: fields[i].strip() for name, i in index.items()}
            line = reader.line_num + 1
    except csv.Error as exc:
        raise GemmaError(f"{path}:{reader.line_num}: malformed CSV: {exc}") from None


def _required(path: Path, line: int, row: dict[str, str], *names: str) -> None:
    for name in names:
        if not row[name]:
            raise GemmaError(f"{path}:{line}: column '{name}' is empty")


def _first(path: Path, line: int, row_id: str, seen: dict[str, int]) -> None:
    """Record that ``row_id`` is on ``line``; a second time is an error naming the first."""
    if row_id in seen:
        raise GemmaError(f"{path}:{line}: duplicate id {row_id} (first on line {seen[row_id]})")
    seen[row_id] = line


def read_gemma(folder: Path) -> GemmaData:
    """Read the four GEMMA exports of ``folder``.

    Raises:
        GemmaError: the folder or a file is missing, a file is not UTF-8, not CSV,
            lacks a column, has a row of the wrong length, an empty id or name, or a
            duplicate id.
    """
    if not folder.is_dir():
        raise GemmaError(f"{folder}: GEMMA folder does not exist")
    components: list[Component] = []
    seen: dict[str, int] = {}
    path = folder / COMPONENTS_FILE
    for line, row in _rows(path):
        _required(path, line, row, "id", "naam")
        _first(path, line, row["id"], seen)
        components.append(
            Component(
                row["id"], " ".join(row["naam"].split()), row["gemma_type"],
                row["gemma_status"], row["groep"], row["beschrijving"], row["toelichting"],
                line,
            )
        )
    relations = []
    path = folder / FLOWS_FILE
    for line, row in _rows(path):
        _required(path, line, row, "relatie", "bron_id", "doel_id")
        relations.append(
            Relation(
                row["relatie"], " ".join(row["label"].split()), row["bron_id"],
                " ".join(row["bron"].split()), row["doel_id"], " ".join(row["doel"].split()),
                line,
            )
        )
    realisations = []
    path = folder / REALISATIONS_FILE
    for line, row in _rows(path):
        _required(path, line, row, "component_id", "standaard_id")
        realisations.append(Realisation(row["component_id"], row["standaard_id"], line))
    standards = []
    seen = {}
    path = folder / STANDARDS_FILE
    for line, row in _rows(path):
        _required(path, line, row, "id", "naam")
        _first(path, line, row["id"], seen)
        standards.append(
            GemmaStandard(
                row["id"], " ".join(row["naam"].split()), row["gemma_status"],
                row["beheerder"], row["beschrijving"], line,
            )
        )
    return GemmaData(tuple(components), tuple(relations), tuple(realisations), tuple(standards))
