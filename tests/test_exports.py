"""The exports for other tools (GraphML, DOT, ArchiMate): each is parsed back by an
independent reader and compared with the model, on the real model, a synthetic one and a
hostile one; and the ``export`` command's output, errors and file handling."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pydot
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.graph import LandscapeGraph
from generator.model import STATUS_LABELS, Landscape, check_model, load_landscape
from generator.outputs.dot import quote
from generator.outputs.exports import EXPORTS, FORMATS, export
from generator.outputs.facts import ROLE_NAMES, roles
from generator.outputs.graphml import landscape_graphml
from generator.site import build_site
from generator.synth import synthesize
from generator.text import clean
from generator.views.common import Index

from .conftest import TODAY
from .hostile import PAYLOADS, hostile_model
from .sitebuild import add_extra_modules, gemma_model, shipped_site

NS = "http://www.opengroup.org/xsd/archimate/3.0/"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
A = f"{{{NS}}}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")

pytestmark = pytest.mark.filterwarnings(  # pydot 4.0 calls pyparsing's old names
    "ignore:'\\w+' deprecated:DeprecationWarning"
)


# ---------------------------------------------------------------- landscapes


@pytest.fixture(scope="module", params=["shipped", "extended", "synthetic", "hostile"])
def index(request, tmp_path_factory) -> Index:
    """The real model, the extended fixture, a synthetic landscape with every kind of
    role, and a model with an attack in every text field."""
    if request.param == "shipped":
        landscape = shipped_site()[0]
    else:
        folder = tmp_path_factory.mktemp(request.param) / "modules"
        if request.param == "synthetic":
            synthesize(folder, modules=150, organisations=40, seed=3)
        elif request.param == "hostile":
            hostile_model(folder)
        else:
            from .conftest import materialise

            add_extra_modules(materialise(None, folder))
        result = check_model(folder, today=TODAY)
        assert result.landscape is not None, result.errors
        landscape = result.landscape
    return Index(landscape, LandscapeGraph(landscape))


def _dependencies(landscape: Landscape) -> list[tuple[str, str, str]]:
    return [(m.id, d.module, d.via or "") for m in landscape.modules.values() for d in m.depends_on]


def _involved(landscape: Landscape) -> set[str]:
    return {r.org for m in landscape.modules.values() for r in roles(m)}


# ---------------------------------------------------------------- GraphML


def test_graphml_reads_back_as_the_model(index):
    landscape = index.landscape
    graph = nx.parse_graphml(export(index, "graphml"))
    assert isinstance(graph, nx.DiGraph)
    assert list(graph.nodes) == list(landscape.modules)
    for m in landscape.modules.values():
        node = graph.nodes[m.id]
        owner = landscape.organisations[m.owner].name if m.owner else ""
        assert node == {
            "type": "module", "label": clean(m.name), "name": clean(m.name), "layer": m.layer,
            "layer_name": clean(landscape.layer(m.layer).name), "status": m.status,
            "status_label": STATUS_LABELS[m.status], "owner": m.owner or "",
            "owner_name": clean(owner), "adopters": len(m.consumers),
            "interested": len(m.interested), "url": f"/modules/{m.id}/",
        }
    edges = [(a, b, data["via"]) for a, b, data in graph.edges(data=True)]
    assert sorted(edges) == sorted(_dependencies(landscape))
    assert graph.graph["name"] == clean(landscape.title)


def test_graphml_with_organisations_adds_each_role_as_an_edge(index):
    landscape = index.landscape
    graph = nx.parse_graphml(landscape_graphml(index, organisations=True))
    organisations = {n for n, data in graph.nodes(data=True) if data["type"] == "organisation"}
    assert organisations == {f"org:{o}" for o in _involved(landscape)}
    for node in organisations:
        org = landscape.organisations[node.removeprefix("org:")]
        assert graph.nodes[node]["label"] == clean(org.name)
        assert graph.nodes[node]["kind"] == org.kind
    expected = Counter((f"org:{r.org}", r.module, r.role) for m in landscape.modules.values()
                       for r in roles(m))
    found = Counter(
        (a, b, role) for a, b, data in graph.edges(data=True) if data["type"] == "role"
        for role in data["roles"].split()
    )
    assert found == expected
    assert all(r in ROLE_NAMES for _, _, r in found)
    modules_only = graph.subgraph(landscape.modules)
    assert sorted(modules_only.edges) == sorted((a, b) for a, b, _ in _dependencies(landscape))


# ---------------------------------------------------------------- DOT


def unquote(text: str) -> str:
    """A DOT quoted string as Graphviz shows it in a label: ``\\"`` is a quote, ``\\\\``
    a backslash, ``\\n`` a line break; other escapes stay as they are."""
    assert text.startswith('"') and text.endswith('"'), text
    out, i, body = [], 0, text[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({'"': '"', "\\": "\\", "n": "\n"}.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def _parse_dot(text: str) -> pydot.Dot:
    graphs = pydot.graph_from_dot_data(text)
    assert graphs is not None and len(graphs) == 1, "pydot could not parse the DOT file"
    return graphs[0]


def _nodes(graph: pydot.Graph) -> list[pydot.Node]:
    """The nodes of a graph or cluster, without pydot's entries for default statements."""
    return [n for n in graph.get_nodes() if n.get_name() not in ("graph", "node", "edge")]


