"""Dates that name a text ("le décret d'avril 2026", "la circulaire du 5 juillet 2021", "the 2021
circular", "the April 2026 decree"): the date is part of the text's name, not the day the question
is asked about.

`names_of_texts(text)` returns each such name with its span, the date words inside it and the text
of `events.yaml` it designates (the row whose `named_as` words are said and whose date falls in the
period the words give), or None when the words fit no row or several (two decrees of 2026 for "le
décret de 2026"). `asks_the_past(text)` says whether the sentence that carries the question is in a
past tense ("pouvait-il", "could … have", "was … required").

What `dates.find_date` does with them (round 21, the lead's answer to round 20's open question):
a present-tense question naming a text by its date is asked today; a past-tense one is asked on the
day the text bound (`in_force`, else its date); a relation to the text ("avant le décret d'avril
2026") is the relation to that text's day. This module reads no relation, offer or data kind.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answer import question_sentences
from assistant.checker import written_date
from assistant.folding import tolerant_rx

_EVENTS = Path(__file__).with_name("events.yaml")
_DATE_WORDS = r"(?:(?:\d{1,2}(?:er)?|1st|\d{1,2}(?:st|nd|rd|th))\s+)?(?:[A-Za-zéûÉÛ]+\s+)?(?:19|20)\d\d"
_LINK = r"(?:du|de|d['’]|of|from|dated|en)"
# a past tense in the sentence that asks: French imperfect / compound past of the verbs questions use,
# English past forms ("could" counts only with "have" or a past auxiliary, being also a polite present)
_PAST = tolerant_rx(
    r"\b(?:pouvai(?:t|ent)|devai(?:t|ent)|étai(?:t|ent)|fallait|autorisai(?:t|ent)|imposai(?:t|ent)|exigeai(?:t|ent)|"
    r"permettai(?:t|ent)|obligeai(?:t|ent)|avai(?:t|ent)|a-t-(?:il|elle)\s+(?:pu|dû|fallu)|ont-(?:ils|elles)\s+(?:pu|dû)|"
    r"could|was|were|did|had|required\s+then|would\s+have)\b", re.I)


@dataclass(frozen=True)
class TextName:
    """A text named by its date: the words' span, the date words, the events.yaml row meant (or None)."""
    start: int
    end: int
    date_words: str
    row: dict | None


@lru_cache(maxsize=1)
def _named_rows() -> tuple[tuple[re.Pattern, re.Pattern, dict], ...]:
    rows = yaml.safe_load(_EVENTS.read_text(encoding="utf-8")) or []
    out = []
    for row in rows:
        words = row.get("named_as")
        if not words:
            continue
        kind = "|".join(re.escape(w) for w in words)
        # "le décret (n° 2026-272) du 14 avril 2026", "la circulaire de 2021", "the decree of 24 March 2026"
        after = tolerant_rx(rf"(?<![\w-])(?:{kind})(?:\s+(?:n°\s*|No\.?\s*)?\d{{4}}-\d+(?:/SG|-SG)?)?(?:\s+[A-Z][\w-]*)?\s+{_LINK}\s*(?P<date>{_DATE_WORDS})(?![\w-])", re.I)
        # "the April 2026 decree", "the 2021 circular", "the 2024 SREN law"
        before = tolerant_rx(rf"\b(?:the|la|le|l['’])\s+(?P<date>{_DATE_WORDS})\s+(?:[\w-]+\s+)?(?:{kind})(?![\w-])", re.I)
        out.append((after, before, row))
    return tuple(out)


def names_of_texts(text: str) -> list[TextName]:
    """Each text `text` names by its date, in order, with the events.yaml row meant (None when the
    words fit no row or several)."""
    found: dict[tuple[int, int], tuple[str, list[dict]]] = {}
    for after, before, row in _named_rows():
        for rx in (after, before):
            for m in rx.finditer(text):
                key = (m.start(), m.end())
                words, rows = found.setdefault(key, (m["date"], []))
                first, last = _period(m["date"])
                day = row.get("date")
                if first is not None and day is not None and first <= _as_date(day) <= last:
                    rows.append(row)
    names = [TextName(a, b, words, rows[0] if len(rows) == 1 else None) for (a, b), (words, rows) in found.items()]
    return sorted(_outermost(names), key=lambda n: n.start)


def _outermost(names: list[TextName]) -> list[TextName]:
    """Drop a name found inside a longer one (the kind word alone and the kind with its number); where
    two spans of one name fit different rows, the one that designates a row is kept."""
    kept = []
    for n in sorted(names, key=lambda n: (-(n.end - n.start), n.row is None)):
        if any(k.start <= n.start and n.end <= k.end for k in kept):
            continue
        kept.append(n)
    return kept


def _period(words: str) -> tuple[dt.date | None, dt.date | None]:
    """(first, last) day of the date words: a written date, or a year alone ("la circulaire de 2021")."""
    written = written_date(words)
    if written is not None:
        return written[0].first, written[0].last
    year = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", words)
    if year:
        return dt.date(int(year[1]), 1, 1), dt.date(int(year[1]), 12, 31)
    return None, None


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def asks_the_past(text: str) -> bool:
    """Whether the sentence(s) that carry the question are in a past tense."""
    parts = [text[a:b] for a, b in question_sentences.asking(text)] or [text]
    return any(_PAST.search(part) for part in parts)
