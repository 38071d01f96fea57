"""Find the date a question is about ("en octobre 2021", "le 28/09/2021", "aujourd'hui").

Returns a `DateMention` with the date used and its precision; when the text gives only a
month or a year, the date is the last day of that period, capped at today, and the answer
says so. Relative dates ("l'an dernier", "il y a deux ans", "last month") are resolved from
today by calendar arithmetic ("hier" and "yesterday" too); event dates ("avant la circulaire", "after SREN")
from `events.yaml`, each event with its date and source. `unresolved_date(text)` names a
time expression it could not resolve, so that the answer says so instead of silently using
today. It does not parse ranges ("entre 2021 et 2023") beyond their last date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.checker import written_date
from assistant.folding import phrase_alternation, tolerant_rx

_NOW = tolerant_rx(r"\b(aujourd['’]hui|actuellement|à ce jour|a ce jour|en ce moment|maintenant|"
                  r"today|currently|now|at present|as of now)\b", re.I)


_EVENTS = Path(__file__).with_name("events.yaml")
_LAST_YEAR = tolerant_rx(r"\b(?:l['’]an(?:née)?\s+(?:dernier|dernière|passée?)|l['’]année\s+(?:dernière|passée)|last\s+year)\b", re.I)
_LAST_MONTH = tolerant_rx(r"\b(?:le\s+mois\s+(?:dernier|passé)|last\s+month)\b", re.I)
_THIS_YEAR = tolerant_rx(r"\b(?:cette\s+année|this\s+year)\b", re.I)
_NUM = r"(?:\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_AGO = tolerant_rx(rf"\bil\s+y\s+a\s+(?P<n>{_NUM})\s+(?P<unit>ans?|années?|mois|semaines?|jours?)(?P<half>\s+et\s+demie?)?\b"
           rf"|\b(?P<n_en>{_NUM})(?P<half_en>\s+and\s+a\s+half)?\s+(?P<unit_en>years?|months?|weeks?|days?)"
           rf"(?P<half_after>\s+and\s+a\s+half)?\s+ago\b", re.I)
# Half a unit ("un an et demi", "a year and a half ago"), counted in the next smaller unit.
_HALF = {"an": ("mois", 6), "year": ("mois", 6), "mois": ("jours", 15), "month": ("jours", 15),
         "sem": ("jours", 3), "week": ("jours", 3)}
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
          "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# Days before today said in words ("hier", "avant-hier", "yesterday"), longest first.
_DAYS_BEFORE = ((tolerant_rx(r"\b(?:avant[- ]hier|the\s+day\s+before\s+yesterday)\b", re.I), 2),
                (tolerant_rx(r"\b(?:hier|yesterday)\b", re.I), 1))
_BEFORE = r"(?:avant|before|prior\s+to)"
_AFTER = r"(?:après|apres|depuis|after|since|dès|from)"
# "au moment de la loi SREN", "lors de la circulaire", "at the time of the DINUM note": the event's own day.
_AT = (r"(?:au\s+moment\s+(?:de|du|des|d['’])|lors\s+(?:de|du|des|d['’])|à\s+la\s+(?:sortie|publication|parution)\s+(?:de|du|des|d['’])"
       r"|le\s+jour\s+(?:de|du|d['’])|at\s+the\s+time\s+of|on\s+the\s+day\s+of|when)")
_AT_RX = tolerant_rx(_AT, re.I)
# A distance before or after an event ("une semaine après la note DINUM", "three months before the circular").
_OFFSET = r"(?:(?P<n>\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>jours?|semaines?|mois|ans?|années?|days?|weeks?|months?|years?)\s+)?"
# Time words left once the understood dates are removed: said as "not understood".
_VAGUE = tolerant_rx(
    r"\b(?:(?:avant|après|depuis|before|after|since)\s+(?:la|le|l['’]|les|the)\s*[\w-]+(?:\s+[\w-]+)?"
    r"|(?:à\s+l['’]époque|at\s+the\s+time|récemment|recently|autrefois|jadis|bientôt|soon|l['’]an\s+prochain|next\s+year"
    r"|le\s+mois\s+prochain|next\s+month|il\s+y\s+a\s+(?:quelques|plusieurs|\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+[\w-]+(?:\s+et\s+[\w-]+)?"
    r"|(?:[\w-]+\s+){1,4}ago))", re.I)
_NOT_TIME = tolerant_rx(r"(?:avant|après|before|after)\s+(?:la|le|l['’]|les|the)\s*(?:migration|signature|contrat|audit|projet|mise|"
                       r"qualification|certification|fin\b|end\b|déploiement|deployment|contract|project|date)", re.I)


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    text: str
    precision: str  # day, month, year, part ("début 2024"), today, relative, event
    source: str | None = None  # an event's source



@lru_cache(maxsize=1)
def _events() -> tuple[tuple[re.Pattern, re.Pattern, re.Pattern, dict], ...]:
    rows = yaml.safe_load(_EVENTS.read_text(encoding="utf-8")) or []
    out = []
    for row in rows:
        body = "|".join(f"(?:{p})" for p in row["patterns"])
        before = tolerant_rx(rf"\b{_OFFSET}{_BEFORE}\s+(?:{body})(?![\w-])", re.I)
        after = tolerant_rx(rf"\b{_OFFSET}{_AFTER}\s+(?:{body})(?![\w-])", re.I)
        at = tolerant_rx(rf"\b{_AT}\s*(?:{body})(?![\w-])", re.I)
        out.append((before, after, at, row))
    return tuple(out)


_YEAR_AFTER = tolerant_rx(r"^\s*(?:de|du|d['’]|of|from|in|en)?\s*(?:\d{1,2}\s+)?(?:[a-zéû]+\s+)?((?:19|20)\d\d)\b", re.I)


def _event_date(text: str) -> DateMention | None:
    for before, after, at, row in _events():
        for rx, sign in ((before, -1), (after, 1), (at, 0)):
            m = rx.search(text)
            if not m:
                continue
            year = _YEAR_AFTER.match(text[m.end():])
            row = _event_of_year(row, year[1] if year else None)
            if row is None:
                return None
            day = dt.date.fromisoformat(str(row["date"]))
            if sign and m.groupdict().get("n"):
                day = _shifted(day, sign, m["n"], m["unit"])
            elif sign < 0:
                day -= dt.timedelta(days=1)  # "avant X": the day before
            return DateMention(day, m[0] + (year[0] if year else ""), "event", row["source"])
    return None


def _event_of_year(row: dict, year: str | None) -> dict | None:
    """`row`, or the event of its kind dated `year`, the year the words after its name give ("la
    circulaire de 2023" is 6404/SG, not 6282-SG); None when that year has no such event."""
    if year is None or str(row["date"]).startswith(year):
        return row
    kin = [r for _, _, _, r in _events() if row.get("kind") and r.get("kind") == row["kind"]
           and str(r["date"]).startswith(year)]
    return kin[0] if kin else None


def _relative_date(text: str, today: dt.date) -> DateMention | None:
    m = _LAST_YEAR.search(text)
    if m:
        return DateMention(dt.date(today.year - 1, 12, 31), m[0], "year")
    m = _LAST_MONTH.search(text)
    if m:
        first = today.replace(day=1)
        return DateMention(first - dt.timedelta(days=1), m[0], "month")
    m = _THIS_YEAR.search(text)
    if m:
        return DateMention(today, m[0], "today")
    m = _AGO.search(text)
    if m:
        return DateMention(_ago(m, today), m[0], "relative")
    for rx, days in _DAYS_BEFORE:
        m = rx.search(text)
        if m:
            return DateMention(today - dt.timedelta(days=days), m[0], "day")
    return None


def _ago(m: re.Match, today: dt.date) -> dt.date:
    """The day `m` ("il y a un an", "three months ago") counts back from `today`; a year or month
    back from the 29th-31st lands on the last day of the shorter month."""
    word, unit = (m["n"], m["unit"]) if m["n"] else (m["n_en"], m["unit_en"])
    day = _shifted(today, -1, word, unit)
    if m["half"] or m["half_en"] or m["half_after"]:
        smaller, count = next(v for k, v in _HALF.items() if unit.lower().startswith(k))
        day = _shifted(day, -1, str(count), smaller)
    return day


def _shifted(day: dt.date, sign: int, word: str, unit: str) -> dt.date:
    """`day` moved by `word` `unit`s ("trois mois", "a week") forward (sign 1) or back (-1), by
    calendar arithmetic: a year or month from the 29th-31st lands on the last day of the shorter month."""
    import calendar

    n = int(word) if word.isdigit() else _WORDS[word.lower()]
    unit = unit.lower()
    if unit.startswith(("an", "year")):
        months = 12 * n
    elif unit.startswith(("mois", "month")):
        months = n
    else:
        return day + sign * dt.timedelta(days=n * (7 if unit.startswith(("sem", "week")) else 1))
    year, month = divmod(day.year * 12 + day.month - 1 + sign * months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def unresolved_date(text: str, understood: DateMention | None) -> str | None:
    """A time expression of `text` that no date was read from ("à l'époque", "avant la fusion")."""
    rest = text.replace(understood.text, " ") if understood else text
    for m in _VAGUE.finditer(rest):
        if _NOT_TIME.match(m[0]):
            continue
        return m[0]
    return None


_PARTS = Path(__file__).with_name("period_parts.yaml")


@lru_cache(maxsize=1)
def _period_parts() -> tuple[tuple[re.Pattern, dict], ...]:
    from assistant.checker import MONTHS
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    out = []
    for part in yaml.safe_load(_PARTS.read_text(encoding="utf-8"))["parts"]:
        words = phrase_alternation(part["words"])
        out.append((tolerant_rx(rf"(?<![\w-])(?:{words})(?:\s+|-)(?:(?:de\s+|d['’]|of\s+|in\s+)?(?:l['’]année\s+|the\s+year\s+)?)"
                        rf"(?:(?P<month>{months})\s+)?(?P<year>(?:19|20)\d\d)\b", re.I), part))
    return tuple(out)


def _part_of_period(text: str, today: dt.date) -> DateMention | None:
    """"début 2024" -> 2024-02-01, "fin septembre 2021" -> 2021-09-30, "autumn 2021" -> 2021-11-01
    (period_parts.yaml), capped at today; None when no such words."""
    import calendar

    from assistant.checker import MONTHS
    for rx, part in _period_parts():
        m = rx.search(text)
        if not m:
            continue
        year = int(m["year"])
        if m["month"]:
            if "month_day" not in part:
                continue
            month = MONTHS[m["month"].lower()]
            last = calendar.monthrange(year, month)[1]
            day = dt.date(year, month, {"first": 1, "middle": 15, "last": last}[part["month_day"]])
        else:
            month, mday = (int(x) for x in part["year_day"].split("-"))
            day = dt.date(year, month, mday)
        return DateMention(min(day, today), m[0], "part")
    return None


def find_date(text: str, today: dt.date) -> DateMention | None:
    """The first explicit date of `text`, most precise form first, then relative and event
    dates; None when there is none."""
    part = _part_of_period(text, today)
    if part is not None:
        return part
    explicit = _explicit_date(text, today)
    if explicit is not None and explicit.precision != "today":
        event = _event_date(text)
        if event is not None and _AT_RX.match(event.text) and _within(event.date, explicit):
            return event  # "le jour de la note DINUM de septembre 2021": the event's day, inside the month named
        return explicit
    return _relative_date(text, today) or _event_date(text) or explicit


def _within(day: dt.date, period: DateMention) -> bool:
    """Whether `day` falls in the month or year `period` names (its date is that period's last day, or today)."""
    if period.precision == "month":
        return (day.year, day.month) == (period.date.year, period.date.month)
    return period.precision == "year" and day.year == period.date.year


def _explicit_date(text: str, today: dt.date) -> DateMention | None:
    written = written_date(text)
    if written is not None:
        period, words = written
        return DateMention(period.first if period.precision == "day" else min(period.last, today), words,
                           period.precision)
    m = _NOW.search(text)
    if m:
        return DateMention(today, m[0], "today")
    return None
