"""Property-based: no input, however malformed, makes the loader or check raise."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import check_model
from generator.model.yamlload import LoadError, parse

from .conftest import TODAY, materialise

YAML_ALPHABET = st.sampled_from(
    list("abcxyz019 -:[]{},&*!|>'\"#%@`?\n\t\\~") + ["\n  ", "- ", ": ", "name", "\x00", "é", "\ufeff"]
)
yaml_like = st.lists(YAML_ALPHABET, max_size=80).map("".join)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.sampled_from(["gm0363", "zaken", "available", "wanted", "diensten", "zgw-apis", "vng"]),
)
KEYS = st.sampled_from(
    ["name", "layer", "summary", "status", "owner", "partners", "consumers", "interested",
     "depends_on", "standards", "links", "reason", "history", "org", "role", "module", "via",
     "date", "since", "website", "contact", "illustrative", "description", "oops"]
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=20,
)


@given(yaml_like)
@settings(max_examples=400, deadline=None)
def test_parse_raises_only_load_errors(text):
    try:
        parse(text)
    except LoadError as exc:
        assert exc.mark.line >= 1 and exc.mark.column >= 1
        assert exc.message


@given(st.binary(max_size=200))
@settings(max_examples=200, deadline=None)
def test_parse_bytes_as_text_raises_only_load_errors(data):
    try:
        parse(data.decode("utf-8", errors="replace"))
    except LoadError:
        pass


def _write_and_check(folder: Path, name: str, content: bytes) -> None:
    (folder / "diensten" / name).write_bytes(content)
    result = check_model(folder, today=TODAY)
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.severity in ("error", "warning")
    if result.landscape is None:
        assert result.errors


@given(st.dictionaries(KEYS, values, max_size=8))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_never_raises_on_random_modules(tmp_path_factory, data):
    folder = materialise(None, tmp_path_factory.mktemp("m"))
    text = yaml.safe_dump(data, allow_unicode=True)
    _write_and_check(folder, "fuzz.yaml", text.encode("utf-8"))


@given(st.binary(max_size=300))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_never_raises_on_random_bytes(tmp_path_factory, data):
    folder = materialise(None, tmp_path_factory.mktemp("m"))
    _write_and_check(folder, "fuzz.yaml", data)


@given(st.lists(st.dictionaries(KEYS, values, max_size=5), max_size=4), values)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_check_never_raises_on_random_frames(tmp_path_factory, organisations, landscape):
    folder = materialise(None, tmp_path_factory.mktemp("m"))
    (folder / "organisations.yaml").write_text(yaml.safe_dump(organisations), encoding="utf-8")
    (folder / "landscape.yaml").write_text(yaml.safe_dump(landscape), encoding="utf-8")
    result = check_model(folder, today=TODAY)
    assert all(p.line >= 1 for p in result.problems)


def test_cli_on_garbage_prints_no_traceback(model):
    folder = model()
    (folder / "diensten" / "a.yaml").write_bytes(bytes(range(256)))
    (folder / "diensten" / "b.yaml").write_text("[" * 5000, encoding="utf-8")
    (folder / "diensten" / "c.yaml").write_text("a: &a [*a]\n", encoding="utf-8")
    exe = Path(sys.executable).parent / "retratstoliped"
    done = subprocess.run([str(exe), "check", str(folder)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stdout.splitlines()) == 3


def _has_anchor_or_alias(text: str) -> bool:
    try:
        return any(
            isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)
            for e in yaml.parse(text, Loader=yaml.SafeLoader)
        )
    except yaml.YAMLError:
        return False


@given(yaml_like)
@settings(max_examples=1500, deadline=None)
def test_anchor_prefilter_never_misses(text):
    """The fast text prefilter may over-match, never under-match, the exact event scan."""
    if _has_anchor_or_alias(text):
        try:
            parse(text)
        except LoadError as exc:
            assert exc.code in ("yaml-anchor", "yaml-alias", "yaml-syntax"), exc.code
        else:
            raise AssertionError(f"anchor or alias not refused in {text!r}")
