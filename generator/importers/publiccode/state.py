"""The model folder as the publiccode importer sees it: the text of every file it may
change, parsed with marks, and what it matches against (layers, standards,
organisations, module ids, names and repository links).

The importer works on this state in memory, one publiccode.yml file after the
other, so two files of one run that fill the same module behave as two runs would.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model.yamlload import LoadError, MDict, MList, parse, read_text
from .parties import Directory, Organisation
from .source import repository_key

LANDSCAPE_FILE = "landscape.yaml"
ORGANISATIONS_FILE = "organisations.yaml"


class ModelUnreadable(Exception):
    """The model folder cannot be read; ``str()`` is a located message."""


@dataclass
class ModuleState:
    """One module file: its text now, parsed, and whether this run created it."""

    id: str
    rel: str
    """Path relative to the model folder, with forward slashes."""
    text: str
    raw: Any
    created: bool = False
    error: str | None = None
    """Why the file cannot be read (a located message), if it cannot."""


@dataclass
class ModelState:
    """The model folder in memory."""

    model_dir: Path
    layers: list[str]
    standards: set[str]
    organisations_text: str
    organisations: list[Organisation]
    modules: dict[str, ModuleState] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)
    """rel path -> text on disk, for every file read (to diff and to write)."""
    added_municipalities: list[str] = field(default_factory=list)

    def shown(self, rel: str) -> str:
        """A model file as messages show it: the model folder joined with ``rel``."""
        return (self.model_dir / rel).as_posix()

    def directory(self) -> Directory:
        """The organisations to match names against, with those added in this run."""
        return Directory(self.organisations)

    def by_repository(self, key: str) -> list[str]:
        """Module ids (of the model as it was on disk) whose repository or publiccode
        link names repository ``key``."""
        found = []
        for module in self.modules.values():
            links = module.raw.get("links") if isinstance(module.raw, MDict) else None
            if module.created or not isinstance(links, MDict):
                continue
            for name in ("repository", "publiccode"):
                value = links.get(name)
                if not isinstance(value, str):
                    continue
                link = repository_key(value)
                if name == "publiccode" and link:
                    link = _repository_of_file(link)
                if link == key:
                    found.append(module.id)
                    break
        return sorted(found)

    def organisations_with(self, key: str) -> list[str]:
        """Module ids (on disk) whose repository link is the organisation or group
        ``key`` is in (``github.com/valtimo-platform`` for ``.../valtimo-platform/valtimo``)."""
        parent = key.rpartition("/")[0]
        found = []
        for module in self.modules.values():
            links = module.raw.get("links") if isinstance(module.raw, MDict) else None
            value = links.get("repository") if isinstance(links, MDict) else None
            if not module.created and isinstance(value, str) and repository_key(value) == parent:
                found.append(module.id)
        return sorted(found)


def _repository_of_file(key: str) -> str:
    """``github.com/o/r`` for the key of ``https://github.com/o/r/blob/main/publiccode.yml``."""
    for marker in ("/blob/", "/raw/", "/-/blob/", "/-/raw/"):
        if marker in key:
            return key.split(marker, 1)[0].removesuffix("/-")
    return key


def _read(model_dir: Path, rel: str) -> tuple[str, Any]:
    path = model_dir / rel
    try:
        text = read_text(path)
        return text, parse(text)
    except LoadError as exc:
        raise ModelUnreadable(
            f"{path.as_posix()}:{exc.mark.line}:{exc.mark.column}: error: {exc.message}"
        ) from None


def load(model_dir: Path) -> ModelState:
    """Read the model folder.

    Raises:
        ModelUnreadable: landscape.yaml or organisations.yaml cannot be read.
    """
    if not model_dir.is_dir():
        raise ModelUnreadable(f"{model_dir.as_posix()}: not a model folder")
    landscape_text, landscape = _read(model_dir, LANDSCAPE_FILE)
    del landscape_text
    if not isinstance(landscape, MDict) or not isinstance(landscape.get("layers"), MList):
        raise ModelUnreadable(
            f"{(model_dir / LANDSCAPE_FILE).as_posix()}:1:1: error: no layers; run 'retratstoliped check'"
        )
    layers = [str(item["id"]) for item in landscape["layers"] if isinstance(item, MDict) and "id" in item]
    standards = {
        str(item["id"])
        for item in landscape.get("standards") or []
        if isinstance(item, MDict) and "id" in item
    }
    organisations_text, organisations = _read(model_dir, ORGANISATIONS_FILE)
    if not isinstance(organisations, MList):
        raise ModelUnreadable(
            f"{(model_dir / ORGANISATIONS_FILE).as_posix()}:1:1: error: not a list of organisations"
        )
    orgs = [
        Organisation(str(o["id"]), str(o.get("name", o["id"])), str(o.get("kind", "")))
        for o in organisations
        if isinstance(o, MDict) and "id" in o
    ]
    state = ModelState(model_dir, layers, standards, organisations_text, orgs)
    state.original[ORGANISATIONS_FILE] = organisations_text
    for path in sorted(model_dir.rglob("*")):
        rel = path.relative_to(model_dir).as_posix()
        if path.suffix not in (".yaml", ".yml") or rel in (LANDSCAPE_FILE, ORGANISATIONS_FILE):
            continue
        if not path.is_file() or any(part.startswith(".") for part in Path(rel).parts):
            continue
        module = ModuleState(path.stem, rel, "", None)
        try:
            module.text, module.raw = _read(model_dir, rel)
        except ModelUnreadable as exc:
            module.error = str(exc)
        state.modules.setdefault(module.id, module)
        state.original[rel] = module.text
    return state


def schema_ref(model_dir: Path, rel: str) -> str:
    """The schema header's path from module file ``rel`` to ``schema/module.schema.json``
    beside the model folder (``../../schema/module.schema.json`` for ``<layer>/<id>.yaml``)."""
    target = (model_dir / rel).parent
    return Path(os.path.relpath(model_dir.parent / "schema" / "module.schema.json", target)).as_posix()
