"""``retratstoliped generate``: the whole docs folder of the site, without MkDocs.

The hand-written pages and assets of ``docs_dir`` are copied, then every
generated page and file is written over them; pages become Markdown files
(front matter, HTML blocks, Markdown headings, see
:func:`generator.site.markdown_source`) that MkDocs, or any generator that
reads mkdocs.yml and Material's Markdown, builds without our plugin.

Writing a folder is all or nothing: :func:`replace_dir` fills a sibling folder
and renames it into place only when it is complete.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Landscape
from .site import build_site, markdown_source


@dataclass(frozen=True)
class SiteConfig:
    """What ``generate`` reads of mkdocs.yml."""

    docs_dir: Path
    model_dir: Path
    edit_base: str | None


class _ConfigLoader(yaml.SafeLoader):
    """YAML of mkdocs.yml: ``!ENV`` tags (MkDocs' pyyaml_env_tag) resolved, others refused."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = [str(v) for v in values[:-1]], values[-1]
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _env)


def read_site_config(path: Path) -> SiteConfig:
    """The docs folder, model folder and edit address that mkdocs.yml at ``path`` sets."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    root = path.parent
    options: dict = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "retratstoliped" in plugin:
            options = plugin["retratstoliped"] or {}
    return SiteConfig(
        docs_dir=root / data.get("docs_dir", "docs"),
        model_dir=root / options.get("model_dir", "modules"),
        edit_base=options.get("edit_base"),
    )


def write_docs(landscape: Landscape, config: SiteConfig, out: Path) -> int:
    """Fill the empty folder ``out`` with the docs of the site; returns the number of
    generated pages and files written."""
    shutil.copytree(config.docs_dir, out, dirs_exist_ok=True)
    home = config.docs_dir / "index.md"
    intro = home.read_text(encoding="utf-8") if home.is_file() else "# Retratstoliped\n"
    generated = build_site(landscape, intro=intro, edit_base=config.edit_base)
    for path, text in generated.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown_source(text) if path.endswith(".md") else text, encoding="utf-8")
    return len(generated)


def replace_dir(target: Path, fill: Callable[[Path], bool]) -> bool:
    """Let ``fill`` write a fresh sibling folder of ``target``; swap it in if it returns
    True, else remove it. A failed or killed run (even SIGKILL) leaves ``target`` as
    it was; what a killed run left behind is removed by the next."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.new-*"):
        shutil.rmtree(stale, ignore_errors=True)
    fresh = target.parent / f".{target.name}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        ok = fill(fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    if not ok:
        shutil.rmtree(fresh, ignore_errors=True)
        return False
    old = target.parent / f".{target.name}.old-{os.getpid()}"
    if target.exists():
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return True
