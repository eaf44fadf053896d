"""The drawing cache: same pictures with and without it, cold or warm, in any process;
a broken entry is drawn again; a code change or an unused entry is let go."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import astuple
from pathlib import Path

import pytest

import generator.draw.cache as cache_module
from generator.draw import layout
from generator.draw.cache import MIN_NODES, DrawingCache, code_version
from generator.draw.layout import Shape
from generator.draw.pictures import landscape_picture, neighbourhood_picture, organisation_picture
from generator.graph import LandscapeGraph
from generator.model import load_landscape
from generator.synth import synthesize

from .conftest import ROOT

X = ([("a", "top"), ("b", "top"), ("c", "bottom"), ("d", "bottom")], [("a", "d"), ("b", "c")])
"""A small layout input: an X that the layout untangles."""
BANDS = ["top", "bottom"]


def _all_svgs(model: Path, cache: DrawingCache | None) -> list[str]:
    """Every picture of a model, called the way the views call them."""
    landscape = load_landscape(model)
    graph = LandscapeGraph(landscape)

    def href(module_id: str) -> str:
        return f"../modules/{module_id}/"

    svgs = [landscape_picture(landscape, graph, href, cache=cache).svg]
    for module in landscape.modules:
        svgs.append(neighbourhood_picture(landscape, graph, module, href, cache=cache).svg)
    for org in landscape.organisations:
        picture = organisation_picture(landscape, graph, org, href, cache=cache)
        svgs.append(picture.svg if picture else "")
    return svgs


def _digest(svgs: list[str]) -> str:
    return hashlib.blake2b("\0".join(svgs).encode()).hexdigest()


def main(model: str, folder: str) -> None:
    """Draw every picture of ``model`` with a cache in ``folder`` that keeps every layout,
    and print what happened (the subprocess half of the tests below)."""
    cache = DrawingCache(folder, min_nodes=0)
    digest = _digest(_all_svgs(Path(model), cache))
    print(json.dumps({"digest": digest, "hits": cache.hits, "misses": cache.misses}))


@pytest.fixture(scope="module")
def small_model(tmp_path_factory) -> Path:
    """Small enough that the whole landscape is laid out, not rolled up."""
    folder = tmp_path_factory.mktemp("small")
    synthesize(folder, modules=120, organisations=25, seed=3)
    return folder


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    synthesize(folder, modules=200, organisations=30, seed=7)
    return folder


def _keep_all(folder: Path) -> DrawingCache:
    """A cache that keeps even the smallest layout, such as ``X``."""
    return DrawingCache(folder, min_nodes=0)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("??/*.json"))


@pytest.mark.parametrize("min_nodes", [0, MIN_NODES])
def test_cold_and_warm_cache_draw_the_same_bytes_as_no_cache(small_model, tmp_path, min_nodes):
    plain = _all_svgs(small_model, None)
    laid_out = sum(1 for svg in plain if svg)  # every picture here has a layout
    cold = DrawingCache(tmp_path / "cache", min_nodes=min_nodes)
    assert _all_svgs(small_model, cold) == plain
    assert cold.hits + cold.misses + cold.small == laid_out == cold.hits + cold.drawn
    # pictures with the same input (organisations with the same modules) share an entry
    assert cold.misses == len(_entries(tmp_path / "cache")) > 0
    assert (cold.small > 0) == (min_nodes > 0)
    warm = DrawingCache(tmp_path / "cache", min_nodes=min_nodes)
    assert _all_svgs(small_model, warm) == plain
    assert (warm.hits, warm.misses, warm.small) == (cold.hits + cold.misses, 0, cold.small)


def test_small_layouts_are_drawn_each_time_and_never_written(tmp_path):
    cache = DrawingCache(tmp_path, min_nodes=len(X[0]) + 1)
    assert layout(*X, BANDS, cache=cache) == layout(*X, BANDS)
    assert (cache.hits, cache.misses, cache.small, cache.drawn) == (0, 0, 1, 1)
    assert not _entries(tmp_path)
    kept = DrawingCache(tmp_path, min_nodes=len(X[0]))
    layout(*X, BANDS, cache=kept)
    assert (kept.misses, kept.small) == (1, 0)


def test_a_cached_layout_equals_the_drawn_one(tmp_path):
    drawn = layout(*X, BANDS)
    assert layout(*X, BANDS, cache=_keep_all(tmp_path / "made-on-first-write")) == drawn
    again = _keep_all(tmp_path / "made-on-first-write")
    cached = layout(*X, BANDS, cache=again)
    assert again.hits == 1
    assert cached == drawn and list(cached.boxes) == list(drawn.boxes)


def _corrupt_entries(entry: Path, other_entry: Path) -> dict[str, bytes]:
    whole = entry.read_bytes()
    checksum, payload = whole.split(b"\n", 1)
    shifted = payload.replace(b'"width":', b'"width":1', 1)
    return {
        "empty": b"",
        "truncated": whole[: len(whole) // 2],
        "not utf-8": b"\xff\xfe" + whole,
        "not json": checksum + b"\n{boxes",
        "changed without its checksum": checksum + b"\n" + shifted,
        "another input's entry": other_entry.read_bytes(),
        "json of the wrong shape": _with_checksum(b'{"boxes": 1}'),
        "a box too many": _with_checksum(
            payload.replace(b'"boxes":[', b'"boxes":[["e","top",0,0,200,58],', 1)
        ),
        "a place that is not a whole number": _with_checksum(
            re.sub(rb'"width":\d+', b'"width":0.5', payload)
        ),
        "a place that is true": _with_checksum(re.sub(rb'"height":\d+', b'"height":true', payload)),
        "a band named by a list": _with_checksum(
            payload.replace(b'"bands":[["top"', b'"bands":[[["top"]', 1)
        ),
        "an edge of three": _with_checksum(payload.replace(b'"edges":[[', b'"edges":[["x",', 1)),
    }


def _with_checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=16).hexdigest().encode() + b"\n" + payload


def test_a_corrupt_entry_is_a_miss_and_is_written_again(tmp_path):
    drawn = layout(*X, BANDS)
    layout(*X, BANDS, cache=_keep_all(tmp_path))
    (entry,) = _entries(tmp_path)
    layout(X[0], [("a", "c")], BANDS, cache=_keep_all(tmp_path))
    (other,) = [p for p in _entries(tmp_path) if p != entry]
    for name, content in _corrupt_entries(entry, other).items():
        assert content != entry.read_bytes(), f"{name}: the test did not corrupt it"
        entry.write_bytes(content)
        cache = _keep_all(tmp_path)
        assert layout(*X, BANDS, cache=cache) == drawn, name
        assert (cache.hits, cache.misses) == (0, 1), name
        warm = _keep_all(tmp_path)
        assert layout(*X, BANDS, cache=warm) == drawn, name
        assert warm.hits == 1, f"{name}: not written again"


def test_an_unreadable_entry_or_folder_never_fails_a_drawing(tmp_path):
    drawn = layout(*X, BANDS)
    cache = _keep_all(tmp_path)
    layout(*X, BANDS, cache=cache)
    (entry,) = _entries(tmp_path)
    entry.unlink()
    entry.mkdir()  # a folder where the entry should be: cannot be read nor replaced
    cache = _keep_all(tmp_path)
    assert layout(*X, BANDS, cache=cache) == drawn
    assert cache.misses == 1
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    cache = _keep_all(blocked)
    assert layout(*X, BANDS, cache=cache) == drawn
    assert cache.misses == 1 and blocked.read_text() == "not a folder"


def test_a_change_to_the_layout_code_gives_new_keys(tmp_path, monkeypatch):
    source = Path(cache_module.__file__).parent
    same, edited = tmp_path / "same", tmp_path / "edited"
    for copy in (same, edited):
        shutil.copytree(source, copy)
    with (edited / "layout.py").open("a") as file:
        file.write("\n# a comment is a change too\n")
    assert code_version(same) == code_version()
    assert code_version(edited) != code_version()

    folder = tmp_path / "cache"
    layout(*X, BANDS, cache=_keep_all(folder))
    monkeypatch.setattr(cache_module, "code_version", lambda: code_version(edited))
    newer = _keep_all(folder)
    assert layout(*X, BANDS, cache=newer) == layout(*X, BANDS)
    assert (newer.hits, newer.misses) == (0, 1)
    assert len(_entries(folder)) == 2


def test_prune_removes_only_entries_this_build_did_not_use(tmp_path):
    folder = tmp_path / "cache"
    inputs = {
        "kept": X,
        "unused": (X[0], [("a", "c")]),
        "new": (X[0], [("b", "d")]),
    }
    first = _keep_all(folder)
    for name in ("kept", "unused"):
        layout(*inputs[name], BANDS, cache=first)
    (folder / "README").write_text("not ours")
    (folder / "ab").mkdir(exist_ok=True)
    (folder / "ab" / "notes.txt").write_text("not ours either")
    stale_temp = folder / "ab" / ".tmp-left-by-a-killed-build"
    stale_temp.write_text("{")
    an_hour_ago = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))

    build = _keep_all(folder)
    layout(*inputs["kept"], BANDS, cache=build)
    layout(*inputs["new"], BANDS, cache=build)
    assert (build.hits, build.misses) == (1, 1)
    assert len(_entries(folder)) == 3
    assert build.prune_unused() == 2  # the unused entry and the stale temporary file
    assert len(_entries(folder)) == 2
    assert not stale_temp.exists()
    assert (folder / "README").exists() and (folder / "ab" / "notes.txt").exists()

    after = _keep_all(folder)
    for name in ("kept", "new"):
        layout(*inputs[name], BANDS, cache=after)
    layout(*inputs["unused"], BANDS, cache=after)
    assert (after.hits, after.misses) == (2, 1)
    assert _keep_all(tmp_path / "never-made").prune_unused() == 0


def _run(model: Path, folder: Path, seed: int) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys; from tests.test_draw_cache import main; main(*sys.argv[1:])",
            str(model), str(folder),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": str(seed)},
        stdout=subprocess.PIPE,
        text=True,
    )


def _result(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0
    return json.loads(out)


def test_two_processes_writing_at_once_and_a_third_reading_agree_byte_for_byte(model, tmp_path):
    counted = _keep_all(tmp_path / "in-process")
    reference = _digest(_all_svgs(model, counted))
    pictures = counted.hits + counted.misses
    folder = tmp_path / "cache"
    writers = [_run(model, folder, seed) for seed in (1, 2)]  # both start on an empty folder
    results = [_result(w) for w in writers]
    for result in results:
        assert result["digest"] == reference
        assert result["hits"] + result["misses"] == pictures
    assert len(_entries(folder)) == counted.misses
    an_hour_ago = time.time() - 3600
    for entry in _entries(folder):
        os.utime(entry, (an_hour_ago, an_hour_ago))
    build = _keep_all(folder)  # a build whose pictures are drawn by a worker process
    reader = _result(_run(model, folder, 3))
    assert reader == {"digest": reference, "hits": pictures, "misses": 0}
    assert build.prune_unused() == 0  # what the worker read counts as used
    assert len(_entries(folder)) == counted.misses
    assert not list(folder.glob("??/.tmp-*"))


def test_an_entry_replaced_while_it_is_read_is_always_whole(tmp_path):
    drawn = layout(*X, BANDS)
    cache = _keep_all(tmp_path)
    layout(*X, BANDS, cache=cache)
    (entry,) = _entries(tmp_path)
    args = (tuple(sorted(X[0])), tuple(sorted(X[1])), tuple(BANDS), 6, 12, astuple(Shape()))
    writer = (
        "import sys\n"
        "from pathlib import Path\n"
        "from generator.draw.cache import DrawingCache, _encode\n"
        "from generator.draw import layout\n"
        f"text = _encode(layout({X[0]!r}, {X[1]!r}, {BANDS!r}))\n"
        f"cache = DrawingCache({str(tmp_path)!r})\n"
        "for _ in range(400):\n"
        f"    cache._write(Path({str(entry)!r}), text)\n"
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", writer], cwd=ROOT) for _ in range(2)
    ]
    reads = 0
    while any(w.poll() is None for w in writers):
        assert cache._read(entry, args) == drawn
        reads += 1
    assert all(w.returncode == 0 for w in writers)
    assert reads > 0
    assert not list(tmp_path.glob("??/.tmp-*"))
