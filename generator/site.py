"""The generated part of the site as ``{path: text}``, without MkDocs.

Paths are relative to the docs folder (``modules/open-zaak/index.md``); with
directory URLs they become the addresses of MODEL.md (``/modules/open-zaak/``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .graph import LandscapeGraph
from .model import Landscape
from .text import plain
from .views import api, overview
from .views.changes import changes_pages
from .views.claim import claim_pages
from .views.common import Index, module_doc, organisation_doc
from .views.home import home_page
from .views.indexes import KINDS, kind_index
from .views.layer import layer_pages
from .views.module import module_page
from .views.organisation import organisation_page
from .views.out_of_scope import out_of_scope_pages
from .views.standard import standard_pages
from .views.status import status_page

__all__ = ["DEFAULT_INTRO", "PICTURE_SLOT", "DeferredSite", "build_site", "defer_pictures", "plain"]

DEFAULT_INTRO = "# Retratstoliped\n"
PICTURE_SLOT = "<!--rt-picture-->"
"""Where a page's picture goes back into its HTML (see :func:`defer_pictures`)."""
_SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg"'
_SVG_CLOSE = "</svg>"


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
        pages[organisation_doc(org_id)] = organisation_page(index, org_id)
    for layer in landscape.layers:
        pages.update(layer_pages(index, layer.id))
    for standard_id in landscape.standards:
        pages.update(standard_pages(index, standard_id))
    return pages


@dataclass(frozen=True)
class DeferredSite:
    """The generated files with each page's inline picture taken out.

    A picture is most of a page's bytes but no text to read or to search, so the
    build does not send it through Markdown or the search index: the page keeps
    :data:`PICTURE_SLOT` and the plugin puts the SVG back into the finished HTML.
    """

    pages: dict[str, str]
    pictures: dict[str, str]
    """Page path to the SVG that replaces its slot."""


def defer_pictures(pages: dict[str, str]) -> DeferredSite:
    """Take the one inline SVG out of every Markdown page that has one.

    Model text cannot open an ``<svg`` element (it is escaped or sanitised), so
    the first one in a page is the picture our views drew.
    """
    kept: dict[str, str] = {}
    pictures: dict[str, str] = {}
    for path, text in pages.items():
        start = text.find(_SVG_OPEN) if path.endswith(".md") else -1
        if start < 0:
            kept[path] = text
            continue
        end = text.index(_SVG_CLOSE, start) + len(_SVG_CLOSE)
        kept[path] = text[:start] + PICTURE_SLOT + text[end:]
        pictures[path] = text[start:end]
    return DeferredSite(kept, pictures)
