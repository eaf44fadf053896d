"""``/api/landscape.dot``: the dependency graph in Graphviz's DOT language.

A cluster per layer (in the model's order) holds its modules; a module is a box with
its name and Dutch status, filled and bordered in the colours of the site's drawings
and with their border style reduced to what Graphviz draws (solid: available; dashed:
in development or claimed; dotted: wanted, retired, out of scope), linked to its page
(``URL``, site-relative) and with its summary as tooltip. An edge runs from a module
to each module it needs, as on the site. ``dot -Tsvg landscape.dot > landscape.svg``
draws it.

Every identifier and value is a quoted string: model text is data, so a quote or a
backslash in a name is escaped and a line break becomes Graphviz's ``\\n``.
"""

from __future__ import annotations

from ..draw.svg import STYLES
from ..model import Module
from ..text import clean
from ..views.common import Index
from .facts import module_facts

BORDER = {
    "available": "solid",
    "developing": "dashed",
    "claimed": "dashed",
    "wanted": "dotted",
    "retired": "dotted",
    "out-of-scope": "dotted",
}
"""Graphviz's border style per status."""
FONT = "Helvetica"


def quote(text: str) -> str:
    """``text`` as a DOT quoted string that Graphviz shows as it is.

    In a quoted string DOT itself only unescapes ``\\"``; labels then read ``\\n``,
    ``\\N``, ``\\G`` and the like as escapes, and ``\\\\`` as one backslash. So every
    backslash is doubled, every quote escaped, and a line break written as ``\\n``.
    """
    text = clean(text).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _attributes(pairs: dict[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in pairs.items())


def _node(index: Index, module: Module) -> str:
    facts = module_facts(index, module)
    style = STYLES[module.status]
    attributes = {
        "label": f"{facts['name']}\n{facts['status_label']}",
        "tooltip": clean(module.summary),
        "URL": str(facts["url"]),
        "style": f"filled,rounded,{BORDER[module.status]}",
        "fillcolor": style.fill,
        "color": style.stroke,
        "fontcolor": style.ink,
        "status": module.status,
    }
    return f"    {quote(module.id)} [{_attributes(attributes)}];"


def landscape_dot(index: Index) -> str:
    """The landscape as a DOT digraph (UTF-8)."""
    landscape = index.landscape
    graph = {"label": landscape.title, "labelloc": "t", "rankdir": "TB", "fontname": FONT,
             "charset": "UTF-8"}
    lines = [
        "digraph retratstoliped {",
        f"  graph [{_attributes(graph)}];",
        f"  node [{_attributes({'shape': 'box', 'fontname': FONT, 'fontsize': '11'})}];",
        f"  edge [{_attributes({'color': '#555555', 'arrowsize': '0.7'})}];",
    ]
    for layer in landscape.layers:
        modules = index.by_layer.get(layer.id, [])
        if not modules:
            continue
        lines.append(f"  subgraph {quote('cluster_' + layer.id)} {{")
        cluster = {"label": layer.name, "style": "rounded", "color": "#9e9e9e"}
        lines.append(f"    graph [{_attributes(cluster)}];")
        lines.extend(_node(index, m) for m in modules)
        lines.append("  }")
    for m in landscape.modules.values():
        for d in m.depends_on:
            via = {"tooltip": f"via {landscape.standards[d.via].name}", "via": d.via} if d.via else {}
            suffix = f" [{_attributes(via)}]" if via else ""
            lines.append(f"  {quote(m.id)} -> {quote(d.module)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"
