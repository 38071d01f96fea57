"""The corpus passages the checker's rules rest on, as quote candidates.

Every rule, definition and note of `assistant/checker/data/rules.yaml` names the passage it rests
on (`basis`, `also` for further ones, and the passage of its `condition`): those are the passages a jurist chose as deciding a
question of the law. `basis_passages(chunks, as_of)` returns the index chunks that hold them (the
chunk, not the bare quote, so that the composer picks the sentence that answers and every offset
stays the document's own), of every date or of the rules in force on a given day, or of the rules a verdict turned on (`ids`:
an eligibility answer reads the `also` passages of its deciding rules beside the basis it cites).
It ranks nothing and decides
nothing: the composer scores them against the question like the retrieved passages.
"""
from __future__ import annotations

import datetime as dt

from assistant.domain import Passage


def basis_quotes(as_of: dt.date | None = None, ids: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """(doc_id, quote) of every basis of the rule book, once each; with `as_of`, only of the rules,
    definitions and notes in force on that day; with `ids`, only of those rules."""
    from assistant.answer.scope_rules import rule_items

    seen: dict[tuple[str, str], None] = {}
    for rule_id, item in rule_items().items():
        if (as_of is not None and not item.in_force(as_of)) or (ids is not None and rule_id not in ids):
            continue
        for b in [item.basis, *getattr(item, "also", ())]:
            if b is not None and b.doc_id and b.quote:
                seen.setdefault((b.doc_id, b.quote), None)
        condition = getattr(item, "condition", None) or {}
        if condition.get("doc_id") and condition.get("quote"):  # the passage a rule's condition rests on
            seen.setdefault((condition["doc_id"], condition["quote"]), None)
    return list(seen)


def basis_spans(texts: dict[str, str], as_of: dt.date | None = None,
                ids: frozenset[str] | None = None) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> the [start, end) spans of the bases (in force at `as_of` when given; of the rules
    `ids` when given) in that document."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc_id, quote in basis_quotes(as_of, ids):
        start = texts.get(doc_id, "").find(quote)
        if start >= 0:
            spans.setdefault(doc_id, []).append((start, start + len(quote)))
    return spans


def chunk_holding(chunks: list[Passage], doc_id: str, start: int, end: int) -> Passage | None:
    """The index chunk of `doc_id` that holds `[start, end)`, or the one that overlaps it most."""
    best, overlap = None, 0
    for p in chunks:
        if p.doc_id != doc_id:
            continue
        o = min(end, p.end) - max(start, p.start)
        if o > overlap:
            best, overlap = p, o
    return best


def basis_passages(chunks: list[Passage], texts: dict[str, str], as_of: dt.date | None = None,
                   ids: frozenset[str] | None = None) -> list[Passage]:
    """The chunks holding the bases of the rules (in force at `as_of` when given; of the rules `ids`
    when given), once each, in rule-book order. `texts` maps doc_id -> document text (a basis whose
    words are not in its document is skipped)."""
    out: dict[str, Passage] = {}
    for doc_id, quote in basis_quotes(as_of, ids):
        text = texts.get(doc_id)
        start = text.find(quote) if text else -1
        if start < 0:
            continue
        chunk = chunk_holding(chunks, doc_id, start, start + len(quote))
        if chunk is not None:
            out.setdefault(chunk.chunk_id, chunk)
    return list(out.values())
