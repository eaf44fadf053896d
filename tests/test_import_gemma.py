"""``retratstoliped import gemma``: the GEMMA reference components merged into a model.

The real exports in ../shared/data/gemma (beside the clone, as in CI) are merged
into a copy of the shipped modules/; a small hand-made export pins down each rule
of the mapping (flow direction, inheritance, cycles, islands, standards).
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.importers.gemma import run, tables
from generator.importers.gemma.plan import Plan, plan_import
from generator.importers.gemma.write import patch_landscape
from generator.model import check_model
from generator.model.graphalgo import cycles, island_pieces

from .conftest import ROOT
from .sitebuild import mkdocs_build, write_config

DATA = ROOT.parent / "shared" / "data" / "gemma"
SHIPPED = ROOT / "modules"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as an editor runs it."""
    exe = Path(sys.executable).parent / "retratstoliped"
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True)


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A copy of the shipped model, taken once (others may edit modules/ meanwhile)."""
    folder = tmp_path_factory.mktemp("shipped") / "modules"
    shutil.copytree(SHIPPED, folder)
    return folder


@pytest.fixture(scope="module")
def plan(pristine) -> Plan:
    """The plan of merging the real GEMMA export into the shipped model."""
    return plan_import(DATA, pristine)


@pytest.fixture(scope="module")
def merged(tmp_path_factory, pristine) -> tuple[Path, subprocess.CompletedProcess]:
    """A copy of the shipped model with the real GEMMA export merged in (--write)."""
    folder = tmp_path_factory.mktemp("gemma") / "modules"
    shutil.copytree(pristine, folder)
    done = cli("import", "gemma", str(DATA), "--model", str(folder), "--write", "--date", ON.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    return folder, done


ON = dt.date(2026, 6, 1)
"""The date the merged fixture puts the components on the menu."""


# -- the real export ---------------------------------------------------------------


def test_every_component_is_accounted_for(merged, pristine, plan):
    folder, _ = merged
    counted = len(plan.modules) + len(plan.matched) + len(plan.islands) + len(plan.skipped)
    assert counted == plan.components == 227
    shipped = len(check_model(pristine).landscape.modules)
    assert len(check_model(folder).landscape.modules) == shipped + len(plan.modules)
    # The GEMMA data connects about 70 of the ~185 components the shipped model
    # lacks; the rest have no flow or interface standard that reaches the
    # landscape and are left out (reported), not connected by invented edges.
    assert len(plan.modules) >= 60
    assert len(plan.islands) >= 100


def test_merged_model_passes_strict_check(merged):
    folder, _ = merged
    result = check_model(folder)
    assert result.problems == []
    done = cli("check", str(folder), "--strict")
    assert done.returncode == 0, done.stdout + done.stderr


def test_existing_files_unchanged_but_landscape_only_gains_lines(merged, pristine):
    folder, _ = merged
    before, after = tree(pristine), tree(folder)
    changed = {p for p in before if before[p] != after[p]}
    assert changed == {"landscape.yaml"}
    old = (pristine / "landscape.yaml").read_text(encoding="utf-8").splitlines()
    new = (folder / "landscape.yaml").read_text(encoding="utf-8").splitlines()
    ops = {op for op, *_ in difflib.SequenceMatcher(None, old, new).get_opcodes()}
    assert ops == {"equal", "insert"}


def test_existing_owner_and_status_unchanged(merged, pristine):
    folder, _ = merged
    old = check_model(pristine).landscape.modules
    new = check_model(folder).landscape.modules
    for module_id, module in old.items():
        assert (new[module_id].owner, new[module_id].status) == (module.owner, module.status)


def test_aliases_honoured(merged, plan):
    folder, _ = merged
    landscape = check_model(folder).landscape
    for gemma_name, module_id in tables.ALIASES.items():
        assert module_id in landscape.modules, module_id
        others = [m.id for m in landscape.modules.values() if m.name == gemma_name]
        assert others in ([], [module_id]), gemma_name
    assert not list(folder.rglob("zaakregistratiecomponent.yaml"))
    zaak = [m.id for m in landscape.modules.values() if "zaakregistratie" in m.id]
    assert zaak == []
    assert ("Zaakregistratiecomponent", "open-zaak", "alias") in plan.matched


def test_no_cycle_and_no_island(merged):
    folder, _ = merged
    landscape = check_model(folder).landscape
    succ = {m.id: [d.module for d in m.depends_on] for m in landscape.modules.values()}
    assert cycles(succ) == []
    in_scope = [m.id for m in landscape.modules.values() if m.status != "out-of-scope"]
    assert island_pieces(succ, in_scope) == []


def test_new_modules_are_wanted_with_header_source_and_evidence(merged, plan):
    folder, _ = merged
    for module in plan.modules:
        text = (folder / module.path).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/module.schema.json\n")
        assert "\nstatus: wanted\n" in text
        assert "owner:" not in text and "consumers:" not in text
        assert "Bron: [GEMMA-referentiearchitectuur](https://www.gemmaonline.nl/) van VNG" in text
        for dependency in module.depends_on:  # never invented: each has GEMMA evidence
            assert dependency.evidence
    islands = {name for name, _ in plan.islands}
    landscape = check_model(folder).landscape
    assert not islands & {m.name for m in landscape.modules.values()}


def test_layer_mapping_applied(merged, plan):
    folder, _ = merged
    expect = {
        "infrastructuur/gegevensmagazijncomponent.yaml": "infrastructuur",
        "portalen/archiefportaalcomponent.yaml": "portalen",
        "kanalen/callcentercomponent.yaml": "kanalen",
        "diensten/parkeerbeheercomponent.yaml": "diensten",
        "transactieplatforms/documentbeheercomponent.yaml": "transactieplatforms",
        "infrastructuur/brk-basisregistratie-kadaster.yaml": "infrastructuur",
    }
    for path, layer in expect.items():
        assert f"\nlayer: {layer}\n" in (folder / path).read_text(encoding="utf-8")
    for module in plan.modules:
        component = module.component
        wanted = tables.LAYER_OVERRIDES.get(component.name) or tables.GROUP_LAYERS[component.group]
        assert module.layer == wanted
    assert plan.fallback_layers == []


def test_summaries_are_one_clean_line(merged):
    folder, _ = merged
    for module in check_model(folder).landscape.modules.values():
        assert len(module.summary) <= 200 and "\n" not in module.summary
        assert "*" not in module.summary


def test_idempotent(merged):
    folder, _ = merged
    before = tree(folder)
    done = cli("import", "gemma", str(DATA), "--model", str(folder), "--write")
    assert done.returncode == 0, done.stderr
    assert tree(folder) == before
    assert ": 0 new modules," in done.stdout
    assert "new standards in landscape.yaml: 0" in done.stdout


def test_deterministic(tmp_path, merged, pristine):
    folder, _ = merged
    again = tmp_path / "modules"
    shutil.copytree(pristine, again)
    run(DATA, again, write_files=True, on=ON)
    assert tree(again) == tree(folder)


def test_each_new_module_is_dated_on_the_menu(merged, pristine):
    """The one history entry lets /voortgang/ and a build of the past count it from then."""
    from generator.model import load_landscape
    from generator.model.asof import landscape_as_of

    folder, _ = merged
    new = {p.stem for p in folder.rglob("*.yaml")} - {p.stem for p in pristine.rglob("*.yaml")}
    landscape = load_landscape(folder)
    assert new and all(
        [(h.date, h.status) for h in landscape.modules[i].history] == [(ON, "wanted")] for i in new
    )
    assert new <= set(landscape_as_of(landscape, ON).modules)
    assert not new & set(landscape_as_of(landscape, ON - dt.timedelta(days=1)).modules)


def test_dry_run_writes_nothing_and_reports(tmp_path, pristine):
    folder = tmp_path / "modules"
    shutil.copytree(pristine, folder)
    before = tree(folder)
    done = cli("import", "gemma", str(DATA), "--model", str(folder))
    assert done.returncode == 0, done.stderr
    assert tree(folder) == before
    assert "(dry run, nothing written; --write writes it)" in done.stdout
    assert "Would add modules:" in done.stdout
    assert "  Zaakregistratiecomponent = open-zaak (alias)" in done.stdout
    assert "Left out: no GEMMA relation connects them to the landscape (islands):" in done.stdout


def test_merged_model_builds(tmp_path, merged):
    folder, _ = merged
    config = write_config(tmp_path, folder)
    done = mkdocs_build(config, tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    page = tmp_path / "site" / "modules" / "gegevensmagazijncomponent" / "index.html"
    assert "Gegevensmagazijncomponent" in page.read_text(encoding="utf-8")


# -- the rules, on a small hand-made export ----------------------------------------

def csv_text(*rows: tuple[str, ...]) -> str:
    """CSV text of a header and rows, quoted where needed, as the exports are."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


