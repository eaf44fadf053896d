"""Writing a file all at once: a complete temporary file beside it, renamed into place.

An interrupted write leaves the old file (or none), never half a file. The temporary
file gets the mode of an ordinary new file (0666 less the umask), not the 0600 of
``tempfile.mkstemp``, so a file written so reads like one an editor saved.
Standard library only: the command line imports it on its light paths.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def stage(target: Path, text: str) -> str:
    """A complete temporary file with ``text`` beside ``target``, for the caller to rename
    (``os.replace``) or link into place; its path. Removed again when writing fails.

    Raises:
        OSError: it cannot be written.
    """
    handle, scratch = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(scratch, 0o666 & ~mask)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    return scratch


def write_atomically(target: Path, text: str) -> None:
    """Replace (or create) ``target`` with ``text`` in one rename.

    Raises:
        OSError: it cannot be written; ``target`` is as it was.
    """
    scratch = stage(target, text)
    try:
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


__all__ = ["stage", "write_atomically"]
