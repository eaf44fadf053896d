"""Charts of the status page as static, accessible SVG: horizontal bars.

Three kinds, all made at build time and byte-identical for the same input:

- :func:`stacked_bar_chart`: a bar per row (a layer), split into one segment per
  status, the count written in every segment wide enough for it and the total
  beside the bar;
- :func:`bar_chart`: a bar per row (a module) with its number beside it, coloured
  by the row's status;
- :func:`column_chart`: a column per moment (a quarter), left to right, stacked by
  status, on a scale of round numbers, with the years under the columns.

Status is never told by colour alone: every segment carries the status's fill,
border colour and border dash of the drawings (:data:`generator.draw.svg.STYLES`)
and a hatching of its own, all repeated in the legend with the status in words.
The page keeps the numbers in a table beside the chart as its text alternative,
and the chart's ``<desc>`` holds them too. Text outside the bars is
``currentColor``, so it takes the page's text colour in the light and the dark
scheme; inside the bars it is the status's ink on the status's light fill (>= 7:1).
All model text is XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import STATUS_LABELS
from .svg import FONT, STYLES, escape

WIDTH = 400
"""Width of a chart in pixels: a phone shows it about as drawn, a wide screen a
little larger (retratstoliped.css), so its text stays readable on both."""
ROW_H = 46
"""A row: its label on a line of its own, the bar below it (a long name needs no
label column, which would leave a phone no room for the bar)."""
LABEL_BASE = 14
BAR_TOP = 19
BAR_H = 20
FONT_SIZE = 13
CHAR_W = 0.58 * FONT_SIZE
"""Estimated width of a character: labels are measured without a font at hand."""
NUMBER_W = 40
"""Room beside the longest bar for its number."""
LEGEND_ROW_H = 24
LEGEND_SWATCH = 18

HATCH = {
    "available": "",
    "developing": '<path d="M-1 11L11 -1" stroke-width="1.2"/>',
    "claimed": '<circle cx="5" cy="5" r="1.4" stroke="none"/>',
    "wanted": '<path d="M-1 11L11 -1M-1 -1L11 11" stroke-width="1"/>',
    "retired": '<path d="M0 5H10" stroke-width="1.2"/>',
    "out-of-scope": '<path d="M-1 -1L11 11" stroke-width="1"/>',
}
"""The hatching of each status inside a bar (a 10 by 10 tile in the status's border
colour); the light fill shows between its lines, and a number sits on a patch of it."""


@dataclass(frozen=True)
class StackedBar:
    """A row of a stacked bar chart."""

    label: str
    counts: tuple[int, ...]
    """Per status, in the order of the chart's ``statuses``."""

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Bar:
    """A row of a bar chart."""

    label: str
    value: int
    status: str
    """Colours and hatches the bar."""


def _num(x: float) -> str:
    """A coordinate with at most one decimal, the same text on every machine."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: int = FONT_SIZE) -> float:
    return len(text) * 0.58 * size


def _shorten(text: str, width: float) -> str:
    fits = max(4, int(width / CHAR_W + 0.5))
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _fill(element_id: str, status: str) -> str:
    return f"url(#{element_id}-{status})" if HATCH[status] else STYLES[status].fill


def _defs(element_id: str, statuses: Sequence[str]) -> str:
    """A pattern per hatched status: the light fill with the hatching over it."""
    parts = ["<defs>"]
    for status in statuses:
        if not HATCH[status]:
            continue
        style = STYLES[status]
        parts.append(
            f'<pattern id="{element_id}-{status}" width="10" height="10"'
            f' patternUnits="userSpaceOnUse">'
            f'<rect width="10" height="10" fill="{style.fill}"/>'
            f'<g fill="{style.stroke}" stroke="{style.stroke}">{HATCH[status]}</g></pattern>'
        )
    parts.append("</defs>")
    return "".join(parts) if len(parts) > 2 else ""


def _box(element_id: str, status: str, x: float, y: float, *, w: float, h: float) -> str:
    style = STYLES[status]
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}"'
        f' fill="{_fill(element_id, status)}" stroke="{style.stroke}" stroke-width="1.5"{dash}/>'
    )


def _legend(element_id: str, statuses: Sequence[str]) -> tuple[str, float]:
    """The legend (a swatch and the status in words per status), wrapped over rows
    of the chart's width; returns its markup and height."""
    parts = ['<g class="rt-chart__legend">']
    x, y = 0.0, 0.0
    for status in statuses:
        label = STATUS_LABELS[status]
        item_w = LEGEND_SWATCH + 6 + _text_width(label) + 18
        if x and x + item_w > WIDTH:
            x, y = 0.0, y + LEGEND_ROW_H
        parts.append(
            f'<g data-status="{status}">'
            + _box(element_id, status, x + 1, y + 4, w=LEGEND_SWATCH, h=12)
            + f'<text x="{_num(x + LEGEND_SWATCH + 6)}" y="{_num(y + 15)}"'
            f' fill="currentColor">{escape(label)}</text></g>'
        )
        x += item_w
    parts.append("</g>")
    return "".join(parts), y + LEGEND_ROW_H + 8


