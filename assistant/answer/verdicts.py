"""The checker's verdicts for an understood question: one per provider named.

`verdicts_for(understanding, lang)` calls `assistant.checker.check` (the public surface) once
per query. When the question names no data kind, the query is checked for personal, health
and particularly sensitive data: the same verdict for all three is the answer; otherwise the
verdict is `undetermined` and the data kind is a missing fact with the question to ask back
(never a silent "personal"). It never turns a verdict into "eligible" on its own.
"""
from __future__ import annotations

import inspect
from functools import lru_cache

DATA_CANDIDATES = (("personal",), ("personal", "health"), ("personal", "sensitive"))
DATA_QUESTION = {
    "fr": "Quelles données seraient hébergées : des données personnelles, des données de santé, des données d'une sensibilité particulière ?",
    "en": "Which data would be hosted: personal data, health data, data of particular sensitivity?",
}
DATA_WHY = {
    "fr": "La réponse change selon le type de données : {detail}.",
    "en": "The answer changes with the kind of data: {detail}.",
}
KIND_WORDS = {"personal": {"fr": "personnelles", "en": "personal"}, "health": {"fr": "de santé", "en": "health"},
              "sensitive": {"fr": "d'une sensibilité particulière", "en": "particularly sensitive"}}


@lru_cache(maxsize=1)
def _check_takes_lang() -> bool:
    from assistant.checker import check
    return "lang" in inspect.signature(check).parameters


def check_json(lang: str, **query) -> dict:
    """`check(**query)` as JSON, in `lang` when the checker takes it."""
    from assistant.checker import check
    if _check_takes_lang():
        query["lang"] = lang
    out = check(**query).to_json()
    out.setdefault("lang", lang if _check_takes_lang() else "fr")
    return out


def verdict_for(query: dict, data_unknown: bool, lang: str) -> dict:
    if not data_unknown:
        return check_json(lang, **query)
    tried = [(kinds, check_json(lang, **{**query, "data": list(kinds)})) for kinds in DATA_CANDIDATES]
    labels = {v["verdict"] for _, v in tried}
    if len(labels) == 1:
        return tried[0][1]
    from assistant.wording import VERDICT_LABELS
    detail = "; ".join(f"{KIND_WORDS[kinds[-1]][lang]} → {VERDICT_LABELS[v['verdict']][lang]}" for kinds, v in tried)
    base = dict(tried[1][1])
    base.update({
        "verdict": "undetermined", "data": [],
        "why": DATA_WHY[lang].format(detail=detail),
        "missing_facts": [{"name": "data_kind", "subject": base.get("provider") or "", "why": DATA_WHY[lang].format(detail=detail),
                           "question": DATA_QUESTION[lang]}],
        "by_data": {kinds[-1]: v["verdict"] for kinds, v in tried},
        "offers": [],
    })
    return base


def verdicts_for(understanding, lang: str) -> list[dict]:
    return [verdict_for(q, understanding.data_unknown, lang) for q in understanding.queries]
