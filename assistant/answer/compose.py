"""The extractive composer: the offline default answerer (no LLM).

Scores every quotable sentence of the candidate passages (the retrieved ones, and for answers
without a verdict the passages the checker's rules rest on) against the question, keeps the best
one per document section (refined by its numbered paragraph, as the answer cites it), drops
near-duplicates, and returns them as `Evidence` located in their documents, best first. It never
writes a sentence of its own about the texts: everything it returns is a verbatim quote.

Two scorers:
- **the quote model** (`quote_model.yaml`, fitted by `python -m eval.fit_quotes` on tuning sets
  only): a logistic score over what the index already knows about each sentence: its e5 cosine
  with the question (bare and in its context, `Retriever.sentence_similarities`), the same
  relative to the best candidate, its word overlap with the question (idf-weighted), its
  passage's retrieval rank, whether a rule of the checker rests on it, whether its section is
  the unit the question names ("R9"), and its form (a list item cut from its lead-in, length);
- **the word scorer** (indexes without sentence vectors, BM25 only): the word overlap and the
  rank alone, as before round 6.
It does not decide what an answer shows first (the service puts the rules' passages first) and
does not gate claims (`gate.py`).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.answer.points import unit_section
from assistant.answer.scope import content_words
from assistant.answer.sentences import Sentence, sentences, table_rows
from assistant.answer.text_names import NamedTexts
from assistant.datafile import read_yaml
from assistant.domain import Passage
from assistant.errors import InputDataError

MODEL_FILE = Path(__file__).with_name("quote_model.yaml")
FEATURES = ("cos_context", "cos_bare", "cos_context_gap", "words", "words_share", "inverse_rank",
            "deciding", "named_unit", "list_item", "log_length")
DECIDING_BONUS = 1.2
# logit added to the sentences of a text the question names ("le référentiel HDS version 2", "the 2023
# circular"), whose name words are left out of the word features (text_names.py); fitted on the tune part
# of eval/gold21-fresh.yaml and the spent sets (round 21), never on a test part
NAMED_BONUS = 1.0
COMPANIONS = 8  # a second sentence of a quoted section joins it when among the first COMPANIONS


@dataclass(frozen=True)
class Evidence:
    sentence: Sentence
    score: float
    rank: int  # rank of its passage among the candidates (1 = best)
    by_model: bool = False  # scored by the quote model (a logit), not by the word scorer

    @property
    def passage(self) -> Passage:
        return self.sentence.passage


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


@dataclass(frozen=True)
class QuoteModel:
    intercept: float
    weights: dict[str, float]
    means: dict[str, float]
    scales: dict[str, float]
    min_score: float | None = None  # a pick after the first scoring below this is dropped (fitted)
    min_relevance: float | None = None  # a quote of a verdict or scope answer resting on no rule needs this (fitted)

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """The model's logit for each row of features (columns in `FEATURES` order)."""
        mean = np.array([self.means[f] for f in FEATURES])
        scale = np.array([self.scales[f] for f in FEATURES])
        w = np.array([self.weights[f] for f in FEATURES])
        return self.intercept + ((rows - mean) / scale) @ w


def load_model(path: Path | None = None) -> QuoteModel:
    path = Path(path or MODEL_FILE)
    raw = read_yaml(path, "the quote model") or {}
    try:
        floor, relevance = raw.get("min_score"), raw.get("min_relevance")
        return QuoteModel(float(raw["intercept"]), {f: float(raw["weights"][f]) for f in FEATURES},
                          {f: float(raw["means"][f]) for f in FEATURES}, {f: float(raw["scales"][f]) for f in FEATURES},
                          None if floor is None else float(floor), None if relevance is None else float(relevance))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputDataError(f"{path}: not a valid quote model ({exc.__class__.__name__}: {exc}).") from None


@lru_cache(maxsize=1)
def default_model() -> QuoteModel | None:
    return load_model() if MODEL_FILE.exists() else None


def candidates(passages: list[Passage]) -> list[tuple[int, Sentence]]:
    """(rank of its passage, sentence) for every quotable sentence and table row of the passages,
    in order (a table row has no vector in the index: the model reads it by its words)."""
    return [(rank, s) for rank, p in enumerate(passages, start=1)
            for s in sorted(sentences(p) + table_rows(p), key=lambda x: x.start)]


