"""Second stage of retrieval: reorder the first stage's best candidates by their best sentence.

A chunk is paragraph- or requirement-sized while a question is usually answered by one of its
sentences, so a chunk's vector blurs what a single sentence says. At ingest every sentence is
embedded (`ingest.sentences`), bare and in its context (document title and section path); here
the question's vector (the one the dense ranking already made: no second encoding) is compared
with the sentences of the candidate chunks (the first stage's top `CANDIDATES`, or every
passage the filters allow, as fitted), and each chunk is scored by its best sentence
(max-pooling), once per kind of sentence vector. Those two rankings (`sentence`, `context`)
join the weighted reciprocal rank fusion (`assistant.retrieval.fuse`) with the weights of
`WEIGHTS`.

The weights are fitted on the tuning part only (`python -m eval.fit`, grid over the fusion
weights and `RRF_K`, objective recall@5 + MRR@10 / 2: the issue's bar is recall@5) and kept for
an embedder only when they help on the test part; an embedder without an entry has no second
stage.

This module loads no model and reads no files but the sentence matrix it is given.
"""
from __future__ import annotations

import numpy as np

CANDIDATES = 50   # first-stage chunks reordered when `candidates` is 50

# Fusion weights of the sentence rankings (`sentence`: bare sentences; `context`: sentences
# embedded after their title and section), per index embedder, with the first-stage weights,
# RRF k and the candidates (50: the first stage's top 50; 0: every passage the filters allow)
# fitted with them: `python -m eval.fit --embedder e5` on the tune part of the merged corpus of
# 2026-11-29 (215 questions; grid rrf_k 3/10 x bm25 0.5/1 x dense 0-1 x sentence 0-1 x context
# 0-2, every passage). Tune part recall@5 / MRR@10 0.735 / 0.580 (bare sentences only) ->
# 0.758 / 0.613; test part (163) 0.791 / 0.582 -> 0.785 / 0.613, recall@1 0.448 -> 0.503
# (docs/retrieval.md). `use` has no entry: fitted the same way in round 2, its sentence ranking
# left the test part's recall@5 unchanged (0.762) and MRR@10 lower. The section weight is 1.5,
# not the grid's 1.0: the two sentence rankings both favour a passage that *discusses* a rule
# ("déroger à la règle [R9]") over the rule itself for "Que dit la règle R9 ?"; 1.0 to 3.0 give
# the same tune figures (11 tune questions name a unit), 1.5 keeps the named unit in the top 2.
# `companion`: the weights of the companion encoder's rankings (`assistant.companion`: USE v3
# vectors of the chunks, `dense`, and of the in-context sentences, `context`) per question
# language (`assistant.language.detect_language`), fitted in round 4 on the tune part enlarged
# with round 3's spent blind set (297 questions; 71 English), the other weights held
# (docs/retrieval.md, "Round 4"). English questions on French texts gain most from a second,
# cross-lingually trained encoder; French questions, little (tune: the in-context companion
# ranking lowers their MRR). With the companion's two rankings voting too, "SecNumCloud
# 19.6.c" ranked 19.6.d first at section weight 1.5; 2.0 puts every named unit of
# `tests/test_retrieval.py` first again (tune recall@5 unchanged, recall@1 one question lower).
# `by_language` (round 7): weights that replace the ones above for a question of that language.
# English questions on mostly French texts lean less on BM25 (1.0 -> 0.75) and more on the
# companion's chunk vectors (0.15 -> 0.5), fitted with the glossary's BM25 expansion on (weight
# `assistant.retrieval.GLOSSARY_WEIGHT`) on the English tuning questions only (159: the English
# tune parts of every set and the spent blind sets of rounds 3 to 6; `python -m eval.round7_english`;
# docs/retrieval.md, "Round 7"); French questions keep every weight.
WEIGHTS: dict[str, dict] = {
    "e5": {"sentence": 0.5, "context": 0.5,
           "weights": {"bm25": 1.0, "dense": 0.3, "section": 2.0, "entity": 1.0},
           "rrf_k": 3, "candidates": 0,
           "companion": {"en": {"dense": 0.5, "context": 1.0}, "fr": {"dense": 0.15, "context": 0.0}},
           "by_language": {"en": {"bm25": 0.75}}},
}


class SentenceStage:
    """The sentences of one index generation: a matrix of unit vectors and their chunk positions."""

    def __init__(self, vectors: np.ndarray, chunks: np.ndarray):
        order = np.argsort(chunks, kind="stable")
        self._vectors = np.ascontiguousarray(vectors[order], dtype=np.float32)
        self._chunks = chunks[order]
        self._size = int(self._chunks.max()) + 1 if len(self._chunks) else 0
        # rows of chunk c: bounds[c]:bounds[c + 1]
        self._bounds = np.searchsorted(self._chunks, np.arange(self._size + 1))

    @property
    def sentences(self) -> int:
        return len(self._chunks)

    def best(self, query_vector: np.ndarray) -> float:
        """The highest cosine between the query and any sentence of the corpus (-1 when empty)."""
        if not len(self._vectors):
            return -1.0
        return float(np.max(self._vectors @ np.asarray(query_vector, dtype=np.float32)))

    def top(self, query_vector: np.ndarray, n: int = 10) -> list[float]:
        """The `n` highest cosines between the query and the corpus's sentences, best first."""
        if not len(self._vectors):
            return []
        scores = self._vectors @ np.asarray(query_vector, dtype=np.float32)
        n = min(n, len(scores))
        return sorted((float(x) for x in np.partition(scores, -n)[-n:]), reverse=True)

    def ranking(self, query_vector: np.ndarray, candidates) -> list[tuple[int, float]]:
        """(chunk position, best sentence cosine) of the candidates, best first; candidates
        without any sentence are left out."""
        cands = [int(c) for c in candidates if 0 <= int(c) < self._size]
        if not cands:
            return []
        query = np.asarray(query_vector, dtype=np.float32)
        if 4 * len(cands) > self._size:   # most chunks: one product over every sentence
            best_all = self._best_of_every_chunk(query)
            picked = [c for c in cands if best_all[c] > -np.inf]
            scores = best_all[picked]
            order = np.argsort(-scores, kind="stable")
            return [(picked[i], float(scores[i])) for i in order]
        lo, hi = self._bounds[cands], self._bounds[np.array(cands) + 1]
        keep = hi > lo
        cands, lo, hi = [c for c, k in zip(cands, keep) if k], lo[keep], hi[keep]
        if not cands:
            return []
        rows = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)])
        sims = self._vectors[rows] @ query
        best = np.maximum.reduceat(sims, np.concatenate([[0], np.cumsum(hi - lo)[:-1]]))
        order = np.argsort(-best, kind="stable")
        return [(cands[i], float(best[i])) for i in order]

    def _best_of_every_chunk(self, query: np.ndarray) -> np.ndarray:
        """Best sentence similarity of each chunk position (-inf for a chunk without sentences)."""
        sims = self._vectors @ query
        best = np.full(self._size, -np.inf, dtype=np.float32)
        starts = self._bounds[:-1]
        has = self._bounds[1:] > starts
        best[has] = np.maximum.reduceat(sims, starts[has])
        return best