RC, BGV = "Referentiecomponent", "Buitengemeentelijke voorziening"
DOMAINS, USED = "Referentiecomponenten domeinen", "In gebruik"
COMPONENTS = csv_text(
    ("id", "naam", "gemma_type", "gemma_status", "groep", "beschrijving", "toelichting"),
    ("c-zrc", "Zaakregistratiecomponent", RC, USED, "Referentiecomponenten generiek",
     "Component voor opslag van zaakgegevens.", ""),
    ("c-alfa", "Alfacomponent", RC, USED, DOMAINS,
     "Component voor alfa, o.a. bijv. dit. Tweede zin.", "Lijst o.a.: * een * twee"),
    ("c-beta", "Betacomponent", RC, USED, DOMAINS, "Component voor beta", ""),
    ("c-gamma", "Gammacomponent", RC, USED, DOMAINS, "", ""),
    ("c-delta", "Deltacomponent", RC, USED, DOMAINS, "Alleen.", ""),
    ("c-zeta", "Zetacomponent", RC, USED, DOMAINS, "Zeta.", ""),
    ("c-eta", "Etaportaal", BGV, USED, "Buitengemeentelijke voorzieningen", "Eta.", ""),
    ("c-old", "Oudcomponent", RC, "Einde ondersteuning", DOMAINS, "Oud.", ""),
    ("c-leg", "Buitengemeentelijke voorziening", BGV, USED, "BBN legenda", "Legenda", ""),
    ("c-digid", "DigiD", BGV, USED, "Buitengemeentelijke voorzieningen", "Inloggen.", ""),
)
FLOWS = csv_text(
    ("relatie", "label", "bron_id", "bron", "doel_id", "doel"),
    ("Flow", "1a. registratie", "c-alfa", "Alfacomponent", "c-zrc", "Zaakregistratiecomponent"),
    ("Flow", "levering", "c-beta", "Betacomponent", "c-alfa", "Alfacomponent"),
    ("Flow", "terug", "c-alfa", "Alfacomponent", "c-beta", "Betacomponent"),
    ("Specialization", "", "c-gamma", "Gammacomponent", "r-szac",
     "Specifiek zaakafhandelcomponent"),
    ("Flow", "registreren", "r-szac", "Specifiek zaakafhandelcomponent", "c-zrc",
     "Zaakregistratiecomponent"),
    ("Flow", "opdracht", "c-alfa", "Alfacomponent", "r-szac", "Specifiek zaakafhandelcomponent"),
    ("Flow", "kennisgeving", "r-szac", "Specifiek zaakafhandelcomponent", "c-beta",
     "Betacomponent"),
    ("Flow", "zelf", "c-beta", "Betacomponent", "c-beta", "Betacomponent"),
    ("Flow", "heen", "c-zeta", "Zetacomponent", "c-eta", "Etaportaal"),
    ("Flow", "", "c-old", "Oudcomponent", "c-alfa", "Alfacomponent"),
)
REALISATIONS = csv_text(
    ("component_id", "component", "standaard_id", "standaard"),
    ("c-beta", "Betacomponent", "s-dt", "Digitoegankelijk"),
    ("c-beta", "Betacomponent", "s-digid", "DigiD SAML koppelvlak"),
    ("c-alfa", "Alfacomponent", "s-zaken", "Zaken API-standaard"),
    ("c-alfa", "Alfacomponent", "s-fan", "Fantasiestandaard"),
    ("c-alfa", "Alfacomponent", "s-stuf", "Zaak- en documentservices"),
)
STANDARDS = csv_text(
    ("id", "naam", "gemma_status", "beheerder", "beschrijving"),
    ("s-dt", "Digitoegankelijk", USED, "ETSI", "Toegankelijk."),
    ("s-digid", "DigiD SAML koppelvlak", USED, "Logius", "Aansluiten op DigiD"),
    ("s-zaken", "Zaken API-standaard", USED, "VNG Realisatie", "Zaken."),
    ("s-fan", "Fantasiestandaard", USED, "Verzonnen Beheer", "Een standaard voor de test."),
    ("s-stuf", "Zaak- en documentservices", USED, "VNG Realisatie",
     "Services gebaseerd op StUF en CMIS."),
)


