"""Names the checker accepts and the words that point at them in free text.

- `DATA_KINDS`, `CUSTOMER_TYPES`: the contract's values; `normalise_data()` and
  `normalise_customer()` also accept French and English synonyms and raise `UsageError` on
  anything else.
- `SENSITIVITY_FACTS`: the facts a caller may give about sensitivity (`facts=` of `check`).
- `DATA_PATTERNS`, `CUSTOMER_PATTERNS`, `AGENT_TOOLS_PATTERN`: regular expressions for
  claim extraction and question understanding (the answer service reuses them).
- `provider_aliases()`: the registry's aliases (provider and offer names as people write them).

This module holds vocabulary only; it decides nothing.
"""
from __future__ import annotations

import re
import unicodedata

from assistant.errors import UsageError

DATA_KINDS = ("personal", "health", "sensitive", "other")
CUSTOMER_TYPES = ("state", "state_operator", "local_authority", "health_facility", "private")

# Facts a caller may state about the data; names are the keys of `check(facts=...)`.
SENSITIVITY_FACTS = {
    "particularly_sensitive": "the project's own assessment: the data is (or is not) « d'une sensibilité particulière » (FAQ: the project entity does this analysis)",
    "citizens_data": "personal data of French citizens (R9 wording, 2021-07-10 to 2023-05-30)",
    "companies_economic_data": "economic data about French companies (R9 wording, 2021 regime)",
    "agents_business_app": "business application about State agents (R9 wording, 2021 regime)",
    "agent_tools": "collaborative, office or messaging tools for public agents (DINUM note of 2021-09-15)",
    "sensitive_by_nature": "criterion 1 (2023 regime): a legal secret, e.g. medical secrecy",
    "sensitive_by_use": "criterion 1 (2023 regime): involved in an essential State mission",
    "breach_impact": "criterion 2 (2023 regime): a breach would harm public order, public security, health, lives or intellectual property",
}

_DATA_SYNONYMS = {
    "personal": "personal", "personnel": "personal", "personnelle": "personal", "personnelles": "personal",
    "pii": "personal", "rgpd": "personal", "gdpr": "personal",
    "health": "health", "sante": "health", "hds": "health", "medical": "health", "medicale": "health",
    "sensitive": "sensitive", "sensible": "sensitive", "sensibles": "sensitive",
    "particulierement_sensible": "sensitive",
    "other": "other", "autre": "other", "autres": "other", "none": "other", "non_personal": "other",
}
# Extension of the contract's data kinds: these add a fact rather than a kind.
_DATA_FACT_SYNONYMS = {
    "agent_tools": "agent_tools", "messaging": "agent_tools", "messagerie": "agent_tools",
    "collaboration": "agent_tools", "collaboratif": "agent_tools", "office": "agent_tools",
    "bureautique": "agent_tools",
    "citizens": "citizens_data", "citizens_data": "citizens_data", "citoyens": "citizens_data",
}
_CUSTOMER_SYNONYMS = {
    "state": "state", "etat": "state", "ministry": "state", "ministere": "state", "administration": "state",
    "administration_centrale": "state", "central_administration": "state",
    "state_operator": "state_operator", "operator": "state_operator", "operateur": "state_operator",
    "operateur_de_l_etat": "state_operator", "hdh": "state_operator", "health_data_hub": "state_operator",
    "local_authority": "local_authority", "local": "local_authority", "collectivite": "local_authority",
    "collectivite_territoriale": "local_authority", "mairie": "local_authority", "commune": "local_authority",
    "region": "local_authority", "departement": "local_authority",
    "health_facility": "health_facility", "hospital": "health_facility", "hopital": "health_facility",
    "chu": "health_facility", "ght": "health_facility", "clinique": "health_facility", "clinic": "health_facility",
    "etablissement_de_sante": "health_facility",
    "private": "private", "company": "private", "entreprise": "private", "prive": "private", "business": "private",
}


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def normalise_data(kinds) -> tuple[list[str], dict[str, bool]]:
    """(data kinds in contract order, facts implied by extension kinds); `health` implies `personal`.

    >>> normalise_data(["santé"])
    (['personal', 'health'], {})
    """
    if isinstance(kinds, str):
        kinds = [k for k in re.split(r"[,;]", kinds) if k.strip()]
    if not kinds:
        raise UsageError(f"--data needs at least one kind among {', '.join(DATA_KINDS)}.")
    found: set[str] = set()
    facts: dict[str, bool] = {}
    for raw in kinds:
        key = _key(raw)
        if key in _DATA_SYNONYMS:
            found.add(_DATA_SYNONYMS[key])
        elif key in _DATA_FACT_SYNONYMS:
            facts[_DATA_FACT_SYNONYMS[key]] = True
            found.add("personal")
        else:
            raise UsageError(f"unknown data kind {raw!r}: use {', '.join(DATA_KINDS)}.")
    if "health" in found:
        found.add("personal")
    if len(found) > 1:
        found.discard("other")
    return [k for k in DATA_KINDS if k in found], facts


def normalise_customer(value) -> str | None:
    if value in (None, ""):
        return None
    key = _key(value)
    if key in _CUSTOMER_SYNONYMS:
        return _CUSTOMER_SYNONYMS[key]
    raise UsageError(f"unknown customer type {value!r}: use {', '.join(CUSTOMER_TYPES)}.")


