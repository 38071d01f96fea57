"""What the provider registry says at a date, in one sentence: the offers qualified
SecNumCloud and certified HDS at T, each with how sure the registry is.

Used to date-stamp passages that state a count or list of qualified hosts ("only three
hosters" was true on 2021-09-28, not forever). It reads registry facts only; it makes no
claim the registry does not hold, and says when a fact is only claimed or secondary.
"""
from __future__ import annotations

import datetime as dt
import re

from assistant.checker.registry import Registry, default_registry

_ASKS_FOR_LIST = re.compile(
    r"(?:qualifi\w*|certifi\w*|qualified|certified).{0,80}SecNumCloud|SecNumCloud.{0,80}(?:qualifi\w*|qualified)"
    r"|hébergeurs?.{0,40}(?:dans la course|qualifiés)|\b(?:trois|quatre|neuf|three|four|nine)\s+(?:hébergeurs|entreprises|hosters|companies)",
    re.I | re.S)


_STATES_A_COUNT = re.compile(
    r"\b(?:trois|quatre|neuf|three|four|nine|seul(?:e?s)?|only)\b.{0,80}(?:qualifi\w*|SecNumCloud)"
    r"|(?:hébergeurs|hosters|entreprises|fournisseurs)\s+qualifiés", re.I | re.S)


def mentions_qualified_hosts(text: str) -> bool:
    """A question asking which or how many hosts are qualified."""
    return bool(_ASKS_FOR_LIST.search(text))


def states_qualified_hosts(text: str) -> bool:
    """A passage stating a count or list of qualified hosts (true at its own date only)."""
    return bool(_STATES_A_COUNT.search(text))


def qualified_offers(as_of: dt.date, registry: Registry | None = None) -> list[tuple[str, bool | None]]:
    """(offer label, HDS certified at T or None if unknown) for offers qualified SecNumCloud at T."""
    registry = registry or default_registry()
    out = []
    for p in registry.providers:
        for o in p.offers:
            if registry.fact_at(p, o, "secnumcloud", as_of).value is True:
                out.append((f"{p.name} {o.name}", registry.fact_at(p, o, "hds_certified", as_of).value))
    return out


def snapshot(as_of: dt.date, lang: str) -> str:
    offers = qualified_offers(as_of)
    date = as_of.strftime("%d/%m/%Y") if lang == "fr" else as_of.isoformat()
    if not offers:
        return {"fr": f"Au {date}, le registre du projet ne connaît aucune offre qualifiée SecNumCloud par une source datée.",
                "en": f"As of {date}, the project's registry knows no SecNumCloud-qualified offer from a dated source."}[lang]
    hds = {True: {"fr": "HDS", "en": "HDS"}, None: {"fr": "HDS inconnu", "en": "HDS unknown"},
           False: {"fr": "non HDS", "en": "not HDS"}}
    items = ", ".join(f"{name} ({hds[h][lang]})" for name, h in offers)
    return {"fr": f"Au {date}, le registre du projet (sources de presse et secondaires, non la liste officielle de l'ANSSI) "
                  f"compte {len(offers)} offre(s) qualifiée(s) SecNumCloud : {items}.",
            "en": f"As of {date}, the project's registry (press and secondary sources, not ANSSI's official list) counts "
                  f"{len(offers)} SecNumCloud-qualified offer(s): {items}."}[lang]
