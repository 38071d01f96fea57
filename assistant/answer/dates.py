"""Find the date a question is about ("en octobre 2021", "le 28/09/2021", "aujourd'hui").

Returns a `DateMention` with the date used and its precision; when the text gives only a
month or a year, the date is the last day of that period, capped at today, and the answer
says so. It does not parse ranges ("entre 2021 et 2023") beyond their last date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from assistant.checker.lexicon import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({_MONTH})\.?\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{4}})\b", re.I)
_YEAR = re.compile(r"\b(?:en|in|année|year|début|fin|courant|depuis|since|au|à|a|as\s+of|by|during|dans|pour)\s+(19\d{2}|20\d{2})\b", re.I)
_NOW = re.compile(r"\b(aujourd['’]hui|actuellement|à ce jour|a ce jour|en ce moment|maintenant|"
                  r"today|currently|now|at present|as of now)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    text: str
    precision: str  # day, month, year, today


def _end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_date(text: str, today: dt.date) -> DateMention | None:
    """The first explicit date of `text`, most precise form first; None when there is none."""
    m = _ISO.search(text)
    if m and (d := _safe(int(m[1]), int(m[2]), int(m[3]))):
        return DateMention(d, m[0], "day")
    m = _DMY.search(text)
    if m and (d := _safe(int(m[3]), int(m[2]), int(m[1]))):
        return DateMention(d, m[0], "day")
    m = _DAY_MONTH_YEAR.search(text)
    if m and (d := _safe(int(m[3]), MONTHS[m[2].lower()], int(m[1]))):
        return DateMention(d, m[0], "day")
    m = _MONTH_DAY_YEAR.search(text)
    if m and (d := _safe(int(m[3]), MONTHS[m[1].lower()], int(m[2]))):
        return DateMention(d, m[0], "day")
    m = _MONTH_YEAR.search(text)
    if m:
        d = min(_end_of_month(int(m[2]), MONTHS[m[1].lower()]), today)
        return DateMention(d, m[0], "month")
    m = _YEAR.search(text)
    if m:
        year = int(m[1])
        d = min(dt.date(year, 12, 31), today)
        return DateMention(d, m[0], "year")
    m = _NOW.search(text)
    if m:
        return DateMention(today, m[0], "today")
    return None
