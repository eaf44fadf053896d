"""``retratstoliped import publiccode FILE...``: modules from publiccode.yml files.

The real files in ../shared/data/publiccode-nl (beside the clone, as in CI) are
imported into a copy of the shipped modules/; small hand-written files pin down
each rule of the mapping and each kind of bad input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import cli as cli_module
from generator.cli import cli
from generator.importers.publiccode import read, run
from generator.importers.publiccode.parties import Directory, Organisation
from generator.importers.publiccode.plan import plan_file
from generator.importers.publiccode.state import load
from generator.model import check_model

from .conftest import BASE, ROOT, ordinary_mode

DATA = ROOT.parent / "shared" / "data" / "publiccode-nl"
SHIPPED = ROOT / "modules"
REAL = sorted(p for p in DATA.glob("*.publiccode.y*ml"))
NOT_PUBLICCODE = "CommonGateway__gateway.publiccode.yaml"  # no publiccodeYmlVersion
TODAY = dt.date(2026, 11, 28)


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def invoke(*args: str) -> tuple[int, str, str]:
    """The command in this process: exit code, stdout, stderr."""
    done = CliRunner().invoke(cli, ["import", "publiccode", *args], catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A copy of the shipped model, taken once (others may edit modules/ meanwhile)."""
    folder = tmp_path_factory.mktemp("shipped") / "modules"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture
def shipped(tmp_path, pristine) -> Path:
    """A fresh copy of the shipped model for one test."""
    folder = tmp_path / "modules"
    shutil.copytree(pristine, folder)
    return folder


@pytest.fixture
def base(tmp_path) -> Path:
    """The small base fixture model."""
    folder = tmp_path / "model" / "modules"
    shutil.copytree(BASE, folder)
    return folder


