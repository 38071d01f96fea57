"""Ingest: idempotent, incremental, atomic; malformed corpus files are refused by name.

Runs the real pipeline (real embedder, real Chroma, real BM25) on a small copy of the corpus
(three documents) in temporary folders.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import BackendUnavailable, CorpusError
from assistant.retrieval import Retriever
from ingest.companion import companion_of
from ingest.embedders import get_embedder
from ingest.pipeline import current_generation, index_dir, ingest
from ingest.store import VectorStore

from conftest import REPO_ROOT

SMALL = ("doctrine-cloud-au-centre-2021", "dsih-tribune-2021-09-28", "dinum-note-2021-09-15")
EMBEDDER = Settings().embedder


def _small_corpus(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for src in (REPO_ROOT / "corpus").iterdir():
        if src.name.split(".")[0] in SMALL or any(src.name.startswith(d + ".") for d in SMALL):
            shutil.copy2(src, dest / src.name)
    return dest


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _settings(data: Path, corpus: Path) -> Settings:
    return Settings(data_dir=data, corpus_dir=corpus, embedder=EMBEDDER, chroma_url=None)


@pytest.fixture()
def built(tmp_path):
    corpus = _small_corpus(tmp_path / "corpus")
    data = tmp_path / "data"
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    return corpus, data, report


def test_first_ingest_indexes_every_document(built):
    corpus, data, report = built
    assert (report.added, report.updated, report.removed, report.unchanged) == (3, 0, 0, 0)
    gen = current_generation(index_dir(data, EMBEDDER))
    records = gen.chunk_records()
    assert report.chunks == report.embedded == len(records) > 10
    assert VectorStore.open(index_dir(data, EMBEDDER)).count(gen.collection) == len(records)
    assert gen.vectors().shape[0] == len(records)


def test_second_run_rewrites_nothing(built):
    corpus, data, _ = built
    before = _snapshot(data)
    t = time.perf_counter()
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert time.perf_counter() - t < 2.0
    assert not report.changed and report.unchanged == 3 and report.embedded == 0
    assert _snapshot(data) == before


def test_changed_document_alone_is_embedded_and_removed_one_is_dropped(built):
    corpus, data, first = built
    idx = index_dir(data, EMBEDDER)
    old = current_generation(idx)
    old_vectors = dict(zip((r["id"] for r in old.chunk_records()), old.vectors()))

    seed = corpus / "dsih-tribune-2021-09-28.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nUn paragraphe ajouté sur l'hébergement certifié.\n",
                    encoding="utf-8")
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 2)
    new = current_generation(idx)
    seed_chunks = [r for r in new.chunk_records() if r["doc_id"] == "dsih-tribune-2021-09-28"]
    assert report.embedded == len(seed_chunks)
    for rec, vec in zip(new.chunk_records(), new.vectors()):
        if rec["doc_id"] != "dsih-tribune-2021-09-28":
            # read back from Chroma and written again: Chroma re-normalises cosine vectors (~1e-8 off)
            assert np.allclose(vec, old_vectors[rec["id"]], rtol=0, atol=1e-6), "unchanged documents keep their vectors"

    # a collection another stage adds to a generation (the retrieval branch's sentence vectors)
    VectorStore.open(idx).create(new.collection + "-sent", ["s1"], np.ones((1, 4), np.float32), [{"pos": 0}], ["x"])
    (corpus / "dinum-note-2021-09-15.md").unlink()
    (corpus / "dinum-note-2021-09-15.meta.yaml").unlink()
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert (report.removed, report.unchanged, report.embedded) == (1, 2, 0)
    latest = current_generation(idx)
    assert all(r["doc_id"] != "dinum-note-2021-09-15" for r in latest.chunk_records())
    store = VectorStore.open(idx)
    assert store.count(latest.collection) == len(latest.chunk_records())
    for gone in (old, new):
        assert not [n for n in store.names() if n.startswith(gone.collection)], \
            "generations no worker reads are deleted, with every collection of theirs (-docs, -sent)"
    assert store.has(latest.collection) and store.has(latest.collection + "-docs")


class _FailingEmbedder:
    """The real embedder, which breaks after `ok_batches` batches (a crash mid-ingest)."""

    def __init__(self, ok_batches: int):
        self._real = get_embedder(EMBEDDER)
        self.name = self._real.name
        self._left = ok_batches

    def encode_passages(self, texts):
        if self._left == 0:
            raise RuntimeError("embedding backend crashed")
        self._left -= 1
        return self._real.encode_passages(texts)


# The collections of one generation: chunks, documents, bare sentence vectors, sentence vectors in
# context (ingest/sentences.py), and the companion encoder's chunk and in-context sentence vectors
# when the embedder has one (ingest/companion.py).
GENERATION_PARTS = ("", "-docs", "-sent", "-sctx") + (("-uchk", "-uctx") if companion_of(EMBEDDER) else ())

def test_failed_ingest_leaves_the_previous_index_answering(built):
    corpus, data, _ = built
    idx = index_dir(data, EMBEDDER)
    before = current_generation(idx)
    doctrine = corpus / "doctrine-cloud-au-centre-2021.md"
    doctrine.write_text(doctrine.read_text(encoding="utf-8").replace("[R9]", "[R9 modifiée]"), encoding="utf-8")
    with pytest.raises(RuntimeError, match="crashed"):
        ingest(corpus, data, embedder=_FailingEmbedder(ok_batches=0), progress=False, chroma_url="")
    assert current_generation(idx).name == before.name
    retriever = Retriever.open(_settings(data, corpus), build_if_missing=False)
    top = retriever.retrieve("règle R9 offre de cloud commerciale", k=3)
    assert any(p.section == "R9" and "[R9] Dans le cas" in p.text for p in top)
    store = VectorStore.open(idx)
    assert {n for n in store.names() if n.startswith(f"hds-{idx.name}-")} == {before.collection + s for s in GENERATION_PARTS}

    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")   # the lock was released
    assert report.updated == 1
    assert store.has(before.collection), "the generation a live worker reads (its lease) is kept"
    retriever.close()   # the worker's lease is released: the next ingest may delete that generation
    doctrine.write_text(doctrine.read_text(encoding="utf-8") + "\nEncore une ligne.\n", encoding="utf-8")
    last = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert {n for n in store.names() if n.startswith(f"hds-{idx.name}-")} == {f"hds-{idx.name}-{last.generation}{s}"
                                                                              for s in GENERATION_PARTS}


def test_killed_ingest_leaves_the_previous_index_answering(built):
    corpus, data, _ = built
    idx = index_dir(data, EMBEDDER)
    before = current_generation(idx)
    (corpus / "dsih-tribune-2021-09-28.txt").write_text("Texte modifié pendant un ingest tué.\n", encoding="utf-8")
    # killed after its collections are written, just before the switch, while it holds the lock
    script = ("import os, sys\n"
              "from ingest import catalogue, pipeline\n"
              "def die(self, key, manifest):\n"
              "    os.kill(os.getpid(), 9)\n"
              "catalogue.Catalogue.publish = die\n"
              f"pipeline.ingest({str(corpus)!r}, {str(data)!r}, embedder={EMBEDDER!r}, progress=False, chroma_url='')\n")
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO_ROOT, capture_output=True, timeout=300)
    assert proc.returncode == -9
    assert current_generation(idx).name == before.name
    retriever = Retriever.open(_settings(data, corpus), build_if_missing=False)
    assert retriever.retrieve("Oodrive Outscale OVH SecNumCloud HDS", k=1)[0].doc_id == "dsih-tribune-2021-09-28"
    assert "Oodrive" in retriever.document("dsih-tribune-2021-09-28").text
    store = VectorStore.open(idx)
    assert len([n for n in store.names() if n.startswith(f"hds-{idx.name}-")]) == 2 * len(GENERATION_PARTS), \
        "the killed build left its collections"

    # the lock of a process gone from this host is taken over at once; its leftovers are deleted
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert report.updated == 1 and current_generation(idx).name == report.generation
    retriever.close()
    new = current_generation(idx).collection
    assert {n for n in store.names() if n.startswith(f"hds-{idx.name}-")} == {c + s for c in (before.collection, new)
                                                                              for s in GENERATION_PARTS}


def test_a_damaged_generation_is_refused_and_a_plain_ingest_rebuilds_it(built, capsys, monkeypatch):
    corpus, data, _ = built
    idx = index_dir(data, EMBEDDER)
    gen = current_generation(idx)
    records, vectors = gen.chunks_and_vectors()
    victim = records[3]
    VectorStore.open(idx).collection(gen.collection).update(ids=[victim["id"]], documents=["texte altéré"],
                                                            embeddings=[vectors[3].tolist()])
    with pytest.raises(BackendUnavailable, match="damaged.*chunks.*run hds-assistant ingest"):
        Retriever.open(_settings(data, corpus), build_if_missing=False, watch=False)

    monkeypatch.setenv("HDS_DATA_DIR", str(data))
    monkeypatch.delenv("HDS_CHROMA_URL", raising=False)
    assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 0
    out = capsys.readouterr().out
    assert "was damaged (chunks" in out and "rebuilt" in out
    repaired = current_generation(idx)
    assert repaired.name != gen.name
    assert [r for r in repaired.chunk_records() if r["id"] == victim["id"]][0]["text"] == victim["text"]
    retriever = Retriever.open(_settings(data, corpus), build_if_missing=False, watch=False)
    assert retriever.retrieve("règle R9 offre de cloud commerciale", k=3)
    assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_a_second_ingest_is_refused_while_one_holds_the_lock_and_an_expired_lock_is_taken_over(built, capsys,
                                                                                                 monkeypatch):
    from ingest.catalogue import Catalogue
    from ingest.lock import IngestBusy, IngestLock

    corpus, data, _ = built
    idx = index_dir(data, EMBEDDER)
    catalogue = Catalogue(VectorStore.open(idx))
    (corpus / "dsih-tribune-2021-09-28.txt").write_text("Texte modifié.\n", encoding="utf-8")
    holder = IngestLock(catalogue, idx.name).acquire()
    try:
        with pytest.raises(IngestBusy, match="another ingest .* is running"):
            ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
        monkeypatch.setenv("HDS_DATA_DIR", str(data))
        monkeypatch.delenv("HDS_CHROMA_URL", raising=False)
        assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 4
        err = capsys.readouterr().err
        assert "another ingest" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
        with pytest.raises(IngestBusy):   # two racing takers: one ticket each, the first add wins
            IngestLock(catalogue, idx.name).acquire()
    finally:
        holder.release()
    assert ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="").updated == 1

    # a holder on another host that stopped renewing: its lock is taken over once it expired
    (corpus / "dsih-tribune-2021-09-28.txt").write_text("Texte modifié deux fois.\n", encoding="utf-8")
    n = max(int(m["n"]) for _i, m, _d in catalogue.records("lock", idx.name))
    stale = {"kind": "lock", "key": idx.name, "n": n + 1, "owner": "elsewhere:1:abc", "since": time.time() - 60,
             "expires": time.time() + 0.5, "released": False}
    assert catalogue.add_if_absent(f"lock:{idx.name}:{n + 1}", stale)
    with pytest.raises(IngestBusy):
        ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    time.sleep(0.6)
    assert ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="").updated == 1


@pytest.mark.parametrize("breakage, culprit", [
    ("bad_meta", "dinum-note-2021-09-15.meta.yaml"),
    ("empty", "dsih-tribune-2021-09-28.txt"),
    ("undecodable", "dsih-tribune-2021-09-28.txt"),
    ("missing_sidecar", "dinum-note-2021-09-15.md"),
])
def test_malformed_file_is_named_and_the_index_kept(built, breakage, culprit, capsys, monkeypatch):
    corpus, data, _ = built
    idx = index_dir(data, EMBEDDER)
    before = _snapshot(data)
    if breakage == "bad_meta":
        meta = corpus / "dinum-note-2021-09-15.meta.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace("kind: note", "kind: rumour"), encoding="utf-8")
    elif breakage == "empty":
        (corpus / culprit).write_text("\n \n", encoding="utf-8")
    elif breakage == "undecodable":
        (corpus / culprit).write_bytes(b"Texte \xff\xfe illisible\n")
    else:
        (corpus / "dinum-note-2021-09-15.meta.yaml").unlink()
    with pytest.raises(CorpusError) as err:
        ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url="")
    assert culprit in str(err.value)
    assert _snapshot(data) == before and current_generation(idx) is not None

    monkeypatch.setenv("HDS_DATA_DIR", str(data))
    monkeypatch.delenv("HDS_CHROMA_URL", raising=False)
    assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 3
    stderr = capsys.readouterr().err
    assert culprit in stderr and "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


def test_cli_ingest_prints_one_summary_line(tmp_path, capsys, monkeypatch):
    corpus = _small_corpus(tmp_path / "corpus")
    monkeypatch.setenv("HDS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("HDS_CHROMA_URL", raising=False)
    assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "3 added" in out[0]
    assert main(["ingest", "--corpus", str(corpus), "--embedder", EMBEDDER]) == 0
    assert "already up to date" in capsys.readouterr().out


def test_unknown_embedder_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HDS_DATA_DIR", str(tmp_path / "data"))
    assert main(["ingest", "--corpus", str(REPO_ROOT / "corpus"), "--embedder", "word2vec"]) == 2
    assert "unknown embedder" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """HDS_TEST_CHROMA_URL (started by scripts/run-tests.sh) or a Chroma server started here."""
    url = os.environ.get("HDS_TEST_CHROMA_URL")
    if url:
        yield url
        return
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma")),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.mark.servers
def test_ingest_and_retrieve_through_a_chroma_server(tmp_path, chroma_server):
    corpus = _small_corpus(tmp_path / "corpus")
    data = tmp_path / "data"
    report = ingest(corpus, data, embedder=EMBEDDER, progress=False, chroma_url=chroma_server)
    gen = current_generation(index_dir(data, EMBEDDER), chroma_server)
    assert gen.manifest["store"] == chroma_server.rstrip("/")
    store = VectorStore.open(index_dir(data, EMBEDDER), chroma_server)
    assert store.count(gen.collection) == report.chunks
    settings = Settings(data_dir=data, corpus_dir=corpus, embedder=EMBEDDER, chroma_url=chroma_server)
    top = Retriever.open(settings, strategy="dense", build_if_missing=False, watch=False).retrieve(
        "Office 365 n'est pas conforme à la doctrine", k=3)
    assert {p.doc_id for p in top} & {"dinum-note-2021-09-15", "dsih-tribune-2021-09-28"}
    store.delete(gen.collection)   # the collection was lost on the server: the next open rebuilds it
    with pytest.raises(BackendUnavailable, match="missing"):
        Retriever.open(settings, strategy="dense", build_if_missing=False, watch=False)
    again = Retriever.open(settings, strategy="dense", watch=False)
    assert again.retrieve("Office 365", k=1)
    again.close()
    assert current_generation(index_dir(data, EMBEDDER), chroma_server).name != gen.name
    assert not (data / "index" / EMBEDDER / "chroma").exists(), "nothing written under the data dir"


@pytest.mark.slow
@pytest.mark.parametrize("name, dim", [("use", 512), ("e5", 384), ("minilm", 384)])
def test_every_embedder_backend_behind_one_interface(name, dim):
    from langchain_core.embeddings import Embeddings
    emb = get_embedder(name)
    assert isinstance(emb, Embeddings) and emb.name == name
    passages = ["L'hébergeur de données de santé est titulaire d'un certificat de conformité.",
                "La DINUM pilote l'offre SNAP de services numériques pour les agents."]
    vectors = emb.embed_documents(passages)
    assert len(vectors) == 2 and all(len(v) == dim for v in vectors)
    matrix = np.asarray(vectors)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-4)
    query = np.asarray(emb.embed_query("certificat de conformité de l'hébergeur de données de santé"))
    assert matrix[0] @ query > matrix[1] @ query
    assert get_embedder(name)._model() is emb._model(), "one model per process"


def test_st_embedder_loads_local_files_only():
    from assistant.errors import BackendUnavailable, UsageError
    with pytest.raises(BackendUnavailable, match="cannot load the embedding model"):
        get_embedder("st:/no/such/model").encode_query("x")
    with pytest.raises(UsageError):
        get_embedder("st:")
