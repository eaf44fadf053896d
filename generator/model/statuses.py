"""The statuses of a module and what each allows (MODEL.md, Statuses and rules 4 and 7).

Defined once, here: the rules check against these sets and ``synth`` plans with
them, so a change to the contract is a change to this file. Plain Python, so
that anything may import it cheaply.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STATUSES = ("wanted", "claimed", "developing", "available", "retired", "out-of-scope")
"""Every status, in the order of a module's life."""

PLANNED = frozenset({"wanted", "claimed", "developing"})
"""On the menu but not yet offered: these may depend on one another (rule 7)."""

NEEDS_OWNER = frozenset({"claimed", "developing", "available", "retired"})
"""Statuses that need an owner (rule 4); ``wanted`` and ``out-of-scope`` have none."""

MAY_HAVE_CONSUMERS = frozenset({"available", "retired"})
"""The only statuses with consumers (rule 4): what is or was offered can be adopted."""

ALWAYS_WEAK_TARGETS = frozenset({"retired", "out-of-scope"})
"""What no module should depend on (rule 7, warning)."""

WEAK_TARGETS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        status: (
            frozenset(STATUSES) - {"available"} if status == "available" else ALWAYS_WEAK_TARGETS
        )
        for status in STATUSES
    }
)
"""For a module's status, the statuses of dependencies that draw a warning (rule 7).

An ``available`` module should depend only on ``available`` ones; any module
warns on a ``retired`` or ``out-of-scope`` dependency; planned modules may
depend on planned ones.
"""


def is_weak_dependency(status: str, target_status: str) -> bool:
    """Whether a module with ``status`` leans on a dependency it should not (rule 7).

    Args:
        status: the status of the module that depends.
        target_status: the status of the module it depends on.
    """
    return target_status in WEAK_TARGETS[status]


__all__ = [
    "ALWAYS_WEAK_TARGETS",
    "MAY_HAVE_CONSUMERS",
    "NEEDS_OWNER",
    "PLANNED",
    "STATUSES",
    "WEAK_TARGETS",
    "is_weak_dependency",
]
