"""Machine-readable outputs under ``/api/``: the resolved model as JSON (with its
schema), the module file schema, and CSV. Outputs of the landscape, not pages."""

from __future__ import annotations

import csv
import io
import json

from ..model import STATUS_LABELS, module_schema
from ..views.common import Index
from .facts import module_url

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def landscape_json(index: Index) -> str:
    """``/api/landscape.json``: the resolved model (MODEL.md), sorted, stable."""
    landscape, graph = index.landscape, index.graph
    data: dict[str, object] = {"title": landscape.title}
    if landscape.as_of:  # a view of the past says so
        data["as_of"] = landscape.as_of.isoformat()
    data |= {
        "layers": [{"id": x.id, "name": x.name} for x in landscape.layers],
        "standards": [
            {"id": s.id, "name": s.name, "url": s.url, "steward": s.steward}
            for s in sorted(landscape.standards.values(), key=lambda s: s.id)
        ],
        "organisations": [
            {"id": o.id, "name": o.name, "kind": o.kind, "website": o.website}
            for o in sorted(landscape.organisations.values(), key=lambda o: o.id)
        ],
        "modules": [
            {
                "id": m.id,
                "name": m.name,
                "layer": m.layer,
                "summary": m.summary,
                "status": m.status,
                "status_label": STATUS_LABELS[m.status],
                "owner": m.owner,
                "partners": [{"org": p.org, "role": p.role} for p in m.partners],
                "consumers": [c.org for c in m.consumers],
                "interested": list(m.interested),
                "depends_on": [d.module for d in m.depends_on],
                "required_by": graph.dependents(m.id),
                "standards": list(m.standards),
                "illustrative": m.illustrative,
                "url": module_url(m.id),
            }
            for m in landscape.modules.values()
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def landscape_json_schema() -> str:
    """The JSON Schema of ``/api/landscape.json``."""
    ids = {"type": "array", "items": {"type": "string"}}
    nullable = {"type": ["string", "null"]}
    module = {
        "type": "object",
        "required": ["id", "name", "layer", "status", "owner", "consumers", "depends_on", "url"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "layer": {"type": "string"},
            "summary": {"type": "string"},
            "status": {"enum": list(STATUS_LABELS)},
            "status_label": {"type": "string"},
            "owner": nullable,
            "partners": {"type": "array", "items": {"type": "object"}},
            "consumers": ids,
            "interested": ids,
            "depends_on": ids,
            "required_by": ids,
            "standards": ids,
            "illustrative": {"type": "boolean"},
            "url": {"type": "string", "pattern": "^/modules/[a-z0-9-]+/$"},
        },
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Retratstoliped landscape.json",
        "type": "object",
        "required": ["title", "layers", "standards", "organisations", "modules"],
        "properties": {
            "title": {"type": "string"},
            "as_of": {
                "type": "string", "format": "date",
                "description": "Only in a build of the landscape as it stood on this date.",
            },
            "layers": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}},
            "standards": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}},
            "organisations": {
                "type": "array", "items": {"type": "object", "required": ["id", "name", "kind"]}
            },
            "modules": {"type": "array", "items": module},
        },
    }
    return json.dumps(schema, ensure_ascii=False, indent=1) + "\n"


def module_schema_json() -> str:
    """The JSON Schema of a module file, as published for editors."""
    return json.dumps(module_schema(), ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text  # no spreadsheet formulas


def modules_csv(index: Index) -> str:
    """``/api/modules.csv``: one row per module, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["id", "name", "layer", "status", "owner", "consumers", "adopting_municipalities",
         "depends_on", "standards", "url"]
    )
    for m in index.landscape.modules.values():
        writer.writerow(
            [_cell(v) for v in (
                m.id, m.name, m.layer, m.status, m.owner or "", len(m.consumers),
                len(index.adopting_municipalities(m)), " ".join(d.module for d in m.depends_on),
                " ".join(m.standards), module_url(m.id),
            )]
        )
    return out.getvalue()
