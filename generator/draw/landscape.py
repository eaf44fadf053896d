"""The whole-landscape drawing: every module in scope as a linked node in the band of
its layer, up to :data:`generator.draw.pictures.ROLL_UP_ABOVE` modules. From the bottom
up: the bands, the quiet edges, the nodes (links), a veil (hidden; the page's script
shows it and draws the chosen nodes and edges above it), what the nodes say (their
labels, one layer) and the bands' names.

Compact where it repeats: how a status looks is written once, in the drawing's own
``<style>`` (by class), not on every node, and all edges are one path (the page's data
says which modules each piece joins), so a drawing of 1,000 modules stays near 500 KB
and repaints quickly; the same SVG is the download. Edges are quiet (thin and light)
until the page's script lights those of a chosen module. Each node is a link whose
accessible name (its ``<title>``) says the module's name, status and owner; nodes come
in reading order (band by band, row by row), which is also the order of the Tab key.
"""

from __future__ import annotations

import math
from functools import lru_cache

from ..model import SHORT_LABELS, STATUS_LABELS
from .layout import MARGIN, Box, Layout, Shape, edge_points, reading_order
from .svg import FONT, STYLES, GraphNode, accessible_name, escape, fit, shorten, status_rules

SHAPE = Shape(node_w=176, node_h=64, gap_x=16, gap_y=22, band_pad=36)
"""A node: two lines of name, then status and owner."""
NAME_CHARS = 22
"""Characters of a name per line (13 px bold in 160 px)."""
OWNER_CHARS = 27
TEXT_WIDTH = 1800
"""Band names and the legend grow with a drawing wider than this, so they stay legible
when the whole drawing is fitted to a screen."""
EMPHASIS = {"needs": "#0b4ea2", "needed": "#8f1d5b"}
"""The colours of a chosen module's edges: to what it needs (solid) and from what needs
it (dashed); the page's stylesheet lights them, with these arrowheads."""


def columns_for(modules: int) -> int:
    """Nodes side by side in a band of the whole landscape: about 1.4 times as wide as
    high (8 columns for a small landscape, 12 at 240 modules, 25 at 1,000)."""
    return max(8, min(40, round(math.sqrt(0.6 * modules))))


def text_scale(columns: int) -> float:
    """How much larger than normal band names and the legend are written."""
    width = 2 * MARGIN + columns * (SHAPE.node_w + SHAPE.gap_x)
    return max(1.0, width / TEXT_WIDTH)


def shape_for(columns: int) -> Shape:
    """The node shape, with room above each band for its (scaled) name."""
    return Shape(
        SHAPE.node_w, SHAPE.node_h, SHAPE.gap_x, SHAPE.gap_y,
        band_pad=round(SHAPE.band_pad * text_scale(columns)),
    )


def _lines(name: str) -> list[str]:
    """A name on at most two lines of :data:`NAME_CHARS`, broken between words, cut
    with an ellipsis when it is longer."""
    words, lines, line = name.split(), [], ""
    for word in words:
        joined = f"{line} {word}" if line else word
        if len(joined) <= NAME_CHARS:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == 2:
            break
    if line and len(lines) < 2:
        lines.append(line)
    shown = " ".join(lines)
    if len(shown) < len(" ".join(words)) or any(len(x) > NAME_CHARS for x in lines):
        lines = [x[:NAME_CHARS] for x in lines]
        lines[-1] = lines[-1][: NAME_CHARS - 1].rstrip() + "…"
    return lines


def _node(box: Box, node: GraphNode) -> str:
    """A node's link: its accessible name and its box (status by class: fill, border)."""
    return (
        f'<a href="{escape(node.href)}" class="rt-node rt-s-{node.status}"'
        f' data-id="{escape(node.id)}" data-status="{node.status}">'
        f"<title>{escape(accessible_name(node))}</title>"
        f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="6"/></a>'
    )


def _label(box: Box, node: GraphNode) -> str:
    """What a node says: name, status word, owner. Drawn over the links, apart from them
    (and not for screen readers, who hear each link's title): choosing a module then
    restyles two elements of each node, not six, and text too small to read is hidden
    as one group."""
    x, y, room = box.x + 9, box.y, box.w - 18
    owner = shorten(node.owner, OWNER_CHARS) if node.owner else "geen trekker"
    return (
        "".join(
            f'<text x="{x}" y="{y + 17 + 15 * i}" class="rt-n"{fit(line, 7.4, room)}>{escape(line)}</text>'
            for i, line in enumerate(_lines(node.name))
        )
        + f'<text x="{x}" y="{y + 46}" class="rt-w rt-w-{node.status}">'
        f"{escape(SHORT_LABELS[node.status])}</text>"
        f'<text x="{x}" y="{y + 59}" class="rt-o"{fit(owner, 6.2, room)}>{escape(owner)}</text>'
    )


