"""Reading one publiccode.yml file: the fields the importer maps, or located problems.

The file is read with the model's safe loader (:mod:`generator.model.yamlload`):
at most 1 MiB (a larger file is refused before it is parsed), UTF-8, no anchors,
aliases, tags or duplicate keys. Every problem is a :class:`Problem` located in the
file, as ``path:line:column``. Errors make the file unusable; warnings say what
was left out and why.

Versions: 0.2, 0.3 and 0.4 of the standard are read without remark. The fields
read here (``name``, ``url``, ``landingURL``, ``description.<lang>``,
``developmentStatus``, ``legal``, ``maintenance.contractors``, ``usedBy``) have
the same names and meaning in the drafts before 0.2 and in the versions after
0.4 that files in the wild claim (0.5.0, 0.7, 1.0): such a file is read with a
warning. A version written as a number (``1.0``, unquoted) is read as its text,
with a warning. A file without ``publiccodeYmlVersion`` is not a publiccode.yml
file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ...model.locate import Loc, Locator
from ...model.problems import Problem
from ...model.yamlload import LoadError, MDict, MList, parse, read_text

SUPPORTED = ((0, 2), (0, 3), (0, 4))
"""The versions of the standard read without a warning (major, minor)."""

DEVELOPMENT_STATUSES = ("concept", "development", "beta", "stable", "obsolete")
"""``developmentStatus`` values of the standard."""

LANGUAGES = ("nl", "en")
"""Languages of ``description`` read, in order of preference: Dutch, else English."""

SUMMARY_MAX = 200
"""The longest summary the model allows (MODEL.md)."""

DESCRIPTION_MAX = 10_000
"""The longest ``longDescription`` the standard allows; longer text is not imported."""

REFUSED_SCHEMES = ("javascript", "vbscript", "data", "file")
"""Link schemes that make a whole file suspect: it is refused, nothing is written."""

_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Named:
    """A name the file gives (an organisation, a user), with where it stands."""

    text: str
    field: str
    """Where in the file, dotted: ``usedBy[2]``, ``legal.repoOwner``."""
    loc: tuple[str | int, ...]


@dataclass
class Source:
    """What a publiccode.yml file says, in the terms the importer maps."""

    path: str
    """The file as shown in messages."""
    locator: Locator
    version: str = ""
    name: str = ""
    repository: str | None = None
    """``url`` as a link: http(s), without ``.git`` or a trailing slash."""
    repository_key: str | None = None
    """``url`` folded for comparing (host and path, any scheme): matching, not linking."""
    website: str | None = None
    documentation: str | None = None
    summary: str | None = None
    description: str | None = None
    development_status: str | None = None
    copyright_owner: Named | None = None
    repo_owner: Named | None = None
    contractors: list[Named] = field(default_factory=list)
    used_by: list[Named] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def error(self, loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        """Record an error at ``loc``."""
        self.problems.append(self.locator.problem(loc, code, message, key=key))

    def warn(self, loc: Loc, code: str, message: str, *, key: bool = False) -> None:
        """Record a warning at ``loc``."""
        self.problems.append(self.locator.problem(loc, code, message, severity="warning", key=key))

    @property
    def ok(self) -> bool:
        """Whether the file can be imported (no errors)."""
        return not any(p.severity == "error" for p in self.problems)


def repository_key(url: str) -> str | None:
    """``url`` folded for comparing repositories: ``github.com/open-zaak/open-zaak`` for
    ``https://github.com/Open-Zaak/open-zaak.git/`` (any scheme, case, ``.git``, slash)."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    path = parts.path.rstrip("/").removesuffix(".git").rstrip("/")
    host = parts.netloc.rpartition("@")[2].lower().removeprefix("www.")
    return f"{host}{path}".lower()


