"""Pydantic validation errors as messages an editor can act on."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import TYPE_CHECKING, Any, Union

from pydantic import BaseModel, ValidationError

from .entities import ID_PATTERN
from .locate import Locator, did_you_mean, dotted
from .problems import Problem

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def type_at(root: Any, loc: tuple[Any, ...]) -> Any:
    """The declared type found by following ``loc`` from ``root``."""
    tp = _unwrap(root)
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(tp)
            if not args:
                return None
            tp = _unwrap(args[0])
        elif isinstance(tp, type) and issubclass(tp, BaseModel) and part in tp.model_fields:
            tp = _unwrap(tp.model_fields[part].annotation)
        else:
            return None
    return tp


def kind_of(value: Any) -> str:
    """How an editor would name the YAML value they wrote."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def _show(value: Any, limit: int = 80) -> str:
    """A value as echoed in a message: long values are cut, never printed whole."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _message(err: ErrorDetails, root: Any) -> tuple[str, str, bool]:
    """(code, message, at_key) for one pydantic error."""
    loc = tuple(err["loc"])
    kind, raw_value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    value = _show(raw_value) if isinstance(raw_value, str) else raw_value
    shown = loc[1:] if loc and isinstance(loc[0], int) else loc
    field = dotted(shown)
    if kind == "missing":
        return "missing-field", f"missing required field '{field}'", False
    if kind == "extra_forbidden":
        parent = type_at(root, loc[:-1])
        allowed = list(getattr(parent, "model_fields", {}))
        key = _show(loc[-1])
        return "unknown-key", f"unknown key '{key}'{did_you_mean(str(loc[-1]), allowed)}", True
    if kind == "literal_error":
        options = [str(o) for o in typing.get_args(type_at(root, loc))]
        hint = did_you_mean(str(value), options)
        return (
            "invalid-value",
            f"{field} '{value}' is not one of {', '.join(options)}{hint}",
            False,
        )
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (
                "invalid-id",
                f"{field} '{value}' is not a valid id: use lower-case letters, digits "
                "and single hyphens (like 'open-zaak' or 'gm0363')",
                False,
            )
        return "invalid-value", f"{field} '{value}' is not a forge handle like '@team'", False
    if kind == "string_too_long":
        return (
            "too-long",
            f"{field} is too long ({len(str(raw_value))} characters, at most {ctx['max_length']})",
            False,
        )
    if kind == "string_too_short":
        return "empty", f"{field} must not be empty", False
    if kind == "too_short":
        return "empty", f"{field} needs at least {ctx['min_length']} item", False
    if kind == "string_type":
        return "wrong-type", f"{field} must be text, not {kind_of(value)}", False
    if kind == "list_type":
        return "wrong-type", f"{field} must be a list, not {kind_of(value)}", False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "wrong-type", f"{field} must be a mapping, not {kind_of(value)}", False
    if kind.startswith("date_") and isinstance(value, str):
        return "invalid-date", f"{field} '{value}' is not a valid date (YYYY-MM-DD)", False
    if kind.startswith("date_"):
        return "wrong-type", f"{field} must be a date (YYYY-MM-DD), not {kind_of(value)}", False
    if kind == "bool_type":
        return "wrong-type", f"{field} must be true or false, not {kind_of(value)}", False
    if kind == "one_line":
        return "not-one-line", f"{field} must be a single line", False
    if kind == "url_scheme":
        return "invalid-url", f"{field} '{value}' {err['msg']}", False
    return "invalid-value", f"{field}: {err['msg']}", False  # pragma: no cover - safety net


def schema_problems(exc: ValidationError, root: Any, where: Locator) -> list[Problem]:
    """Every error of ``exc`` as a located problem, one per location."""
    problems: list[Problem] = []
    for err in exc.errors(include_url=False):
        code, message, at_key = _message(err, root)
        problems.append(where.problem(tuple(err["loc"]), code, message, key=at_key))
    return problems
