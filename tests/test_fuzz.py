"""Property-based: no input, however malformed, makes the loader or check raise."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model import check_model
from generator.model.yamlload import LoadError, parse

from .conftest import TODAY, materialise

YAML_ALPHABET = st.sampled_from(
    [*"abcxyz019 -:[]{},&*!|>'\"#%@`?\n\t\\~", "\n  ", "- ", ": ", "name", "\x00", "é", "\ufeff"]
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
    with contextlib.suppress(LoadError):
        parse(data.decode("utf-8", errors="replace"))


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


# The anchor prefilter (a regular expression that decides whether the exact event
# scan runs at all) may over-match, never under-match. Random YAML-ish text almost
# never holds an anchor, so the texts below are built to hold node properties (tags,
# anchors, aliases) in every place a node can start, in block and flow style.
PROPERTIES = st.sampled_from(
    ["&a", "*a", "&x1", "*x1", "&a-b_c", "!!str &x", "!!int &x", "!x &a", "! &a", "!!str\t&x",
     "&a !!str", "&a !x", "!!str  &x", "!<tag:yaml.org%2C2002:str> &x", "!!map &m", "!!seq &s",
     "!<!x> &a", "!!str\n  &x", "&a\n  !!str", "!!str", "!x", "!",
     "!<tag:yaml.org,2002:str> &x"]
)
# Where a node (with its properties) can start: {p} is the properties, {v} the value.
PLACES = st.sampled_from(
    ["{p} {v}", "{p}\n", "a: {p} {v}", "a: {p}", "a:\t{p} {v}", "a:\n  {p} {v}",
     "a:\n  {p}\n  - {v}", "- {p} {v}", "-\t{p} {v}", "- - {p} {v}", "-\n  {p} {v}",
     "- a: {p} {v}", "? {p} {v}\n: b", "?\n: {p} {v}", "? a\n: {p} {v}", "? a\n:\t{p} {v}",
     "[{p} {v}]", "[a, {p} {v}]", "[a,{p} {v}]", "[a,\n  {p} {v}]", "[\n{p} {v}]",
     "{{a: {p} {v}}}", "{{a: {p}}}", '{{"a":{p} {v}}}', "{{'a':{p} {v}}}", "{{? {p} {v} : b}}",
     "{{a,{p} {v}}}", '["a":{p} {v}]', "[a: {p} {v}]", "--- {p} {v}", "---\n{p} {v}",
     "%YAML 1.1\n--- {p} {v}", "%TAG !e! tag:yaml.org,2002:\n--- !e!str &e {v}",
     "a: |\n  x\nb: {p} {v}", "a: [\n  b,\n  {p} {v}\n]"]
)
NODE_VALUES = st.sampled_from(["x", "1", "[1, 2]", "{k: v}", '"q"', "'q'", "", "R&D", "a *b* &c"])
# YAML also breaks lines at a lone CR, NEL, LS and PS.
LINE_BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"])
PREFIXES = st.sampled_from(["", "", "\ufeff", "# c\n", "---\n"])


@st.composite
def with_properties(draw) -> str:
    """A document with node properties in one or two places, in block or flow style."""
    parts = [draw(PREFIXES)]
    for _ in range(draw(st.integers(1, 2))):
        place = draw(PLACES)
        properties = draw(PROPERTIES)
        value = "" if properties.startswith("*") else draw(NODE_VALUES)  # an alias has no value
        parts.append(place.format(p=properties, v=value) + "\n")
    return draw(LINE_BREAKS).join("".join(parts).split("\n"))


PROPERTY_TOKENS = st.sampled_from(
    ["&a", "*a", "&a ", "*a ", "!!str ", "!!str &x ", "!x ", "! ", "&", "*", "!", "\ufeff", "\r\n",
     "\n", "\n  ", "- ", "-\t", ": ", ":", "? ", "[", "]", "{", "}", ", ", ",", " ", "\t", "a", "x",
     '"', "'", "|", ">", "#", "---", "b: "]
)
property_soup = st.lists(PROPERTY_TOKENS, max_size=30).map("".join)
yaml_with_properties = st.one_of(
    with_properties(), with_properties(), with_properties(), property_soup
)


def _first_anchor_or_alias(text: str) -> str | None:
    """The refusal the exact event scan owes ``text``: the code of the first anchor or
    alias before any syntax error, or None."""
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.AliasEvent):
                return "yaml-alias"
            if getattr(event, "anchor", None):
                return "yaml-anchor"
    except yaml.YAMLError:
        pass
    return None


def test_anchor_prefilter_never_misses():
    """Every text the event scan finds an anchor or alias in is refused as such."""
    seen = {"texts": 0, "refusals owed": 0, "tags": 0}

    @given(yaml_with_properties)
    @settings(max_examples=2000, deadline=None)
    def run(text):
        owed = _first_anchor_or_alias(text)
        seen["texts"] += 1
        seen["refusals owed"] += owed is not None
        seen["tags"] += owed is not None and "!" in text
        try:
            parse(text)
        except LoadError as exc:
            assert owed is None or exc.code == owed, (text, exc.code, owed)
        else:
            assert owed is None, f"{owed} not refused in {text!r}"

    run()
    # The strategy is the test's teeth: most texts must owe a refusal, many with a tag.
    assert seen["refusals owed"] > seen["texts"] / 2, seen
    assert seen["tags"] > seen["texts"] / 5, seen


@pytest.mark.parametrize(
    "text",
    [
        "a:\r  &x [1, 2]\rb:\r  *x\r",  # a lone CR ends a line: an alias bomb gets through
        "a:\x85  &x [1, 2]\x85b:\x85  *x\x85",
        "a:\u2028  &x [1, 2]\u2028b:\u2028  *x\u2028",
        "a:\u2029  &x [1, 2]\u2029b:\u2029  *x\u2029",
        "[a,\r&x b,\r*x]",
        "a: !<tag:yaml.org,2002:str> &x 1\n",  # a verbatim tag holds a comma
    ],
)
def test_prefilter_gaps_found_by_the_property_stay_closed(text):
    """Once missed by the prefilter (a lone CR let an alias bomb through)."""
    owed = _first_anchor_or_alias(text)
    assert owed is not None
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert caught.value.code == owed
