"""What the provider registry says at a date, in one sentence: the offers qualified
SecNumCloud and certified HDS at T, each with how sure the registry is.

Used to date-stamp passages that state a count or list of qualified hosts ("only three
hosters" was true on 2021-09-28, not forever). It reads registry facts only; it makes no
claim the registry does not hold, and says when a fact is only claimed or secondary.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.checker import Registry, default_registry
from assistant.wording import COLON

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


FACT_LABELS = {
    "hds_certified": {"fr": "certifié HDS", "en": "HDS certified"},
    "subject_to_non_eu_law": {"fr": "soumis à un droit extra-européen", "en": "subject to non-EU law"},
    "secnumcloud": {"fr": "qualifiée SecNumCloud", "en": "SecNumCloud qualified"},
}
CONFIDENCE = {"official": {"fr": "source officielle", "en": "official source"},
              "secondary": {"fr": "source secondaire", "en": "secondary source"},
              "claimed": {"fr": "déclaration du fournisseur", "en": "provider's claim"}}

@dataclass(frozen=True)
class FactLine:
    text: str
    doc_id: str | None  # a corpus passage the fact rests on, to cite
    quote: str | None
    name: str = ""      # the registry fact: "hds_certified", "secnumcloud", "subject_to_non_eu_law"
    value: bool | None = None  # the fact's value at T (None: the registry does not know)
    ended: str | None = None   # for an unknown value: the last day a sourced fact held (ISO), if one did


# Which registry fact a question asks about, so that its lines come first (the first line is the
# short answer every channel shows): "Bleu est-il qualifié SecNumCloud ?" is about `secnumcloud`.
_ASKED = {
    "secnumcloud": re.compile(r"SecNumCloud|\bSNC\b|qualifi\w*", re.I),
    "hds_certified": re.compile(r"\bHDS\b|certifi\w*|h[ée]bergeur\s+de\s+donn[ée]es\s+de\s+sant[ée]", re.I),
    "subject_to_non_eu_law": re.compile(r"CLOUD\s+Act|FISA|soumis|subject\s+to|droit\s+(?:américain|extra)|US\s+law"
                                        r"|extraterritorial", re.I),
}
# Words that ask about the registry without naming one of its facts ("un fournisseur américain ?").
_ASKS_ABOUT_LAW = re.compile(r"américain|extraterritorial", re.I)


# "certifié" names the HDS certificate only when the question names no other qualification: in
# "is Bleu SecNumCloud certified?" it is the verb of SecNumCloud (people say certified for qualified).
_HDS_BY_NAME = re.compile(r"\bHDS\b|h[ée]bergeur\s+de\s+donn[ée]es\s+de\s+sant[ée]", re.I)


def _asked(question: str) -> set[str]:
    """The registry facts a question names."""
    asked = {name for name, rx in _ASKED.items() if rx.search(question)}
    if "secnumcloud" in asked and not _HDS_BY_NAME.search(question):
        asked.discard("hds_certified")
    return asked


# A question asking for a list or a name, not for a yes or a no ("Quelles offres…", "Which…").
_OPEN_QUESTION = re.compile(r"^\W*(?:quel(?:le)?s?|lesquel\w*|combien|qui|o[uù]|which|what|who|how\s+many|where)\b", re.I)


def answer_word(lines: list[FactLine], question: str) -> str | None:
    """"yes" / "no" for a yes-no question on registry facts when every line of the facts it asks
    about agrees ("Scaleway est-il certifié HDS ?" -> "yes" when the registry holds it at T),
    "depends" when known lines disagree (one offer qualified, another not) or when a fact is
    unknown at T because its last sourced value ended before T (the line says from when it is
    unknown and what the last sourced fact was: an unknown is never read as that last value); None
    when the question is not a yes-no one, names no fact, or the registry never knew one of them."""
    if _OPEN_QUESTION.search(question):
        return None
    asked = [line for line in lines if line.name in _asked(question)]
    values = {line.value for line in asked}
    if not values or any(line.value is None and line.ended is None for line in asked):
        return None
    if None in values:
        return "depends"
    return ("yes" if True in values else "no") if len(values) == 1 else "depends"


# A yes-no question whose predicate is a registry fact: "X est-il qualifié SecNumCloud ?", "is X
# HDS certified?", "X était-il soumis au CLOUD Act en 2022 ?" (a verb of being, then the fact within
# a few words).
_FACT_PREDICATE = re.compile(
    r"\b(?:est|sont|[ée]tait|[ée]taient|sera|seront|is|are|was|were|will\s+be|has\s+been|have\s+been|a|ont|avait|has|have|had)"
    r"(?:-(?:t-)?(?:il|elle|ils|elles|on))?\s+(?:\S+\s+){0,3}?"
    r"(?:qualifi\w*|certifi\w*|soumis\w*|subject\s+to|HDS\b|SecNumCloud\b)", re.I)


def asks_only_a_fact(question: str) -> bool:
    """Whether the question is a yes-no question on a registry fact of a provider or offer ("OVHcloud
    Hosted Private Cloud est-il qualifié SecNumCloud ?"), not on hosting something there."""
    return not _OPEN_QUESTION.search(question) and bool(_FACT_PREDICATE.search(question))


def asked_first(lines: list[FactLine], question: str) -> list[FactLine]:
    """The lines of the facts the question names first, in the registry's order otherwise; a
    question naming none (or every one) keeps the registry's order."""
    asked = _asked(question)
    return sorted(lines, key=lambda line: line.name not in asked)


def asks_for_facts(question: str) -> bool:
    """Whether the question asks about registry facts (a qualification, a certification, a
    foreign law), whichever fact it names."""
    return bool(_asked(question)) or bool(_ASKS_ABOUT_LAW.search(question))


_WHY_EN = {
    "aucun fait sourcé ne couvre cette date": "no sourced fact covers this date",
    "fournisseur absent du registre": "provider not in the registry",
    "aucune offre désignée (la qualification porte sur une offre)": "no offer named (qualification is per offer)",
    "date connue seulement au mois ou à l'année : la date demandée tombe dans cette période":
        "date known only to the month or year, and the date asked falls in that period",
}


def _value(lookup, lang: str) -> str:
    if lookup.value is True:
        return {"fr": "oui", "en": "yes"}[lang]
    if lookup.value is False:
        return {"fr": "non", "en": "no"}[lang]
    why = _WHY_EN.get(lookup.why, lookup.why) if lang == "en" else lookup.why
    return {"fr": f"inconnu ({why})", "en": f"unknown ({why})"}[lang]


def _known_later(facts, name: str, as_of: dt.date, lang: str) -> str:
    """For a fact unknown at T, what the registry knows from a later date (" ; connu à partir du
    2021-09-28 : oui"), so that "inconnu en 2020" does not hide that it is known from 2021; "" when
    nothing later is known."""
    later = sorted((f for f in facts if f.name == name and f.valid_from is not None and f.valid_from.first > as_of),
                   key=lambda f: f.valid_from.first)
    if not later:
        return ""
    fact = later[0]
    value = _value(type("L", (), {"value": fact.value, "why": ""})(), lang)
    return {"fr": f" ; connu à partir du {fact.valid_from.iso()} : {value}",
            "en": f"; known from {fact.valid_from.iso()}: {value}"}[lang]


def last_known(facts, name: str, as_of: dt.date):
    """The registry's latest fact `name` whose validity ended before T (None when there is none):
    the last thing a source said, for a fact unknown at T."""
    ended = [f for f in facts if f.name == name and f.valid_to is not None and f.valid_to.last < as_of]
    return max(ended, key=lambda f: f.valid_to.last, default=None)


def _end_source(fact):
    """The source that dates the end of a fact's validity: the latest published of its passages."""
    sources = [fact.source, *fact.also]
    dated = [s for s in sources if s.published]
    return max(dated, key=lambda s: str(s.published)) if dated else fact.source


def _known_until(fact, lang: str) -> str:
    """For a fact unknown at T whose last sourced value ended before T, when it is unknown from and
    what the last sourced fact was: "unknown after 2025-04-17 — last sourced fact: no, until
    2025-04-17 (…); no sourced fact covers a later date"."""
    end = fact.valid_to.iso()
    value = _value(type("L", (), {"value": fact.value, "why": ""})(), lang)
    detail = _details(fact, lang)
    source = _end_source(fact)
    if source is not fact.source and source.doc_id is None:
        detail.append(source.label())
    return {"fr": f"inconnu après le {end} — dernier fait sourcé : {value}, jusqu'au {end} ({'; '.join(detail)}) ; "
                  "aucun fait sourcé ne couvre une date postérieure",
            "en": f"unknown after {end} — last sourced fact: {value}, until {end} ({'; '.join(detail)}); "
                  "no sourced fact covers a later date"}[lang]


def _details(fact, lang: str) -> list[str]:
    """Since when, why, which version, how sure and (when no corpus passage is cited) from where."""
    detail = []
    if fact.valid_from is not None:
        since = fact.valid_from.iso()
        detail.append(({"fr": "au moins depuis ", "en": "at least since "} if not fact.start_known
                       else {"fr": "depuis ", "en": "since "})[lang] + since)
    reason = fact.reason_fr if lang == "fr" and fact.reason_fr else fact.reason
    if reason:
        detail.append(reason)
    if fact.version:
        detail.append(f"v{fact.version}")
    detail.append(CONFIDENCE[fact.confidence][lang])
    if fact.source.doc_id is None:
        detail.append(fact.source.label())
    return detail


def _fact_line(holder: str, name: str, lookup, lang: str, later: str = "", ended=None) -> FactLine:
    """One registry fact at T; `ended`: the last fact whose validity ended before T, said when the
    fact is unknown at T."""
    if lookup.value is None and ended is not None:
        source = ended.source if ended.source.doc_id else _end_source(ended)
        return FactLine(f"{holder} — {FACT_LABELS[name][lang]}{COLON[lang]}{_known_until(ended, lang)}",
                        source.doc_id, source.quote, name, None, ended.valid_to.iso())
    parts = [f"{holder} — {FACT_LABELS[name][lang]}{COLON[lang]}{_value(lookup, lang)}{later if lookup.value is None else ''}"]
    fact = lookup.fact
    if fact is not None and lookup.value is not None:
        parts.append(f"({'; '.join(_details(fact, lang))})")
    source = fact.source if fact is not None else None
    return FactLine(" ".join(parts), source.doc_id if source else None, source.quote if source else None, name,
                    lookup.value)


def describe(provider: str, offer: str | None, as_of: dt.date, lang: str, registry: Registry | None = None,
             question: str = "") -> list[FactLine]:
    """The registry's facts on a provider (and each of its offers, or the one named) at T, the
    facts the question asks about first."""
    registry = registry or default_registry()
    record = registry.provider(provider)
    if record is None:
        return []
    lines = [_fact_line(record.name, name, registry.fact_at(record, None, name, as_of), lang,
                        _known_later(record.facts, name, as_of, lang), last_known(record.facts, name, as_of))
             for name in ("hds_certified", "subject_to_non_eu_law")]
    offers = [o for o in record.offers if offer is None or o.name == offer]
    for o in offers:
        label = o.name if record.name.casefold() in o.name.casefold() else f"{record.name} {o.name}"  # never a name twice
        lines.append(_fact_line(label, "secnumcloud", registry.fact_at(record, o, "secnumcloud", as_of), lang,
                                _known_later(o.facts, "secnumcloud", as_of, lang), last_known(o.facts, "secnumcloud", as_of)))
        hds = registry.fact_at(record, o, "hds_certified", as_of)
        if hds.fact is not None and hds.fact not in record.facts:
            lines.append(_fact_line(label, "hds_certified", hds, lang))
    return asked_first(lines, question)