def test_dot_parses_back_as_the_model(index):
    landscape = index.landscape
    dot = _parse_dot(export(index, "dot"))
    assert dot.get_type() == "digraph"
    graph_attributes = dot.get_graph_defaults()[0] if dot.get_graph_defaults() else {}
    assert unquote(graph_attributes["label"]) == clean(landscape.title)
    clusters = {unquote(s.get_name()): s for s in dot.get_subgraphs()}
    in_use = [layer for layer in landscape.layers if index.by_layer.get(layer.id)]
    assert list(clusters) == [f"cluster_{layer.id}" for layer in in_use]
    placed: dict[str, str] = {}
    for layer in in_use:
        cluster = clusters[f"cluster_{layer.id}"]
        assert unquote(cluster.get_graph_defaults()[0]["label"]) == clean(layer.name)
        for node in _nodes(cluster):
            placed[unquote(node.get_name())] = layer.id
            m = landscape.modules[unquote(node.get_name())]
            attributes = node.get_attributes()
            assert unquote(attributes["label"]) == f"{clean(m.name)}\n{STATUS_LABELS[m.status]}"
            assert unquote(attributes["tooltip"]) == clean(m.summary)
            assert unquote(attributes["URL"]) == f"/modules/{m.id}/"
            assert unquote(attributes["status"]) == m.status
            border = {"available": "solid", "developing": "dashed", "claimed": "dashed"}
            assert unquote(attributes["style"]).endswith(border.get(m.status, "dotted"))
    assert placed == {m.id: m.layer for m in landscape.modules.values()}
    edges = [(unquote(e.get_source()), unquote(e.get_destination()),
              unquote(e.get_attributes().get("via", '""'))) for e in dot.get_edges()]
    assert edges == _dependencies(landscape)


DOT_SPECIAL = st.text(st.sampled_from(list('\\"\n\rnN;] ')))
"""Text dense in what could end a DOT string or turn into a label escape."""


@settings(deadline=None)  # the first call builds pydot's parser
@given(st.one_of(DOT_SPECIAL, st.text()))
@example("ends in a backslash \\")
@example("\\n is not a line break")
@example('a "quote", then ]; b [label="injected"]; a -> b; //')
def test_any_text_survives_dot_quoting(text):
    dot = _parse_dot(f"digraph g {{ a [label={quote(text)}, tooltip={quote(text)}]; }}")
    node = dot.get_node("a")[0]
    assert unquote(node.get_attributes()["label"]) == clean(text).replace("\r\n", "\n").replace("\r", "\n")
    assert len(_nodes(dot)) == 1  # nothing in the text ends the string or adds a statement


def test_dot_escapes_quotes_backslashes_and_line_breaks():
    assert quote('a "b" \\N c\nd') == '"a \\"b\\" \\\\N c\\nd"'
    assert quote("ends in \\") == '"ends in \\\\"'
    assert quote("bel\x07 nel\x85") == '"bel nel"'


# ---------------------------------------------------------------- ArchiMate

MODEL_ORDER = ("name", "documentation", "properties", "metadata", "elements", "relationships",
               "organizations", "propertyDefinitions", "views")
CONCEPT_ORDER = ("name", "documentation", "properties")
NODE_ORDER = ("label", "documentation", "style", "node")
ROLE_BY_NAME = {name: role for role, name in ROLE_NAMES.items()}
ALLOWED = {
    ("Serving", "ApplicationComponent", "ApplicationComponent"),
    ("Serving", "ApplicationComponent", "BusinessActor"),
    ("Association", "BusinessActor", "ApplicationComponent"),
}
"""The relationships the export writes, each valid in ArchiMate 3.1 (Appendix B) and in
Archi's table of relationships (an importer refuses an invalid one)."""


