"""Scale: retrieval latency, memory and index size on synthetic indexes of 1k, 10k, 100k chunks.

A synthetic index is derived from the real one without encoding anything: chunk `i` copies
real chunk `i mod n` with 30 % of its words replaced by words drawn from the real corpus's
vocabulary, and its vector is that real chunk's vector plus Gaussian noise of norm about 0.3
(on a unit vector), then re-normalised. So the vocabulary, the text lengths and the shape of the
vector cloud are the real ones, and 100k chunks build in minutes instead of hours of encoding.
The files follow the ingest's layout (a generation folder, `CURRENT`, an embedded Chroma
collection), so the real `Retriever` opens them unchanged.

Each size is then measured in a child process (`python -m assistant.bench.scale DIR`), so
that its resident memory is its own: open time, hybrid `retrieve(k=8)` latency (the `k` the
answer service uses) over the bench questions, RSS now and at peak. Offsets of synthetic
chunks point at their source chunk; nothing here is meant to be quoted.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from assistant.bench.stats import folder_size_mb, memory_mb, summary

REPLACED = 0.3
NOISE = 0.3
SEED = 20210928


def build(generation, size: int, data_dir: Path) -> dict:
    """Write a synthetic generation of `size` chunks under `data_dir`; return build figures."""
    from ingest.bm25 import BM25Index
    from ingest.pipeline import _metadata, _write_json_atomic, index_dir, index_text
    from ingest.store import VectorStore, store_identity

    t0 = time.perf_counter()
    rng = np.random.default_rng(SEED + size)
    records, vectors = generation.chunk_records(), generation.vectors()
    vocabulary = sorted({w for r in records for w in r["text"].split()})
    idx = index_dir(data_dir, generation.manifest["embedder"])
    name = f"syn{size}"
    folder = idx / f"gen-{name}"
    folder.mkdir(parents=True)
    out_records = []
    for i in range(size):
        src = records[i % len(records)]
        words = src["text"].split()
        swap = rng.random(len(words)) < REPLACED
        picks = rng.integers(0, len(vocabulary), len(words))
        text = " ".join(vocabulary[p] if s else w for w, s, p in zip(words, swap, picks))
        out_records.append({**src, "id": f"{name}-{i:07d}", "text": text})
    source = np.arange(size) % len(records)
    matrix = vectors[source] + rng.normal(0.0, NOISE / np.sqrt(vectors.shape[1]), (size, vectors.shape[1]))
    matrix = (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)

    with open(folder / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for rec in out_records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (folder / "documents.jsonl").write_bytes((generation.folder / "documents.jsonl").read_bytes())
    np.save(folder / "vectors.npy", matrix)
    t_bm25 = time.perf_counter()
    BM25Index.build([index_text(r["title"], r["section"], r["text"]) for r in out_records]).save(folder / "bm25")
    bm25_s = time.perf_counter() - t_bm25
    identity = store_identity(idx, None)
    collection = f"bench-{name}"
    t_chroma = time.perf_counter()
    VectorStore.open(idx, None).create(collection, [r["id"] for r in out_records], matrix,
                                       [_metadata(r) for r in out_records], [r["text"] for r in out_records])
    chroma_s = time.perf_counter() - t_chroma
    manifest = {**generation.manifest, "generation": name, "store": identity, "collection": collection,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "synthetic": True}
    _write_json_atomic(folder / "manifest.json", manifest)
    _write_json_atomic(idx / "CURRENT", {"generation": name})
    return {"build_s": round(time.perf_counter() - t0, 1), "bm25_build_s": round(bm25_s, 1),
            "chroma_build_s": round(chroma_s, 1), "index_mb": folder_size_mb(idx)}


def probe(data_dir: Path, questions: list[str], embedder: str, rounds: int = 2) -> dict:
    """In this process: open the retriever on `data_dir`, time `retrieve`, report memory."""
    from assistant import config
    from assistant.retrieval import Retriever

    settings = config.Settings(data_dir=Path(data_dir), embedder=embedder, retrieval="hybrid",
                               chroma_url=None, llm=None)
    before = memory_mb()
    t = time.perf_counter()
    retriever = Retriever.open(settings, build_if_missing=False)
    open_s = time.perf_counter() - t
    for q in questions[:5]:
        retriever.retrieve(q, k=8)
    times = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            retriever.retrieve(q, k=8)
            times.append((time.perf_counter() - t) * 1000)
    return {"chunks": len(retriever.passages), "open_s": round(open_s, 2), "retrieve": summary(times),
            "rss_before_open_mb": before["rss_mb"], **memory_mb()}


def measure(generation, sizes, questions: list[str], embedder: str, workdir: Path, timeout: float = 1800) -> dict:
    out = {"method": (f"synthetic chunks from the real corpus's vocabulary ({int(REPLACED * 100)} % of words "
                      f"replaced); vectors = real chunk vectors + Gaussian noise of norm ~{NOISE}, re-normalised, not encoded"),
           "sizes": {}}
    for size in sizes:
        data_dir = Path(workdir) / f"scale-{size}"
        built = build(generation, size, data_dir)
        qfile = data_dir / "questions.json"
        qfile.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "assistant.bench.scale", str(data_dir), str(qfile), embedder],
                              capture_output=True, text=True, timeout=timeout, env={**os.environ})
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            out["sizes"][str(size)] = {**built, "error": f"probe exit {done.returncode}: {tail[:300]}"}
            continue
        out["sizes"][str(size)] = {**built, **json.loads(done.stdout.strip().splitlines()[-1])}
    return out


if __name__ == "__main__":
    data, qpath, name = sys.argv[1:4]
    result = probe(Path(data), json.loads(Path(qpath).read_text(encoding="utf-8")), name)
    print(json.dumps(result))
