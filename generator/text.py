"""Model text made safe for the generated pages.

Model text is data. Templates autoescape every value, so plain fields show
exactly their text. Markdown fields (descriptions, reasons) are converted with
Python-Markdown and then sanitised with nh3 (Ammonia): only harmless tags
survive, and only http(s) and mailto links. ``{{ }}`` and ``{% %}`` are never
evaluated: model text only ever enters a template as a value.

MkDocs themes print a page's ``title`` and ``description`` into the HTML
without escaping, so :func:`front_matter` escapes them itself.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

# C0/C1 controls, lone surrogates and non-characters: invalid in HTML and XML 1.0.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
_SCHEMES = {"http", "https", "mailto"}
_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")
"""One converter for every Markdown field, reset between fields: building one per
field cost as much as converting it."""


def clean(text: object) -> str:
    """The text without characters that are invalid in HTML and XML (controls, surrogates)."""
    return _INVALID.sub("", str(text))


def rich(text: str | None) -> Markup:
    """A Markdown field as sanitised HTML (an empty string for None)."""
    if not text:
        return Markup("")
    rendered = _MARKDOWN.reset().convert(clean(text))
    return Markup(
        nh3.clean(
            rendered,
            tags=_TAGS,
            attributes={"a": {"href", "title"}},
            url_schemes=_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
    )


def safe_url(url: str | None) -> str | None:
    """The URL if its scheme may be linked to (http, https, mailto), else None."""
    if not url or _INVALID.search(url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in _SCHEMES and not any(c.isspace() for c in url) else None


def _theme_text(text: object) -> str:
    """Text the theme prints unescaped: escaped here, one line, ASCII-only.

    HTML decodes the character references back to the text; ASCII and JSON
    quoting mean no character of the text can end the YAML value or the front
    matter.
    """
    one_line = " ".join(clean(text).split())
    escaped = html.escape(one_line, quote=True)
    return "".join(c if c.isascii() else f"&#{ord(c)};" for c in escaped)


def front_matter(**fields: object) -> str:
    """A page's YAML front matter: ``title`` and ``description`` escaped for the
    theme, other fields (``hide``) written as JSON, which is YAML."""
    lines = ["---"]
    for key, value in fields.items():
        if value is None:
            continue
        shown = _theme_text(value) if key in ("title", "description") else value
        lines.append(f"{key}: {json.dumps(shown)}")
    if len(lines) == 1:
        return ""  # no front matter at all: an empty one would not parse as one
    lines.append("---")
    return "\n".join(lines) + "\n\n"
