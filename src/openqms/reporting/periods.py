"""A report's period: a month, or the calendar quarter holding it (April to June is the NHS's first
quarter of the financial year, and the same three months either way). Pure Python."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PERIOD_FORMAT = re.compile(r"^(\d{4})-(\d{2})$")


class UnknownPeriod(ValueError):
    """A period that is not a month written YYYY-MM, or is in the future."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    quarterly: bool = False

    @classmethod
    def parse(cls, text: str, *, quarterly: bool = False, today: dt.date | None = None) -> Period:
        """ "2026-11" → November 2026 (or the quarter holding it); refuses a month still to come."""
        found = PERIOD_FORMAT.match(text.strip())
        if not found or not 1 <= int(found[2]) <= 12:
            raise UnknownPeriod(f"“{text}” is not a month: write it as YYYY-MM, for example 2026-11.")
        year, month = int(found[1]), int(found[2])
        if quarterly:
            month = (month - 1) // 3 * 3 + 1
        period = cls(dt.date(year, month, 1), quarterly)
        today = today or dt.date.today()
        if period.start > today:
            raise UnknownPeriod(f"{period.label} has not started yet, so there is nothing to report.")
        return period

    @classmethod
    def containing(cls, day: dt.date, *, quarterly: bool = False) -> Period:
        month = (day.month - 1) // 3 * 3 + 1 if quarterly else day.month
        return cls(dt.date(day.year, month, 1), quarterly)

    @property
    def months(self) -> int:
        return 3 if self.quarterly else 1

    @property
    def end(self) -> dt.date:
        """The period's last day."""
        return self.following.start - dt.timedelta(days=1)

    @property
    def following(self) -> Period:
        month = self.start.month - 1 + self.months
        return Period(dt.date(self.start.year + month // 12, month % 12 + 1, 1), self.quarterly)

    @property
    def previous(self) -> Period:
        month = self.start.month - 1 - self.months
        return Period(dt.date(self.start.year + month // 12, month % 12 + 1, 1), self.quarterly)

    @property
    def code(self) -> str:
        """As the command line and addresses write it: 2026-11."""
        return f"{self.start:%Y-%m}"

    @property
    def label(self) -> str:
        if not self.quarterly:
            return f"{self.start:%B %Y}"
        last = self.following.start - dt.timedelta(days=1)
        return f"{self.start:%B} to {last:%B %Y}"
