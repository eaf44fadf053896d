"""The landscape model: loading with marks, typed entities, rules and problems."""

from __future__ import annotations

from .entities import (
    ORGANISATION_KINDS,
    PARTNER_ROLES,
    STATUS_LABELS,
    STATUSES,
    Layer,
    Module,
    Organisation,
    Standard,
    module_schema,
)
from .landscape import Landscape
from .load import CheckResult, ModelError, check_model, load_landscape
from .problems import Problem, format_github, format_json, format_text, has_errors, summary

__all__ = [
    "ORGANISATION_KINDS",
    "PARTNER_ROLES",
    "STATUSES",
    "STATUS_LABELS",
    "CheckResult",
    "Landscape",
    "Layer",
    "ModelError",
    "Module",
    "Organisation",
    "Problem",
    "Standard",
    "check_model",
    "format_github",
    "format_json",
    "format_text",
    "has_errors",
    "load_landscape",
    "module_schema",
    "summary",
]
