"""Ingest: corpus -> chunks -> vectors + texts + documents, all in Chroma, incremental and atomic.

Everything of an index generation lives in the Chroma store, embedded under
`data_dir/index/<embedder>/chroma/` by default or on the server of `HDS_CHROMA_URL` (then
nothing is written under the data dir): the chunk and document collections
(`ingest.generation`) and, in the catalogue collection (`ingest.catalogue`), the manifest and
the current-generation pointer. One ingest at a time per index, across hosts: a lock in the
catalogue (`ingest.lock`).

A run loads the corpus (a malformed file raises `CorpusError` before anything is written),
checks the current generation against its checksums, compares each `Document.content_hash`
with its manifest and returns at once when nothing changed and nothing is damaged (no model
loaded, nothing written). Otherwise it builds a *new* generation: unchanged documents keep
their chunks and vectors (read back from the store, not re-embedded) unless the current
generation is damaged, changed and new ones are chunked and embedded, removed ones are left
out; then the current pointer is switched (the last step). A failure or a kill before the
switch leaves the previous generation in use. Generations no worker has read for a grace
period (leases in the catalogue, `HDS_LEASE_GRACE_S`, default 120 s) are deleted with every
collection whose name starts with theirs.

This module does not rank or answer anything (see `assistant.retrieval`).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from assistant.errors import BackendUnavailable
from ingest.chunking import CHUNKER_VERSION, chunk_document
from ingest.documents import Document, load_corpus
from ingest.generation import FORMAT, DamagedGeneration, Generation  # noqa: F401  (re-exported)
from ingest.names import check_name, index_key
from ingest.lock import pid_alive

TEXT_RECIPE = "1"   # bump when `index_text` changes: vectors of older generations are not reused
EMBED_BATCH = 32

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

def lease_grace() -> float:
    """Seconds after its last heartbeat during which a worker's lease keeps a generation."""
    return float(os.environ.get("HDS_LEASE_GRACE_S", "120"))


def open_store(idx: Path, chroma_url: str | None):
    from ingest.store import VectorStore
    return VectorStore.open(idx, chroma_url)


def current_in(store, key: str) -> Generation | None:
    """The current generation of index `key` in `store`, or None when there is none."""
    from ingest.catalogue import Catalogue
    cat = Catalogue(store)
    name = cat.current(key)
    manifest = cat.manifest(key, name) if name else None
    if not manifest or manifest.get("format") != FORMAT or manifest.get("generation") != name:
        return None
    return Generation(store, manifest)


def current_generation(idx: Path, chroma_url: str | None = None) -> Generation | None:
    """The current generation of the index folder `idx` (its embedder's key) in the store of
    `chroma_url` (embedded under `idx` when None), or None."""
    return current_in(open_store(idx, chroma_url), Path(idx).name)


# ---------------------------------------------------------------- ingest

def _up_to_date(gen: Generation | None, docs: list[Document], embedder: str) -> bool:
    if gen is None:
        return False
    m = gen.manifest
    from ingest.bm25 import BM25_VERSION
    from ingest.companion import companion_of
    return (m.get("chunker") == _chunk_recipe() and m.get("bm25") == BM25_VERSION and m.get("embedder") == embedder
            and m.get("companion") == companion_of(embedder)   # a generation built before its companion: add it
            and {d.doc_id: d.content_hash for d in docs} == {k: v["hash"] for k, v in m["documents"].items()})


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


def collect_garbage(store, key: str, keep: set[str], now: float | None = None) -> list[str]:
    """Delete the generations of index `key` that are not in `keep` and that no worker has
    read within the grace period (its lease), with every collection whose name starts with
    theirs; also collections of builds that never reached the catalogue (a crashed ingest:
    call this only while holding the ingest lock) and leases of workers gone. Returns the
    generations deleted."""
    from ingest.catalogue import Catalogue
    cat = Catalogue(store)
    now = time.time() if now is None else now
    grace = lease_grace()
    host = socket.gethostname()
    live, stale = set(), []
    for lease in cat.leases(key):
        lhost, pid = (lease.worker.split(":") + ["", ""])[:2]
        gone = lhost == host and pid.isdigit() and not pid_alive(int(pid))
        if gone or now - lease.seen > grace:
            stale.append(f"lease:{key}:{lease.worker}")
        else:
            live.add(lease.generation)
    cat.delete(stale)
    recorded = cat.generations(key)
    deleted = []
    names = store.names()
    for meta in recorded:
        g = meta["generation"]
        if g in keep or g in live:
            continue
        for n in names:
            if n.startswith(meta["collection"]):
                store.delete(n)
        cat.forget(key, g)
        deleted.append(g)
    known = [m["collection"] for m in recorded if m["generation"] in keep or m["generation"] in live]
    prefix = f"hds-{key}-"
    for n in names:
        if n.startswith(prefix) and not any(n.startswith(c) for c in known) \
                and not any(n.startswith(m["collection"]) for m in recorded):
            store.delete(n)     # a build that never reached the catalogue
    return deleted


