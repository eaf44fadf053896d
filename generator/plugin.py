"""The thin MkDocs plugin: check the model, hand the generated pages to MkDocs.

All the work is done by :mod:`generator.model` and :mod:`generator.site`, which
do not import MkDocs; this file only adapts them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .model import Landscape, check_model
from .site import build_site

log = logging.getLogger("mkdocs.plugins.retratstoliped")


class RetratstolipedConfig(Config):
    """Options of the ``retratstoliped`` plugin in mkdocs.yml."""

    model_dir = config_options.Type(str, default="modules")
    """The model folder, relative to mkdocs.yml."""


class RetratstolipedPlugin(BasePlugin[RetratstolipedConfig]):
    """Validates ``model_dir`` and adds the generated pages of the landscape."""

    def __init__(self) -> None:
        self.landscape: Landscape | None = None
        self.model_path: Path | None = None

    def on_config(self, config: Any) -> Any:
        """Load and check the model; any error fails the build, warnings are logged."""
        self.model_path = Path(config.config_file_path).parent / self.config.model_dir
        result = check_model(self.model_path)
        for problem in result.warnings:
            log.warning(str(problem))
        if result.landscape is None:
            raise PluginError(
                "the model has errors:\n" + "\n".join(str(p) for p in result.errors)
            )
        self.landscape = result.landscape
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Add every generated page as a virtual file."""
        assert self.landscape is not None
        for uri, text in build_site(self.landscape).items():
            if existing := files.get_file_from_path(uri):
                files.remove(existing)
            files.append(File.generated(config, uri, content=text))
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """Rebuild when a model file changes under ``mkdocs serve``."""
        if self.model_path is not None:
            server.watch(str(self.model_path))
        return server