def features(question: str, found: list[tuple[int, Sentence]], similarities: np.ndarray | None,
             deciding: dict[str, list[tuple[int, int]]] | None = None) -> np.ndarray:
    """One row of `FEATURES` per candidate sentence. `similarities` (rows of bare and in-context
    cosines, NaN when the index has no vector for a sentence) may be None: cosines are then 0."""
    q_words = content_words(question)
    words = [content_words(s.text) for _, s in found]
    idf = _idf(q_words, words)
    refs = {w for w in q_words if any(c.isdigit() for c in w)}
    sims = np.zeros((len(found), 2), dtype=float) if similarities is None else np.array(similarities, dtype=float)
    # a sentence without its own vector takes its other vector, else the candidates' lowest
    sims[:, 1] = np.where(np.isnan(sims[:, 1]), sims[:, 0], sims[:, 1])
    sims[:, 0] = np.where(np.isnan(sims[:, 0]), sims[:, 1], sims[:, 0])
    floor = np.nanmin(sims) if len(sims) and not np.all(np.isnan(sims)) else 0.0
    sims = np.where(np.isnan(sims), floor, sims)
    best_ctx = float(sims[:, 1].max()) if len(sims) else 0.0
    total = sum(idf.values()) or 1.0
    rows = []
    for (rank, s), ws, (bare, ctx) in zip(found, words, sims):
        match = _match(q_words, ws, s, idf)
        rows.append([ctx, bare, ctx - best_ctx, match / math.sqrt(max(12, len(ws))),
                     sum(idf[w] for w in q_words & ws) / total, 1.0 / rank,
                     float(bool(deciding) and any(a < s.end and s.start < b for a, b in deciding.get(s.passage.doc_id, ()))),
                     float(bool(refs and refs & content_words(s.passage.section.split(">")[-1]))),
                     float(s.text[:1].islower()), math.log(max(20, len(s.text)))])
    return np.array(rows, dtype=float).reshape(len(found), len(FEATURES))


def _idf(q_words, words) -> dict[str, float]:
    df = {w: sum(w in ws for ws in words) for w in q_words}
    return {w: math.log((len(words) + 1) / (df[w] + 0.5)) + 1.0 for w in q_words}


def _match(q_words, ws, s: Sentence, idf) -> float:
    in_section = (q_words & content_words(s.passage.section)) - ws
    return sum(idf[w] for w in q_words & ws) + 0.5 * sum(idf[w] for w in in_section)


def choose(question: str, passages: list[Passage], max_quotes: int = 4, per_passage: int = 2,
           cover_ranks: tuple[int, ...] = (1, 2), deciding: dict[str, list[tuple[int, int]]] | None = None,
           similarity=None, model: QuoteModel | None = None, keep: int = 1, named: NamedTexts | None = None) -> list[Evidence]:
    """Best sentences for the question, best first, one per document section; empty when nothing
    overlaps it. `similarity(spans, texts)` gives the index's cosines for (doc_id, start, end) spans
    (or None); with it and a quote model the model scores, else the word scorer. A sentence that
    overlaps a span of `deciding` (doc_id -> spans: the passages the checker's rules rest on) is
    preferred by both. With the model, a pick after the first `keep` that scores below the model's
    fitted floor (`min_score`) is dropped: a quote earns its place, four places are not filled with
    loosely related passages (`keep=0` when the answer already quotes the passages it rests on).
    `named`: the texts the question names (`text_names.named_texts`): their name words select their
    documents (NAMED_BONUS) and are not read as words the sentence should share."""
    found = candidates(passages)
    if not found or not content_words(question):
        return []
    model = model if model is not None else default_model()
    sims = similarity([(s.passage.doc_id, s.start, s.end) for _, s in found], [s.text for _, s in found]) \
        if similarity and model else None
    if sims is None:
        return _choose_by_words(question, found, max_quotes, per_passage, cover_ranks, deciding)
    words = question
    if named is not None and named.docs and content_words(named.words):
        words = named.words
    rows = features(words, found, sims, deciding)
    scores = model.scores(rows)
    if named is not None and named.docs:
        scores = scores + NAMED_BONUS * np.array([s.passage.doc_id in named.docs for _, s in found], dtype=float)
    order = np.argsort(-scores, kind="stable")
    ranked = [Evidence(found[i][1], float(scores[i]), found[i][0], by_model=True) for i in order]
    chosen = _pick(ranked, max_quotes, per_passage=1, per_section=True, companions=COMPANIONS)
    return above_floor(chosen, model.min_score, keep)


def above_floor(chosen: list[Evidence], floor: float | None, keep: int = 1) -> list[Evidence]:
    """The picks kept: the first `keep` whatever their score, then those scoring at least `floor`;
    a companion (a second sentence of a kept pick's section, cited with it) stays with its pick."""
    if floor is None:
        return chosen
    kept: list[Evidence] = []
    sections: set[tuple[str, str]] = set()
    for i, e in enumerate(chosen):
        section = unit_of(e.sentence)
        if i < keep or e.score >= floor or section in sections:
            kept.append(e)
            sections.add(section)
    return kept


