"""Partial dates: "2007", "2007-11" or "2007-11-20", compared by the span they cover."""

from __future__ import annotations

import datetime as _dt
import re

from asean_sec.model.record import record

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadDate(ValueError):
    """A string that is not a real YYYY, YYYY-MM or YYYY-MM-DD date."""


@record
class PartialDate:
    """A date known to the year, the month or the day; never padded with a guess."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise BadDate(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year_text, month_text, day_text = match.groups()
        year = int(year_text)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
        if year < 1:
            raise BadDate(f"{text!r} is out of range: years run from 0001 to 9999")
        if month is not None and not 1 <= month <= 12:
            raise BadDate(f"{text!r} has no month {month}: months run 01-12")
        if day is not None:
            try:
                _dt.date(year, month or 1, day)
            except ValueError:
                raise BadDate(f"{text!r} is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        if self.day is not None and self.month is not None:
            return _dt.date(self.year, self.month, self.day)
        if self.month is None:
            return _dt.date(self.year, 12, 31)
        following = _dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - _dt.timedelta(days=1)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


def parse_day(text: str) -> _dt.date:
    """A full YYYY-MM-DD date (for --as-of, --since, --until); 'today' is accepted."""
    if str(text).strip().lower() == "today":
        return _dt.date.today()
    try:
        parsed = PartialDate.parse(text)
    except BadDate as err:
        if "is not a date" not in str(err):  # a date out of range says so
            raise
        raise BadDate(f"{text!r} is not a day: write YYYY-MM-DD or 'today'") from None
    if parsed.day is None:
        raise BadDate(f"{text!r} needs a day: write YYYY-MM-DD or 'today'")
    return parsed.first_day