def ingest(corpus_dir, data_dir, *, embedder=None, rebuild: bool = False,
           progress: Progress | bool | None = None, chroma_url: str | None = None,
           verify_store: bool = True, wait: float = 0.0) -> IngestReport:
    """Build or update the index of `corpus_dir` for one embedder, in the Chroma store of
    `chroma_url` (default `HDS_CHROMA_URL`; embedded under `data_dir/index/<embedder>/` when unset).

    `embedder`: a name (`use`, `e5`, `minilm`, `st:<path>`) or an `IndexEmbeddings` (anything with
    `name` and `encode_passages`); default from settings. `progress`: a callable(done, total),
    False for none, None for tqdm on a terminal. `verify_store`: check the current generation
    against its checksums (every record and vector) and rebuild it when damaged. `wait`: seconds
    to wait for another ingest of the same index to end (`ingest.lock.IngestBusy` after that).
    """
    from assistant import config
    from ingest.catalogue import Catalogue
    from ingest.lock import IngestLock
    t0 = time.perf_counter()
    cfg = config.settings()
    if embedder is None:
        embedder = cfg.embedder
    # a name is checked without loading LangChain or a model: the no-op path stays fast
    model = None if isinstance(embedder, str) else embedder
    name = check_name(embedder) if isinstance(embedder, str) else embedder.name
    chroma_url = chroma_url if chroma_url is not None else cfg.chroma_url
    idx = index_dir(data_dir, name)
    key = index_key(name)

    docs = sorted(load_corpus(Path(corpus_dir)), key=lambda d: d.doc_id)
    report = IngestReport(name)
    store = _open_store(idx, chroma_url, rebuild, report)

    def examine():
        gen = current_in(store, key)
        damaged, old = [], None
        if gen is not None and verify_store:
            damaged, records, vectors = gen.verify()
            if not damaged:
                old = (records, vectors)
        return gen, damaged, old

    def unchanged(gen):
        return IngestReport(name, unchanged=len(docs), chunks=sum(v["chunks"] for v in gen.manifest["documents"].values()),
                            seconds=time.perf_counter() - t0, generation=gen.name, changed=False, notes=report.notes)

    gen, damaged, old = examine()
    if not rebuild and not damaged and _up_to_date(gen, docs, name):
        return unchanged(gen)
    with IngestLock(Catalogue(store), key).acquire(wait) as lock:
        gen, damaged, old = examine()   # another process may have finished meanwhile
        if not rebuild and not damaged and _up_to_date(gen, docs, name):
            return unchanged(gen)
        if damaged:
            report.notes.append(f"The current index generation {gen.name} was damaged ({', '.join(damaged)} "
                                "differ from the checksums written at ingest); it was rebuilt.")
        built = _build(docs, store, key, model, name, gen, old, rebuild or bool(damaged), progress, lock)
    built.notes[:0] = report.notes
    built.seconds = time.perf_counter() - t0
    return built


