"""The landscape as it stood on a date (generator/model/asof.py), on the hand-worked
model of tests/asof_fixture:

    basis   wanted 2023-02-10, claimed 2023-05-01, developing 2023-11-15, available
            2024-03-01; adopters gm0141 since 2024-04-01, gm0147 (no date), lev since
            2024-03-15; owner vng, partner lev
    loket   wanted 2023-08-01, claimed 2024-06-01 (owner gm0216); depends on basis and nieuw
    nieuw   developing 2024-09-01; depends on basis
    oud     available 2023-03-01, retired 2024-05-01; adopters gm0216 (no date), gm0221
            since 2023-06-01
    weg     wanted 2023-04-01, out-of-scope 2023-09-01 (reason "Past niet in het eindbeeld.")
    terug   out-of-scope 2023-01-15 (note "Eerst buiten scope gezet."), wanted 2024-02-01
    zonder  no history (available, adopted by gm0141)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from generator.dates import Quarter, dutch_date, quarters
from generator.model import AsOfError, Landscape, check_model, landscape_as_of, load_landscape
from generator.model.asof import OUT_OF_SCOPE_REASON, adopters_on, history_span, parse_day
from generator.model.entities import HistoryEntry
from generator.synth import synthesize

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "asof_fixture"
D = dt.date


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    return load_landscape(FIXTURE)


def _summary(landscape: Landscape) -> dict[str, tuple]:
    return {
        m.id: (m.status, m.owner, [c.org for c in m.consumers], [d.module for d in m.depends_on])
        for m in landscape.modules.values()
    }


def test_the_fixture_is_clean():
    result = check_model(FIXTURE)
    assert result.problems == []


def test_the_landscape_in_the_middle_of_2023(landscape):
    then = landscape_as_of(landscape, D(2023, 6, 30))
    assert then.as_of == D(2023, 6, 30)
    assert _summary(then) == {
        # claimed keeps its owner (undated, as now) and has no adopters yet
        "basis": ("claimed", "vng", [], []),
        # an adopter without date counts from the first available entry; gm0221 from its since
        "oud": ("available", "gm0141", ["gm0216", "gm0221"], ["basis"]),
        # wanted: no reason, which only an out-of-scope module has
        "weg": ("wanted", None, [], []),
        # out of scope then: no dependencies, the reason from the history note
        "terug": ("out-of-scope", None, [], []),
    }
    assert then.modules["basis"].partners == landscape.modules["basis"].partners
    assert [h.status for h in then.modules["basis"].history] == ["wanted", "claimed"]
    assert then.modules["weg"].reason is None
    assert then.modules["terug"].reason == "Eerst buiten scope gezet."
    assert then.modules["terug"].interested == ["gm0141"]


def test_the_landscape_at_the_end_of_march_2024(landscape):
    then = landscape_as_of(landscape, D(2024, 3, 31))
    assert _summary(then) == {
        # available since 1 March: gm0147 (no date) and lev (15 March), not gm0141 (April)
        "basis": ("available", "vng", ["gm0147", "lev"], []),
        # wanted: no owner; its dependency on nieuw (not on the map yet) is dropped
        "loket": ("wanted", None, [], ["basis"]),
        "oud": ("available", "gm0141", ["gm0216", "gm0221"], ["basis"]),
        # out of scope now and then: its own reason
        "weg": ("out-of-scope", None, [], []),
        "terug": ("wanted", None, [], ["basis"]),
    }
    assert then.modules["weg"].reason == "Past niet in het eindbeeld."
    assert then.modules["terug"].reason is None
    assert "zonder" not in then.modules  # no history: not in any view of the past


def test_on_the_last_date_only_the_modules_without_history_are_left_out(landscape):
    last = history_span(landscape.modules.values())
    assert last == (D(2023, 1, 15), D(2024, 9, 1))
    now = landscape_as_of(landscape, D(2024, 9, 1))
    assert now.modules == {i: m for i, m in landscape.modules.items() if i != "zonder"}
    assert landscape_as_of(landscape, D(2026, 1, 1)).modules == now.modules


def test_the_shipped_landscape_on_its_last_date_is_the_landscape():
    shipped = load_landscape(ROOT / "modules")
    span = history_span(shipped.modules.values())
    assert span is not None
    assert dataclasses.replace(landscape_as_of(shipped, span[1]), as_of=None) == shipped


def test_adopters_on_a_date(landscape):
    basis = landscape.modules["basis"]
    assert adopters_on(basis, D(2024, 2, 29)) == []  # still developing
    assert adopters_on(basis, D(2024, 3, 1)) == ["gm0147"]
    assert adopters_on(basis, D(2024, 3, 15)) == ["gm0147", "lev"]
    assert adopters_on(basis, D(2024, 4, 1)) == ["gm0141", "gm0147", "lev"]


def test_a_date_before_all_history_is_refused(landscape):
    with pytest.raises(AsOfError) as caught:
        landscape_as_of(landscape, D(2023, 1, 14))
    assert str(caught.value) == (
        "2023-01-14 lies before the first history entry (2023-01-15): no module was on the map yet"
    )
    undated = dataclasses.replace(
        landscape,
        modules={i: m.model_copy(update={"history": []}) for i, m in landscape.modules.items()},
    )
    with pytest.raises(AsOfError, match="no module has history"):
        landscape_as_of(undated, D(2024, 1, 1))


def test_an_owner_the_model_does_not_name_stays_unknown(landscape):
    """A claim withdrawn later: claimed then, wanted (without owner) now."""
    terug = landscape.modules["terug"].model_copy(update={"history": [
        HistoryEntry(date=D(2023, 1, 15), status="claimed"),
        HistoryEntry(date=D(2024, 2, 1), status="wanted"),
    ]})
    changed = dataclasses.replace(landscape, modules={**landscape.modules, "terug": terug})
    then = landscape_as_of(changed, D(2023, 6, 1)).modules["terug"]
    assert (then.status, then.owner) == ("claimed", None)


def test_out_of_scope_without_a_note_gets_a_plain_reason(landscape):
    terug = landscape.modules["terug"]
    plain = terug.model_copy(update={"history": [
        terug.history[0].model_copy(update={"note": None}), terug.history[1],
    ]})
    changed = dataclasses.replace(landscape, modules={**landscape.modules, "terug": plain})
    assert landscape_as_of(changed, D(2023, 6, 1)).modules["terug"].reason == OUT_OF_SCOPE_REASON


def _write(landscape: Landscape, source: Path, target: Path) -> Path:
    """``landscape``'s modules as model files in ``target``, beside the frame of ``source``."""
    target.mkdir()
    for name in ("landscape.yaml", "organisations.yaml"):
        shutil.copy(source / name, target / name)
    for m in landscape.modules.values():
        data = m.model_dump(mode="json", exclude={"id", "path"}, exclude_defaults=True)
        path = target / m.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _quarter_ends(landscape: Landscape) -> list[dt.date]:
    span = history_span(landscape.modules.values())
    assert span is not None
    return [min(q.last_day, span[1]) for q in quarters(*span)]


