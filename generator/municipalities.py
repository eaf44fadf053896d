"""The Dutch municipalities of 2025 and the former municipality codes.

A table derived from public data (CBS / PDOK boundaries of 2025 and RvIG table 33)
by ``scripts/derive_municipalities.py`` into ``generator/data/gemeenten.csv``. It
imports only the standard library and reads the asset on first use, so
``retratstoliped check`` stays fast.

Table 33 ends on 2022-01-01: a code merged away from 2023 on (Brielle into Voorne
aan Zee) is known as "not a municipality of 2025", without a successor.

Names are matched after folding spelling (``normalise``): case, diacritics
("Súdwest-Fryslân"), apostrophes ("'s-Hertogenbosch" = "s-Hertogenbosch"),
hyphens, dots and spaces, and a leading "Gemeente" or "City of". A few common
names that are not the official one are known aliases ("Den Haag" is
"'s-Gravenhage"). ``match`` never guesses: an unknown or ambiguous name ("Bergen",
two municipalities) gives ``None``, and ``closest`` names the candidates.
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

#: Names in common use that are not the official (CBS) name, by code.
ALIASES: dict[str, tuple[str, ...]] = {
    "gm0518": ("Den Haag", "The Hague"),
    "gm0796": ("Den Bosch",),
    "gm0820": ("Nuenen",),  # officially "Nuenen, Gerwen en Nederwetten"
}

#: The provinces behind the short qualifiers in official names: "Bergen (NH.)" is
#: also found as "Bergen (Noord-Holland)".
QUALIFIERS: dict[str, str] = {
    "nh": "noord holland",
    "zh": "zuid holland",
    "l": "limburg",
    "z": "zeeland",
    "o": "overijssel",
}

#: Words before the name that say "the municipality of".
PREFIXES = ("gemeente ", "gem ", "city of ", "municipality of ", "the municipality of ")

_APOSTROPHES = "'’‘`´ʼ"
_QUALIFIED = re.compile(r"^(?P<base>.+?)\s*\((?P<qualifier>[^)]*)\)$")


@dataclass(frozen=True)
class Municipality:
    """A municipality code with its name; ``current`` for the municipalities of 2025."""

    code: str
    """CBS code in lower case, as organisation id: ``gm0363``."""
    name: str
    """Official name (CBS spelling for 2025, table 33 for former codes)."""
    current: bool
    """Whether it is one of the 342 municipalities of 2025."""
    successor: str = ""
    """For a former code: the municipality of 2025 it went into, "" when unknown."""
    ended: str = ""
    """For a former code: the date it ended (ISO), "" when table 33 does not know."""


def normalise(name: str) -> str:
    """``name`` folded for comparison: lower case, no diacritics, apostrophes or dots,
    words separated by one space, without a leading "Gemeente" or "City of"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate({ord(ch): None for ch in _APOSTROPHES + "."})
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
    for prefix in PREFIXES:
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
            break
    return text


@functools.cache
def table() -> dict[str, Municipality]:
    """Every known code -> its municipality: the 342 of 2025 first, then former codes."""
    text = resources.files("generator").joinpath("data/gemeenten.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        row["code"]: Municipality(
            code=row["code"],
            name=row["naam"],
            current=row["status"] == "2025",
            successor=row["opvolger"],
            ended=row["einde"],
        )
        for row in rows
    }


def current() -> list[Municipality]:
    """The 342 municipalities of 2025, by code."""
    return [m for m in table().values() if m.current]


def lookup(code: str) -> Municipality | None:
    """The municipality (of 2025 or former) with CBS code ``code`` (any case), if known."""
    return table().get(code.lower())


def successor(code: str) -> Municipality | None:
    """The municipality of 2025 a former code went into, when table 33 knows it."""
    found = lookup(code)
    if found is None or found.current or not found.successor:
        return None
    return table()[found.successor]


def former(name: str) -> list[Municipality]:
    """The former municipalities (not of 2025) called ``name``, in any spelling; an
    importer can say "Weesp is no longer a municipality" instead of "unknown"."""
    key = normalise(name)
    return [m for m in table().values() if not m.current and normalise(m.name) == key]


def accepted_names(code: str) -> list[str]:
    """The normalised names that stand for ``code``: official, aliases, with the
    qualifier spelled out, and the name without its qualifier when that is unique."""
    return list(_names_by_code().get(code, ()))


def match(name: str) -> str | None:
    """The code of the municipality of 2025 called ``name``, in any accepted spelling;
    ``None`` when no municipality or more than one has that name."""
    codes = _index().get(normalise(name), ())
    return codes[0] if len(codes) == 1 else None


def closest(name: str, n: int = 3) -> list[Municipality]:
    """Up to ``n`` municipalities of 2025 whose names come closest to ``name``, best
    first (all of them when ``name`` is ambiguous)."""
    index = _index()
    key = normalise(name)
    found: list[str] = list(index.get(key, ()))
    for near in difflib.get_close_matches(key, list(index), n=3 * n + len(found), cutoff=0.6):
        found.extend(code for code in index[near] if code not in found)
    everything = table()
    return [everything[code] for code in found[: max(n, len(index.get(key, ())))]]


def display_name_fits(code: str, name: str) -> bool:
    """Whether ``name`` is an acceptable display name for municipality ``code``: it
    matches the code, or contains one of its accepted names as whole words
    ("Den Haag ('s-Gravenhage)" for gm0518)."""
    if match(name) == code:
        return True
    words = f" {normalise(name)} "
    return any(f" {key} " in words for key in accepted_names(code))


@functools.cache
def _names_by_code() -> dict[str, tuple[str, ...]]:
    """Code -> the normalised names that mean it and no other municipality."""
    names: dict[str, list[str]] = {}
    for key, codes in _index().items():
        if len(codes) == 1:
            names.setdefault(codes[0], []).append(key)
    return {code: tuple(keys) for code, keys in names.items()}


@functools.cache
def _index() -> dict[str, tuple[str, ...]]:
    """Normalised name -> the codes of 2025 it can mean (more than one: ambiguous)."""
    index: dict[str, list[str]] = {}

    def add(key: str, code: str) -> None:
        codes = index.setdefault(key, [])
        if code not in codes:
            codes.append(code)

    for municipality in current():
        code = municipality.code
        add(normalise(municipality.name), code)
        qualified = _QUALIFIED.match(municipality.name)
        if qualified:
            base = normalise(qualified["base"])
            add(base, code)
            long_form = QUALIFIERS.get(normalise(qualified["qualifier"]))
            if long_form:
                add(f"{base} {long_form}", code)
        for alias in ALIASES.get(code, ()):
            add(normalise(alias), code)
    return {key: tuple(codes) for key, codes in sorted(index.items())}