def _local(element: ET.Element) -> str:
    assert element.tag.startswith(A), f"{element.tag} is not in the exchange format's namespace"
    return element.tag[len(A):]


def _in_order(element: ET.Element, order: tuple[str, ...]) -> None:
    names = [_local(child) for child in element]
    places = [order.index(n) for n in names]  # ValueError: a child the schema does not allow here
    assert places == sorted(places), f"{_local(element)}: children out of order: {names}"


def _lang_text(parent: ET.Element, tag: str) -> str | None:
    found = parent.find(A + tag)
    if found is None:
        return None
    assert found.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
    return found.text or ""


def check_exchange_file(text: str) -> dict:
    """Parse an exchange file and check what the schema's keys and keyrefs and the
    sequences used here demand; return what it holds, for comparing with the model."""
    root = ET.fromstring(text)
    assert root.tag == A + "model"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").startswith(NS)
    _in_order(root, MODEL_ORDER)
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier") is not None]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    assert all(NCNAME.match(i) for i in ids), [i for i in ids if not NCNAME.match(i)]

    elements = {}
    for element in root.iterfind(f"{A}elements/{A}element"):
        _in_order(element, CONCEPT_ORDER)
        assert _lang_text(element, "name"), "an element needs a name"
        elements[element.get("identifier")] = element
    relationships = {}
    for relationship in root.iterfind(f"{A}relationships/{A}relationship"):
        _in_order(relationship, CONCEPT_ORDER)
        kind = relationship.get(XSI_TYPE)
        source, target = elements[relationship.get("source")], elements[relationship.get("target")]
        assert (kind, source.get(XSI_TYPE), target.get(XSI_TYPE)) in ALLOWED
        relationships[relationship.get("identifier")] = relationship
    definitions = {
        d.get("identifier"): _lang_text(d, "name")
        for d in root.iterfind(f"{A}propertyDefinitions/{A}propertyDefinition")
    }
    assert all(d.get("type") in ("string", "number")
               for d in root.iterfind(f"{A}propertyDefinitions/{A}propertyDefinition"))

    def properties(concept: ET.Element) -> dict[str, str]:
        return {
            definitions[p.get("propertyDefinitionRef")]: p.findtext(A + "value") or ""
            for p in concept.iterfind(f"{A}properties/{A}property")
        }

    views = {v.get("identifier"): v for v in root.iterfind(f"{A}views/{A}diagrams/{A}view")}
    folders = [i.get("identifierRef") for i in root.iterfind(f".//{A}organizations//{A}item")
               if i.get("identifierRef")]
    assert sorted(folders) == sorted([*elements, *relationships, *views]), "each in one folder"

    drawn_elements, drawn_relationships = set(), set()
    for view in views.values():
        assert view.get(XSI_TYPE) == "Diagram" and _lang_text(view, "name")
        nodes = {}
        for node in view.iter(A + "node"):
            _in_order(node, NODE_ORDER)
            x, y, w, h = (int(node.get(k)) for k in "xywh")
            assert x >= 0 and y >= 0 and w > 0 and h > 0
            for child in node.iterfind(A + "node"):  # nested: inside its container
                cx, cy, cw, ch = (int(child.get(k)) for k in "xywh")
                assert x <= cx and y <= cy and cx + cw <= x + w and cy + ch <= y + h
            if node.get(XSI_TYPE) == "Element":
                assert node.get("elementRef") in elements
                drawn_elements.add(node.get("elementRef"))
            else:
                assert node.get(XSI_TYPE) == "Container" and _lang_text(node, "label")
            nodes[node.get("identifier")] = node
        boxes = [tuple(int(n.get(k)) for k in "xywh") for n in nodes.values()
                 if n.get(XSI_TYPE) == "Element"]
        for i, (x, y, w, h) in enumerate(boxes):  # no element box overlaps another
            assert all(x + w <= a or a + c <= x or y + h <= b or b + d <= y
                       for a, b, c, d in boxes[i + 1:])
        for connection in view.iterfind(A + "connection"):
            assert connection.get(XSI_TYPE) == "Relationship"
            relationship = relationships[connection.get("relationshipRef")]
            source, target = nodes[connection.get("source")], nodes[connection.get("target")]
            assert source.get("elementRef") == relationship.get("source")
            assert target.get("elementRef") == relationship.get("target")
            drawn_relationships.add(connection.get("relationshipRef"))
    return {
        "root": root, "elements": elements, "relationships": relationships, "views": views,
        "properties": properties, "drawn_elements": drawn_elements,
        "drawn_relationships": drawn_relationships,
    }


