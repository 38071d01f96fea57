"""Ingest throughput: chunks per second of a `--rebuild` ingest into a temporary data dir,
against the raw encoder's throughput on the very same chunk texts (their ratio is the share
of ingest time spent embedding; the rest is loading, chunking, BM25, Chroma and files).

The embedding model is loaded before either is timed, so neither pays for it. It does not
touch the product's data dir.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from assistant.bench.stats import ratio


def measure(settings, embedder) -> dict:
    from ingest.pipeline import EMBED_BATCH, ingest, index_text

    embedder.encode_query("warm-up")
    with tempfile.TemporaryDirectory(prefix="hds-bench-ingest-") as tmp:
        report = ingest(settings.corpus_dir, Path(tmp), embedder=embedder, rebuild=True, progress=False,
                        chroma_url="")
        from ingest.pipeline import current_generation, index_dir
        gen = current_generation(index_dir(Path(tmp), embedder.name))
        texts = [index_text(r["title"], r["section"], r["text"]) for r in gen.chunk_records()]
    t = time.perf_counter()
    for i in range(0, len(texts), EMBED_BATCH):
        embedder.encode_passages(texts[i:i + EMBED_BATCH])
    encode_s = time.perf_counter() - t
    ingest_rate = report.chunks / report.seconds if report.seconds else None
    encode_rate = len(texts) / encode_s if encode_s else None
    return {"chunks": report.chunks, "ingest_s": round(report.seconds, 2),
            "ingest_chunks_per_s": round(ingest_rate, 1) if ingest_rate else None,
            "encoder_s": round(encode_s, 2), "encoder_chunks_per_s": round(encode_rate, 1) if encode_rate else None,
            "ingest_vs_encoder": ratio(ingest_rate, encode_rate)}
