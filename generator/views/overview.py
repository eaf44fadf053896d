"""The overview pages: the menu card, status, intekenen, buiten scope, changes, graph."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..draw.pictures import landscape_picture
from ..model import STATUS_LABELS
from ..text import plain, rich
from .common import STATUS_ORDER, Index, Linker, module_doc, status_badge
from .render import render


def home_page(index: Index, intro: str) -> str:
    """``/``: the hand-written intro, then every module as a tile, by layer."""
    landscape = index.landscape
    to = Linker("index.md", landscape)
    layers = []
    for layer in landscape.layers:
        tiles = [
            {
                "href": Markup(html.escape(to.href(module_doc(m.id)))),
                "name": m.name,
                "status": Markup(m.status),
                "label": STATUS_LABELS[m.status],
                "owner": landscape.organisations[m.owner].name if m.owner else None,
                "adopters": len(index.adopting_municipalities(m)),
            }
            for m in sorted(index.by_layer.get(layer.id, []), key=_menu_order)
        ]
        layers.append({"layer": layer, "link": to.layer(layer.id), "tiles": tiles})
    counts = [
        (STATUS_LABELS[s], sum(m.status == s for m in landscape.modules.values()))
        for s in STATUS_ORDER
    ]
    return render("home.md.j2", intro=Markup(intro), layers=layers, counts=counts,
                  total=len(landscape.modules))


def _menu_order(module) -> tuple[int, str, str]:
    return (STATUS_ORDER.index(module.status), module.name.lower(), module.id)


def status_page(index: Index) -> str:
    """``/status/``: modules per layer x status, adoption ranking, contributions."""
    landscape = index.landscape
    to = Linker("status/index.md", landscape)
    statuses = [s for s in STATUS_ORDER]
    matrix = [
        (to.layer(layer.id), [sum(m.status == s for m in index.by_layer.get(layer.id, [])) for s in statuses],
         len(index.by_layer.get(layer.id, [])))
        for layer in landscape.layers
    ]
    totals = [sum(m.status == s for m in landscape.modules.values()) for s in statuses]
    ranking = sorted(
        (m for m in landscape.modules.values() if m.consumers),
        key=lambda m: (-len(index.adopting_municipalities(m)), m.name.lower(), m.id),
    )[:25]
    contributors = sorted(
        landscape.organisations.values(),
        key=lambda o: (
            -(3 * len(index.leads.get(o.id, [])) + 2 * len(index.builds.get(o.id, []))
              + len(index.adopts.get(o.id, []))),
            o.name.lower(),
        ),
    )[:25]
    return render(
        "status.md.j2",
        labels=[STATUS_LABELS[s] for s in statuses],
        matrix=matrix,
        totals=totals,
        total=len(landscape.modules),
        ranking=[(to.module(m.id), status_badge(m.status), len(index.adopting_municipalities(m)),
                  index.graph.dependent_count(m.id)) for m in ranking],
        contributors=[
            (to.organisation(o.id), len(index.leads.get(o.id, [])), len(index.builds.get(o.id, [])),
             len(index.adopts.get(o.id, [])))
            for o in contributors
        ],
    )


def claim_page(index: Index) -> str:
    """``/intekenen/``: every wanted module, who wants it, and how to sign up."""
    landscape = index.landscape
    to = Linker("intekenen/index.md", landscape)
    wanted = sorted(
        (m for m in landscape.modules.values() if m.status == "wanted"),
        key=lambda m: (-len(m.interested), m.name.lower(), m.id),
    )
    rows = [
        {"module": to.module(m.id), "summary": m.summary, "layer": to.layer(m.layer),
         "interested": [to.organisation(o) for o in m.interested], "path": m.path}
        for m in wanted
    ]
    return render("intekenen.md.j2", rows=rows)


def out_of_scope_page(index: Index) -> str:
    """``/buiten-scope/``: what is deliberately not part of the shared picture, and why."""
    landscape = index.landscape
    to = Linker("buiten-scope/index.md", landscape)
    rows = [
        {"module": to.module(m.id), "name": m.name, "summary": m.summary, "reason": rich(m.reason)}
        for m in sorted(landscape.modules.values(), key=lambda m: (m.name.lower(), m.id))
        if m.status == "out-of-scope"
    ]
    return render("buiten_scope.md.j2", rows=rows)


def history_entries(index: Index) -> list[tuple]:
    """Every history entry, newest first: (date, module, status, note)."""
    entries = [
        (h.date, m, h.status, h.note or "")
        for m in index.landscape.modules.values()
        for h in m.history
    ]
    return sorted(entries, key=lambda e: (e[0], e[1].id, e[2]), reverse=True)


def changes_page(index: Index) -> str:
    """``/wijzigingen/``: all history entries, newest first, with the Atom feed."""
    to = Linker("wijzigingen/index.md", index.landscape)
    rows = [
        (d.isoformat(), to.module(m.id), status_badge(s), note)
        for d, m, s, note in history_entries(index)
    ]
    return render("wijzigingen.md.j2", rows=rows)


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
            "impact": len(index.graph.impact(m.id).municipalities),
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