def read(path: Path, shown: str | None = None) -> Source:
    """Read ``path``; the result's ``problems`` say what could not be used and why."""
    shown = shown or str(path)
    try:
        raw = parse(read_text(path))
    except LoadError as exc:
        source = Source(shown, Locator(shown, None))
        source.problems.append(
            Problem(shown, exc.mark.line, exc.mark.column, "error", exc.code, exc.message)
        )
        return source
    source = Source(shown, Locator(shown, raw))
    if not isinstance(raw, MDict):
        what = "empty" if raw is None else f"a {_kind(raw)}, not a mapping"
        source.error((), "publiccode-not-publiccode", f"not a publiccode.yml file: the file is {what}")
        return source
    if "publiccodeYmlVersion" not in raw and "name" not in raw:
        source.error(
            (), "publiccode-not-publiccode",
            "not a publiccode.yml file: it has neither publiccodeYmlVersion nor name",
        )
        return source
    _version(source, raw)
    _name(source, raw)
    _links(source, raw)
    _descriptions(source, raw)
    _status(source, raw)
    _organisations(source, raw)
    _used_by(source, raw)
    return source


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _version(source: Source, raw: MDict) -> None:
    if "publiccodeYmlVersion" not in raw:
        source.error(
            (), "publiccode-not-publiccode",
            "not a publiccode.yml file: publiccodeYmlVersion is missing",
        )
        return
    value = raw["publiccodeYmlVersion"]
    loc = ("publiccodeYmlVersion",)
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
        source.warn(
            loc, "publiccode-version",
            f"publiccodeYmlVersion is the number {text}; the standard wants text ('{text}')",
        )
    elif isinstance(value, str):
        text = value.strip()
    else:
        source.error(loc, "publiccode-version", f"publiccodeYmlVersion must be text, not a {_kind(value)}")
        return
    if not _VERSION.match(text):
        source.error(loc, "publiccode-version", f"publiccodeYmlVersion '{_short(text)}' is not a version")
        return
    numbers = [int(n) for n in text.split(".")] + [0]
    source.version = text
    if (numbers[0], numbers[1]) not in SUPPORTED:
        age = "older" if (numbers[0], numbers[1]) < SUPPORTED[0] else "newer"
        source.warn(
            loc, "publiccode-version",
            f"publiccodeYmlVersion '{text}' is {age} than the supported 0.2 to 0.4; "
            "its fields are read as in 0.4",
        )


def _name(source: Source, raw: MDict) -> None:
    if "name" not in raw:
        source.error((), "publiccode-name", "name is missing")
        return
    value = raw["name"]
    if not isinstance(value, str):
        source.error(("name",), "publiccode-name", f"name must be text, not a {_kind(value)}")
        return
    name = " ".join(_invisible(source, ("name",), value).split())
    if not name:
        source.error(("name",), "publiccode-name", "name is empty")
        return
    source.name = name


