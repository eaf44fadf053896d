"""The table of municipalities (generator/data/gemeenten.csv) and the name matcher.

The asset is derived from the real data beside the clone (../shared/data, as in CI)
by scripts/derive_municipalities.py; the spellings come from the usedBy lists of
the real publiccode.yml files in ../shared/data/publiccode-nl and their FACTS.md.
"""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import municipalities as gm

from .conftest import ROOT, ordinary_mode

DATA = ROOT.parent / "shared" / "data"
PUBLICCODE = DATA / "publiccode-nl"

#: usedBy entries in the real files that are not municipalities (FACTS.md).
NOT_MUNICIPALITIES = {
    "NN",
    "ING",
    "Syntouch",
    "Group of Butchers",
    "IGM",
    "ODMH",
    "QUINSO",
    "Eekels",
    "Technische Universiteit Delft",
}


def facts_spellings() -> dict[str, str]:
    """usedBy spelling -> CBS code, from the table "Municipality spellings" in FACTS.md."""
    text = (PUBLICCODE / "FACTS.md").read_text(encoding="utf-8")
    section = text.split("## Municipality spellings in usedBy", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (.+?) \| .+? \| .+? \| (GM\d{4}) \|$", section, flags=re.M)
    return {spelling: code.lower() for spelling, code in rows}


def test_the_asset_is_what_the_script_derives_from_the_real_data():
    script = ROOT / "scripts" / "derive_municipalities.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_342_municipalities_of_2025():
    current = gm.current()
    assert len(current) == 342
    assert [m.code for m in current] == sorted(m.code for m in current)
    assert all(re.fullmatch(r"gm\d{4}", m.code) for m in current)
    assert len({m.name for m in current}) == 342
    assert gm.lookup("gm0363") == gm.Municipality("gm0363", "Amsterdam", True)
    assert gm.lookup("GM0518").name == "'s-Gravenhage"
    assert gm.lookup("gm1992").name == "Voorne aan Zee"  # 2023, not in table 33
    assert gm.lookup("gm9999") is None


def test_former_codes_know_their_successor_through_a_chain():
    appingedam = gm.lookup("gm0003")
    assert (appingedam.name, appingedam.current, appingedam.ended) == ("Appingedam", False, "2021-01-01")
    assert gm.successor("gm0003").name == "Eemsdelta"
    # Hefshuizen went into Eemsmond (1992), Eemsmond into Het Hogeland (2019).
    assert gm.lookup("gm0019").name == "Hefshuizen"
    assert gm.successor("gm0019").code == "gm1966"
    assert gm.successor("gm0457").code == "gm0363"  # Weesp, 2022-03-24
    assert gm.successor("gm0363") is None  # a municipality of 2025 has none


def test_a_merger_after_table_33_is_former_without_successor():
    brielle = gm.lookup("gm0501")
    assert (brielle.name, brielle.current, brielle.successor, brielle.ended) == (
        "Brielle",
        False,
        "",
        "",
    )
    assert gm.successor("gm0501") is None


def test_registers_that_never_were_municipalities_are_left_out():
    for code in ("gm0000", "gm0997", "gm0998", "gm0999", "gm1999"):
        assert gm.lookup(code) is None


def test_every_spelling_in_facts_maps_to_its_code():
    spellings = facts_spellings()
    assert len(spellings) == 13
    spellings["City of Amsterdam"] = "gm0363"
    for spelling, code in spellings.items():
        assert gm.match(spelling) == code, spelling


def test_every_real_used_by_entry_is_a_municipality_or_left_alone():
    seen = set()
    for path in sorted(PUBLICCODE.glob("*.publiccode.y*ml")):
        used_by = yaml.safe_load(path.read_text(encoding="utf-8")).get("usedBy") or []
        seen.update(used_by)
    assert len(seen) == 22
    for entry in seen:
        if entry in NOT_MUNICIPALITIES:
            assert gm.match(entry) is None, entry
        else:
            assert gm.match(entry) is not None, entry


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Utrecht", "gm0344"),
        ("gemeente utrecht", "gm0344"),
        ("GEMEENTE UTRECHT", "gm0344"),
        ("'s-Gravenhage", "gm0518"),
        ("Den Haag", "gm0518"),
        ("The Hague", "gm0518"),
        ("s-Hertogenbosch", "gm0796"),
        ("’s-Hertogenbosch", "gm0796"),
        ("'s Hertogenbosch", "gm0796"),
        ("Den Bosch", "gm0796"),
        ("Sudwest-Fryslan", "gm1900"),
        ("Súdwest Fryslân", "gm1900"),
        ("Noardeast-Fryslân", "gm1970"),
        ("Sittard Geleen", "gm1883"),
        ("Bergen (NH.)", "gm0373"),
        ("Bergen (NH)", "gm0373"),
        ("Bergen N.H.", "gm0373"),
        ("Bergen (Noord-Holland)", "gm0373"),
        ("Bergen (L.)", "gm0893"),
        ("Hengelo", "gm0164"),
        ("Hengelo (O.)", "gm0164"),
        ("Nuenen", "gm0820"),
        ("Nuenen, Gerwen en Nederwetten", "gm0820"),
        ("Voorne aan Zee", "gm1992"),
    ],
)
def test_match_folds_spelling(spelling, code):
    assert gm.match(spelling) == code


