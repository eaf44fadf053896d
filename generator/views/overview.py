"""The dependency graph page ``/afhankelijkheden/``: the whole landscape as a picture and a table."""

from __future__ import annotations

from markupsafe import Markup

from ..draw.pictures import landscape_picture
from ..model import STATUS_LABELS
from ..text import plain
from .common import STATUS_ORDER, Index, Linker, module_doc, status_badge
from .render import render


def graph_picture(index: Index):
    """The whole-landscape picture as drawn on ``/afhankelijkheden/``."""
    to = Linker("afhankelijkheden/index.md", index.landscape)
    return landscape_picture(index.landscape, index.graph, lambda i: to.href(module_doc(i)))


def graph_page(index: Index, picture) -> str:
    """``/afhankelijkheden/``: the whole landscape, with the same facts as a table."""
    landscape = index.landscape
    to = Linker("afhankelijkheden/index.md", landscape)
    rows = [
        {
            "module": to.module(m.id),
            "id": m.id,
            "layer": m.layer,
            "status": m.status,
            "owner": m.owner or "",
            "badge": status_badge(m.status),
            "owner_link": to.organisation(m.owner) if m.owner else "Nog geen trekker",
            "depends_on": Markup(", ").join(to.module(d) for d in index.graph.dependencies(m.id))
            or plain("–"),
            "impact": index.graph.affected_municipality_count(m.id),
        }
        for layer in landscape.layers
        for m in sorted(index.by_layer.get(layer.id, []), key=lambda m: (m.name.lower(), m.id))
        if m.status != "out-of-scope"
    ]
    most = [(to.module(i), n) for i, n in index.graph.most_depended_on(10)]
    layers = [(layer.id, layer.name) for layer in landscape.layers]
    owners = sorted(
        {(m.owner, landscape.organisations[m.owner].name) for m in landscape.modules.values() if m.owner},
        key=lambda o: o[1].lower(),
    )
    return render(
        "afhankelijkheden.md.j2",
        svg=Markup(picture.svg),
        rolled_up=picture.rolled_up,
        rows=rows,
        most=most,
        layers=layers,
        owners=owners,
        statuses=[(s, STATUS_LABELS[s]) for s in STATUS_ORDER if s != "out-of-scope"],
        edges=len(index.graph.graph.edges),
    )
