"""Safe YAML loading with a line and column mark for every value.

Only the plain data subset of YAML is accepted: no anchors or aliases, no
custom tags, no duplicate keys, UTF-8 only, at most 1 MiB per file. Every
violation becomes a located :class:`LoadError`, never an exception that
escapes. libyaml (``CSafeLoader``) does the parsing where it is present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALARS = {
    _STR: None,
    "tag:yaml.org,2002:null": SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": SafeConstructor.construct_yaml_timestamp,
}
_SCALAR_NAMES = {
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date (YYYY-MM-DD)",
    "tag:yaml.org,2002:bool": "boolean",
}
_CONSTRUCTOR = SafeConstructor()
# An anchor (&a) or alias (*a) can only start a token; anything else holding
# these characters (Markdown emphasis, "R&D") is checked by the event scan too,
# which is exact, so this pattern only needs to never miss one. A token starts
# after a line break (YAML also breaks lines at a lone CR, NEL, LS and PS), a
# flow indicator, a BOM or "- "/"? ", optionally after a tag (a verbatim tag,
# !<tag:yaml.org,2002:str>, may hold any non-space character).
_MAYBE_ANCHOR = re.compile(
    r"(?:^|[\r\x85\u2028\u2029\[\{,:\ufeff]|[?-][ \t])[ \t]*(?:!\S*[ \t]+)?[&*]", re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    column: int


class LoadError(Exception):
    """A file that cannot be read as plain YAML data, with where and why."""

    def __init__(self, message: str, mark: Mark, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.code = code


def _mark(node: yaml.Node) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1)


def _at(node: yaml.Node) -> tuple[int, int]:
    m = node.start_mark
    return m.line + 1, m.column + 1


class MDict(dict):
    """A mapping that remembers where it, its keys and its values stand.

    Positions are kept as plain (line, column) tuples, the cheapest thing to make
    for every value of a large model; :class:`Mark` objects are made on request.
    """

    __slots__ = ("_at", "_keys")

    def __init__(self, at: tuple[int, int]) -> None:
        super().__init__()
        self._at = at
        self._keys: dict[str, tuple[int, int, int, int]] = {}

    @property
    def mark(self) -> Mark:
        """Where the mapping starts."""
        return Mark(*self._at)

    @property
    def key_marks(self) -> dict[str, Mark]:
        """Where each key stands."""
        return {k: Mark(p[0], p[1]) for k, p in self._keys.items()}

    @property
    def value_marks(self) -> dict[str, Mark]:
        """Where each key's value starts."""
        return {k: Mark(p[2], p[3]) for k, p in self._keys.items()}


class MList(list):
    """A sequence that remembers where it and each item stand."""

    __slots__ = ("_at", "_items")

    def __init__(self, at: tuple[int, int]) -> None:
        super().__init__()
        self._at = at
        self._items: list[tuple[int, int]] = []

    @property
    def mark(self) -> Mark:
        """Where the sequence starts."""
        return Mark(*self._at)

    @property
    def item_marks(self) -> list[Mark]:
        """Where each item starts."""
        return [Mark(*p) for p in self._items]


def _yaml_mark(m: Any | None) -> Mark:
    return Mark(m.line + 1, m.column + 1) if m is not None else Mark(1, 1)


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def read_text(path: Path) -> str:
    """Read a file as UTF-8 text within the size limit.

    Raises:
        LoadError: the file is too large, unreadable or not UTF-8.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise LoadError(f"cannot read file: {exc.strerror}", Mark(1, 1), "file-unreadable") from None
    if len(data) > MAX_BYTES:
        raise LoadError("file is larger than 1 MiB", Mark(1, 1), "file-too-large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            Mark(line, column),
            "file-encoding",
        ) from None
    return text.removeprefix("\ufeff")


def _reject_anchors(text: str) -> None:
    """Raise on the first anchor or alias; exact, via the event stream."""
    if not _MAYBE_ANCHOR.search(text):
        return
    loader = _Loader(text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                raise LoadError(
                    f"YAML aliases are not allowed (*{event.anchor}); write the value out",
                    _yaml_mark(event.start_mark),
                    "yaml-alias",
                )
            if anchor := getattr(event, "anchor", None):
                raise LoadError(
                    f"YAML anchors are not allowed (&{anchor}); write the value out",
                    _yaml_mark(event.start_mark),
                    "yaml-anchor",
                )
    finally:
        loader.dispose()


def parse(text: str) -> Any:
    """Parse YAML text into plain data with marks (MDict, MList, scalars).

    Returns:
        The document's value, or None for an empty document.

    Raises:
        LoadError: syntax errors, anchors, aliases, custom tags, duplicate keys,
            non-scalar keys, invalid dates or nesting deeper than ``MAX_DEPTH``.
    """
    try:
        _reject_anchors(text)
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or "invalid YAML"
        mark = exc.problem_mark or exc.context_mark
        raise LoadError(f"invalid YAML: {problem}", _yaml_mark(mark), "yaml-syntax") from None
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        raise LoadError(f"invalid YAML: {exc}".splitlines()[0], Mark(1, 1), "yaml-syntax") from None
    if node is None:
        return None
    return _convert(node, 0)


def _convert(node: yaml.Node, depth: int) -> Any:
    if type(node) is yaml.ScalarNode:
        return node.value if node.tag == _STR else _scalar(node)
    if depth > MAX_DEPTH:
        raise LoadError(f"nesting deeper than {MAX_DEPTH} levels", _mark(node), "yaml-too-deep")
    if type(node) is yaml.MappingNode:
        if node.tag != _MAP:
            raise _tag_error(node)
        result = MDict(_at(node))
        keys = result._keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                raise LoadError(
                    "mapping keys must be plain text", _mark(key_node), "yaml-complex-key"
                )
            key = key_node.value
            if key in keys:
                raise LoadError(
                    f"duplicate key '{key}' (first defined on line {keys[key][0]})",
                    _mark(key_node),
                    "yaml-duplicate-key",
                )
            keys[key] = (*_at(key_node), *_at(value_node))
            result[key] = _convert(value_node, depth + 1)
        return result
    if node.tag != _SEQ:
        raise _tag_error(node)
    items = MList(_at(node))
    for item in node.value:
        items._items.append(_at(item))
        items.append(_convert(item, depth + 1))
    return items


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.tag not in _SCALARS:
        raise _tag_error(node)
    construct = _SCALARS[node.tag]
    if construct is None:
        return node.value
    try:
        return construct(_CONSTRUCTOR, node)
    except (ValueError, ConstructorError, OverflowError):
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # kept as text: the schema says which field wanted a date
        raise LoadError(
            f"'{node.value}' is not a valid {_SCALAR_NAMES.get(node.tag, 'value')}",
            _mark(node),
            "yaml-invalid-scalar",
        ) from None


def _tag_error(node: yaml.Node) -> LoadError:
    return LoadError(
        f"YAML tag '{_short_tag(node.tag)}' is not allowed; only plain values, lists and mappings",
        _mark(node),
        "yaml-tag",
    )


def load_file(path: Path) -> Any:
    """Read and parse one file (see :func:`read_text` and :func:`parse`)."""
    return parse(read_text(path))
