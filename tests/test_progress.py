"""The page /voortgang/ (generator/views/progress.py) on the hand-worked model of
tests/asof_fixture (its history is in the docstring of tests/test_asof.py).

Worked out by hand, the landscape at the end of each quarter (the last one on
1 September 2024, the model's last date):

    quarter   basis       loket    nieuw       oud        weg           terug         adopting
    2023 K1   wanted      -        -           available  -             out-of-scope  gm0216
    2023 K2   claimed     -        -           available  wanted        out-of-scope  + gm0221
    2023 K3   claimed     wanted   -           available  out-of-scope  out-of-scope
    2023 K4   developing  wanted   -           available  out-of-scope  out-of-scope
    2024 K1   available   wanted   -           available  out-of-scope  wanted        + gm0147
    2024 K2   available   claimed  -           retired    out-of-scope  wanted        + gm0141
    2024 K3   available   claimed  developing  retired    out-of-scope  wanted

``zonder`` has no history and counts in no quarter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from generator.graph import LandscapeGraph
from generator.model import Landscape, landscape_as_of, load_landscape
from generator.model.entities import HistoryEntry
from generator.site import build_site
from generator.views import progress
from generator.views.common import Index
from generator.views.progress import progress_page, progress_view

from .conftest import ROOT
from .test_site_pages import _check_golden

FIXTURE = ROOT / "tests" / "asof_fixture"
SVG = "{http://www.w3.org/2000/svg}"
QUARTERS = [
    "1e kwartaal 2023", "2e kwartaal 2023", "3e kwartaal 2023", "4e kwartaal 2023",
    "1e kwartaal 2024", "2e kwartaal 2024", "3e kwartaal 2024",
]
# available, developing, claimed, wanted, retired, out-of-scope
COUNTS = [
    [1, 0, 0, 1, 0, 1],
    [1, 0, 1, 1, 0, 1],
    [1, 0, 1, 1, 0, 2],
    [1, 1, 0, 1, 0, 2],
    [2, 0, 0, 2, 0, 1],
    [1, 0, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1],
]
ADOPTING = [1, 2, 2, 2, 3, 4, 4]


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    return load_landscape(FIXTURE)


def _view(landscape: Landscape) -> progress.ProgressPage:
    return progress_view(Index(landscape, LandscapeGraph(landscape)))


def test_modules_per_status_per_quarter(landscape):
    page = _view(landscape)
    assert (page.first, page.until, page.as_of) == ("1e kwartaal 2023", "1 september 2024", None)
    assert page.statuses == ("available", "developing", "claimed", "wanted", "retired",
                             "out-of-scope")
    assert [(r.name, r.counts, r.total) for r in page.rows] == [
        (q, c, sum(c)) for q, c in zip(QUARTERS, COUNTS, strict=True)
    ]
    assert [r.changes for r in page.rows] == [
        f"kwartaal-{y}-k{n}" for y, n in [(2023, 1), (2023, 2), (2023, 3), (2023, 4),
                                          (2024, 1), (2024, 2), (2024, 3)]
    ]
    assert (page.undated, page.undated_consumers) == (1, 2)  # zonder; gm0147 and gm0216


def test_adopting_municipalities_per_quarter(landscape):
    page = _view(landscape)
    # lev adopts basis but is no municipality; quarters without news share a row
    assert [(r.name, r.adopters, r.new) for r in page.adoption] == [
        ("1e kwartaal 2023", 1, 1),
        ("2e kwartaal 2023", 2, 1),
        ("3e kwartaal 2023 t/m 4e kwartaal 2023", 2, 0),
        ("1e kwartaal 2024", 3, 1),
        ("2e kwartaal 2024", 4, 1),
        ("3e kwartaal 2024", 4, 0),
    ]


def _groups(q: progress.QuarterChanges) -> list[tuple[str, str, list[str]]]:
    return [("nieuw" if g.new else "naar", g.status, [m.label for m in g.modules])
            for g in q.groups]


def test_what_changed_per_quarter_newest_first(landscape):
    changes = {q.name: q for q in _view(landscape).changes}
    assert list(changes) == QUARTERS[::-1]
    assert {name: _groups(q) for name, q in changes.items()} == {
        "3e kwartaal 2024": [("nieuw", "developing", ["Nieuw"])],
        "2e kwartaal 2024": [("naar", "claimed", ["Loket"]), ("naar", "retired", ["Oud"])],
        "1e kwartaal 2024": [("naar", "available", ["Basis"]), ("naar", "wanted", ["Terug"])],
        "4e kwartaal 2023": [("naar", "developing", ["Basis"])],
        "3e kwartaal 2023": [("naar", "out-of-scope", ["Weg"]), ("nieuw", "wanted", ["Loket"])],
        "2e kwartaal 2023": [("naar", "claimed", ["Basis"]), ("nieuw", "wanted", ["Weg"])],
        "1e kwartaal 2023": [("nieuw", "available", ["Oud"]), ("nieuw", "wanted", ["Basis"]),
                             ("nieuw", "out-of-scope", ["Terug"])],
    }
    assert {name: [o.label for o in q.adopters] for name, q in changes.items() if q.adopters} == {
        "2e kwartaal 2024": ["Almelo"], "1e kwartaal 2024": ["Borne"],
        "2e kwartaal 2023": ["Doesburg"], "1e kwartaal 2023": ["Culemborg"],
    }
    assert changes["3e kwartaal 2024"].groups[0].modules[0].href == "../modules/nieuw/"


def _chart(svg: object) -> dict[str, dict[str, int]]:
    """Per column (quarter) of a column chart, its count per status."""
    found: dict[str, dict[str, int]] = {}
    for series in ET.fromstring(str(svg)).iter(f"{SVG}g"):
        if series.get("class") == "rt-chart__series":
            for rect in series.iter(f"{SVG}rect"):
                found.setdefault(rect.get("data-label"), {})[series.get("data-status")] = int(
                    rect.get("data-count"))
    return found


def test_the_charts_carry_the_numbers_of_the_tables(landscape):
    page = _view(landscape)
    labels = ["2023 K1", "2023 K2", "2023 K3", "2023 K4", "2024 K1", "2024 K2", "2024 K3"]
    assert _chart(page.status_chart) == {
        label: {s: n for s, n in zip(page.statuses, counts, strict=True) if n}
        for label, counts in zip(labels, COUNTS, strict=True)
    }
    assert _chart(page.adoption_chart) == {
        label: {"available": n} for label, n in zip(labels, ADOPTING, strict=True)
    }
    desc = ET.fromstring(str(page.status_chart)).find(f"{SVG}desc").text
    assert desc.endswith("Aan het eind 6 modules: 1 beschikbaar (permanente bèta), "
                         "1 in ontwikkeling, 1 ingetekend, 1 gezocht, 1 uitgefaseerd, "
                         "1 buiten scope.")


def test_an_as_of_view_ends_on_its_date_with_the_same_numbers(landscape):
    page = _view(landscape_as_of(landscape, dt.date(2024, 3, 31)))
    assert (page.as_of, page.until) == ("31 maart 2024", "31 maart 2024")
    assert "retired" not in page.statuses  # oud retired only in May 2024
    full = ("available", "developing", "claimed", "wanted", "retired", "out-of-scope")
    assert [dict(zip(page.statuses, r.counts, strict=True)) for r in page.rows] == [
        {s: n for s, n in zip(full, counts, strict=True) if s in page.statuses}
        for counts in COUNTS[:5]
    ]
    assert [q.name for q in page.changes] == QUARTERS[:5][::-1]
    assert page.undated == 0  # modules without history are not in a view of the past
    then = landscape_as_of(landscape, dt.date(2024, 3, 31))
    html = progress_page(Index(then, LandscapeGraph(then)))
    assert "tot en met 31 maart 2024: zo stond het landschap er toen voor." in html


@pytest.mark.parametrize(("group_max", "budget", "listed", "tail"), [
    (4, 250, 4, r": 7 modules: <a .*</a> en 3 meer</li>"),  # a group lists at most GROUP_MAX
    (4, 2, 2, r": 7 modules: <a .*</a> en 5 meer</li>"),  # and no more than the page's budget left
    (4, 0, 0, r": 7 modules</li>"),  # then it only counts
])
def test_long_groups_are_cut_and_counted(landscape, monkeypatch, group_max, budget, listed, tail):
    monkeypatch.setattr(progress, "GROUP_MAX", group_max)
    monkeypatch.setattr(progress, "LINK_BUDGET", budget)
    start = [HistoryEntry(date=dt.date(2023, 1, 1), status="wanted")]
    flat = dataclasses.replace(landscape, modules={
        i: m.model_copy(update={"history": start, "consumers": []})
        for i, m in landscape.modules.items()
    })
    (quarter,) = _view(flat).changes
    (group,) = quarter.groups
    assert (group.new, group.status, len(group.modules), group.more) == (
        True, "wanted", listed, 7 - listed)
    html = progress_page(Index(flat, LandscapeGraph(flat)))
    assert re.search(r"<li>Nieuw op de kaart als <span[^>]*>Gezocht</span>" + tail, html)


def test_the_newest_quarters_get_the_links_first(landscape, monkeypatch):
    monkeypatch.setattr(progress, "LINK_BUDGET", 4)
    changes = _view(landscape).changes  # newest first: Nieuw; Loket, Oud, Almelo; Basis ...
    listed = [[m.label for g in q.groups for m in g.modules] + [o.label for o in q.adopters]
              for q in changes]
    assert listed[:3] == [["Nieuw"], ["Loket", "Oud", "Almelo"], []]
    assert changes[2].groups[0].more == 1 and changes[2].more_adopters == 1


def test_a_model_without_history_says_so(landscape):
    bare = dataclasses.replace(landscape, modules={
        i: m.model_copy(update={"history": []}) for i, m in landscape.modules.items()})
    html = build_site(bare, workers=1)["voortgang/index.md"]
    assert "Nog geen module heeft een geschiedenis met data" in html
    assert "7 modules hebben geen geschiedenis." in html
    assert "<svg" not in html


def test_golden_page_of_the_fixture(landscape):
    _check_golden("asof__voortgang__index.html", build_site(landscape, workers=1)["voortgang/index.md"])


def test_the_timeline_agrees_with_the_landscape_on_each_date(tmp_path):
    """The quarters count in one pass what :mod:`generator.model.asof` says of each day."""
    from generator.model.asof import adopters_on, status_on
    from generator.synth import synthesize

    synthesize(tmp_path, modules=120, organisations=40, seed=5)
    synthetic = load_landscape(tmp_path)
    index = Index(synthetic, LandscapeGraph(synthetic))
    line = progress.timeline(index)
    assert line is not None and len(line.quarters) > 12
    adopted = 0
    for n, end in enumerate(line.ends):
        assert {i: row[n] for i, row in line.statuses.items()} == {
            m.id: status_on(m, end) for m in synthetic.modules.values()}
        municipalities = {o for m in synthetic.modules.values() for o in adopters_on(m, end)
                          if o in index.municipalities}
        assert line.adopters[n] == municipalities
        adopted += len(municipalities)
    assert adopted  # the synthetic model has adopters, with and without since
