"""Publishing: a failed or killed build never breaks the published folder, and two
builds of the same commit are byte-identical."""

from __future__ import annotations

import filecmp
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import copy_project

EXE = Path(sys.executable).parent / "retratstoliped"


def build(folder: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), "build"], cwd=folder, capture_output=True, text=True,
        env=dict(os.environ, **env),
    )


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_build_swaps_in_a_complete_site(tmp_path):
    folder = copy_project(tmp_path)
    assert build(folder).returncode == 0
    assert (folder / "site" / "modules" / "zaken" / "index.html").is_file()
    assert not list(folder.glob(".site.*"))
    security = (folder / "site" / ".well-known" / "security.txt").read_text(encoding="utf-8")
    assert security.startswith("Contact: mailto:") and "Expires: 2027-11-28T00:00:00Z" in security
    index = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in index
    assert "md-banner" not in index  # only a view of the past has a banner


def test_failed_build_leaves_the_previous_site(tmp_path):
    folder = copy_project(tmp_path)
    assert build(folder).returncode == 0
    before = snapshot(folder / "site")
    (folder / "modules" / "diensten" / "zaken.yaml").write_text("name: [kapot\n", encoding="utf-8")
    done = build(folder)
    assert done.returncode == 1
    assert "site is unchanged" in done.stderr
    assert snapshot(folder / "site") == before
    assert not list(folder.glob(".site.*"))


def test_killed_build_leaves_the_previous_site(tmp_path):
    from generator.synth import synthesize

    model = tmp_path / "model"
    synthesize(model, modules=120, organisations=342, seed=2)  # seconds of page writing
    folder = copy_project(tmp_path / "project", model)
    assert build(folder).returncode == 0
    before = snapshot(folder / "site")
    process = subprocess.Popen([str(EXE), "build"], cwd=folder, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        fresh = list(folder.glob(".site.new-*"))
        if fresh and any(p.is_file() for p in fresh[0].rglob("*.html")):
            break  # mkdocs is writing pages of the new site now
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert list(folder.glob(".site.new-*"))  # a half-written site was left aside ...
    assert snapshot(folder / "site") == before  # ... and the published one is untouched
    # the next build clears what the killed one left and succeeds
    assert build(folder).returncode == 0
    assert not list(folder.glob(".site.*"))


def test_two_builds_are_byte_identical(tmp_path):
    first = copy_project(tmp_path / "a")
    second = copy_project(tmp_path / "b")
    assert build(first, SOURCE_DATE_EPOCH="1700000000").returncode == 0
    assert build(second, SOURCE_DATE_EPOCH="1700000000").returncode == 0
    compare = filecmp.dircmp(first / "site", second / "site")
    assert snapshot(first / "site") == snapshot(second / "site"), compare.diff_files
