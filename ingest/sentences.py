"""Sentence vectors of an index generation, for the second stage of retrieval (`assistant.rerank`).

Each chunk is split into its quotable sentences (`assistant.answer.sentences`: exact offsets,
`document.text[start:end] == sentence`); a chunk without one counts as one sentence (the whole
chunk). The sentences are embedded once, at ingest, with the index's own embedder (so a question
needs no second encoding) and stored in the Chroma collection `<chunk collection>-sent` of the
generation, metadata `{chunk, doc_id, start, end}` (`chunk` is the chunk's position in the
generation's `chunks.jsonl`). Vectors of sentences unchanged since the previous generation (same
document, offsets and text) are copied from its collection, not encoded again.

This module does not rank anything and does not decide which collections a generation owns
beyond naming its own.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

SUFFIX = "-sent"
MAX_NAME = 63   # Chroma's limit on a collection name


def collection_name(chunk_collection: str) -> str:
    """`<chunk collection>-sent` (the chunk name cut so that the whole fits Chroma's limit)."""
    return chunk_collection[:MAX_NAME - len(SUFFIX)] + SUFFIX


@dataclass(frozen=True)
class SentenceSpan:
    chunk: int      # position of the chunk in the generation
    doc_id: str
    start: int      # offsets in the document's normalised text
    end: int
    text: str

    @property
    def key(self) -> str:
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]
        return f"{self.doc_id}:{self.start}-{self.end}:{digest}"


def spans(records: list[dict]) -> list[SentenceSpan]:
    """The sentences of every chunk record, in chunk order."""
    from assistant.answer.sentences import sentences
    from assistant.domain import Passage

    out: list[SentenceSpan] = []
    for position, r in enumerate(records):
        passage = Passage(doc_id=r["doc_id"], title=r["title"], section=r["section"], text=r["text"],
                          start=r["start"], end=r["end"], kind=r["kind"], date=r["date"])
        found = [SentenceSpan(position, r["doc_id"], s.start, s.end, s.text) for s in sentences(passage)]
        out.extend(found or [SentenceSpan(position, r["doc_id"], r["start"], r["end"], r["text"])])
    return out


def _previous_vectors(store, previous: str | None) -> dict[str, np.ndarray]:
    if not previous or not store.has(previous):
        return {}
    got = store.read(previous, include=("embeddings",))
    return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}


def build(records: list[dict], store, chunk_collection: str, embedder,
          previous_collection: str | None = None) -> dict:
    """Write the sentence collection of a generation; returns `{"sentences", "encoded", "name"}`."""
    items = spans(records)
    name = collection_name(chunk_collection)
    old = _previous_vectors(store, collection_name(previous_collection) if previous_collection else None)
    todo = [i for i, s in enumerate(items) if s.key not in old]
    fresh = embedder.encode_passages([items[i].text for i in todo]) if todo else None
    dim = fresh.shape[1] if fresh is not None else (len(next(iter(old.values()))) if old else 1)
    matrix = np.zeros((len(items), dim), dtype=np.float32)
    for row, i in enumerate(todo):
        matrix[i] = fresh[row]
    for i, s in enumerate(items):
        if s.key in old:
            matrix[i] = old[s.key]
    store.create(name, [s.key for s in items], matrix,
                 [{"chunk": s.chunk, "doc_id": s.doc_id, "start": s.start, "end": s.end} for s in items],
                 [s.text for s in items])
    return {"sentences": len(items), "encoded": len(todo), "name": name}


def copy(source_store, source_chunk_collection: str, store, chunk_collection: str) -> bool:
    """Copy a generation's sentence collection into another store (nothing encoded again);
    False when the source generation has none."""
    src = collection_name(source_chunk_collection)
    if not source_store.has(src):
        return False
    got = source_store.read(src, include=("embeddings", "metadatas", "documents"))
    store.create(collection_name(chunk_collection), got["ids"], np.asarray(got["embeddings"], dtype=np.float32),
                 got["metadatas"], got["documents"])
    return True


def load(store, chunk_collection: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(vectors, chunk position of each) of a generation's sentences, or None when the
    generation has no sentence collection (built before this stage existed)."""
    name = collection_name(chunk_collection)
    if not store.has(name):
        return None
    got = store.read(name, include=("embeddings", "metadatas"))
    if not len(got["ids"]):
        return None
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    chunks = np.array([m["chunk"] for m in got["metadatas"]], dtype=np.int64)
    return vectors, chunks
