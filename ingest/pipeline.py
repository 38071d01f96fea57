"""Ingest: corpus -> chunks -> vectors (Chroma) + BM25, incremental and atomic.

Layout, one index per embedder:

    data_dir/index/<embedder>/
        CURRENT            {"generation": "g..."}; replaced with os.replace as the last step
        gen-<id>/          one generation: manifest.json (doc hashes, store, collection),
                           chunks.jsonl, vectors.npy, documents.jsonl, bm25/
        chroma/            the embedded Chroma store (unused when HDS_CHROMA_URL is set)
        .lock              held (flock) while an ingest writes

A run loads the corpus (a malformed file raises `CorpusError` before anything is written),
compares each `Document.content_hash` with the current manifest and returns at once when
nothing changed (no model loaded, no file written). Otherwise it builds a *new* generation:
unchanged documents keep their chunks and vectors (copied, not re-embedded), changed and new
ones are chunked and embedded, removed ones are left out; the new Chroma collection and files
are written, then `CURRENT` is switched. A failure or a kill before the switch leaves the
previous generation in use; older generations are deleted after a successful switch (the
previous one is kept for readers that still hold it).

This module does not rank or answer anything (see `assistant.retrieval`).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.errors import BackendUnavailable
from ingest.chunking import CHUNKER_VERSION, chunk_document
from ingest.documents import Document, load_corpus
from ingest.names import check_name, index_key

FORMAT = 1
TEXT_RECIPE = "1"   # bump when `index_text` changes: vectors of older generations are not reused
EMBED_BATCH = 32
LOCK_TIMEOUT_S = 600

Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    embedder: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    generation: str | None = None
    changed: bool = True
    doc_ids: dict = field(default_factory=dict)   # status -> [doc_id]
    notes: list = field(default_factory=list)     # what the build had to repair, one sentence each

    def summary(self) -> str:
        if not self.changed:
            return (f"Index '{self.embedder}' already up to date: {self.unchanged} documents, "
                    f"{self.chunks} chunks ({self.seconds:.2f} s).")
        return "\n".join([*self.notes, (
            f"Index '{self.embedder}': {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged documents; {self.chunks} chunks ({self.embedded} embedded) "
            f"in {self.seconds:.1f} s.")])

    def to_json(self) -> dict:
        return asdict(self)


def index_dir(data_dir: Path, embedder: str) -> Path:
    return Path(data_dir) / "index" / index_key(embedder)


def _chunk_recipe() -> str:
    return f"{CHUNKER_VERSION}/{TEXT_RECIPE}"


def index_text(doc_title: str, section: str, text: str) -> str:
    """What is embedded and BM25-indexed for a chunk: its text with where it comes from, so a
    short requirement ("19.6.c") carries its heading path and the document's name."""
    return f"{doc_title}\n{section}\n{text}"


# ---------------------------------------------------------------- generations