def test_archimate_is_a_consistent_exchange_file_of_the_model(index):
    landscape = index.landscape
    found = check_exchange_file(export(index, "archimate"))
    elements, relationships, properties = found["elements"], found["relationships"], found["properties"]
    assert _lang_text(found["root"], "name") == clean(landscape.title)

    modules = {i: e for i, e in elements.items() if e.get(XSI_TYPE) == "ApplicationComponent"}
    assert list(modules) == [f"id-module-{m}" for m in landscape.modules]
    for m in landscape.modules.values():
        element = modules[f"id-module-{m.id}"]
        assert _lang_text(element, "name") == clean(m.name)
        assert _lang_text(element, "documentation") == clean(m.summary)
        facts = properties(element)
        assert (facts["id"], facts["layer"], facts["status"], facts["owner"] if m.owner else None) == (
            m.id, m.layer, m.status, m.owner)
        assert (int(facts["adopters"]), int(facts["interested"])) == (len(m.consumers), len(m.interested))
        assert facts["url"] == f"/modules/{m.id}/"
    actors = {i: e for i, e in elements.items() if e.get(XSI_TYPE) == "BusinessActor"}
    assert set(actors) == {f"id-org-{o}" for o in _involved(landscape)}
    for actor_id, actor in actors.items():
        org = landscape.organisations[actor_id.removeprefix("id-org-")]
        assert _lang_text(actor, "name") == clean(org.name)
        assert properties(actor)["kind"] == org.kind
    assert len(elements) == len(modules) + len(actors)

    serving = sorted(
        (r.get("target").removeprefix("id-module-"), r.get("source").removeprefix("id-module-"),
         properties(r).get("via", ""))
        for r in relationships.values() if r.get("identifier").startswith("id-dependency-")
    )
    assert serving == sorted(_dependencies(landscape))
    assert all(r.get(XSI_TYPE) == "Serving" for r in relationships.values()
               if r.get("identifier").startswith("id-dependency-"))
    found_roles = Counter()
    for r in relationships.values():
        if r.get("identifier").startswith("id-role-"):
            role = ROLE_BY_NAME[_lang_text(r, "name")]
            assert r.get("identifier").startswith(f"id-role-{role}.")
            ends = (r.get("source"), r.get("target"))
            org, module = ends if role != "consumer" else ends[::-1]
            assert r.get(XSI_TYPE) == ("Serving" if role == "consumer" else "Association")
            found_roles[(org.removeprefix("id-org-"), role, module.removeprefix("id-module-"))] += 1
    assert found_roles == Counter((r.org, r.role, r.module) for m in landscape.modules.values()
                                  for r in roles(m))

    assert [_lang_text(v, "name") for v in found["views"].values()] == [
        clean(layer.name) for layer in landscape.layers]
    assert found["drawn_elements"] == set(modules)  # every module in a view (actors: in folders)
    assert found["drawn_relationships"] == {
        i for i in relationships if i.startswith("id-dependency-")}


def test_an_archimate_view_holds_its_layer_and_the_neighbours_across_layers(index):
    landscape = index.landscape
    found = check_exchange_file(export(index, "archimate"))
    for layer in landscape.layers:
        view = found["views"][f"id-view-{layer.id}"]
        groups = view.findall(A + "node")
        own = {m.id for m in index.by_layer.get(layer.id, [])}
        touching = [(a, b) for a, b, _ in _dependencies(landscape) if a in own or b in own]
        neighbours = {end for edge in touching for end in edge} - own
        members = [{n.get("elementRef").removeprefix("id-module-") for n in g.iter(A + "node")
                    if n.get("elementRef")} for g in groups]
        assert members == [s for s in (own, neighbours) if s]
        assert len(view.findall(A + "connection")) == len(touching)


# ---------------------------------------------------------------- hostile text and the site


def test_hostile_names_reach_every_export_as_text(tmp_path):
    landscape = check_model(hostile_model(tmp_path / "m"), today=TODAY).landscape
    assert landscape is not None
    index = Index(landscape, LandscapeGraph(landscape))
    names = {p[:80] for p in PAYLOADS}
    graph = nx.parse_graphml(export(index, "graphml"))
    assert {d["name"] for _, d in graph.nodes(data=True)} >= names
    dot = _parse_dot(export(index, "dot"))
    labels = {unquote(n.get_attributes()["label"]).split("\n")[0]
              for s in dot.get_subgraphs() for n in _nodes(s)}
    assert labels >= names
    found = check_exchange_file(export(index, "archimate"))
    assert {_lang_text(e, "name") for e in found["elements"].values()} >= names


