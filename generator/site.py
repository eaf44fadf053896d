"""The generated part of the site as ``{uri: text}``, without MkDocs."""

from __future__ import annotations

import html
import re

from .model import STATUS_LABELS, Landscape

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\](){}#+!|~>-])")


def plain(text: str) -> str:
    """Model text shown as itself inside generated Markdown: no markup, no links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


def build_site(landscape: Landscape) -> dict[str, str]:
    """Every generated page of the landscape, keyed by its path in the docs folder."""
    lines = ["# Menukaart", ""]
    for layer in landscape.layers:
        modules = [m for m in landscape.modules.values() if m.layer == layer.id]
        lines += [f"## {plain(layer.name)}", ""]
        lines += [f"- {plain(m.name)}: {STATUS_LABELS[m.status]}" for m in modules] or ["- (leeg)"]
        lines.append("")
    return {"menukaart.md": "\n".join(lines)}
