"""Checksums of an index generation: what was written, so that a reader can tell a damaged
generation (a record edited, lost or added in the store) from a sound one.

Three SHA-256 digests, kept in the generation's manifest: `chunks` over the chunk records in
order (id, text and the whole metadata dict, canonical JSON), `documents` over the document
records, `vectors` over the float32 vectors in chunk order, as the store gives them back. Readers check the first two when
they load a generation; `ingest` checks all three before it reuses or keeps a generation.

This module does not read or write the store.
"""
from __future__ import annotations

import hashlib
import json

import numpy as np


def _digest(items) -> str:
    h = hashlib.sha256()
    n = 0
    for item in items:
        h.update(json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        h.update(b"\n")
        n += 1
    return f"{n}:{h.hexdigest()}"


def of_chunks(records: list[dict]) -> str:
    return _digest(records)


def of_documents(records: list[dict]) -> str:
    return _digest(records)


def of_vectors(matrix: np.ndarray) -> str:
    data = np.ascontiguousarray(matrix, dtype=np.float32)
    return f"{data.shape[0]}:{hashlib.sha256(data.tobytes()).hexdigest()}"


def damaged(expected: dict, **actual: str) -> list[str]:
    """Names of the parts (`chunks`, `documents`, `vectors`) whose digest differs from `expected`."""
    return [part for part, digest in actual.items() if expected.get(part) != digest]
