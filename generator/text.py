"""Model text made safe for the generated pages.

Model text is data. Plain fields become Markdown that shows exactly the text:
every character Markdown or HTML would act on becomes a character reference.
Markdown fields (descriptions, reasons) are rendered with Python-Markdown and
then sanitised with nh3 (Ammonia): only harmless tags survive, and only
http(s) and mailto links. ``{{ }}`` and ``{% %}`` are never evaluated: model
text only ever enters a template as a value.

MkDocs themes print a page's ``title`` and ``description`` into the HTML
without escaping, so those go through :func:`meta` in the front matter.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()<>#+-.!|~&\"'=:$%^@"}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
# In an href: the characters Markdown's inline patterns act on, and HTML's quoting.
_URL_TABLE = str.maketrans({c: _SPECIAL[c] for c in "\\`*_{}[]()<>!|~&\"'^"})
# C0/C1 controls, lone surrogates and non-characters: invalid in HTML and XML 1.0.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_TAGS = {
    "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "del", "sup", "sub",
}
_SCHEMES = {"http", "https", "mailto"}
BLOCK_BEGIN = "<!--rt:begin-->"
TEXT_BEGIN = "<!--rt:text-->"
BLOCK_END = "<!--rt:end-->"
"""Around finished HTML, so that it skips the page's Markdown pass (templates write
the same literals; :func:`generator.site.defer_blocks` takes the blocks out).
``BLOCK_BEGIN`` opens a table, a list of links or a picture, which also stays out
of the search index; ``TEXT_BEGIN`` opens prose (a description, the history),
which is indexed. Model text cannot write them: it is escaped or sanitised."""
_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")
"""One converter for every Markdown field, reset between fields: building one per
field cost as much as converting it (the build is single-threaded)."""


def clean(text: object) -> str:
    """The text without characters that are invalid in HTML and XML (controls, surrogates)."""
    return _INVALID.sub("", str(text))


def plain(text: object) -> Markup:
    """Text shown as itself in Markdown: no markup, no link, no template, no entity.

    Whitespace runs become one space (as HTML shows them), so a value can never
    start an indented code block or end in a hard line break.
    """
    one_line = _SPACE.sub(" ", clean(text)).strip()
    return Markup(one_line.translate(_SPECIAL_TABLE))


def meta(text: object) -> Markup:
    """A front-matter value for ``title`` or ``description``.

    The theme prints these into the HTML as they are, so the value is escaped as
    :func:`plain` escapes it (character references, which HTML decodes); it is
    written as an ASCII-only YAML double-quoted scalar, so no character of the
    text can end the value or the front matter.
    """
    ascii_safe = "".join(
        c if ord(c) < 0x10000 and (c.isprintable() or c == " ") else f"&#{ord(c)};"
        for c in plain(text)
    )
    return Markup(json.dumps(ascii_safe))


def rich(text: str | None) -> Markup:
    """A Markdown field as sanitised HTML (an empty string for None)."""
    if not text:
        return Markup("")
    rendered = _MARKDOWN.reset().convert(clean(text))
    sanitised = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Braces would be read as attribute lists by Markdown's attr_list around the block.
    sanitised = sanitised.replace("{", "&#123;").replace("}", "&#125;")
    # Finished HTML: the page's Markdown pass skips it (see TEXT_BEGIN).
    return Markup(f"{TEXT_BEGIN}\n<div class=\"rt-text\">\n{sanitised}\n</div>\n{BLOCK_END}")


def safe_url(url: str | None) -> str | None:
    """The URL if its scheme may be linked to (http, https, mailto), else None."""
    if not url or _INVALID.search(url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in _SCHEMES and not any(c.isspace() for c in url) else None


def link(url: str | None, label: str) -> Markup:
    """An HTML link to an external URL, or the label as plain text when unsafe.

    The label is :func:`plain`; in the address every character that Markdown's
    inline patterns or HTML quoting act on is a character reference, so Markdown
    cannot find a link, emphasis or tag in it (the link pattern runs before inline
    HTML is protected); the browser decodes the references back to the exact URL.
    """
    safe = safe_url(url)
    if safe is None:
        return plain(label)
    return Markup(f'<a href="{safe.translate(_URL_TABLE)}">{plain(label)}</a>')
