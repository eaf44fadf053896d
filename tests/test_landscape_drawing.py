"""The whole-landscape drawing of /afhankelijkheden/: every module in scope a node and a
link, in the band of its layer, bands in the model's order, the model's edges, the same
bytes in every process, drawn module by module up to 1,000 modules and rolled up above;
and the exact crossing count the layout is judged by."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest

from generator.draw.landscape import columns_for, shape_for
from generator.draw.layout import Box, Layout, _cross, crossings, edge_points, layout
from generator.draw.pictures import ROLL_UP_ABOVE, landscape_picture
from generator.draw.svg import GraphNode, accessible_name
from generator.graph import LandscapeGraph
from generator.model import SHORT_LABELS, STATUS_LABELS, load_landscape
from generator.synth import synthesize
from generator.views.common import Index
from generator.views.dependencies import ROLES, dependencies_view, drawing_data, graph_picture

from .conftest import ROOT
from .sitebuild import gemma_model

SVG = "{http://www.w3.org/2000/svg}"
PIECE = re.compile(r"M(-?\d+) (-?\d+)(?:L(-?\d+) (-?\d+)|C[-\d ]+ (-?\d+) (-?\d+))")


def href(module_id: str) -> str:
    return f"../modules/{module_id}/"


@pytest.fixture(scope="module")
def gemma(tmp_path_factory) -> Path:
    """The landscape of the real size: the shipped modules and every GEMMA component."""
    return gemma_model(tmp_path_factory.mktemp("gemma") / "modules")


@pytest.fixture(scope="module", params=["shipped", "gemma"])
def drawn(request, gemma):
    """(landscape, graph, picture, parsed SVG) of the shipped and the GEMMA-size model."""
    landscape = load_landscape(ROOT / "modules" if request.param == "shipped" else gemma)
    graph = LandscapeGraph(landscape)
    picture = landscape_picture(landscape, graph, href)
    return landscape, graph, picture, ET.fromstring(picture.svg)


def _in_scope(landscape) -> set[str]:
    return {m.id for m in landscape.modules.values() if m.status != "out-of-scope"}


def _nodes(root: ET.Element) -> list[ET.Element]:
    return [a for a in root.iter(f"{SVG}a") if "rt-node" in a.get("class", "")]


def test_every_module_in_scope_is_a_node_and_a_link(drawn):
    landscape, _, picture, root = drawn
    nodes = _nodes(root)
    in_scope = _in_scope(landscape)
    assert not picture.rolled_up
    assert len(in_scope) > (200 if len(landscape.modules) > 100 else 50)
    assert sorted(a.get("data-id") for a in nodes) == sorted(in_scope)
    assert sorted(a.get("href") for a in nodes) == sorted(href(i) for i in in_scope)
    organisations = landscape.organisations
    labels: dict[tuple[int, int], list[str]] = {}  # the texts of the labels' layer, by node
    (layer,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "rt-labels"]
    assert layer.get("aria-hidden") == "true"
    for t in layer.iter(f"{SVG}text"):
        top = int(t.get("y")) - (59 if t.get("class") == "rt-o" else 46 if "rt-w" in t.get("class") else 17)
        labels.setdefault((int(t.get("x")), top), []).append(t.text)
    for a in nodes:
        module = landscape.modules[a.get("data-id")]
        title = a.find(f"{SVG}title").text
        owner = organisations[module.owner].name if module.owner else None
        assert title == accessible_name(GraphNode(module.id, module.name, module.status, owner, ""))
        assert title.startswith(module.name)
        assert STATUS_LABELS[module.status] in title
        assert (f"Trekker: {owner}" if owner else "Nog geen trekker") in title
        assert a.get("data-status") == module.status
        assert f"rt-s-{module.status}" in a.get("class")  # colour and border style
        box = picture.layout.boxes[module.id]
        words = labels.get((box.x + 9, box.y), [])
        assert SHORT_LABELS[module.status] in words  # the status in a word, on the node
        assert (organisations[module.owner].name[:10] if module.owner else "geen trekker") in " ".join(words)
    assert root.get("role") == "group"
    labelled = root.get("aria-labelledby").split()
    assert [root.find(f"{SVG}title").get("id"), root.find(f"{SVG}desc").get("id")] == labelled


def test_layer_bands_are_in_the_model_order_and_hold_their_layer(drawn):
    landscape, _, picture, _ = drawn
    lay = picture.layout
    used = [layer.id for layer in landscape.layers if any(b.band == layer.id for b in lay.boxes.values())]
    assert [band.id for band in lay.bands] == used
    tops = [band.y for band in lay.bands]
    assert tops == sorted(tops)
    for band in lay.bands:
        inside = [b for b in lay.boxes.values() if b.band == band.id]
        assert inside and all(band.y < b.y and b.y + b.h <= band.y + band.h for b in inside)
    for module_id, box in lay.boxes.items():
        assert box.band == landscape.modules[module_id].layer
    # no two nodes overlap; no band is wider than the columns chosen for the landscape
    places = {(b.x, b.y) for b in lay.boxes.values()}
    assert len(places) == len(lay.boxes)
    columns = columns_for(len(lay.boxes))
    for band in lay.bands:
        for y in {b.y for b in lay.boxes.values() if b.band == band.id}:
            assert sum(1 for b in lay.boxes.values() if b.y == y) <= columns


def test_the_nodes_come_in_reading_order(drawn):
    """The SVG's order is the order of the Tab key: band by band, row by row, left to right."""
    _, _, picture, root = drawn
    boxes = picture.layout.boxes
    ids = [a.get("data-id") for a in _nodes(root)]
    assert ids == list(picture.order)
    assert ids == sorted(ids, key=lambda i: (boxes[i].y, boxes[i].x))


