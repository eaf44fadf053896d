"""``/api/landscape.graphml``: the dependency graph as GraphML, for Gephi, yEd and networkx.

A node per module (its id is the module id) with the other facts of
:data:`~generator.outputs.facts.MODULE_FIELDS` and a ``label`` (the name, which Gephi
shows and yEd's properties mapper can show); an edge from a module to each module it
depends on (``a -> b``: a needs b, as on the site), with the ``via`` standard (empty
without one). With ``organisations`` the organisations with a role at a module are
nodes too (id ``org:<id>``, ``type`` organisation), with an edge to each module they
have a role at (``roles``: the roles, space-separated, as in
:data:`~generator.outputs.facts.ROLE_NAMES`). Written by networkx in the order of the
model, so the same landscape gives the same bytes.
"""

from __future__ import annotations

import networkx as nx

from ..text import clean
from ..views.common import Index
from .facts import involved_organisations, module_facts, organisation_url, roles

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'


def organisation_node(org_id: str) -> str:
    """The node id of an organisation: not a module id, which has no colon."""
    return f"org:{org_id}"


def landscape_graph(index: Index, *, organisations: bool = False) -> nx.DiGraph:
    """The graph that :func:`landscape_graphml` writes."""
    landscape = index.landscape
    graph = nx.DiGraph(name=clean(landscape.title))
    for m in landscape.modules.values():
        facts = module_facts(index, m)
        del facts["id"]  # the node's own id
        graph.add_node(m.id, type="module", label=facts["name"], **facts)
    for m in landscape.modules.values():
        for d in m.depends_on:
            graph.add_edge(m.id, d.module, type="depends_on", via=d.via or "")
    if organisations:
        for org_id in involved_organisations(index):
            org = landscape.organisations[org_id]
            graph.add_node(
                organisation_node(org_id), type="organisation", label=clean(org.name),
                name=clean(org.name), kind=org.kind, url=organisation_url(org_id),
            )
        for m in landscape.modules.values():
            for role in roles(m):
                source = organisation_node(role.org)
                if graph.has_edge(source, m.id):
                    graph.edges[source, m.id]["roles"] += " " + role.role
                else:
                    graph.add_edge(source, m.id, type="role", roles=role.role)
    return graph


def landscape_graphml(index: Index, *, organisations: bool = False) -> str:
    """The landscape as GraphML (UTF-8, directed)."""
    graph = landscape_graph(index, organisations=organisations)
    return HEADER + "\n".join(nx.generate_graphml(graph)) + "\n"
