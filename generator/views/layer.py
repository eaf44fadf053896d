"""The layer page ``/lagen/<id>/``: the layer, its modules and how far they are."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS, Layer
from ..text import rich
from .common import Index, Linker, ModuleRow, layer_doc, module_rows
from .render import render_view


@dataclass(frozen=True)
class LayerPage:
    """The view model of ``/lagen/<id>/``."""

    layer: Layer
    description: Markup
    rows: list[ModuleRow]
    counts: list[tuple[str, int]]
    """(Dutch status label, number of modules) for every status the layer has."""


def layer_view(index: Index, layer_id: str) -> LayerPage:
    """The view model of one layer."""
    landscape = index.landscape
    modules = index.by_layer.get(layer_id, [])
    counts = {s: sum(m.status == s for m in modules) for s in STATUS_LABELS}
    layer = landscape.layer(layer_id)
    return LayerPage(
        layer=layer,
        description=rich(layer.description),
        rows=module_rows(Linker(layer_doc(layer_id), landscape), index, modules),
        counts=[(STATUS_LABELS[s], n) for s, n in counts.items() if n],
    )


def layer_page(index: Index, layer_id: str) -> str:
    """The Markdown of one layer page."""
    return render_view("layer.md.j2", layer_view(index, layer_id))
