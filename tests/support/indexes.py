"""Copies of the session's index for tests that change or move it (another Chroma store,
corrupted files), made without encoding anything again.

`clone_index(src_data_dir, dst_data_dir, corpus_dir, chroma_url=None)` copies the current
generation's files (chunks, vectors, BM25) and `CURRENT`, then runs the real ingest on the
copy: its store differs (a new local Chroma folder, or the server at `chroma_url`), so the
ingest writes a new generation into that store, reusing the vectors of the unchanged
documents. Returns the ingest's report. It never writes into `src_data_dir`.
"""
from __future__ import annotations

import shutil
from pathlib import Path


def clone_index(src_data_dir: Path, dst_data_dir: Path, corpus_dir: Path, chroma_url: str | None = None):
    from assistant.config import Settings
    from ingest.pipeline import current_generation, index_dir, ingest

    name = Settings().embedder
    src, dst = index_dir(src_data_dir, name), index_dir(dst_data_dir, name)
    gen = current_generation(src)
    assert gen is not None, f"no current generation in {src}"
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copytree(gen.folder, dst / gen.folder.name)
    shutil.copy2(src / "CURRENT", dst / "CURRENT")
    return ingest(corpus_dir, dst_data_dir, embedder=name, progress=False, chroma_url=chroma_url or "")
