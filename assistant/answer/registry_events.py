"""Events the registry dates: the day an offer was qualified SecNumCloud or a provider certified
HDS ("le lendemain de la qualification de PREMI3NS", "when Bare Metal Pod was qualified", and the act
said as a noun with its agent: "la veille de l'obtention par PREMI3NS de sa qualification", "la
délivrance de la qualification SecNumCloud à S3NS", "the granting of the qualification to S3NS"), as
rows of the same form as `events.yaml`, each with the registry fact's source.

The day is the start of the registry's first fact saying so (`valid_from` of a true `secnumcloud` or
`hds_certified` fact). A fact whose first date no source gives (`start_known: false`: known true on
some day, not since when) gives a row without a date: the question's date is then not understood and
asked back, never that day. A fact known to the month only gives that month (`last`). This module
reads the registry; it decides no verdict.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from assistant.wording import elide

# What a fact's start is called: the noun ("la qualification de X") and the verbs ("X a été qualifiée").
_KINDS = {
    "secnumcloud": {
        "nouns": r"(?:la\s+|sa\s+)?qualification\s+(?:SecNumCloud\s+|SNC\s+)?(?:de|du|d['’])\s*(?:l['’]offre\s+)?(?:le\s+|la\s+)?",
        "verbs": r"(?:a\s+été|avait\s+été|ait\s+été|(?:ne\s+)?soit|fut|a\s+obtenu|obtient|obtenait|a\s+reçu|got|obtained|received|was|became|gained|won|earned)"
                 r"\s+(?:sa\s+|la\s+|son\s+|its\s+|the\s+|a\s+)?(?:qualifiée?s?|qualified|qualification|SecNumCloud|SNC)",
        "possessive": r"['’]s\s+(?:SecNumCloud\s+|SNC\s+)?qualification",
        "thing_fr": r"(?:qualification(?:\s+SecNumCloud|\s+SNC)?|certification\s+(?:SecNumCloud|SNC))(?:\s+(?:v\s*)?3\.2)?(?:\s+de\s+l['’]ANSSI)?",
        "thing_en": r"(?:(?:SecNumCloud\s+|SNC\s+)?qualification(?:\s+SecNumCloud)?|SecNumCloud\s+certification)(?:\s+(?:v\s*)?3\.2)?",
        "fr": "qualification SecNumCloud de {name}", "en": "{name}'s SecNumCloud qualification",
    },
    "hds_certified": {
        "nouns": r"(?:la\s+|sa\s+)?certification\s+HDS\s+(?:de|du|d['’])\s*(?:le\s+|la\s+)?",
        "verbs": r"(?:a\s+été|avait\s+été|fut|a\s+obtenu|obtient|a\s+reçu|got|obtained|received|was|became|gained|earned)"
                 r"\s+(?:sa\s+|la\s+|son\s+|its\s+|the\s+|an?\s+)?(?:certifiée?s?\s+HDS|HDS|certification\s+HDS|HDS\s+certifi\w*)",
        "possessive": r"['’]s\s+HDS\s+certification",
        "thing_fr": r"certification\s+HDS|agrément\s+HDS",
        "thing_en": r"HDS\s+certification|HDS\s+certificate|certification\s+HDS",
        "fr": "certification HDS de {name}", "en": "{name}'s HDS certification",
    },
}
# Offer names that are only unique with their provider's name ("IaaS", "SaaS").
_GENERIC = re.compile(r"^(?:[IPS]aaS|Cloud|Public Cloud)$", re.I)


def _alternation(names) -> str:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


def _holder_names(provider, offer, only: bool) -> list[str]:
    """The names of the fact's holder; `only`: the offer is its provider's only offer with such a
    fact, so the provider's own name says it too ("quand Oodrive a été qualifiée")."""
    if offer is None:
        return [provider.name, *provider.aliases]
    own = [offer.name] if not _GENERIC.match(offer.name) else []
    company = [provider.name, *provider.aliases] if only else []
    return [*own, *offer.aliases, *(f"{p} {offer.name}" for p in (provider.name, *provider.aliases)), *company]