def publiccode(tmp_path: Path, body: str, name: str = "publiccode.yml") -> Path:
    """A publiccode.yml file with ``body``."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


MINIMAL = """\
publiccodeYmlVersion: '0.4'
name: Afvalkalender
url: https://github.com/example/afvalkalender.git
landingURL: https://afvalkalender.example.org/
developmentStatus: stable
description:
  nl:
    shortDescription: Wanneer wordt **welk** afval opgehaald, per adres.
    longDescription: |
      De afvalkalender toont per adres de ophaaldagen.

      Met een [koppeling](https://example.org) naar de BAG.
    documentation: https://docs.example.org/
legal:
  mainCopyrightOwner: Gemeente Súdwest-Fryslân
  repoOwner: VNG Realisatie
usedBy:
  - Gemeente Súdwest-Fryslân
  - Gemeente Den Haag
  - City of Amsterdam
  - Gemeente Amsterdm
  - ING
"""


# -- the real files --------------------------------------------------------------------


def test_the_data_is_there():
    assert len(REAL) == 27


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name.split(".")[0])
def test_every_real_file_reads_and_plans_without_traceback(path, pristine):
    source = read(path)
    for problem in source.problems:
        assert problem.path == str(path)
        assert problem.line >= 1 and problem.column >= 1
    if path.name == NOT_PUBLICCODE:
        assert [str(p) for p in source.problems if p.severity == "error"] == [
            f"{path}:1:1: error: not a publiccode.yml file: publiccodeYmlVersion is missing"
        ]
        return
    assert source.ok, source.problems
    plan = plan_file(source, load(pristine), module_id=None, choose_layer=lambda s, i: "diensten",
                     today=TODAY)
    assert source.ok, source.problems
    assert plan.module_id and plan.rel


NEW_MODULES = sorted([
    "alletaal-lint", "amsterdam-design-system", "bouwmeester", "brede-welvaart-scan",
    "dimpact-zaakafhandelcomponent-zac", "frank-framework", "huwelijksplannerbundle", "nl-wallet",
    "open-forms-sdk", "open-personen", "opencatalogibundle", "owc-pub", "owcpdc", "tad", "valtimo",
])


def test_all_real_files_at_once_write_a_model_that_passes_check(shipped):
    before = check_model(shipped).problems
    before_files = tree(shipped)
    files = [str(p) for p in REAL if p.name != NOT_PUBLICCODE]
    code, out, err = invoke(*files, "--model", str(shipped), "--layer", "diensten", "--write")
    assert code == 0, err
    assert "Traceback" not in out + err
    assert out.splitlines()[-2] == (
        "26 files: 2 existing module(s) filled, 15 new module(s), 9 with nothing to fill; "
        "usedBy: 29 name(s) matched, 9 not"
    )
    assert out.splitlines()[-1] == "wrote 17 file(s)"
    result = check_model(shipped)
    assert result.errors == []
    added = {(p.code, p.path) for p in result.problems} - {(p.code, p.path) for p in before}
    assert {code for code, _ in added} == {"island"}  # a new module depends on nothing yet
    modules = result.landscape.modules
    after = tree(shipped)
    assert sorted(set(after) - set(before_files)) == [f"diensten/{name}.yaml" for name in NEW_MODULES]
    changed = sorted(rel for rel in before_files if before_files[rel] != after[rel])
    assert changed == ["infrastructuur/open-zaakbrug.yaml", "portalen/open-inwoner.yaml"]
    written = [*changed, *(set(after) - set(before_files))]
    assert {stat.S_IMODE((shipped / rel).stat().st_mode) for rel in written} == {ordinary_mode()}
    assert "open-object" not in modules and "objecttypes-api" not in modules
    assert modules["valtimo"].status == "available" and modules["valtimo"].owner == "ritense"
    assert [c.org for c in modules["valtimo"].consumers] == ["gm0363", "gm0518", "gm0599", "gm0344"]
    assert modules["frank-framework"].status == "wanted" and modules["frank-framework"].owner is None
    assert modules["owcpdc"].status == "developing" and modules["owcpdc"].consumers == []
    assert modules["open-inwoner"].links.documentation == (
        "https://github.com/maykinmedia/open-inwoner/blob/develop/README.rst"
    )
    code, out, err = invoke(*files, "--model", str(shipped), "--layer", "diensten", "--write")
    assert code == 0, err
    assert out.splitlines()[-1] == "nothing to write"  # a second run adds nothing
    assert tree(shipped) == after


def test_all_27_files_with_one_not_publiccode_write_nothing(shipped):
    before = tree(shipped)
    code, _, err = invoke(*map(str, REAL), "--model", str(shipped), "--layer", "diensten", "--write")
    assert code == 1
    missing = "1:1: error: not a publiccode.yml file: publiccodeYmlVersion is missing"
    assert f"{DATA / NOT_PUBLICCODE}:{missing}" in err.splitlines()
    assert tree(shipped) == before


def test_open_zaak_onto_the_shipped_model_has_nothing_to_fill(shipped):
    before = tree(shipped)
    code, out, err = invoke(str(DATA / "open-zaak__open-zaak.publiccode.yaml"), "--model", str(shipped),
                            "--write")
    assert code == 0, err
    assert out.startswith(
        f"{DATA / 'open-zaak__open-zaak.publiccode.yaml'}: module open-zaak "
        f"({shipped.as_posix()}/diensten/open-zaak.yaml, found by id from name): nothing to fill\n"
    )
    assert (
        "usedBy: 8 of 8 names matched (gm0363, gm0214, gm0518, gm0392, gm0599, gm1900, gm0855, gm0344)"
    ) in out
    assert tree(shipped) == before


def test_open_zaak_fills_only_what_an_editor_left_empty(shipped):
    path = shipped / "diensten" / "open-zaak.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.replace("consumers: [gm0363, gm0214, gm0518, gm0392, gm0599, gm1900, gm0855, gm0344]\n", "")
    cut = cut.replace("  documentation: https://open-zaak.readthedocs.io/\n", "")
    cut = "# Een opmerking van de redactie.\n" + cut
    path.write_text(cut, encoding="utf-8")
    code, out, err = invoke(str(DATA / "open-zaak__open-zaak.publiccode.yaml"), "--model", str(shipped))
    assert code == 0, err
    diff = [
        line for line in out.splitlines() if line.startswith(("+", "-")) and line[:3] not in ("+++", "---")
    ]
    assert diff == [
        "+  documentation: https://open-zaak.readthedocs.io/",
        "+consumers: [gm0363, gm0214, gm0518, gm0392, gm0599, gm1900, gm0855, gm0344]",
    ]
    assert path.read_text(encoding="utf-8") == cut  # no --write: nothing written
    code, _, _ = invoke(str(DATA / "open-zaak__open-zaak.publiccode.yaml"), "--model", str(shipped),
                        "--write")
    assert code == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(cut.split("  repository:")[0])  # the editor's text, comment included
    module = check_model(shipped).landscape.modules["open-zaak"]
    assert (module.status, module.owner) == ("available", "dimpact")
    assert [c.org for c in module.consumers][-1] == "gm0344"


def test_a_module_file_in_another_form_is_filled_by_lines_only(base, tmp_path):
    path = base / "diensten" / "zaken.yaml"
    path.write_text(
        "# Zaken: door de redactie bijgehouden.\n"
        "name: Zaken   # de naam\n"
        "layer: diensten\n"
        "summary: Registratie van zaken volgens de ZGW API's.\n"
        "status: available\n"
        "owner: gm0363\n"
        "partners: []\n"
        "standards: [zgw-apis]\n"
        "depends_on: [inloggen]\n"
        "links:\n"
        "    website: https://example.org/zaken   # de site\n"
        "    # contact volgt\n"
        "\n"
        "history:\n"
        "  - date: 2024-01-01\n"
        "    status: available\n",
        encoding="utf-8",
    )
    before = path.read_text(encoding="utf-8")
    source = publiccode(tmp_path, MINIMAL.replace("name: Afvalkalender", "name: Zaken"))
    code, _, err = invoke(str(source), "--model", str(base), "--write")
    assert code == 0, err
    after = path.read_text(encoding="utf-8").splitlines()
    assert after[:6] == before.splitlines()[:6]
    assert after[6:11] == [  # "partners: []" filled in place: the copyright owner and repoOwner
        "partners:", "  - org: gm1900", "    role: co-developer", "  - org: vng", "    role: co-developer"
    ]
    assert after[11:14] == before.splitlines()[7:10]
    assert after[14:18] == [
        "    website: https://example.org/zaken   # de site",
        "    repository: https://github.com/example/afvalkalender",
        "    documentation: https://docs.example.org/",
        "    # contact volgt",
    ]
    assert after[-5:] == [  # appended at the end
        "description: |",
        "  De afvalkalender toont per adres de ophaaldagen.",
        "",
        "  Met een [koppeling](https://example.org) naar de BAG.",
        "consumers: [gm1900, gm0518, gm0363]",
    ]
    assert "gm1900" in (base / "organisations.yaml").read_text(encoding="utf-8")
    assert check_model(base).errors == []


# -- the mapping -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Gemeente Súdwest-Fryslân", "gm1900"),
        ("Gemeente Den Haag", "gm0518"),
        ("City of Amsterdam", "gm0363"),
        ("Gemeente 's-Hertogenbosch", "gm0796"),
        ("Maykin", "maykin-media"),
        ("Conduction B.V", "conduction"),
        ("Ritense BV", "ritense"),
    ],
)
def test_names_are_matched(spelling, code):
    state = load(SHIPPED)
    found = Directory(state.organisations).find(spelling)
    assert found is not None and found.id == code


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Gemeente Amsterdm", "is not a municipality of 2025 (closest: Amsterdam, Asten, Alblasserdam)"),
        ("Gemeente Bergen", "can be more than one municipality (Bergen (NH.), Bergen (L.))"),
        ("Gemeente Weesp", "is no longer a municipality; it went into Amsterdam (gm0363)"),
        ("ING", "is neither a municipality nor an organisation in organisations.yaml"),
        ("Technische Universiteit Delft",
         "is neither a municipality nor an organisation in organisations.yaml"),
        ("Maykn Media", "is neither a municipality nor an organisation in organisations.yaml "
                        "(closest: Maykin Media)"),
    ],
)
def test_names_never_guessed(name, why):
    directory = Directory(load(SHIPPED).organisations)
    assert directory.find(name) is None
    assert directory.unknown(name) == why


def test_new_module_from_a_file_with_a_municipality_added(base, tmp_path):
    source = publiccode(tmp_path, MINIMAL)
    organisations = (base / "organisations.yaml").read_text(encoding="utf-8")
    code, _, err = invoke(str(source), "--model", str(base), "--layer", "diensten", "--write")
    assert code == 0, err
    assert err.splitlines() == [
        f"{source}:21:5: warning: usedBy[3] 'Gemeente Amsterdm' is not a municipality of 2025 "
        "(closest: Amsterdam, Asten, Alblasserdam); not imported",
        f"{source}:22:5: warning: usedBy[4] 'ING' is neither a municipality nor an organisation in "
        "organisations.yaml; not imported",
        f"{base.as_posix()}/diensten/afvalkalender.yaml:2:1: warning: 'afvalkalender' is an island: "
        "it depends on no module and no module depends on it",
    ]
    written = (base / "diensten" / "afvalkalender.yaml").read_text(encoding="utf-8")
    assert written == (
        "# yaml-language-server: $schema=../../schema/module.schema.json\n"
        "name: Afvalkalender\n"
        "layer: diensten\n"
        "summary: Wanneer wordt welk afval opgehaald, per adres.\n"
        "description: |\n"
        "  De afvalkalender toont per adres de ophaaldagen.\n"
        "\n"
        "  Met een [koppeling](https://example.org) naar de BAG.\n"
        "status: available\n"
        "owner: gm1900\n"
        "partners:\n"
        "  - org: vng\n"
        "    role: co-developer\n"
        "consumers: [gm1900, gm0518, gm0363]\n"
        "depends_on: []\n"
        "links:\n"
        "  website: https://afvalkalender.example.org/\n"
        "  repository: https://github.com/example/afvalkalender\n"
        "  documentation: https://docs.example.org/\n"
        "history:\n"
        f"  - date: {dt.date.today().isoformat()}\n"
        "    status: available\n"
        '    note: "Geïmporteerd uit publiccode.yml (developmentStatus: stable)."\n'
    )
    after = (base / "organisations.yaml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in organisations.splitlines()]
    assert added == [  # in name order: 's-Gravenhage sorts as "s gravenhage"
        "- {id: gm0518, name: \"'s-Gravenhage\", kind: municipality}",
        "- {id: gm1900, name: Súdwest-Fryslân, kind: municipality}",
    ]
    result = check_model(base)
    assert result.errors == []
    assert [p.code for p in result.problems] == ["island"]


def test_municipalities_go_back_where_import_municipalities_puts_them(shipped, pristine, tmp_path):
    organisations = shipped / "organisations.yaml"
    lines = organisations.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "gm1680," not in line and "gm0358," not in line]
    organisations.write_text("".join(kept), encoding="utf-8")
    body = MINIMAL.replace("Gemeente Súdwest-Fryslân", "Gemeente Aa en Hunze").replace(
        "  - Gemeente Den Haag\n", "  - Gemeente Aalsmeer\n")
    code, out, err = invoke(str(publiccode(tmp_path, body)), "--model", str(shipped), "--layer", "diensten",
                            "--write")
    assert code == 0, err
    assert "organisations.yaml: adds gm1680, gm0358" in out
    assert organisations.read_bytes() == (pristine / "organisations.yaml").read_bytes()


@pytest.mark.parametrize(
    ("development", "owner", "status"),
    [
        ("concept", "Gemeente Utrecht", "claimed"),
        ("development", "Gemeente Utrecht", "developing"),
        ("beta", "Gemeente Utrecht", "available"),
        ("stable", "Gemeente Utrecht", "available"),
        ("obsolete", "Gemeente Utrecht", "retired"),
        ("stable", "Onbekend B.V.", "wanted"),
        ("concept", "Onbekend B.V.", "wanted"),
    ],
)
def test_development_status_to_status(base, tmp_path, development, owner, status):
    body = MINIMAL.replace("developmentStatus: stable", f"developmentStatus: {development}")
    body = body.replace("mainCopyrightOwner: Gemeente Súdwest-Fryslân", f"mainCopyrightOwner: {owner}")
    body = body.replace("repoOwner: VNG Realisatie", "repoOwner: Onbekend B.V.")
    outcome = run([publiccode(tmp_path, body)], base, choose_layer=lambda s, i: "diensten",
                  write_files=True, today=TODAY)
    assert not outcome.failed, outcome.problems
    module = check_model(base).landscape.modules["afvalkalender"]
    assert module.status == status
    assert module.owner == (None if status == "wanted" else "gm0344")
    assert bool(module.consumers) == (status in ("available", "retired"))


def test_obsolete_without_a_known_owner_is_refused(base, tmp_path):
    body = MINIMAL.replace("developmentStatus: stable", "developmentStatus: obsolete")
    body = body.replace("mainCopyrightOwner: Gemeente Súdwest-Fryslân", "mainCopyrightOwner: Onbekend")
    body = body.replace("repoOwner: VNG Realisatie", "repoOwner: Ook Onbekend")
    before = tree(base)
    code, _, err = invoke(str(publiccode(tmp_path, body)), "--model", str(base), "--layer", "diensten",
                          "--write")
    assert code == 1
    assert (
        f"{tmp_path / 'publiccode.yml'}:5:20: error: developmentStatus 'obsolete': a retired module needs "
        "an owner, and the file names none that is known ('Onbekend', 'Ook Onbekend' not in "
        "organisations.yaml); add it to organisations.yaml, or fill an existing module with --module"
    ) in err
    assert tree(base) == before


@pytest.mark.parametrize(
    ("version", "warning"),
    [
        ("'0.2'", None),
        ("'0.4'", None),
        ('"0.1"', "publiccodeYmlVersion '0.1' is older than the supported 0.2 to 0.4; "
                  "its fields are read as in 0.4"),
        ("0.5.0", "publiccodeYmlVersion '0.5.0' is newer than the supported 0.2 to 0.4; "
                  "its fields are read as in 0.4"),
        ("1.0", "publiccodeYmlVersion is the number 1.0; the standard wants text ('1.0')"),
    ],
)
def test_versions(tmp_path, version, warning):
    source = read(publiccode(tmp_path, MINIMAL.replace("'0.4'", version)))
    assert source.ok
    found = [p.message for p in source.problems if p.code == "publiccode-version"]
    assert found[:1] == ([warning] if warning else [])


def test_hidden_characters_are_removed_and_reported():
    source = read(DATA / "wearefrank__zaakbrug.publiccode.yaml")
    assert "\u200b" not in (source.description or "")
    assert "geimplementeert" in (source.description or "")
    assert [p.message for p in source.problems] == [
        "description.nl.longDescription: removed 2 invisible characters (U+200B ZERO WIDTH SPACE)"
    ]


def test_a_url_shared_by_two_files_makes_two_modules(shipped):
    pdc, pub = DATA / "ConductionNL__OpenPdc.publiccode.yaml", DATA / "ConductionNL__OpenPub.publiccode.yaml"
    code, out, err = invoke(str(pdc), str(pub), "--model", str(shipped), "--layer", "diensten")
    assert code == 0, err
    assert "new module owcpdc" in out and "new module owc-pub" in out


def test_an_organisation_url_is_a_hint_never_a_match(shipped):
    code, out, err = invoke(str(DATA / "valtimo-platform__valtimo.publiccode.yml"), "--model", str(shipped),
                            "--layer", "transactieplatforms")
    assert code == 0, err
    assert "new module valtimo" in out
    assert (
        "4:6: warning: the repository of gzac is the organisation this url is in; if it is the same "
        "software, fill it with --module gzac"
    ) in err
    code, out, err = invoke(str(DATA / "valtimo-platform__valtimo.publiccode.yml"), "--model", str(shipped),
                            "--module", "gzac")
    assert code == 0, err
    assert "module gzac" in out and "found by --module" in out
    assert "+  website: https://www.valtimo.nl/" in out


# -- bad input -------------------------------------------------------------------------

BOMB = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\npubliccodeYmlVersion: '0.4'\nname: Bom\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("name: [unclosed\n", "2:1: error: invalid YAML: did not find expected ',' or ']'"),
        ("- publiccodeYmlVersion: '0.4'\n- name: x\n",
         "1:1: error: not a publiccode.yml file: the file is a list, not a mapping"),
        ("title: Iets anders\nversion: 3\n",
         "1:1: error: not a publiccode.yml file: it has neither publiccodeYmlVersion nor name"),
        ("", "1:1: error: not a publiccode.yml file: the file is empty"),
        (MINIMAL.replace("name: Afvalkalender\n", ""), "1:1: error: name is missing"),
        (MINIMAL.replace("name: Afvalkalender", "name: ['lijst']"),
         "2:7: error: name must be text, not a list"),
        (MINIMAL.replace("publiccodeYmlVersion: '0.4'\n", ""),
         "1:1: error: not a publiccode.yml file: publiccodeYmlVersion is missing"),
        (MINIMAL.replace("'0.4'", "'latest'"), "1:23: error: publiccodeYmlVersion 'latest' is not a version"),
        (MINIMAL.replace("https://afvalkalender.example.org/", "javascript:alert(1)"),
         "4:13: error: landingURL 'javascript:alert(1)' is a javascript: URL; a file with such a link "
         "is not imported (links are http(s) only)"),
        (BOMB, "1:4: error: YAML anchors are not allowed (&a); write the value out"),
        (MINIMAL + "name: Dubbel\n", "23:1: error: duplicate key 'name' (first defined on line 2)"),
        (MINIMAL.replace("name: Afvalkalender", "name: " + "x" * 81),
         "2:7: error: name is 81 characters; a module name has at most 80 (shorten it in the file, or "
         "fill an existing module with --module)"),
    ],
    ids=["not-yaml", "list", "not-publiccode", "empty", "no-name", "name-list", "no-version",
         "bad-version", "javascript-url", "alias-bomb", "duplicate-key", "long-name"],
)
def test_bad_input_is_located_and_writes_nothing(base, tmp_path, body, message):
    path = publiccode(tmp_path, body)
    good = publiccode(tmp_path, MINIMAL, "good.publiccode.yml")  # a good file in the same run
    before = tree(base)
    code, out, err = invoke(str(good), str(path), "--model", str(base), "--layer", "diensten", "--write")
    assert code == 1
    assert f"{path}:{message}" in err.splitlines()
    assert out.splitlines()[-1].endswith("error(s): nothing written")
    assert "Traceback" not in out + err
    assert tree(base) == before


def test_a_10_mb_file_is_refused_before_parsing(base, tmp_path):
    path = tmp_path / "huge.publiccode.yml"
    with path.open("w", encoding="utf-8") as out:
        out.write("publiccodeYmlVersion: '0.4'\nname: Groot\ndescription: |\n")
        line = "  " + "x" * 98 + "\n"
        out.write(line * (10 * 1024 * 1024 // len(line)))
    before = tree(base)
    code, _, err = invoke(str(path), "--model", str(base), "--layer", "diensten", "--write")
    assert code == 1
    assert err.splitlines() == [f"{path}:1:1: error: file is larger than 1 MiB"]
    assert tree(base) == before


def test_a_missing_file_is_located(base, tmp_path):
    code, _, err = invoke(str(tmp_path / "nope.yml"), "--model", str(base), "--layer", "diensten")
    assert code == 1
    missing = "1:1: error: cannot read file: No such file or directory"
    assert err.splitlines() == [f"{tmp_path / 'nope.yml'}:{missing}"]


def test_a_new_module_without_layer_is_a_usage_error(base, tmp_path):
    code, _, err = invoke(str(publiccode(tmp_path, MINIMAL)), "--model", str(base))
    assert code == 2
    assert (
        f"{tmp_path / 'publiccode.yml'}: 'Afvalkalender' becomes the new module 'afvalkalender'; "
        "give its layer with --layer (portalen, diensten, infrastructuur)"
    ) in err
    code, _, err = invoke(str(publiccode(tmp_path, MINIMAL)), "--model", str(base), "--layer", "dienst")
    assert code == 2
    assert "'dienst' is not a layer (did you mean 'diensten'?)" in err


def test_the_layer_is_asked_on_a_terminal(base, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_module, "_stdin_is_tty", lambda: True)
    done = CliRunner().invoke(
        cli, ["import", "publiccode", str(publiccode(tmp_path, MINIMAL)), "--model", str(base), "--write"],
        input="infrastructuur\n",
    )
    assert done.exit_code == 0, done.output
    assert "Layer of the new module 'afvalkalender'" in done.output
    assert (base / "infrastructuur" / "afvalkalender.yaml").exists()


def test_module_names_a_new_module(base, tmp_path):
    code, out, err = invoke(str(publiccode(tmp_path, MINIMAL)), "--model", str(base), "--module",
                            "afval-ophalen", "--layer", "diensten", "--write")
    assert code == 0, err
    assert "new module afval-ophalen" in out
    assert check_model(base).landscape.modules["afval-ophalen"].name == "Afvalkalender"


def test_module_takes_one_file(base, tmp_path):
    one = publiccode(tmp_path, MINIMAL, "a.yml")
    code, _, err = invoke(str(one), str(one), "--model", str(base), "--module", "zaken")
    assert code == 2
    assert "--module takes one FILE" in err


def test_the_console_script_shows_no_traceback(base, tmp_path):
    path = publiccode(tmp_path, "\x00\x01 niet: [yaml")
    exe = Path(sys.executable).parent / "retratstoliped"
    done = subprocess.run([str(exe), "import", "publiccode", str(path), "--model", str(base)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"{path}:1:1: error: invalid YAML")
    assert "Traceback" not in done.stderr


def test_directory_matches_only_unique_first_words():
    directory = Directory([
        Organisation("acme-one", "Acme Eén", "supplier"),
        Organisation("acme-two", "Acme Twee", "supplier"),
        Organisation("maykin-media", "Maykin Media", "supplier"),
    ])
    assert directory.find("Acme") is None
    assert directory.find("Maykin").id == "maykin-media"
