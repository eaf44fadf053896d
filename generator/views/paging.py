"""Long lists split over numbered pages, so that no page grows with the landscape.

Page 1 keeps the list's own address (``/wijzigingen/``); page n lives one folder
down (``/wijzigingen/pagina-n/``). Only lists whose address has no other child
pages are split this way: under ``/modules/`` a page ``pagina-2`` could be a
module's id.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .common import relative_href

T = TypeVar("T")

PAGE_SIZE = 200
"""Rows per page of a long table: about 60 KB of HTML, well under the 150 KB page budget."""
WINDOW = 2
"""Page links shown either side of the current page; the first and last are always shown."""


def page_doc(first_doc: str, number: int) -> str:
    """The docs path of page ``number`` of the list whose first page is ``first_doc``."""
    if number == 1:
        return first_doc
    return posixpath.join(posixpath.dirname(first_doc), f"pagina-{number}", "index.md")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a split list."""

    doc: str
    number: int
    count: int
    rows: Sequence[T]
    first: int
    """The 1-based position of the first row in the whole list."""
    total: int
    first_doc: str

    @property
    def last(self) -> int:
        """The 1-based position of the last row on this page."""
        return self.first + len(self.rows) - 1

    @property
    def title_suffix(self) -> str:
        """`` (pagina 2 van 5)`` for a page title; empty for an unsplit list."""
        return f" (pagina {self.number} van {self.count})" if self.count > 1 else ""

    def items(self) -> list[PagerItem]:
        """The page links: Vorige, a window of numbers with gaps, Volgende."""
        if self.count == 1:
            return []

        def item(number: int, label: str, aria: str, current: bool = False) -> PagerItem:
            href = relative_href(self.doc, page_doc(self.first_doc, number))
            return PagerItem(label, href, aria, current)

        shown = sorted(
            {1, self.count}
            | set(range(max(1, self.number - WINDOW), min(self.count, self.number + WINDOW) + 1))
        )
        items = []
        if self.number > 1:
            items.append(item(self.number - 1, "Vorige", f"Vorige pagina, {self.number - 1}"))
        previous = 0
        for number in shown:
            if number > previous + 1:
                items.append(GAP)
            items.append(item(number, str(number), f"Pagina {number}", number == self.number))
            previous = number
        if self.number < self.count:
            items.append(item(self.number + 1, "Volgende", f"Volgende pagina, {self.number + 1}"))
        return items


@dataclass(frozen=True)
class PagerItem:
    """A link of the pager (the ``pager`` fragment); ``href`` None is a gap (…)."""

    label: str
    href: str | None
    aria: str = ""
    current: bool = False


GAP = PagerItem("…", None)


def page_count(rows: Sequence[object], size: int | None = None) -> int:
    """How many pages ``rows`` take in pages of ``size`` (:data:`PAGE_SIZE`); at least one."""
    return max(1, -(-len(rows) // (size or PAGE_SIZE)))


def paginate(
    first_doc: str, rows: Sequence[T], size: int | None = None, count: int | None = None
) -> list[Page[T]]:
    """``rows`` in pages of ``size`` (:data:`PAGE_SIZE`); at least one page, possibly empty.

    ``count`` spreads the rows over more pages than they need (the trailing ones
    empty); see :func:`paginate_side_by_side`.
    """
    size = size or PAGE_SIZE
    count = max(page_count(rows, size), count or 1)
    return [
        Page(
            doc=page_doc(first_doc, n),
            number=n,
            count=count,
            rows=rows[(n - 1) * size : n * size],
            first=(n - 1) * size + 1,
            total=len(rows),
            first_doc=first_doc,
        )
        for n in range(1, count + 1)
    ]


def paginate_side_by_side(first_doc: str, *lists: Sequence[object]) -> list[tuple[Page, ...]]:
    """Several lists of one page split together: page n of each, for every n up to
    the longest list's page count (the shorter lists' trailing pages are empty)."""
    count = max(page_count(rows) for rows in lists)
    return list(zip(*(paginate(first_doc, rows, count=count) for rows in lists), strict=True))
