"""Model text made safe for the generated pages.

Model text is data. Plain fields become Markdown that shows exactly the text:
every character Markdown or HTML would act on becomes a character reference.
Markdown fields (descriptions, reasons) are rendered with Python-Markdown and
then sanitised with nh3 (Ammonia): only harmless tags survive, and only
http(s) and mailto links. ``{{ }}`` and ``{% %}`` are never evaluated: model
text only ever enters a template as a value.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+-.!|~&\"'=:$%"}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
_SCHEMES = {"http", "https", "mailto"}


def plain(text: object) -> Markup:
    """Text shown as itself in Markdown: no markup, no link, no template, no entity."""
    return Markup(str(text).replace("\r", "").translate(_SPECIAL_TABLE).replace("\n", " "))


def rich(text: str | None) -> Markup:
    """A Markdown field as sanitised HTML (an empty string for None)."""
    if not text:
        return Markup("")
    rendered = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Braces would be read as attribute lists by Markdown's attr_list around the block.
    clean = clean.replace("{", "&#123;").replace("}", "&#125;")
    return Markup(f"<div class=\"rt-text\">\n{clean}\n</div>")


def safe_url(url: str | None) -> str | None:
    """The URL if its scheme may be linked to (http, https, mailto), else None."""
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in _SCHEMES and not any(c.isspace() for c in url) else None


def link(url: str | None, label: str) -> Markup:
    """An HTML link to an external URL, or the label as plain text when unsafe."""
    safe = safe_url(url)
    if safe is None:
        return plain(label)
    return Markup(f'<a href="{html.escape(safe, quote=True)}">{html.escape(label)}</a>')
