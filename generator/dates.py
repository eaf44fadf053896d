"""Dates as the site writes them (Dutch), and calendar quarters.

Plain Python, so that anything may import it cheaply.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)


def dutch_date(day: dt.date) -> str:
    """``1 januari 2024``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter: ``Quarter(2026, 3)`` is July to September 2026."""

    year: int
    number: int
    """1 to 4."""

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """The quarter ``day`` falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Quarter:
        """The quarter after this one."""
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    @property
    def name(self) -> str:
        """``3e kwartaal 2026``."""
        return f"{self.number}e kwartaal {self.year}"

    @property
    def short(self) -> str:
        """``2026 K3``, for charts."""
        return f"{self.year} K{self.number}"

    @property
    def slug(self) -> str:
        """``2026-k3``, for anchors."""
        return f"{self.year}-k{self.number}"


def quarters(first: dt.date, last: dt.date) -> list[Quarter]:
    """Every quarter from the one of ``first`` up to and including the one of ``last``."""
    found, quarter, end = [], Quarter.of(first), Quarter.of(last)
    while quarter <= end:
        found.append(quarter)
        quarter = quarter.next()
    return found


__all__ = ["MONTHS", "Quarter", "dutch_date", "quarters"]