def test_the_edges_are_the_models_dependencies_between_modules_in_scope(drawn):
    landscape, graph, picture, root = drawn
    in_scope = _in_scope(landscape)
    expected = sorted((a, b) for a, b in graph.graph.edges if a in in_scope and b in in_scope)
    assert list(picture.edges) == expected
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "rt-edge-all"]
    pieces = PIECE.findall(path.get("d"))
    assert len(pieces) == len(expected)
    for (a, b), piece in zip(expected, pieces, strict=True):
        numbers = [int(n) for n in piece if n]
        assert tuple(numbers[:2] + numbers[-2:]) == edge_points(picture.layout, a, b)
    # the page's data names the same edges in the same order, by the nodes' places
    index = Index(landscape, graph)
    data = drawing_data(index, picture.order, picture.edges)
    ends = [picture.order[i] for i in data.edges]
    assert list(zip(ends[::2], ends[1::2], strict=True)) == expected


def test_the_page_data_holds_every_role_and_no_model_text(drawn):
    landscape, graph, picture, _ = drawn
    index = Index(landscape, graph)
    data = drawing_data(index, picture.order, picture.edges)
    place = {m: i for i, m in enumerate(picture.order)}
    for org, (lead, build, adopt, interest) in data.roles.items():
        assert lead == sorted(place[m.id] for m in index.leads[org] if m.id in place)
        assert build == sorted({place[m.id] for m, _ in index.builds[org] if m.id in place})
        assert adopt == sorted(place[m.id] for m in index.adopts[org] if m.id in place)
        assert interest == sorted(place[m.id] for m in index.wants[org] if m.id in place)
    assert [r.value for r in ROLES] == ["lead", "build", "adopt", "interest"]
    text = json.dumps(data.as_json())
    names = {m.name for m in landscape.modules.values()} | {o.name for o in landscape.organisations.values()}
    assert not [n for n in names if len(n) > 3 and f'"{n}"' in text]
    view = dependencies_view(index, picture)
    assert [o.value for o in view.choices] == sorted(
        picture.order, key=lambda i: (landscape.modules[i].name.lower(), i)
    )
    assert {o.value for o in view.organisations} == set(data.roles)


def test_the_drawing_has_fewer_crossings_than_unordered(drawn):
    landscape, _, picture, _ = drawn
    nodes = [(i, landscape.modules[i].layer) for i in picture.order]
    bands = [layer.id for layer in landscape.layers]
    columns = columns_for(len(nodes))
    unordered = layout(nodes, picture.edges, bands, per_row=columns, sweeps=0, shape=shape_for(columns))
    assert picture.crossings < 0.5 * crossings(unordered)


SCRIPT = """
import hashlib, sys
from generator.model import load_landscape
from generator.site import build_site
pages = build_site(load_landscape(sys.argv[1]), intro="# R\\n", edit_base=None)
for path in ("afhankelijkheden/index.md", "afhankelijkheden/afhankelijkheden.svg"):
    print(path, hashlib.sha256(pages[path].encode()).hexdigest())
"""


def test_the_drawing_and_its_page_are_the_same_bytes_in_every_process(gemma):
    runs = [
        subprocess.run([sys.executable, "-c", SCRIPT, str(gemma)], capture_output=True, text=True,
                       env=dict(os.environ, PYTHONHASHSEED=seed), cwd=ROOT, check=True).stdout
        for seed in ("1", "2", "3")
    ]
    assert runs[0] == runs[1] == runs[2]
    assert len(runs[0].splitlines()) == 2


