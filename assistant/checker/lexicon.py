"""Names the checker accepts and the words that point at them in free text.

- `DATA_KINDS`, `CUSTOMER_TYPES`: the contract's values; `customer_type()` reads French and
  English synonyms of a type (the engine then tries the sourced entity names of
  data/entities.yaml, and raises `UsageError` on anything else).
- `caller_facts()`, `normalise_facts()`: the facts a caller may state (`facts=` of `check`),
  from the vocabulary (data/vocabulary.yaml).
- `DATA_PATTERNS`, `AGENT_TOOLS_PATTERN`: regular expressions for claim extraction and
  question understanding (the answer service reuses them). Customer words live in
  data/entities.yaml (`assistant.checker.vocabulary.find_customer`).

This module holds vocabulary only; it decides nothing.
"""
from __future__ import annotations

import re

from assistant.errors import UsageError
from assistant.folding import fold_key, tolerant_rx

DATA_KINDS = ("personal", "health", "sensitive", "other")
CUSTOMER_TYPES = ("state", "state_operator", "local_authority", "health_facility", "private")

_CUSTOMER_SYNONYMS = {
    "state": "state", "etat": "state", "ministry": "state", "ministere": "state", "administration": "state",
    "administration_centrale": "state", "central_administration": "state",
    "state_operator": "state_operator", "operator": "state_operator", "operateur": "state_operator",
    "operateur_de_l_etat": "state_operator",
    "local_authority": "local_authority", "local": "local_authority", "collectivite": "local_authority",
    "collectivite_territoriale": "local_authority", "mairie": "local_authority", "commune": "local_authority",
    "region": "local_authority", "departement": "local_authority",
    "health_facility": "health_facility", "hospital": "health_facility", "hopital": "health_facility",
    "chu": "health_facility", "ght": "health_facility", "clinique": "health_facility", "clinic": "health_facility",
    "etablissement_de_sante": "health_facility",
    "private": "private", "company": "private", "entreprise": "private", "prive": "private", "business": "private",
}
# A caller's name for the project's own sensitivity assessment (the vocabulary's `sensitive`).
_FACT_ALIASES = {"particularly_sensitive": "sensitive"}


def customer_type(value) -> str | None:
    """The customer type a word names ("ministère" -> "state"), or None."""
    return _CUSTOMER_SYNONYMS.get(fold_key(value)) if value not in (None, "") else None


def caller_facts() -> dict[str, str]:
    """Facts a caller may state (`check(facts=...)`), with the question that explains each."""
    from assistant.checker.vocabulary import default_vocabulary
    vocab = default_vocabulary()
    out = {name: spec.question["en"] for name, spec in vocab.facts.items()
           if spec.origin in ("query", "entity", "defined") and name not in ("customer", "personal", "health")}
    out["particularly_sensitive"] = vocab.facts["sensitive"].question["en"]
    return out


def normalise_facts(facts) -> dict[str, bool]:
    """Check caller facts: known names, boolean values (strings true/false/oui/non accepted)."""
    allowed = caller_facts()
    out: dict[str, bool] = {}
    for name, value in (facts or {}).items():
        if name not in allowed:
            raise UsageError(f"unknown fact {name!r}: use {', '.join(allowed)}.")
        if isinstance(value, str):
            low = fold_key(value)
            if low in ("true", "yes", "oui", "1", "vrai"):
                value = True
            elif low in ("false", "no", "non", "0", "faux"):
                value = False
            elif low in ("", "unknown", "inconnu", "none"):
                value = None
        if value is None:
            continue
        if not isinstance(value, bool):
            raise UsageError(f"fact {name!r} takes true or false, not {value!r}.")
        out[name] = value
    return out


# Month names and common abbreviations, French and English, for dates in questions and claims.
MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "fév": 2, "apr": 4, "avr": 4, "jun": 6, "jul": 7, "juil": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "déc": 12,
}

# --- patterns for free text (French and English) -------------------------------------------

_I = re.IGNORECASE
# Written with accents; `tolerant_rx` also reads them typed without (assistant/folding.py).
DATA_PATTERNS = {
    "health": tolerant_rx(
        r"donn[ée]es?\s+(?:de\s+|à\s+caractère\s+)?(?:sant[ée]|médical\w*|medical\w*)|\bdonn[ée]es\s+HDS\b"
        r"|health[\s-]+data|medical\s+(?:data|records?)|patient\s+(?:data|records?)|\bdossiers?\s+(?:médica\w+|patients?)"
        r"|\bDPI\b|dossier\s+patient\s+informatisé|données\s+(?:de\s+(?:ses|leurs|nos|mes|vos)\s+|des\s+)?patients"
        r"|patients['’]?\s+(?:health\s+)?(?:data|records?)|\bE[HM]Rs?\b|electronic\s+(?:health|medical|patient)\s+records?"
        r"|dossiers?\s+médica(?:l|ux)|imagerie\s+médicale|\bPACS\b|données\s+de\s+soins", _I),
    "sensitive": tolerant_rx(
        r"sensibilit[ée]\s+particuli[èe]re|particuli[èe]rement\s+sensibles?|donn[ée]es\s+sensibles"
        r"|(?<!non-)(?<!non\s)(?<!not\s)(?:particularly\s+)?\bsensitive\s+(?:\w+\s+)?(?:data|files?|records?|documents?|information)\b"
        r"|\bparticularly\s+sensitive\b|données\s+d['’]\s*une\s+sensibilité|(?<!no\s)(?<!not\s)\bof\s+particular\s+sensitivity\b"
        r"|(?:donn[ée]es|fichiers|dossiers|documents|informations)\s+(?:(?!non\b|pas\b|peu\b)\w+\s+){0,2}sensibles\b", _I),
    "personal": tolerant_rx(
        r"donn[ée]es\s+(?:à\s+caractère\s+personnel\b|personnelles)|personal\s+data|\bPII\b|données\s+nominatives", _I),
}
AGENT_TOOLS_PATTERN = re.compile(
    r"\bmessageries?\b|\bbureautique\b|outils?\s+collaboratifs?|solutions?\s+collaboratives?|suite\s+collaborative"
    r"|\be-?mails?\b|office\s+suite|collaboration\s+tools?|messaging", _I)


