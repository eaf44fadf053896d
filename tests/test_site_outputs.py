"""The machine-readable outputs: landscape.json (with its schema), modules.csv, the Atom feed."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from generator.model import Landscape, check_model
from generator.site import build_site

from .conftest import TODAY
from .sitebuild import add_extra_modules, shipped_site

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(params=["shipped", "extended"])
def site(request, model) -> tuple[Landscape, dict[str, str]]:
    """A landscape and its generated site: the default model, and the extended fixture."""
    if request.param == "shipped":
        return shipped_site()
    landscape = check_model(add_extra_modules(model()), today=TODAY).landscape
    assert landscape is not None
    return landscape, build_site(landscape)


def test_landscape_json_matches_model_and_schema(site):
    landscape, pages = site
    data = json.loads(pages["api/landscape.json"])
    jsonschema.validate(data, json.loads(pages["api/landscape.schema.json"]))
    assert [m["id"] for m in data["modules"]] == list(landscape.modules)
    for item in data["modules"]:
        m = landscape.modules[item["id"]]
        assert (item["name"], item["layer"], item["status"], item["owner"]) == (
            m.name, m.layer, m.status, m.owner
        )
        assert item["consumers"] == [c.org for c in m.consumers]
        assert item["depends_on"] == [d.module for d in m.depends_on]
        assert item["url"] == f"/modules/{m.id}/"
    assert [x["id"] for x in data["layers"]] == [x.id for x in landscape.layers]
    assert {o["id"] for o in data["organisations"]} == set(landscape.organisations)
    assert {s["id"] for s in data["standards"]} == set(landscape.standards)


def test_module_schema_is_published(site):
    _, pages = site
    schema = json.loads(pages["api/module.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"name", "layer", "summary", "status"} <= set(schema["required"])


def test_modules_csv(site):
    landscape, pages = site
    rows = list(csv.DictReader(io.StringIO(pages["api/modules.csv"])))
    assert [r["id"] for r in rows] == list(landscape.modules)
    for row in rows:
        m = landscape.modules[row["id"]]
        assert row["owner"] == (m.owner or "") and row["status"] == m.status
        assert int(row["consumers"]) == len(m.consumers)
        assert row["depends_on"].split() == [d.module for d in m.depends_on]
        assert row["url"] == f"/modules/{m.id}/"


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return"],
)
def test_csv_cells_never_start_a_formula(model, name):
    folder = model()
    path = folder / "diensten" / "zaken.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Zaken", f"name: {json.dumps(name)}"),
        encoding="utf-8",
    )
    result = check_model(folder, today=TODAY)
    if name.startswith("\r"):  # a name is one line: the check refuses it before any output
        assert [p.message for p in result.errors] == ["name must be a single line"]
        return
    assert result.landscape is not None, result.errors
    rows = list(csv.DictReader(io.StringIO(build_site(result.landscape)["api/modules.csv"])))
    assert next(r for r in rows if r["id"] == "zaken")["name"] == "'" + name


def test_atom_feed_is_valid_newest_first_and_stable(site):
    landscape, pages = site
    feed = ET.fromstring(pages["wijzigingen/feed.xml"])
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert feed.find(required, ATOM) is not None, required
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == sum(len(m.history) for m in landscape.modules.values())
    dates = [e.find("a:updated", ATOM).text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.find("a:updated", ATOM).text == dates[0]  # the newest change, not the build time
    assert len({e.find("a:id", ATOM).text for e in entries}) == len(entries)
    for entry in entries:
        for required in ("a:id", "a:title", "a:updated", "a:link"):
            assert entry.find(required, ATOM) is not None, required
