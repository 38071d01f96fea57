"""`Verdict` and `RuleResult`: what the checker answers, shaped as the contract's `check` object.

Verdicts: eligible, not_eligible, undetermined, not_applicable. Rule statuses: satisfied,
violated, unknown, not_applicable. `missing_facts` items are objects
`{"name", "subject", "why", "question"}`: `name` is the `ask` name of a fact of
data/vocabulary.yaml (hds_certified, secnumcloud, breach_impact, particularly_sensitive,
customer, data_kind...), `offer`, or a rule's open point (hds_regime, sren31_binding_date);
`question` asks it in plain words. `basis_confidence` is official unless a decisive rule
rests on a press, secondary or draft basis. This module holds data only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

VERDICTS = ("eligible", "not_eligible", "undetermined", "not_applicable")
STATUSES = ("satisfied", "violated", "unknown", "not_applicable")


@dataclass
class RuleResult:
    id: str
    title: str
    status: str
    basis: dict
    facts: list[dict] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "status": self.status, "basis": self.basis,
                "facts": self.facts, "note": self.note}


@dataclass
class Verdict:
    verdict: str
    provider: str | None
    offer: str | None
    data: list[str]
    customer: str | None
    as_of: dt.date
    rules: list[RuleResult] = field(default_factory=list)
    missing_facts: list[dict] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    offers: list[dict] = field(default_factory=list)
    why: str = ""
    facts: dict = field(default_factory=dict)
    derogation: bool = False
    sensitivity: dict = field(default_factory=dict)
    known_provider: bool = True
    lang: str = "fr"
    basis_confidence: str = "official"

    def to_json(self) -> dict:
        """The contract's `check` object (plus `why`, `facts`, `derogation`, `sensitivity`)."""
        return {"verdict": self.verdict, "provider": self.provider, "offer": self.offer,
                "data": list(self.data), "customer": self.customer, "as_of": self.as_of.isoformat(),
                "rules": [r.to_json() for r in self.rules], "missing_facts": self.missing_facts,
                "conditions": self.conditions, "recommendations": self.recommendations,
                "caveats": self.caveats, "offers": self.offers, "why": self.why,
                "facts": self.facts, "derogation": self.derogation, "sensitivity": self.sensitivity,
                "basis_confidence": self.basis_confidence, "lang": self.lang}
