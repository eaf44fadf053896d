"""The page ``/voortgang/``: the landscape per quarter, read from the history of the
modules: modules per status and adopting municipalities (each a chart with a table),
and per quarter what changed.

Every number is a count of the landscape as it stood on a day
(:mod:`generator.model.asof`): a quarter counts as it stood on its last day, the
current quarter as it stood on the last date of the model (or the date of an as-of
build). That date comes from the model, never from the clock, so two builds of one
model are the same.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..dates import Quarter, dutch_date, quarters
from ..draw.charts import Column, column_chart
from ..model import MAY_HAVE_CONSUMERS, STATUS_LABELS, Module
from ..model.asof import history_span, statuses_on
from .common import STATUS_ORDER, Index, Link, Linker
from .render import render_page

DOC = "voortgang/index.md"
GROUP_MAX = 30
"""Links listed per group of a quarter's changes; the rest is counted ("en 12 meer")."""
LINK_BUDGET = 250
"""Links listed in all changes together, newest quarters first; older groups are only
counted once it is spent, so the page does not grow with the landscape (the history
lists every step: /wijzigingen/)."""


@dataclass(frozen=True)
class QuarterRow:
    """A quarter in the tables (oldest first); a run of quarters with the same numbers
    and no changes after the first is one row."""

    name: str
    """``3e kwartaal 2026``, or ``4e kwartaal 2019 t/m 2e kwartaal 2023``."""
    changes: str | None
    """The anchor of its changes below, when it has any."""
    counts: list[int]
    """Modules per status, in :attr:`ProgressPage.statuses`."""
    total: int


@dataclass(frozen=True)
class AdoptionRow:
    """A quarter, or a run of quarters, in the table of adopting municipalities."""

    name: str
    adopters: int
    """Municipalities adopting at least one module."""
    new: int
    """Of those, the ones that did not adopt one at the end of the previous quarter."""


@dataclass(frozen=True)
class ChangeGroup:
    """Modules that reached one status in a quarter: new on the map, or moved."""

    status: str
    new: bool
    """On the map for the first time (else: moved from another status)."""
    modules: list[Link]
    more: int
    """Modules of the group not listed (beyond :data:`GROUP_MAX`)."""


@dataclass(frozen=True)
class QuarterChanges:
    """What changed in a quarter (newest first)."""

    id: str
    name: str
    groups: list[ChangeGroup]
    adopters: list[Link]
    """Municipalities that started adopting in the quarter (those listed)."""
    more_adopters: int
    started: int
    """Municipalities that started adopting in the quarter."""


@dataclass(frozen=True)
class ProgressPage:
    """The view model of ``/voortgang/`` (template ``progress.html``)."""

    as_of: str | None
    """The date of a historical view, in words; None for the landscape of now."""
    first: str | None
    """The first quarter counted; None when no module has history."""
    until: str | None
    """The last day counted, in words."""
    statuses: tuple[str, ...]
    """The statuses that occur, in :data:`STATUS_ORDER`: the columns of the table."""
    rows: list[QuarterRow]
    adoption: list[AdoptionRow]
    """Empty when no municipality adopted anything in the period."""
    status_chart: Markup
    adoption_chart: Markup
    changes: list[QuarterChanges]
    undated: int
    """Modules without history: counted in no quarter."""
    undated_consumers: int
    """Consumers without ``since``: counted from their module's first available date."""
    changes_link: Link


@dataclass(frozen=True)
class Timeline:
    """The landscape at the end of every quarter: the numbers behind the page."""

    quarters: list[Quarter]
    ends: list[dt.date]
    """The day each quarter is counted on: its last day, or the model's last date."""
    statuses: dict[str, list[str | None]]
    """Per module with history, its status at each end (None: not on the map yet)."""
    adopters: list[set[str]]
    """Per quarter, the municipalities adopting at least one module."""