@dataclass
class Generation:
    """One complete, immutable build of an index."""
    folder: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.manifest["generation"]

    @property
    def collection(self) -> str:
        return self.manifest["collection"]

    def chunk_records(self) -> list[dict]:
        with open(self.folder / "chunks.jsonl", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def vectors(self) -> np.ndarray:
        return np.load(self.folder / "vectors.npy")

    def documents(self) -> list[Document]:
        docs = []
        with open(self.folder / "documents.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    docs.append(Document(**json.loads(line)))
        return docs

    def bm25(self):
        from ingest.bm25 import BM25Index
        return BM25Index.load(self.folder / "bm25")


def current_generation(idx: Path) -> Generation | None:
    """The generation `CURRENT` points at, or None when there is none or it is unreadable."""
    try:
        name = json.loads((Path(idx) / "CURRENT").read_text(encoding="utf-8"))["generation"]
        folder = Path(idx) / f"gen-{name}"
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if manifest.get("format") != FORMAT or manifest.get("generation") != name:
        return None
    return Generation(folder, manifest)


def _write_json_atomic(path: Path, obj) -> None:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(idx: Path):
    """Exclusive lock of one index folder; released by the kernel even on kill -9."""
    idx.mkdir(parents=True, exist_ok=True)
    with open(idx / ".lock", "a+") as fh:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BackendUnavailable(f"another ingest has held {idx} for over {LOCK_TIMEOUT_S} s.") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


# ---------------------------------------------------------------- ingest

def _store_identity(idx: Path, chroma_url: str | None) -> str:
    from ingest.store import store_identity
    return store_identity(idx, chroma_url)


def _up_to_date(gen: Generation | None, docs: list[Document], embedder: str, identity: str,
                verify_store: bool, chroma_url: str | None, idx: Path) -> bool:
    if gen is None:
        return False
    m = gen.manifest
    from ingest.bm25 import BM25_VERSION
    if (m.get("chunker") != _chunk_recipe() or m.get("bm25") != BM25_VERSION or m.get("embedder") != embedder
            or m.get("store") != identity
            or {d.doc_id: d.content_hash for d in docs} != {k: v["hash"] for k, v in m["documents"].items()}):
        return False
    if verify_store:
        from ingest.store import VectorStore
        return VectorStore.open(idx, chroma_url).has(gen.collection)
    return True


def _progress_bar(total: int, progress: Progress | bool | None):
    """A callable(done, total) and a closer; tqdm only when stderr is a terminal."""
    if callable(progress):
        return progress, lambda: None
    if progress is False or not sys.stderr.isatty() or total == 0:
        return (lambda done, total: None), lambda: None
    from tqdm import tqdm
    bar = tqdm(total=total, unit="chunk", desc="embedding", leave=False)

    def update(done, _total):
        bar.update(done - bar.n)
    return update, bar.close


def _doc_record(doc: Document) -> dict:
    rec = asdict(doc)
    rec["meta"] = json.loads(json.dumps(doc.meta, default=str))
    return rec


def _chunk_records(doc: Document) -> list[dict]:
    return [{"id": c.chunk_id, "doc_id": doc.doc_id, "title": doc.title, "section": c.section,
             "start": c.start, "end": c.end, "text": c.text, "kind": doc.kind, "date": doc.date,
             "url": doc.url, "completeness": doc.completeness, "confidence": doc.confidence}
            for c in chunk_document(doc)]


def _metadata(rec: dict) -> dict:
    return {"doc_id": rec["doc_id"], "section": rec["section"], "start": rec["start"], "end": rec["end"],
            "kind": rec["kind"], "date": rec["date"], "date_num": int(rec["date"].replace("-", ""))}


def _cleanup(idx: Path, keep: set[str], store) -> None:
    """Delete generations (folders and their collections) other than `keep`."""
    for folder in sorted(idx.glob("gen-*")):
        name = folder.name[4:]
        if name in keep:
            continue
        for meta in ("manifest.json", "building.json"):
            with contextlib.suppress(OSError, ValueError, KeyError):
                info = json.loads((folder / meta).read_text(encoding="utf-8"))
                if info.get("store") == store.identity:
                    store.delete(info["collection"])
        shutil.rmtree(folder, ignore_errors=True)


def ingest(corpus_dir, data_dir, *, embedder=None, rebuild: bool = False,
           progress: Progress | bool | None = None, chroma_url: str | None = None,
           verify_store: bool = False) -> IngestReport:
    """Build or update the index of `corpus_dir` for one embedder under `data_dir/index/<embedder>/`.

    `embedder`: a name (`use`, `e5`, `minilm`, `st:<path>`) or an `IndexEmbeddings` (anything with
    `name` and `encode_passages`); default from
    settings. `progress`: a callable(done, total), False for none, None for tqdm on a terminal.
    `chroma_url`: a Chroma server (default `HDS_CHROMA_URL`). `verify_store`: also treat a
    missing Chroma collection as "not up to date" (the server may have been reset).
    """
    from assistant import config
    t0 = time.perf_counter()
    cfg = config.settings()
    if embedder is None:
        embedder = cfg.embedder
    # a name is checked without loading LangChain or a model: the no-op path stays fast
    model = None if isinstance(embedder, str) else embedder
    name = check_name(embedder) if isinstance(embedder, str) else embedder.name
    chroma_url = chroma_url if chroma_url is not None else cfg.chroma_url
    idx = index_dir(data_dir, name)
    identity = _store_identity(idx, chroma_url)

    docs = sorted(load_corpus(Path(corpus_dir)), key=lambda d: d.doc_id)
    gen = current_generation(idx)
    if not rebuild and _up_to_date(gen, docs, name, identity, verify_store, chroma_url, idx):
        return IngestReport(name, unchanged=len(docs), chunks=sum(v["chunks"] for v in gen.manifest["documents"].values()),
                            seconds=time.perf_counter() - t0, generation=gen.name, changed=False)

    with _locked(idx):
        gen = current_generation(idx)   # another process may have finished meanwhile
        if not rebuild and _up_to_date(gen, docs, name, identity, verify_store, chroma_url, idx):
            return IngestReport(name, unchanged=len(docs), chunks=sum(v["chunks"] for v in gen.manifest["documents"].values()),
                                seconds=time.perf_counter() - t0, generation=gen.name, changed=False)
        report = _build(docs, idx, model, name, gen, rebuild, progress, chroma_url, identity)
    report.seconds = time.perf_counter() - t0
    return report


def _open_store(idx: Path, chroma_url: str | None, rebuild: bool, report: IngestReport):
    """The vector store to build into. On `--rebuild`, an embedded store that cannot be read
    (a damaged `chroma.sqlite3`) is moved aside and a fresh one started, else the rebuild that
    the error message recommends could never succeed; a Chroma server is never touched."""
    from ingest.store import VectorStore, set_aside
    try:
        store = VectorStore.open(idx, chroma_url)
        store.check()
        return store
    except BackendUnavailable as exc:
        if not rebuild or chroma_url or not (idx / "chroma").exists():
            raise
        moved = set_aside(idx)
        cause = exc.__cause__ or exc
        report.notes.append(f"The Chroma store in {idx / 'chroma'} could not be read "
                            f"({cause.__class__.__name__}: {cause}); "
                            f"it was moved to {moved} and a fresh store started.")
    return VectorStore.open(idx, chroma_url)


def _build(docs, idx, model, name, gen, rebuild, progress, chroma_url, identity) -> IngestReport:
    from ingest.bm25 import BM25_VERSION, BM25Index
    from ingest.embedders import get_embedder
    from ingest.store import VectorStore

    model = model or get_embedder(name)
    old = gen.manifest["documents"] if gen else {}
    reusable = bool(gen) and not rebuild and gen.manifest.get("chunker") == _chunk_recipe() \
        and gen.manifest.get("embedder") == name
    old_chunks: dict[str, list[tuple[dict, np.ndarray]]] = {}
    if reusable:
        vectors = gen.vectors()
        for rec, vec in zip(gen.chunk_records(), vectors):
            old_chunks.setdefault(rec["doc_id"], []).append((rec, vec))

    report = IngestReport(name, doc_ids={"added": [], "updated": [], "removed": [], "unchanged": []})
    for doc in docs:
        status = "added" if doc.doc_id not in old else \
            "unchanged" if old[doc.doc_id]["hash"] == doc.content_hash else "updated"
        report.doc_ids[status].append(doc.doc_id)
    report.doc_ids["removed"] = sorted(set(old) - {d.doc_id for d in docs})
    for status in ("added", "updated", "unchanged", "removed"):
        setattr(report, status, len(report.doc_ids[status]))

    # Chunks: reused for unchanged documents, fresh for the others.
    records: list[dict] = []
    vectors: list[np.ndarray | None] = []
    todo: list[int] = []
    for doc in docs:
        reuse = old_chunks.get(doc.doc_id) if doc.doc_id in report.doc_ids["unchanged"] else None
        if reuse:
            for rec, vec in reuse:
                records.append(rec)
                vectors.append(vec)
        else:
            for rec in _chunk_records(doc):
                todo.append(len(records))
                records.append(rec)
                vectors.append(None)

    store = _open_store(idx, chroma_url, rebuild, report)   # fail early, before the slow part
    gen_name = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S") + secrets.token_hex(3)
    collection = f"hds-{index_key(name)}-{gen_name}"[:60]
    folder = idx / f"gen-{gen_name}"
    folder.mkdir(parents=True)
    _write_json_atomic(folder / "building.json", {"collection": collection, "store": identity,
                                                  "pid": os.getpid()})
    update, close = _progress_bar(len(todo), progress)
    try:
        for i in range(0, len(todo), EMBED_BATCH):
            batch = todo[i:i + EMBED_BATCH]
            texts = [index_text(records[j]["title"], records[j]["section"], records[j]["text"]) for j in batch]
            for j, vec in zip(batch, model.encode_passages(texts)):
                vectors[j] = vec
            update(min(i + EMBED_BATCH, len(todo)), len(todo))
    finally:
        close()
    report.embedded = len(todo)
    report.chunks = len(records)
    matrix = np.vstack(vectors).astype(np.float32) if vectors else np.zeros((0, 1), np.float32)

    with open(folder / "chunks.jsonl", "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    with open(folder / "documents.jsonl", "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(_doc_record(doc), ensure_ascii=False) + "\n")
    np.save(folder / "vectors.npy", matrix)
    BM25Index.build([index_text(r["title"], r["section"], r["text"]) for r in records]).save(folder / "bm25")
    store.create(collection, [r["id"] for r in records], matrix, [_metadata(r) for r in records],
                 [r["text"] for r in records])

    per_doc: dict[str, int] = {}
    for rec in records:
        per_doc[rec["doc_id"]] = per_doc.get(rec["doc_id"], 0) + 1
    manifest = {
        "format": FORMAT, "generation": gen_name, "chunker": _chunk_recipe(), "bm25": BM25_VERSION,
        "embedder": name,
        "dim": int(matrix.shape[1]), "store": identity, "collection": collection,
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "documents": {d.doc_id: {"hash": d.content_hash, "path": d.path, "chunks": per_doc.get(d.doc_id, 0)}
                      for d in docs},
    }
    _write_json_atomic(folder / "manifest.json", manifest)
    (folder / "building.json").unlink()
    _write_json_atomic(idx / "CURRENT", {"generation": gen_name})
    report.generation = gen_name
    keep = {gen_name} | ({gen.name} if gen else set())
    _cleanup(idx, keep, store)
    return report
