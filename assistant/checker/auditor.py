"""`audit(text, as_of, lang=None)`: every eligibility claim of a text, checked against the rules.

Returns the contract's `audit` object: for each claim its fields and spans (`start`, `end` of
its sentence, `clause_start`, `clause_end` and `clause` of its own clause, offsets into
`text`), the checker's verdict, `agrees` (the stated answer equals the verdict), `checkable`
(the verdict is eligible or not_eligible) and the full `check` object, its human text in `lang`
(the text's own language when not given). It extracts with
`claims` and decides with the public `assistant.checker.check`; it renders nothing.
"""
from __future__ import annotations

import datetime as dt


def audit(text: str, as_of: dt.date | None = None, lang: str | None = None) -> dict:
    from assistant.checker import check
    from assistant.checker.claims import extract_claims

    if as_of is None:  # the caller's date (commands and the service pass settings().today()); else the clock
        as_of = dt.date.today()
    if lang is None:
        from assistant.language import detect_language
        lang = detect_language(text) if text and text.strip() else "fr"
    out = []
    for claim in extract_claims(text, as_of=as_of):
        verdict = check(provider=claim.provider, offer=claim.offer, data=claim.data, customer=claim.customer,
                        as_of=claim.as_of or as_of, facts=claim.facts, lang=lang)
        item = claim.to_json()
        item["clause"] = text[claim.clause_start:claim.clause_end]
        item.update({"verdict": verdict.verdict, "agrees": verdict.verdict == claim.stated,
                     "checkable": verdict.verdict in ("eligible", "not_eligible"), "check": verdict.to_json()})
        out.append(item)
    return {"text": text, "as_of": as_of.isoformat(), "lang": lang, "claims": out}