def _open_store(idx: Path, chroma_url: str | None, rebuild: bool, report: IngestReport):
    """The store to build into. On `--rebuild`, an embedded store that cannot be read
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


def new_generation_name() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S") + secrets.token_hex(3)


def _build(docs, store, key, model, name, gen, old, rebuild, progress, lock) -> IngestReport:
    from ingest.bm25 import BM25_VERSION
    from ingest.companion import companion_of
    from ingest.embedders import get_embedder

    model = model or get_embedder(name)
    old_docs = gen.manifest["documents"] if gen else {}
    reusable = bool(gen) and old is not None and not rebuild and gen.manifest.get("chunker") == _chunk_recipe() \
        and gen.manifest.get("embedder") == name
    old_chunks: dict[str, list[tuple[dict, np.ndarray]]] = {}
    if reusable:
        for rec, vec in zip(*old):
            old_chunks.setdefault(rec["doc_id"], []).append((rec, vec))

    report = IngestReport(name, doc_ids={"added": [], "updated": [], "removed": [], "unchanged": []})
    for doc in docs:
        status = "added" if doc.doc_id not in old_docs else \
            "unchanged" if old_docs[doc.doc_id]["hash"] == doc.content_hash else "updated"
        report.doc_ids[status].append(doc.doc_id)
    report.doc_ids["removed"] = sorted(set(old_docs) - {d.doc_id for d in docs})
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
    per_doc: dict[str, int] = {}
    for rec in records:
        per_doc[rec["doc_id"]] = per_doc.get(rec["doc_id"], 0) + 1
    manifest = {
        "chunker": _chunk_recipe(), "bm25": BM25_VERSION, "embedder": name, "companion": companion_of(name),
        "documents": {d.doc_id: {"hash": d.content_hash, "path": d.path, "chunks": per_doc.get(d.doc_id, 0)}
                      for d in docs},
    }
    gen = publish(store, key, records, matrix, [_doc_record(d) for d in docs], manifest, lock,
                  sentences_by=model, previous=gen.collection if reusable else None)
    report.generation = gen.name
    return report


def publish(store, key: str, records: list[dict], matrix: np.ndarray, doc_records: list[dict], manifest: dict,
            lock=None, *, sentences_by=None, previous: str | None = None, sentences_from=None) -> Generation:
    """Write a new generation of index `key` (its collections, then its manifest with the
    checksums), make it current, and collect the generations no worker reads. `manifest` gives
    the fields that describe the build (chunker, bm25, embedder, documents). With `lock`, nothing
    is switched if the lock was lost meanwhile (its collections are deleted, `BackendUnavailable`).
    With `sentences_by` (an embedder), also the generation's sentence vectors (`ingest.sentences`),
    copying those of the `previous` collection's unchanged sentences, and the companion encoder's
    vectors when the embedder has one (`ingest.companion`); with `sentences_from` (a `Generation`
    of another store), a copy of that generation's sentence and companion vectors."""
    from ingest import generation as generation_store
    from ingest.catalogue import Catalogue

    gen_name = new_generation_name()
    collection = f"hds-{key}-{gen_name}"[:60]
    sums = generation_store.write(store, collection, records, matrix, doc_records)
    if sentences_by is not None:   # the second stage's sentence vectors (`<collection>-sent`), `previous` reused
        from ingest import companion, sentences
        sentences.build(records, store, collection, sentences_by, previous)
        companion.build(records, store, collection, sentences_by.name, previous)
    elif sentences_from is not None:
        from ingest import companion, sentences
        sentences.copy(sentences_from.store, sentences_from.manifest["collection"], store, collection)
        companion.copy(sentences_from.store, sentences_from.manifest["collection"], store, collection)
    manifest = {**manifest, "format": FORMAT, "generation": gen_name, "dim": int(matrix.shape[1]),
                "store": store.identity, "collection": collection, "checksums": sums,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if lock is not None and not lock.still_held():
        for n in store.names():
            if n.startswith(collection):
                store.delete(n)
        raise BackendUnavailable(f"the ingest lock of index '{key}' expired while this ingest ran (another "
                                 "ingest took it); nothing was switched, run the ingest again.")
    Catalogue(store).publish(key, manifest)
    collect_garbage(store, key, {gen_name})
    return Generation(store, manifest)


def copy_generation(source: Generation, store, key: str) -> Generation:
    """Copy a generation (records, vectors, sentence vectors, documents, manifest) into another
    store and make it current there; nothing is embedded again. Takes the destination's ingest lock."""
    from ingest.catalogue import Catalogue
    from ingest.lock import IngestLock

    records, vectors = source.chunks_and_vectors()
    keep = ("chunker", "bm25", "embedder", "companion", "documents")
    with IngestLock(Catalogue(store), key).acquire(wait=60) as lock:
        return publish(store, key, records, vectors, source.document_records(),
                       {k: source.manifest[k] for k in keep if k in source.manifest}, lock,
                       sentences_from=source)
