"""The status sets: one definition that the schema, the rules and synth share."""

from __future__ import annotations

from typing import get_args

import pytest

from generator.model import MAY_HAVE_CONSUMERS, NEEDS_OWNER, PLANNED, module_schema
from generator.model.entities import Status
from generator.model.statuses import STATUSES, is_weak_dependency


def test_the_schema_offers_exactly_the_statuses():
    assert get_args(Status) == STATUSES
    assert tuple(module_schema()["properties"]["status"]["enum"]) == STATUSES


def test_owner_and_consumer_sets_follow_rule_4():
    assert {"claimed", "developing", "available", "retired"} == NEEDS_OWNER
    assert {"available", "retired"} == MAY_HAVE_CONSUMERS
    assert {"wanted", "claimed", "developing"} == PLANNED


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("target", STATUSES)
def test_weak_dependencies_follow_rule_7(status, target):
    expected = target in ("retired", "out-of-scope") or (
        status == "available" and target != "available"
    )
    assert is_weak_dependency(status, target) is expected
