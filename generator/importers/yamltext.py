"""YAML text written by the importers: scalars and blocks that read back the same.

The importers write module files as text, line by line, so that a file reads like
one an editor wrote (and an existing file keeps every byte it had). These helpers
make one value's YAML and prove it by reading it back.
"""

from __future__ import annotations

import json

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SCHEMA_HEADER = "# yaml-language-server: $schema=../../schema/module.schema.json"
"""The first line of every module file in ``<model>/<layer>/``, as in the shipped ones."""


def scalar(value: str) -> str:
    """A YAML scalar for ``value``: plain where it reads back the same, else double-quoted."""
    if value and value == value.strip() and "\n" not in value and value[0].isalnum():
        try:
            if yaml.load(f"k: {value}", Loader=_Loader) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def block(value: str, indent: str = "  ") -> str:
    """A literal block scalar (``|``) for multi-line Markdown, or a quoted scalar if
    the block would not read back the same."""
    body = "\n".join(indent + line if line else "" for line in value.split("\n"))
    candidate = f"|\n{body}"
    try:
        if yaml.load(f"k: {candidate}\n", Loader=_Loader) == {"k": value + "\n"}:
            return candidate
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)