def _short(value: str, limit: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _link(source: Source, loc: Loc, value: Any) -> str | None:
    """``value`` as an http(s) link, or None with a warning (an error for a script scheme)."""
    where = _dotted(loc)
    if value is None:
        return None
    if not isinstance(value, str):
        source.warn(loc, "publiccode-link", f"{where} must be text, not a {_kind(value)}; not linked")
        return None
    text = value.strip()
    bare = re.sub(r"[\x00-\x20]", "", text).lower()
    scheme = bare.partition(":")[0] if ":" in bare else ""
    if scheme in REFUSED_SCHEMES:
        source.error(
            loc, "publiccode-link-scheme",
            f"{where} '{_short(text)}' is a {scheme}: URL; a file with such a link is not "
            "imported (links are http(s) only)",
        )
        return None
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", text):
        source.warn(
            loc, "publiccode-link", f"{where} '{_short(text)}' is not an absolute http(s) URL; not linked"
        )
        return None
    return text


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _links(source: Source, raw: MDict) -> None:
    url = raw.get("url")
    if isinstance(url, str):
        source.repository_key = repository_key(url)
    link = _link(source, ("url",), url)
    if link:
        source.repository = link.rstrip("/").removesuffix(".git").rstrip("/")
    source.website = _link(source, ("landingURL",), raw.get("landingURL"))
    if "roadmap" in raw:  # checked like any link, but the model has no place for it
        _link(source, ("roadmap",), raw["roadmap"])


def _languages(source: Source, raw: MDict) -> list[tuple[str, MDict]]:
    """The ``description`` sections to read, Dutch first, then English."""
    description = raw.get("description")
    if description is None:
        return []
    if not isinstance(description, MDict):
        source.warn(
            ("description",), "publiccode-description",
            f"description must be a mapping of languages, not a {_kind(description)}; not read",
        )
        return []
    found = []
    for lang in LANGUAGES:
        keys = [k for k in description if k == lang] or [
            k for k in description if str(k).lower().startswith(f"{lang}-")
        ]
        for key in keys[:1]:
            section = description[key]
            if isinstance(section, MDict):
                found.append((key, section))
            else:
                source.warn(
                    ("description", key), "publiccode-description",
                    f"description.{key} must be a mapping, not a {_kind(section)}; not read",
                )
    if not found and description:
        source.warn(
            ("description",), "publiccode-description",
            f"description has no 'nl' or 'en' section (it has {', '.join(map(str, description))}); "
            "not read",
        )
    return found


def _descriptions(source: Source, raw: MDict) -> None:
    for lang, section in _languages(source, raw):
        base = ("description", lang)
        if source.summary is None and "shortDescription" in section:
            source.summary = _summary(source, (*base, "shortDescription"), section["shortDescription"])
        if source.description is None and "longDescription" in section:
            source.description = _long(source, (*base, "longDescription"), section["longDescription"])
        if source.documentation is None and "documentation" in section:
            source.documentation = _link(source, (*base, "documentation"), section["documentation"])


def _invisible(source: Source, loc: Loc, text: str) -> str:
    """``text`` without format characters (soft hyphen, zero-width space), with a warning."""
    found = [ch for ch in text if unicodedata.category(ch) == "Cf"]
    if not found:
        return text
    names = sorted({f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in found})
    source.warn(
        loc, "publiccode-invisible",
        f"{_dotted(loc)}: removed {len(found)} invisible character{'s' * (len(found) > 1)} "
        f"({', '.join(names)})",
    )
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def plain(text: str) -> str:
    """One line of plain text from Markdown or HTML: tags, link targets, emphasis marks
    and control characters removed, spaces collapsed."""
    text = _CONTROL.sub(" ", text)
    text = _HTML_TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = re.sub(r"^\s*#+\s+", "", text)
    text = re.sub(r"[*_`]{1,3}(?=\S)|(?<=\S)[*_`]{1,3}", "", text)
    return " ".join(text.split())


def _summary(source: Source, loc: Loc, value: Any) -> str | None:
    where = _dotted(loc)
    if value is None:
        return None
    if not isinstance(value, str):
        source.warn(loc, "publiccode-summary", f"{where} must be text, not a {_kind(value)}; not used")
        return None
    text = plain(_invisible(source, loc, value))
    if not text:
        return None
    if len(text) > SUMMARY_MAX:
        source.warn(
            loc, "publiccode-summary",
            f"{where} is {len(text)} characters; a summary has at most {SUMMARY_MAX}: not used "
            "(shorten it in the file)",
        )
        return None
    return text


def _long(source: Source, loc: Loc, value: Any) -> str | None:
    where = _dotted(loc)
    if value is None:
        return None
    if not isinstance(value, str):
        source.warn(loc, "publiccode-description", f"{where} must be text, not a {_kind(value)}; not used")
        return None
    text = _invisible(source, loc, value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        return None
    if len(text) > DESCRIPTION_MAX:
        source.warn(
            loc, "publiccode-description",
            f"{where} is {len(text)} characters; the standard allows {DESCRIPTION_MAX}: not used",
        )
        return None
    return text


def _status(source: Source, raw: MDict) -> None:
    value = raw.get("developmentStatus")
    if value is None:
        return
    if value not in DEVELOPMENT_STATUSES:
        source.warn(
            ("developmentStatus",), "publiccode-status",
            f"developmentStatus '{_short(str(value))}' is not one of {', '.join(DEVELOPMENT_STATUSES)}; "
            "not used",
        )
        return
    source.development_status = value


def _named(source: Source, loc: Loc, value: Any) -> Named | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        source.warn(loc, "publiccode-organisation", f"{_dotted(loc)} must be a name; not used")
        return None
    text = " ".join(_invisible(source, loc, value).split())
    return Named(text, _dotted(loc), tuple(loc))


def _organisations(source: Source, raw: MDict) -> None:
    legal = raw.get("legal")
    if isinstance(legal, MDict):
        owner = legal.get("mainCopyrightOwner")
        source.copyright_owner = _named(source, ("legal", "mainCopyrightOwner"), owner)
        source.repo_owner = _named(source, ("legal", "repoOwner"), legal.get("repoOwner"))
    elif legal is not None:
        source.warn(("legal",), "publiccode-organisation", f"legal must be a mapping, not a {_kind(legal)}")
    maintenance = raw.get("maintenance")
    if maintenance is None:
        return
    if not isinstance(maintenance, MDict):
        source.warn(
            ("maintenance",), "publiccode-organisation",
            f"maintenance must be a mapping, not a {_kind(maintenance)}",
        )
        return
    contractors = maintenance.get("contractors")
    if contractors is None:
        return
    if not isinstance(contractors, MList):
        source.warn(
            ("maintenance", "contractors"), "publiccode-organisation",
            "maintenance.contractors must be a list; not used",
        )
        return
    for i, item in enumerate(contractors):
        loc: Loc = ("maintenance", "contractors", i, "name")
        if isinstance(item, MDict) and (named := _named(source, loc, item.get("name"))):
            source.contractors.append(named)
        elif not isinstance(item, MDict):
            where = _dotted(loc[:-1])
            source.warn(loc[:-1], "publiccode-organisation", f"{where} must be a mapping with a name")


def _used_by(source: Source, raw: MDict) -> None:
    value = raw.get("usedBy")
    if value is None:
        return
    if not isinstance(value, MList):
        source.warn(
            ("usedBy",), "publiccode-used-by", f"usedBy must be a list of names, not a {_kind(value)}"
        )
        return
    for i, item in enumerate(value):
        if named := _named(source, ("usedBy", i), item):
            source.used_by.append(named)
