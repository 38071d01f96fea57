"""The companion encoder's rankings: a second opinion on relevance from a differently trained model.

An index built with `e5` also holds the multilingual USE v3 vectors of its chunks and of its
in-context sentences (`ingest.companion`). At query time the question is encoded once more with
the companion (about 2 ms for `use`) and two rankings are made over the candidates, exact
cosines from the stored matrices:
- `companion_dense`: chunks by the cosine of their `index_text` vector;
- `companion_context`: chunks by their best in-context sentence (max-pooling, as
  `assistant.rerank` does for the index's own vectors).
They join the weighted reciprocal rank fusion with the weights of
`assistant.rerank.WEIGHTS[<embedder>]["companion"][<question language>]`, fitted on the tuning
part per language (`python -m eval.fit`). The two encoders fail on different questions: fused, e5 and USE put the
gold in some channel's top 5 for more questions than e5's channels alone (docs/retrieval.md,
round 4), English questions about French texts most of all.

This module ranks only; it reads the vectors it is given and loads the companion model.
"""
from __future__ import annotations

import numpy as np

from assistant.rerank import SentenceStage


class CompanionStage:
    """The companion encoder and its two matrices of one generation."""

    def __init__(self, encoder, chunks: tuple[np.ndarray, np.ndarray], context: tuple[np.ndarray, np.ndarray]):
        self._encoder = encoder
        self._stages = {"companion_dense": SentenceStage(*chunks), "companion_context": SentenceStage(*context)}

    @classmethod
    def load(cls, store, chunk_collection: str, index_embedder: str) -> "CompanionStage | None":
        """The stage of a generation, or None when its embedder has no companion or the
        generation was built without its collections."""
        from ingest import companion
        from ingest.embedders import get_embedder

        name = companion.companion_of(index_embedder)
        if name is None:
            return None
        chunks = companion.load(store, chunk_collection, companion.CHUNKS)
        context = companion.load(store, chunk_collection, companion.CONTEXT)
        if chunks is None or context is None:
            return None
        return cls(get_embedder(name), chunks, context)

    def encode(self, question: str) -> np.ndarray:
        """The question's vector in the companion's space."""
        return self._encoder.encode_query(question)

    def rankings(self, query_vector: np.ndarray, candidates, n: int) -> dict[str, list[tuple[int, float]]]:
        """`companion_dense` and `companion_context` over the candidates' positions, best first,
        `n` each."""
        return {name: stage.ranking(query_vector, candidates)[:n] for name, stage in self._stages.items()}
