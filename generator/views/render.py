"""Jinja for the generated Markdown: every value is escaped unless it is Markup.

``finalize`` runs on every ``{{ value }}``: model text can only reach a page
through :func:`generator.text.plain` (or as Markup that our own code built
from escaped parts), never as markup or as template source. The ``meta``
filter writes a front-matter ``title`` or ``description``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..text import meta, plain


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    return plain("" if value is None else value)


ENV = Environment(
    loader=PackageLoader("generator", "templates"),
    autoescape=False,
    finalize=_finalize,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
ENV.filters["meta"] = meta


def render(template: str, **context: Any) -> str:
    """Render a template of generator/templates with plain-data context."""
    return ENV.get_template(template).render(**context)


def render_view(template: str, view: Any) -> str:
    """Render a template with the fields of a view-model dataclass as its variables."""
    return render(template, **{f.name: getattr(view, f.name) for f in fields(view)})


def render_pages(template: str, views: Iterable[Any]) -> dict[str, str]:
    """The Markdown of the pages of a split list, by docs path: one view per page,
    each with a ``page`` field (:class:`generator.views.paging.Page`)."""
    return {view.page.doc: render_view(template, view) for view in views}
