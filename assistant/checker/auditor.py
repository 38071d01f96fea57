"""`audit(text, as_of)`: every eligibility claim of a text, checked against the rules.

Returns the contract's `audit` object: for each claim its fields, the checker's verdict,
`agrees` (the stated answer equals the verdict), `checkable` (the verdict is eligible or
not_eligible) and the full `check` object. It extracts with `claims` and decides with
`engine`; it renders nothing.
"""
from __future__ import annotations

import datetime as dt

from assistant.checker.claims import extract_claims
from assistant.checker.engine import check


def audit(text: str, as_of: dt.date | None = None) -> dict:
    if as_of is None:
        from assistant.config import settings
        as_of = settings().today()
    out = []
    for claim in extract_claims(text, as_of=as_of):
        verdict = check(provider=claim.provider, offer=claim.offer, data=claim.data, customer=claim.customer,
                        as_of=claim.as_of or as_of, facts=claim.facts)
        item = claim.to_json()
        item.update({"verdict": verdict.verdict, "agrees": verdict.verdict == claim.stated,
                     "checkable": verdict.verdict in ("eligible", "not_eligible"), "check": verdict.to_json()})
        out.append(item)
    return {"text": text, "as_of": as_of.isoformat(), "claims": out}
