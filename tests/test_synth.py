"""The synthetic generator: valid, deterministic, any size."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.model import check_model
from generator.synth import synthesize

from .conftest import TODAY


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*.yaml")):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("size", [2, 7, 200])
def test_synthetic_models_check_clean(tmp_path, size):
    synthesize(tmp_path, modules=size, organisations=20, seed=size)
    result = check_model(tmp_path, today=TODAY)
    assert [str(p) for p in result.problems] == []
    assert len(result.landscape.modules) == size
    assert sum(o.kind == "municipality" for o in result.landscape.organisations.values()) == 20


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    synthesize(tmp_path / "a", modules=60, organisations=20, seed=3)
    synthesize(tmp_path / "b", modules=60, organisations=20, seed=3)
    synthesize(tmp_path / "c", modules=60, organisations=20, seed=4)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_files_are_plain_yaml_with_the_schema_header(tmp_path):
    synthesize(tmp_path, modules=60, organisations=20)
    modules = [p for p in tmp_path.rglob("*.yaml") if p.parent != tmp_path]
    assert len(modules) == 60
    for path in modules:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/module.schema.json\n")
        assert isinstance(yaml.load(text, Loader=yaml.CSafeLoader), dict)


def test_density_is_realistic(tmp_path):
    synthesize(tmp_path, modules=500, organisations=342, seed=1)
    landscape = check_model(tmp_path, today=TODAY).landscape
    modules = landscape.modules.values()
    statuses = {s: sum(m.status == s for m in modules) for s in ("wanted", "available")}
    assert 25 <= statuses["wanted"] <= 80 and 250 <= statuses["available"] <= 350
    adoptions = [len(m.consumers) for m in modules if m.status == "available"]
    assert max(adoptions) >= 50  # a popular module or two
    assert 4 <= sum(adoptions) / len(adoptions) <= 20
    dependencies = sum(len(m.depends_on) for m in modules)
    assert 2 * 500 <= dependencies <= 4 * 500


def test_synth_command(tmp_path):
    exe = Path(sys.executable).parent / "retratstoliped"
    out = tmp_path / "model"
    done = subprocess.run(
        [str(exe), "synth", "--modules", "30", "--organisations", "10", "--out", str(out)],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    assert subprocess.run([str(exe), "check", str(out), "--strict"]).returncode == 0