@pytest.mark.parametrize("model", ["fixture", "shipped", "synthetic"])
def test_every_view_of_the_past_passes_the_check(model, tmp_path):
    """The landscape at the end of every quarter, written out as model files, has no
    error: the fields its status then forbids are gone, and so are the references to
    modules that were not there yet."""
    if model == "synthetic":
        source = tmp_path / "synth"
        synthesize(source, modules=100, organisations=40, seed=3)
    else:
        source = FIXTURE if model == "fixture" else ROOT / "modules"
    now = load_landscape(source)
    ends = _quarter_ends(now)
    seen: list[dict] = []
    for n, day in enumerate(ends[::4] if model == "synthetic" else ends):
        then = landscape_as_of(now, day)
        if then.modules in seen:
            continue  # nothing changed in the quarter
        seen.append(then.modules)
        result = check_model(_write(then, source, tmp_path / f"q{n}"), today=max(ends))
        assert result.errors == [], (day, [str(p) for p in result.errors[:3]])
        assert result.landscape is not None
        assert set(result.landscape.modules) == set(then.modules)


@pytest.mark.parametrize(("text", "message"), [
    ("2024-13-01", "'2024-13-01' is not a valid date (YYYY-MM-DD)"),
    ("1 januari", "'1 januari' is not a valid date (YYYY-MM-DD)"),
    ("2024-W01-1", "'2024-W01-1' is not a valid date (YYYY-MM-DD)"),
    ("20240101", "'20240101' is not a valid date (YYYY-MM-DD)"),
    ("2026-12-01", "2026-12-01 lies in the future; history runs up to today"),
])
def test_a_bad_date_says_what_is_wrong(text, message):
    with pytest.raises(ValueError) as caught:
        parse_day(text, D(2026, 11, 28))
    assert str(caught.value) == message


def test_a_date_reads_from_text_or_yaml():
    assert parse_day("2024-01-01", D(2026, 1, 1)) == D(2024, 1, 1)
    assert parse_day(D(2024, 1, 1), D(2026, 1, 1)) == D(2024, 1, 1)


def test_dates_and_quarters_in_dutch():
    assert dutch_date(D(2024, 1, 1)) == "1 januari 2024"
    assert dutch_date(D(2026, 11, 30)) == "30 november 2026"
    assert [q.name for q in quarters(D(2023, 11, 15), D(2024, 4, 1))] == [
        "4e kwartaal 2023", "1e kwartaal 2024", "2e kwartaal 2024",
    ]
    q = Quarter.of(D(2024, 2, 29))
    assert (q.first_day, q.last_day, q.short, q.slug) == (
        D(2024, 1, 1), D(2024, 3, 31), "2024 K1", "2024-k1")
    assert Quarter.of(D(2023, 12, 31)).last_day == D(2023, 12, 31)