def small_export(folder: Path, **replace: str) -> Path:
    files = {
        "referentiecomponenten.csv": COMPONENTS,
        "component_flows.csv": FLOWS,
        "component_realiseert_standaard.csv": REALISATIONS,
        "standaarden.csv": STANDARDS,
    }
    folder.mkdir()
    for name, content in {**files, **replace}.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path) -> tuple[Path, Path]:
    model = tmp_path / "modules"
    shutil.copytree(SHIPPED, model)
    return small_export(tmp_path / "gemma"), model


def deps(plan, module_id: str) -> dict[str, str | None]:
    module = next(m for m in plan.modules if m.id == module_id)
    return {d.module: d.via for d in module.depends_on}


def test_rules_on_a_small_export(small):
    data, model = small
    plan = plan_import(data, model)
    assert ("Zaakregistratiecomponent", "open-zaak", "alias") in plan.matched
    assert ("DigiD", "digid", "alias") in plan.matched
    # Rule 1: a lower provider tier provides, whatever the flow's direction
    # (Alfa sends to the registration, and depends on it); an interface standard
    # makes its realiser depend on its provider, via the standard when the
    # provider lists it (Open Zaak lists zgw-apis).
    # Rule 2: same tier, the receiver depends; Alfa <-> Beta is a cycle: the pair
    # (alfacomponent, betacomponent) comes first by id, so Beta -> Alfa is dropped.
    assert deps(plan, "alfacomponent") == {"betacomponent": None, "open-zaak": "zgw-apis"}
    assert [(n.dependent, n.provider) for n in plan.cycle_drops] == [
        ("betacomponent", "alfacomponent")
    ]
    assert deps(plan, "betacomponent") == {"digid": None}
    # Rule 3: Gamma inherits what its generic role depends on; a dependency on
    # the role (Beta's) is dropped.
    assert deps(plan, "gammacomponent") == {"alfacomponent": None, "open-zaak": None}
    assert plan.dropped.on_generic_role == 1
    assert plan.dropped.self_flows == 1
    # Islands: Delta alone, Zeta and Etaportaal only with each other.
    assert plan.islands == [
        ("Deltacomponent", "diensten"),
        ("Etaportaal", "infrastructuur"),
        ("Zetacomponent", "diensten"),
    ]
    assert sorted(reason for _, reason in plan.skipped) == [
        "GEMMA has ended support for it",
        "a legend element of a GEMMA view, not a component",
    ]
    alfa = next(m for m in plan.modules if m.id == "alfacomponent")
    assert alfa.standards == ("fantasiestandaard", "stuf", "zgw-apis")
    assert [s.id for s in plan.standards] == ["digid-saml-koppelvlak", "fantasiestandaard"]


