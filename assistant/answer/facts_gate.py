"""Registry facts stated in free text ("AWS est qualifié SecNumCloud", "OVH is HDS certified"),
checked against the provider registry at the answer's date.

`check_facts(sentence, as_of, lang)` returns, for each such statement, what the registry
holds: agrees, contradicts (then the correction sentence, with the registry's source and
date), or unknown. It reads the registry only; statements of eligibility are the claim gate's.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.checker import mentions

_I = re.IGNORECASE
FACTS = {
    "secnumcloud": re.compile(r"qualifi\w*\s+(?:SecNumCloud|SNC)|(?:SecNumCloud|SNC)[\s-]+qualifi\w*|(?:SecNumCloud|SNC)\s+qualification", _I),
    "hds_certified": re.compile(r"certifi\w*\s+HDS|HDS[\s-]+certifi\w*|HDS\s+certification", _I),
}
_NEGATED = re.compile(r"\bn['’]\s*(?:est|sont|a|ont)\s+(?:pas|plus|jamais)\b|\bne\s+(?:sont|est)\s+(?:pas|plus)\b|\bnon[\s-]qualifi|\bnon[\s-]certifi"
                      r"|\b(?:is|are|was|were)\s*(?:not|n['’]t)\b|\bnot\s+(?:SecNumCloud|HDS|qualified|certified)\b|\bpas\s+(?:qualifi|certifi)", _I)
NAMES = {"secnumcloud": {"fr": "qualifié SecNumCloud", "en": "SecNumCloud-qualified"},
         "hds_certified": {"fr": "certifié HDS", "en": "HDS-certified"}}


@dataclass(frozen=True)
class FactCheck:
    provider: str
    offer: str | None
    fact: str
    stated: bool
    registry: bool | None
    correction: str | None  # the sentence to show instead, when the registry contradicts


def check_facts(sentence: str, as_of: dt.date, lang: str) -> list[FactCheck]:
    from assistant.answer.render import fmt_date, who
    from assistant.checker import default_registry

    found = mentions(sentence)
    if not found:
        return []
    registry = default_registry()
    out = []
    for fact, rx in FACTS.items():
        if not rx.search(sentence):
            continue
        stated = not _NEGATED.search(sentence)
        for _, _, provider, offer in found:
            hit = registry.resolve(offer or provider)
            if hit is None:
                continue
            prov, off = hit
            offers = [off] if off is not None else (list(prov.offers) or [None])
            values = [registry.fact_at(prov, o, fact, as_of) for o in offers]
            known = [v for v in values if v.known]
            value = None
            if known and len(known) == len(values):
                value = any(bool(v.value) for v in known) if off is None else bool(known[0].value)
            correction = None
            if value is not None and value != stated:
                src = next((v.fact for v in known if v.fact is not None), None)
                where = _source_words(src, lang)
                name = who(provider, offer)
                date = fmt_date(as_of.isoformat(), lang)
                if lang == "fr":
                    correction = (f"Correction d'après le registre des fournisseurs : au {date}, {name} "
                                  f"{'est' if value else 'n’est pas'} {NAMES[fact]['fr']}{where}.")
                else:
                    correction = (f"Correction from the provider registry: as of {date}, {name} "
                                  f"{'is' if value else 'is not'} {NAMES[fact]['en']}{where}.")
            out.append(FactCheck(provider, offer, fact, stated, value, correction))
    return out


def _source_words(fact, lang: str) -> str:
    if fact is None:
        return ""
    src = getattr(fact, "source", None)
    label = src.label() if hasattr(src, "label") else None
    label = label or getattr(src, "doc_id", None) or getattr(src, "url", None)
    if not label:
        return ""
    return f" (source : {label})" if lang == "fr" else f" (source: {label})"
