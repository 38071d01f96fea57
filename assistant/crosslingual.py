"""French terms for an English question's words, from the sourced glossary (`data/glossary-en-fr.yaml`).

`french_terms("Must the hosting contract state where data is stored?")` ->
`["contrat d'hébergement", "stockage", "stocker", "stockées"]`.

English terms match whole words, ignoring case and accents, longest first (a word inside a
matched phrase does not match again: "hosting contract" does not also give "hosting
provider"'s terms). The retriever adds these terms to an English question's BM25 query with a
lower weight (`assistant.retrieval.GLOSSARY_WEIGHT`); a French question is never expanded.

This module does not search and does not detect the language: it only reads the glossary and
matches it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import fold

GLOSSARY_FILE = Path(__file__).with_name("data") / "glossary-en-fr.yaml"


@lru_cache(maxsize=1)
def glossary() -> list[dict]:
    """The glossary's entries as written: `en` and `fr` forms, `source`."""
    return (yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")) or {}).get("entries", [])


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One alternation of every English form, longest first, and each folded form's French terms."""
    french: dict[str, tuple[str, ...]] = {}
    for entry in glossary():
        for form in entry["en"]:
            key = fold(str(form))
            french[key] = tuple(dict.fromkeys(french.get(key, ()) + tuple(str(t) for t in entry["fr"])))
    forms = sorted(french, key=lambda f: (-len(f), f))
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(f) for f in forms)})(?!\w)"), french


def french_terms(question: str) -> list[str]:
    """The French terms of every glossary entry whose English form the question contains, in
    order of first mention, each once."""
    pattern, french = _pattern()
    out: list[str] = []
    for match in pattern.finditer(fold(question)):
        out.extend(t for t in french[match.group(0)] if t not in out)
    return out