def _label(y: float, text: str) -> str:
    return (
        f'<text x="0" y="{_num(y + LABEL_BASE)}" fill="currentColor">'
        f"{escape(_shorten(text, WIDTH))}</text>"
    )


def _number(x: float, y: float, value: int) -> str:
    """The number beside a bar."""
    return (
        f'<text x="{_num(x + 6)}" y="{_num(y + BAR_TOP + BAR_H - 5)}" font-weight="700"'
        f' fill="currentColor">{value}</text>'
    )


def _frame(element_id: str, title: str, desc: str, height: float, body: list[str]) -> str:
    eid = escape(element_id)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{eid}" class="rt-chart-svg"'
            f' viewBox="0 0 {WIDTH} {_num(height)}" width="{WIDTH}" height="{_num(height)}"'
            f' role="img" aria-labelledby="{eid}-title {eid}-desc"'
            f' font-family="{FONT}" font-size="{FONT_SIZE}">',
            f'<title id="{eid}-title">{escape(title)}</title>',
            f'<desc id="{eid}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def stacked_bar_chart(
    bars: Sequence[StackedBar],
    statuses: Sequence[str],
    *,
    element_id: str,
    title: str,
    desc: str,
) -> str:
    """Horizontal bars, one per row, split by status, on one scale for all rows.

    Args:
        bars: the rows, top to bottom; ``counts`` follow ``statuses``.
        statuses: the statuses of the segments, left to right.
        element_id: the ``id`` of the ``<svg>``; its patterns, title and
            description take it as a prefix, so several charts fit on a page.
        title: the chart's accessible name.
        desc: the chart's accessible description (the numbers, in words).
    """
    shown = [s for i, s in enumerate(statuses) if any(b.counts[i] for b in bars)]
    legend, top = _legend(element_id, shown)
    room = WIDTH - NUMBER_W
    most = max([b.total for b in bars] + [1])
    body = [_defs(element_id, shown), legend]
    for row, bar in enumerate(bars):
        y = top + row * ROW_H
        body.append(
            f'<g class="rt-chart__row" data-label="{escape(bar.label)}" data-total="{bar.total}">'
        )
        body.append(_label(y, bar.label))
        x = 0.0
        for status, count in zip(statuses, bar.counts, strict=True):
            if not count:
                continue
            w = room * count / most
            body.append(
                f'<g class="rt-chart__segment" data-status="{status}" data-count="{count}">'
                + _box(element_id, status, x, y + BAR_TOP, w=w, h=BAR_H)
            )
            if (pad := _text_width(str(count)) + 8) + 4 <= w:
                body.append(
                    f'<rect x="{_num(x + (w - pad) / 2)}" y="{_num(y + BAR_TOP + 3)}"'
                    f' width="{_num(pad)}" height="{BAR_H - 6}" fill="{STYLES[status].fill}"/>'
                    f'<text x="{_num(x + w / 2)}" y="{_num(y + BAR_TOP + BAR_H - 5)}"'
                    f' text-anchor="middle" font-weight="700" fill="{STYLES[status].ink}">'
                    f"{count}</text>"
                )
            body.append("</g>")
            x += w
        body.append(_number(x, y, bar.total) + "</g>")
    return _frame(element_id, title, desc, top + len(bars) * ROW_H, body)


def bar_chart(bars: Sequence[Bar], *, element_id: str, title: str, desc: str) -> str:
    """Horizontal bars, one per row, each with its number beside it and the colour
    and hatching of its status; the arguments as for :func:`stacked_bar_chart`."""
    shown = [s for s in STYLES if any(b.status == s for b in bars)]
    legend, top = _legend(element_id, shown)
    room = WIDTH - NUMBER_W
    most = max([b.value for b in bars] + [1])
    body = [_defs(element_id, shown), legend]
    for row, bar in enumerate(bars):
        y = top + row * ROW_H
        w = room * bar.value / most
        body.append(
            f'<g class="rt-chart__row" data-label="{escape(bar.label)}" data-status="{bar.status}"'
            f' data-count="{bar.value}">'
            + _label(y, bar.label)
            + (_box(element_id, bar.status, 0, y + BAR_TOP, w=w, h=BAR_H) if bar.value else "")
            + _number(w, y, bar.value)
            + "</g>"
        )
    return _frame(element_id, title, desc, top + len(bars) * ROW_H, body)


