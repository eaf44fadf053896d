"""The generated part of the site as ``{path: text}``, without MkDocs.

Paths are relative to the docs folder (``modules/open-zaak/index.md``); with
directory URLs they become the addresses of MODEL.md (``/modules/open-zaak/``).
"""

from __future__ import annotations

from .graph import LandscapeGraph
from .model import Landscape
from .views import api, entities, overview
from .views.common import Index, layer_doc, module_doc, organisation_doc, standard_doc
from .views.module import module_page

DEFAULT_INTRO = "# Retratstoliped\n"


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
        "index.md": overview.home_page(index, intro),
        "status/index.md": overview.status_page(index),
        "intekenen/index.md": overview.claim_page(index),
        "buiten-scope/index.md": overview.out_of_scope_page(index),
        "wijzigingen/index.md": overview.changes_page(index),
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
    for kind in ("modules", "organisaties", "lagen", "standaarden"):
        pages[f"{kind}/index.md"] = entities.kind_index(index, kind)
    for module_id in landscape.modules:
        pages[module_doc(module_id)] = module_page(index, module_id, edit_base)
    for org_id in landscape.organisations:
        pages[organisation_doc(org_id)] = entities.organisation_page(index, org_id)
    for layer in landscape.layers:
        pages[layer_doc(layer.id)] = entities.layer_page(index, layer.id)
    for standard_id in landscape.standards:
        pages[standard_doc(standard_id)] = entities.standard_page(index, standard_id)
    return pages
