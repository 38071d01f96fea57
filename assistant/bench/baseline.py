"""The bare baseline: the same embedder behind a plain LangChain `langchain_chroma.Chroma`
over the same chunks, queried with `similarity_search(k=5)`.

`Baseline.build(generation, embedder, folder)` copies the chunks and their vectors (already
computed by the ingest; nothing is re-embedded) into a new embedded Chroma collection under
`folder`; `.search(question)` runs one query and returns its latency in milliseconds. It is
what a minimal retrieval-augmented answerer would do before composing anything; it does not
fuse, check or compose.
"""
from __future__ import annotations

import time
from pathlib import Path

BATCH = 256


class Baseline:
    def __init__(self, store):
        self.store = store

    @classmethod
    def build(cls, generation, embedder, folder: Path) -> "Baseline":
        import chromadb
        from chromadb.config import Settings
        from langchain_chroma import Chroma

        client = chromadb.PersistentClient(path=str(folder), settings=Settings(anonymized_telemetry=False))
        # filled through chromadb itself: LangChain's `add_texts` would embed again, and the
        # vectors are the ingest's; LangChain's wrapper then searches the same collection
        collection = client.get_or_create_collection("baseline", embedding_function=None,
                                                     metadata={"hnsw:space": "cosine"})
        records, vectors = generation.chunk_records(), generation.vectors()
        for i in range(0, len(records), BATCH):
            part = records[i:i + BATCH]
            collection.add(ids=[r["id"] for r in part],
                           embeddings=[list(map(float, v)) for v in vectors[i:i + BATCH]],
                           documents=[r["text"] for r in part],
                           metadatas=[{"doc_id": r["doc_id"], "section": r["section"]} for r in part])
        store = Chroma(client=client, collection_name="baseline", embedding_function=embedder,
                       collection_metadata={"hnsw:space": "cosine"})
        return cls(store)

    def search(self, question: str) -> float:
        t = time.perf_counter()
        docs = self.store.similarity_search(question, k=5)
        elapsed = (time.perf_counter() - t) * 1000
        if not docs:
            raise RuntimeError("the baseline returned no passage")
        return elapsed
