"""The generated part of the site as ``{path: text}``, without MkDocs.

Paths are relative to the docs folder (``modules/open-zaak/index.md``); with
directory URLs they become the addresses of MODEL.md (``/modules/open-zaak/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .graph import LandscapeGraph
from .model import Landscape
from .text import BLOCK_BEGIN, BLOCK_END, TEXT_BEGIN, plain
from .views import api, overview
from .views.changes import changes_pages
from .views.claim import claim_pages
from .views.common import Index, module_doc
from .views.home import home_page
from .views.indexes import KINDS, kind_index
from .views.layer import layer_pages
from .views.module import module_page
from .views.organisation import organisation_pages
from .views.out_of_scope import out_of_scope_pages
from .views.standard import standard_pages
from .views.status import status_page

__all__ = ["BLOCK_BEGIN", "BLOCK_END", "DEFAULT_INTRO", "TEXT_BEGIN", "DeferredSite", "build_site", "defer_blocks", "plain"]

DEFAULT_INTRO = "# Retratstoliped\n"
_BLOCK = re.compile(
    f"(?:{re.escape(BLOCK_BEGIN)}|({re.escape(TEXT_BEGIN)}))(.*?){re.escape(BLOCK_END)}", re.DOTALL
)
_SLOT = re.compile(r"<!--rt:(t?)(\d+)-->")


def build_site(
    landscape: Landscape, *, intro: str = DEFAULT_INTRO, edit_base: str | None = None
) -> dict[str, str]:
    """Every generated page and file of the landscape.

    Args:
        landscape: a landscape that passed the check.
        intro: the Markdown of the hand-written home page, placed above the menu card.
        edit_base: where module files can be edited on the forge (ends in the model
            folder, e.g. ``https://github.com/org/repo/edit/main/modules``); no edit
            links without it.
    """
    index = Index(landscape, LandscapeGraph(landscape))
    picture = overview.graph_picture(index)
    pages: dict[str, str] = {
        "index.md": home_page(index, intro),
        "status/index.md": status_page(index),
        "wijzigingen/feed.xml": api.atom_feed(index),
        "afhankelijkheden/index.md": overview.graph_page(index, picture),
        "afhankelijkheden/afhankelijkheden.svg": '<?xml version="1.0" encoding="utf-8"?>\n'
        + picture.svg
        + "\n",
        "api/landscape.json": api.landscape_json(index),
        "api/landscape.schema.json": api.landscape_json_schema(),
        "api/module.schema.json": api.module_schema_json(),
        "api/modules.csv": api.modules_csv(index),
    }
    pages.update(claim_pages(index, edit_base))
    pages.update(out_of_scope_pages(index))
    pages.update(changes_pages(index))
    for kind in KINDS:
        pages[f"{kind}/index.md"] = kind_index(index, kind)
    for module_id in landscape.modules:
        pages[module_doc(module_id)] = module_page(index, module_id, edit_base)
    for org_id in landscape.organisations:
        pages.update(organisation_pages(index, org_id))
    for layer in landscape.layers:
        pages.update(layer_pages(index, layer.id))
    for standard_id in landscape.standards:
        pages.update(standard_pages(index, standard_id))
    return pages


@dataclass(frozen=True)
class DeferredSite:
    """The generated files with each page's HTML blocks taken out.

    A block is finished HTML: nothing for Markdown to convert. Most of a page's
    bytes are blocks, so the pages handed to MkDocs keep a numbered slot comment
    per block and the plugin puts the blocks back: prose before the search plugin
    reads the page (``text=True``), tables, link lists and pictures into the
    finished HTML after it, since lists of links only clutter the search index
    (every entry has a page of its own).
    """

    pages: dict[str, str]
    blocks: dict[str, list[str]]
    """Page path to the blocks of its slots, in order (both kinds share the numbering)."""

    def fill(self, path: str, html: str, *, text: bool = False) -> str:
        """Page ``path``'s HTML with its prose (``text``) or its other blocks back in place."""
        blocks = self.blocks.get(path)
        if not blocks:
            return html
        wanted = "t" if text else ""

        def put(match: re.Match[str]) -> str:
            return blocks[int(match.group(2))] if match.group(1) == wanted else match.group(0)

        return _SLOT.sub(put, html)


def defer_blocks(pages: dict[str, str]) -> DeferredSite:
    """Take every block (``BLOCK_BEGIN``/``TEXT_BEGIN`` ... ``BLOCK_END``) out of the
    Markdown pages.

    Model text cannot write an HTML comment (it is escaped or sanitised), so every
    marker in a generated page is one that a template wrote; blocks do not nest.
    """
    kept: dict[str, str] = {}
    blocks: dict[str, list[str]] = {}
    for path, text in pages.items():
        if not path.endswith(".md") or "<!--rt:" not in text:
            kept[path] = text
        else:
            kept[path], blocks[path] = _cut_blocks(path, text)
    return DeferredSite(kept, blocks)


def _cut_blocks(path: str, text: str) -> tuple[str, list[str]]:
    """One page's Markdown with a slot per block, and its blocks in slot order."""
    found: list[str] = []

    def slot(match: re.Match[str]) -> str:
        if "<!--rt:" in match.group(2):
            raise ValueError(f"{path}: a block inside a block")
        found.append(match.group(2))
        kind = "t" if match.group(1) else ""
        return f"<!--rt:{kind}{len(found) - 1}-->"

    return _BLOCK.sub(slot, text), found
