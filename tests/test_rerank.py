"""Second stage of retrieval: sentence vectors per generation and the reordering they drive."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.errors import UsageError
from assistant.rerank import SentenceStage
from assistant.retrieval import CANDIDATES, STAGES
from ingest import sentences
from ingest.store import VectorStore

from conftest import CountingEncoder, one_document_corpus


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
    assert sentences.collection_name("hds-use-20261129abc", context=True) == "hds-use-20261129abc-sctx"
    assert len(sentences.collection_name("x" * 60)) == len(sentences.collection_name("x" * 60, True)) == 63


def test_a_sentence_in_context_is_its_title_and_section_then_itself(data_dir_ingested, retriever):
    records = retriever.generation.chunk_records()
    for s in sentences.spans(records)[:50]:
        r = records[s.chunk]
        assert s.context == sentences.context_text(r["title"], r["section"], s.text)
        assert s.context.endswith("\n" + s.text) and s.context.startswith(r["title"] + "\n")
    moved = sentences.SentenceSpan(0, "d", 0, 5, "texte", sentences.context_text("T", "Article 2", "texte"))
    same = sentences.SentenceSpan(0, "d", 0, 5, "texte", sentences.context_text("T", "Article 1", "texte"))
    assert moved.key == same.key and moved.context_key != same.context_key   # a new section: encoded again


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
    in_context = sentences.load(store, retriever.generation.collection, context=True)
    assert in_context is not None
    assert (in_context[1] == chunks).all() and in_context[0].shape == vectors.shape
    assert np.allclose(np.linalg.norm(in_context[0], axis=1), 1.0, atol=1e-3)
    assert not np.allclose(in_context[0], vectors, atol=1e-3)   # the context changes the vectors


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
        assert 0 < len(ranks["sentence"]) <= CANDIDATES
        assert 0 < len(ranks["context"]) <= CANDIDATES
        assert retriever._sentence_stage(context=True).sentences == stage.sentences
    else:   # no fitted weights for this embedder: no second stage, the fusion is the first stage's
        assert stage is None
        ranks = retriever.rankings("les sauvegardes doivent-elles être quotidiennes ?")
        assert "sentence" not in ranks and "context" not in ranks


def test_sentence_collections_follow_their_generation(tmp_path):
    """A new generation gets its own `-sent` and `-sctx` collections; a generation's cleanup
    deletes them with its chunk collection."""
    from ingest.pipeline import current_generation, index_dir, ingest

    corpus = one_document_corpus(tmp_path)
    data = tmp_path / "data"
    names = []
    for round_ in range(3):
        if round_:
            with (corpus / "dsih-tribune-2021-09-28.txt").open("a", encoding="utf-8") as fh:
                fh.write(f"\n\nUne phrase ajoutée pour la génération numéro {round_} de ce test.\n")
        ingest(corpus, data, embedder="use", progress=False, chroma_url="")
        gen = current_generation(index_dir(data, "use"))
        names.append(gen.collection)
    store = VectorStore.open(index_dir(data, "use"))
    assert store.has(sentences.collection_name(names[2])) and store.has(sentences.collection_name(names[2], True))
    assert not store.has(sentences.collection_name(names[0])) and not store.has(names[0])
    assert not store.has(sentences.collection_name(names[0], True))
    texts = store.collection(sentences.collection_name(names[2])).get()["documents"]
    assert any("génération numéro 2" in t for t in texts)


def test_unchanged_sentences_are_copied_not_encoded(retriever, data_dir_ingested, tmp_path):
    records = [r for r in retriever.generation.chunk_records() if r["doc_id"] == "dsih-tribune-2021-09-28"]
    store = VectorStore.open(tmp_path / "idx")
    first, second = CountingEncoder(), CountingEncoder()
    built = sentences.build(records, store, "test-a", first)
    again = sentences.build(records, store, "test-b", second, previous_collection="test-a")
    assert built["sentences"] == again["sentences"] > 0
    assert first.encoded == built["encoded"] == 2 * built["sentences"]   # bare and in context
    assert second.encoded == 0 and again["encoded"] == 0
    for context in (False, True):
        a, b = sentences.load(store, "test-a", context), sentences.load(store, "test-b", context)
        assert np.allclose(a[0], b[0]) and (a[1] == b[1]).all()


def test_few_and_many_candidates_rank_alike():
    """The gathered path (few candidates) and the one-product path (most chunks) agree."""
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = rng.integers(0, 100, 300)
    stage, query = SentenceStage(vectors, chunks), vectors[3]
    many = dict(stage.ranking(query, range(100)))
    for few in ([3, 50, 99], [int(chunks[3])], list(range(0, 100, 9))):
        got = stage.ranking(query, few)
        assert [i for i, _ in got] == sorted((c for c in few if c in many), key=lambda c: -many[c])
        assert all(s == pytest.approx(many[i]) for i, s in got)


def test_the_dense_channel_is_ranked_by_exact_cosines(retriever):
    """Chroma's approximate HNSW order only proposes candidates: the dense ranking is the exact
    cosine order, ties by position, of every passage some ranking holds (round 5), so two stores
    of one generation order it alike."""
    question = "le fournisseur doit il chiffrer les sauvegardes de nos données ?"
    ranks = retriever.rankings(question)
    position = {(p.doc_id, p.start, p.end): i for i, p in enumerate(retriever.passages)}
    records, vectors = retriever.generation.chunks_and_vectors()
    matrix = np.zeros((len(position), vectors.shape[1]), dtype=np.float32)
    for r, v in zip(records, vectors):
        matrix[position[(r["doc_id"], r["start"], r["end"])]] = v
    cosines = matrix @ np.asarray(retriever.query_vector(question), dtype=np.float32)
    candidates = {i for ranking in ranks.values() for i, _ in ranking}
    expected = sorted(candidates, key=lambda i: (-cosines[i], i))[:len(ranks["dense"])]
    assert len(ranks["dense"]) == CANDIDATES
    assert [i for i, _ in ranks["dense"]] == expected
    assert [s for _, s in ranks["dense"]] == pytest.approx([float(cosines[i]) for i in expected], abs=1e-5)
