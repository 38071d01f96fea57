"""The extractive composer: the offline default answerer (no LLM).

Chooses the sentences of the retrieved passages that best answer the question, drops
near-duplicates, keeps at most two per passage, and returns them as `Evidence` located in
their documents. The first one is the short answer of a factual question. It never writes
a sentence of its own about the texts: everything it returns is a verbatim quote.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from assistant.answer.scope import content_words
from assistant.answer.sentences import Sentence, sentences
from assistant.domain import Passage


@dataclass(frozen=True)
class Evidence:
    sentence: Sentence
    score: float
    rank: int  # rank of its passage in the retrieval (1 = best)

    @property
    def passage(self) -> Passage:
        return self.sentence.passage


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


DECIDING_BONUS = 1.2


def choose(question: str, passages: list[Passage], max_quotes: int = 4, per_passage: int = 2,
           cover_ranks: tuple[int, ...] = (1, 2), deciding: dict[str, list[tuple[int, int]]] | None = None) -> list[Evidence]:
    """Best sentences for the question, best first; empty when nothing overlaps it. A sentence that
    overlaps a span of `deciding` (doc_id -> spans: the passages the checker's rules rest on) and
    answers the question as well as the others is preferred (its score times DECIDING_BONUS)."""
    q_words = content_words(question)
    candidates = [(rank, s) for rank, p in enumerate(passages, start=1) for s in sentences(p)]
    if not candidates or not q_words:
        return []
    words = [content_words(s.text) for _, s in candidates]
    df = {w: sum(w in ws for ws in words) for w in q_words}
    idf = {w: math.log((len(candidates) + 1) / (df[w] + 0.5)) + 1.0 for w in q_words}
    refs = {w for w in q_words if any(c.isdigit() for c in w)}
    scored = []
    loose: dict[int, Evidence] = {}  # best sentence with at least one hit, per passage rank
    for (rank, s), ws in zip(candidates, words):
        section_words = content_words(s.passage.section)
        in_section = (q_words & section_words) - ws
        hits = (q_words & ws) | in_section
        match = sum(idf[w] for w in q_words & ws) + 0.5 * sum(idf[w] for w in in_section)
        # One common word ("données", "mettre") is not evidence: ask for two, or one rare one;
        # a reference the question names ("R9", "EXI 28") found in the section is rare by nature.
        # Passage rank carries the retriever's judgement; long sentences are not favoured.
        score = match / math.sqrt(max(12, len(ws))) * 3 + 1.5 / rank
        if hits and (rank not in loose or score > loose[rank].score):
            loose[rank] = Evidence(s, score, rank)
        if not hits or (len(hits) < 2 and max(idf[w] for w in hits) < 2.5 and not any(c.isdigit() for w in hits for c in w)):
            continue
        if s.text[:1].islower():
            score *= 0.8  # a list item cut from its lead-in reads worse than a whole sentence
        if deciding and any(a < s.end and s.start < b for a, b in deciding.get(s.passage.doc_id, ())):
            score *= DECIDING_BONUS  # the passage a rule of the checker rests on decides the question
        if refs and refs & content_words(s.passage.section.split(">")[-1]):
            score += 2.0  # the passage *is* the unit the question names (R9, EXI 28, Article 48)
        scored.append(Evidence(s, score, rank))
    scored.sort(key=lambda e: -e.score)
    chosen: list[Evidence] = []
    per: dict[str, int] = {}
    for ev in scored:
        key = ev.passage.chunk_id
        if per.get(key, 0) >= per_passage:
            continue
        ws = content_words(ev.sentence.text)
        if any(_jaccard(ws, content_words(c.sentence.text)) > 0.6 for c in chosen):
            continue
        chosen.append(ev)
        per[key] = per.get(key, 0) + 1
        if len(chosen) >= max_quotes:
            break
    # The retriever's two best passages are quoted (their best sentence), right after the best
    # sentence overall: what the retriever ranks first is rarely irrelevant to the question.
    for rank in cover_ranks:
        if rank in loose and not any(e.rank == rank for e in chosen):
            chosen.insert(min(1, len(chosen)), loose[rank])
    return chosen[:max_quotes]
