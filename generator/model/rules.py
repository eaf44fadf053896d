"""The cross-file rules of MODEL.md (2 to 8, and 10), on entities that passed the schema.

Each rule is a small function yielding located problems. Rules only look at
what loaded: a module whose file failed its schema still counts as an existing
id for references, so one typo does not cascade into many messages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .entities import LandscapeFile, Module, Organisation
from .graphalgo import cycles, island_pieces
from .locate import Locator, did_you_mean
from .problems import Problem
from .statuses import ALWAYS_WEAK_TARGETS, MAY_HAVE_CONSUMERS, NEEDS_OWNER, is_weak_dependency

if TYPE_CHECKING:
    from ..municipalities import Municipality

_CBS_CODE = re.compile(r"gm\d{4}")


@dataclass
class Frame:
    """What loaded of landscape.yaml and organisations.yaml (None where it failed)."""

    file: LandscapeFile | None = None
    landscape_at: Locator | None = None
    organisations: list[Organisation] | None = None
    organisations_at: Locator | None = None


@dataclass(frozen=True, slots=True)
class ModuleSource:
    """A validated module and the file it came from."""

    module: Module
    at: Locator
    dropped: frozenset[str] = frozenset()
    """Fields left out because they failed the schema (already reported)."""

    @property
    def partial(self) -> bool:
        """Whether any field was left out."""
        return bool(self.dropped)


@dataclass(frozen=True)
class _Ids:
    layers: set[str] | None
    standards: set[str] | None
    organisations: set[str] | None
    modules: set[str]


def check_rules(
    frame: Frame, sources: list[ModuleSource], module_ids: set[str], today: dt.date
) -> list[Problem]:
    """Every cross-file problem of the model."""
    ids = _Ids(
        layers={layer.id for layer in frame.file.layers} if frame.file else None,
        standards={s.id for s in frame.file.standards} if frame.file else None,
        organisations={o.id for o in frame.organisations} if frame.organisations is not None else None,
        modules=module_ids,
    )
    problems = list(_frame_rules(frame, ids))
    by_id = {s.module.id: s for s in sources}
    for source in sources:
        problems += _references(source, ids)
        problems += _duplicates(source)
        problems += _status(source)
        problems += _compatibility(source, by_id, ids)
        problems += _weak_dependencies(source, by_id)
        problems += _history(source, today)
    problems += _graph_rules(sources, by_id)
    return problems


def _unknown(at: Locator, loc: tuple, what: str, value: str, kind: str, known: set[str]) -> Problem:
    hint = did_you_mean(value, sorted(known), cutoff=0.0) if known else ""
    return at.problem(loc, "unknown-reference", f"{what} '{value}' is not a known {kind}{hint}")


def _repeats(at: Locator, values: Iterable[tuple[tuple, str]], where: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for loc, value in values:
        if value in seen:
            yield at.problem(loc, "duplicate-entry", f"'{value}' appears more than once in {where}")
        seen.add(value)


def _frame_rules(frame: Frame, ids: _Ids) -> Iterator[Problem]:
    if frame.file and frame.landscape_at:
        at = frame.landscape_at
        yield from _repeats(
            at, ((("layers", i, "id"), x.id) for i, x in enumerate(frame.file.layers)), "layers"
        )
        yield from _repeats(
            at,
            ((("standards", i, "id"), x.id) for i, x in enumerate(frame.file.standards)),
            "standards",
        )
        if ids.organisations is not None:
            for i, standard in enumerate(frame.file.standards):
                if standard.steward and standard.steward not in ids.organisations:
                    yield _unknown(
                        at, ("standards", i, "steward"), "steward", standard.steward,
                        "organisation", ids.organisations,
                    )
    if frame.organisations is not None and frame.organisations_at:
        yield from _repeats(
            frame.organisations_at,
            (((i, "id"), o.id) for i, o in enumerate(frame.organisations)),
            "organisations",
        )
        for i, organisation in enumerate(frame.organisations):
            yield from _municipality(frame.organisations_at, i, organisation)


def _municipality(at: Locator, i: int, org: Organisation) -> Iterator[Problem]:
    """Rule 10: municipalities by their CBS code, checked against the table of 2025."""
    from .. import municipalities as table

    shaped = bool(_CBS_CODE.fullmatch(org.id))
    if org.kind != "municipality":
        if shaped:
            yield at.problem(
                (i, "kind"),
                "municipality-kind",
                f"'{org.id}' is a municipality code; give it kind 'municipality' or another id",
            )
        return
    if not shaped:
        code = table.match(org.name)
        hint = f" ({org.name} is '{code}')" if code else ""
        yield at.problem(
            (i, "id"),
            "municipality-id",
            f"a municipality has its CBS code as id, like 'gm0363' for Amsterdam; "
            f"'{org.id}' is not one{hint}",
        )
        return
    found = table.lookup(org.id)
    if found is None:
        near = table.closest(org.name, n=1)
        hint = f" (did you mean '{near[0].code}' for {near[0].name}?)" if near else ""
        yield at.warning(
            (i, "id"),
            "municipality-unknown",
            f"'{org.id}' is not a municipality code in the table of 2025{hint}",
        )
    elif not found.current:
        yield at.warning((i, "id"), "municipality-merged", _merged_message(found, table.successor(org.id)))
    elif not table.display_name_fits(org.id, org.name):
        other = table.match(org.name)
        hint = f" ({org.name} is '{other}')" if other and other != org.id else ""
        yield at.warning(
            (i, "name"),
            "municipality-name",
            f"name '{org.name}' does not match '{org.id}', which is {found.name}; "
            f"use that name or one that contains it{hint}",
        )


def _merged_message(former: Municipality, successor: Municipality | None) -> str:
    if not former.ended:
        return (
            f"'{former.code}' ({former.name}) is not a municipality of 2025; it merged after "
            "2022-01-01, where RvIG table 33 ends, so its successor is not known"
        )
    then = f"successor: '{successor.code}' ({successor.name})" if successor else "no successor is known"
    return f"'{former.code}' ({former.name}) is no longer a municipality since {former.ended[:4]}; {then}"


def _references(source: ModuleSource, ids: _Ids) -> Iterator[Problem]:
    m, at = source.module, source.at
    if ids.layers is not None and m.layer not in ids.layers:
        yield _unknown(at, ("layer",), "layer", m.layer, "layer", ids.layers)
    if (orgs := ids.organisations) is not None:
        if m.owner and m.owner not in orgs:
            yield _unknown(at, ("owner",), "owner", m.owner, "organisation", orgs)
        for i, partner in enumerate(m.partners):
            if partner.org not in orgs:
                yield _unknown(at, ("partners", i, "org"), "partner", partner.org, "organisation", orgs)
        for i, consumer in enumerate(m.consumers):
            if consumer.org not in orgs:
                yield _unknown(at, ("consumers", i), "consumer", consumer.org, "organisation", orgs)
        for i, org in enumerate(m.interested):
            if org not in orgs:
                yield _unknown(at, ("interested", i), "interested party", org, "organisation", orgs)
    for i, dep in enumerate(m.depends_on):
        if dep.module not in ids.modules:
            yield _unknown(at, ("depends_on", i), "dependency", dep.module, "module", ids.modules)
    if (standards := ids.standards) is not None:
        for i, dep in enumerate(m.depends_on):
            if dep.via and dep.via not in standards:
                yield _unknown(at, ("depends_on", i, "via"), "via", dep.via, "standard", standards)
        for i, standard in enumerate(m.standards):
            if standard not in standards:
                yield _unknown(at, ("standards", i), "standard", standard, "standard", standards)


def _duplicates(source: ModuleSource) -> Iterator[Problem]:
    m, at = source.module, source.at
    yield from _repeats(at, ((("partners", i), p.org) for i, p in enumerate(m.partners)), "partners")
    yield from _repeats(at, ((("consumers", i), c.org) for i, c in enumerate(m.consumers)), "consumers")
    yield from _repeats(at, ((("interested", i), o) for i, o in enumerate(m.interested)), "interested")
    yield from _repeats(
        at, ((("depends_on", i), d.module) for i, d in enumerate(m.depends_on)), "depends_on"
    )
    yield from _repeats(at, ((("standards", i), s) for i, s in enumerate(m.standards)), "standards")
    consumers = {c.org for c in m.consumers}
    for i, org in enumerate(m.interested):
        if org in consumers:
            yield at.problem(
                ("interested", i),
                "consumer-and-interested",
                f"'{org}' is both a consumer and interested; an adopter is no longer only interested",
            )
    for i, dep in enumerate(m.depends_on):
        if dep.module == m.id:
            yield at.problem(("depends_on", i), "self-dependency", f"'{m.id}' depends on itself")


def _status(source: ModuleSource) -> Iterator[Problem]:
    m, at = source.module, source.at
    if m.status == "out-of-scope":
        if not m.reason and "reason" not in source.dropped:
            yield at.problem(
                ("status",), "status-rule", "an out-of-scope module needs a 'reason'"
            )
        for key in ("owner", "partners", "consumers", "depends_on"):
            if getattr(m, key):
                yield at.problem(
                    (key,), "status-rule", f"an out-of-scope module has no '{key}'", key=True
                )
        return
    if m.reason:
        yield at.problem(
            ("reason",), "status-rule", "'reason' is only for out-of-scope modules", key=True
        )
    if m.status == "wanted" and m.owner:
        yield at.problem(
            ("owner",),
            "status-rule",
            "a wanted module has no owner yet; change the status to 'claimed' or remove the owner",
            key=True,
        )
    if m.status in NEEDS_OWNER and not m.owner and "owner" not in source.dropped:
        yield at.problem(("status",), "status-rule", f"a module with status '{m.status}' needs an owner")
    if m.consumers and m.status not in MAY_HAVE_CONSUMERS:
        yield at.problem(
            ("consumers",),
            "status-rule",
            f"only available or retired modules have consumers, this one is '{m.status}'",
            key=True,
        )


def _compatibility(
    source: ModuleSource, by_id: dict[str, ModuleSource], ids: _Ids
) -> Iterator[Problem]:
    m, at = source.module, source.at
    for i, dep in enumerate(m.depends_on):
        target = by_id.get(dep.module)
        if not dep.via or not target or (ids.standards is not None and dep.via not in ids.standards):
            continue  # an unknown module or standard is reported as a reference
        if dep.via not in target.module.standards:
            yield at.problem(
                ("depends_on", i, "via"),
                "incompatible",
                f"'{dep.module}' does not implement standard '{dep.via}'; add it to the "
                f"standards of '{dep.module}' or choose another via",
            )


def _weak_dependencies(source: ModuleSource, by_id: dict[str, ModuleSource]) -> Iterator[Problem]:
    m, at = source.module, source.at
    for i, dep in enumerate(m.depends_on):
        target = by_id.get(dep.module)
        if not target or target.module.id == m.id:
            continue
        status = target.module.status
        if is_weak_dependency(m.status, status):
            hint = (
                "; an available module depends only on available ones"
                if m.status == "available" and status not in ALWAYS_WEAK_TARGETS
                else ""
            )
            yield at.warning(
                ("depends_on", i),
                "weak-dependency",
                f"depends on '{dep.module}', which is {status}{hint}",
            )


def _history(source: ModuleSource, today: dt.date) -> Iterator[Problem]:
    m, at = source.module, source.at
    previous: dt.date | None = None
    for i, entry in enumerate(m.history):
        if entry.date > today:
            yield at.problem(
                ("history", i, "date"),
                "history-future",
                f"history date {entry.date.isoformat()} is in the future",
            )
        if previous and entry.date < previous:
            yield at.problem(
                ("history", i, "date"),
                "history-order",
                f"history date {entry.date.isoformat()} comes before the previous entry "
                f"({previous.isoformat()}); list history oldest first",
            )
        previous = entry.date
    if m.history and m.history[-1].status != m.status:
        yield at.problem(
            ("history", len(m.history) - 1, "status"),
            "history-status",
            f"the last history entry has status '{m.history[-1].status}', "
            f"but the module's status is '{m.status}'",
        )
    yield from _adopted_before_available(source)


def _adopted_before_available(source: ModuleSource) -> Iterator[Problem]:
    """Rule 8, warning: a consumer's ``since`` before the first ``available`` entry."""
    m, at = source.module, source.at
    offered = next((entry.date for entry in m.history if entry.status == "available"), None)
    if offered is None:
        return
    for i, consumer in enumerate(m.consumers):
        if consumer.since and consumer.since < offered:
            yield at.warning(
                ("consumers", i, "since"),
                "adopted-before-available",
                f"consumer '{consumer.org}' adopted it on {consumer.since.isoformat()}, before "
                f"its first 'available' history entry ({offered.isoformat()}); correct "
                "'since' or the history",
            )


