"""Render a :class:`Layout` as a self-contained, accessible SVG string.

Status is shown by colour *and* by the border's dash pattern *and* by its Dutch
label written in the node; the owner is named on every node; every node is a
link. All model text is XML-escaped; nothing from the model becomes markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape as _html_escape

from ..model import SHORT_LABELS, STATUS_LABELS
from ..text import clean
from .layout import NODE_H, Layout, edge_points, reading_order

_MARKDOWN_SAFE = str.maketrans({c: f"&#{ord(c)};" for c in "[](){}*_`|!"})
ESCAPE_CACHE = 1 << 16
"""Escaped strings remembered per process: names, owners and links recur in many pictures,
and escaping was two thirds of the rendering time."""


@lru_cache(maxsize=ESCAPE_CACHE)
def escape(text: str) -> str:
    """XML-escape model text, with Markdown's characters as character references too:
    the SVG sits inside a Markdown page, and nothing there may read it as syntax."""
    return _html_escape(clean(text), quote=True).translate(_MARKDOWN_SAFE)


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
LEGEND_H = 44
MAX_CHARS = 25


@dataclass(frozen=True)
class Style:
    """How one status looks: fill, border colour, dash pattern, label colour."""

    fill: str
    stroke: str
    dash: str
    ink: str


# Label colours reach >= 7:1 on their fill; borders >= 3:1 on white (WCAG 1.4.11).
STYLES = {
    "available": Style("#e7f5ea", "#1d7a36", "", "#14532d"),
    "developing": Style("#e6f0fb", "#1f5fa8", "8 4", "#173f6e"),
    "claimed": Style("#f1ebf9", "#6b3fa0", "3 3", "#4a2a70"),
    "wanted": Style("#fff4e0", "#a35200", "12 4 3 4", "#6b3500"),
    "retired": Style("#efefef", "#616161", "2 5", "#333333"),
    "out-of-scope": Style("#f5f5f5", "#757575", "1 3", "#333333"),
}


@dataclass(frozen=True)
class GraphNode:
    """What a node shows and where it links to."""

    id: str
    name: str
    status: str
    owner: str | None
    href: str
    focus: bool = False


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _owner_line(node: GraphNode) -> str:
    return f"Trekker: {node.owner}" if node.owner else "Nog geen trekker"


def accessible_name(node: GraphNode) -> str:
    """What a screen reader says for a node (and its tooltip): name, status, owner."""
    return f"{node.name}. {STATUS_LABELS[node.status]}. {_owner_line(node)}."


def fit(text: str, char_width: float, room: int) -> str:
    """A ``textLength`` that squeezes a line into ``room`` when it would be wider (from
    an average character width: fonts differ, so a long line may be pressed a little)."""
    return f' textLength="{room}" lengthAdjust="spacingAndGlyphs"' if len(text) * char_width > room else ""


def _node(box, node: GraphNode) -> str:
    name = escape(node.name)
    focus = " rt-focus" if node.focus else ""
    x, room = box.x + 10, box.w - 20
    short, owner = shorten(node.name), shorten(_owner_line(node), 31)
    return (
        f'<a href="{escape(node.href)}" class="rt-node rt-s-{node.status}{focus}"'
        f' data-id="{escape(node.id)}" data-status="{node.status}">'
        f"<title>{escape(accessible_name(node))}</title>"
        f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="6"/>'
        f'<text x="{x}" y="{box.y + 19}" class="rt-n"{fit(short, 7.6, room)}>{escape(short)}</text>'
        f'<text x="{x}" y="{box.y + 35}" class="rt-w">{escape(SHORT_LABELS[node.status])}</text>'
        f'<text x="{x}" y="{box.y + 50}" class="rt-o"{fit(owner, 6.2, room)}>{escape(owner)}</text>'
        "</a>"
    ) if name else ""


def _edge(lay: Layout, a: str, b: str) -> str:
    x1, y1, x2, y2 = edge_points(lay, a, b)
    if y1 == y2:  # same row: a curve beneath both nodes
        depth = y1 + 24
        return f'<path d="M{x1} {y1}C{x1} {depth} {x2} {depth} {x2} {y2}"/>'
    return f'<path d="M{x1} {y1}L{x2} {y2}"/>'


def status_rules(root: str) -> list[str]:
    """CSS rules for the node boxes of each status under ``root`` (a node has the class
    ``rt-s-<status>``): fill, border colour and dash pattern."""
    rules = []
    for status, style in STYLES.items():
        dash = f";stroke-dasharray:{style.dash}" if style.dash else ""
        rules.append(f"{root} .rt-s-{status} rect{{fill:{style.fill};stroke:{style.stroke}{dash}}}")
    return rules


@lru_cache(maxsize=16)
def _style(element_id: str) -> str:
    """The looks of a picture, by class rather than on every node and edge: a picture of
    a hundred nodes is a fifth smaller so."""
    root = f"#{element_id}"
    rules = [
        f"{root} .rt-node rect{{stroke-width:2}}",
        f"{root} .rt-focus rect{{stroke-width:4}}",
        f"{root} .rt-n{{font-size:13px;font-weight:600;fill:#1a1a1a}}",
        f"{root} .rt-w,{root} .rt-o{{font-size:11px;fill:#1a1a1a}}",
        f"{root} .rt-edges>*{{fill:none;stroke:#4d4d4d;stroke-width:1.3;marker-end:url(#rt-arrow)}}",
        *status_rules(root),
        *(f"{root} .rt-s-{status} .rt-w{{fill:{style.ink}}}" for status, style in STYLES.items()),
    ]
    return "<style>" + "".join(rules) + "</style>"


@lru_cache(maxsize=1)
def _legend() -> str:
    """The status legend; the same in every picture."""
    parts = ['<g class="rt-legend" aria-hidden="true">']
    x = 16
    for status, style in STYLES.items():
        label = STATUS_LABELS[status]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(
            f'<rect x="{x}" y="12" width="22" height="16" rx="3" fill="{style.fill}"'
            f' stroke="{style.stroke}" stroke-width="2"{dash}/>'
            f'<text x="{x + 28}" y="25" font-size="12" fill="#1a1a1a">{escape(label)}</text>'
        )
        x += 40 + int(len(label) * 6.6)
    parts.append("</g>")
    return "".join(parts)


def render_svg(
    lay: Layout,
    nodes: dict[str, GraphNode],
    *,
    title: str,
    description: str,
    band_names: dict[str, str],
    element_id: str = "rt-graph",
) -> str:
    """The SVG markup of a laid-out graph, with a legend, band names and links."""
    width = max(lay.width, 16 + 6 * 150)
    height = lay.height + LEGEND_H
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(element_id)}" class="rt-svg"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="group" aria-labelledby="{element_id}-title {element_id}-desc"'
        f' font-family="{FONT}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        _style(element_id),
        '<defs><marker id="rt-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"'
        ' fill="#4d4d4d"/></marker></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        _legend(),
        f'<g transform="translate(0 {LEGEND_H})">',
    ]
    for band in lay.bands:
        out.append(
            f'<rect x="4" y="{band.y}" width="{width - 8}" height="{band.h}" rx="4"'
            f' fill="#f7f7f9" stroke="#d0d0d7"/>'
            f'<text x="14" y="{band.y + 22}" font-size="13" font-weight="700" fill="#333333">'
            f"{escape(band_names.get(band.id, band.id))}</text>"
        )
    out.append('<g class="rt-edges">')
    out += [_edge(lay, a, b) for a, b in lay.edges]
    out.append('</g><g class="rt-nodes">')
    out += [_node(lay.boxes[n], nodes[n]) for n in reading_order(lay)]
    out.append("</g></g></svg>")
    return "".join(out)


__all__ = [
    "NODE_H", "STYLES", "GraphNode", "accessible_name", "fit", "render_svg", "shorten", "status_rules",
]


def render_rollup(landscape, counts, between) -> str:
    """The landscape per layer, as a matrix: a row per layer (with its module count,
    linking to the layer page), a column per layer, and in each cell how many
    dependencies run from modules of the row's layer to modules of the column's."""
    layers = list(landscape.layers)
    label_w, cell_w, cell_h, head_h = 340, 112, 40, 64
    width = label_w + cell_w * len(layers) + 16
    height = head_h + cell_h * len(layers) + 16
    most = max([n for n in between.values()] + [1])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="rt-landscape" class="rt-svg"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group"'
        ' aria-labelledby="rt-landscape-title rt-landscape-desc"'
        f' font-family="{FONT}">',
        '<title id="rt-landscape-title">Afhankelijkheden per laag</title>',
        '<desc id="rt-landscape-desc">Het landschap is te groot om module voor module te '
        "tekenen. Elke rij is een laag met haar aantal modules; elk vak telt de "
        "afhankelijkheden van modules in die laag naar modules in de laag van de kolom.</desc>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="8" y="{head_h - 14}" font-size="12" fill="#1a1a1a">'
        "heeft nodig uit laag &#8594;</text>",
    ]
    for j, column in enumerate(layers):
        x = label_w + j * cell_w
        out.append(
            f'<text x="{x + cell_w // 2}" y="{head_h - 14}" font-size="11" text-anchor="middle"'
            f' fill="#1a1a1a">{escape(shorten(column.name, 16))}</text>'
        )
    for i, row in enumerate(layers):
        y = head_h + i * cell_h
        label = f"{row.name} ({counts.get(row.id, 0)} modules)"
        out.append(
            f'<a href="../lagen/{escape(row.id)}/" class="rt-node" data-id="{escape(row.id)}">'
            f'<text x="8" y="{y + 25}" font-size="13" font-weight="600" fill="#1a1a1a">'
            f"{escape(shorten(label, 40))}</text></a>"
        )
        for j, column in enumerate(layers):
            n = between.get((row.id, column.id), 0)
            shade = 255 - int(120 * n / most)
            fill = f"#{shade:02x}{min(255, shade + 30):02x}ff" if n else "#ffffff"
            x = label_w + j * cell_w
            out.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}"'
                f' stroke="#8a8a8a"/><text x="{x + cell_w // 2}" y="{y + 25}" font-size="13"'
                f' text-anchor="middle" fill="#1a1a1a">{n}</text>'
            )
    out.append("</svg>")
    return "".join(out)