def test_small_export_written(small):
    data, model = small
    run(data, model, write_files=True)
    assert check_model(model).problems == []
    alfa = (model / "diensten" / "alfacomponent.yaml").read_text(encoding="utf-8")
    # No sentence break after an abbreviation; a short first sentence takes the next.
    assert "summary: Component voor alfa, o.a. bijv. dit. Tweede zin.\n" in alfa
    assert "  Lijst o.a.:\n\n  - een\n  - twee\n" in alfa
    assert (
        '- Open Zaak: informatiestroom "registratie"; standaard "Zaak- en documentservices";'
        " en 1 meer\n" in alfa
    )
    beta = (model / "diensten" / "betacomponent.yaml").read_text(encoding="utf-8")
    assert "summary: Component voor beta.\n" in beta
    gamma = (model / "diensten" / "gammacomponent.yaml").read_text(encoding="utf-8")
    assert "summary: 'Gammacomponent: referentiecomponent uit de GEMMA" in gamma or (
        'summary: "Gammacomponent: referentiecomponent uit de GEMMA' in gamma
    )
    assert 'als Specifiek zaakafhandelcomponent: informatiestroom "registreren"' in gamma
    landscape = (model / "landscape.yaml").read_text(encoding="utf-8")
    assert "  - id: fantasiestandaard\n    name: Fantasiestandaard\n" in landscape
    assert "Beheerder volgens GEMMA: Verzonnen Beheer." in landscape


