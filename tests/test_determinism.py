"""Byte-identical output across separate processes (other hash seeds, other set orders).

The tests elsewhere that call an output deterministic compare two runs in one
process, where every set iterates in the same order; these run each side in a
process of its own, with another PYTHONHASHSEED, and prove the seeds do reorder
sets.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

EXE = Path(sys.executable).parent / "retratstoliped"
SCRIPT = """
import hashlib, sys
from generator.model import load_landscape
from generator.site import build_site
landscape = load_landscape(sys.argv[1])
print(list(set(landscape.modules))[:8], file=sys.stderr)  # this process's set order
pages = build_site(landscape, intro="# R\\n", edit_base="https://f.example/m")
for path in sorted(pages):
    print(path, hashlib.sha256(pages[path].encode()).hexdigest(), pages[path].count("<svg"))
"""
SEEDS = ("1", "2")


def _env(seed: str) -> dict[str, str]:
    return dict(os.environ, PYTHONHASHSEED=seed)


def site_digests(model: Path) -> list[tuple[str, str]]:
    """For each seed (the processes run side by side): every generated file's
    digest and drawing count, and the process's set order."""
    runs = [
        subprocess.Popen([sys.executable, "-c", SCRIPT, str(model)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, env=_env(seed), cwd=ROOT)
        for seed in SEEDS
    ]
    results = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), results
    return results


def _drawings(digests: str) -> int:
    return sum(int(line.rsplit(" ", 1)[1]) for line in digests.splitlines())


def test_every_generated_file_is_byte_identical_across_processes():
    (first, order_1), (second, order_2) = site_digests(ROOT / "modules")
    assert order_1 != order_2  # the seeds do change the order of a set of module ids
    assert first == second
    assert "afhankelijkheden/afhankelijkheden.svg" in first
    assert len(first.splitlines()) > 100
    assert _drawings(first) > 50  # the drawings in the pages are compared too


def test_a_large_landscape_is_byte_identical_across_processes(tmp_path):
    """Over 150 modules the landscape is drawn per layer, and over 300 pages of
    entities are rendered by several processes."""
    model = tmp_path / "model"
    subprocess.run([str(EXE), "synth", "--modules", "160", "--organisations", "150",
                    "--out", str(model)], check=True, capture_output=True, env=_env("3"))
    (first, order_1), (second, order_2) = site_digests(model)
    assert order_1 != order_2
    assert first == second
    assert len(first.splitlines()) > 300
    assert _drawings(first) > 160


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_synth_writes_the_same_bytes_across_processes(tmp_path):
    for seed in SEEDS:
        command = [str(EXE), "synth", "--modules", "120", "--organisations", "40",
                   "--out", str(tmp_path / seed)]
        subprocess.run(command, check=True, capture_output=True, env=_env(seed))
    assert _tree(tmp_path / SEEDS[0]) == _tree(tmp_path / SEEDS[1])
    assert len(_tree(tmp_path / SEEDS[0])) == 122
