"""The loader: marks, and every kind of YAML it refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.yamlload import LoadError, Mark, parse


def test_marks_of_keys_values_and_items():
    data = parse("a: 1\nb:\n  - x\n  - {c: d}\n")
    assert data == {"a": 1, "b": ["x", {"c": "d"}]}
    assert data.key_marks["b"] == Mark(2, 1)
    assert data.value_marks["a"] == Mark(1, 4)
    assert data["b"].item_marks == [Mark(3, 5), Mark(4, 5)]
    assert data["b"][1].value_marks["c"] == Mark(4, 9)


def test_scalars_resolve_like_yaml_but_keys_stay_text():
    data = parse("on: yes\n2024: 2024-03-01\nn: ~\nf: 1.5\n")
    assert data == {"on": True, "2024": dt.date(2024, 3, 1), "n": None, "f": 1.5}


def test_empty_document_is_none():
    assert parse("") is None
    assert parse("# only a comment\n") is None


@pytest.mark.parametrize(
    ("text", "code", "mark", "message"),
    [
        ("a: &x 1\nb: *x\n", "yaml-anchor", Mark(1, 4), "YAML anchors are not allowed (&x)"),
        ("a: [1, *x]\n", "yaml-alias", Mark(1, 8), "YAML aliases are not allowed (*x)"),
        ("\ufeff&a [1]\n", "yaml-anchor", Mark(1, 1), "YAML anchors are not allowed (&a)"),
        ('{"a":&x 1}\n', "yaml-anchor", Mark(1, 6), "YAML anchors are not allowed (&x)"),
        ("a: !custom 1\n", "yaml-tag", Mark(1, 4), "YAML tag '!custom' is not allowed"),
        ("a: !!binary aGk=\n", "yaml-tag", Mark(1, 4), "YAML tag '!!binary' is not allowed"),
        ("a: !!set {x}\n", "yaml-tag", Mark(1, 4), "YAML tag '!!set' is not allowed"),
        ("a:\n  b: 1\n  b: 2\n", "yaml-duplicate-key", Mark(3, 3), "duplicate key 'b'"),
        ("- {a: 1, a: 1}\n", "yaml-duplicate-key", Mark(1, 10), "duplicate key 'a'"),
        ("? [a]\n: 1\n", "yaml-complex-key", Mark(1, 3), "mapping keys must be plain text"),
        ("a: [\n", "yaml-syntax", Mark(2, 1), "invalid YAML"),
        ("a: 1\n---\nb: 2\n", "yaml-syntax", Mark(2, 1), "invalid YAML"),
        ("a: \x07\n", "yaml-syntax", Mark(1, 1), "invalid YAML"),
        ("a: " + "[" * 40 + "]" * 40, "yaml-too-deep", Mark(1, 36), "nesting deeper than 32"),
    ],
)
def test_refused(text, code, mark, message):
    with pytest.raises(LoadError) as caught:
        parse(text)
    assert caught.value.code == code
    assert caught.value.mark == mark
    assert caught.value.message.startswith(message)


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    with pytest.raises(LoadError) as caught:
        parse("\n".join(lines))
    assert caught.value.code == "yaml-anchor"


def test_markdown_emphasis_and_ampersands_are_text():
    data = parse("d: |\n  *nadruk* en **vet** & R&D\ne: a * b & c\n")
    assert data == {"d": "*nadruk* en **vet** & R&D\n", "e": "a * b & c"}
