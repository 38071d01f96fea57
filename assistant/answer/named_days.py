"""Days a question names ("à Noël 2024", "le lundi de Pentecôte 2025", "last Christmas", "l'an dernier
à Pâques", "la veille de la Toussaint 2023"), read from `named_days.yaml` (the public holidays of the
Code du travail, art. L3133-1, plus Christmas Eve, New Year's Eve, Easter and Pentecost Sundays).

`named_day(text, today)` gives a `NamedDay`: the day meant and the words read, or a future day
("Noël prochain": answered as of today by the caller, said as such); `saint_day(text)` a saint's day
no data hold ("à la Saint-Martin": not understood, said; with a year, that year). The year is the one written after the name ("Noël 2024");
"dernier / last" is the last one before today; "l'an dernier / last year" last year's; "cette année /
this year" this year's; "prochain / next", "l'an prochain" a future day; with no year and no such word,
the last one up to today, the year said as read (the convention of a day without a year, "le 15 mars").
"la veille de / le lendemain de / avant / après / N jours avant" move the day (as next to an event:
"avant X" is the day before). Easter is computed by `dateutil.easter` (Gregorian computus).
This module reads names of days; it knows no event of the domain (events.yaml, the registry) and
decides nothing about verdicts.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from dateutil.easter import easter

from assistant.folding import phrase_alternation, tolerant_rx

_DATA = Path(__file__).with_name("named_days.yaml")

_YEAR = tolerant_rx(r"\s*,?\s*(?:de\s+l['’]année\s+|of\s+|in\s+|de\s+|d['’]|en\s+)?((?:19|20)\d\d)\b(?![-/]\d)", re.I)
_PAST = r"dernier|dernière|passée?|last"
_REL_AFTER = tolerant_rx(
    r"\s*,?\s*(?P<rel>(?:de\s+)?l['’]an(?:née)?\s+(?:dernier|dernière|passée?|prochaine?)|(?:de\s+)?cette\s+année"
    r"|last\s+year|this\s+year|next\s+year|dernier|dernière|passée?|prochaine?)(?![\w-])", re.I)
_REL_BEFORE = tolerant_rx(
    r"(?<![\w-])(?P<rel>l['’]an(?:née)?\s+(?:dernier|dernière|passée?|prochaine?)|cette\s+année|last\s+year|this\s+year"
    r"|next\s+year|last|this|next)\s*,?\s*(?:(?:à|a|au|pour|at|on|for|le|la|l['’]|the)\s*){0,2}$", re.I)
# A move from the day named ("la veille de", "le lendemain de", "deux jours après", "avant", "the day after").
_NUM = r"(?:\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|a|one|two|three|four|five|six|seven)"
_MOVE = tolerant_rx(
    r"(?<![\w-])(?:(?P<eve>(?:à\s+)?la\s+veille|l['’]avant-veille|the\s+day\s+before|the\s+eve)"
    r"|(?P<morrow>(?:le\s+|au\s+)?lendemain|the\s+day\s+after)"
    rf"|(?:(?P<n>{_NUM})\s+(?P<unit>jours?|semaines?|days?|weeks?)\s+)?(?P<dir>juste\s+avant|avant|après|apres|before|after))"
    r"\s*(?:de|du|d['’]|of)?\s*(?:(?:la|le|l['’]|the)\s*)?(?:(?:à|a|au|at|on)\s+)?$", re.I)
_WORDS = {"un": 1, "une": 1, "a": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4,
          "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7}
# A saint's day no data hold ("à la Saint-Martin", "on St Patrick's Day"): not understood, never today.
_SAINT = re.compile(
    r"(?i:\b(?:à|a|pour|vers|avant|après|apres|depuis|le\s+jour\s+de|lors\s+de)\s+la\s+)(?P<fr>Sainte?[- ][A-ZÉ][\w-]+)"
    r"|(?i:\b(?:on|at|for|since|before|after|by)\s+(?:the\s+)?)(?P<en>(?:St\.?|Saint)\s+[A-Z][\w-]*['’]s\s+Day)")


# A place named after a day ("la clinique de l'Assomption", "Hôpital de la Toussaint"): no date.
_PLACE = tolerant_rx(r"(?<![\w-])(?:clinique|hôpital|hopital|CHU|CH|centre|hospital|clinic|institut|fondation|maison|résidence|EHPAD"
                     r"|rue|avenue|boulevard|place|quai|lycée|école|collège|église|paroisse)\s+(?:de\s+(?:la\s+|l['’])?|du\s+|d['’]|of\s+(?:the\s+)?)?$", re.I)


@dataclass(frozen=True)
class NamedDay:
    """A named day read in a question: `day` (None when `status` is "future" or "unread"), the
    `words` read, `reading` (the year when the words did not write it), `status` ("day", "future",
    "unread", or "year": a saint's day no data hold, given with its year, stands for that year),
    and the `source` of a public holiday."""
    day: dt.date | None
    words: str
    status: str
    reading: str | None = None
    source: str | None = None


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[re.Pattern, dict], ...]:
    return tuple((tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(row['words'])})(?![\w-])", re.I), row)
                 for row in _data()["days"])


def law_sources() -> dict[str, str]:
    """{French source: English source} of the public holidays (for an English answer's note)."""
    return {_data()["law_source"]: _data()["law_source_en"]}


def day_in(row: dict, year: int) -> dt.date:
    """The day `row` (a named_days.yaml entry) falls on in `year`."""
    if "easter" in row:
        return easter(year) + dt.timedelta(days=int(row["easter"]))
    month, day = (int(x) for x in str(row["fixed"]).split("-"))
    return dt.date(year, month, day)


def _first_name(text: str, at_start: bool) -> tuple[re.Match, dict] | None:
    """The leftmost (then longest) named day of `text`; `at_start`: only one opening it (after an
    article or a preposition: "Noël 2022", "à Pâques 2023")."""
    best = None
    for rx, row in _names():
        m = next((m for m in rx.finditer(text) if not _PLACE.search(text[max(0, m.start() - 40):m.start()])), None)
        if m is None or (at_start and not re.fullmatch(r"\s*(?:(?:à|a|au|pour|at|on|the|le|la|l['’])\s*){0,2}",
                                                      text[:m.start()], re.I)):
            continue
        if best is None or (m.start(), -len(m[0])) < (best[0].start(), -len(best[0][0])):
            best = (m, row)
    return best


def named_day(text: str, today: dt.date, at_start: bool = False) -> NamedDay | None:
    """The named day `text` speaks of (see the module docstring); None when it names none.
    `at_start`: the name must open `text` (one end of a span, "entre Noël 2022 et …")."""
    found = _first_name(text, at_start)
    if found is None:
        return None
    m, row = found
    start, end = m.start(), m.end()
    source = _data()["law_source"] if row.get("legal") else None
    year_m = _YEAR.match(text, end)
    after = _REL_AFTER.match(text, end) if year_m is None else None
    before = _REL_BEFORE.search(text[max(0, start - 40):start]) if year_m is None and after is None else None
    if before is not None:
        start = start - len(text[max(0, start - 40):start]) + before.start()
    end = year_m.end() if year_m else after.end() if after else end
    move = _MOVE.search(text[max(0, start - 40):start])
    if move is not None:
        start = start - len(text[max(0, start - 40):start]) + move.start()
    words = text[start:end].strip(" ,")
    rel = ((after or before)["rel"].lower() if (after or before) else "")
    if year_m:
        day, reading = day_in(row, int(year_m[1])), None
    elif re.search(r"prochain|next", rel):
        return NamedDay(None, words, "future", source=source)
    elif re.search(r"\ban\b|année|year|this", rel):
        year = today.year - 1 if re.search(_PAST, rel) else today.year
        day, reading = day_in(row, year), str(year)
    else:  # "dernier / last": before today; no word: up to today
        year = today.year if day_in(row, today.year) < today or (not rel and day_in(row, today.year) == today) \
            else today.year - 1
        day, reading = day_in(row, year), str(year)
    if move is not None:
        day = day + _moved(move)
    if day > today:
        return NamedDay(None, words, "future", source=source)
    return NamedDay(day, words, "day", reading, source)


def _moved(move: re.Match) -> dt.timedelta:
    """The days `move` ("la veille de", "trois jours après", "before") shifts the named day by."""
    if move["eve"]:
        return dt.timedelta(days=-2 if "avant" in move["eve"].lower() else -1)
    if move["morrow"]:
        return dt.timedelta(days=1)
    sign = -1 if re.search(r"avant|before", move["dir"], re.I) else 1
    if not move["n"]:
        return dt.timedelta(days=sign)
    n = int(move["n"]) if move["n"].isdigit() else _WORDS[move["n"].lower()]
    return dt.timedelta(days=sign * n * (7 if re.match(r"sem|week", move["unit"], re.I) else 1))


def saint_day(text: str) -> NamedDay | None:
    """"à la Saint-Martin": a saint's day no data hold, not understood; with its year ("à la
    Saint-Martin 2023") it stands for that year (as any time no data date, given with a year)."""
    m = _SAINT.search(text)
    if m is None:
        return None
    year = _YEAR.match(text, m.end())
    if year:
        return NamedDay(dt.date(int(year[1]), 12, 31), text[m.start():year.end()], "year", year[1])
    return NamedDay(None, text[m.start():m.end()], "unread")
