"""The view models: plain data per page type, checked without templates."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from generator.graph import LandscapeGraph
from generator.model import check_model
from generator.views.changes import history_entries
from generator.views.claim import claim_view
from generator.views.common import Index, Link, StatusCount, relative_href
from generator.views.home import home_view
from generator.views.indexes import IdleGroup, layer_index, organisation_index
from generator.views.layer import layer_view
from generator.views.module import Dependency, module_view
from generator.views.organisation import Build, organisation_view
from generator.views.out_of_scope import out_of_scope_view
from generator.views.standard import Via, standard_view
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
    assert [r.module for r in page.leads] == [Link("Zaken", "../../modules/zaken/")]
    assert [r.module for r in page.wants] == [Link("Afspraken maken", "../../modules/afspraken/")]
    assert page.adopts == [] and page.builds == [] and page.kind == "gemeente"
    assert page.claim == Link("Teken in", "../../intekenen/")
    vng = organisation_view(index, "vng")
    assert vng.builds == [Build(Link("Mijn loket", "../../modules/mijn-loket/"), "financier", "developing")]


def test_standard_view_lists_implementers_and_dependencies_over_it(index):
    page = standard_view(index, "zgw-apis")
    assert [r.module for r in page.rows] == [Link("Zaken", "../../modules/zaken/")]
    assert page.vias == [
        Via(Link("Mijn loket", "../../modules/mijn-loket/"), Link("Zaken", "../../modules/zaken/"))
    ]
    assert page.steward == Link("VNG Realisatie", "../../organisaties/vng/")


def test_layer_view_counts_statuses(index):
    page = layer_view(index, "diensten")
    assert page.counts == [StatusCount("available", 1), StatusCount("out-of-scope", 1)]
    assert len(page.rows) == 2


def test_module_view_of_a_wanted_module(index):
    page = module_view(index, "afspraken", None)
    assert page.owner is None and page.edit is None
    assert page.claim == Link("teken in", "../../intekenen/")
    assert page.interested == [
        Link("Rotterdam", "../../organisaties/gm0599/"),
        Link("Amsterdam", "../../organisaties/gm0363/"),
    ]
    assert page.depends_on == [Dependency(Link("Inloggen", "../inloggen/"), "available")]
    assert page.transitive_dependencies == 1 and page.required_by == []


def test_home_view_has_every_layer_in_order_and_every_module_once(index):
    page = home_view(index, Markup("<h1>Intro</h1>"))
    assert [layer.link for layer in page.layers] == [
        Link("Portalen", "lagen/portalen/"), Link("Diensten", "lagen/diensten/"),
        Link("Infrastructuur", "lagen/infrastructuur/"),
    ]
    names = [card.module.label for layer in page.layers for group in layer.groups for card in group.cards]
    in_scope = [m for m in index.landscape.modules.values() if m.status != "out-of-scope"]
    assert sorted(names) == sorted(m.name for m in in_scope)
    assert page.total == len(names) == sum(e.count for e in page.legend)
    assert page.out_of_scope == len(index.landscape.modules) - len(in_scope) == 1


def test_status_view_matrix_adds_up(index):
    page = status_view(index)
    assert [sum(row.counts) for row in page.matrix] == [row.total for row in page.matrix]
    assert sum(page.totals) == page.total == len(index.landscape.modules)
    assert [r.module for r in page.ranking] == [Link("Zaken", "../modules/zaken/")]


def test_claim_and_out_of_scope_views(index):
    claim = claim_view(index, "https://forge.example/edit/main/modules/")
    assert [r.path for r in claim.rows] == ["portalen/afspraken.yaml"]
    assert claim.rows[0].edit == Link(
        "Bewerk dit bestand", "https://forge.example/edit/main/modules/portalen/afspraken.yaml"
    )
    assert claim.contribute == Link("Bijdragen", "../bijdragen/")
    assert [r.module.label for r in out_of_scope_view(index).rows] == ["Eigen gemeente-app"]


def test_history_entries_newest_first(index):
    entries = history_entries(index)
    assert [e.date for e in entries] == sorted((e.date for e in entries), reverse=True)
    assert entries[0].module.id == "mijn-loket" and entries[0].status == "developing"


def test_indexes(index):
    assert [row.count for row in layer_index(index)] == [2, 2, 1]
    view = organisation_index(index)
    rows = {row.org.label: row for row in view.active}
    assert (rows["Amsterdam"].leads, rows["Utrecht"].leads, rows["Utrecht"].adopts) == (1, 1, 1)
    assert view.idle == [IdleGroup("municipality", "Gemeenten", [Link("Aa en Hunze", "gm1680/")])]
    assert (view.total, view.every_municipality) == (len(rows) + 1, False)


def test_a_municipality_without_a_role_gets_how_to_start(index):
    start = organisation_view(index, "gm1680").start
    assert start is not None
    assert (start.claim.href, start.next_steps.href) == ("../../intekenen/", "../../volgende-stappen/")
    assert organisation_view(index, "gm0363").start is None  # it leads a module


@pytest.mark.parametrize(
    ("source", "target", "href"),
    [
        ("index.md", "modules/x/index.md", "modules/x/"),
        ("index.md", "index.md", "./"),
        ("modules/x/index.md", "index.md", "../../"),
        ("modules/x/index.md", "modules/y/index.md", "../y/"),
        ("lagen/x/pagina-2/index.md", "lagen/x/index.md", "../"),
        ("intekenen/index.md", "bijdragen.md", "../bijdragen/"),
        ("wijzigingen/index.md", "wijzigingen/feed.xml", "feed.xml"),
        ("wijzigingen/pagina-3/index.md", "wijzigingen/feed.xml", "../feed.xml"),
        ("wijzigingen/feed.xml", "modules/x/index.md", "../modules/x/"),
        ("wijzigingen/feed.xml", "wijzigingen/index.md", "./"),
    ],
)
def test_the_one_linker_makes_relative_addresses(source, target, href):
    assert relative_href(source, target) == href


DOCS = ["index.md", "over.md", "modules/index.md", "modules/a/index.md", "modules/ab/index.md",
        "lagen/x/pagina-2/index.md", "wijzigingen/feed.xml", "afhankelijkheden/afhankelijkheden.svg",
        "organisaties/gm0363/index.md", "a/b/c/d.md", "api/landscape.json"]


def test_the_linker_agrees_with_posixpath_relpath():
    """relative_href walks the folders itself (posixpath.relpath was a tenth of a build)."""
    import posixpath

    from generator.views.common import url_of

    def reference(source_doc: str, target_doc: str) -> str:
        source, target = url_of(source_doc), url_of(target_doc)
        here = source.rstrip("/") if source.endswith("/") or not source else posixpath.dirname(source)
        rel = posixpath.relpath(target.rstrip("/") or ".", here or ".")
        if target.endswith("/") or not target:
            return "./" if rel == "." else rel + "/"
        return rel

    for source in DOCS:
        for target in DOCS:
            assert relative_href(source, target) == reference(source, target), (source, target)
