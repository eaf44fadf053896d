"""The editor's loop: a rebuild after an edit re-renders only what the edit can
reach, and its result is exactly a full build of the edited landscape."""

from __future__ import annotations

import dataclasses
import random

import pytest

from generator.graph import LandscapeGraph
from generator.incremental import affected_jobs, rebuild_site
from generator.model import Landscape, load_landscape
from generator.model.entities import Consumer, Dependency, Organisation
from generator.site import build_site
from generator.synth import synthesize

from .sitebuild import EDIT

INTRO = "# Start\n"


@pytest.fixture(scope="module")
def landscape(tmp_path_factory) -> Landscape:
    folder = tmp_path_factory.mktemp("incremental")
    synthesize(folder, modules=150, organisations=40, seed=7)
    return load_landscape(folder)


def _with(landscape: Landscape, module_id: str, **changes) -> Landscape:
    modules = dict(landscape.modules)
    modules[module_id] = modules[module_id].model_copy(update=changes)
    return dataclasses.replace(landscape, modules=modules)


def _without(landscape: Landscape, module_id: str) -> Landscape:
    modules = {i: m for i, m in landscape.modules.items() if i != module_id}
    modules = {
        i: m.model_copy(update={"depends_on": [d for d in m.depends_on if d.module != module_id]})
        for i, m in modules.items()
    }
    return dataclasses.replace(landscape, modules=modules)


def _edits(landscape: Landscape, rng: random.Random) -> list[tuple[str, Landscape]]:
    """Edits an editor makes, each on a module chosen at random."""
    ids = sorted(landscape.modules)
    municipalities = sorted(o.id for o in landscape.organisations.values() if o.kind == "municipality")
    available = [i for i in ids if landscape.modules[i].status == "available"]
    with_deps = [i for i in ids if landscape.modules[i].depends_on]
    pick = rng.choice
    a = pick(available)
    adopter = next(o for o in municipalities if o not in {c.org for c in landscape.modules[a].consumers}
                   and o not in landscape.modules[a].interested)
    d = pick(with_deps)
    layers = [layer.id for layer in landscape.layers]
    # a new dependency of a module that ``a`` does not need, so no cycle closes
    needed = LandscapeGraph(landscape).transitive_dependencies(a)
    source = pick([i for i in ids if i != a and i not in needed
                   and a not in {x.module for x in landscape.modules[i].depends_on}])
    return [
        ("rename", _with(landscape, pick(ids), name="Hernoemd & <anders>")),
        ("summary", _with(landscape, pick(ids), summary="Een andere samenvatting.")),
        ("status", _with(landscape, a, status="retired")),
        ("adopter added",
         _with(landscape, a, consumers=[*landscape.modules[a].consumers, Consumer(org=adopter)])),
        ("adopters removed", _with(landscape, a, consumers=[])),
        ("dependency removed", _with(landscape, d, depends_on=landscape.modules[d].depends_on[1:])),
        ("dependency added", _with(landscape, source, depends_on=[
            *landscape.modules[source].depends_on, Dependency(module=a)])),
        ("layer", _with(landscape, pick(ids), layer=pick(layers))),
        ("removed", _without(landscape, pick(ids))),
        ("nothing", landscape),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_rebuild_after_an_edit_equals_a_full_build(landscape, seed):
    _, state = rebuild_site(None, landscape, intro=INTRO, edit_base=EDIT, workers=1)
    for name, edited in _edits(landscape, random.Random(seed)):
        pages, _ = rebuild_site(state, edited, intro=INTRO, edit_base=EDIT, workers=1)
        full = build_site(edited, intro=INTRO, edit_base=EDIT, workers=1)
        assert list(pages) == list(full), name
        different = [p for p in full if pages[p] != full[p]]
        assert different == [], (name, different[:5])


def test_an_edit_to_one_module_reaches_few_pages(landscape):
    module_id = sorted(landscape.modules)[10]
    edited = _with(landscape, module_id, name="Anders")
    _, state = rebuild_site(None, landscape, intro=INTRO, edit_base=EDIT, workers=1)
    jobs = affected_jobs(landscape, state.graph, edited, LandscapeGraph(edited))
    assert jobs is not None and ("module", module_id) in jobs
    everything = len(landscape.modules) + len(landscape.organisations) + len(landscape.standards)
    assert len(jobs) < everything / 4


def test_an_edit_to_an_organisation_or_the_frame_redoes_everything(landscape):
    _, state = rebuild_site(None, landscape, intro=INTRO, edit_base=EDIT, workers=1)
    org = sorted(landscape.organisations)[0]
    orgs = dict(landscape.organisations)
    orgs[org] = orgs[org].model_copy(update={"name": "Andere naam"})
    renamed = dataclasses.replace(landscape, organisations=orgs)
    assert affected_jobs(landscape, state.graph, renamed, state.graph) is None
    retitled = dataclasses.replace(landscape, title="Ander landschap")
    assert affected_jobs(landscape, state.graph, retitled, state.graph) is None
    pages, _ = rebuild_site(state, renamed, intro=INTRO, edit_base=EDIT, workers=1)
    assert pages == build_site(renamed, intro=INTRO, edit_base=EDIT, workers=1)


def test_a_change_of_the_as_of_date_redoes_everything_and_equals_a_full_build(landscape):
    from generator.model import landscape_as_of
    from generator.model.asof import history_span

    first, last = history_span(landscape.modules.values())
    middle = first + (last - first) / 2
    past = landscape_as_of(landscape, middle)
    assert 0 < len(past.modules) < len(landscape.modules)
    _, state = rebuild_site(None, landscape, intro=INTRO, edit_base=EDIT, workers=1)
    assert affected_jobs(landscape, state.graph, past, LandscapeGraph(past)) is None
    pages, state = rebuild_site(state, past, intro=INTRO, edit_base=EDIT, workers=1)
    assert pages == build_site(past, intro=INTRO, edit_base=EDIT, workers=1)
    # an edit under an as-of build: the same as a full build of the edited past
    edited = _with(past, sorted(past.modules)[3], name="Anders")
    pages, _ = rebuild_site(state, edited, intro=INTRO, edit_base=EDIT, workers=1)
    assert pages == build_site(edited, intro=INTRO, edit_base=EDIT, workers=1)


def test_a_municipality_without_a_role_that_gets_one(landscape):
    """Its page turns from 'Zo doe je mee' into its lists, and the index moves it up."""
    orgs = dict(landscape.organisations)
    orgs["gm1680"] = Organisation(id="gm1680", name="Aa en Hunze", kind="municipality")
    idle = dataclasses.replace(landscape, organisations=orgs)
    wanted = sorted(i for i, m in idle.modules.items() if m.status == "wanted")[0]
    interested = _with(idle, wanted, interested=[*idle.modules[wanted].interested, "gm1680"])
    page = "organisaties/gm1680/index.md"
    _, state = rebuild_site(None, idle, intro=INTRO, edit_base=EDIT, workers=1)
    for edited, starts in ((interested, False), (idle, True)):  # and back
        pages, state = rebuild_site(state, edited, intro=INTRO, edit_base=EDIT, workers=1)
        assert pages == build_site(edited, intro=INTRO, edit_base=EDIT, workers=1)
        assert ('id="zo-doe-je-mee"' in pages[page]) is starts
