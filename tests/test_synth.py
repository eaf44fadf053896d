"""The synthetic generator: valid, deterministic, any size."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.model import check_model
from generator.synth import LAYERS, synthesize

from .conftest import TODAY

HEADER = "# yaml-language-server: $schema=../../schema/module.schema.json\n"
FRAME = ("landscape.yaml", "organisations.yaml")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by its relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def module_files(folder: Path) -> list[Path]:
    """The module files: every YAML file except the two frame files."""
    return sorted(p for p in folder.rglob("*.yaml") if p.relative_to(folder).as_posix() not in FRAME)


def test_writes_one_file_per_module_in_its_layer_folder(tmp_path):
    synthesize(tmp_path, modules=60, organisations=20)
    files = module_files(tmp_path)
    assert len(files) == 60
    assert {p.parent.name for p in files} <= {layer for layer, _, _ in LAYERS}
    assert (tmp_path / "landscape.yaml").is_file() and (tmp_path / "organisations.yaml").is_file()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    synthesize(tmp_path / "a", modules=60, organisations=20, seed=3)
    synthesize(tmp_path / "b", modules=60, organisations=20, seed=3)
    synthesize(tmp_path / "c", modules=60, organisations=20, seed=4)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_every_file_is_plain_yaml_and_modules_carry_the_schema_header(tmp_path):
    synthesize(tmp_path, modules=60, organisations=20)
    for name in FRAME:
        assert yaml.load((tmp_path / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for path in module_files(tmp_path):
        text = path.read_text(encoding="utf-8")
        assert text.startswith(HEADER)
        assert isinstance(yaml.load(text, Loader=yaml.CSafeLoader), dict)


@pytest.mark.parametrize("size", [1, 7, 200])
def test_synthetic_models_check_without_errors_or_warnings(tmp_path, size):
    synthesize(tmp_path, modules=size, organisations=20, seed=size)
    result = check_model(tmp_path, today=TODAY)
    assert [str(p) for p in result.problems] == []
    assert len(result.landscape.modules) == size
    assert sum(o.kind == "municipality" for o in result.landscape.organisations.values()) == 20


def test_no_date_lies_after_today(tmp_path):
    today = dt.date(2020, 6, 30)
    synthesize(tmp_path, modules=300, organisations=30, seed=9, today=today)
    assert [str(p) for p in check_model(tmp_path, today=today).problems] == []


def test_density_is_realistic(tmp_path):
    synthesize(tmp_path, modules=500, organisations=342, seed=1)
    landscape = check_model(tmp_path, today=TODAY).landscape
    modules = list(landscape.modules.values())
    counts = {s: sum(m.status == s for m in modules) for s in ("wanted", "available")}
    assert 25 <= counts["wanted"] <= 80 and 250 <= counts["available"] <= 350
    adoptions = [len(m.consumers) for m in modules if m.status in ("available", "retired")]
    assert sum(a >= 100 for a in adoptions) >= 2  # a few popular modules
    assert 4 <= sum(adoptions) / len(adoptions) <= 12
    assert all(len(m.interested) <= 3 for m in modules)
    in_scope = [m for m in modules if m.status != "out-of-scope"]
    assert all(len(m.depends_on) <= 4 for m in modules)
    assert sum(not m.depends_on for m in in_scope) == 1  # only the very first module
    dependencies = sum(len(m.depends_on) for m in modules)
    assert 2 * 500 <= dependencies <= 4 * 500


def test_synth_command(tmp_path):
    exe = Path(sys.executable).parent / "retratstoliped"
    out = tmp_path / "model"
    done = subprocess.run(
        [str(exe), "synth", "--modules", "30", "--organisations", "10", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    checked = subprocess.run([str(exe), "check", str(out), "--strict"], check=False)
    assert checked.returncode == 0
