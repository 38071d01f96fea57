"""Verdicts over a span of days ("en 2022", "l'été dernier", "entre la circulaire de juillet 2021 et
celle de mai 2023", "depuis la loi SREN"), decided with the checker, not by picking one end.

`verdicts_over(understanding, start, end, words, lang, verdicts_for)` cuts the span at every day a
rule, definition or note of the rule book or a registry fact begins or ends (`change_days`), asks the
checker once per piece, and returns the verdicts at the span's end when every piece gives the same
verdict. When a provider's verdict changes inside the span, its verdict becomes `undetermined`: the
reason gives each piece with its days and verdict, and the date is asked back. It reads no words
(`dates.py` does) and changes no rule.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache

from assistant.answer import render
from assistant.wording import verdict_word

_DAY = dt.timedelta(days=1)
PERIOD_WHY = {
    "fr": "La réponse change pendant la période lue dans « {words} » : {detail}.",
    "en": "The answer changes within the period read from \"{words}\": {detail}.",
}
UNREAD_WHY = {
    "fr": "« {words} » n'est pas une date comprise, et la réponse change selon la date : {detail}.",
    "en": "\"{words}\" is not a date understood, and the answer changes with the date: {detail}.",
}
UNREAD_SAME = {
    "fr": "« {words} » n'est pas une date comprise, mais la réponse est la même à toute date du {a} au {b}.",
    "en": "\"{words}\" is not a date understood, but the answer is the same on every day from {a} to {b}.",
}
PERIOD_SAME = {
    "fr": "Même réponse sur toute la période du {a} au {b} (vérifiée à chaque changement d'une règle ou d'un fait du registre).",
    "en": "The same answer over the whole period {a} to {b} (checked at every change of a rule or a registry fact).",
}
PERIOD_QUESTION = {
    "fr": "À quelle date précise pensez-vous (« {words} ») ?",
    "en": "Which date do you mean (\"{words}\")?",
}


@lru_cache(maxsize=1)
def _all_change_days() -> tuple[dt.date, ...]:
    """Every day on which a rule, definition or note starts or stops holding, or a registry fact
    starts, stops or becomes known (a fact dated to the month only is unknown inside that month)."""
    from assistant.checker import default_registry, default_rules
    book = default_rules()
    days: set[dt.date] = set()
    for item in (*book.rules, *book.definitions, *book.notes):
        if item.valid_from:
            days.add(item.valid_from)
        if item.valid_to:
            days.add(item.valid_to + _DAY)
    for provider in default_registry().providers:
        for fact in (*provider.facts, *(f for offer in provider.offers for f in offer.facts)):
            if fact.valid_from:
                days.update({fact.valid_from.first, fact.valid_from.last + _DAY})
            if fact.valid_to:
                days.update({fact.valid_to.first, fact.valid_to.last + _DAY})
    return tuple(sorted(days))


def change_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in (start, end] on which something the checker reads may change."""
    return [d for d in _all_change_days() if start < d <= end]


def earliest_change() -> dt.date:
    """The first day anything the checker reads is dated: an unread date may be any day from the one before."""
    return _all_change_days()[0] - _DAY


def _at(understanding, day: dt.date):
    return dataclasses.replace(understanding, queries=[{**q, "as_of": day} for q in understanding.queries],
                               as_of=day)


def verdicts_over(understanding, start: dt.date, end: dt.date, words: str, unread: bool, lang: str, verdicts_for):
    """(verdicts, note): the verdicts for the span `start`..`end` (see the module docstring; `unread`:
    the span stands for time words not understood); the note says the span was checked whole, or
    None when nothing was checked."""
    if not understanding.queries or start >= end:
        return verdicts_for(_at(understanding, end), lang), None
    firsts = [start] + change_days(start, end)
    lasts = [d - _DAY for d in firsts[1:]] + [end]
    pieces = [(a, b, verdicts_for(_at(understanding, b), lang)) for a, b in zip(firsts, lasts)]
    merged: list[list] = []
    for a, b, verdicts in pieces:
        labels = tuple(v["verdict"] for v in verdicts)
        if merged and merged[-1][3] == labels:
            merged[-1][1], merged[-1][2] = b, verdicts
        else:
            merged.append([a, b, verdicts, labels])
    final = merged[-1][2]
    if len(merged) == 1:
        return final, (UNREAD_SAME if unread else PERIOD_SAME)[lang].format(words=words, a=render.fmt_date(start.isoformat(), lang),
                                                b=render.fmt_date(end.isoformat(), lang))
    return [_changing(i, v, merged, words, unread, lang) for i, v in enumerate(final)], None


