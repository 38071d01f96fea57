"""Second stage of retrieval: sentence vectors per generation and the reordering they drive."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.config import Settings
from assistant.errors import UsageError
from assistant.rerank import SentenceStage
from assistant.retrieval import STAGES, Retriever
from ingest import sentences
from ingest.store import VectorStore


def test_a_chunk_is_scored_by_its_best_sentence():
    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8], [0.8, 0.6]], dtype=np.float32)
    stage = SentenceStage(vectors, np.array([0, 0, 1, 2]))
    ranked = stage.ranking(np.array([0, 1], dtype=np.float32), [2, 1, 0, 7])
    assert [i for i, _ in ranked] == [0, 1, 2]          # chunk 0's second sentence matches exactly
    assert ranked[0][1] == pytest.approx(1.0)
    assert ranked[1][1] == pytest.approx(0.8)
    assert stage.ranking(np.array([0, 1], dtype=np.float32), [9]) == []


def test_sentence_collection_name_keeps_the_generation_prefix():
    assert sentences.collection_name("hds-use-20261129abc") == "hds-use-20261129abc-sent"
    assert len(sentences.collection_name("x" * 60)) == 63


def test_spans_have_exact_offsets(data_dir_ingested, corpus_dir, retriever):
    records = retriever.generation.chunk_records()
    found = sentences.spans(records)
    assert len(found) > len(records)
    docs = {d.doc_id: d for d in retriever.documents()}
    for s in found:
        assert docs[s.doc_id].text[s.start:s.end] == s.text
        r = records[s.chunk]
        assert r["doc_id"] == s.doc_id and r["start"] <= s.start and s.end <= r["end"]


def test_each_generation_stores_its_sentence_vectors(retriever, data_dir_ingested):
    from ingest.pipeline import index_dir
    store = VectorStore.open(index_dir(data_dir_ingested, retriever.embedder_name))
    loaded = sentences.load(store, retriever.generation.collection)
    assert loaded is not None
    vectors, chunks = loaded
    assert len(vectors) == len(chunks) >= len(retriever.passages)
    assert set(chunks.tolist()) == set(range(len(retriever.passages)))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_stages_restrict_the_fusion_and_unknown_ones_are_refused(retriever):
    question = "mon presta cloud doit il me prevenir si il change de sous traitant ?"
    alone = retriever.retrieve(question, k=5, stages=("bm25",))
    assert [p.text for p in alone] == [p.text for p in retriever.retrieve(question, k=5, stages=["bm25"])]
    for stages in (("bm25",), ("bm25", "dense"), STAGES):
        for p in retriever.retrieve(question, k=5, stages=stages):
            assert retriever.document(p.doc_id).text[p.start:p.end] == p.text
    with pytest.raises(UsageError, match="unknown stage"):
        retriever.retrieve(question, stages=("bm25", "cross-encoder"))


def test_the_second_stage_runs_where_it_was_fitted(data_dir_ingested, corpus_dir, retriever):
    from assistant import rerank
    stage = retriever._sentence_stage()
    if retriever.embedder_name in rerank.WEIGHTS:
        assert stage is not None and stage.sentences >= len(retriever.passages)
        ranks = retriever.rankings("les sauvegardes doivent-elles être quotidiennes ?")
        assert 0 < len(ranks["sentence"]) <= rerank.CANDIDATES
    else:   # no fitted weights for this embedder: no second stage, the fusion is the first stage's
        assert stage is None
        assert "sentence" not in retriever.rankings("les sauvegardes doivent-elles être quotidiennes ?")