PLOT_H = 180
"""Height of the plot of a column chart (the columns' scale)."""
SCALE_W = 36
"""Room left of the plot for the numbers of the scale."""
MARKS_H = 24
"""Room below the plot for the marks (years) under the columns."""
COLUMN_SHARE = 0.7
"""The share of its slot a column fills; the rest is the gap to the next one."""


@dataclass(frozen=True)
class Column:
    """A column of a column chart: a moment in time (a quarter)."""

    label: str
    """Its name (``2026 K3``): the column's ``data-label``."""
    counts: tuple[int, ...]
    """Per series, bottom to top, in the order of the chart's ``statuses``."""
    mark: str | None = None
    """Text under the axis below this column (a year), or None."""

    @property
    def total(self) -> int:
        return sum(self.counts)


def _step(most: int) -> int:
    """A round step for the scale: at most five steps up to ``most``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if most <= 5 * step * factor:
                return step * factor
        step *= 10


def _scale(top: float, ceiling: int, step: int) -> list[str]:
    """Horizontal lines of the scale with their numbers, 0 to ``ceiling``."""
    parts = ['<g class="rt-chart__scale">']
    for value in range(0, ceiling + 1, step):
        y = top + PLOT_H - PLOT_H * value / ceiling
        parts.append(
            f'<line x1="{SCALE_W}" y1="{_num(y)}" x2="{WIDTH}" y2="{_num(y)}" stroke="currentColor"'
            f' stroke-opacity="{1 if value == 0 else 0.25}" stroke-width="1"/>'
            f'<text x="{SCALE_W - 6}" y="{_num(y + 4)}" text-anchor="end" fill="currentColor">'
            f"{value}</text>"
        )
    parts.append("</g>")
    return parts


def _series(element_id: str, status: str, rects: list[str]) -> str:
    """The columns' segments of one status, in one group that carries their style."""
    style = STYLES[status]
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<g class="rt-chart__series" data-status="{status}" fill="{_fill(element_id, status)}"'
        f' stroke="{style.stroke}" stroke-width="1.5"{dash}>' + "".join(rects) + "</g>"
    )


def column_chart(
    columns: Sequence[Column],
    statuses: Sequence[str],
    *,
    element_id: str,
    title: str,
    desc: str,
    legend: bool = True,
) -> str:
    """Vertical columns over time, left to right, each stacked by status from the
    bottom, on a scale with round numbers; a mark (a year) under the columns
    where the column gives one and it does not run into the previous mark.

    The segments of one status are one group that carries the status's style
    (a long history has many columns: the chart stays small); each segment names
    its column and count (``data-label``, ``data-count``).

    Args:
        columns: the columns, oldest first; ``counts`` follow ``statuses``.
        statuses: the statuses of the segments, bottom to top. One status with
            ``legend`` False draws a single series in that status's colours,
            named by the title alone.
        element_id, title, desc: as for :func:`stacked_bar_chart`.
        legend: whether to draw the legend of the statuses.
    """
    shown = [s for i, s in enumerate(statuses) if any(c.counts[i] for c in columns)]
    key, top = _legend(element_id, shown) if legend and shown else ("", 0.0)
    top += 8  # room for the top number of the scale
    most = max([c.total for c in columns] + [1])
    step = _step(most)
    ceiling = -(-most // step) * step
    slot = (WIDTH - SCALE_W - 2) / max(1, len(columns))
    width = max(1.0, slot * COLUMN_SHARE)
    series: dict[str, list[str]] = {s: [] for s in shown}
    marks: list[str] = []
    mark_end = 0.0
    for n, column in enumerate(columns):
        x = SCALE_W + 2 + n * slot + (slot - width) / 2
        y = top + PLOT_H
        for status, count in zip(statuses, column.counts, strict=True):
            if not count:
                continue
            h = PLOT_H * count / ceiling
            y -= h
            series[status].append(
                f'<rect data-label="{escape(column.label)}" data-count="{count}" x="{_num(x)}"'
                f' y="{_num(y)}" width="{_num(width)}" height="{_num(h)}"/>'
            )
        if not column.mark:
            continue
        half = _text_width(column.mark) / 2
        centre = min(max(x + width / 2, half), WIDTH - half)  # never past the edges
        if centre - half >= mark_end:
            marks.append(
                f'<text x="{_num(centre)}" y="{_num(top + PLOT_H + 17)}"'
                f' text-anchor="middle" fill="currentColor">{escape(column.mark)}</text>'
            )
            mark_end = centre + half + 8
    body = [
        _defs(element_id, shown), key, *_scale(top, ceiling, step),
        *(_series(element_id, s, rects) for s, rects in series.items()), *marks,
    ]
    return _frame(element_id, title, desc, top + PLOT_H + MARKS_H, body)
