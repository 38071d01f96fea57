"""The provider registry: dated, sourced facts about cloud providers and their offers.

One YAML file per provider in `data/registry/`. Each fact carries `value`, `valid_from` /
`valid_to` (day, month or year precision; `null` = no bound known), `source` (a corpus
passage `doc_id` + verbatim `quote`, or an external `url` + `published` date),
`confidence` (official, secondary, claimed) and `last_reviewed`. Facts hold at offer level
or provider level; an offer's own record wins over its provider's. SecNumCloud qualifies a
service, so `secnumcloud` is refused at provider level.

A fact not covered by any record at T is *unknown*: the registry never guesses. The loader
refuses a malformed record with an `InputDataError` naming the file and the record.

This module does not apply rules (see `engine`) nor check quotes against the corpus (a test
does, with `ingest.documents.load_corpus`).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path


from assistant.checker.dates import IMPRECISE, INSIDE, PartialDate, place
from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.folding import fold_words

REGISTRY_DIR = Path(__file__).resolve().parent / "data" / "registry"
SOURCES_DIR = Path(__file__).resolve().parent / "data" / "sources"
CONFIDENCE = ("official", "secondary", "claimed")  # press reports are secondary sources (rules.md)
# name -> type of value; `secnumcloud` may also carry `version`, `subject_to_non_eu_law` a `reason`.
FACT_TYPES = {
    "hds_certified": bool,
    "secnumcloud": bool,
    "subject_to_non_eu_law": bool,
    "seat_country": str,
    "commercial_offer": bool,
    "eu_eea_storage": bool,
}
OFFER_ONLY = {"secnumcloud"}
FACT_KEYS = {"name", "value", "valid_from", "valid_to", "start_known", "source", "confidence",
             "last_reviewed", "note", "version", "reason", "reason_fr", "also"}


@dataclass(frozen=True)
class Source:
    doc_id: str | None = None
    quote: str | None = None
    section: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    via: str | None = None  # the compilation in data/sources/ that gives this source and quote

    def label(self) -> str:
        if self.doc_id:
            return self.doc_id + (f" ({self.section})" if self.section else "")
        return f"{self.title or self.url}" + (f" ({self.published})" if self.published else "")

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Fact:
    name: str
    value: object
    valid_from: PartialDate | None
    valid_to: PartialDate | None
    source: Source
    confidence: str
    last_reviewed: dt.date
    start_known: bool = True
    note: str | None = None
    version: str | None = None
    reason: str | None = None
    reason_fr: str | None = None
    holder: str = ""  # "Provider" or "Provider / Offer"
    also: tuple[Source, ...] = ()  # further passages supporting the period (e.g. its end)

    def to_json(self) -> dict:
        out = {"name": self.name, "value": self.value,
               "valid_from": self.valid_from.iso() if self.valid_from else None,
               "valid_to": self.valid_to.iso() if self.valid_to else None,
               "source": self.source.label(), "quote": self.source.quote, "url": self.source.url,
               "confidence": self.confidence, "last_reviewed": self.last_reviewed.isoformat(),
               "holder": self.holder}
        if not self.start_known:
            out["start_known"] = False
        if self.also:
            out["also"] = [s.to_json() for s in self.also]
        for key in ("version", "reason", "note"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class Lookup:
    """A fact as of T: `value` is None when unknown; `why` says why it is unknown."""
    name: str
    value: object
    fact: Fact | None
    why: str = ""

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclass
class Offer:
    name: str
    provider: "Provider"
    aliases: tuple[str, ...] = ()
    kind: str = ""
    facts: list[Fact] = field(default_factory=list)
    note: str | None = None
    # words a source uses to describe the offer ("son offre purement « Cloud de Confiance »"), each list
    # with its source: an offer of the named provider said in these words is this one when no other
    # offer of the provider is described so (question understanding, round 10)
    described_as: tuple[str, ...] = ()


@dataclass
class Provider:
    name: str
    aliases: tuple[str, ...] = ()
    facts: list[Fact] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    note: str | None = None
    path: str = ""

    def offer(self, name: str) -> Offer | None:
        key = fold_words(name)
        for offer in self.offers:
            if key in {fold_words(offer.name), *(fold_words(a) for a in offer.aliases)}:
                return offer
        return None



def _bad(path, record: str, reason: str) -> InputDataError:
    return InputDataError(f"{path}: record {record}: {reason}")


def _date(path, record, raw, key, required=False):
    if raw is None:
        if required:
            raise _bad(path, record, f"'{key}' is missing")
        return None
    try:
        return PartialDate.parse(raw)
    except ValueError as exc:
        raise _bad(path, record, f"'{key}' {exc}") from None


def _source(path, record, raw) -> Source:
    if not isinstance(raw, dict):
        raise _bad(path, record, "'source' is missing (a fact without a source does not go in)")
    unknown = set(raw) - {"doc_id", "quote", "section", "url", "published", "title", "via"}
    if unknown:
        raise _bad(path, record, f"unknown source field(s) {sorted(unknown)}")
    if raw.get("doc_id"):
        if not isinstance(raw.get("quote"), str) or not raw["quote"].strip():
            raise _bad(path, record, "a corpus source needs a verbatim 'quote'")
        return Source(doc_id=raw["doc_id"], quote=raw["quote"], section=raw.get("section"))
    if raw.get("url"):
        if not raw.get("published") and not raw.get("via"):
            raise _bad(path, record, "an external source needs its 'published' date (or the compilation it comes 'via')")
        if raw.get("via") and not (SOURCES_DIR / raw["via"]).is_file():
            raise _bad(path, record, f"'via' names no file of {SOURCES_DIR.name}/: {raw['via']!r}")
        pub = _date(path, record, raw["published"], "published") if raw.get("published") else None
        return Source(url=raw["url"], published=pub.iso() if pub else None, title=raw.get("title"),
                      quote=raw.get("quote"), via=raw.get("via"))
    raise _bad(path, record, "'source' needs a corpus doc_id + quote, or a url + published date")


def _fact(path, holder: str, raw, n: int, offer_level: bool) -> Fact:
    record = f"{holder} fact #{n}"
    if not isinstance(raw, dict):
        raise _bad(path, record, "a fact must be a mapping")
    name = raw.get("name")
    record = f"{holder} fact #{n} ({name})"
    if name not in FACT_TYPES:
        raise _bad(path, record, f"fact name must be one of {', '.join(FACT_TYPES)}")
    if name in OFFER_ONLY and not offer_level:
        raise _bad(path, record, f"'{name}' qualifies an offer, not a company: put it under an offer")
    unknown = set(raw) - FACT_KEYS
    if unknown:
        raise _bad(path, record, f"unknown field(s) {sorted(unknown)}")
    value = raw.get("value")
    if not isinstance(value, FACT_TYPES[name]):
        raise _bad(path, record, f"'value' must be a {FACT_TYPES[name].__name__}, not {value!r}")
    start = _date(path, record, raw.get("valid_from"), "valid_from")
    end = _date(path, record, raw.get("valid_to"), "valid_to")
    if start and end and start.first > end.last:
        raise _bad(path, record, "valid_from is after valid_to")
    confidence = raw.get("confidence")
    if confidence not in CONFIDENCE:
        raise _bad(path, record, f"'confidence' must be one of {', '.join(CONFIDENCE)}")
    reviewed = _date(path, record, raw.get("last_reviewed"), "last_reviewed", required=True)
    if reviewed.precision != "day":
        raise _bad(path, record, "'last_reviewed' must be a full date")
    start_known = raw.get("start_known", True)
    if not isinstance(start_known, bool):
        raise _bad(path, record, "'start_known' must be true or false")
    also = raw.get("also") or []
    if not isinstance(also, list):
        raise _bad(path, record, "'also' must be a list of sources")
    if name == "subject_to_non_eu_law" and value and not raw.get("reason"):
        raise _bad(path, record, "a subject_to_non_eu_law fact needs its 'reason'")
    return Fact(name=name, value=value, valid_from=start, valid_to=end,
                source=_source(path, record, raw.get("source")), confidence=confidence,
                last_reviewed=reviewed.first, start_known=start_known, note=raw.get("note"),
                version=str(raw["version"]) if raw.get("version") is not None else None,
                reason=raw.get("reason"), reason_fr=raw.get("reason_fr"), holder=holder,
                also=tuple(_source(path, record, a) for a in also))


def _check_conflicts(path, holder: str, facts: list[Fact]) -> None:
    """Two records of one fact with different values must not overlap (fail loudly)."""
    for i, a in enumerate(facts):
        for b in facts[i + 1:]:
            if a.name != b.name or a.value == b.value:
                continue
            a0 = a.valid_from.first if a.valid_from else dt.date.min
            b0 = b.valid_from.first if b.valid_from else dt.date.min
            a1 = a.valid_to.last if a.valid_to else dt.date.max
            b1 = b.valid_to.last if b.valid_to else dt.date.max
            if a0 <= b1 and b0 <= a1 and not (a.valid_to and b.valid_from and a.valid_to.last < b.valid_from.first):
                raise _bad(path, f"{holder} fact '{a.name}'",
                           "two records with different values overlap in time")


def _strings(path, record, raw, key) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise _bad(path, record, f"'{key}' must be a list of names")
    return tuple(value)


def _descriptions(path, holder: str, raw: dict) -> tuple[str, ...]:
    """The words of an offer's `described_as` entries; each entry needs `words` and a `source` with a
    verbatim `quote` (the words a source uses, not ours)."""
    out: list[str] = []
    for n, entry in enumerate(raw.get("described_as") or [], 1):
        source = entry.get("source") if isinstance(entry, dict) else None
        if not (isinstance(source, dict) and source.get("quote") and entry.get("words")):
            raise _bad(path, f"{holder} description #{n}", "'described_as' entries need 'words' and a 'source' with a 'quote'")
        out += [str(w) for w in entry["words"]]
    return tuple(out)


def load_provider(path: Path) -> Provider:
    raw = read_yaml(path, "this registry file")
    if not isinstance(raw, dict) or not isinstance(raw.get("provider"), str):
        raise _bad(path, "provider", "the file must be a mapping with a 'provider' name")
    name = raw["provider"]
    provider = Provider(name=name, aliases=_strings(path, name, raw, "aliases"), note=raw.get("note"),
                        path=str(path))
    facts = raw.get("facts") or []
    if not isinstance(facts, list):
        raise _bad(path, name, "'facts' must be a list")
    provider.facts = [_fact(path, name, f, i, offer_level=False) for i, f in enumerate(facts, 1)]
    _check_conflicts(path, name, provider.facts)
    offers = raw.get("offers") or []
    if not isinstance(offers, list):
        raise _bad(path, name, "'offers' must be a list")
    for j, o in enumerate(offers, 1):
        if not isinstance(o, dict) or not isinstance(o.get("name"), str):
            raise _bad(path, f"{name} offer #{j}", "an offer needs a 'name'")
        holder = f"{name} / {o['name']}"
        offer = Offer(name=o["name"], provider=provider, aliases=_strings(path, holder, o, "aliases"),
                      kind=o.get("kind", ""), note=o.get("note"), described_as=_descriptions(path, holder, o))
        offer_facts = o.get("facts") or []
        if not isinstance(offer_facts, list):
            raise _bad(path, holder, "'facts' must be a list")
        offer.facts = [_fact(path, holder, f, i, offer_level=True) for i, f in enumerate(offer_facts, 1)]
        _check_conflicts(path, holder, offer.facts)
        provider.offers.append(offer)
    return provider


class Registry:
    """Providers and offers by name or alias; facts as of a date."""

    def __init__(self, providers: list[Provider]):
        self.providers = providers
        self._alias: dict[str, tuple[Provider, Offer | None]] = {}
        for p in providers:
            for alias in (p.name, *p.aliases):
                self._add(fold_words(alias), p, None)
            for o in p.offers:
                # a bare offer name such as "IaaS" is only unique within its provider
                for alias in (f"{p.name} {o.name}", *o.aliases):
                    self._add(fold_words(alias), p, o)

    def _add(self, key: str, provider: Provider, offer: Offer | None) -> None:
        known = self._alias.get(key)
        if known and known != (provider, offer):
            raise InputDataError(f"{provider.path}: record {provider.name}: alias {key!r} is already used "
                                 f"by {known[0].name}.")
        self._alias[key] = (provider, offer)

    @classmethod
    def load(cls, folder: Path | None = None) -> "Registry":
        folder = Path(folder or REGISTRY_DIR)
        files = sorted(folder.glob("*.yaml"))
        if not files:
            raise InputDataError(f"{folder}: no registry files (*.yaml).")
        return cls([load_provider(f) for f in files])

    def resolve(self, name: str) -> tuple[Provider, Offer | None] | None:
        """(provider, offer or None) for a provider or offer name or alias; None if unknown."""
        return self._alias.get(fold_words(name)) if name else None

    def provider(self, name: str) -> Provider | None:
        hit = self.resolve(name)
        return hit[0] if hit else None

    def aliases(self) -> dict[str, tuple[str, str | None]]:
        """Every alias as written in the registry -> (provider name, offer name or None)."""
        out: dict[str, tuple[str, str | None]] = {}
        for p in self.providers:
            for alias in (p.name, *p.aliases):
                out[alias] = (p.name, None)
            for o in p.offers:
                for alias in o.aliases:
                    out[alias] = (p.name, o.name)
        return out

    @staticmethod
    def fact_at(provider: Provider | None, offer: Offer | None, name: str, t: dt.date) -> Lookup:
        """The value of fact `name` at T: offer records first, then provider records."""
        if provider is None:
            return Lookup(name, None, None, "fournisseur absent du registre")
        layers = ([offer.facts] if offer else []) + ([provider.facts] if name not in OFFER_ONLY else [])
        if name in OFFER_ONLY and offer is None:
            return Lookup(name, None, None, "aucune offre désignée (la qualification porte sur une offre)")
        imprecise: Fact | None = None
        for facts in layers:
            for fact in (f for f in facts if f.name == name):
                where = place(t, fact.valid_from, fact.valid_to)
                if where == INSIDE:
                    return Lookup(name, fact.value, fact)
                if where == IMPRECISE and imprecise is None:
                    imprecise = fact
        if imprecise is not None:
            return Lookup(name, None, imprecise,
                          "date connue seulement au mois ou à l'année : la date demandée tombe dans cette période")
        return Lookup(name, None, None, "aucun fait sourcé ne couvre cette date")


@functools.lru_cache(maxsize=1)
def default_registry() -> Registry:
    return Registry.load(REGISTRY_DIR)