@pytest.mark.parametrize(
    "name",
    ["Bergen", "Gemeente Bergen", "Hertogenbosch", "Gemeente", "", "Utrecht Heuvelrug", "Weesp", "Delft x"],
)
def test_match_never_guesses(name):
    assert gm.match(name) is None


def test_closest_names_the_candidates_of_an_ambiguous_name_first():
    assert [m.code for m in gm.closest("Gemeente Bergen")[:2]] == ["gm0373", "gm0893"]


def test_closest_suggests_near_spellings():
    assert gm.closest("Hertogenbosch")[0].code == "gm0796"
    assert gm.closest("Utrecht Heuvelrug")[0].name == "Utrechtse Heuvelrug"
    assert gm.closest("Sudwest Friesland")[0].code == "gm1900"
    assert len(gm.closest("Amsterdm", n=2)) == 2
    assert gm.closest("Technische Universiteit Delft") == []


def test_former_names_are_found_apart():
    assert [m.code for m in gm.former("Gemeente Weesp")] == ["gm0457"]
    assert gm.former("Utrecht") == []


@pytest.mark.parametrize(
    ("code", "name", "fits"),
    [
        ("gm0518", "Den Haag ('s-Gravenhage)", True),
        ("gm0518", "'s-Gravenhage", True),
        ("gm0518", "Den Haag", True),
        ("gm0796", "'s-Hertogenbosch", True),
        ("gm0373", "Bergen (NH.)", True),
        ("gm0373", "Bergen (Noord-Holland)", True),
        ("gm0373", "Bergen", False),  # two municipalities
        ("gm0344", "Utrechtse Heuvelrug", False),
        ("gm0344", "Amsterdam", False),
        ("gm0363", "Gemeente Amsterdam", True),
    ],
)
def test_display_names(code, name, fits):
    assert gm.display_name_fits(code, name) is fits