# -- landscape.yaml ------------------------------------------------------------------


def one_standard(tmp_path):
    data = small_export(tmp_path / "gemma")
    model = tmp_path / "modules"
    shutil.copytree(SHIPPED, model)
    return [s for s in plan_import(data, model).standards if s.id == "fantasiestandaard"]


def test_patch_keeps_comments_and_adds_to_the_list(tmp_path):
    standards = one_standard(tmp_path)
    original = (
        "# head comment\ntitle: T\nstandards:  # the list\n  - id: a\n    name: A\n"
        "  # trailing comment\n\nlayers:\n  - id: kanalen\n    name: K\n"
    )
    patched = patch_landscape(original, standards)
    assert patched == (
        "# head comment\ntitle: T\nstandards:  # the list\n  - id: a\n    name: A\n"
        "  - id: fantasiestandaard\n    name: Fantasiestandaard\n"
        '    description: "Een standaard voor de test. Beheerder volgens GEMMA: Verzonnen Beheer.'
        ' Bron: GEMMA-referentiearchitectuur (VNG)."\n'
        "  # trailing comment\n\nlayers:\n  - id: kanalen\n    name: K\n"
    )


@pytest.mark.parametrize(
    "original",
    ["title: T\nstandards: []\n", "title: T\n", "title: T\nstandards:\n- id: a\n  name: A\n"],
)
def test_patch_other_forms(tmp_path, original):
    patched = patch_landscape(original, one_standard(tmp_path))
    assert "- id: fantasiestandaard" in patched
    assert patched.startswith("title: T\n")


def test_patch_refuses_a_flow_list(tmp_path):
    from generator.importers.gemma import GemmaError

    with pytest.raises(GemmaError, match="not a block list"):
        patch_landscape("title: T\nstandards: [{id: a, name: A}]\n", one_standard(tmp_path))


# -- bad input -----------------------------------------------------------------------

