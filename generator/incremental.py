"""The editor's loop: after an edit, re-render only the pages the edit can reach.

``mkdocs serve`` rebuilds the whole site after every save. The pages of the
landscape-wide lists (home, status, indexes, graph, feeds) are always redone;
of the pages of single modules, organisations, layers and standards, only
those that show something of a changed module. An edit to the frame
(landscape.yaml: layers, standards, title), to an organisation or to the
date of an as-of build redoes everything: those are rare while editing modules,
and their reach is wide.

What a page shows of a module (see the views): its own page everything; a
neighbour's page and picture its name, status, owner and layer; the pages of
its organisations and layer, and of its standards, a row (a layer page a card
too); the layer pages of its neighbours draw it beside their modules; an organisation
picture draws the dependencies of that organisation's modules; and the
transitive counts (needs, needed by, municipalities hit) of every module up
and down the dependency chains, when a dependency or an adopter changes.
``tests/test_incremental.py`` checks the result against a full build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .draw import DrawingCache
from .graph import LandscapeGraph
from .model import Landscape, Module
from .site import Job, build_site_parts


@dataclass(frozen=True)
class SiteState:
    """A build the next one can start from."""

    landscape: Landscape
    intro: str
    edit_base: str | None
    graph: LandscapeGraph
    entities: dict[Job, dict[str, str]]
    """The pages of every module, organisation, layer and standard, by job."""


def rebuild_site(
    previous: SiteState | None,
    landscape: Landscape,
    *,
    intro: str,
    edit_base: str | None,
    workers: int | None = None,
    drawings: DrawingCache | None = None,
) -> tuple[dict[str, str], SiteState]:
    """The site of ``landscape``, re-using what ``previous`` rendered where the
    edit cannot have changed it; and the state for the next rebuild."""
    graph = LandscapeGraph(landscape)
    redo: set[Job] | None = None
    if previous and previous.intro == intro and previous.edit_base == edit_base:
        redo = affected_jobs(previous.landscape, previous.graph, landscape, graph)
    pages, entities = build_site_parts(
        landscape, graph, intro=intro, edit_base=edit_base, workers=workers, drawings=drawings,
        jobs=redo, reuse=previous.entities if previous and redo is not None else None,
    )
    return pages, SiteState(landscape, intro, edit_base, graph, entities)


def affected_jobs(
    old: Landscape, old_graph: LandscapeGraph, new: Landscape, new_graph: LandscapeGraph
) -> set[Job] | None:
    """The entity jobs whose pages may differ between ``old`` and ``new``; None for all."""
    if _frame(old) != _frame(new) or old.organisations != new.organisations:
        return None
    changed = {
        i for i in old.modules.keys() | new.modules.keys()
        if old.modules.get(i) != new.modules.get(i)
    }
    jobs: set[Job] = set()
    for module_id in changed:
        for landscape, graph in ((old, old_graph), (new, new_graph)):
            module = landscape.modules.get(module_id)
            if module is not None:
                jobs |= _reach(landscape, graph, module, _chains_change(old, new, module_id))
    return {job for job in jobs if _exists(new, job)}


def _frame(landscape: Landscape) -> tuple[object, ...]:
    return (landscape.title, landscape.description, landscape.layers, landscape.standards,
            landscape.as_of)


def _chains_change(old: Landscape, new: Landscape, module_id: str) -> bool:
    """Whether the transitive counts of other modules may change: a dependency or
    an adopter of the module changed, or the module came or went."""
    before, after = old.modules.get(module_id), new.modules.get(module_id)
    if before is None or after is None:
        return True
    return before.depends_on != after.depends_on or before.consumers != after.consumers


def _reach(landscape: Landscape, graph: LandscapeGraph, module: Module, chains: bool) -> set[Job]:
    """The entity pages that show something of ``module`` in ``landscape``."""
    neighbours = set(graph.dependencies(module.id)) | set(graph.dependents(module.id))
    modules = {module.id} | neighbours
    if chains:
        modules |= graph.transitive_dependencies(module.id) | graph.transitive_dependents(module.id)
    jobs: set[Job] = {("module", i) for i in modules}
    # organisation pages list it, or draw it as a dependency of one of theirs
    for other in [module.id, *graph.dependents(module.id)]:
        jobs |= {("organisation", org) for org in _involved(landscape.modules[other])}
    # its layer lists it; the layers of its neighbours draw it beside their modules
    jobs |= {("layer", landscape.modules[i].layer) for i in {module.id} | neighbours}
    standards = set(module.standards) | {d.via for d in module.depends_on if d.via}
    standards |= {
        d.via for dependent in graph.dependents(module.id)
        for d in landscape.modules[dependent].depends_on if d.module == module.id and d.via
    }
    jobs |= {("standard", s) for s in standards}
    return jobs


def _involved(module: Module) -> Iterable[str]:
    if module.owner:
        yield module.owner
    yield from (p.org for p in module.partners)
    yield from (c.org for c in module.consumers)
    yield from module.interested


def _exists(landscape: Landscape, job: Job) -> bool:
    kind, key = job
    if kind == "module":
        return key in landscape.modules
    if kind == "organisation":
        return key in landscape.organisations
    if kind == "layer":
        return any(layer.id == key for layer in landscape.layers)
    return key in landscape.standards
