"""Data kinds found by word form, not by listed phrase: the fallback behind `find_data`.

- `reduce(word)`: a word's folded, singular, masculine-ish form ("fiscaux", "fiscales" ->
  "fiscal"; "Données" -> "donne"), so that a vocabulary word matches its inflections.
- `has_words(text, phrase)`: whether the words of `phrase` stand in `text` in that order, each
  compared by `reduce` ("contrôles fiscaux" has "fiscal").
- `health_term(text, context)`: the words of `text` that mark personal health data by the
  vocabulary's `health_terms` (data/vocabulary.yaml, sourced by GDPR recital 35 and L.1111-8):
  a clinical word on its own ("imagerie", "PACS", "radiologie"), a data noun qualified by
  health ("données de recherche en santé"), or a report word ("comptes rendus", "résultats
  d'analyses") when the text also names a health facility. `context` is the text with the
  names of customers blanked, so that "ministère de la Santé" or "une clinique" say nothing
  of the data.

A text with none of these says nothing about health: the kind stays unknown (never
"personal"). This module reads words; it decides nothing.
"""
from __future__ import annotations

import functools
import re

from assistant.folding import fold

_TOKEN = re.compile(r"[a-z0-9]+")


def reduce(word: str) -> str:
    """Folded word without its plural and feminine endings: fiscaux, fiscales -> fiscal."""
    w = fold(word)
    if len(w) > 4 and w.endswith("aux"):
        return w[:-3] + "al"
    if len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def tokens(text: str) -> list[str]:
    """The reduced words of a text, in order."""
    return [reduce(t) for t in _TOKEN.findall(fold(text))]


def has_words(text: str, phrase: str) -> bool:
    """Whether the reduced words of `phrase` stand consecutively among those of `text`."""
    want, have = tokens(phrase), tokens(text)
    n = len(want)
    return bool(n) and any(have[i:i + n] == want for i in range(len(have) - n + 1))


@functools.lru_cache(maxsize=1)
def _health_spec() -> dict:
    from assistant.checker.vocabulary import default_vocabulary
    spec = default_vocabulary().health_terms
    stems = tuple(fold(s) for s in spec.get("stems") or [])
    nouns = "|".join(fold(n) for n in spec.get("data_nouns") or [])
    quals = "|".join(fold(q) for q in spec.get("qualifiers") or [])
    qualified = re.compile(
        rf"\b(?:{nouns})\b(?:\s+[\w'-]+){{0,3}}?\s+(?:de|en|sur|relatives?\s+a|liees?\s+a)\s+(?:la\s+|l')?(?:{quals})\b"
        rf"|\b(?:{quals})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\b") if nouns and quals else None
    reports = re.compile(r"\b(?:" + "|".join(_any_article(fold(r)) for r in spec.get("reports") or []) + r")\b") \
        if spec.get("reports") else None
    return {"stems": stems, "qualified": qualified, "reports": reports}


def _any_article(phrase: str) -> str:
    """`phrase` as a pattern whose "de" also matches "des", "du" and "de la" ("résultats des tests")."""
    return r"\s+".join(r"(?:de|des|du|de\s+la)" if w == "de" else re.escape(w) for w in phrase.split())


def _stem_hit(text: str, stems: tuple[str, ...]) -> str | None:
    folded = fold(text)
    for stem in stems:
        m = re.search(rf"(?<![a-z0-9]){re.escape(stem)}", folded)
        if m:
            end = re.match(r"[a-z0-9]*", folded[m.end():]).end() + m.end()
            return folded[m.start():end]
    return None


def health_term(context: str, health_facility_named: bool) -> str | None:
    """The words of `context` (customer names blanked) that mark personal health data, or None."""
    spec = _health_spec()
    hit = _stem_hit(context, spec["stems"])
    if hit:
        return hit
    folded = fold(context)
    if spec["qualified"] is not None:
        m = spec["qualified"].search(folded)
        if m:
            return m.group(0)
    if health_facility_named and spec["reports"] is not None:
        m = spec["reports"].search(folded)
        if m:
            return m.group(0)
    return None
