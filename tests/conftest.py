"""Shared test helpers: model folders made from the fixtures under tests/fixtures/."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run, so CI is reproducible; explore more with
# HYPOTHESIS_PROFILE=explore (new random examples each run).
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base"
TODAY = dt.date(2026, 11, 28)
ROOT = Path(__file__).resolve().parent.parent


def ordinary_mode() -> int:
    """The permission bits of a new file under the current umask (0666 less the umask):
    what a file the commands write must have, not ``tempfile.mkstemp``'s 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def materialise(case: str | None, target: Path) -> Path:
    """The base model with the files of ``case`` laid over it, in ``target``."""
    shutil.copytree(BASE, target, dirs_exist_ok=True)
    if case:
        for path in sorted((FIXTURES / case).rglob("*")):
            if path.is_file() and path.name != "expected.txt":
                dest = target / path.relative_to(FIXTURES / case)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, dest)
    return target


def copy_project(target: Path, model: Path | None = None) -> Path:
    """A buildable project in ``target``: our content, theme and mkdocs.yml, and a
    copy of ``model`` (the base fixture by default) as its modules/ folder, unless
    the caller has written modules/ there already."""
    for name in ("content", "site_theme"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    if not (target / "modules").exists():
        shutil.copytree(model or BASE, target / "modules")
    return target


@pytest.fixture
def model(tmp_path, monkeypatch):
    """A factory: ``model(case)`` returns a model folder and makes it the working directory."""

    def make(case: str | None = None) -> Path:
        folder = materialise(case, tmp_path / "modules")
        monkeypatch.chdir(folder)
        return folder

    return make
