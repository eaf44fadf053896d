"""Layouts remembered on disk across builds, keyed by the hash of their input.

Laying out a picture (barycentre sweeps, crossing reduction) is nearly all the time
a large picture takes; rendering its SVG from a layout is cheap. So the cache holds
layouts, and a layout depends on nothing but its input and the code of
``layout.py``: the key is a blake2b hash of both (and of this file, which writes
the entries). A change to either file gives new keys, so nothing drawn by older
code is ever read back. Small layouts (fewer than :data:`MIN_NODES` nodes, such as
most neighbourhoods) are drawn again each time: that is quicker than a file.

The folder is optional and may come from elsewhere (a CI cache restored between
runs): entries are JSON with a checksum, never pickle; an entry that is missing,
unreadable, corrupt or does not fit its input is a miss and is drawn and written
again. Entries are written to a temporary file and renamed into place, so two
processes that write the same key at once both leave a whole entry.

One :class:`DrawingCache` per build::

    cache = DrawingCache(Path(".cache/drawings"))
    picture = neighbourhood_picture(landscape, graph, module_id, href, cache=cache)
    ...
    log.info("%d pictures drawn, %d from cache", cache.drawn, cache.hits)
    cache.prune_unused()
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .layout import Band, Box, Layout, edges_between

log = logging.getLogger("mkdocs.plugins.retratstoliped")

FORMAT = "retratstoliped-layout-2"
"""Named in every key and every entry; change it when the entry format changes."""
MIN_NODES = 20
"""Layouts with fewer nodes are not kept: below about 20 nodes a layout takes well under
a millisecond, less than creating its file and about as long as reading it back."""
PRUNE_SLACK = 2.0
"""Seconds before the cache was made that still count as this build (coarse file times)."""

_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_SHARD = re.compile(r"[0-9a-f]{2}")
_TEMP_PREFIX = ".tmp-"

LayoutArgs = tuple[
    tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], tuple[str, ...], int, int,
    tuple[int, ...],
]
"""The normalised input of a layout: sorted nodes, sorted edges, band order, per_row, sweeps
and the node shape (:class:`generator.draw.layout.Shape` as a tuple)."""

CODE = ("layout.py", "cache.py")
"""The files a cached layout depends on: what lays it out and what writes it down."""


@functools.cache
def code_version(folder: Path = Path(__file__).parent) -> str:
    """The hash of the source of :data:`CODE` in ``folder`` (this package by default):
    any edit to those files gives every layout a new key."""
    digest = hashlib.blake2b(FORMAT.encode(), digest_size=32)
    for name in CODE:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


class DrawingCache:
    """A folder of layouts, with counts of what one build found there.

    Attributes:
        folder: where the entries are; made when the first one is written.
        min_nodes: smaller layouts are drawn each time, never kept.
        hits: layouts read from the folder in this process.
        misses: layouts drawn and written to the folder in this process (not there
            before, or unusable).
        small: layouts drawn in this process that were too small to keep.
    """

    def __init__(self, folder: Path | str, *, min_nodes: int = MIN_NODES) -> None:
        self.folder = Path(folder)
        self.min_nodes = min_nodes
        self.hits = 0
        self.misses = 0
        self.small = 0
        self._started = time.time()
        self._write_failed = False

    @property
    def drawn(self) -> int:
        """Layouts drawn in this process: the misses and the small ones."""
        return self.misses + self.small

    def layout(self, args: LayoutArgs, draw: Callable[..., Layout]) -> Layout:
        """The layout of ``args`` from the folder, or ``draw(*args)`` written to it."""
        if len(args[0]) < self.min_nodes:
            self.small += 1
            return draw(*args)
        path = self._path(self.key(args))
        lay = self._read(path, args)
        if lay is not None:
            self.hits += 1
            return lay
        lay = draw(*args)
        self.misses += 1
        self._write(path, _encode(lay))
        return lay

    @staticmethod
    def key(args: LayoutArgs) -> str:
        """The hex blake2b hash of a layout's input and of the code that lays it out."""
        text = json.dumps([FORMAT, code_version(), *args], separators=(",", ":"))
        return hashlib.blake2b(text.encode(), digest_size=32).hexdigest()

    def prune_unused(self) -> int:
        """Remove the entries this build did not use (read or write); return how many.

        "This build" is everything since this cache was made, in any process: a
        use sets the entry's file time, so entries used by forked workers stay.
        Only files with the names this cache writes are removed.
        """
        if not self.folder.is_dir():
            return 0
        before = self._started - PRUNE_SLACK
        removed = 0
        for shard in self.folder.iterdir():
            if not _SHARD.fullmatch(shard.name) or shard.is_symlink() or not shard.is_dir():
                continue
            for path in shard.iterdir():
                if not (_ENTRY.fullmatch(path.name) or path.name.startswith(_TEMP_PREFIX)):
                    continue
                try:
                    if path.stat().st_mtime < before:
                        path.unlink()
                        removed += 1
                except OSError as error:  # gone already, or not ours to remove
                    log.debug("drawing cache: cannot prune %s: %s", path, error)
        return removed

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _read(self, path: Path, args: LayoutArgs) -> Layout | None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            log.debug("drawing cache: cannot read %s: %s", path, error)
            return None
        lay = _decode(text, args)
        if lay is None:
            log.debug("drawing cache: %s is corrupt or does not fit; drawing again", path)
            return None
        # used by this build: prune_unused() keeps it (a read-only folder still serves)
        with contextlib.suppress(OSError):
            os.utime(path)
        return lay

    def _write(self, path: Path, text: str) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_TEMP_PREFIX)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as file:
                    file.write(text)
                os.replace(temp, path)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError as error:
            if not self._write_failed:  # the build stays correct, only slower next time
                log.info("drawing cache: cannot write to %s: %s", self.folder, error)
                self._write_failed = True


