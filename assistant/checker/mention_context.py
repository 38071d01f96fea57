"""What the words around a provider's name say about that mention, for the claim extractor.

Two readings, both from the `mention_context` section of `data/claim_language.yaml`:
- `offer_beside`: the provider's own offer named next to it ("le Public Cloud d'OVH",
  "l'offre IaaS d'Outscale", "Oodrive's SaaS"): the offer names are the registry's, so a bare
  "IaaS" counts only beside its own provider.
- `possessive_offers`: an offer a later clause names through a possessive ("…, tandis que son
  Public Cloud reste écarté"): the offer of the provider named before.
- `makers`: mentions that name a provider only as the maker of a technology another provider
  uses ("Bleu, qui s'appuie sur une technologie Microsoft", "built on Microsoft technology");
  they are not a claim's subject when the sentence names another provider.
- `compared`: mentions that are the standard of a comparison ("Bleu, plus sûr que Microsoft 365,
  est retenu …", "NumSpot, more secure than Google Cloud Platform, was chosen …"): the verdict is
  the other provider's (`claims.extract_claims` gives such a mention no claim, but still reads and
  masks it as a mention: the polarity model's clauses stay as fitted); whether a bare comparison
  asserts anything is `assertions`'s business (`not_an_assertion.comparison`).
- `owners`: mentions inside a phrase that says who owns or formed the provider named just before
  ("PREMI3NS, la coentreprise de Thales et Google, accueille …"): an apposition describes its
  head, so the owners are not subjects.
- `customer_words`: the sentence with what belongs to a provider blanked out (its owners'
  phrase, a place it runs: "its Paris region", "la filiale commune"), where the customer is
  looked for: a provider's region is not a customer "région".
- `anaphor`: a sentence naming no provider that opens on a pronoun ("Il ne peut cependant
  pas ...", "It may therefore host ...") goes on about the claim sentence just before: a
  singular pronoun stands for its one provider, a plural one ("ils", "they") for all of them;
  the impersonal "il est interdit de ..." / "it is prohibited to ..." names nobody. After a
  sentence that asserts nothing ("AWS a ouvert une région à Paris. Elle est conforme ...")
  a pronoun is not read: its antecedent may be any noun; unless that sentence puts the provider
  under review (`under_review`, round 19: "Nous avons étudié Google Workspace pour la préfecture.
  Il n'est pas conforme …"): the offer examined is the topic the verdict after it takes up.

It reads words only; which provider a mention is comes from `claims.mentions`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.checker.assertions import LANGUAGE_FILE
from assistant.checker.registry import default_registry
from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.folding import tolerant_rx

Mention = tuple[int, int, str, "str | None"]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    raw = read_yaml(LANGUAGE_FILE, "the claim language file") or {}
    try:
        section = raw["mention_context"]
        return {key: section[key] for key in ("offer_before", "offer_after", "offer_possessive", "maker_before",
                                              "maker_after", "compared_before", "anaphor", "impersonal", "owners",
                                              "own_place", "under_review")}
    except (KeyError, TypeError) as exc:
        raise InputDataError(f"{LANGUAGE_FILE}: mention_context lacks {exc}.") from None


@lru_cache(maxsize=64)
def _offer_names(provider: str) -> dict[str, str]:
    """The names of the provider's offers (registry names and aliases) with the offer each names;
    an offer whose name holds the provider's own name is also named by the rest when that rest
    has two words or more ("Cloud de confiance NumSpot": "le cloud de confiance de NumSpot"; not
    "Scaleway Cloud": a bare "cloud de Scaleway" names no offer)."""
    record = default_registry().provider(provider)
    out: dict[str, str] = {}
    for offer in record.offers if record else []:
        for name in (offer.name, *offer.aliases):
            if re.fullmatch(r"[\w .'’()-]+", name) and "_" not in name:
                out.setdefault(name, offer.name)
        rest = re.sub(rf"\s*\b{re.escape(record.name)}\b\s*", " ", offer.name).strip()
        if rest != offer.name and len(rest.split()) >= 2:
            out.setdefault(rest, offer.name)
    # the words a source describes an offer with (registry `described_as`), when no other offer of the
    # provider has them: the question reader reads them the same way (question._offer_in_other_words)
    described = [(w, o.name) for o in (record.offers if record else []) for w in o.described_as]
    for word, name in described:
        if sum(1 for w, _ in described if w.casefold() == word.casefold()) == 1:
            out.setdefault(word, name)
    return out


@lru_cache(maxsize=64)
def _offer_rx(provider: str) -> tuple[re.Pattern, re.Pattern, re.Pattern] | None:
    """(before, after, possessive) patterns naming one of the provider's offers, longest names first."""
    names = sorted(_offer_names(provider), key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    offer = f"(?P<offer>{alternatives})"
    p = _patterns()
    return tuple(tolerant_rx(p[key].replace("{OFFER}", offer), re.I)
                 for key in ("offer_before", "offer_after", "offer_possessive"))


def _offer_named(provider: str, name: str) -> str | None:
    """The registry name of the provider's offer called `name`, or None."""
    folded = {n.casefold(): offer for n, offer in _offer_names(provider).items()}
    if " ".join(name.split()).casefold() in folded:
        return folded[" ".join(name.split()).casefold()]
    record = default_registry().resolve(f"{provider} {name}") or default_registry().resolve(name)
    return record[1].name if record and record[1] and record[0].name == provider else None


def offer_beside(sentence: str, mention: Mention) -> str | None:
    """The offer of the mention's provider named right before or after it, or None."""
    start, end, provider, offer = mention
    if offer is not None:
        return offer
    rx = _offer_rx(provider)
    if rx is None:
        return None
    hit = rx[0].search(sentence[max(0, start - 60):start]) or rx[1].search(sentence[end:end + 60])
    return _offer_named(provider, hit.group("offer")) if hit else None


def possessive_offers(sentence: str, spans: list[tuple[int, int]], found: list[Mention]) -> list[Mention]:
    """Mentions for the offers a clause naming no provider names through a possessive ("Le Bare
    Metal Pod d'OVHcloud est qualifié, tandis que son Public Cloud reste écarté": OVHcloud's
    Public Cloud), each the offer of a provider named in an earlier clause, placed on the offer's
    words; a clause names its own subject this way only when exactly one earlier provider has
    such an offer."""
    out: list[Mention] = []
    for i, (a, b) in enumerate(spans):
        if i == 0 or any(a <= m[0] < b for m in found):
            continue
        hits = {}
        for provider in dict.fromkeys(m[2] for m in found if m[0] < a):
            rx = _offer_rx(provider)
            hit = rx[2].search(sentence, a, b) if rx else None
            offer = _offer_named(provider, hit.group("offer")) if hit else None
            if offer:
                hits[provider] = (hit.start("offer"), hit.end("offer"), provider, offer)
        if len(hits) == 1:
            out.extend(hits.values())
    return out


def makers(sentence: str, found: list[Mention]) -> set[int]:
    """Indexes in `found` of mentions naming a technology's maker, not a subject; empty when
    every mention is one (then none is set aside)."""
    p = _patterns()
    before, after = tolerant_rx(p["maker_before"], re.I), tolerant_rx(p["maker_after"], re.I)
    out = {i for i, (s, e, _p, _o) in enumerate(found)
           if before.search(sentence[max(0, s - 40):s]) or after.search(sentence[e:e + 30])}
    others = {found[i][2] for i in range(len(found)) if i not in out}
    return {i for i in out if others - {found[i][2]}}


def compared(sentence: str, found: list[Mention]) -> set[int]:
    """Indexes in `found` of mentions that are the standard of a comparison ("Bleu, plus sûr que
    Microsoft 365, est retenu …": Microsoft 365), not a subject; empty when every mention is one."""
    rx = tolerant_rx(_patterns()["compared_before"], re.I)
    out = {i for i, (s, _e, _p, _o) in enumerate(found) if rx.search(sentence[max(0, s - 60):s])}
    others = {found[i][2] for i in range(len(found)) if i not in out}
    return {i for i in out if others - {found[i][2]}}


def _owner_phrases(sentence: str, found: list[Mention]) -> list[tuple[int, int, str]]:
    """(start, end, provider) of each phrase right after a mention that names its owners."""
    rx = tolerant_rx(_patterns()["owners"], re.I)
    out = []
    for _s, e, provider, _o in found:
        hit = rx.match(sentence, e)
        if hit and hit.end() > hit.start():
            out.append((hit.start(), hit.end(), provider))
    return out


def owners(sentence: str, found: list[Mention]) -> set[int]:
    """Indexes in `found` of mentions inside an owners' phrase of another provider ("S3NS, la
    filiale commune de Thales et de Google, …": Google); empty when every mention is one."""
    phrases = _owner_phrases(sentence, found)
    out = {i for i, (s, _e, provider, _o) in enumerate(found)
           if any(a <= s < b and provider != head for a, b, head in phrases)}
    return out if len(out) < len(found) else set()


def customer_words(sentence: str, found: list[Mention]) -> str:
    """The sentence, same length, with the provider's own words blanked: its owners' phrase and
    the places it runs (`own_place`); what is left is where a customer may be named."""
    spans = [(a, b) for a, b, _p in _owner_phrases(sentence, found)]
    spans += [m.span() for m in tolerant_rx(_patterns()["own_place"], re.I).finditer(sentence)]
    chars = list(sentence)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def anaphor(sentence: str, before: list[Mention]) -> list[Mention]:
    """The mentions a pronoun opening the sentence stands for (`before`: the subjects of the
    claim sentence just before), placed on the pronoun; [] when none or ambiguous."""
    p = _patterns()
    hit = re.search(p["anaphor"], sentence, re.I)
    if not hit or not before or re.search(p["impersonal"], sentence, re.I):
        return []
    best: dict[str, str | None] = {}
    for _s, _e, provider, offer in before:
        best[provider] = best.get(provider) or offer
    if hit.group("plural") is None and len(best) != 1:
        return []
    return [(hit.start("who"), hit.end("who"), provider, offer) for provider, offer in best.items()]


def under_review(sentence: str) -> bool:
    """Whether a sentence that asserts no eligibility puts a provider under review ("Nous avons étudié X pour
    la préfecture", "We reviewed X last week", "Le comité a examiné l'offre X"): its provider is the topic
    a pronoun in the next sentence takes up (`anaphor`)."""
    return bool(re.search(_patterns()["under_review"], sentence, re.I))
