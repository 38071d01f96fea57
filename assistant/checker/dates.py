"""Dates of rules and registry facts, with their precision.

A registry date may be a day (`2021-09-28`), a month (`2018-11`) or a year (`2022`). A
month- or year-precise bound makes a fact *unknown* for a date T inside that month or year,
because we cannot tell on which side of the bound T falls.

    >>> p = PartialDate.parse("2018-11")
    >>> p.first, p.last, p.precision
    (datetime.date(2018, 11, 1), datetime.date(2018, 11, 30), 'month')

`written_date(text)` reads the first date written in free text (a question, a claim):
"2021-09-28", "28/09/2021", "1er octobre 2021", "May 5, 2024", "octobre 2021", "en 2017", as a
`PartialDate` with the words it read. It is the one reader of written dates: the claim
extractor and the question reader decide what a month or a year means for them.

    >>> written_date("Azure en octobre 2021 ?")
    (PartialDate(first=datetime.date(2021, 10, 1), last=datetime.date(2021, 10, 31), precision='month'), 'octobre 2021')

This module does not know what a fact means; it only reads dates and places a date T in a period.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from assistant.checker.lexicon import MONTHS

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


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WRITTEN = (  # (pattern, precision, (year, month, day) groups; a str group is a month name)
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "day", (1, 2, 3)),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b"), "day", (3, 2, 1)),
    (re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH})\.?\s+(\d{{4}})\b", re.I), "day", (3, "2", 1)),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "day", (3, "1", 2)),
    (re.compile(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", re.I), "month", (2, "1", None)),
    (re.compile(r"\b(?:en|in|année|year|début|fin|courant|depuis|since|au|à|a|as\s+of|by|during|dans|pour)\s+"
                r"(19\d{2}|20\d{2})\b", re.I), "year", (1, None, None)),
)


def written_date(text: str) -> tuple[PartialDate, str] | None:
    """The first date written in `text`, most precise form first, with the words read; None
    when there is none (an impossible date such as 31/02/2024 is skipped)."""
    for pattern, precision, (y, m, d) in _WRITTEN:
        for found in pattern.finditer(text):
            year = int(found[y])
            month = MONTHS[found[int(m)].lower()] if isinstance(m, str) else int(found[m]) if m else 1
            try:
                first = dt.date(year, month, int(found[d]) if d else 1)
            except ValueError:
                continue
            last = first if precision == "day" else \
                dt.date(year, month, calendar.monthrange(year, month)[1]) if precision == "month" else dt.date(year, 12, 31)
            return PartialDate(first, last, precision), found[0]
    return None
