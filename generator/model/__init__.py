"""The landscape model: loading with marks, typed entities, rules and problems."""

from __future__ import annotations

from .asof import AsOfError, landscape_as_of
from .entities import (
    ORGANISATION_KINDS,
    PARTNER_ROLES,
    SHORT_LABELS,
    STATUS_LABELS,
    Layer,
    Module,
    Organisation,
    Standard,
    module_schema,
)
from .landscape import Landscape
from .load import CheckResult, ModelError, check_model, load_landscape
from .problems import Problem, format_github, format_json, format_text, has_errors, summary
from .statuses import (
    ALWAYS_WEAK_TARGETS,
    MAY_HAVE_CONSUMERS,
    NEEDS_OWNER,
    PLANNED,
    STATUSES,
    WEAK_TARGETS,
    is_weak_dependency,
)

__all__ = [
    "ALWAYS_WEAK_TARGETS",
    "MAY_HAVE_CONSUMERS",
    "NEEDS_OWNER",
    "ORGANISATION_KINDS",
    "PARTNER_ROLES",
    "PLANNED",
    "SHORT_LABELS",
    "STATUSES",
    "STATUS_LABELS",
    "WEAK_TARGETS",
    "AsOfError",
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
    "is_weak_dependency",
    "landscape_as_of",
    "load_landscape",
    "module_schema",
    "summary",
]
