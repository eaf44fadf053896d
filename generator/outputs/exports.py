"""The exports for other tools: one place that names each format, its file under
``/api/`` and its writer, for the site (``build_site``) and the command line
(``retratstoliped export``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..views.common import Index
from .archimate import landscape_archimate
from .dot import landscape_dot
from .graphml import landscape_graphml


@dataclass(frozen=True)
class Export:
    """A format another tool reads."""

    format: str
    """Its name on the command line."""
    path: str
    """Its file on the site (a stable address: MODEL.md)."""
    write: Callable[[Index], str]


EXPORTS = (
    Export("graphml", "api/landscape.graphml", landscape_graphml),
    Export("dot", "api/landscape.dot", landscape_dot),
    Export("archimate", "api/landscape-archimate.xml", landscape_archimate),
)
FORMATS = tuple(e.format for e in EXPORTS)


def export(index: Index, fmt: str) -> str:
    """The landscape of ``index`` in format ``fmt`` (one of :data:`FORMATS`)."""
    return next(e for e in EXPORTS if e.format == fmt).write(index)
