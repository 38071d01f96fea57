"""Sentence vectors of an index generation, for the second stage of retrieval (`assistant.rerank`).

Each chunk is split into its quotable sentences (`assistant.answer.sentences`: exact offsets,
`document.text[start:end] == sentence`); a chunk without one counts as one sentence (the whole
chunk). The sentences are embedded once, at ingest, with the index's own embedder (so a question
needs no second encoding) and stored in the Chroma collection `<chunk collection>-sent` of the
generation, metadata `{chunk, doc_id, start, end}` (`chunk` is the chunk's position in the
generation's `chunks.jsonl`). Vectors of sentences unchanged since the previous generation (same
document, offsets and text) are copied from its collection, not encoded again.

A second collection, `<chunk collection>-sctx`, holds the same sentences embedded *in their
context*: the document's title and the chunk's section path before the sentence
(`context_text`). Many requirements start alike ("Le prestataire doit ..."); the context tells
which text and which chapter a sentence belongs to, which the bare sentence cannot (measured in
docs/retrieval.md: alone, the contextual ranking has a recall@5 of 0.64 against 0.53 for the bare
one on the tuning part). Its records carry the same metadata and the bare sentence as document;
only the vector differs.

This module does not rank anything and does not decide which collections a generation owns
beyond naming its own.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np

SUFFIX = "-sent"
CONTEXT_SUFFIX = "-sctx"
MAX_NAME = 63   # Chroma's limit on a collection name


def collection_name(chunk_collection: str, context: bool = False) -> str:
    """`<chunk collection>-sent`, or `-sctx` for the vectors in context (the chunk name cut so
    that the whole fits Chroma's limit)."""
    suffix = CONTEXT_SUFFIX if context else SUFFIX
    return chunk_collection[:MAX_NAME - len(suffix)] + suffix


def context_text(title: str, section: str, sentence: str) -> str:
    """What is embedded for a sentence in context: where it stands, then the sentence."""
    return f"{title}\n{section}\n{sentence}"


@dataclass(frozen=True)
class SentenceSpan:
    chunk: int      # position of the chunk in the generation
    doc_id: str
    start: int      # offsets in the document's normalised text
    end: int
    text: str
    context: str = ""   # `context_text` of the sentence

    @property
    def key(self) -> str:
        digest = hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:12]
        return f"{self.doc_id}:{self.start}-{self.end}:{digest}"

    @property
    def context_key(self) -> str:
        """The key of its vector in context: it changes when the title or section does."""
        return self.key + ":" + hashlib.sha1(self.context.encode("utf-8")).hexdigest()[:8]


def spans(records: list[dict]) -> list[SentenceSpan]:
    """The sentences of every chunk record, in chunk order."""
    from assistant.answer.sentences import sentences
    from assistant.domain import Passage

    out: list[SentenceSpan] = []
    for position, r in enumerate(records):
        passage = Passage(doc_id=r["doc_id"], title=r["title"], section=r["section"], text=r["text"],
                          start=r["start"], end=r["end"], kind=r["kind"], date=r["date"])
        found = [(s.start, s.end, s.text) for s in sentences(passage)] or [(r["start"], r["end"], r["text"])]
        out.extend(SentenceSpan(position, r["doc_id"], a, b, text, context_text(r["title"], r["section"], text))
                   for a, b, text in found)
    return out


def previous_vectors(store, previous: str | None) -> dict[str, np.ndarray]:
    if not previous or not store.has(previous):
        return {}
    got = store.read(previous, include=("embeddings",))
    return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}


def write(store, name: str, items: list[SentenceSpan], keys: list[str], texts: list[str], embedder,
           old: dict[str, np.ndarray]) -> int:
    """One sentence collection: the vectors of `keys` found in `old` copied, the others encoded
    from `texts`; returns how many were encoded."""
    todo = [i for i, k in enumerate(keys) if k not in old]
    fresh = embedder.encode_passages([texts[i] for i in todo]) if todo else None
    dim = fresh.shape[1] if fresh is not None else (len(next(iter(old.values()))) if old else 1)
    matrix = np.zeros((len(items), dim), dtype=np.float32)
    for row, i in enumerate(todo):
        matrix[i] = fresh[row]
    for i, k in enumerate(keys):
        if k in old:
            matrix[i] = old[k]
    store.create(name, keys, matrix,
                 [{"chunk": s.chunk, "doc_id": s.doc_id, "start": s.start, "end": s.end} for s in items],
                 [s.text for s in items])
    return len(todo)


def build(records: list[dict], store, chunk_collection: str, embedder,
          previous_collection: str | None = None) -> dict:
    """Write the two sentence collections of a generation (bare and in context); returns
    `{"sentences", "encoded", "name"}` (`encoded` counts both)."""
    items = spans(records)
    encoded = 0
    for context in (False, True):
        old = previous_vectors(store, collection_name(previous_collection, context) if previous_collection else None)
        keys = [s.context_key if context else s.key for s in items]
        texts = [s.context if context else s.text for s in items]
        encoded += write(store, collection_name(chunk_collection, context), items, keys, texts, embedder, old)
    return {"sentences": len(items), "encoded": encoded, "name": collection_name(chunk_collection)}


def copy(source_store, source_chunk_collection: str, store, chunk_collection: str) -> bool:
    """Copy a generation's sentence collection into another store (nothing encoded again);
    False when the source generation has none."""
    if not source_store.has(collection_name(source_chunk_collection)):
        return False
    for context in (False, True):
        src = collection_name(source_chunk_collection, context)
        if not source_store.has(src):   # a generation built before the vectors in context
            continue
        got = source_store.read(src, include=("embeddings", "metadatas", "documents"))
        store.create(collection_name(chunk_collection, context), got["ids"],
                     np.asarray(got["embeddings"], dtype=np.float32), got["metadatas"], got["documents"])
    return True


def load(store, chunk_collection: str, context: bool = False) -> tuple[np.ndarray, np.ndarray] | None:
    """(vectors, chunk position of each) of a generation's sentences (bare, or in `context`), or
    None when the generation has no such collection (built before it existed)."""
    return load_collection(store, collection_name(chunk_collection, context))


def load_collection(store, name: str) -> tuple[np.ndarray, np.ndarray] | None:
    """(vectors, `chunk` of each record) of a collection of this format, or None when it is
    missing or empty (`ingest.companion` stores its vectors in the same format)."""
    if not store.has(name):
        return None
    got = store.read(name, include=("embeddings", "metadatas"))
    if not len(got["ids"]):
        return None
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    chunks = np.array([m["chunk"] for m in got["metadatas"]], dtype=np.int64)
    return vectors, chunks
