"""The hand-written home page (content/index.md) as HTML, for the menu card below it.

It is trusted text of the project, not model text: converted with the Markdown
extensions of mkdocs.yml that it uses, without sanitising. Links to other
hand-written pages (``over.md``, ``intekenen/index.md``) become their site
addresses, as MkDocs would make them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import markdown
import yaml
from markupsafe import Markup

from .common import relative_href

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
_MD_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#?]*\.md)([#?][^"]*)?"')


@dataclass(frozen=True)
class HandWritten:
    """A hand-written page: its front matter and its body as HTML."""

    html: Markup
    meta: dict[str, Any] = field(default_factory=dict)
    """``title``, ``description`` and ``hide`` from its front matter; without a title
    the theme names the home page after the site, and the nav calls it what mkdocs.yml does."""


def hand_written(text: str, doc: str = "index.md") -> HandWritten:
    """``text`` (Markdown with optional front matter) of the page at ``doc``, as HTML."""
    meta: dict[str, Any] = {}
    if match := _FRONT_MATTER.match(text):
        loaded = yaml.safe_load(match.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end():]
    converter = markdown.Markdown(
        extensions=["admonition", "attr_list", "tables", "toc"], output_format="html"
    )
    html = converter.convert(text)
    html = _MD_LINK.sub(
        lambda m: f'href="{relative_href(doc, m.group(1))}{m.group(2) or ""}"', html
    )
    fields: dict[str, Any] = {k: meta[k] for k in ("title", "description", "hide") if k in meta}
    return HandWritten(Markup(html), fields)
