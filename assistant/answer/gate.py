"""The claim gate: every eligibility claim of a draft is checked before it is shown.

A claim ("X may host Y for Z") found by the checker's extractor is checked at its own date
when the text gives one, else at the answer's date. The outcome per claim:
- `shown`: the checker agrees;
- `corrected`: the checker decides otherwise; the answer shows the checker's verdict;
- `withheld`: the checker cannot decide (undetermined, not applicable); the sentence is not
  shown as a fact;
- `quoted`: the same, in a quote of an official text (`Passage.confidence == "official"`: the
  doctrine, a law, a FAQ of the administration): the text is a source the rules rest on, not a
  claim about it; its own words are shown with their reference (the answer's verdict stays the
  checker's). A claim the checker contradicts is never `quoted`: it is `corrected`.

Quotes are verbatim and never edited: a quote whose claim is corrected keeps its words and
gets a note with the checker's verdict; a dated quote (a 2021 article) is checked at its
own date as well, and when the two dates disagree the note gives both. Free text (an LLM
draft) is edited sentence by sentence: corrected sentences are replaced by the checker's
verdict, withheld ones removed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.answer import render
from assistant.answer.model import GatedClaim
from assistant.wording import verdict_word

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass
class Gated:
    text: str
    claims: list[GatedClaim] = field(default_factory=list)
    withheld: bool = False
    withheld_notice: str | None = None
    note: str | None = None


def _verdict(claim, date: dt.date) -> str:
    facts = getattr(claim, "facts", None) or None
    return _checked(claim.provider, claim.offer, tuple(claim.data or ()), claim.customer, date,
                    tuple(sorted(facts.items())) if facts else None)


@lru_cache(maxsize=4096)
def _checked(provider, offer, data: tuple, customer, date: dt.date, facts: tuple | None) -> str:
    """The checker's verdict, remembered: `check` is a pure function of its arguments and of the
    registry, which never changes in a process."""
    from assistant.checker import check
    return check(provider=provider, offer=offer, data=list(data), customer=customer, as_of=date,
                 facts=dict(facts) if facts else None).to_json()["verdict"]


@lru_cache(maxsize=4096)
def _quote_claims(text: str) -> tuple:
    """The claims of a quote: quotes are sentences of the indexed passages, so the same ones
    come back across questions; claims are only read here, never changed."""
    from assistant.checker import extract_claims
    return tuple(extract_claims(text))


def _who(claim) -> str:
    return render.who(claim.provider, claim.offer)


def _judge(claim, as_of: dt.date, source_date: dt.date | None):
    """(verdict at as_of, action, verdict at the source's date or None, date used)."""
    own = getattr(claim, "as_of", None)
    own = dt.date.fromisoformat(own) if isinstance(own, str) else own
    date = own or as_of
    at_date = _verdict(claim, date)
    then = None
    if own is None and source_date is not None and source_date != as_of:
        then = _verdict(claim, source_date)
    if at_date == claim.stated:
        return at_date, "shown", then, date
    if then == claim.stated:
        return at_date, "corrected", then, date  # true at its own date, not at as_of
    if at_date in ("eligible", "not_eligible"):
        return at_date, "corrected", then, date
    return at_date, "withheld", then, date


def gate_text(text: str, as_of: dt.date, lang: str, source_date: str | dt.date | None = None,
              quote: bool = False, official: bool = False) -> Gated:
    """Gate one quote (`quote=True`, never edited; `official`: of an official text) or a free text
    (edited per sentence)."""
    from assistant.checker import extract_claims

    if isinstance(source_date, str):
        source_date = dt.date.fromisoformat(source_date)
    if quote:
        return _gate_quote(text, as_of, lang, source_date, _quote_claims(text), official)
    out, claims, withheld_any = [], [], False
    from assistant.answer.facts_gate import check_facts

    for sentence in _SENTENCE.split(text):
        facts = check_facts(sentence, as_of, lang)
        corrections = [f.correction for f in facts if f.correction]
        for f in facts:
            claims.append(GatedClaim(text=sentence, provider=f.provider, offer=f.offer, data=[], customer=None,
                                     stated=f"{f.fact}={str(f.stated).lower()}",
                                     verdict=f"{f.fact}={'unknown' if f.registry is None else str(f.registry).lower()}",
                                     action="corrected" if f.correction else ("shown" if f.registry == f.stated else "withheld"),
                                     as_of=as_of.isoformat(), reason="registry fact"))
        found = extract_claims(sentence)
        if not found:
            out.append(" ".join(corrections) if corrections else sentence)
            continue
        replacement = " ".join(corrections) if corrections else sentence
        for claim in found:
            verdict, action, _, date = _judge(claim, as_of, None)
            claims.append(_record(claim, verdict, action, date))
            if action == "corrected":
                replacement = (" ".join(corrections) + " " if corrections else "") + {"fr": f"Correction du vérificateur : {_who(claim)} — {verdict_word(verdict, lang)} au {render.fmt_date(date.isoformat(), 'fr')} (et non « {claim.text.strip()} »).",
                               "en": f"Checker's correction: {_who(claim)} — {verdict_word(verdict, lang)} as of {date.isoformat()} (not \"{claim.text.strip()}\")."}[lang]
            elif action == "withheld" and replacement == sentence and not corrections:
                replacement = ""
                withheld_any = True
        if replacement:
            out.append(replacement)
    gated = Gated(" ".join(out).strip(), claims, withheld=False)
    if withheld_any:
        gated.withheld_notice = {"fr": "Une affirmation d'éligibilité que les règles ne permettent pas de trancher a été retirée.",
                                 "en": "An eligibility statement the rules cannot decide was removed."}[lang]
    return gated


def _gate_quote(text, as_of, lang, source_date, found, official: bool = False) -> Gated:
    gated = Gated(text)
    notes = []
    for claim in found:
        verdict, action, then, date = _judge(claim, as_of, source_date)
        if action == "withheld" and official:
            action = "quoted"
        gated.claims.append(_record(claim, verdict, action, date))
        if action == "withheld":
            gated.withheld = True
            gated.withheld_notice = {
                "fr": f"Un passage affirmant « {claim.text.strip()[:160]} » n'est pas repris : les règles ne permettent pas de le vérifier au {render.fmt_date(date.isoformat(), 'fr')}.",
                "en": f"A passage stating \"{claim.text.strip()[:160]}\" is not shown: the rules cannot verify it as of {date.isoformat()}."}[lang]
        elif action == "corrected" and then == claim.stated:
            notes.append({"fr": f"Vrai au {render.fmt_date(source_date.isoformat(), 'fr')} selon les règles ; au {render.fmt_date(date.isoformat(), 'fr')}, le vérificateur conclut pour {_who(claim)} : {verdict_word(verdict, lang)}.",
                          "en": f"True as of {source_date.isoformat()} by the rules; as of {date.isoformat()} the checker concludes for {_who(claim)}: {verdict_word(verdict, lang)}."}[lang])
        elif action == "corrected":
            notes.append({"fr": f"Correction du vérificateur au {render.fmt_date(date.isoformat(), 'fr')} : {_who(claim)} — {verdict_word(verdict, lang)}.",
                          "en": f"Checker's correction as of {date.isoformat()}: {_who(claim)} — {verdict_word(verdict, lang)}."}[lang])
    if notes:
        gated.note = " ".join(notes)
    return gated


def _record(claim, verdict: str, action: str, date: dt.date) -> GatedClaim:
    return GatedClaim(text=claim.text, provider=claim.provider, offer=claim.offer, data=list(claim.data or []),
                      customer=claim.customer, stated=claim.stated, verdict=verdict, action=action,
                      as_of=date.isoformat())