# An act that starts the fact, said as a noun ("l'obtention", "la délivrance", "the granting"), and the
# holder's own words ("sa qualification", "its qualification").
_ACT_FR = r"(?:l['’]|la\s+)?(?:obtention|délivrance|attribution|octroi|remise)"
_ACT_EN = r"(?:the\s+)?(?:granting|grant|awarding|award|issuance|issuing|obtaining|obtention|receipt)"
_OWN = r"(?:(?:sa|la|son|leur|its|the|their|a|an)\s+)?"


def _patterns(kind: dict, names: str) -> list[str]:
    of_provider = r"(?:\s+(?:de|d['’]|of)\s*[\w-]+)?"
    holder = rf"(?:le\s+|la\s+|l['’]|the\s+)?(?:{names}){of_provider}"
    fr, en = kind["thing_fr"], kind["thing_en"]
    return [rf"(?:{_ACT_FR}\s+(?:de\s+|d['’])\s*)?{kind['nouns']}(?:{names}){of_provider}",
            rf"{holder}\s+{kind['verbs']}", rf"(?:{names}){kind['possessive']}",
            # round 13: act nouns with their agent ("l'obtention par PREMI3NS de sa qualification", "la
            # délivrance de la qualification SecNumCloud à S3NS", "the granting of the qualification to X")
            rf"{_ACT_FR}\s+par\s+{holder}\s+(?:de\s+|d['’])\s*{_OWN}(?:{fr})",
            rf"{_ACT_FR}\s+(?:de\s+|d['’])\s*{_OWN}(?:{fr})\s+(?:par|à|au)\s+{holder}",
            rf"{_ACT_FR}\s+(?:à|au)\s+{holder}\s+(?:de\s+|d['’])\s*{_OWN}(?:{fr})",
            rf"{_ACT_EN}\s+(?:of\s+)?{_OWN}(?:{en})\s+(?:to|by)\s+{holder}",
            rf"{_ACT_EN}\s+(?:to|by)\s+{holder}\s+of\s+{_OWN}(?:{en})",
            rf"(?:the\s+)?(?:{en})\s+of\s+{holder}",
            rf"{holder}\s+(?:obtaining|getting|receiving|being\s+granted)\s+{_OWN}(?:{en})"]


def _only(provider, name: str) -> bool:
    return sum(1 for o in provider.offers if any(f.name == name and f.value is True for f in o.facts)) == 1


@lru_cache(maxsize=1)
def registry_events() -> list[dict]:
    """One event row per registry fact that starts a qualification or a certification."""
    from assistant.checker import default_registry
    rows = []
    for provider in default_registry().providers:
        holders = [(None, provider.facts)] + [(offer, offer.facts) for offer in provider.offers]
        for offer, facts in holders:
            for name, kind in _KINDS.items():
                starts = [f for f in facts if f.name == name and f.value is True]
                if not starts:
                    continue
                fact = min(starts, key=lambda f: f.valid_from.first if f.valid_from else dt.date.min)
                label = offer.name if offer is not None and not _GENERIC.match(offer.name) else \
                    f"{provider.name} {offer.name}" if offer is not None else provider.name
                row = {"id": f"registry:{provider.name}:{offer.name if offer else ''}:{name}",
                       "name_fr": elide(kind["fr"].format(name=label)), "name_en": kind["en"].format(name=label),
                       "source": f"registre, {fact.holder or label} : {fact.source.label()}",
                       "patterns": _patterns(kind, _alternation(_holder_names(provider, offer, _only(provider, name))))}
                if fact.start_known and fact.valid_from is not None:
                    row["date"] = fact.valid_from.first.isoformat()
                    if fact.valid_from.precision != "day":
                        row["last"] = fact.valid_from.last.isoformat()
                else:
                    row["unknown_why"] = "le registre ne donne pas le premier jour de ce fait"
                rows.append(row)
    return rows