def timeline(index: Index) -> Timeline | None:
    """The landscape at the end of each quarter from the first history date up to the
    date of the view (``as_of``) or the model's last date; None without any history.

    Adopters follow :func:`generator.model.asof.consumer_on` for every quarter at
    once: a consumer counts in the quarters from its ``since`` on (all without one)
    in which its module's status allows adopters, as a bit per quarter.
    """
    landscape = index.landscape
    span = history_span(landscape.modules.values())
    if span is None:
        return None
    until = landscape.as_of or span[1]
    found = quarters(span[0], until)
    ends = [min(q.last_day, until) for q in found]
    statuses: dict[str, list[str | None]] = {}
    adopting: dict[str, int] = defaultdict(int)
    for module in landscape.modules.values():
        if not module.history:
            continue
        row = statuses[module.id] = statuses_on(module, ends)
        offered = sum(1 << n for n, status in enumerate(row) if status in MAY_HAVE_CONSUMERS)
        for consumer in module.consumers:
            if offered and consumer.org in index.municipalities:
                start = bisect.bisect_left(ends, consumer.since) if consumer.since else 0
                adopting[consumer.org] |= offered >> start << start
    adopters = [{org for org, bits in adopting.items() if bits >> n & 1} for n in range(len(found))]
    return Timeline(found, ends, statuses, adopters)


def _by_name(landscape_modules: dict[str, Module], ids: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: (landscape_modules[i].name.lower(), i))


class _Budget:
    """Links left to list in the changes of the page (newest quarters first)."""

    def __init__(self, links: int) -> None:
        self.left = links

    def take(self, items: list[str]) -> tuple[list[str], int]:
        """The items to link (at most :data:`GROUP_MAX`, and what is left), and how
        many are only counted."""
        shown = items[: min(GROUP_MAX, self.left)]
        self.left -= len(shown)
        return shown, len(items) - len(shown)


def _changes(index: Index, line: Timeline, to: Linker) -> list[QuarterChanges]:
    modules = index.landscape.modules
    organisations = index.landscape.organisations
    budget = _Budget(LINK_BUDGET)
    found = []
    for n in reversed(range(len(line.quarters))):
        reached: dict[tuple[bool, str], list[str]] = defaultdict(list)
        for module_id, row in line.statuses.items():
            before, after = row[n - 1] if n else None, row[n]
            if after is not None and after != before:
                reached[(before is None, after)].append(module_id)
        started = sorted(
            line.adopters[n] - (line.adopters[n - 1] if n else set()),
            key=lambda o: (organisations[o].name.lower(), o),
        )
        if not reached and not started:
            continue
        groups = []
        for new, status in sorted(reached, key=lambda k: (k[0], STATUS_ORDER.index(k[1]))):
            ids, more = budget.take(_by_name(modules, reached[(new, status)]))
            groups.append(ChangeGroup(status, new, [to.module(i) for i in ids], more))
        orgs, more_orgs = budget.take(started)
        quarter = line.quarters[n]
        found.append(QuarterChanges(
            f"kwartaal-{quarter.slug}", quarter.name, groups,
            [to.organisation(o) for o in orgs], more_orgs, len(started),
        ))
    return found


def _counts(line: Timeline, n: int, statuses: tuple[str, ...]) -> list[int]:
    column = [row[n] for row in line.statuses.values()]
    return [column.count(s) for s in statuses]


def _mark(line: Timeline, n: int) -> str | None:
    quarter = line.quarters[n]
    return str(quarter.year) if n == 0 or quarter.number == 1 else None


def _span(line: Timeline, first: int, last: int) -> str:
    name = line.quarters[first].name
    return name if first == last else f"{name} t/m {line.quarters[last].name}"