def _pick(ranked: list[Evidence], max_quotes: int, per_passage: int, per_section: bool,
          companions: int = 0) -> list[Evidence]:
    """The best evidence, at most `per_passage` per chunk (and one per document section when
    `per_section`), no near-duplicate of one already taken. With `companions`, a sentence among the
    first `companions` of `ranked` whose section is already quoted joins that quote when it is close
    enough to be cited with it (`near`): one citation per section, wider (the service merges them)."""
    chosen: list[Evidence] = []
    per: dict[str, int] = {}
    sections: dict[tuple[str, str], Evidence] = {}
    for i, ev in enumerate(ranked):
        key = ev.passage.chunk_id
        section = unit_of(ev.sentence)
        ws = content_words(ev.sentence.text)
        if any(_jaccard(ws, content_words(c.sentence.text)) > 0.6 for c in chosen):
            continue
        if per_section and section in sections:
            first = sections[section]
            if i < companions and first.passage.doc_id == ev.passage.doc_id and near(first.sentence, ev.sentence) \
                    and not any(c is not first and unit_of(c.sentence) == section for c in chosen):
                chosen.insert(chosen.index(first) + 1, ev)
            continue
        if per.get(key, 0) >= per_passage or (len(sections) if per_section else len(chosen)) >= max_quotes:
            continue
        chosen.append(ev)
        per[key] = per.get(key, 0) + 1
        sections[section] = ev
    return chosen


def unit_of(s: Sentence) -> tuple[str, str]:
    """(doc_id, section) of a sentence as the answer cites it: its passage's section refined by the
    numbered paragraph holding it (`points.unit_section`: "Article 45(1)", "Article 45(3)"). Before
    round 19 the composer took one sentence per chunk section while the answer cites one per numbered
    paragraph, so a GDPR article's second paragraph that answered (45(1): "may take place where the
    Commission has decided") lost its place to another paragraph of the same article (45(3)), already
    quoted by the named-article citation."""
    p = s.passage
    return p.doc_id, unit_section(p.text, s.start - p.start, p.section)


MERGE_GAP, MERGE_MAX = 300, 900  # two sentences of one section closer than this are one citation
LIST_MAX = 1000  # a lead-in and an item further down its list are one citation within this (round 21)


def near(a: Sentence, b: Sentence) -> bool:
    """Whether two sentences of one document can be cited as one span (the words between come with it):
    close enough, or the second is further down the list the first announces (`leads_into`)."""
    gap = max(b.start - a.end, a.start - b.end)
    return (gap <= MERGE_GAP and max(a.end, b.end) - min(a.start, b.start) <= MERGE_MAX) \
        or leads_into(a.text, a.start, a.end, b.start, b.end)


_LEAD_IN = re.compile(r":\s*(?:\n|$)")


def leads_into(quote: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Whether the span [other_start, other_end) is further down the list that `quote` (the words at
    [start, end)) announces with a line ending in ":", within MERGE_MAX of its start (round 21: « Lors
    de l'appréciation des risques, l'Hébergeur doit a minima envisager les événements suivants : » and
    its item « D. Défaillance de la maîtrise des accès attribués… », 390 characters below, were one
    section whose item, the answer, was dropped for being too far from the lead-in). Within LIST_MAX of
    its start: the item may announce sub-items of its own (EXI 05 D's a. to d.)."""
    return bool(_LEAD_IN.search(quote)) and other_start >= end and other_end - start <= LIST_MAX


def _choose_by_words(question, found, max_quotes, per_passage, cover_ranks, deciding) -> list[Evidence]:
    """The word scorer (indexes without sentence vectors)."""
    q_words = content_words(question)
    words = [content_words(s.text) for _, s in found]
    idf = _idf(q_words, words)
    refs = {w for w in q_words if any(c.isdigit() for c in w)}
    scored = []
    loose: dict[int, Evidence] = {}  # best sentence with at least one hit, per passage rank
    for (rank, s), ws in zip(found, words):
        section_words = content_words(s.passage.section)
        in_section = (q_words & section_words) - ws
        hits = (q_words & ws) | in_section
        match = _match(q_words, ws, s, idf)
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
    chosen = _pick(scored, max_quotes, per_passage, per_section=False)
    # The retriever's two best passages are quoted (their best sentence), right after the best
    # sentence overall: what the retriever ranks first is rarely irrelevant to the question.
    for rank in cover_ranks:
        if rank in loose and not any(e.rank == rank for e in chosen):
            chosen.insert(min(1, len(chosen)), loose[rank])
    return chosen[:max_quotes]
