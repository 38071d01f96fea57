"""Scale: retrieval latency, memory and index size on synthetic indexes of 1k, 10k, 100k chunks.

A synthetic index is derived from the real one without encoding anything: chunk `i` copies
real chunk `i mod n` with 30 % of its words replaced by words drawn from the real corpus's
vocabulary, and its vector is that real chunk's vector plus Gaussian noise of norm about 0.3
(on a unit vector), then re-normalised. So the vocabulary, the text lengths and the shape of the
vector cloud are the real ones, and 100k chunks build in minutes instead of hours of encoding.
The files follow the ingest's layout (a generation folder, `CURRENT`, an embedded Chroma
collection), so the real `Retriever` opens them unchanged.

Each size is then served by its own child process (`python -m assistant.bench.scale DIR
EMBEDDER`), so that its resident memory is its own: open time, hybrid `retrieve(k=8)` latency
(the `k` the answer service uses) over the bench questions, sent round-robin to the sizes so
that load from other processes hits them alike, RSS now and at peak. Offsets of synthetic
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


def serve_probe(data_dir: Path, embedder: str, stdin=sys.stdin, stdout=sys.stdout) -> None:
    """Child side: open the retriever on `data_dir`, print `READY {json}`, then for each line
    of stdin print the milliseconds of `retrieve(line, k=8)`; `MEM` prints the memory as JSON."""
    from assistant import config
    from assistant.retrieval import Retriever

    settings = config.Settings(data_dir=Path(data_dir), embedder=embedder, retrieval="hybrid",
                               chroma_url=None, llm=None)
    before = memory_mb()
    t = time.perf_counter()
    retriever = Retriever.open(settings, build_if_missing=False)
    ready = {"chunks": len(retriever.passages), "open_s": round(time.perf_counter() - t, 2),
             "rss_before_open_mb": before["rss_mb"]}
    print("READY " + json.dumps(ready), file=stdout, flush=True)
    for line in stdin:
        question = json.loads(line)
        if question == "MEM":
            print(json.dumps(memory_mb()), file=stdout, flush=True)
            continue
        t = time.perf_counter()
        retriever.retrieve(question, k=8)
        print(f"{(time.perf_counter() - t) * 1000:.3f}", file=stdout, flush=True)


class _Probe:
    """Parent side of one child process serving `serve_probe`."""

    def __init__(self, data_dir: Path, embedder: str):
        self.process = subprocess.Popen([sys.executable, "-m", "assistant.bench.scale", str(data_dir), embedder],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, env={**os.environ})
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.process.kill()
            tail = (self.process.stderr.read().strip().splitlines() or ["(no message)"])[-1]
            raise RuntimeError(f"probe on {data_dir} failed: {tail[:300]}")
        self.ready = json.loads(line[6:])

    def ask(self, message) -> str:
        self.process.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)


def measure(generation, sizes, questions: list[str], embedder: str, workdir: Path, rounds: int = 2) -> dict:
    """Build every size, open one probe process per size, then time the questions round-robin
    across the sizes (question i on each size in turn), so that a burst of load from other
    processes on the machine hits every size alike; memory is read after the last query."""
    out = {"method": (f"synthetic chunks from the real corpus's vocabulary ({int(REPLACED * 100)} % of words "
                      f"replaced); vectors = real chunk vectors + Gaussian noise of norm ~{NOISE}, re-normalised, "
                      "not encoded; sizes timed round-robin in separate processes"),
           "sizes": {}}
    probes: dict[int, _Probe] = {}
    try:
        for size in sizes:
            data_dir = Path(workdir) / f"scale-{size}"
            out["sizes"][str(size)] = build(generation, size, data_dir)
            try:
                probes[size] = _Probe(data_dir, embedder)
                out["sizes"][str(size)].update(probes[size].ready)
            except RuntimeError as exc:
                out["sizes"][str(size)]["error"] = str(exc)
        times: dict[int, list[float]] = {size: [] for size in probes}
        for q in questions[:5]:                       # warm-up
            for probe in probes.values():
                probe.ask(q)
        for _ in range(rounds):
            for q in questions:
                for size, probe in probes.items():
                    times[size].append(float(probe.ask(q)))
        for size, probe in probes.items():
            out["sizes"][str(size)].update({"retrieve": summary(times[size]), **json.loads(probe.ask("MEM"))})
    finally:
        for probe in probes.values():
            probe.close()
    return out


if __name__ == "__main__":
    serve_probe(Path(sys.argv[1]), sys.argv[2])
