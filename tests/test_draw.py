"""SVG layout and rendering: crossings, determinism, links, escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from generator.draw import GraphNode, crossings, layout, render_svg
from generator.draw.pictures import landscape_picture, neighbourhood_picture, organisation_picture
from generator.graph import LandscapeGraph
from generator.model import load_landscape

from .conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


def test_an_x_has_one_crossing_and_ordering_removes_it():
    nodes = [("a", "top"), ("b", "top"), ("c", "bottom"), ("d", "bottom")]
    edges = [("a", "d"), ("b", "c")]
    crossed = layout(nodes, edges, ["top", "bottom"], sweeps=0)
    assert crossings(crossed) == 1
    assert crossings(layout(nodes, edges, ["top", "bottom"])) == 0


def test_edges_sharing_a_node_do_not_cross():
    nodes = [("a", "top"), ("b", "bottom"), ("c", "bottom")]
    assert crossings(layout(nodes, [("a", "b"), ("a", "c")], ["top", "bottom"], sweeps=0)) == 0


def test_bands_follow_the_given_order_and_wrap():
    nodes = [(f"n{i}", "low") for i in range(7)] + [("top", "high")]
    lay = layout(nodes, [], ["high", "low"], per_row=3)
    assert [b.id for b in lay.bands] == ["high", "low"]
    assert lay.boxes["top"].y < min(lay.boxes[f"n{i}"].y for i in range(7))
    assert len({lay.boxes[f"n{i}"].y for i in range(7)}) == 3  # 3 + 3 + 1


def test_shipped_landscape_picture(tmp_path):
    landscape = load_landscape(ROOT / "modules")
    graph = LandscapeGraph(landscape)
    first = landscape_picture(landscape, graph, lambda i: f"../modules/{i}/")
    second = landscape_picture(load_landscape(ROOT / "modules"), graph, lambda i: f"../modules/{i}/")
    assert first.svg == second.svg  # deterministic
    root = ET.fromstring(first.svg)
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    in_scope = {m.id for m in landscape.modules.values() if m.status != "out-of-scope"}
    assert sorted(links) == sorted(f"../modules/{i}/" for i in in_scope)
    assert all(a.find(f"{SVG}title").text for a in root.iter(f"{SVG}a"))
    assert first.crossings < crossings(
        layout([(i, landscape.modules[i].layer) for i in in_scope], first.edges,
               [lay.id for lay in landscape.layers], sweeps=0)
    )


def test_every_module_and_organisation_picture_links_to_existing_pages():
    landscape = load_landscape(ROOT / "modules")
    graph = LandscapeGraph(landscape)
    for module_id in landscape.modules:
        picture = neighbourhood_picture(landscape, graph, module_id, lambda i: f"../{i}/")
        hrefs = re.findall(r'<a href="\.\./([^/"]+)/"', picture.svg)
        assert module_id in hrefs and set(hrefs) <= set(landscape.modules)
    for org_id in landscape.organisations:
        picture = organisation_picture(landscape, graph, org_id, lambda i: f"../../modules/{i}/")
        if picture:
            hrefs = re.findall(r'<a href="\.\./\.\./modules/([^/"]+)/"', picture.svg)
            assert hrefs and set(hrefs) <= set(landscape.modules)


def test_model_text_is_escaped_in_svg():
    nodes = [("x", "band")]
    lay = layout(nodes, [], ["band"])
    name = '<script>alert(1)</script> "quote" & {{ config }}'
    svg = render_svg(
        lay,
        {"x": GraphNode("x", name, "available", "<b>owner</b>", "../x/")},
        title="t",
        description="d",
        band_names={"band": "<i>Band</i>"},
    )
    root = ET.fromstring(svg)  # well-formed XML
    assert "<script" not in svg and "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg and "&#123;&#123; config &#125;&#125;" in svg
    assert root.find(f".//{SVG}a/{SVG}title").text.startswith("<script>alert(1)</script>")


def test_large_landscapes_roll_up_per_layer():
    """Above ROLL_UP_ABOVE modules (tested at that size in test_landscape_drawing.py):
    one row per layer with its count, linking to the layer, and the dependencies
    between layers counted."""
    from generator.draw.pictures import layer_picture

    landscape = load_landscape(ROOT / "modules")
    graph = LandscapeGraph(landscape)
    picture = layer_picture(landscape, graph)
    assert picture.rolled_up
    root = ET.fromstring(picture.svg)
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == [f"../lagen/{layer.id}/" for layer in landscape.layers]
    cells = [int(t.text) for t in root.iter(f"{SVG}text") if t.get("text-anchor") and t.text.isdigit()]
    assert len(cells) == len(landscape.layers) ** 2
    assert sum(cells) == graph.graph.number_of_edges()


def test_control_characters_never_reach_the_svg():
    lay = layout([("x", "band")], [], ["band"])
    svg = render_svg(
        lay,
        {"x": GraphNode("x", "a\x00b\x1bc\ud800", "wanted", None, "../x/")},
        title="t\x07",
        description="d",
        band_names={"band": "B\x0c"},
    )
    ET.fromstring(svg)  # XML 1.0 forbids those characters; parsing proves they are gone
    assert "abc" in svg
