"""A model whose every text field is an attack, for the hostile-input tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import FIXTURES

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    "[x]( JaVaScRiPt:alert(1) )",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<a href=javascript:alert(1)>x</a>",
    "{{ config }}",
    "{% include 'x' %}",
    "{{ ''.__class__ }}",
    "</title><script>alert(1)</script>",
    "<style>*{display:none}</style>",
    "\u202e<script>alert(1)</script>",
]
ALL = "\n\n".join(PAYLOADS)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_model(target: Path) -> Path:
    """The base fixture with an attack in every text field, as a model folder."""
    shutil.copytree(FIXTURES / "base", target)
    landscape = [
        f"title: {q(PAYLOADS[0])}",
        f"description: {q(ALL)}",
        "layers:",
    ]
    for i, layer in enumerate(("portalen", "diensten", "infrastructuur")):
        landscape += [f"  - id: {layer}", f"    name: {q(PAYLOADS[i + 1])}",
                      f"    description: {q(ALL)}"]
    landscape += [
        "standards:",
        "  - id: zgw-apis", f"    name: {q(PAYLOADS[4])}", f"    description: {q(ALL)}",
        "    url: https://example.org/zgw", "    steward: vng",
        "  - id: oidc", f"    name: {q(PAYLOADS[5])}",
    ]
    (target / "landscape.yaml").write_text("\n".join(landscape) + "\n", encoding="utf-8")
    orgs = []
    # A municipality's name must contain its name in the table of 2025 (rule 10).
    for i, (org, known) in enumerate((("gm0363", "Amsterdam "), ("gm0344", "Utrecht "),
                                      ("gm0599", "Rotterdam "), ("vng", ""))):
        orgs += [f"- id: {org}", f"  name: {q(known + PAYLOADS[6 + i])}", "  kind: municipality"
                 if org != "vng" else "  kind: government"]
    (target / "organisations.yaml").write_text("\n".join(orgs) + "\n", encoding="utf-8")
    for i, payload in enumerate(PAYLOADS):
        module = [
            f"name: {q(payload[:80])}",
            "layer: diensten",
            f"summary: {q(payload)}",
            f"description: {q(ALL)}",
            "status: available" if i % 4 else "status: out-of-scope",
        ]
        if i % 4:
            module += ["owner: gm0363", "consumers: [gm0344]", "depends_on: [zaken]",
                       "standards: [zgw-apis]",
                       "links:", "  website: https://example.org/?q=<script>alert(1)</script>",
                       "  contact: mailto:a@example.org?subject=\"><script>alert(1)</script>",
                       "history:", "  - date: 2025-01-01", "    status: available",
                       f"    note: {q(payload)}"]
        else:
            module += [f"reason: {q(ALL)}"]
        (target / "diensten" / f"aanval-{i}.yaml").write_text("\n".join(module) + "\n", encoding="utf-8")
    return target
