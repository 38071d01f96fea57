"""Catalogue: the small Chroma collection that says which index generation is current, which
generations exist, which workers read which generation (leases) and who is ingesting (lock).

It lives in the same store as the generations (the embedded store under the data dir, or the
Chroma server of `HDS_CHROMA_URL`), in the collection `hds-catalogue`. Records, by id:

- `generation:<key>:<name>`: one built generation; the document is its manifest (JSON);
  metadata `retired` is when it stopped being current (0 while current or never current);
- `current:<key>`: the current generation of index `<key>`; written (upsert) as the last step
  of an ingest, so a reader sees the old generation or the new one, never a half-built one;
- `lease:<key>:<worker>`: the generation a worker reads and when it last said so (heartbeat);
- `lock:<key>:<n>`: the n-th ingest lock of index `<key>` (see `ingest.lock`).

Times are seconds since the epoch, written by each host's clock: hosts must keep their clocks
in step (NTP) to within a small fraction of the grace period.

This module does not build, load or rank anything.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass

NAME = "hds-catalogue"


@dataclass(frozen=True)
class Lease:
    worker: str
    generation: str
    seen: float


class Catalogue:
    """The catalogue of one store (`ingest.store.VectorStore`)."""

    def __init__(self, store):
        self.store = store
        self._col = None

    def _collection(self):
        if self._col is None:
            self._col = self.store._call("open the catalogue", self.store._client.get_or_create_collection,
                                         NAME, embedding_function=None)
        return self._col

    def _get(self, **kwargs) -> dict:
        return self.store._call("read the catalogue", self._collection().get, **kwargs)

    def _upsert(self, rid: str, metadata: dict, document: str = "") -> None:
        from ingest.store import PLACEHOLDER
        self.store._call("write the catalogue", self._collection().upsert, ids=[rid], embeddings=[PLACEHOLDER],
                         metadatas=[metadata], documents=[document])

    def add_if_absent(self, rid: str, metadata: dict) -> bool:
        """Add record `rid` unless it exists; True when the stored record is this one (same
        `owner`). Chroma 1.5.9 ignores an `add` of an existing id: of two racing adds the first stays."""
        from ingest.store import PLACEHOLDER
        self.store._call("write the catalogue", self._collection().add, ids=[rid], embeddings=[PLACEHOLDER],
                         metadatas=[metadata], documents=[""])
        got = self._get(ids=[rid], include=["metadatas"])
        return bool(got["ids"]) and got["metadatas"][0].get("owner") == metadata.get("owner")

    def update(self, rid: str, metadata: dict) -> None:
        self.store._call("write the catalogue", self._collection().update, ids=[rid], metadatas=[metadata])

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.store._call("write the catalogue", self._collection().delete, ids=list(ids))

    def records(self, kind: str, key: str) -> list[tuple[str, dict, str]]:
        """(id, metadata, document) of every record of `kind` for index `key`."""
        got = self._get(where={"$and": [{"kind": kind}, {"key": key}]}, include=["metadatas", "documents"])
        return list(zip(got["ids"], got["metadatas"], got["documents"]))

    # ------------------------------------------------------------ generations

    def current(self, key: str) -> str | None:
        """Name of the current generation of index `key` (one small read), or None."""
        got = self._get(ids=[f"current:{key}"], include=["metadatas"])
        return got["metadatas"][0]["generation"] if got["ids"] else None

    def manifest(self, key: str, generation: str) -> dict | None:
        got = self._get(ids=[f"generation:{key}:{generation}"], include=["documents"])
        if not got["ids"]:
            return None
        try:
            return json.loads(got["documents"][0])
        except (TypeError, ValueError):
            return None

    def publish(self, key: str, manifest: dict) -> None:
        """Record a built generation, then make it current (the last, atomic step)."""
        name = manifest["generation"]
        previous = self.current(key)
        self._upsert(f"generation:{key}:{name}",
                     {"kind": "generation", "key": key, "generation": name, "collection": manifest["collection"],
                      "retired": 0.0}, json.dumps(manifest, ensure_ascii=False))
        self._upsert(f"current:{key}", {"kind": "current", "key": key, "generation": name, "switched": time.time()})
        if previous and previous != name:
            got = self._get(ids=[f"generation:{key}:{previous}"], include=["metadatas"])
            if got["ids"]:
                self.update(f"generation:{key}:{previous}", {**got["metadatas"][0], "retired": time.time()})

    def generations(self, key: str) -> list[dict]:
        """Metadata of every recorded generation of `key` (generation, collection, retired)."""
        return [meta for _rid, meta, _doc in self.records("generation", key)]

    def forget(self, key: str, generation: str) -> None:
        self.delete([f"generation:{key}:{generation}"])

    # ------------------------------------------------------------ leases

    def heartbeat(self, key: str, worker: str, generation: str) -> None:
        """Say that `worker` reads `generation` now."""
        self._upsert(f"lease:{key}:{worker}", {"kind": "lease", "key": key, "worker": worker,
                                                "generation": generation, "seen": time.time()})

    def release(self, key: str, worker: str) -> None:
        self.delete([f"lease:{key}:{worker}"])

    def leases(self, key: str) -> list[Lease]:
        return [Lease(m["worker"], m["generation"], float(m["seen"])) for _rid, m, _doc in self.records("lease", key)]
