"""Vectors of a second encoder (the *companion*) beside an index generation's own.

Two encoders trained differently make different mistakes; their rankings fused beat either one
(docs/retrieval.md, round 4: with `e5` as the index's embedder, the multilingual USE v3 (`use`)
vectors of the chunks and of the in-context sentences lifted the tuning part's recall@5 from
0.717 to 0.747 and the English questions' recall@1 on the test part from 0.33 to 0.48). Which
companion an index embedder has is `COMPANIONS` (an embedder without an entry has none).

For a generation whose embedder has a companion, two Chroma collections are written:
- `<chunk collection>-uchk`: each chunk's `ingest.pipeline.index_text` (title, section, text),
  metadata `{chunk, doc_id, start, end}` with `chunk` its own position;
- `<chunk collection>-uctx`: each sentence in its context (`ingest.sentences.context_text`),
  the same records as the index's own `-sctx` collection.
Vectors of chunks and sentences unchanged since the previous generation (same document,
offsets, text, title and section) are copied from its collections, not encoded again.

This module does not rank anything (`assistant.companion` does) and names only its own
collections.
"""
from __future__ import annotations

import hashlib

import numpy as np

from ingest import sentences

# index embedder -> its companion (fitted in round 4 for e5; `use` with `e5` as companion was not
# measured, and `use` is the cheap one: its index keeps a single encoder)
COMPANIONS = {"e5": "use"}
CHUNKS, CONTEXT = "-uchk", "-uctx"


def companion_of(embedder_name: str) -> str | None:
    """The companion encoder's name for an index embedder, or None."""
    return COMPANIONS.get(embedder_name)


def collection_name(chunk_collection: str, part: str) -> str:
    """`<chunk collection>-uchk` or `-uctx`, cut to Chroma's limit like the sentence collections."""
    if part not in (CHUNKS, CONTEXT):
        raise ValueError(f"unknown companion collection {part!r}")
    return chunk_collection[:sentences.MAX_NAME - len(part)] + part


def chunk_items(records: list[dict]) -> list[sentences.SentenceSpan]:
    """One item per chunk: its own position, offsets and `index_text` (what is embedded)."""
    from ingest.pipeline import index_text

    return [sentences.SentenceSpan(i, r["doc_id"], r["start"], r["end"],
                                   index_text(r["title"], r["section"], r["text"]))
            for i, r in enumerate(records)]


def _chunk_key(item: sentences.SentenceSpan) -> str:
    return f"{item.doc_id}:{item.start}-{item.end}:{hashlib.sha1(item.text.encode('utf-8')).hexdigest()[:12]}"


def build(records: list[dict], store, chunk_collection: str, index_embedder: str,
          previous_collection: str | None = None, encoder=None) -> dict | None:
    """Write the companion's two collections of a generation; None (nothing written) when the
    index embedder has no companion. `encoder` replaces the companion (tests count encodings).
    Returns `{"chunks", "sentences", "encoded"}`."""
    name = companion_of(index_embedder)
    if name is None:
        return None
    if encoder is None:
        from ingest.embedders import get_embedder
        encoder = get_embedder(name)
    chunks, spans = chunk_items(records), sentences.spans(records)
    parts = ((CHUNKS, chunks, [_chunk_key(c) for c in chunks], [c.text for c in chunks]),
             (CONTEXT, spans, [s.context_key for s in spans], [s.context for s in spans]))
    encoded = 0
    for part, items, keys, texts in parts:
        old = sentences.previous_vectors(
            store, collection_name(previous_collection, part) if previous_collection else None)
        encoded += sentences.write(store, collection_name(chunk_collection, part), items, keys, texts, encoder, old)
    return {"chunks": len(chunks), "sentences": len(spans), "encoded": encoded}


def copy(source_store, source_chunk_collection: str, store, chunk_collection: str) -> bool:
    """Copy a generation's companion collections into another store (nothing encoded again);
    False when the source generation has none."""
    copied = False
    for part in (CHUNKS, CONTEXT):
        src = collection_name(source_chunk_collection, part)
        if not source_store.has(src):
            continue
        got = source_store.read(src, include=("embeddings", "metadatas", "documents"))
        store.create(collection_name(chunk_collection, part), got["ids"],
                     np.asarray(got["embeddings"], dtype=np.float32), got["metadatas"], got["documents"])
        copied = True
    return copied


def load(store, chunk_collection: str, part: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(vectors, chunk position of each) of one companion collection, or None when the
    generation has none (built before round 4, or its embedder has no companion)."""
    return sentences.load_collection(store, collection_name(chunk_collection, part))
