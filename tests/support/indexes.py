"""Copies of the session's index for tests that change or move it (another Chroma store,
damaged records), made without encoding anything again.

`clone_index(src_data_dir, dst_data_dir, corpus_dir, chroma_url=None)` copies the current
generation of the session's embedded store (records, vectors, documents, manifest) into the
store of the copy (a new embedded store under `dst_data_dir`, or the server at `chroma_url`)
and makes it current there, then runs the real ingest on the copy, which checks it against
its checksums and finds it up to date. Returns the ingest's report. It never writes into
`src_data_dir`.
"""
from __future__ import annotations

from pathlib import Path


def clone_index(src_data_dir: Path, dst_data_dir: Path, corpus_dir: Path, chroma_url: str | None = None):
    from assistant.config import Settings
    from ingest.names import index_key
    from ingest.pipeline import copy_generation, current_generation, index_dir, ingest, open_store

    name = Settings().embedder
    gen = current_generation(index_dir(src_data_dir, name))
    assert gen is not None, f"no current generation in {src_data_dir}"
    copy_generation(gen, open_store(index_dir(dst_data_dir, name), chroma_url or None), index_key(name))
    return ingest(corpus_dir, dst_data_dir, embedder=name, progress=False, chroma_url=chroma_url or "")
