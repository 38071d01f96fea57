"""The product's words for its own values, in one place for every channel: verdict labels
(Conforme / Non conforme / Indéterminé / Hors périmètre), customer types, data kinds, rule
statuses, document kinds, completeness and confidence, dates written out, and the disclaimer.

Labels only: nothing here decides anything. Sentence building stays with each renderer.
"""
from __future__ import annotations

import datetime as dt

VERDICT_LABELS = {
    "eligible": {"fr": "Conforme", "en": "Eligible"},
    "not_eligible": {"fr": "Non conforme", "en": "Not eligible"},
    "undetermined": {"fr": "Indéterminé", "en": "Undetermined"},
    "not_applicable": {"fr": "Hors périmètre", "en": "Not applicable"},
}
CUSTOMER_NAMES = {
    "state": {"fr": "État (ministère, administration centrale)", "en": "State (ministry, central administration)"},
    "state_operator": {"fr": "opérateur de l'État", "en": "State operator"},
    "local_authority": {"fr": "collectivité territoriale", "en": "local authority"},
    "health_facility": {"fr": "établissement de santé", "en": "health facility"},
    "private": {"fr": "entreprise privée", "en": "private company"},
}
DATA_NAMES = {
    "personal": {"fr": "personnelles", "en": "personal"},
    "health": {"fr": "de santé", "en": "health"},
    "sensitive": {"fr": "d'une sensibilité particulière", "en": "particularly sensitive"},
    "other": {"fr": "autres", "en": "other"},
}
RULE_STATUS = {
    "satisfied": {"fr": "satisfaite", "en": "satisfied"},
    "violated": {"fr": "violée", "en": "violated"},
    "unknown": {"fr": "indécidable (fait manquant)", "en": "undecided (missing fact)"},
    "not_applicable": {"fr": "non applicable", "en": "not applicable"},
}
COMPLETENESS = {"full": "texte intégral", "partial": "texte partiel", "extracts": "extraits", "facts": "relevé de faits"}
CONFIDENCE_LABELS = {
    "press": {"fr": "cité par la presse", "en": "quoted by the press"},
    "secondary": {"fr": "source secondaire, non officielle", "en": "secondary source, not official"},
    "draft": {"fr": "projet, non adopté", "en": "draft, not enacted"},
}
KINDS = {"law": "loi / code", "circular": "circulaire", "doctrine": "doctrine", "note": "note",
         "faq": "FAQ", "referentiel": "référentiel", "press_article": "article de presse",
         "decision": "décision", "facts": "faits", "other": "autre"}
DISCLAIMER = {
    "fr": "Aide à la lecture des textes cités, pas un avis juridique : vérifiez les passages avant de les reprendre.",
    "en": "A reading aid for the texts cited, not legal advice: check the passages before relying on them.",
}
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")


def label(table: dict, key, lang: str = "fr") -> str:
    """`label(VERDICT_LABELS, "eligible")` -> "Conforme"; an unknown key is returned as given."""
    entry = table.get(key)
    return entry[lang] if entry else str(key if key is not None else "")


def confidence_label(value: str | None, lang: str = "fr") -> str:
    """The words shown next to a passage or citation whose text is not the official wording:
    `confidence_label("press")` -> "cité par la presse"; "" for `official` (or no value).

    >>> confidence_label("draft", "en")
    'draft, not enacted'
    """
    entry = CONFIDENCE_LABELS.get(value or "official")
    return entry["en" if lang == "en" else "fr"] if entry else ""


def french_date(iso: str | None) -> str:
    """`2021-09-28` -> `28 septembre 2021`; anything else is returned as given."""
    try:
        day = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso or "")
    return f"{day.day} {MONTHS_FR[day.month - 1]} {day.year}"


def clip(text: str, limit: int) -> str:
    """Cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


FACT_NAMES = {
    "hds_certified": {"fr": "certifié HDS", "en": "HDS certified"},
    "secnumcloud": {"fr": "qualifié SecNumCloud", "en": "SecNumCloud qualified"},
    "subject_to_non_eu_law": {"fr": "soumis à un droit extra-européen", "en": "subject to non-EU law"},
    "breach_impact": {"fr": "gravité d'une violation des données", "en": "impact of a data breach"},
    "particularly_sensitive": {"fr": "données d'une sensibilité particulière", "en": "particularly sensitive data"},
    "hds_regime": {"fr": "régime HDS applicable", "en": "HDS regime applicable"},
    "customer": {"fr": "type de client", "en": "type of customer"},
    "offer": {"fr": "offre", "en": "offer"},
}
FACT_CONFIDENCE = {
    "official": {"fr": "source officielle", "en": "official source"},
    "claimed": {"fr": "déclaration du fournisseur", "en": "provider's claim"},
    "press": {"fr": "cité par la presse", "en": "quoted by the press"},
    "secondary": {"fr": "source secondaire, non officielle", "en": "secondary source, not official"},
}
YES_NO = {True: {"fr": "oui", "en": "yes"}, False: {"fr": "non", "en": "no"}, None: {"fr": "inconnu", "en": "unknown"}}


def fact_name(name: str | None, lang: str = "fr") -> str:
    """A checker fact in words: `hds_certified` -> "certifié HDS"; unknown names lose their underscores."""
    entry = FACT_NAMES.get(name or "")
    return entry[lang] if entry else str(name or "").replace("_", " ")


def month_date(value: str | None) -> str:
    """`2018-11` -> `novembre 2018`, `2021-09-28` -> `28 septembre 2021`, else as given."""
    text = str(value or "")
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        return f"{MONTHS_FR[int(text[5:]) - 1]} {text[:4]}"
    return french_date(text)
