"""What the words around a provider's name say about that mention, for the claim extractor.

Two readings, both from the `mention_context` section of `data/claim_language.yaml`:
- `offer_beside`: the provider's own offer named next to it ("le Public Cloud d'OVH",
  "l'offre IaaS d'Outscale", "Oodrive's SaaS"): the offer names are the registry's, so a bare
  "IaaS" counts only beside its own provider.
- `makers`: mentions that name a provider only as the maker of a technology another provider
  uses ("Bleu, qui s'appuie sur une technologie Microsoft", "built on Microsoft technology");
  they are not a claim's subject when the sentence names another provider.
- `anaphor`: a sentence naming no provider that opens on a pronoun ("Il ne peut cependant
  pas ...", "It may therefore host ...") goes on about the claim sentence just before: a
  singular pronoun stands for its one provider, a plural one ("ils", "they") for all of them;
  the impersonal "il est interdit de ..." / "it is prohibited to ..." names nobody. After a
  sentence that asserts nothing ("AWS a ouvert une région à Paris. Elle est conforme ...")
  a pronoun is not read: its antecedent may be any noun.

It reads words only; which provider a mention is comes from `claims.mentions`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from assistant.checker.assertions import LANGUAGE_FILE
from assistant.checker.registry import default_registry
from assistant.datafile import read_yaml
from assistant.errors import InputDataError

Mention = tuple[int, int, str, "str | None"]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, str]:
    raw = read_yaml(LANGUAGE_FILE, "the claim language file") or {}
    try:
        section = raw["mention_context"]
        return {key: section[key] for key in ("offer_before", "offer_after", "maker_before", "maker_after",
                                              "anaphor", "impersonal")}
    except (KeyError, TypeError) as exc:
        raise InputDataError(f"{LANGUAGE_FILE}: mention_context lacks {exc}.") from None


@lru_cache(maxsize=64)
def _offer_rx(provider: str) -> tuple[re.Pattern, re.Pattern] | None:
    """(before, after) patterns naming one of the provider's offers, longest names first."""
    record = default_registry().provider(provider)
    names = sorted({n for o in (record.offers if record else []) for n in (o.name, *o.aliases)
                    if re.fullmatch(r"[\w .'’()-]+", n) and "_" not in n}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    offer = f"(?P<offer>{alternatives})"
    p = _patterns()
    return (re.compile(p["offer_before"].replace("{OFFER}", offer), re.I),
            re.compile(p["offer_after"].replace("{OFFER}", offer), re.I))


def offer_beside(sentence: str, mention: Mention) -> str | None:
    """The offer of the mention's provider named right before or after it, or None."""
    start, end, provider, offer = mention
    if offer is not None:
        return offer
    rx = _offer_rx(provider)
    if rx is None:
        return None
    hit = rx[0].search(sentence[max(0, start - 60):start]) or rx[1].search(sentence[end:end + 60])
    if not hit:
        return None
    record = default_registry().resolve(f"{provider} {hit.group('offer')}") or default_registry().resolve(hit.group("offer"))
    return record[1].name if record and record[1] and record[0].name == provider else None


def makers(sentence: str, found: list[Mention]) -> set[int]:
    """Indexes in `found` of mentions naming a technology's maker, not a subject; empty when
    every mention is one (then none is set aside)."""
    p = _patterns()
    before, after = re.compile(p["maker_before"], re.I), re.compile(p["maker_after"], re.I)
    out = {i for i, (s, e, _p, _o) in enumerate(found)
           if before.search(sentence[max(0, s - 40):s]) or after.search(sentence[e:e + 30])}
    others = {found[i][2] for i in range(len(found)) if i not in out}
    return {i for i in out if others - {found[i][2]}}


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
