"""Helpers of the site tests: extra model files and real mkdocs builds."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from generator.model import Landscape, load_landscape
from generator.site import build_site

ROOT = Path(__file__).resolve().parent.parent

# Module files laid over tests/fixtures/base for the pages the base model lacks:
# a wanted module with interest, an out-of-scope module with a reason.
EXTRA_MODULES = {
    "portalen/afspraken.yaml": """\
name: Afspraken maken
layer: portalen
summary: Inwoners maken online een afspraak aan de balie.
status: wanted
interested: [gm0599, gm0363]
depends_on: [inloggen]
""",
    "diensten/eigen-app.yaml": """\
name: Eigen gemeente-app
layer: diensten
summary: Een eigen app per gemeente.
status: out-of-scope
reason: |
  Een app per gemeente versnippert; de **website** werkt op elk apparaat.
  Zie [de richtlijn](https://example.org/richtlijn).
history:
  - date: 2024-02-01
    status: out-of-scope
    note: Besloten in de stuurgroep.
""",
}


def add_extra_modules(folder: Path) -> Path:
    """Write :data:`EXTRA_MODULES` into a copy of the base model; mark ``zaken`` illustrative;
    add a municipality without any role (Aa en Hunze, ``gm1680``)."""
    for relative, text in EXTRA_MODULES.items():
        (folder / relative).write_text(text, encoding="utf-8")
    orgs = folder / "organisations.yaml"
    orgs.write_text(
        orgs.read_text(encoding="utf-8") + "- {id: gm1680, name: Aa en Hunze, kind: municipality}\n",
        encoding="utf-8",
    )
    zaken = folder / "diensten" / "zaken.yaml"
    zaken.write_text(zaken.read_text(encoding="utf-8") + "illustrative: true\n", encoding="utf-8")
    return folder


def _set(config: str, key: str, value: Path) -> str:
    pattern = re.compile(rf"^(\s*{key}:) \S+$", re.MULTILINE)
    config, count = pattern.subn(lambda m: f"{m.group(1)} {json.dumps(str(value))}", config)
    assert count == 1, f"mkdocs.yml has no single '{key}:' line"
    return config


def write_config(tmp: Path, model_dir: Path) -> Path:
    """A copy of the real mkdocs.yml whose model is ``model_dir``; docs and theme stay real."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = _set(config, "docs_dir", ROOT / "content")
    config = _set(config, "custom_dir", ROOT / "site_theme")
    config = _set(config, "model_dir", model_dir)
    path = tmp / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def mkdocs_build(config: Path, site: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` in a subprocess, as an editor or CI would."""
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    return subprocess.run(
        args + (["--strict"] if strict else []),
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )


class Tags(HTMLParser):
    """Every start tag of an HTML page with its attributes, the text of ``<title>`` and of
    every inline ``<script>``."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title = ""
        self.scripts: list[str] = []
        self._in_title = False
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title" and not self.title
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._in_script:
            self.scripts[-1] += data

    def find(self, tag: str) -> list[dict[str, str | None]]:
        """The attributes of every ``tag`` element."""
        return [attrs for name, attrs in self.tags if name == tag]


EDIT = "https://forge.example/edit/main/modules"
THEME = 25_000
"""What Material wraps around a generated page (header, tabs, navigation, contents):
about 19 KB on the home page, 18 KB on a layer page; a generated page must leave room
for it within a page budget."""


@functools.cache
def shipped_site() -> tuple[Landscape, dict[str, str]]:
    """The default model and its generated site (built once: it is the largest model)."""
    landscape = load_landscape(ROOT / "modules")
    return landscape, build_site(landscape, intro="# Retratstoliped\n", edit_base=EDIT)


def expected_paths(landscape: Landscape) -> set[str]:
    """Every file ``build_site`` must write for ``landscape``."""
    paths = {
        "index.md", "status/index.md", "intekenen/index.md", "buiten-scope/index.md",
        "volgende-stappen/index.md", "voortgang/index.md",
        "wijzigingen/index.md", "wijzigingen/feed.xml", "afhankelijkheden/index.md",
        "afhankelijkheden/afhankelijkheden.svg", "api/landscape.json",
        "api/landscape.schema.json", "api/module.schema.json", "api/modules.csv",
        "api/landscape.graphml", "api/landscape.dot", "api/landscape-archimate.xml",
        "modules/index.md", "organisaties/index.md", "lagen/index.md", "standaarden/index.md",
        "assets/kaart/gemeenten.svg",
    }
    paths |= {f"modules/{i}/index.md" for i in landscape.modules}
    paths |= {f"organisaties/{i}/index.md" for i in landscape.organisations}
    paths |= {f"lagen/{layer.id}/index.md" for layer in landscape.layers}
    paths |= {f"standaarden/{i}/index.md" for i in landscape.standards}
    return paths


GEMMA_DATA = ROOT.parent / "shared" / "data" / "gemma"


def gemma_model(target: Path) -> Path:
    """A model of the real size in ``target``: the shipped landscape with every GEMMA
    reference component merged in (``import gemma --include-islands``), about 245
    modules. The islands make ``check`` warn, so build it without ``--strict``."""
    import shutil

    shutil.copytree(ROOT / "modules", target)
    exe = Path(sys.executable).parent / "retratstoliped"
    done = subprocess.run(
        [str(exe), "import", "gemma", str(GEMMA_DATA), "--model", str(target), "--write",
         "--include-islands"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return target
