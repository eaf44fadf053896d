"""The thin MkDocs plugin: check the model, hand the generated pages to MkDocs.

All the work is done by :mod:`generator.model` and :mod:`generator.site`, which
do not import MkDocs; this file only adapts them.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .model import Landscape, check_model
from .security import add_csp, security_txt
from .site import DEFAULT_INTRO, DeferredSite, build_site, defer_blocks

log = logging.getLogger("mkdocs.plugins.retratstoliped")

_LAST_BUILD: dict[tuple[str, str], str] = {}
"""(site folder, page) -> digest of the page as last built in this process.

``mkdocs serve --dirty`` rebuilds only the files that changed, but MkDocs takes
every generated file for changed. With this, a page whose generated text is the
same as in the previous build of the same process (the live server's) is
skipped: after an edit to one module only the pages that show it are redone.
"""


class RetratstolipedConfig(Config):
    """Options of the ``retratstoliped`` plugin in mkdocs.yml."""

    model_dir = config_options.Type(str, default="modules")
    """The model folder, relative to mkdocs.yml."""
    edit_base = config_options.Optional(config_options.Type(str))
    """Where a module file is edited on the forge, up to and including the model
    folder; by default ``repo_url`` + ``edit_uri`` + ``../<model_dir>``."""
    security_contact = config_options.Type(list, default=[])
    """Contacts (``mailto:`` or ``https:``) for ``/.well-known/security.txt``; none, no file."""
    security_expires = config_options.Optional(config_options.Type(str))
    """The date (YYYY-MM-DD) after which security.txt is stale; set it in config so
    that builds stay reproducible."""


class RetratstolipedPlugin(BasePlugin[RetratstolipedConfig]):
    """Validates ``model_dir`` and adds the generated pages of the landscape."""

    def __init__(self) -> None:
        self.landscape: Landscape | None = None
        self.model_path: Path | None = None
        self.deferred = DeferredSite({}, {})
        self.digests: dict[tuple[str, str], str] = {}

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

    def _edit_base(self, config: Any) -> str | None:
        if self.config.edit_base:
            return self.config.edit_base
        if not config.repo_url or not config.edit_uri:
            return None
        docs = Path(config.docs_dir).name
        edit = config.edit_uri.rstrip("/").removesuffix(docs).rstrip("/")
        return f"{config.repo_url.rstrip('/')}/{edit.lstrip('/')}/{self.config.model_dir}"

    def on_files(self, files: Files, *, config: Any) -> Files:
        """Add every generated page as a virtual file; the home page keeps its intro."""
        assert self.landscape is not None
        home = files.get_file_from_path("index.md")
        intro = home.content_string if home else DEFAULT_INTRO
        self.deferred = defer_blocks(
            build_site(self.landscape, intro=intro, edit_base=self._edit_base(config))
        )
        pages = self.deferred.pages
        if self.config.security_contact:
            pages[".well-known/security.txt"] = self._security_txt(config)
        self.digests = {}
        for uri, text in pages.items():
            if existing := files.get_file_from_path(uri):
                files.remove(existing)
            # INCLUDED: mkdocs would otherwise leave out dot-paths such as .well-known/
            file = File.generated(config, uri, content=text, inclusion=InclusionLevel.INCLUDED)
            files.append(file)
            digest = self._digest(uri, text)
            key = (config.site_dir, uri)
            self.digests[key] = digest
            if _LAST_BUILD.get(key) == digest and os.path.isfile(file.abs_dest_path):
                file.is_modified = lambda: False  # type: ignore[method-assign]
        return files

    def _digest(self, uri: str, text: str) -> str:
        """What the page's HTML depends on besides the theme: its text and its blocks."""
        blocks = self.deferred.blocks.get(uri, [])
        return hashlib.blake2b("\0".join([text, *blocks]).encode(), digest_size=16).hexdigest()

    def on_post_build(self, *, config: Any) -> None:
        """Remember what this build wrote, for the next ``--dirty`` rebuild."""
        _LAST_BUILD.update(self.digests)

    def _security_txt(self, config: Any) -> str:
        import datetime as dt

        if not self.config.security_expires:
            raise PluginError("retratstoliped: security_contact needs security_expires")
        try:
            expires = dt.date.fromisoformat(self.config.security_expires)
        except ValueError:
            raise PluginError("retratstoliped: security_expires must be YYYY-MM-DD") from None
        canonical = f"{config.site_url}.well-known/security.txt" if config.site_url else None
        return security_txt(list(self.config.security_contact), expires, canonical=canonical)

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Put the page's prose blocks back before the search plugin indexes the page."""
        return self.deferred.fill(page.file.src_uri, html, text=True)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Put the page's HTML blocks back; every page carries a Content-Security-Policy."""
        return add_csp(self.deferred.fill(page.file.src_uri, output))

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The theme's own pages (404.html) too."""
        return add_csp(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """Rebuild when a model file changes under ``mkdocs serve``."""
        if self.model_path is not None:
            server.watch(str(self.model_path))
        return server