def normalise_facts(facts) -> dict[str, bool]:
    """Check caller facts: known names, boolean values (strings true/false/oui/non accepted)."""
    out: dict[str, bool] = {}
    for name, value in (facts or {}).items():
        if name not in SENSITIVITY_FACTS:
            raise UsageError(f"unknown fact {name!r}: use {', '.join(SENSITIVITY_FACTS)}.")
        if isinstance(value, str):
            low = _key(value)
            if low in ("true", "yes", "oui", "1", "vrai"):
                value = True
            elif low in ("false", "no", "non", "0", "faux"):
                value = False
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
DATA_PATTERNS = {
    "health": re.compile(
        r"donn[ée]es?\s+(?:de\s+|à\s+caractère\s+)?(?:sant[ée]|médical\w*|medical\w*)|\bdonn[ée]es\s+HDS\b"
        r"|health[\s-]+data|medical\s+(?:data|records?)|patient\s+(?:data|records?)|\bdossiers?\s+(?:médica\w+|patients?)"
        r"|\bDPI\b|dossier\s+patient\s+informatisé|données\s+(?:de\s+(?:ses|leurs|nos|mes|vos)\s+|des\s+)?patients"
        r"|patients['’]?\s+(?:health\s+)?(?:data|records?)|\bE[HM]Rs?\b|electronic\s+(?:health|medical|patient)\s+records?"
        r"|dossiers?\s+médica(?:l|ux)|imagerie\s+médicale|\bPACS\b|données\s+de\s+soins", _I),
    "sensitive": re.compile(
        r"sensibilit[ée]\s+particuli[èe]re|particuli[èe]rement\s+sensibles?|donn[ée]es\s+sensibles"
        r"|(?<!non-)(?<!non\s)(?<!not\s)(?:particularly\s+)?\bsensitive\s+(?:\w+\s+)?data|données\s+d'une\s+sensibilité"
        r"|donn[ée]es\s+(?:(?!non\b|pas\b|peu\b)\w+\s+){1,2}sensibles\b", _I),
    "personal": re.compile(
        r"donn[ée]es\s+(?:à\s+caractère\s+)?personnelles|personal\s+data|\bPII\b|données\s+nominatives", _I),
}
AGENT_TOOLS_PATTERN = re.compile(
    r"\bmessageries?\b|\bbureautique\b|outils?\s+collaboratifs?|solutions?\s+collaboratives?|suite\s+collaborative"
    r"|\be-?mails?\b|office\s+suite|collaboration\s+tools?|messaging", _I)
CUSTOMER_PATTERNS = {
    "state_operator": re.compile(
        r"Health\s+Data\s+Hub|\bHDH\b|Plateforme\s+des\s+données\s+de\s+santé|opérateurs?\s+(?:de\s+l['’]\s*[ÉE]tat|public)"
        r"|\(\s*opérateur\s*\)|\bopérateurs?\b(?!\s+(?:de\s+)?(?:cloud|télécom\w*|privés?|économiques?))"
        r"|Santé\s+publique\s+France|\bARS\b|agences?\s+régionales?\s+de\s+santé|Assurance\s+maladie|\bCNAM\b|\bCNAV\b|France\s+Travail|Pôle\s+emploi"
        r"|établissements?\s+publics?\s+(?:de\s+l['’]\s*[ÉE]tat|administratifs?)|universit(?:é|y|ies|és)"
        r"|organismes?\s+sous\s+(?:sa\s+)?tutelle|state\s+operators?|public\s+bod(?:y|ies)\s+under", _I),
    "local_authority": re.compile(
        r"collectivit[ée]s?(?:\s+territoriales?|\s+locales?)?|\bmairies?\b|\bcommunes?\b|\brégions?\b|\bdépartements?\b"
        r"|conseil\s+(?:départemental|régional|municipal)|\bmétropoles?\b|local\s+authorit(?:y|ies)|municipalit(?:y|ies)|city\s+councils?|\btown\s+halls?", _I),
    "health_facility": re.compile(
        r"\bCHU\b|\bCHR\b|\bGHT\b|h[ôo]pita(?:l|ux)|cliniques?|établissements?\s+de\s+santé|hospitals?|clinics?"
        r"|\bAP-HP\b|centres?\s+hospitaliers?|health\s+facilit(?:y|ies)", _I),
    "state": re.compile(
        r"\bminist[èe]res?\b|\bministr(?:y|ies)\b|administrations?\s+centrales?|administrations?\s+de\s+l['’]\s*[ÉE]tat"
        r"|services\s+de\s+l['’]\s*[ÉE]tat|\bl['’]\s*[ÉE]tat\b|\bDINUM\b|central\s+(?:government|administration)|the\s+State\b"
        r"|acteurs\s+publics|public\s+sector|secteur\s+public|administrations?\b|directions?\s+générales?\b|\bDG[A-Z][A-Za-z]{1,6}\b"
        r"|préfectures?\b|\bSGDSN\b|\bSGG\b|\bDGFiP\b|\bDINUM\b", _I),
    "private": re.compile(
        r"\bentreprises?\b|sociétés?\s+privées?|\bstart-?ups?\b|\bPME\b|private\s+compan(?:y|ies)|\bcompan(?:y|ies)\b|\bbusinesses\b", _I),
}


def provider_aliases() -> dict[str, tuple[str, str | None]]:
    """Registry aliases as written -> (provider, offer or None)."""
    from assistant.checker.registry import default_registry
    return default_registry().aliases()
