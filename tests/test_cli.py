"""The command line: exit codes, output formats, schema and new."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from generator.cli import cli
from generator.model import check_model, module_schema

from .conftest import ROOT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as an editor runs it."""
    exe = Path(sys.executable).parent / "retratstoliped"
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True)


def test_clean_model_exits_0(model):
    folder = model()
    done = run("check", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert done.stderr.strip() == "0 errors, 0 warnings in 5 files"


def test_errors_exit_1_with_located_lines(model):
    model("r2-references")
    done = run("check", ".")
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first == (
        "diensten/verwijzingen.yaml:2:8: error: layer 'dienst' is not a known layer "
        "(did you mean 'diensten'?)"
    )
    assert done.stderr.strip() == "9 errors, 0 warnings in 6 files"


def test_warnings_pass_unless_strict(model):
    model("r7-weak-dependencies")
    assert run("check", ".").returncode == 0
    strict = run("check", ".", "--strict")
    assert strict.returncode == 1
    assert "warning: depends on 'gezocht', which is wanted" in strict.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run("check", str(tmp_path / "nowhere")).returncode == 2
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_default_model_dir_is_modules(model, tmp_path, monkeypatch):
    folder = model("r5-compatibility")
    result = CliRunner().invoke(cli, ["check"], catch_exceptions=False)
    assert result.exit_code == 2  # no ./modules here
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(cli, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.startswith("modules/diensten/via.yaml:7:10: error: ")


def test_json_format(model):
    model("r6-islands")
    done = run("check", ".", "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data[1] == {
        "path": "diensten/eiland.yaml",
        "line": 1,
        "column": 1,
        "severity": "warning",
        "code": "island",
        "message": "'eiland' is an island: it depends on no module and no module depends on it",
    }
    assert [d["code"] for d in data] == ["island", "island"]


def test_github_format_escapes(model):
    folder = model("r1-missing-field")
    (folder / "diensten" / "zonder-samenvatting.yaml").write_text(
        "name: 'a: b, 100%'\nlayer: diensten\nsummary: x\nstatus: wanted\nowner: gm0363\n"
        "depends_on: [zaken]\n",
        encoding="utf-8",
    )
    done = run("check", ".", "--format", "github")
    assert done.returncode == 1
    assert done.stdout == (
        "::error file=diensten/zonder-samenvatting.yaml,line=5,col=1,title=status-rule::"
        "a wanted module has no owner yet; change the status to 'claimed' or remove the owner\n"
    )


def test_github_escaping_of_properties_and_message():
    from generator.model import Problem, format_github

    line = format_github([Problem("a,b:c.yaml", 1, 2, "warning", "x", "50% of\nlines")])
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=x::50%25 of%0Alines\n"


def test_schema_is_json_schema_and_matches_committed_file():
    done = run("schema")
    assert done.returncode == 0
    printed = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed == module_schema()
    committed = ROOT / "schema" / "module.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == printed, (
        "schema/module.schema.json is stale: run `retratstoliped schema -o schema/module.schema.json`"
    )


def test_schema_accepts_every_shipped_module_and_rejects_a_broken_one():
    validator = jsonschema.Draft202012Validator(module_schema())
    files = [p for p in (ROOT / "modules").rglob("*.yaml") if p.parent != ROOT / "modules"]
    assert len(files) >= 50
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))  # dates as text, as an editor sends them
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], path
    broken = {"name": "x" * 81, "layer": "Diensten", "status": "availble", "summery": "x"}
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert len(messages) == 5, messages  # too long, pattern, enum, unknown key, missing summary


def test_shipped_model_passes_check():
    result = check_model(ROOT / "modules")
    assert [str(p) for p in result.problems] == []
    assert result.landscape is not None


def test_shipped_module_files_carry_the_schema_header():
    for path in (ROOT / "modules").rglob("*.yaml"):
        if path.parent == ROOT / "modules":
            continue
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/module.schema.json", path


def test_new_writes_a_skeleton_that_passes_check(model):
    folder = model()
    done = run("new", "afspraken-maken", "--layer", "diensten", "--model-dir", str(folder))
    assert done.returncode == 0, done.stderr
    written = folder / "diensten" / "afspraken-maken.yaml"
    assert written.exists()
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/module.schema.json\n")
    assert run("check", str(folder)).returncode == 0
    result = check_model(folder)
    assert [p.code for p in result.problems] == ["island"]  # nothing depends on it yet
    assert result.landscape.modules["afspraken-maken"].status == "wanted"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nieuw", "--layer", "diensten"], "use lower-case letters"),
        (["nieuw", "--layer", "dienst"], "'dienst' is not a layer (did you mean 'diensten'?)"),
        (["zaken", "--layer", "portalen"], "module 'zaken' already exists"),
    ],
)
def test_new_refuses_bad_input(model, args, message):
    folder = model()
    done = run("new", *args, "--model-dir", str(folder))
    assert done.returncode in (1, 2)
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_version():
    assert run("--version").stdout.startswith("retratstoliped, version ")


# What the check's start-up must not pay for: pre-commit runs it on every commit.
NOT_FOR_CHECKING = ("networkx", "mkdocs", "jinja2", "markdown", "nh3")
CHECK_IN_A_FRESH_PROCESS = """
import sys

from generator.cli import cli

for fmt in ("text", "json", "github"):
    try:
        cli.main(["check", sys.argv[1], "--format", fmt], standalone_mode=False)
    except SystemExit as done:
        print("exit", done.code, file=sys.stderr)
print(" ".join(sorted(m.partition(".")[0] for m in sys.modules)))
"""


@pytest.mark.parametrize("case", [None, "r3-cycle", "r6-islands"])
def test_check_imports_nothing_it_does_not_need(model, case):
    """A check of a clean model, one with a cycle and one with islands, in a new process."""
    folder = model(case)
    done = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_FRESH_PROCESS, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("exit ") == 3  # the check ran, in each format
    loaded = set(done.stdout.split())
    assert "pydantic" in loaded  # the validation did run
    assert sorted(loaded & set(NOT_FOR_CHECKING)) == []


def test_importing_the_command_line_loads_no_command():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, generator.cli; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {m.partition(".")[0] for m in done.stdout.split()}
    assert sorted(loaded & {"pydantic", "yaml", *NOT_FOR_CHECKING}) == []
