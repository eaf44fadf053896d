"""Graph analyses on small fixtures: exact sets."""

from __future__ import annotations

import pytest

from generator.graph import LandscapeGraph
from generator.model import check_model

from .conftest import TODAY

CHAIN = {
    # d -> c -> b -> a ; e -> b ; f alone
    "a": "status: available\nowner: gm0363\nconsumers: [gm0363]\n",
    "b": "status: available\nowner: gm0363\nconsumers: [gm0344]\ndepends_on: [a]\n",
    "c": "status: available\nowner: gm0363\nconsumers: [gm0599, vng]\ndepends_on: [b]\n",
    "d": "status: developing\nowner: gm0363\ndepends_on: [c, a]\n",
    "e": "status: available\nowner: gm0363\nconsumers: [gm0344]\ndepends_on: [b]\n",
    "f": "status: wanted\n",
}


@pytest.fixture
def graph(model):
    folder = model()
    for path in folder.glob("*/*.yaml"):
        path.unlink()
    (folder / "diensten").mkdir(exist_ok=True)
    for module_id, body in CHAIN.items():
        (folder / "diensten" / f"{module_id}.yaml").write_text(
            f"name: {module_id.upper()}\nlayer: diensten\nsummary: s\n{body}", encoding="utf-8"
        )
    result = check_model(folder, today=TODAY)
    assert [p.code for p in result.problems] == ["island"]  # f
    return LandscapeGraph(result.landscape)


def test_direct(graph):
    assert graph.dependencies("d") == ["a", "c"]
    assert graph.dependents("b") == ["c", "e"]
    assert graph.dependents("d") == []


def test_transitive(graph):
    assert graph.transitive_dependencies("d") == {"a", "b", "c"}
    assert graph.transitive_dependents("a") == {"b", "c", "d", "e"}
    assert graph.transitive_dependents("f") == set()
    assert graph.dependent_count("b") == 3
    assert graph.dependency_count("e") == 2


def test_impact_counts_municipalities_of_the_module_and_its_dependents(graph):
    impact = graph.impact("b")
    assert impact.modules == {"c", "d", "e"}
    assert impact.municipalities == {"gm0344", "gm0599"}  # vng is no municipality
    assert graph.impact("a").municipalities == {"gm0344", "gm0363", "gm0599"}
    assert graph.affected_municipality_count("a") == 3
    assert graph.impact("d").municipalities == set()


def test_most_depended_on(graph):
    assert graph.most_depended_on(3) == [("a", 4), ("b", 3), ("c", 1)]


def test_islands(graph):
    assert graph.islands() == [{"f"}]


def test_cycles_share_their_closure(graph):
    # a valid model has no cycle; close one in the graph itself before anything is computed
    graph.graph.add_edge("a", "d")  # a -> d -> c -> b -> a
    assert graph.cycles() == [["a", "b", "c", "d"]]
    assert graph.transitive_dependents("a") == {"b", "c", "d", "e"}
    assert graph.transitive_dependencies("a") == {"b", "c", "d"}
    assert graph.impact("c").municipalities == {"gm0344", "gm0363", "gm0599"}
