"""The landscape as it stood on a date: ``retratstoliped build --as-of`` and /voortgang/.

Only what the model dates is read back in time; everything else is taken as it is now:

- A module's status on a date is the status of its last ``history`` entry on or
  before that date. A module whose history starts later was not on the map yet: it
  is left out, and so is every dependency on it. A module without history is left
  out of every date too: the model does not say since when it is there.
- A consumer counts from its ``since``; a consumer without ``since`` counts from the
  module's first ``available`` entry (or its first ``retired`` one, when the history
  never says available): in both cases only while the status then allows adopters.
- What the status then forbids (rule 4) is dropped: a module that was ``wanted``
  has no owner, only ``available`` and ``retired`` ones have consumers, an
  ``out-of-scope`` one has no owner, partners, consumers or dependencies, and only
  an ``out-of-scope`` one has a ``reason`` (its own, or the note of the history
  entry that put it out of scope).
- Undated facts (the owner of a module that had one, partners, interest,
  dependencies on modules that existed, standards, texts, links) are as now. A
  module that needed an owner then but has none now (a claim withdrawn later) is
  shown without one: the model does not name it. That is the one case where the
  result breaks rule 4.
- The history is cut at the date, so the last entry's status is the status (rule 8).

The functions here are the one definition of "on a date": the as-of build and the
counts per quarter of /voortgang/ both use them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence

from .entities import Consumer, HistoryEntry, Module
from .landscape import Landscape
from .statuses import MAY_HAVE_CONSUMERS, NEEDS_OWNER

OUT_OF_SCOPE_REASON = "Buiten scope geplaatst; de geschiedenis noemt de reden niet."
"""The reason of a module that was out of scope then, when neither its ``reason``
(now) nor the note of that history entry gives one."""
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


class AsOfError(ValueError):
    """No landscape stood on the date asked for (it lies before every history entry)."""


def parse_day(value: object, today: dt.date) -> dt.date:
    """The date of an as-of build, from ``YYYY-MM-DD`` (or a date YAML already read).

    Raises:
        ValueError: not such a date, or after ``today`` (the landscape of the future
            is not in the model); the message says which.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    else:
        text = str(value).strip()
        try:
            if not _DAY.fullmatch(text):
                raise ValueError
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a valid date (YYYY-MM-DD)") from None
    if day > today:
        raise ValueError(f"{day.isoformat()} lies in the future; history runs up to today")
    return day


def status_on(module: Module, day: dt.date) -> str | None:
    """The module's status on ``day``; None when it was not on the map yet (or has
    no history: then the model does not say)."""
    status = None
    for entry in module.history:
        if entry.date > day:
            break
        status = entry.status
    return status


def statuses_on(module: Module, days: Sequence[dt.date]) -> list[str | None]:
    """:func:`status_on` for each of ``days`` (oldest first), in one walk of the history."""
    found: list[str | None] = []
    history, k, status = module.history, 0, None
    for day in days:
        while k < len(history) and history[k].date <= day:
            status = history[k].status
            k += 1
        found.append(status)
    return found


def consumer_on(consumer: Consumer, status: str | None, day: dt.date) -> bool:
    """Whether ``consumer`` adopted the module by ``day``, when the module's status
    then was ``status``. Without ``since`` it counts whenever the status allows
    adopters: from the module's first available (or retired) entry."""
    if status not in MAY_HAVE_CONSUMERS:
        return False
    return consumer.since is None or consumer.since <= day


def adopters_on(module: Module, day: dt.date) -> list[str]:
    """The organisations that had adopted ``module`` by ``day``."""
    status = status_on(module, day)
    return [c.org for c in module.consumers if consumer_on(c, status, day)]


def history_span(modules: Iterable[Module]) -> tuple[dt.date, dt.date] | None:
    """The first history date and the last date of the model (history entries and
    the ``since`` of consumers of modules with history); None when no module has history."""
    firsts = [m.history[0].date for m in modules if m.history]
    if not firsts:
        return None
    lasts = [m.history[-1].date for m in modules if m.history]
    lasts += [c.since for m in modules if m.history for c in m.consumers if c.since]
    return min(firsts), max(lasts)


def _reason(module: Module, entry: HistoryEntry) -> str:
    if module.status == "out-of-scope" and module.reason:
        return module.reason
    return entry.note or OUT_OF_SCOPE_REASON


def module_on(module: Module, day: dt.date, existing: set[str] | frozenset[str]) -> Module | None:
    """``module`` as it stood on ``day``; None when it was not on the map.

    Args:
        module: the module as the model describes it now.
        day: the date.
        existing: the ids of the modules on the map on ``day``; dependencies on
            others are dropped.
    """
    past = [entry for entry in module.history if entry.date <= day]
    if not past:
        return None
    status = past[-1].status
    out = status == "out-of-scope"
    return module.model_copy(update={
        "status": status,
        "history": past,
        "owner": module.owner if status in NEEDS_OWNER else None,
        "partners": [] if out else module.partners,
        "consumers": [c for c in module.consumers if consumer_on(c, status, day)],
        "depends_on": [] if out else [d for d in module.depends_on if d.module in existing],
        "reason": _reason(module, past[-1]) if out else None,
    })


def landscape_as_of(landscape: Landscape, day: dt.date) -> Landscape:
    """The landscape as it stood on ``day`` (see the module's docstring).

    Raises:
        AsOfError: no module was on the map on ``day``.
    """
    modules = landscape.modules.values()
    existing = {m.id for m in modules if m.history and m.history[0].date <= day}
    if not existing:
        span = history_span(modules)
        if span is None:
            raise AsOfError(
                "no module has history, so the model does not say how the landscape stood "
                f"on {day.isoformat()}"
            )
        raise AsOfError(
            f"{day.isoformat()} lies before the first history entry ({span[0].isoformat()}): "
            "no module was on the map yet"
        )
    kept: dict[str, Module] = {}
    for module in modules:
        if module.id in existing and (then := module_on(module, day, existing)) is not None:
            kept[module.id] = then
    return dataclasses.replace(landscape, modules=kept, as_of=day)


__all__ = [
    "OUT_OF_SCOPE_REASON",
    "AsOfError",
    "adopters_on",
    "consumer_on",
    "history_span",
    "landscape_as_of",
    "module_on",
    "parse_day",
    "status_on",
    "statuses_on",
]
