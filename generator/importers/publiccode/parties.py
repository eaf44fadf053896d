"""Names in a publiccode.yml file matched to organisations of the model.

A name is matched, in this order and never by a guess:

1. a municipality of 2025 in any accepted spelling (``generator.municipalities.match``:
   "Gemeente Den Haag", "City of Amsterdam", "Gemeente Súdwest-Fryslân"), listed in
   organisations.yaml or not (then the importer adds it, from the CBS table);
2. another organisation of organisations.yaml whose name, short name in brackets
   ("RvIG"), or id is the same name once folded (case, diacritics, punctuation and a
   trailing legal form: "Conduction B.V" is Conduction, "Ritense BV" is Ritense);
3. the one organisation (not a municipality) whose name starts with the name's
   words ("Maykin" is Maykin Media); two or more: no match.

Anything else is unknown: the importer reports it with the closest names and
does not create an organisation (its kind and id are not in the file).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ... import municipalities

LEGAL_FORMS = ("b v", "bv", "n v", "nv", "v o f", "vof", "inc", "ltd", "gmbh", "s r l", "srl")
"""Trailing words of a company name that are its legal form, folded."""

_PREFIX_MIN = 4
"""A name shorter than this (folded) matches no organisation by its first words."""


@dataclass(frozen=True)
class Organisation:
    """An organisation of organisations.yaml, as far as matching needs it."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Match:
    """A name matched to an organisation id, and how."""

    id: str
    how: str
    """``municipality``, ``name`` or ``first words``."""
    new_municipality: bool = False
    """A municipality of 2025 that organisations.yaml does not list yet."""


def fold(name: str) -> str:
    """``name`` for comparing organisations: lower case, no diacritics or punctuation,
    one space between words, without a trailing legal form."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())
    for form in LEGAL_FORMS:
        if text.endswith(f" {form}"):
            return text[: -len(form) - 1]
    return text


def _keys(org: Organisation) -> set[str]:
    keys = {fold(org.name), fold(org.id)}
    bracket = re.match(r"^(?P<long>.+?)\s*\((?P<short>[^()]+)\)$", org.name)
    if bracket:
        keys |= {fold(bracket["long"]), fold(bracket["short"])}
    return {k for k in keys if k}


class Directory:
    """The organisations of a model, for matching names from publiccode.yml files."""

    def __init__(self, organisations: list[Organisation]) -> None:
        self.by_id = {org.id: org for org in organisations}
        self._others = [org for org in organisations if org.kind != "municipality"]
        self._keys: dict[str, list[str]] = {}
        for org in self._others:
            for key in _keys(org):
                self._keys.setdefault(key, []).append(org.id)

    def find(self, name: str) -> Match | None:
        """The organisation ``name`` stands for, or None (unknown or ambiguous)."""
        code = municipalities.match(name)
        if code:
            return Match(code, "municipality", new_municipality=code not in self.by_id)
        key = fold(name)
        if not key:
            return None
        ids = self._keys.get(key, [])
        if len(set(ids)) == 1:
            return Match(ids[0], "name")
        if ids or len(key) < _PREFIX_MIN:
            return None
        starting = {org.id for org in self._others if fold(org.name).startswith(f"{key} ")}
        if len(starting) == 1:
            return Match(starting.pop(), "first words")
        return None

    def unknown(self, name: str) -> str:
        """Why ``name`` has no match, with the closest names: for a message."""
        same = _same_base(name)
        if len(same) > 1:
            return f"can be more than one municipality ({', '.join(m.name for m in same)})"
        former = municipalities.former(name)
        if former:
            old = former[0]
            after = municipalities.successor(old.code)
            into = f"; it went into {after.name} ({after.code})" if after else ""
            return f"is no longer a municipality{into}"
        near = [m.name for m in municipalities.closest(name)] if _municipal(name) else []
        folded = {fold(org.name): org.name for org in self._others}
        near += [folded[k] for k in difflib.get_close_matches(fold(name), list(folded), n=3, cutoff=0.6)]
        if _municipal(name):
            what = "is not a municipality of 2025"
        else:
            what = "is neither a municipality nor an organisation in organisations.yaml"
        return f"{what} (closest: {', '.join(near)})" if near else what


def _municipal(name: str) -> bool:
    """Whether ``name`` is written as a municipality ("Gemeente X", "City of X")."""
    folded = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(name)).split())
    return folded.startswith(("gemeente ", "gem ", "city of ", "municipality of "))


def _same_base(name: str) -> list[municipalities.Municipality]:
    """The municipalities of 2025 whose name, without its province qualifier, is ``name``:
    more than one for "Bergen" (Bergen (L.) and Bergen (NH.))."""
    key = municipalities.normalise(name)
    return [
        m for m in municipalities.current()
        if municipalities.normalise(re.sub(r"\s*\([^()]*\)$", "", m.name)) == key
    ]
