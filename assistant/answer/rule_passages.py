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


def explaining_items(verdicts, as_of: dt.date) -> frozenset[str]:
    """Ids of the rule book's items that say what a verdict's case is without deciding it (round 20),
    whose passages join the deciding rules' as quote candidates of an eligibility answer:

    - a note in force at `as_of` that the answer otherwise shows nothing for (no caveat, no
      recommendation) and whose `when` surely holds for the verdict's facts: the passage a jurist
      chose for that case (HDS-OUTSOURCED: « un établissement de santé exploitant un DPI est tenu de
      recourir à un hébergeur certifié HDS… » for health data);
    - a definition in force at `as_of` of a fact the question stated itself (« des données d'une
      sensibilité particulière ») and an applicable rule reads: what the words meant on that day
      (the DINUM FAQ's two criteria since 2023, not only R9's 2021 examples). A definition the
      verdict turned on is already cited (`decisive_bases`);
    - a definition in force at `as_of` of a fact an applicable rule reads that the question leaves
      unknown (round 22: « UN MINISTERE PEUT-IL METTRE LES DOSSIERS DE CARRIERE … SUR 3DS OUTSCALE
      IAAS ? » says nothing of sensitivity, the verdict holds either way, and the passage that says
      what would make the data particularly sensitive was never a candidate, blind19 b19-ans-13).
      A fact the verdict's facts give a value (stated or read) is not "unknown".

    It decides nothing: the composer still scores these passages against the question, and a
    verdict without `data`/`customer` (or `not_applicable`) gets none."""
    from assistant.answer.scope_rules import rule_items
    from assistant.checker import conditions, read_data

    items = rule_items()
    out: set[str] = set()
    for v in verdicts:
        if v.get("verdict") == "not_applicable":
            continue
        facts = {**read_data(v.get("data") or [])[0], **(v.get("facts") or {})}
        if v.get("customer"):
            facts["customer"] = v["customer"]
        applied = [items[r["id"]] for r in v.get("rules") or []
                   if r.get("status") not in (None, "not_applicable") and r.get("id") in items]
        read = {n for rule in applied for n in conditions.facts_of(getattr(rule, "when", True))
                + conditions.facts_of(getattr(rule, "requires", True))}
        for item_id, item in items.items():
            if not item.in_force(as_of):
                continue
            if hasattr(item, "defines"):  # a definition of a stated fact an applicable rule reads
                # stated (in `facts`) or left unknown (absent): either way what the words mean on that day
                if item.defines in read and not item.establishes_only:
                    out.add(item_id)
            elif hasattr(item, "caveat") and not item.caveat and not item.recommendation:
                if conditions.evaluate(item.when, facts.get) is True:
                    out.add(item_id)
    return frozenset(out)
