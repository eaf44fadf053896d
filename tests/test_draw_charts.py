"""The charts of the status and progress pages (generator/draw/charts.py): proportional
bars and columns, labels in words and numbers, deterministic bytes, escaped model text,
valid accessible SVG."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from generator.draw.charts import (
    CHAR_W,
    PLOT_H,
    WIDTH,
    Bar,
    Column,
    StackedBar,
    bar_chart,
    column_chart,
    stacked_bar_chart,
)
from generator.model import STATUS_LABELS
from generator.views.common import STATUS_ORDER

SVG = "{http://www.w3.org/2000/svg}"

LAYERS = [
    StackedBar("Kanalen", (2, 0, 1, 4, 0, 1)),
    StackedBar("Infrastructuur", (12, 1, 0, 0, 2, 2)),
    StackedBar("Leeg", (0, 0, 0, 0, 0, 0)),
]
RANKING = [
    Bar("DigiD", 23, "available"), Bar("Open Zaak", 8, "available"), Bar("NLX", 1, "retired"),
]


def _stacked(bars=LAYERS) -> str:
    return stacked_bar_chart(bars, STATUS_ORDER, element_id="c1", title="Per laag", desc="Cijfers")


def _ranking() -> str:
    return bar_chart(RANKING, element_id="c2", title="Afnemers", desc="Cijfers")


def _groups(element: ET.Element, kind: str) -> list[ET.Element]:
    return [g for g in element.iter(f"{SVG}g") if g.get("class") == kind]


def _rows(svg: str) -> dict[str, ET.Element]:
    return {g.get("data-label"): g for g in _groups(ET.fromstring(svg), "rt-chart__row")}


def _bar_rect(group: ET.Element) -> ET.Element:
    return next(r for r in group.iter(f"{SVG}rect") if r.get("stroke"))


def test_stacked_segments_are_proportional_to_their_counts_on_one_scale():
    rows = _rows(_stacked())
    unit = None
    for bar in LAYERS:
        segments = _groups(rows[bar.label], "rt-chart__segment")
        assert [(g.get("data-status"), int(g.get("data-count"))) for g in segments] == [
            (s, n) for s, n in zip(STATUS_ORDER, bar.counts, strict=True) if n
        ]
        for g in segments:
            width = float(_bar_rect(g).get("width"))
            per = width / int(g.get("data-count"))
            unit = unit or per
            assert abs(per - unit) < 0.1  # one scale for every segment of every row
        xs = [float(_bar_rect(g).get("x")) for g in segments]
        assert xs == sorted(xs)  # left to right, in status order, without gaps or overlap
        for a, b in itertools.pairwise(segments):
            end = float(_bar_rect(a).get("x")) + float(_bar_rect(a).get("width"))
            assert abs(end - float(_bar_rect(b).get("x"))) < 0.11
        if xs:  # the whole bar is the row's total on the same scale, inside the chart
            last = _bar_rect(segments[-1])
            end = float(last.get("x")) + float(last.get("width"))
            assert abs(end - xs[0] - unit * bar.total) < 0.5 and end <= WIDTH


def test_bars_are_proportional_to_their_values():
    rows = _rows(_ranking())
    widths = {label: float(_bar_rect(g).get("width")) for label, g in rows.items()}
    assert abs(widths["DigiD"] / widths["Open Zaak"] - 23 / 8) < 0.01
    assert abs(widths["DigiD"] / widths["NLX"] - 23) < 0.2


def test_every_row_has_its_label_and_number_in_text_and_the_legend_names_the_statuses():
    svg = _stacked()
    root = ET.fromstring(svg)
    for bar in LAYERS:
        texts = ["".join(t.itertext()) for t in _rows(svg)[bar.label].iter(f"{SVG}text")]
        assert texts[0] == bar.label and texts[-1] == str(bar.total)
    segments = _groups(_rows(svg)["Infrastructuur"], "rt-chart__segment")
    big = next(g for g in segments if g.get("data-count") == "12")
    assert "".join(big.find(f"{SVG}text").itertext()) == "12"
    legend = _groups(root, "rt-chart__legend")[0]
    words = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    present = [s for i, s in enumerate(STATUS_ORDER) if any(bar.counts[i] for bar in LAYERS)]
    assert words == [STATUS_LABELS[s] for s in present]  # only the statuses it shows
    ranking = _rows(_ranking())
    assert ["".join(t.itertext()) for t in ranking["NLX"].iter(f"{SVG}text")] == ["NLX", "1"]


def test_status_is_told_by_more_than_colour():
    root = ET.fromstring(_stacked())
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    for g in _groups(root, "rt-chart__segment"):
        if g.get("data-status") != "available":
            assert _bar_rect(g).get("fill")[5:-1] in patterns  # hatched
    assert all(p.startswith("c1-") for p in patterns)  # two charts on a page do not clash


def test_accessible_name_and_description():
    root = ET.fromstring(_stacked())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Per laag"
    assert root.find(f"{SVG}desc").text == "Cijfers"


def test_deterministic_bytes():
    assert _stacked() == _stacked()
    assert _ranking() == _ranking()
    assert _stacked(list(reversed(LAYERS))) != _stacked()


def test_model_text_is_escaped():
    evil = '<script>alert(1)</script> & "x"'
    svg = stacked_bar_chart(
        [StackedBar(evil, (1, 0, 0, 0, 0, 0))], STATUS_ORDER, element_id="c", title=evil, desc=evil
    ) + bar_chart([Bar(evil, 3, "wanted")], element_id="d", title=evil, desc=evil)
    assert "<script" not in svg and "&lt;script&gt;" in svg
    for part in (svg[: svg.index("</svg>") + 6], svg[svg.index("</svg>") + 6:]):
        root = ET.fromstring(part)  # well-formed
        assert evil in root.find(f"{SVG}title").text


def test_long_labels_are_shortened_and_empty_charts_draw():
    svg = bar_chart([Bar("x" * 200, 2, "available")], element_id="c", title="t", desc="d")
    label = "".join(next(_rows(svg)["x" * 200].iter(f"{SVG}text")).itertext())
    assert label.endswith("…") and len(label) * CHAR_W <= WIDTH  # within the chart
    ET.fromstring(bar_chart([], element_id="e", title="t", desc="d"))
    ET.fromstring(stacked_bar_chart([], STATUS_ORDER, element_id="f", title="t", desc="d"))


def test_status_page_charts_carry_the_numbers_of_its_tables():
    from generator.graph import LandscapeGraph
    from generator.model import load_landscape
    from generator.views.common import Index
    from generator.views.status import status_view

    from .conftest import ROOT

    landscape = load_landscape(ROOT / "modules")
    page = status_view(Index(landscape, LandscapeGraph(landscape)))
    layers = _rows(str(page.matrix_chart))
    assert list(layers) == [row.layer.label for row in page.matrix]
    for row in page.matrix:
        counts = {g.get("data-status"): int(g.get("data-count"))
                  for g in _groups(layers[row.layer.label], "rt-chart__segment")}
        assert counts == {s: n for s, n in zip(page.statuses, row.counts, strict=True) if n}
    ranking = _rows(str(page.ranking_chart))
    assert {k: int(g.get("data-count")) for k, g in ranking.items()} == {
        r.module.label: r.adopters for r in page.ranking if r.adopters
    }
    desc = ET.fromstring(str(page.matrix_chart)).find(f"{SVG}desc").text
    assert all(f"{row.layer.label}: {row.total} " in desc for row in page.matrix)


QUARTERS = [
    Column("2023 K4", (0, 0, 1, 2, 0, 0), "2023"),
    Column("2024 K1", (1, 1, 1, 3, 0, 1), "2024"),
    Column("2024 K2", (2, 1, 0, 3, 1, 1)),
    Column("2024 K3", (0, 0, 0, 0, 0, 0)),
]


def _columns(columns=QUARTERS, **options) -> str:
    return column_chart(columns, STATUS_ORDER, element_id="k", title="Per kwartaal",
                        desc="Cijfers", **options)


def _segments(svg: str) -> dict[str, list[tuple[str, int, ET.Element]]]:
    """Per column (by label, left to right): its segments (status, count, rect), bottom first."""
    found: dict[str, list[tuple[str, int, ET.Element]]] = {}
    for series in _groups(ET.fromstring(svg), "rt-chart__series"):
        for rect in series.iter(f"{SVG}rect"):
            found.setdefault(rect.get("data-label"), []).append(
                (series.get("data-status"), int(rect.get("data-count")), rect))
    order = sorted(found, key=lambda label: float(found[label][0][2].get("x")))
    return {label: sorted(found[label], key=lambda s: -float(s[2].get("y"))) for label in order}


def test_columns_stack_their_statuses_from_the_bottom_on_one_scale():
    svg = _columns()
    columns = _segments(svg)
    assert list(columns) == [c.label for c in QUARTERS if c.total]  # oldest left
    # the scale runs in round steps to the largest total (8): 0, 2, 4, 6, 8
    scale = _groups(ET.fromstring(svg), "rt-chart__scale")[0]
    assert ["".join(t.itertext()) for t in scale.iter(f"{SVG}text")] == ["0", "2", "4", "6", "8"]
    unit = PLOT_H / 8
    bottoms = set()
    for column in QUARTERS[:3]:
        segments = columns[column.label]
        assert [(status, count) for status, count, _ in segments] == [
            (s, n) for s, n in zip(STATUS_ORDER, column.counts, strict=True) if n
        ]
        y = None
        for _, count, rect in segments:  # each on top of the one before, as high as its count
            top, height = float(rect.get("y")), float(rect.get("height"))
            assert abs(height - unit * count) < 0.11
            if y is not None:
                assert abs(top + height - y) < 0.11
            else:
                bottoms.add(round(top + height))
            y = top
    assert len(bottoms) == 1  # every column stands on the same axis
    xs = [float(columns[c.label][0][2].get("x")) for c in QUARTERS[:3]]
    assert xs == sorted(xs) and xs[-1] < WIDTH
    # each status's segments are one group with its style and hatching
    root = ET.fromstring(svg)
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    for series in _groups(root, "rt-chart__series"):
        if series.get("data-status") != "available":
            assert series.get("fill")[5:-1] in patterns


def test_columns_carry_their_marks_and_drop_the_ones_that_would_collide():
    marks = [t for t in ET.fromstring(_columns()).iter(f"{SVG}text")
             if t.get("text-anchor") == "middle"]
    assert ["".join(t.itertext()) for t in marks] == ["2023", "2024"]
    crowded = [Column(f"{y} K1", (1, 0, 0, 0, 0, 0), str(y)) for y in range(1990, 2040)]
    texts = [t for t in ET.fromstring(_columns(crowded)).iter(f"{SVG}text")
             if t.get("text-anchor") == "middle"]
    assert 3 < len(texts) < 50  # fifty years do not fit under 400 pixels
    spans = [(float(t.get("x")) - 2 * CHAR_W, float(t.get("x")) + 2 * CHAR_W) for t in texts]
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))  # none overlaps
    assert spans[0][0] >= 0 and spans[-1][1] <= WIDTH  # none runs off the chart


def test_a_single_series_has_no_legend_and_an_empty_chart_draws():
    svg = column_chart([Column("2024 K1", (3,), "2024"), Column("2024 K2", (5,))], ("available",),
                       element_id="a", title="Afnemers", desc="d", legend=False)
    assert _groups(ET.fromstring(svg), "rt-chart__legend") == []
    assert {k: [n for _, n, _ in v] for k, v in _segments(svg).items()} == {
        "2024 K1": [3], "2024 K2": [5]}
    legend = _groups(ET.fromstring(_columns()), "rt-chart__legend")[0]
    assert len(list(legend.iter(f"{SVG}text"))) == 6  # every status that occurs
    ET.fromstring(_columns([]))
    assert _columns() == _columns()  # deterministic


def test_column_chart_escapes_its_text():
    evil = '<script>alert(1)</script> & "x"'
    svg = _columns([Column(evil, (1, 0, 0, 0, 0, 0), evil)])
    assert "<script" not in svg
    assert list(_segments(svg)) == [evil]
