"""The status page's charts (generator/draw/charts.py): proportional bars, labels in
words and numbers, deterministic bytes, escaped model text, valid accessible SVG."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

from generator.draw.charts import CHAR_W, WIDTH, Bar, StackedBar, bar_chart, stacked_bar_chart
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
