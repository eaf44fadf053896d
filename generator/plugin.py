"""The thin MkDocs plugin: check the model, hand the generated pages to MkDocs.

All the work is done by :mod:`generator.model` and :mod:`generator.site`, which
do not import MkDocs; this file only adapts them. A generated page is finished
HTML: :class:`GeneratedPage` gives MkDocs that HTML and its table of contents
instead of running Markdown over it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .dates import dutch_date
from .draw import DrawingCache
from .incremental import SiteState, rebuild_site
from .model import AsOfError, Landscape, check_model, landscape_as_of
from .model.asof import parse_day
from .security import add_csp, security_txt
from .site import DEFAULT_INTRO, Heading, headings, searchable

if TYPE_CHECKING:  # the shape of a toc token; a type only, never used at run time
    from mkdocs.structure.toc import _TocToken

log = logging.getLogger("mkdocs.plugins.retratstoliped")

AS_OF_ENV = "RETRATSTOLIPED_AS_OF"
"""Overrides the ``as_of`` option when set: ``retratstoliped build --as-of`` sets it."""

_LAST_BUILD: dict[tuple[str, str], str] = {}
"""(site folder, page) -> digest of the page as last built in this process.

``mkdocs serve --dirty`` rebuilds only the files that changed, but MkDocs takes
every generated file for changed. With this, a page whose generated text is the
same as in the previous build of the same process (the live server's) is
skipped: after an edit to one module only the pages that show it are redone.
"""


class GeneratedPage(Page):
    """A page whose source (after its front matter) is finished HTML.

    MkDocs uses a page a plugin put on ``File.page`` (its nav and build look
    there first); rendering it skips Markdown.
    """

    full_content: str | None = None
    """The content while search reads the page without its excluded parts."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """The HTML is the content; the table of contents comes from its headings."""
        assert self.markdown is not None, "read_source() comes first"
        self.content = self.markdown
        found = headings(self.content)
        self.toc = get_toc(_toc_tokens(found))
        self.present_anchor_ids = {h.id for h in found}


def _toc_tokens(found: list[Heading]) -> list[_TocToken]:
    """Headings nested by level, as Python-Markdown's toc extension gives them to MkDocs."""
    root: list[_TocToken] = []
    stack: list[_TocToken] = []
    for h in found:
        token: _TocToken = {"level": h.level, "id": h.id, "name": h.name, "children": []}
        while stack and stack[-1]["level"] >= h.level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


def _nav_titles(items: list) -> Iterator[tuple[str, str]]:
    """(path, title) of every titled page in the ``nav`` of mkdocs.yml."""
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    yield value, title
                elif isinstance(value, list):
                    yield from _nav_titles(value)


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
    as_of = config_options.Optional(config_options.Type((str, dt.date)))
    """Build the site as the landscape stood on this date (YYYY-MM-DD): statuses from
    the history, adopters by their ``since`` (see ``generator/model/asof.py``); every
    page then says so. The environment variable ``RETRATSTOLIPED_AS_OF`` overrides it."""
    cache_dir = config_options.Type(str, default=".cache/retratstoliped")
    """Layouts of the pictures kept between builds, relative to mkdocs.yml (CI may
    restore it; a build without it is the same, only slower); empty: no cache."""


class RetratstolipedPlugin(BasePlugin[RetratstolipedConfig]):
    """Validates ``model_dir`` and adds the generated pages of the landscape."""

    def __init__(self) -> None:
        self.landscape: Landscape | None = None
        self.model_path: Path | None = None
        self.digests: dict[tuple[str, str], str] = {}
        self.serving = False
        self.state: SiteState | None = None
        """The last build, which the next rebuild under ``mkdocs serve`` starts from."""
        self.drawings: DrawingCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Under ``mkdocs serve`` this plugin is kept between rebuilds: rebuild incrementally."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the model; any error fails the build, warnings are logged."""
        self.model_path = Path(config.config_file_path).parent / self.config.model_dir
        result = check_model(self.model_path, reuse=self.serving)
        for problem in result.warnings:
            log.warning(str(problem))
        if result.landscape is None:
            raise PluginError(
                "the model has errors:\n" + "\n".join(str(p) for p in result.errors)
            )
        self.landscape = result.landscape
        log.info(f"retratstoliped: model checked, {len(self.landscape.modules)} modules")
        if (as_of := self._as_of()) is not None:
            try:
                self.landscape = landscape_as_of(self.landscape, as_of)
            except AsOfError as exc:
                raise PluginError(f"retratstoliped: as_of: {exc}") from None
            config.extra["retratstoliped_as_of"] = dutch_date(as_of)
            log.info(f"retratstoliped: the landscape as of {as_of.isoformat()}, "
                     f"{len(self.landscape.modules)} modules")
        return config

    def _as_of(self) -> dt.date | None:
        value = os.environ.get(AS_OF_ENV) or self.config.as_of
        if value is None or value == "":
            return None
        try:
            return parse_day(value, dt.date.today())
        except ValueError as exc:
            raise PluginError(f"retratstoliped: as_of: {exc}") from None

    def _edit_base(self, config: MkDocsConfig) -> str | None:
        if self.config.edit_base:
            return self.config.edit_base
        if not config.repo_url or not config.edit_uri:
            return None
        docs = Path(config.docs_dir).name
        edit = config.edit_uri.rstrip("/").removesuffix(docs).rstrip("/")
        return f"{config.repo_url.rstrip('/')}/{edit.lstrip('/')}/{self.config.model_dir}"

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page and file; the home page keeps its hand-written intro."""
        assert self.landscape is not None
        home = files.get_file_from_path("index.md")
        intro = home.content_string if home else DEFAULT_INTRO
        root = Path(config.config_file_path).parent
        self.drawings = (
            DrawingCache(root / self.config.cache_dir / "drawings") if self.config.cache_dir else None
        )
        generated, state = rebuild_site(
            self.state, self.landscape, intro=intro, edit_base=self._edit_base(config),
            drawings=self.drawings,
        )
        self.state = state if self.serving else None
        if self.config.security_contact:
            generated[".well-known/security.txt"] = self._security_txt(config)
        log.info(f"retratstoliped: {len(generated)} pages and files generated")
        self.digests = {}
        for uri, text in generated.items():
            if existing := files.get_file_from_path(uri):
                files.remove(existing)
            # INCLUDED: mkdocs would otherwise leave out dot-paths such as .well-known/
            file = File.generated(config, uri, content=text, inclusion=InclusionLevel.INCLUDED)
            files.append(file)
            if file.is_documentation_page():
                GeneratedPage(None, file, config)
            key = (config.site_dir, uri)
            # the as-of date is in the page's banner (the theme's), not in its text
            digest = hashlib.blake2b(text.encode(), digest_size=16)
            digest.update(str(self.landscape.as_of).encode())
            self.digests[key] = digest.hexdigest()
            if _LAST_BUILD.get(key) == self.digests[key] and os.path.isfile(file.abs_dest_path):
                file.is_modified = lambda: False  # type: ignore[method-assign]
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A generated page in the nav of mkdocs.yml is called what the nav calls it
        (as MkDocs names the pages it creates itself): "Menukaart", not the intro's heading."""
        titles = dict(_nav_titles(config.nav or []))
        for page in nav.pages:
            if isinstance(page, GeneratedPage) and page.file.src_uri in titles:
                page.title = titles[page.file.src_uri]
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Remember what this build wrote, for the next ``--dirty`` rebuild; forget the
        layouts no page of a full build used."""
        _LAST_BUILD.update(self.digests)
        if self.drawings is not None and not self.serving:
            self.drawings.prune_unused()

    def _security_txt(self, config: MkDocsConfig) -> str:
        if not self.config.security_expires:
            raise PluginError("retratstoliped: security_contact needs security_expires")
        try:
            expires = dt.date.fromisoformat(self.config.security_expires)
        except ValueError:
            raise PluginError("retratstoliped: security_expires must be YYYY-MM-DD") from None
        canonical = f"{config.site_url}.well-known/security.txt" if config.site_url else None
        return security_txt(list(self.config.security_contact), expires, canonical=canonical)

    @event_priority(100)  # before Material's search (0)
    def _content_for_search(
        self, context: dict, *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict:
        if isinstance(page, GeneratedPage) and page.content is not None:
            page.full_content, page.content = page.content, searchable(page.content)
        return context

    @event_priority(-100)  # after it: the theme gets the whole page
    def _content_for_theme(
        self, context: dict, *, page: Page, config: MkDocsConfig, nav: object
    ) -> dict:
        if isinstance(page, GeneratedPage) and page.full_content is not None:
            page.content, page.full_content = page.full_content, None
        return context

    on_page_context = CombinedEvent(_content_for_search, _content_for_theme)
    """Search reads a generated page without the parts it would skip (lists of
    links, pictures): the same index, without parsing most of the page's bytes."""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Every page carries a Content-Security-Policy."""
        return add_csp(output)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (404.html) too."""
        return add_csp(output_content) if template_name.endswith(".html") else output_content

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        """Rebuild when a model file changes under ``mkdocs serve``."""
        if self.model_path is not None:
            server.watch(str(self.model_path))
        return server