def test_control_characters_do_not_break_the_xml(model):
    folder = model()
    zaken = folder / "diensten" / "zaken.yaml"
    zaken.write_text(zaken.read_text(encoding="utf-8").replace(
        "name: Zaken", 'name: "Za\\aken\\u0085 \\\\N \\"x\\""'), encoding="utf-8")
    landscape = check_model(folder, today=TODAY).landscape
    assert landscape is not None and "\x07" in landscape.modules["zaken"].name
    index = Index(landscape, LandscapeGraph(landscape))
    assert nx.parse_graphml(export(index, "graphml")).nodes["zaken"]["name"] == 'Zaken \\N "x"'
    check_exchange_file(export(index, "archimate"))
    node = _parse_dot(export(index, "dot")).get_subgraphs()[1].get_node('"zaken"')[0]
    assert unquote(node.get_attributes()["label"]).startswith('Zaken \\N "x"\n')


def test_the_site_publishes_each_export_under_api():
    landscape, pages = shipped_site()
    index = Index(landscape, LandscapeGraph(landscape))
    assert [e.path for e in EXPORTS] == [
        "api/landscape.graphml", "api/landscape.dot", "api/landscape-archimate.xml"]
    for e in EXPORTS:
        assert pages[e.path] == export(index, e.format)
    again = build_site(landscape, intro="# Retratstoliped\n", workers=1)
    assert all(again[e.path] == pages[e.path] for e in EXPORTS)  # deterministic
    page = pages["afhankelijkheden/index.md"]
    for e in EXPORTS:  # the drawing's page offers each file beside its SVG
        assert f'<a href="../{e.path}" download>' in page


# ---------------------------------------------------------------- the command line


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "retratstoliped"
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, text=True)


def test_the_command_offers_every_export():
    from generator.cli import EXPORT_FORMATS

    assert sorted(EXPORT_FORMATS) == sorted(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_prints_the_sites_file(model, fmt):
    folder = model()
    done = run("export", str(folder), "--format", fmt)
    assert done.returncode == 0, done.stderr
    landscape = load_landscape(folder)
    assert done.stdout == export(Index(landscape, LandscapeGraph(landscape)), fmt)


def test_export_writes_a_file_whole(model, tmp_path):
    folder = model()
    target = tmp_path / "out" / "landscape.graphml"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    done = run("export", str(folder), "--format", "graphml", "--organisations", "--out", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    graph = nx.read_graphml(target)
    assert "org:gm0363" in graph and "zaken" in graph
    assert [p.name for p in target.parent.iterdir()] == ["landscape.graphml"]  # no temporary left
    assert target.stat().st_mode & 0o044 == 0o044  # readable like any new file, not 0600


def test_export_of_a_model_with_errors_writes_nothing(model, tmp_path):
    folder = model("r2-references")
    target = tmp_path / "landscape.dot"
    target.write_text("old", encoding="utf-8")
    done = run("export", ".", "--format", "dot", "--out", str(target))
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith(
        "diensten/verwijzingen.yaml:2:8: error: layer 'dienst' is not a known layer")
    assert "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == "old"
    assert run("export", str(folder), "--format", "archimate").stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "'xml' is not one of 'archimate', 'dot', 'graphml'"),
        ([], "Missing option '--format'"),
        (["--format", "dot", "--organisations"], "only with --format graphml"),
        (["--format", "dot", "--out", "nowhere/x.dot"], "folder nowhere does not exist"),
        (["--format", "dot", "--out", "."], "is a directory"),
        (["--format", "dot", "no-such-folder"], "does not exist"),
    ],
)
def test_export_usage_errors_exit_2(model, args, message):
    folder = model()
    done = run("export", *args, cwd=folder.parent)  # where ./modules is the model
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_exports_of_the_real_gemma_landscape(tmp_path):
    """The shipped model with the whole GEMMA reference architecture merged in."""
    folder = gemma_model(tmp_path / "modules")
    landscape = load_landscape(folder)
    assert len(landscape.modules) > 200
    outputs = {}
    for fmt in FORMATS:
        target = tmp_path / f"landscape.{fmt}"
        done = run("export", str(folder), "--format", fmt, "--out", str(target))
        assert done.returncode == 0, done.stderr
        outputs[fmt] = target.read_text(encoding="utf-8")
    assert set(nx.parse_graphml(outputs["graphml"]).nodes) == set(landscape.modules)
    assert len(_parse_dot(outputs["dot"]).get_edges()) == len(_dependencies(landscape))
    found = check_exchange_file(outputs["archimate"])
    assert len(found["drawn_relationships"]) == len(_dependencies(landscape))
