"""Dates of rules and registry facts, with their precision.

A registry date may be a day (`2021-09-28`), a month (`2018-11`) or a year (`2022`). A
month- or year-precise bound makes a fact *unknown* for a date T inside that month or year,
because we cannot tell on which side of the bound T falls.

    >>> p = PartialDate.parse("2018-11")
    >>> p.first, p.last, p.precision
    (datetime.date(2018, 11, 1), datetime.date(2018, 11, 30), 'month')

This module does not know what a fact means; it only places a date T in a period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_FORMS = (
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
)

# Where T stands with respect to a period: inside it, outside it, or not decidable because
# a bound is only month- or year-precise and T falls within that month or year.
INSIDE, OUTSIDE, IMPRECISE = "inside", "outside", "imprecise"


@dataclass(frozen=True)
class PartialDate:
    first: dt.date
    last: dt.date
    precision: str  # "day", "month" or "year"

    @classmethod
    def parse(cls, value) -> "PartialDate":
        """A date from YAML (a `date`, an int year, or a string); raises ValueError."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value, value, "day")
        text = str(value).strip()
        for pattern, precision in _FORMS:
            if pattern.match(text):
                break
        else:
            raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if precision == "day":
            day = dt.date.fromisoformat(text)
            return cls(day, day, "day")
        if precision == "month":
            year, month = (int(x) for x in text.split("-"))
            last = calendar.monthrange(year, month)[1]
            return cls(dt.date(year, month, 1), dt.date(year, month, last), "month")
        year = int(text)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")

    def iso(self) -> str:
        if self.precision == "day":
            return self.first.isoformat()
        if self.precision == "month":
            return self.first.isoformat()[:7]
        return str(self.first.year)


def place(t: dt.date, start: PartialDate | None, end: PartialDate | None) -> str:
    """INSIDE, OUTSIDE or IMPRECISE for T in the period [start, end] (None = unbounded)."""
    if start is not None:
        if t < start.first:
            return OUTSIDE
    if end is not None:
        if t > end.last:
            return OUTSIDE
    if start is not None and start.precision != "day" and t <= start.last:
        return IMPRECISE
    if end is not None and end.precision != "day" and t >= end.first:
        return IMPRECISE
    return INSIDE


def in_force(t: dt.date, start: dt.date | None, end: dt.date | None) -> bool:
    """Day-precise validity of a rule or caveat."""
    return (start is None or t >= start) and (end is None or t <= end)
