"""What to build next: the score of ``generator.ranking`` on a model worked out by hand,
its reasons in words, ``retratstoliped next``, ``/volgende-stappen/`` and the order of
``/intekenen/``."""

from __future__ import annotations

import html
import json
import re
import shutil
from fractions import Fraction

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.graph import LandscapeGraph
from generator.model import Landscape, check_model
from generator.ranking import format_score, rank, reasons
from generator.site import build_site
from generator.views.claim import claim_views
from generator.views.common import Index

from .conftest import ROOT, TODAY

FIXTURE = ROOT / "tests" / "ranking_fixture"

FUNDAMENT = "4 gemeenten willen afnemen; 5 modules wachten erop; geen afhankelijkheden"
KOPPELING = ("3 gemeenten willen afnemen; 1 module wacht erop; "
             "1 van de 2 afhankelijkheden is beschikbaar")
ALPHA = "1 gemeente wil afnemen; geen module wacht erop; de enige afhankelijkheid is beschikbaar"
ZETA = "1 gemeente wil afnemen; geen module wacht erop; alle afhankelijkheden zijn beschikbaar"
BLOCKED = ("1 gemeente wil afnemen; geen module wacht erop; "
           "de enige afhankelijkheid is nog niet beschikbaar")
GAMMA = ("nog geen gemeente wil afnemen; geen module wacht erop; "
         "1 van de 2 afhankelijkheden is beschikbaar")

EXPECTED = [
    # id, status, score, demand, unlock, readiness, reasons
    ("fundament", "wanted", Fraction(24), 4, 5, Fraction(1), FUNDAMENT),
    ("koppeling", "wanted", Fraction(12), 3, 1, Fraction(1, 2), KOPPELING),
    ("alpha", "wanted", Fraction(5), 1, 0, Fraction(1), ALPHA),
    ("zeta", "wanted", Fraction(5), 1, 0, Fraction(1), ZETA),
    ("beta", "wanted", Fraction(3), 1, 0, Fraction(0), BLOCKED),
    ("loket", "claimed", Fraction(3), 1, 0, Fraction(0), BLOCKED),
    ("gamma", "wanted", Fraction(1), 0, 0, Fraction(1, 2), GAMMA),
]


@pytest.fixture(scope="module")
def landscape() -> Landscape:
    """The hand-worked model of tests/ranking_fixture (one warning: portaal waits for koppeling)."""
    result = check_model(FIXTURE, today=TODAY)
    assert result.landscape is not None, result.errors
    return result.landscape


def test_the_ranking_worked_out_by_hand(landscape):
    """score = 3 x demand + 2 x unlock + 2 x readiness.

    The model: municipalities gm0014, gm0037, gm0047 and gm0050 and a supplier; basis and register are
    available, delta is developing, portaal is available (adopted by gm0037, gm0047).
    Dependencies (a -> b: a needs b): koppeling -> fundament, basis; loket -> koppeling;
    portaal -> koppeling; alpha -> basis; zeta -> basis, register; beta -> fundament;
    gamma -> basis, fundament; delta -> fundament.

    fundament (wanted): depended on by koppeling, beta, gamma, delta, and through
      koppeling by loket and portaal.
      demand: own interest gm0014 (the supplier is no municipality), koppeling's
        gm0037, beta's gm0037, loket's gm0050, portaal's adopters gm0037, gm0047
        = {gm0014, gm0037, gm0047, gm0050} = 4
      unlock: koppeling, beta, gamma (wanted), delta (developing), loket (claimed) = 5;
        portaal is available, it does not count
      readiness: no dependencies = 1
      score = 12 + 10 + 2 = 24
    koppeling (wanted): depended on by loket and portaal.
      demand: gm0037, loket's gm0050, portaal's gm0037, gm0047 = 3
      unlock: loket = 1; readiness: basis of basis, fundament = 1/2
      score = 9 + 2 + 1 = 12
    alpha: demand gm0014 = 1; unlock 0; readiness basis = 1; score 3 + 0 + 2 = 5
    zeta: demand gm0047 = 1; unlock 0; readiness basis, register = 1; score 5
      (a tie with alpha: by name, Alpha before Zeta)
    beta: demand gm0037 = 1; unlock 0; readiness fundament (wanted) = 0; score 3
    loket (claimed): demand gm0050 = 1; unlock 0; readiness koppeling (wanted) = 0;
      score 3 (a tie with beta: Beta before Loket)
    gamma: no interest, nothing waits; readiness basis of basis, fundament = 1/2;
      score 0 + 0 + 1 = 1
    delta (developing), basis, register, portaal (available): not ranked.
    """
    ranking = rank(landscape, LandscapeGraph(landscape))
    got = [(r.id, r.status, r.score, r.demand, r.unlock, r.readiness, "; ".join(r.reasons))
           for r in ranking]
    assert got == EXPECTED
    assert [r.rank for r in ranking] == list(range(1, 8))


def test_ties_break_by_name_then_id_whatever_the_file_order(landscape, tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "m")
    # beta under another folder and a name that sorts after loket: the tie turns over
    beta = tmp_path / "m" / "diensten" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("name: Beta", "name: Meta"),
                    encoding="utf-8")
    shutil.move(beta, tmp_path / "m" / "infrastructuur" / "beta.yaml")
    changed = check_model(tmp_path / "m", today=TODAY).landscape
    assert changed is not None
    ids = [r.id for r in rank(changed, LandscapeGraph(changed))]
    assert ids == ["fundament", "koppeling", "alpha", "zeta", "loket", "beta", "gamma"]