def _edges(lay: Layout) -> str:
    """Every edge, as one path of one piece per edge (in :attr:`Layout.edges` order):
    thousands of edges paint as fast as one, and the page's script finds each piece by
    its place (the page's data says which modules it joins)."""
    pieces = []
    for a, b in lay.edges:
        x1, y1, x2, y2 = edge_points(lay, a, b)
        if y1 == y2:  # same row: a curve beneath both nodes
            depth = y1 + 18
            pieces.append(f"M{x1} {y1}C{x1} {depth} {x2} {depth} {x2} {y2}")
        else:
            pieces.append(f"M{x1} {y1}L{x2} {y2}")
    return f'<path class="rt-edge-all" d="{"".join(pieces)}"/>' if pieces else ""


@lru_cache(maxsize=4)
def _style(element_id: str) -> str:
    """The looks of the drawing, by class: status fill, border and dash; text; edges."""
    root = f"#{element_id}"
    rules = [
        f"{root} .rt-node rect{{stroke-width:2}}",
        f"{root} .rt-labels{{pointer-events:none}}",
        f"{root} .rt-n{{font-size:13px;font-weight:600;fill:#1a1a1a}}",
        f"{root} .rt-w{{font-size:11px;font-weight:600}}",
        f"{root} .rt-o{{font-size:11px;fill:#1a1a1a}}",
        f"{root} .rt-edges path{{fill:none;stroke:#8c8c8c;stroke-opacity:.45;stroke-width:1;"
        "vector-effect:non-scaling-stroke}",
    ]
    rules += status_rules(root)
    rules += (f"{root} .rt-w-{status}{{fill:{style.ink}}}" for status, style in STYLES.items())
    return "<style>" + "".join(rules) + "</style>"


def _legend(scale: float) -> tuple[str, int]:
    """The status legend, written ``scale`` times the normal size, and its height."""
    size = round(12 * scale)
    box_w, box_h = round(22 * scale), round(16 * scale)
    parts = [f'<g class="rt-legend" aria-hidden="true" font-size="{size}">']
    x, y = 16, round(10 * scale)
    for status, style in STYLES.items():
        if status == "out-of-scope":
            continue
        label = STATUS_LABELS[status]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        parts.append(
            f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="3" fill="{style.fill}"'
            f' stroke="{style.stroke}" stroke-width="2"{dash}/>'
            f'<text x="{x + box_w + round(6 * scale)}" y="{y + round(13 * scale)}" fill="#1a1a1a">'
            f"{escape(label)}</text>"
        )
        x += box_w + round((18 + len(label) * 6.6) * scale)
    parts.append(
        f'<text x="{x + round(8 * scale)}" y="{y + round(13 * scale)}" fill="#1a1a1a">'
        "Een lijn loopt van een module naar een module die zij nodig heeft.</text></g>"
    )
    return "".join(parts), y + box_h + round(12 * scale)


def render_landscape(
    lay: Layout,
    nodes: dict[str, GraphNode],
    *,
    title: str,
    description: str,
    band_names: dict[str, str],
    scale: float = 1.0,
    element_id: str = "rt-landscape",
) -> str:
    """The SVG of the whole landscape: legend, bands with their names, quiet edges and
    every node as a link, in :func:`reading_order`. ``scale`` enlarges band names and
    the legend (see :func:`text_scale`)."""
    legend, legend_h = _legend(scale)
    width, height = lay.width, lay.height + legend_h
    band_font = round(15 * scale)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{element_id}" class="rt-svg rt-landscape"'
        f' viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="group" aria-labelledby="{element_id}-title {element_id}-desc"'
        f' font-family="{FONT}">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        _style(element_id),
        "<defs>" + "".join(
            f'<marker id="{element_id}-{kind}" viewBox="0 0 10 10" refX="9" refY="5"'
            ' markerWidth="4.5" markerHeight="4.5" orient="auto-start-reverse">'
            f'<path d="M0 0L10 5L0 10z" fill="{colour}"/></marker>'
            for kind, colour in EMPHASIS.items()
        ) + "</defs>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        legend,
        f'<g transform="translate(0 {legend_h})">',
    ]
    out += [
        f'<rect x="4" y="{band.y}" width="{width - 8}" height="{band.h}" rx="4"'
        f' fill="#f4f5f8" stroke="#c9cbd3"/>'
        for band in lay.bands
    ]
    order = reading_order(lay)
    out.append(f'<g class="rt-edges">{_edges(lay)}</g><g class="rt-nodes">')
    out += [_node(lay.boxes[n], nodes[n]) for n in order]
    # the veil fades what is under it when the page's script lights a few nodes above it
    out.append(
        f'</g><rect class="rt-veil" width="{width}" height="{lay.height}" fill="#ffffff"'
        ' fill-opacity=".75" display="none" pointer-events="none"/><g class="rt-labels" aria-hidden="true">'
    )
    out += [_label(lay.boxes[n], nodes[n]) for n in order]
    out.append("</g>")
    out += [
        f'<text x="14" y="{band.y + round(band_font * 1.45)}" font-size="{band_font}"'
        f' font-weight="700" fill="#1a1a1a">{escape(band_names.get(band.id, band.id))}</text>'
        for band in lay.bands
    ]
    out.append("</g></svg>")
    return "".join(out)
