"""Jinja for the generated Markdown: every value is escaped unless it is Markup.

``finalize`` runs on every ``{{ value }}``: model text can only reach a page
through :func:`generator.text.plain` (or as Markup that our own code built
from escaped parts), never as markup or as template source.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..text import plain


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


def render(template: str, **context: Any) -> str:
    """Render a template of generator/templates with plain-data context."""
    return ENV.get_template(template).render(**context)
