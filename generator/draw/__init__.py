"""Static SVG pictures of the dependency graph, drawn at build time in Python."""

from __future__ import annotations

from .cache import DrawingCache
from .layout import Layout, crossings, layout
from .svg import GraphNode, render_svg

__all__ = ["DrawingCache", "GraphNode", "Layout", "crossings", "layout", "render_svg"]