def test_drawn_module_by_module_up_to_1000_and_rolled_up_above(tmp_path, monkeypatch):
    synthesize(tmp_path / "large", modules=1_100, organisations=60, seed=5)
    landscape = load_landscape(tmp_path / "large")
    graph = LandscapeGraph(landscape)
    in_scope = len(_in_scope(landscape))
    assert in_scope > ROLL_UP_ABOVE == 1_000
    rolled = landscape_picture(landscape, graph, href)
    assert rolled.rolled_up and rolled.order == ()
    cells = [int(t.text) for t in ET.fromstring(rolled.svg).iter(f"{SVG}text")
             if t.get("text-anchor") and t.text.isdigit()]
    assert sum(cells) == graph.graph.number_of_edges()
    # the threshold itself: at exactly ROLL_UP_ABOVE modules every module is drawn
    from generator.draw import pictures

    monkeypatch.setattr(pictures, "ROLL_UP_ABOVE", in_scope)
    drawn = landscape_picture(landscape, graph, href)
    assert not drawn.rolled_up and len(drawn.order) == in_scope
    assert len(_nodes(ET.fromstring(drawn.svg))) == in_scope
    monkeypatch.setattr(pictures, "ROLL_UP_ABOVE", in_scope - 1)
    assert landscape_picture(landscape, graph, href).rolled_up


def test_the_page_lists_every_module_as_text_below_the_drawing(gemma):
    landscape = load_landscape(gemma)
    graph = LandscapeGraph(landscape)
    index = Index(landscape, graph)
    view = dependencies_view(index, graph_picture(index))
    assert {r.module.href for r in view.rows} == {f"../modules/{i}/" for i in _in_scope(landscape)}
    for row in view.rows:
        module_id = row.module.href.split("/")[-2]
        assert [d.href for d in row.depends_on] == [f"../modules/{d}/" for d in graph.dependencies(module_id)]


# ---- crossings, exactly -------------------------------------------------------------


def _brute_force(lay: Layout) -> int:
    """Every pair of straight edges as drawn, compared."""
    segments = []
    for a, b in lay.edges:
        x1, y1, x2, y2 = edge_points(lay, a, b)
        if y1 != y2:
            segments.append((x1, y1, x2, y2))
    return sum(1 for p, q in combinations(segments, 2) if _cross(*p, *q))


def _random_layout(rng: random.Random) -> Layout:
    """Nodes on a coarse grid (so ends and crossings coincide often), random edges."""
    boxes = {}
    for i in range(rng.randint(2, 14)):
        x, y = rng.randint(0, 5) * 20, rng.randint(0, 5) * 30
        boxes[f"n{i}"] = Box(f"n{i}", "b", x, y, rng.choice([20, 40]), 10)
    ids = sorted(boxes)
    edges = tuple(sorted({tuple(rng.sample(ids, 2)) for _ in range(rng.randint(1, 30))}))
    return Layout(boxes, edges, (), 200, 200)


def test_the_crossing_count_is_exact():
    rng = random.Random(12)
    for _ in range(400):
        lay = _random_layout(rng)
        assert crossings(lay) == _brute_force(lay)


def test_edges_at_one_side_of_a_node_fan_out_in_the_order_of_their_other_ends():
    boxes = {"top": Box("top", "a", 200, 0, 100, 40)}
    for i, x in enumerate((0, 400, 150, 260)):
        boxes[f"n{i}"] = Box(f"n{i}", "b", x, 200, 100, 40)
    edges = tuple(sorted((f"n{i}", "top") for i in range(4)))
    lay = Layout(boxes, edges, (), 600, 300)
    arrivals = {a: edge_points(lay, a, b)[2] for a, b in edges}
    assert sorted(arrivals, key=arrivals.get) == ["n0", "n2", "n3", "n1"]  # as their x
    assert len(set(arrivals.values())) == 4
    assert all(abs(x - boxes["top"].cx) <= 30 for x in arrivals.values())
    assert crossings(lay) == 0
    alone = Layout(boxes, (("n0", "top"),), (), 600, 300)
    assert edge_points(alone, "n0", "top") == (boxes["n0"].cx, 200, boxes["top"].cx, 40)


def test_the_graph_command_prints_the_drawings_counts():
    done = subprocess.run(
        [str(Path(sys.executable).parent / "retratstoliped"), "graph", str(ROOT / "modules")],
        capture_output=True, text=True, check=True,
    )
    landscape = load_landscape(ROOT / "modules")
    picture = landscape_picture(landscape, LandscapeGraph(landscape), href)
    nodes = [(i, landscape.modules[i].layer) for i in picture.order]
    columns = columns_for(len(nodes))
    unordered = layout(
        nodes, picture.edges, [layer.id for layer in landscape.layers],
        per_row=columns, sweeps=0, shape=shape_for(columns),
    )
    assert f"nodes: {len(picture.nodes)}" in done.stdout
    # "unordered" is the site's drawing without the ordering, on the same grid
    assert f"crossings: {picture.crossings} (unordered: {crossings(unordered)})" in done.stdout
    assert "rolled up: no" in done.stdout