BAD = {
    "missing-file": (
        {"standaarden.csv": None},
        "standaarden.csv: file is missing",
    ),
    "wrong-columns": (
        {"referentiecomponenten.csv": COMPONENTS.replace("naam", "name", 1)},
        "referentiecomponenten.csv:1: missing column(s) naam",
    ),
    "not-utf8": (
        {"standaarden.csv": b"id,naam,gemma_status,beheerder,beschrijving\nx,caf\xe9,a,b,c\n"},
        "standaarden.csv:2: not valid UTF-8 (byte 0xe9)",
    ),
    "unterminated-quote": (
        {"component_flows.csv": 'relatie,label,bron_id,bron,doel_id,doel\nFlow,"open,a,b,c,d\n'},
        "component_flows.csv:2: malformed CSV",
    ),
    "short-row": (
        {"component_flows.csv": "relatie,label,bron_id,bron,doel_id,doel\nFlow,x,a,b\n"},
        "component_flows.csv:2: expected 6 fields, found 4",
    ),
    "empty-file": (
        {"component_realiseert_standaard.csv": ""},
        "component_realiseert_standaard.csv: file is empty",
    ),
    "duplicate-id": (
        {"referentiecomponenten.csv": COMPONENTS + "c-alfa,Ander,x,y,z,,\n"},
        "referentiecomponenten.csv:12: duplicate id c-alfa (first on line 3)",
    ),
    "empty-name": (
        {"referentiecomponenten.csv": COMPONENTS + "c-new,,x,y,z,,\n"},
        "referentiecomponenten.csv:12: column 'naam' is empty",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_located_line_and_writes_nothing(tmp_path, case):
    changes, message = BAD[case]
    data = small_export(tmp_path / "gemma")
    for name, content in changes.items():
        if content is None:
            (data / name).unlink()
        elif isinstance(content, bytes):
            (data / name).write_bytes(content)
        else:
            (data / name).write_text(content, encoding="utf-8")
    model = tmp_path / "modules"
    shutil.copytree(SHIPPED, model)
    before = tree(model)
    done = cli("import", "gemma", str(data), "--model", str(model), "--write")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: {data}/") and message in done.stderr
    assert tree(model) == before


def test_missing_folders(tmp_path):
    done = cli("import", "gemma", str(tmp_path / "nope"), "--model", str(SHIPPED))
    assert (done.returncode, done.stderr) == (
        1, f"error: {tmp_path / 'nope'}: GEMMA folder does not exist\n"
    )
    done = cli("import", "gemma", str(DATA), "--model", str(tmp_path / "nope"))
    assert (done.returncode, done.stderr) == (
        1, f"error: {tmp_path / 'nope'}: model folder does not exist\n"
    )


def test_model_with_errors_is_refused(tmp_path):
    model = tmp_path / "modules"
    shutil.copytree(SHIPPED, model)
    (model / "diensten" / "kapot.yaml").write_text("name: [\n", encoding="utf-8")
    before = tree(model)
    done = cli("import", "gemma", str(DATA), "--model", str(model), "--write")
    assert done.returncode == 1
    assert done.stderr.startswith(f"error: {model}: the model has errors (first: ")
    assert done.stderr.count("\n") == 1
    assert tree(model) == before


def test_include_islands_adds_the_whole_reference_architecture(tmp_path, pristine, plan):
    """The scale model of issue 12: every component, the unconnected ones as islands."""
    folder = tmp_path / "modules"
    shutil.copytree(pristine, folder)
    done = cli("import", "gemma", str(DATA), "--model", str(folder), "--write", "--include-islands")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(plan.islands)} kept as islands" in done.stdout
    result = check_model(folder)
    assert result.landscape is not None and result.errors == []
    assert {p.code for p in result.warnings} == {"island"}
    modules = result.landscape.modules
    assert len(modules) == len(check_model(pristine).landscape.modules) + len(plan.modules) + len(
        plan.islands)
    assert len(modules) > 200
    whole = plan_import(DATA, pristine, include_islands=True)
    assert len(whole.modules) == len(modules) - len(check_model(pristine).landscape.modules)
    # never an invented dependency: each one has a GEMMA flow or standard behind it
    assert all(d.evidence for m in whole.modules for d in m.depends_on)
