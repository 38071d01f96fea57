"""The companion encoder (issue 12, round 4): its vectors per generation, and its two rankings."""
from __future__ import annotations

import numpy as np
import pytest

from ingest import companion, sentences
from ingest.store import VectorStore

from conftest import CountingEncoder, one_document_corpus


def _store_of(retriever, data_dir):
    from ingest.pipeline import index_dir
    return VectorStore.open(index_dir(data_dir, retriever.embedder_name))


def test_companion_collection_names_keep_the_generation_prefix():
    assert companion.collection_name("hds-e5-20261130abc", companion.CHUNKS) == "hds-e5-20261130abc-uchk"
    assert companion.collection_name("hds-e5-20261130abc", companion.CONTEXT) == "hds-e5-20261130abc-uctx"
    assert len(companion.collection_name("x" * 60, companion.CONTEXT)) == 63
    with pytest.raises(ValueError):
        companion.collection_name("hds-e5-x", "-sent")


def test_each_generation_stores_its_companion_vectors(retriever, data_dir_ingested):
    """An index whose embedder has a companion holds one companion vector per chunk and one per
    sentence in context, unit length, pointing at the chunks of the generation."""
    store = _store_of(retriever, data_dir_ingested)
    if companion.companion_of(retriever.embedder_name) is None:
        assert companion.load(store, retriever.generation.collection, companion.CHUNKS) is None
        return
    chunks = companion.load(store, retriever.generation.collection, companion.CHUNKS)
    context = companion.load(store, retriever.generation.collection, companion.CONTEXT)
    own = sentences.load(store, retriever.generation.collection, context=True)
    assert chunks is not None and context is not None
    assert sorted(chunks[1].tolist()) == list(range(len(retriever.passages)))
    assert (np.sort(context[1]) == np.sort(own[1])).all()   # the same sentences as the index's own
    assert chunks[0].shape[1] == context[0].shape[1] == 512 != own[0].shape[1]   # USE's space, not e5's
    for vectors, _ in (chunks, context):
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_the_companion_rankings_join_the_fusion_where_fitted(retriever):
    from assistant import rerank
    question = "Can a patient refuse to have their health records hosted by an outside company?"
    ranks = retriever.rankings(question)
    if "companion" not in rerank.WEIGHTS.get(retriever.embedder_name, {}):
        assert "companion_dense" not in ranks and "companion_context" not in ranks
        return
    for name in ("companion_dense", "companion_context"):
        assert 0 < len(ranks[name]) <= 60
        scores = [s for _, s in ranks[name]]
        assert scores == sorted(scores, reverse=True) and -1.0 <= scores[-1] <= scores[0] <= 1.0 + 1e-5
    with_it = retriever.retrieve(question, k=5)
    without = retriever.retrieve(question, k=5, stages=("bm25", "dense", "section", "entity", "sentence"))
    for p in with_it + without:
        assert retriever.document(p.doc_id).text[p.start:p.end] == p.text
    # restricted to the first stage, no second-stage ranking is made
    first = retriever.retrieve(question, k=5, stages=("bm25", "dense"))
    assert len(first) == 5


def test_kind_filters_hold_for_the_companion_rankings(retriever):
    passages = retriever.retrieve("what must the contract with the health data host say?", k=8, kinds=["law"])
    assert passages and all(p.kind == "law" for p in passages)


def test_unchanged_companion_vectors_are_copied_not_encoded(retriever, tmp_path):
    records = [r for r in retriever.generation.chunk_records() if r["doc_id"] == "dsih-tribune-2021-09-28"]
    store = VectorStore.open(tmp_path / "idx")
    first, second = CountingEncoder(), CountingEncoder()
    built = companion.build(records, store, "test-a", "e5", encoder=first)
    again = companion.build(records, store, "test-b", "e5", previous_collection="test-a", encoder=second)
    assert built["chunks"] == len(records) and built["sentences"] > len(records)
    assert first.encoded == built["encoded"] == built["chunks"] + built["sentences"]
    assert second.encoded == 0 and again["encoded"] == 0
    for part in (companion.CHUNKS, companion.CONTEXT):
        a, b = companion.load(store, "test-a", part), companion.load(store, "test-b", part)
        assert np.allclose(a[0], b[0]) and (a[1] == b[1]).all()
    assert companion.build(records, store, "test-c", "use") is None   # `use` has no companion
    assert not store.has(companion.collection_name("test-c", companion.CHUNKS))


def test_a_generation_built_before_its_companion_gets_it_on_a_plain_ingest(tmp_path, monkeypatch):
    """An index built before round 4 is not up to date: a plain `ingest` adds the companion's
    collections and embeds no chunk again."""
    from ingest.pipeline import current_generation, index_dir, ingest

    corpus = one_document_corpus(tmp_path)
    data = tmp_path / "data"
    monkeypatch.setattr(companion, "COMPANIONS", {})
    ingest(corpus, data, embedder="use", progress=False, chroma_url="")
    before = current_generation(index_dir(data, "use"))
    assert not ingest(corpus, data, embedder="use", progress=False, chroma_url="").changed
    monkeypatch.setattr(companion, "COMPANIONS", {"use": "use"})   # `use` as its own companion: cheap
    report = ingest(corpus, data, embedder="use", progress=False, chroma_url="")
    assert report.changed and report.embedded == 0 and report.unchanged == 1
    gen = current_generation(index_dir(data, "use"))
    assert gen.name != before.name and gen.manifest["companion"] == "use"
    store = VectorStore.open(index_dir(data, "use"))
    for part in (companion.CHUNKS, companion.CONTEXT):
        assert store.has(companion.collection_name(gen.collection, part))
        assert not store.has(companion.collection_name(before.collection, part))
    assert not ingest(corpus, data, embedder="use", progress=False, chroma_url="").changed


def test_the_companion_weights_follow_the_question_language(retriever):
    """English questions on French texts are where the companion helps most: its weights are
    fitted, and applied, per question language."""
    from assistant import rerank
    from assistant.retrieval import STAGES
    fitted = rerank.WEIGHTS.get(retriever.embedder_name, {}).get("companion")
    english = "Can a patient refuse to have their health records hosted by an outside company?"
    french = "Un patient peut-il refuser que ses données de santé soient hébergées par une société ?"
    if not fitted:
        assert "companion_context" not in retriever._fusion(STAGES, english)["weights"] \
            or retriever._fusion(STAGES, english)["weights"]["companion_context"] == 0.0
        return
    for question, lang in ((english, "en"), (french, "fr")):
        weights = retriever._fusion(STAGES, question)["weights"]
        assert weights["companion_dense"] == fitted[lang]["dense"]
        assert weights["companion_context"] == fitted[lang]["context"]
    assert "companion_dense" not in retriever._fusion(("bm25", "dense"), english)["weights"]