def _encode(lay: Layout) -> str:
    """An entry: the checksum of the JSON payload, a newline, the payload."""
    payload = json.dumps(
        {
            "boxes": [[b.id, b.band, b.x, b.y, b.w, b.h] for b in lay.boxes.values()],
            "edges": [list(e) for e in lay.edges],
            "bands": [[b.id, b.y, b.h] for b in lay.bands],
            "width": lay.width,
            "height": lay.height,
        },
        separators=(",", ":"),
    )
    return f"{_checksum(payload)}\n{payload}"


def _decode(text: str, args: LayoutArgs) -> Layout | None:
    """The layout in an entry, or None unless the entry is whole and fits ``args``:
    the same nodes in the same bands, the same edges, whole numbers for places."""
    checksum, _, payload = text.partition("\n")
    if checksum != _checksum(payload):
        return None
    try:
        data = json.loads(payload)
        boxes = [Box(*_typed(box, str, str, int, int, int, int)) for box in data["boxes"]]
        bands = tuple(Band(*_typed(band, str, int, int)) for band in data["bands"])
        edges = tuple(tuple(_typed(edge, str, str)) for edge in data["edges"])
        width, height = _typed([data["width"], data["height"]], int, int)
    except (ValueError, TypeError, KeyError):
        return None
    nodes, all_edges, band_order, *_ = args
    placed = set(band_order)
    expected = {i: band for i, band in nodes if band in placed}
    fits = (
        len(boxes) == len(expected)
        and {b.id: b.band for b in boxes} == expected
        and all(b.id in placed for b in bands)
        and edges == edges_between(nodes, all_edges)
    )
    return Layout({b.id: b for b in boxes}, edges, bands, width, height) if fits else None


def _typed(values: object, *types: type) -> list:
    """``values`` if it is a list of exactly these types (no bool for int), else TypeError."""
    if type(values) is not list or len(values) != len(types):
        raise TypeError("entry field of the wrong shape")
    if any(type(v) is not t for v, t in zip(values, types, strict=True)):
        raise TypeError("entry field of the wrong type")
    return values


def _checksum(payload: str) -> str:
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()
