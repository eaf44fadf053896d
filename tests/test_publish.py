"""Publishing: a failed or killed build never breaks the published folder, and two
builds of the same commit are byte-identical."""

from __future__ import annotations

import filecmp
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import FIXTURES, ROOT

EXE = Path(sys.executable).parent / "retratstoliped"


def project(tmp_path: Path, model: Path = FIXTURES / "base") -> Path:
    for name in ("content", "site_theme"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(model, tmp_path / "modules")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build(folder: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), "build"], cwd=folder, capture_output=True, text=True,
        env=dict(os.environ, **env),
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_build_swaps_in_a_complete_site(tmp_path):
    folder = project(tmp_path)
    assert build(folder).returncode == 0
    assert (folder / "site" / "modules" / "zaken" / "index.html").is_file()
    assert not list(folder.glob(".site.*"))
    security = (folder / "site" / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert security.startswith("Contact: mailto:") and "Expires: 2027-11-28T00:00:00Z" in security
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in index


def test_failed_build_leaves_the_previous_site(tmp_path):
    folder = project(tmp_path)
    assert build(folder).returncode == 0
    before = snapshot(folder / "site")
    (folder / "modules" / "diensten" / "zaken.yaml").write_text("name: [kapot\n", encoding="utf-8")
    done = build(folder)
    assert done.returncode == 1
    assert "site is unchanged" in done.stderr
    assert snapshot(folder / "site") == before
    assert not list(folder.glob(".site.*"))


def test_killed_build_leaves_the_previous_site(tmp_path):
    folder = project(tmp_path, ROOT / "modules")  # the shipped model: a build of several seconds
    assert build(folder).returncode == 0
    before = snapshot(folder / "site")
    process = subprocess.Popen([str(EXE), "build"], cwd=folder, start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(folder.glob(".site.new-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # mkdocs is writing the new site now
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(folder / "site") == before
    # the next build clears what the killed one left and succeeds
    assert build(folder).returncode == 0
    assert not list(folder.glob(".site.*"))


def test_two_builds_are_byte_identical(tmp_path):
    first = project(tmp_path / "a")
    second = project(tmp_path / "b")
    assert build(first, SOURCE_DATE_EPOCH="1700000000").returncode == 0
    assert build(second, SOURCE_DATE_EPOCH="1700000000").returncode == 0
    compare = filecmp.dircmp(first / "site", second / "site")
    assert snapshot(first / "site") == snapshot(second / "site"), compare.diff_files