@pytest.mark.parametrize(("terms", "words"), [
    ((0, 0, 0, 0), ["nog geen gemeente wil afnemen", "geen module wacht erop",
                    "geen afhankelijkheden"]),
    ((1, 1, 1, 1), ["1 gemeente wil afnemen", "1 module wacht erop",
                    "de enige afhankelijkheid is beschikbaar"]),
    ((3, 12, 2, 2), ["3 gemeenten willen afnemen", "12 modules wachten erop",
                     "alle afhankelijkheden zijn beschikbaar"]),
    ((2, 2, 3, 2), ["2 gemeenten willen afnemen", "2 modules wachten erop",
                    "2 van de 3 afhankelijkheden zijn beschikbaar"]),
    ((0, 0, 3, 1), ["nog geen gemeente wil afnemen", "geen module wacht erop",
                    "1 van de 3 afhankelijkheden is beschikbaar"]),
    ((0, 0, 2, 0), ["nog geen gemeente wil afnemen", "geen module wacht erop",
                    "geen van de 2 afhankelijkheden is beschikbaar"]),
    ((0, 0, 1, 0), ["nog geen gemeente wil afnemen", "geen module wacht erop",
                    "de enige afhankelijkheid is nog niet beschikbaar"]),
])
def test_reasons_in_words(terms, words):
    assert reasons(*terms) == words


def test_score_shown_with_at_most_one_decimal():
    assert [format_score(s) for s in (Fraction(24), Fraction(29, 3), Fraction(1, 2))] == [
        "24", "9,7", "0,5"]
    assert format_score(Fraction(29, 3), ".") == "9.7"


def test_next_prints_the_ranking_as_text():
    result = CliRunner().invoke(cli, ["next", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"  1. fundament  24  {FUNDAMENT}"
    assert lines[1] == f"  2. koppeling  12  {KOPPELING}"
    assert [line.split()[1] for line in lines] == [e[0] for e in EXPECTED]


def test_next_prints_the_ranking_as_json():
    result = CliRunner().invoke(cli, ["next", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[1] == {
        "rank": 2, "id": "koppeling", "name": "Koppeling", "status": "wanted", "score": 12.0,
        "demand": 3, "unlock": 1, "readiness": 0.5, "reasons": KOPPELING.split("; "),
    }
    assert [(r["id"], r["score"]) for r in rows] == [(e[0], float(e[2])) for e in EXPECTED]


def test_next_on_a_model_with_errors_exits_1_with_located_problems(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "m")
    beta = tmp_path / "m" / "diensten" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("[fundament]", "[fundamnt]"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["next", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert re.search(r"diensten/beta\.yaml:\d+:\d+: error: .*'fundamnt'", result.stdout)
    assert "fundament  24" not in result.stdout


def _rows(page: str) -> list[tuple[str, str, str]]:
    """(rank, module link, reasons) of every row of the ranking table."""
    return re.findall(
        r'<tr><td class="rt-num">(\d+)</td><td><a href="([^"]+)">[^<]*</a></td>.*?'
        r'<td class="rt-num">[^<]*</td><td>([^<]*)</td></tr>', page)


def test_the_page_shows_the_ranking_with_links_and_reasons(landscape):
    pages = build_site(landscape, intro="# Test\n")
    page = pages["volgende-stappen/index.md"]
    assert page.startswith("---\ntitle: \"Volgende stappen\"\n")
    assert "score = 3 × vraag + 2 × ontsluiting + 2 × gereedheid" in page
    assert '<a href="../intekenen/">Intekenen</a>' in page
    rows = [(n, href, html.unescape(why)) for n, href, why in _rows(page)]
    assert rows == [
        (str(i), f"../modules/{e[0]}/", e[6]) for i, e in enumerate(EXPECTED, start=1)
    ]
    assert '<td class="rt-num">24</td>' in page
    assert '<span class="rt-badge rt-status-claimed">' in page
    assert '<a href="../lagen/infrastructuur/">Infrastructuur</a>' in page


def test_the_claim_page_follows_the_ranking(landscape):
    graph = LandscapeGraph(landscape)
    views = claim_views(Index(landscape, graph))
    claimed = [row.id for view in views for row in view.rows]
    assert claimed == [r.id for r in rank(landscape, graph) if r.status == "wanted"]
    assert claimed == ["fundament", "koppeling", "alpha", "zeta", "beta", "gamma"]
    page = build_site(landscape, intro="# Test\n")["intekenen/index.md"]
    order = re.findall(r'<h3 id="module-([a-z0-9-]+)">', page)
    assert order == claimed
    assert '<a href="../volgende-stappen/">Volgende stappen</a>' in page


def test_the_shipped_landscape_ranks_every_wanted_and_claimed_module():
    result = check_model(ROOT / "modules")
    assert result.landscape is not None
    landscape = result.landscape
    ranking = rank(landscape, LandscapeGraph(landscape))
    assert sorted(r.id for r in ranking) == sorted(
        m.id for m in landscape.modules.values() if m.status in ("wanted", "claimed"))
    assert [r.score for r in ranking] == sorted((r.score for r in ranking), reverse=True)

