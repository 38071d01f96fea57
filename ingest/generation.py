"""An index generation held whole in the Chroma store (embedded or server): nothing on disk.

A generation named `g` of index `key` is:
- the chunk collection `hds-<key>-<g>`: one record per chunk, id = chunk id, document = chunk
  text, vector = its embedding, metadata = the filter fields (`doc_id`, `section`, `start`,
  `end`, `kind`, `date`, `date_num`), its position `pos`, and `record`: the whole chunk record
  as JSON (any field the chunker adds, e.g. `confidence`, travels with it);
- the document collection `hds-<key>-<g>-docs`: one record per document, id = doc id,
  document = its text, metadata `record` = the rest of the `Document` as JSON;
- any other collection whose name starts with `hds-<key>-<g>` (e.g. `-sent`, sentence vectors
  added by the retrieval stage) belongs to it too: it is deleted with it;
- its manifest (documents and hashes, embedder, checksums) in the catalogue (`ingest.catalogue`).

`write()` stores one; `Generation.load()` reads it back and checks it against its checksums.
This module does not chunk, embed or rank.
"""
from __future__ import annotations

import json

import numpy as np

from ingest import checksums
from ingest.documents import Document

FORMAT = 2


class DamagedGeneration(Exception):
    """A generation whose records differ from its checksums, or whose collection is gone."""

    def __init__(self, generation: str, parts: list[str]):
        self.generation, self.parts = generation, parts
        super().__init__(f"generation {generation}: {', '.join(parts)} differ from the checksums written at ingest")


def documents_collection(collection: str) -> str:
    return f"{collection}-docs"


def _chunk_metadata(pos: int, rec: dict) -> dict:
    rest = {k: v for k, v in rec.items() if k not in ("id", "text")}
    return {"pos": pos, "doc_id": rec["doc_id"], "section": rec["section"], "start": rec["start"], "end": rec["end"],
            "kind": rec["kind"], "date": rec["date"], "date_num": int(rec["date"].replace("-", "")),
            "record": json.dumps(rest, ensure_ascii=False)}


def write(store, collection: str, records: list[dict], vectors: np.ndarray, doc_records: list[dict]) -> dict:
    """Write the chunk and document collections of a generation; returns their checksums. The
    vectors' digest is taken over the vectors read back from the store: Chroma does not give
    back the exact float32 bits it was given (differences of about 1e-8)."""
    store.create(collection, [r["id"] for r in records], vectors,
                 [_chunk_metadata(i, r) for i, r in enumerate(records)], [r["text"] for r in records])
    store.create_records(documents_collection(collection), [d["doc_id"] for d in doc_records],
                         [{"pos": i, "record": json.dumps({k: v for k, v in d.items() if k != "text"},
                                                          ensure_ascii=False)} for i, d in enumerate(doc_records)],
                         [d["text"] for d in doc_records])
    got = store.read(collection, include=["metadatas", "embeddings"])
    order = sorted(range(len(got["ids"])), key=lambda i: got["metadatas"][i]["pos"])
    stored = np.asarray([got["embeddings"][i] for i in order], dtype=np.float32).reshape(len(order), -1)
    return {"chunks": checksums.of_chunks(records), "documents": checksums.of_documents(doc_records),
            "vectors": checksums.of_vectors(stored)}


class Generation:
    """One complete, immutable build of an index, as recorded in the catalogue."""

    def __init__(self, store, manifest: dict):
        self.store = store
        self.manifest = manifest

    @property
    def name(self) -> str:
        return self.manifest["generation"]

    @property
    def collection(self) -> str:
        return self.manifest["collection"]

    def _read(self, name: str, embeddings: bool = False) -> tuple[list[dict], np.ndarray | None]:
        include = ["documents", "metadatas"] + (["embeddings"] if embeddings else [])
        got = self.store.read(name, include=include)
        order = sorted(range(len(got["ids"])), key=lambda i: got["metadatas"][i]["pos"])
        out = []
        for i in order:
            rec = json.loads(got["metadatas"][i]["record"])
            out.append((got["ids"][i], rec, got["documents"][i]))
        vectors = None
        if embeddings:
            vectors = np.asarray([got["embeddings"][i] for i in order], dtype=np.float32)
            if not len(order):
                vectors = np.zeros((0, int(self.manifest.get("dim", 1))), np.float32)
        return out, vectors

    def _present(self) -> bool:
        return self.store.has(self.collection) and self.store.has(documents_collection(self.collection))

    def chunk_records(self) -> list[dict]:
        rows, _ = self._read(self.collection)
        return [{"id": rid, **rec, "text": text} for rid, rec, text in rows]

    def chunks_and_vectors(self) -> tuple[list[dict], np.ndarray]:
        rows, vectors = self._read(self.collection, embeddings=True)
        return [{"id": rid, **rec, "text": text} for rid, rec, text in rows], vectors

    def vectors(self) -> np.ndarray:
        return self.chunks_and_vectors()[1]

    def chunk_vectors(self) -> tuple[list[str], np.ndarray]:
        """(chunk ids, their vectors as float32 rows), read without texts or metadata: the
        retriever's exact dense ranking needs only these (a tenth of the full read's memory)."""
        got = self.store.read(self.collection, include=("embeddings",))
        vectors = np.asarray(got["embeddings"], dtype=np.float32)
        if not len(got["ids"]):
            vectors = np.zeros((0, int(self.manifest.get("dim", 1))), np.float32)
        return list(got["ids"]), vectors

    def document_records(self) -> list[dict]:
        rows, _ = self._read(documents_collection(self.collection))
        return [{**rec, "text": text} for _rid, rec, text in rows]

    def documents(self) -> list[Document]:
        return [Document(**rec) for rec in self.document_records()]

    def load(self) -> tuple[list[dict], list[Document]]:
        """Chunk records and documents, checked against the manifest's checksums
        (`DamagedGeneration` when they differ or a collection is missing)."""
        if not self._present():
            raise DamagedGeneration(self.name, ["its collections (missing from the store)"])
        records, docs = self.chunk_records(), self.document_records()
        bad = checksums.damaged(self.manifest.get("checksums", {}), chunks=checksums.of_chunks(records),
                                documents=checksums.of_documents(docs))
        if bad:
            raise DamagedGeneration(self.name, bad)
        return records, [Document(**d) for d in docs]

    def verify(self) -> tuple[list[str], list[dict] | None, np.ndarray | None]:
        """(damaged parts, chunk records, vectors): every part checked, vectors included."""
        if not self._present():
            return ["its collections (missing from the store)"], None, None
        records, vectors = self.chunks_and_vectors()
        docs = self.document_records()
        bad = checksums.damaged(self.manifest.get("checksums", {}), chunks=checksums.of_chunks(records),
                                documents=checksums.of_documents(docs), vectors=checksums.of_vectors(vectors))
        return bad, records, vectors
