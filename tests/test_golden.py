"""Golden cases: each folder under tests/fixtures/ (laid over base/) and its exact output.

``expected.txt`` holds the exact lines of ``retratstoliped check``, paths relative
to the model folder. Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change,
then review the diff.
"""

from __future__ import annotations

import os

import pytest

from generator.model import check_model, format_text

from .conftest import FIXTURES, TODAY

CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").exists())


def test_every_case_folder_has_expectations():
    folders = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")
    assert folders == CASES
    assert len(CASES) >= 15


def test_base_model_is_clean(model):
    result = check_model(model(), today=TODAY)
    assert result.problems == []
    assert result.landscape is not None
    assert sorted(result.landscape.modules) == ["inloggen", "mijn-loket", "zaken"]


@pytest.mark.parametrize("case", CASES)
def test_golden(case, model):
    folder = model(case)
    result = check_model(folder, today=TODAY)
    actual = format_text(result.problems).replace(str(folder) + os.sep, "")
    expected_file = FIXTURES / case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        assert not os.environ.get("CI"), "UPDATE_GOLDEN rewrites the expectations; refused under CI"
        assert os.environ["UPDATE_GOLDEN"] == "1", "set UPDATE_GOLDEN=1 to rewrite the expectations"
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert actual, "a failing fixture must report something"
    if any(p.severity == "error" for p in result.problems):
        assert result.landscape is None
