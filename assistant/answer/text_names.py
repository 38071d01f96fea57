"""The corpus texts a question names by nickname, number or date, and the question without those names.

`named_texts(question)` reads `text_names.yaml` (per text: the documents holding it and the regular
expressions that name it, matched on the folded question) and returns the documents named and the
question's words left once the names are blanked: "Que dit le référentiel HDS version 2 sur la
langue des interfaces ?" names hds-referentiel-v2, and its words for scoring sentences are "que dit
le … sur la langue des interfaces ?".

Why (round 21): the quote selector scored a sentence by the words it shares with the question, and
the words of a text's name ("circulaire", "2023", "6404", "HDS", "v2") are the words of that text's
title, version and dating lines: "What did the 2023 circular (6404) change…?" quoted « La circulaire
du 31 mai 2023 n°6404/SG … a été publiée le 1er juillet » over the sentence that says what changed.
The name says which document to read; the rest of the question says which of its sentences answers.

It decides nothing and quotes nothing: the service reads the named documents' passages among the
quote candidates and the composer (`compose.choose`) scores them with the remaining words. A bare
topic word ("certifié HDS", "qualifié SecNumCloud", "conforme au RGPD") names no text here.

    >>> sorted(named_texts("le décret d'avril 2026 impose-t-il SecNumCloud ?").docs)
    ['decret-2026-272-secondaire']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.folding import fold

_DATA = Path(__file__).with_name("text_names.yaml")
_FIELDS = {"id", "docs", "patterns", "source"}


@dataclass(frozen=True)
class NamedTexts:
    docs: frozenset[str]  # the documents holding the texts the question names
    words: str  # the folded question with the names blanked (the words that say what is asked)


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, tuple[str, ...], tuple[re.Pattern, ...]], ...]:
    raw = read_yaml(_DATA, "the text names") or {}
    entries = []
    for e in raw.get("texts") or []:
        unknown = set(e) - _FIELDS
        if unknown or not e.get("source") or not e.get("docs") or not e.get("patterns"):
            raise InputDataError(f"{_DATA}: entry {e.get('id')!r} needs docs, patterns and a source"
                                 + (f" (unknown fields: {sorted(unknown)})" if unknown else "") + ".")
        entries.append((e["id"], tuple(e["docs"]), tuple(re.compile(p) for p in e["patterns"])))
    return tuple(entries)


@lru_cache(maxsize=256)
def named_texts(question: str) -> NamedTexts:
    """The documents of the texts `question` names, and its folded words without those names."""
    folded = fold(question)
    docs: set[str] = set()
    spans: list[tuple[int, int]] = []
    for _, entry_docs, patterns in _entries():
        for p in patterns:
            for m in p.finditer(folded):
                docs.update(entry_docs)
                spans.append(m.span())
    words = folded
    for a, b in spans:
        words = words[:a] + " " * (b - a) + words[b:]
    return NamedTexts(frozenset(docs), re.sub(r"\s+", " ", words).strip())