def _runs(values: Sequence[tuple[int, ...]], starts: set[int]) -> list[tuple[int, int]]:
    """(first, last) index of each run of equal ``values``; a run is broken at every
    index in ``starts`` too (a quarter with changes of its own)."""
    runs: list[tuple[int, int]] = []
    for n, value in enumerate(values):
        if runs and n not in starts and values[runs[-1][0]] == value:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def status_chart(line: Timeline, counts: list[list[int]], statuses: tuple[str, ...]) -> Markup:
    """Modules per status at the end of every quarter, as stacked columns."""
    last = counts[-1]
    now = ", ".join(
        f"{n} {STATUS_LABELS[s].lower()}" for s, n in zip(statuses, last, strict=True) if n
    )
    desc = (
        f"Per kwartaal het aantal modules op de kaart, naar status, van het "
        f"{line.quarters[0].name} tot en met {dutch_date(line.ends[-1])}; de tabel eronder "
        f"geeft elk getal. Aan het eind {sum(last)} modules: {now}."
    )
    return Markup(column_chart(
        [Column(q.short, tuple(c), _mark(line, n))
         for n, (q, c) in enumerate(zip(line.quarters, counts, strict=True))],
        statuses,
        element_id="rt-chart-progress",
        title="Modules per status, per kwartaal",
        desc=desc,
    ))


def adoption_chart(line: Timeline) -> Markup:
    """Adopting municipalities at the end of every quarter, as columns."""
    desc = (
        f"Per kwartaal het aantal gemeenten dat minstens één module afneemt, van het "
        f"{line.quarters[0].name} tot en met {dutch_date(line.ends[-1])}; de tabel eronder "
        f"geeft elk getal. Aan het eind {len(line.adopters[-1])}."
    )
    return Markup(column_chart(
        [Column(q.short, (len(line.adopters[n]),), _mark(line, n))
         for n, q in enumerate(line.quarters)],
        ("available",),
        element_id="rt-chart-adoption",
        title="Afnemende gemeenten per kwartaal",
        desc=desc,
        legend=False,
    ))


def progress_view(index: Index) -> ProgressPage:
    """The view model of the progress page."""
    landscape = index.landscape
    to = Linker(DOC, landscape)
    line = timeline(index)
    undated = sum(not m.history for m in landscape.modules.values())
    undated_consumers = sum(
        c.since is None for m in landscape.modules.values() if m.history for c in m.consumers
    )
    as_of = dutch_date(landscape.as_of) if landscape.as_of else None
    changes_link = to.page("Wijzigingen", "wijzigingen/index.md")
    if line is None:
        return ProgressPage(as_of, None, None, (), [], [], Markup(), Markup(), [], undated,
                            undated_consumers, changes_link)
    present = {s for row in line.statuses.values() for s in row if s}
    statuses = tuple(s for s in STATUS_ORDER if s in present)
    changes = _changes(index, line, to)
    anchors = {c.name: c.id for c in changes}
    changed = {n for n, q in enumerate(line.quarters) if q.name in anchors}
    counts = [_counts(line, n, statuses) for n in range(len(line.quarters))]
    rows = [
        QuarterRow(_span(line, first, last), anchors.get(line.quarters[first].name),
                   counts[first], sum(counts[first]))
        for first, last in _runs([tuple(c) for c in counts], changed)
    ]
    new = [
        len(line.adopters[n] - (line.adopters[n - 1] if n else set()))
        for n in range(len(line.quarters))
    ]
    adopting = [(len(a), k) for a, k in zip(line.adopters, new, strict=True)]
    adoption = [
        AdoptionRow(_span(line, first, last), *adopting[first])
        for first, last in _runs(adopting, {n for n, k in enumerate(new) if k})
    ] if any(line.adopters) else []
    return ProgressPage(
        as_of=as_of,
        first=line.quarters[0].name,
        until=dutch_date(line.ends[-1]),
        statuses=statuses,
        rows=rows,
        adoption=adoption,
        status_chart=status_chart(line, counts, statuses),
        adoption_chart=adoption_chart(line) if adoption else Markup(),
        changes=changes,
        undated=undated,
        undated_consumers=undated_consumers,
        changes_link=changes_link,
    )


def progress_page(index: Index) -> str:
    """The progress page."""
    return render_page("progress.html", progress_view(index), title="Voortgang")
