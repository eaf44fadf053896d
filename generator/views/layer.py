"""The layer page ``/lagen/<id>/``: the layer, its modules and how far they are;
a long module list goes on over ``/lagen/<id>/pagina-n/``."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model import STATUS_LABELS, Layer
from ..text import rich
from .common import Index, Linker, ModuleRow, StatusCount, layer_doc, module_rows
from .paging import Page, paginate
from .render import PICTURE_ONLY, render_pages


@dataclass(frozen=True)
class LayerPage:
    """The view model of ``/lagen/<id>/`` (template ``layer.html``)."""

    layer: Layer
    description: Markup
    rows: list[ModuleRow]
    """The modules on this page, by name."""
    counts: list[StatusCount]
    """For every status the layer has."""
    page: Page


def layer_views(index: Index, layer_id: str) -> list[LayerPage]:
    """The view models of a layer's pages (one, unless it has many modules)."""
    landscape = index.landscape
    modules = sorted(index.by_layer.get(layer_id, []), key=lambda m: (m.name.lower(), m.id))
    counts = {s: sum(m.status == s for m in modules) for s in STATUS_LABELS}
    layer = landscape.layer(layer_id)
    description = rich(layer.description)
    return [
        LayerPage(
            layer=layer,
            description=description,
            rows=module_rows(Linker(page.doc, landscape), index, page.rows),
            counts=[StatusCount(s, n) for s, n in counts.items() if n],
            page=page,
        )
        for page in paginate(layer_doc(layer_id), modules)
    ]


def layer_view(index: Index, layer_id: str) -> LayerPage:
    """The view model of a layer's first page."""
    return layer_views(index, layer_id)[0]


def layer_pages(index: Index, layer_id: str) -> dict[str, str]:
    """A layer's pages, by docs path."""
    return render_pages(
        "layer.html", layer_views(index, layer_id), index.landscape.layer(layer_id).name,
        hide=PICTURE_ONLY,
    )
