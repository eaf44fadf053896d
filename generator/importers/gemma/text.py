"""Text made from GEMMA fields: ids, one-line summaries, Markdown descriptions.

All functions are pure and deterministic: the same GEMMA text gives the same
bytes on every run.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from ...model.entities import ID_MAX

SUMMARY_MAX = 200
"""The longest summary the model allows (MODEL.md)."""

NAME_MAX = 80
"""The longest name the model allows (MODEL.md)."""

_MIN_SENTENCE = 40
"""A first sentence shorter than this ("Landelijke website.") is joined by the next."""

_ABBREVIATIONS = ("bijv.", "o.a.", "e.d.", "e.a.", "t.b.v.", "i.v.m.", "m.b.t.", "incl.", "ca.")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9À-Ý\"'(])")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_INLINE_BULLETS = re.compile(r"(?:^|\s)\*\s+")
_DANGLING = frozenset({"en", "of", "van", "de", "het", "een", "voor", "in", "op", "met"})
"""Words a shortened id does not end on ("...-antillen-en" -> "...-antillen")."""


def slug(text: str, limit: int = ID_MAX) -> str:
    """A model id from a name: ``"Reïntegratie- en werkzoekendencomponent"`` ->
    ``"reintegratie-en-werkzoekendencomponent"``; cut at a hyphen within ``limit``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(result) > limit:
        result = result[: limit + 1].rsplit("-", 1)[0] if "-" in result[:limit] else result[:limit]
        while result.rsplit("-", 1)[-1] in _DANGLING and "-" in result:
            result = result.rsplit("-", 1)[0]
    return result.strip("-")


def clean(text: str) -> str:
    """Text without control characters, tabs or trailing spaces; Windows line ends made plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _UNPRINTABLE.sub(" ", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def plain(text: str) -> str:
    """One line of plain text: Markdown list and emphasis marks removed, spaces collapsed."""
    text = _INLINE_BULLETS.sub(" ", clean(text))
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending in "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-–( ")
    return cut + "…"


def _sentences(text: str) -> list[str]:
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and parts[-1].lower().endswith(_ABBREVIATIONS):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return parts


def summary(description: str, fallback: str) -> str:
    """The model's one-line summary from a GEMMA description: its first sentence
    (joined by the next while very short), at most 200 characters, ending in a
    full stop; ``fallback`` when the description is empty."""
    text = plain(description)
    if not text:
        return shorten(fallback, SUMMARY_MAX)
    sentences = _sentences(text)
    result = sentences[0]
    for more in sentences[1:]:
        if len(result) >= _MIN_SENTENCE or len(result) + 1 + len(more) > SUMMARY_MAX:
            break
        result += " " + more
    if result[-1] not in ".!?…":
        result = result.rstrip(":;,") + "."
    return shorten(result, SUMMARY_MAX)


def name(text: str) -> str:
    """A model name (at most 80 characters) from a GEMMA name."""
    return shorten(" ".join(text.split()), NAME_MAX)


def markdown(text: str) -> str:
    """A GEMMA text as Markdown: cleaned, and "o.a.: * a * b" run-in lists made lists."""
    paragraphs = []
    for raw in re.split(r"\n\s*\n", clean(text)):
        paragraph = raw
        if paragraph.count("* ") >= 2 and "\n" not in paragraph:
            head, *items = _INLINE_BULLETS.split(paragraph)
            lines = [head.strip()] if head.strip() else []
            lines += [f"- {item.strip()}" for item in items if item.strip()]
            paragraph = "\n".join(lines)
        paragraphs.append(_list_apart(paragraph))
    return "\n\n".join(p for p in paragraphs if p)


def _list_apart(paragraph: str) -> str:
    """A blank line before a list that follows a line of text, as Markdown needs."""
    lines = paragraph.split("\n")
    out = lines[:1]
    for before, line in itertools.pairwise(lines):
        if line.startswith(("* ", "- ")) and not before.startswith(("* ", "- ")):
            out.append("")
        out.append(line)
    return "\n".join(out)


def sentence_list(items: list[str]) -> str:
    """Dutch enumeration: ``a``, ``a en b``, ``a, b en c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