def _graph_rules(sources: list[ModuleSource], by_id: dict[str, ModuleSource]) -> Iterator[Problem]:
    # {module: {dependency: index of its first depends_on entry}}, in file order
    succ: dict[str, dict[str, int]] = {}
    for source in sources:
        m = source.module
        edges = succ.setdefault(m.id, {})
        for i, dep in enumerate(m.depends_on):
            if dep.module in by_id and dep.module != m.id:
                edges.setdefault(dep.module, i)
    yield from _cycles(succ, by_id)
    yield from _islands(succ, by_id)


def _cycles(succ: dict[str, dict[str, int]], by_id: dict[str, ModuleSource]) -> Iterator[Problem]:
    for cycle in cycles(succ):
        start = cycle[0]
        yield by_id[start].at.problem(
            ("depends_on", succ[start][cycle[1]]),
            "dependency-cycle",
            "dependency cycle: " + " -> ".join(cycle),
        )


def _islands(succ: dict[str, dict[str, int]], by_id: dict[str, ModuleSource]) -> Iterator[Problem]:
    in_scope = [n for n in succ if by_id[n].module.status != "out-of-scope"]
    for piece in island_pieces(succ, in_scope):
        if any(by_id[n].partial for n in piece):
            continue  # its dependencies may be among the fields that failed
        if len(piece) == 1:
            (module_id,) = piece
            yield by_id[module_id].at.warning(
                (),
                "island",
                f"'{module_id}' is an island: it depends on no module and no module depends on it",
            )
        else:
            members = sorted(piece)
            yield by_id[members[0]].at.warning(
                (),
                "island",
                f"'{members[0]}' and {len(members) - 1} more ({', '.join(members[1:6])}"
                f"{', ...' if len(members) > 6 else ''}) form an island, "
                "not connected to the rest of the landscape",
            )

