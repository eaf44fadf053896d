"""Byte-identical output across separate processes (other hash seeds, other set orders)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from .conftest import ROOT

SCRIPT = """
import hashlib, sys
from generator.model import load_landscape
from generator.site import build_site
pages = build_site(load_landscape(sys.argv[1]), intro="# R\\n", edit_base="https://f.example/m")
for path in sorted(pages):
    print(path, hashlib.sha256(pages[path].encode()).hexdigest())
"""


def digests(model: str, seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, model], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_every_generated_file_is_byte_identical_across_processes(tmp_path):
    model = str(ROOT / "modules")
    first, second = digests(model, "1"), digests(model, "2")
    assert first == second
    assert "afhankelijkheden/afhankelijkheden.svg" in first
    assert len(first.splitlines()) > 100
