"""Scale: retrieval latency, memory and index size on synthetic indexes of 1k, 10k, 100k chunks.

A synthetic index is derived from the real one without encoding anything: chunk `i` copies
real chunk `i mod n` with 30 % of its words replaced by words drawn from the real corpus's
vocabulary, and its vector is that real chunk's vector plus Gaussian noise of norm about 0.3
(on a unit vector), then re-normalised. So the vocabulary, the text lengths and the shape of the
vector cloud are the real ones, and 100k chunks build in minutes instead of hours of encoding.
Each is written by the ingest's own `publish` into the bench's store (the Chroma server of
`HDS_CHROMA_URL` when set, else an embedded store per size) under its own index key
(`<embedder>-syn<size>`), so the real `Retriever` opens it from the store unchanged, and it is
deleted at the end.

Each size is then served by its own child process (`python -m assistant.bench.scale DIR
EMBEDDER SIZE [CHROMA_URL]`), so that its resident memory is its own: open time from the store, hybrid `retrieve(k=8)` latency
(the `k` the answer service uses, split into the question's encoding and the ranking) over the
bench questions, sent round-robin to the sizes so
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


def synthetic_key(embedder: str, size: int) -> str:
    from ingest.names import index_key
    return f"{index_key(embedder)}-syn{size}"


def build(generation, size: int, data_dir: Path, chroma_url: str | None = None) -> dict:
    """Write a synthetic generation of `size` chunks into the store (embedded under `data_dir`,
    or the server of `chroma_url`) under its own index key; return build figures."""
    from ingest.bm25 import BM25Index
    from ingest.pipeline import index_dir, index_text, open_store, publish

    t0 = time.perf_counter()
    rng = np.random.default_rng(SEED + size)
    records, vectors = generation.chunks_and_vectors()
    vocabulary = sorted({w for r in records for w in r["text"].split()})
    embedder = generation.manifest["embedder"]
    name = f"syn{size}"
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

    t_bm25 = time.perf_counter()
    BM25Index.build([index_text(r["title"], r["section"], r["text"]) for r in out_records])
    bm25_s = time.perf_counter() - t_bm25
    idx = index_dir(data_dir, embedder)
    t_chroma = time.perf_counter()
    keep = ("chunker", "bm25", "embedder", "documents")
    publish(open_store(idx, chroma_url), synthetic_key(embedder, size), out_records, matrix,
            generation.document_records(), {**{k: generation.manifest[k] for k in keep}, "synthetic": True})
    chroma_s = time.perf_counter() - t_chroma
    return {"build_s": round(time.perf_counter() - t0, 1), "bm25_build_s": round(bm25_s, 1),
            "chroma_build_s": round(chroma_s, 1),
            "index_mb": folder_size_mb(idx) if not chroma_url else None}


def remove(size: int, embedder: str, data_dir: Path, chroma_url: str | None) -> None:
    """Delete a synthetic index from its store (collections and catalogue records)."""
    from ingest.catalogue import Catalogue
    from ingest.pipeline import collect_garbage, index_dir, open_store
    store = open_store(index_dir(data_dir, embedder), chroma_url)
    key = synthetic_key(embedder, size)
    cat = Catalogue(store)
    cat.delete([rid for kind in ("lease", "current", "lock") for rid, _m, _d in cat.records(kind, key)])
    collect_garbage(store, key, set())


def serve_probe(data_dir: Path, embedder: str, size: int, chroma_url: str | None = None,
                stdin=sys.stdin, stdout=sys.stdout) -> None:
    """Child side: open the retriever on the synthetic index, print `READY {json}` (open time
    from the store, memory), then for each line of stdin print the milliseconds of
    `retrieve(line, k=8)` as JSON: `total`, split into `encode` (the question's embedding,
    the same work at every size) and `rank` (everything else: BM25, Chroma's search, fusion);
    `MEM` prints the memory as JSON."""
    from assistant import config
    from assistant.live_index import LiveRetriever
    from assistant.retrieval import Retriever

    settings = config.Settings(data_dir=Path(data_dir), embedder=embedder, retrieval="hybrid",
                               chroma_url=chroma_url or None, llm=None)
    before = memory_mb()
    t = time.perf_counter()
    retriever = LiveRetriever.open(Retriever, settings, strategy="hybrid", embedder=embedder, build_if_missing=False,
                                   watch=False, key=synthetic_key(embedder, size))
    ready = {"chunks": len(retriever.passages), "open_s": round(time.perf_counter() - t, 2),
             "rss_before_open_mb": before["rss_mb"], "rss_after_open_mb": memory_mb()["rss_mb"]}
    print("READY " + json.dumps(ready), file=stdout, flush=True)
    for line in stdin:
        question = json.loads(line)
        if question == "MEM":
            print(json.dumps(memory_mb()), file=stdout, flush=True)
            continue
        if question == "SWITCH":   # what a generation switch costs: loading one in the background
            t = time.perf_counter()
            again = retriever.load(retriever.generation)
            switch_s = time.perf_counter() - t
            print(json.dumps({"switch_load_s": round(switch_s, 2), "rss_during_switch_mb": memory_mb()["rss_mb"]}),
                  file=stdout, flush=True)
            del again
            continue
        t0 = time.perf_counter()
        retriever.query_vector(question)       # the encoding, which does not depend on the index size
        t1 = time.perf_counter()
        retriever.retrieve(question, k=8)      # reuses that vector: the rest is the ranking itself
        t2 = time.perf_counter()
        print(json.dumps({"total": (t2 - t0) * 1000, "encode": (t1 - t0) * 1000, "rank": (t2 - t1) * 1000}),
              file=stdout, flush=True)
    retriever.close()


class _Probe:
    """Parent side of one child process serving `serve_probe`."""

    def __init__(self, data_dir: Path, embedder: str, size: int, chroma_url: str | None):
        self.process = subprocess.Popen([sys.executable, "-m", "assistant.bench.scale", str(data_dir), embedder,
                                         str(size), chroma_url or ""],
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


def measure(generation, sizes, questions: list[str], embedder: str, workdir: Path, rounds: int = 2,
            chroma_url: str | None = None) -> dict:
    """Build every size, open one probe process per size, then time the questions round-robin
    across the sizes (question i on each size in turn), so that a burst of load from other
    processes on the machine hits every size alike; memory is read after the last query."""
    out = {"method": (f"synthetic chunks from the real corpus's vocabulary ({int(REPLACED * 100)} % of words "
                      f"replaced); vectors = real chunk vectors + Gaussian noise of norm ~{NOISE}, re-normalised, "
                      "not encoded; sizes timed round-robin in separate processes"),
           "store": chroma_url or "embedded", "sizes": {}}
    probes: dict[int, _Probe] = {}
    try:
        for size in sizes:
            data_dir = Path(workdir) / f"scale-{size}"
            out["sizes"][str(size)] = build(generation, size, data_dir, chroma_url)
            try:
                probes[size] = _Probe(data_dir, embedder, size, chroma_url)
                out["sizes"][str(size)].update(probes[size].ready)
            except RuntimeError as exc:
                out["sizes"][str(size)]["error"] = str(exc)
        times: dict[int, list[dict]] = {size: [] for size in probes}
        for q in questions[:5]:                       # warm-up
            for probe in probes.values():
                probe.ask(q)
        for _ in range(rounds):
            for q in questions:
                for size, probe in probes.items():
                    times[size].append(json.loads(probe.ask(q)))
        for size, probe in probes.items():
            out["sizes"][str(size)].update({"retrieve": summary([t["total"] for t in times[size]]),
                                            "encode": summary([t["encode"] for t in times[size]]),
                                            "rank": summary([t["rank"] for t in times[size]]),
                                            **json.loads(probe.ask("MEM"))})
            out["sizes"][str(size)].update(json.loads(probe.ask("SWITCH")))
    finally:
        for probe in probes.values():
            probe.close()
        for size in sizes:
            remove(size, embedder, Path(workdir) / f"scale-{size}", chroma_url)
    return out


if __name__ == "__main__":
    serve_probe(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