def since_when(understanding, as_of: dt.date, lang: str, verdicts_for) -> list[dict]:
    """For a question asking since when ("Depuis quand un CHU peut-il héberger chez OVH ?"): the
    verdicts at `as_of`, each with `since` = {"from": the first day of the run of days, back from
    `as_of`, over which the provider's verdict stays the one at `as_of`; "before": the verdict on
    the day before, or None when it holds on every day since before the first dated rule or fact}.
    Decided with the checker at every change day (as `verdicts_over`); reads no words."""
    start = earliest_change()
    if not understanding.queries or as_of <= start:
        return verdicts_for(_at(understanding, as_of), lang)
    firsts = [start] + change_days(start, as_of)
    lasts = [d - _DAY for d in firsts[1:]] + [as_of]
    pieces = [(a, verdicts_for(_at(understanding, b), lang)) for a, b in zip(firsts, lasts)]
    final = pieces[-1][1]
    out = []
    for i, verdict in enumerate(final):
        since, before, always = pieces[-1][0], None, True
        for a, verdicts in reversed(pieces[:-1]):
            v = verdicts[i] if i < len(verdicts) else None
            if v is None or v.get("provider") != verdict.get("provider") or v["verdict"] != verdict["verdict"]:
                before, always = (v["verdict"] if v is not None else None), False
                break
            since = a
        # a registry fact whose first day is only the first source's ("start_known: false") starts the run:
        # the verdict holds at least since then, not from then
        at_least = any(f.get("start_known") is False and str(f.get("valid_from") or "")[:10] == since.isoformat()
                       for r in verdict.get("rules") or () for f in r.get("facts") or ())
        out.append({**verdict, "since": {"from": since.isoformat(), "before": before, "always": always,
                                         "at_least": at_least}})
    return out


def _changing(i: int, verdict: dict, merged: list, words: str, unread: bool, lang: str) -> dict:
    """The `i`-th provider's verdict over the pieces: itself when the same on all, else `undetermined`
    with each piece's days and verdict and the date asked back."""
    from assistant.answer.verdicts import merged_rules
    runs: list[list] = []
    for a, b, verdicts, _ in merged:
        v = verdicts[i]
        if runs and runs[-1][2]["verdict"] == v["verdict"]:
            runs[-1][1], runs[-1][2] = b, v
        else:
            runs.append([a, b, v])
    if len(runs) == 1:
        return verdict
    fmt = lambda d: render.fmt_date(d.isoformat(), lang)  # noqa: E731
    span = {"fr": "du {a} au {b} → {w}", "en": "{a} to {b} → {w}"}[lang]
    detail = "; ".join(span.format(a=fmt(a), b=fmt(b), w=verdict_word(v["verdict"], lang)) for a, b, v in runs)
    why = (UNREAD_WHY if unread else PERIOD_WHY)[lang].format(words=words, detail=detail)
    missing = [m for m in verdict.get("missing_facts") or [] if m.get("name") != "date"]
    return {**verdict, "verdict": "undetermined", "why": why, "why_lang": lang,
            "rules": merged_rules([v for _, _, v in runs]),
            "missing_facts": [{"name": "date", "subject": words, "why": why,
                               "question": PERIOD_QUESTION[lang].format(words=words)}, *missing],
            "by_period": [{"from": a.isoformat(), "to": b.isoformat(), "verdict": v["verdict"]} for a, b, v in runs]}


def span_asked(mention, vague: str | None, today: dt.date) -> tuple[dt.date, dt.date, str, bool] | None:
    """(first day, last day, words, unread) of the span a question asks about: a span it names ("en
    2022", "l'été dernier"), or, when its time words could not be dated ("pendant le Covid", unread),
    every day from before the first dated rule or fact to today; None for one day."""
    if mention is not None and mention.is_span:
        return mention.start, mention.last, mention.text, False
    if vague and (mention is None or mention.precision == "unread"):
        return earliest_change(), today, vague, True
    return None
