"""Question understanding: is this an eligibility question, and which checker query is it?

An eligibility question names a provider or offer (the registry's aliases) and asks whether
it may host, store or be used for data ("Un CHU peut-il mettre ses données de santé chez
Azure ?"). The data kinds, customer type and sensitivity facts are read with the checker's
own lexicons (`assistant.checker.lexicon`, `assistant.checker.claims`), so that question
and claims are read alike. Every input the question leaves out is said as an assumption,
never filled in silently. It does not call the checker.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.checker.claims import find_customer, find_data, mentions
from assistant.checker.lexicon import DATA_PATTERNS

_I = re.IGNORECASE
_INTENT = re.compile(
    r"\bh[ée]berg\w*|\bstock\w*|\bmettre\b|\bmigr\w*|\butilis\w*|\brecour\w*|\bconfi\w*|\bchoisi\w*|\bpasser\s+(?:sur|chez|à)"
    r"|\brester\s+(?:sur|chez)|\bstay\s+on|\bremain\s+on|\bconform\w*|\bautoris\w*|\b[ée]ligib\w*|\bcompatib\w*|\ble\s+droit\b|\binterdit\w*|\bpossible\b|\bpermis\b|\baccept\w*"
    r"|\bhost\w*|\bstor(?:e|ing)\b|\buse\b|\busing\b|\bmove\b|\bmigrat\w*|\ballowed\b|\bpermitted\b|\bcomplian\w*|\bok\b|\bfine\b|\blegal\b|\bcan\s+we\b",
    _I)
# Sensitivity facts people state in a question (2023 two-criteria test and R9 wording).
FACT_PATTERNS = {
    "sensitive_by_nature": re.compile(r"secret\s+(?:médical|medical|professionnel|défense|fiscal)|medical\s+secrecy|secret\s+légal|legal\s+secret", _I),
    "sensitive_by_use": re.compile(r"mission\s+essentielle|essential\s+(?:State\s+)?mission", _I),
    "breach_impact": re.compile(r"atteinte\s+(?:à\s+l['’]ordre\s+public|à\s+la\s+sécurité\s+publique|à\s+la\s+santé|à\s+la\s+vie)"
                                r"|harm\s+(?:to\s+)?(?:public\s+order|public\s+security|health|lives)", _I),
    "citizens_data": re.compile(r"données\s+(?:personnelles\s+)?des\s+(?:citoyens|usagers|patients)|citizens['’]?\s+(?:personal\s+)?data", _I),
}
_DEROGATION = re.compile(r"\bdérogation\b|\bderogation\b|\bwaiver\b", _I)
_NOT_SENSITIVE = re.compile(r"\bnon[\s-]sensibles?\b|\bpas\s+sensibles?\b|\bnot\s+sensitive\b|\bnon[\s-]sensitive\b", _I)

MSG = {
    "data": {"fr": "Type de données non précisé : hypothèse « {kinds} ».",
             "en": "Data kind not given: assuming \"{kinds}\"."},
    "customer": {"fr": "Type d'organisme non précisé : le vérificateur examine tous les types (État, opérateur, collectivité, établissement de santé, entreprise) et ne tranche que si la réponse est la même pour tous.",
                 "en": "Customer type not given: the checker tries every type (State, State operator, local authority, health facility, private company) and decides only when they all agree."},
    "several": {"fr": "La question nomme plusieurs fournisseurs ({names}) : le verdict porte sur {first} ; posez la question pour chacun des autres.",
                "en": "The question names several providers ({names}): the verdict is for {first}; ask again for each of the others."},
    "offer": {"fr": "Aucune offre précise n'est nommée pour {provider} : la qualification SecNumCloud vaut par offre, la réponse est donnée offre par offre.",
              "en": "No specific offer of {provider} is named: SecNumCloud qualifies an offer, so the answer is given offer by offer."},
}


@dataclass
class Understanding:
    as_of: dt.date
    query: dict | None = None  # keyword arguments of `check` when it is an eligibility question
    assumptions: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        if self.query is None:
            return {"eligibility": False, "as_of": self.as_of.isoformat()}
        q = dict(self.query)
        q["as_of"] = q["as_of"].isoformat()
        return {"eligibility": True, **q}


def understand(question: str, as_of: dt.date, lang: str) -> Understanding:
    """Map the question to a checker query, with the assumptions made, or to no query."""
    found = mentions(question)
    u = Understanding(as_of=as_of)
    if not found or not _INTENT.search(question):
        return u
    provider, offer = found[0][2], found[0][3]
    data, facts = find_data(question)
    if not any(rx.search(question) for rx in DATA_PATTERNS.values()) and "agent_tools" not in facts:
        u.assumptions.append(MSG["data"][lang].format(kinds=", ".join(data)))
    if _NOT_SENSITIVE.search(question):
        data = [k for k in data if k != "sensitive"]
        facts["particularly_sensitive"] = False
    for name, rx in FACT_PATTERNS.items():
        if rx.search(question):
            facts[name] = True
    customer = find_customer(question)
    if customer is None:
        u.assumptions.append(MSG["customer"][lang])
    names = list(dict.fromkeys(p for _, _, p, _ in found))
    if len(names) > 1:
        u.assumptions.append(MSG["several"][lang].format(names=", ".join(names), first=provider))
    if offer is None:
        u.assumptions.append(MSG["offer"][lang].format(provider=provider))
    u.query = {"provider": provider, "offer": offer, "data": data, "customer": customer, "as_of": as_of,
               "facts": facts or None, "derogation": bool(_DEROGATION.search(question))}
    return u