def test_the_table_imports_only_the_standard_library():
    code = (
        "import sys, generator.municipalities as m; m.match('Utrecht');"
        "print(sorted(n for n in ('yaml', 'pydantic', 'networkx', 'jinja2', 'click') if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.strip() == "[]", done.stderr


# ---- organisations.yaml: every municipality of 2025 (retratstoliped import municipalities)


def test_the_shipped_file_lists_every_municipality_of_2025_once():
    from generator.model import check_model

    result = check_model(ROOT / "modules")
    assert result.problems == []
    listed = [o for o in result.landscape.organisations.values() if o.kind == "municipality"]
    assert sorted(o.id for o in listed) == [m.code for m in gm.current()]
    names = {o.id: o.name for o in listed}
    assert names["gm0518"] == "Den Haag ('s-Gravenhage)"  # a friendlier name is kept
    assert names["gm1680"] == "Aa en Hunze"


def test_the_shipped_file_is_what_the_merge_makes_of_it():
    from generator.importers.municipalities import merge

    text = (ROOT / "modules" / "organisations.yaml").read_text(encoding="utf-8")
    again = merge(text)
    assert again.added == [] and again.listed == 342
    assert again.text == text


ORGS = """\
# Kop van het bestand.

- id: gm0599
  name: Rotterdam
  kind: municipality
  website: https://www.rotterdam.nl
# Leverancier met opmerking.
- id: maykin
  name: Maykin Media
  kind: supplier
- id: gm0518
  name: Den Haag ('s-Gravenhage)   # vriendelijke naam
  kind: municipality
  maintainers:

    - '@denhaag'
"""


def test_merge_adds_the_missing_ones_by_name_and_keeps_every_byte_of_the_rest():
    from generator.importers.municipalities import flow_entry, merge

    result = merge(ORGS)
    assert len(result.added) == 340 and result.listed == 2
    lines = result.text.splitlines()
    assert lines[0] == "# Kop van het bestand."
    assert "  name: Den Haag ('s-Gravenhage)   # vriendelijke naam\n  kind: municipality\n" in result.text
    assert "  maintainers:\n\n    - '@denhaag'\n" in result.text
    assert "# Leverancier met opmerking.\n- id: maykin\n" in result.text
    data = yaml.safe_load(result.text)
    assert len(data) == 343 and data[-1]["id"] == "maykin"
    order = [gm.normalise(o["name"]) for o in data[:-1]]
    assert order == sorted(order)
    assert data[0] == {"id": "gm1680", "name": "Aa en Hunze", "kind": "municipality"}
    assert flow_entry(gm.lookup("gm0820")) in lines
    assert merge(result.text).text == result.text  # a second run changes nothing


def test_every_flow_entry_reads_back():
    from generator.importers.municipalities import flow_entry

    for municipality in gm.current():
        expected = [{"id": municipality.code, "name": municipality.name, "kind": "municipality"}]
        assert yaml.safe_load(flow_entry(municipality)) == expected, municipality


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The installed console script, as an editor runs it."""
    exe = Path(sys.executable).parent / "retratstoliped"
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True)


def test_the_command_prints_then_writes(tmp_path):
    (tmp_path / "modules").mkdir()
    orgs = tmp_path / "modules" / "organisations.yaml"
    orgs.write_text(ORGS, encoding="utf-8")
    dry = cli("import", "municipalities", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout == (
        "modules/organisations.yaml: would add 340 municipalities of 2025 (Aa en Hunze, Aalsmeer, "
        "Aalten, Achtkarspelen, Alblasserdam, ...); 2 were listed already; run with --write to write them\n"
    )
    assert orgs.read_text(encoding="utf-8") == ORGS
    wet = cli("import", "municipalities", "--write", cwd=tmp_path)
    assert wet.returncode == 0 and wet.stdout.startswith("modules/organisations.yaml: added 340 ")
    assert len(yaml.safe_load(orgs.read_text(encoding="utf-8"))) == 343
    assert sorted(p.name for p in orgs.parent.iterdir()) == ["organisations.yaml"]
    assert stat.S_IMODE(orgs.stat().st_mode) == ordinary_mode()  # not mkstemp's 0600


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- id: gm0363\n  name: [\n", "modules/organisations.yaml:3:1: error: "),
        ("id: gm0363\n", "modules/organisations.yaml:1:1: error: organisations.yaml must be a list"),
        ("  - id: gm0363\n    name: Amsterdam\n", "modules/organisations.yaml:1:1: error: cannot merge"),
        ("[{id: a, name: A, kind: other}]\n", "modules/organisations.yaml:1:1: error: cannot merge"),
    ],
)
def test_bad_input_is_a_located_message_and_leaves_the_file_alone(tmp_path, text, message):
    (tmp_path / "modules").mkdir()
    orgs = tmp_path / "modules" / "organisations.yaml"
    orgs.write_text(text, encoding="utf-8")
    done = cli("import", "municipalities", "--write", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr
    assert orgs.read_text(encoding="utf-8") == text
