"""Query expansion with the domain's nicknames and synonyms (`data/synonyms.yaml`).

`expand("O365 est-il conforme ?")` -> `"O365 est-il conforme ? Office 365 Microsoft 365 M365"`.
Terms match whole words, ignoring case and accents, except an acronym that is also a French
stop word (`CE`): it matches only in capitals, so "ce" does not pull in "Conseil d'État".

This module does not search: it only rewrites a query.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.bm25 import fold, stopwords

SYNONYMS_FILE = Path(__file__).with_name("data") / "synonyms.yaml"   # assistant/data/: read at query time only


def _is_acronym(term: str) -> bool:
    """An all-capitals term that, in lower case, is a common word: matched case-sensitively."""
    return term.isupper() and fold(term) in stopwords()


@lru_cache(maxsize=1)
def _groups() -> list[list[tuple[str, bool, str, re.Pattern]]]:
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")) or {}
    groups = []
    for group in data.get("groups", []):
        compiled = []
        for term in group:
            term = str(term)
            acronym = _is_acronym(term)
            body = term if acronym else fold(term)
            compiled.append((term, acronym, body, re.compile(rf"(?<!\w){re.escape(body)}(?!\w)")))
        groups.append(compiled)
    return groups


def expansions(query: str) -> list[str]:
    """Terms to add to `query`: the other members of every group it mentions."""
    folded = fold(query)
    extra: list[str] = []
    for group in _groups():
        # the substring test is a cheap filter before the word-boundary match
        hits = [term for term, acronym, body, pat in group
                if body in (query if acronym else folded) and pat.search(query if acronym else folded)]
        if hits:
            extra.extend(term for term, *_ in group if term not in hits and term not in extra)
    return extra


def expand(query: str) -> str:
    extra = expansions(query)
    return f"{query} {' '.join(extra)}" if extra else query
