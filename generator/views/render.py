"""Jinja for the generated pages: finished HTML, every value autoescaped.

Model text reaches a page only as a value: autoescaping turns it into text, and
``finalize`` drops the characters HTML and XML forbid. Only Markup that our
own code built (sanitised Markdown, the SVG drawings) is written as it is.
Each page view has a template of the same name; ``_fragments.html`` holds the
pieces they share (a link, a status badge, a module table, the pager).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..model import STATUS_LABELS
from ..text import clean, front_matter


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    return clean("" if value is None else value)


ENV = Environment(
    loader=PackageLoader("generator", "templates"),
    autoescape=True,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    auto_reload=False,  # package files: no stat of the template on every page
)
ENV.globals["STATUS_LABELS"] = STATUS_LABELS


def compile_templates() -> None:
    """Compile every template now: once in the parent, before workers fork, not
    once in every worker and again in the parent at the next rebuild."""
    for name in ENV.list_templates(extensions=["html"]):
        ENV.get_template(name)

PICTURE = ["navigation"]
"""Material's ``hide`` of a page whose main content is a picture: the navigation
sidebar makes room (site_theme shows the navigation as tabs there), the table
of contents stays for the page's sections."""
PICTURE_ONLY = ["navigation", "toc"]
"""``hide`` of a picture page with few sections: the picture gets the whole width."""


def render(template: str, **context: Any) -> str:
    """Render a template of generator/templates with plain-data context."""
    return ENV.get_template(template).render(**context)


def render_page(template: str, view: Any, *, title: str | None = None,
                description: str | None = None,
                hide: list[str] | None = None) -> str:
    """A page: its front matter, then the template rendered with the fields of the
    view-model dataclass ``view`` as its variables."""
    body = render(template, **{f.name: getattr(view, f.name) for f in fields(view)})
    return front_matter(title=title, description=description, hide=hide) + body


def render_pages(template: str, views: Iterable[Any], title: str,
                 hide: list[str] | None = None) -> dict[str, str]:
    """The pages of a split list, by docs path: one view per page, each with a
    ``page`` field (:class:`generator.views.paging.Page`); ``title`` gets the
    page's number, ``hide`` is Material's front matter of every page."""
    return {
        view.page.doc: render_page(template, view, title=title + view.page.title_suffix, hide=hide)
        for view in views
    }
