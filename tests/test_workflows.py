"""The forge files: workflows valid against their published schemas (offline, with
check-jsonschema's vendored copies), the pre-commit hook, the editor settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

CHECK = Path(sys.executable).parent / "check-jsonschema"


def validate(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True
    )


def test_github_workflows_are_valid():
    files = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert [f.name for f in files] == ["publish.yml", "pull-request.yml"]
    done = validate("vendor.github-workflows", *files)
    assert done.returncode == 0, done.stdout + done.stderr


def test_gitlab_ci_is_valid():
    done = validate("vendor.gitlab-ci", ROOT / ".gitlab-ci.yml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_gate_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    assert validate("vendor.github-workflows", broken).returncode != 0


def test_workflows_run_the_project_commands():
    pr = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert "retratstoliped check modules --strict --format github" in pr
    assert "retratstoliped build" in pr and "make test" in pr and "retratstoliped diff" in pr
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert publish[True]["push"]["branches"] == ["main"]  # 'on' is read as true by YAML 1.1
    assert "deploy-pages" in json.dumps(publish)


def test_pre_commit_hook_runs_the_check():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"] == "retratstoliped check --strict"
    assert hooks[0]["pass_filenames"] is False


def test_vscode_settings_map_the_module_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schema/module.schema.json"][0] == "modules/*/*.yaml"
