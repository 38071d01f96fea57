"""The sentences of a question, and those that carry its question.

"Notre clinique a renouvelé son IRM en 2024. Peut-elle archiver ses images chez Azure maintenant ?" has
two sentences; the second carries the question (its question mark). Readers use this to tell the
question's own words from its context: which hosts it asks about (`asked_hosts.py`), whether its "now"
outweighs a date said of another event (`dates.find_date`). It reads no name, date or data.
"""
from __future__ import annotations

import re

# A sentence ends at . ! ? followed by a space (not after one letter, "M. Dupont", nor inside "2.0"), or right after "?".
_SENTENCE_END = re.compile(r"(?<=[^\s.]{2}[.!?])\s+|(?<=\?)\s*(?=\S)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def asking(text: str) -> list[tuple[int, int]]:
    """The sentences that carry a question mark, or the last sentence when none does."""
    spans = sentences(text)
    return [s for s in spans if "?" in text[s[0]:s[1]]] or spans[-1:]
