"""The view models: plain data per page type, checked without templates."""

from __future__ import annotations

import pytest

from generator.graph import LandscapeGraph
from generator.model import STATUS_LABELS, check_model
from generator.views.changes import history_entries
from generator.views.claim import claim_view
from generator.views.common import Index
from generator.views.home import home_view
from generator.views.indexes import layer_index, organisation_index
from generator.views.layer import layer_view
from generator.views.module import module_view
from generator.views.organisation import organisation_view
from generator.views.out_of_scope import out_of_scope_view
from generator.views.standard import standard_view
from generator.views.status import status_view

from .conftest import TODAY
from .sitebuild import add_extra_modules


@pytest.fixture
def index(model) -> Index:
    """Lookups over the extended fixture (base plus a wanted and an out-of-scope module)."""
    landscape = check_model(add_extra_modules(model()), today=TODAY).landscape
    assert landscape is not None
    return Index(landscape, LandscapeGraph(landscape))


def test_organisation_view_sorts_modules_by_relation(index):
    page = organisation_view(index, "gm0363")
    assert [r.module for r in page.leads] == ['<a href="../../modules/zaken/">Zaken</a>']
    assert [r.module for r in page.wants] == ['<a href="../../modules/afspraken/">Afspraken maken</a>']
    assert page.adopts == [] and page.builds == [] and page.kind == "gemeente"
    vng = organisation_view(index, "vng")
    assert [(m, role) for m, role, _ in vng.builds] == [
        ('<a href="../../modules/mijn-loket/">Mijn loket</a>', "financier")
    ]


def test_standard_view_lists_implementers_and_dependencies_over_it(index):
    page = standard_view(index, "zgw-apis")
    assert [r.module for r in page.rows] == ['<a href="../../modules/zaken/">Zaken</a>']
    assert page.vias == [
        ('<a href="../../modules/mijn-loket/">Mijn loket</a>', '<a href="../../modules/zaken/">Zaken</a>')
    ]
    assert page.steward == "[VNG Realisatie](../../organisaties/vng/index.md)"


def test_layer_view_counts_statuses(index):
    page = layer_view(index, "diensten")
    assert dict(page.counts) == {STATUS_LABELS["available"]: 1, STATUS_LABELS["out-of-scope"]: 1}
    assert len(page.rows) == 2


def test_module_view_of_a_wanted_module(index):
    page = module_view(index, "afspraken", None)
    assert page.owner is None and page.edit_link is None
    assert [str(o) for o in page.interested] == [
        '<a href="../../organisaties/gm0599/">Rotterdam</a>',
        '<a href="../../organisaties/gm0363/">Amsterdam</a>',
    ]
    assert page.transitive_dependencies == 1 and page.required_by == []


def test_home_view_has_every_layer_in_order_and_every_module_once(index):
    page = home_view(index, "# Intro\n")
    assert [str(layer.link).split("]")[0] for layer in page.layers] == [
        "[Portalen", "[Diensten", "[Infrastructuur"
    ]
    names = [tile.name for layer in page.layers for tile in layer.tiles]
    assert sorted(names) == sorted(m.name for m in index.landscape.modules.values())
    assert page.total == len(names) == sum(n for _, n in page.counts)


def test_status_view_matrix_adds_up(index):
    page = status_view(index)
    assert [sum(counts) for _, counts, _ in page.matrix] == [n for _, _, n in page.matrix]
    assert sum(page.totals) == page.total == len(index.landscape.modules)
    assert [str(m) for m, *_ in page.ranking] == ["[Zaken](../modules/zaken/index.md)"]


def test_claim_and_out_of_scope_views(index):
    claim = claim_view(index, "https://forge.example/edit/main/modules/")
    assert [r.path for r in claim.rows] == ["portalen/afspraken.yaml"]
    assert 'href="https://forge.example/edit/main/modules/portalen/afspraken.yaml"' in claim.rows[0].edit
    assert [r.name for r in out_of_scope_view(index).rows] == ["Eigen gemeente-app"]


def test_history_entries_newest_first(index):
    entries = history_entries(index)
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
    assert entries[0].module.id == "mijn-loket" and entries[0].status == "developing"


def test_indexes(index):
    assert [n for _, n in layer_index(index)] == [2, 2, 1]
    rows = {row.org.split("]")[0][1:]: row for row in organisation_index(index)}
    assert (rows["Amsterdam"].leads, rows["Utrecht"].leads, rows["Utrecht"].adopts) == (1, 1, 1)
