"""Faults: a missing or corrupted index, a Chroma server that goes away, `kill -9` during an
ingest and of the chat server. Each must end in one clear sentence (exit 4, HTTP 503) or a
recovery, never a traceback nor a lost record.

Every test works on its own copy of the session's index (`clone_index`: no re-encoding) or
on a two-document corpus, so the session index is never damaged. The LLM endpoint down or
slow is covered by tests/test_answer_service.py.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.bench.load import ask_problems
from assistant.bench.server import free_port
from support.indexes import clone_index
from support.servers import REPO_ROOT, ChatServer, offline_env, run_cli

QUESTION = "Que dit la règle R9 de la doctrine « Cloud au centre » ?"


def _one_sentence_error(done, code: int = 4) -> str:
    assert done.returncode == code, f"exit {done.returncode}, stderr: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr and "unexpected error" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("hds-assistant:")]
    assert len(lines) == 1, done.stderr
    return lines[0]


def _index(data_dir: Path) -> Path:
    from assistant.config import Settings
    from ingest.pipeline import index_dir
    return index_dir(data_dir, Settings().embedder)


def _current_gen(data_dir: Path):
    from ingest.pipeline import current_generation
    return current_generation(_index(data_dir))


@pytest.fixture
def cloned(data_dir_ingested, corpus_dir, tmp_path) -> Path:
    """A private, complete copy of the session's index (embedded Chroma)."""
    data_dir = tmp_path / "data"
    clone_index(data_dir_ingested, data_dir, corpus_dir)
    return data_dir


# -- index missing ------------------------------------------------------------------------------

def test_a_missing_index_is_built_on_first_use(corpus_dir, tmp_path):
    small = tmp_path / "corpus"
    small.mkdir()
    for doc_id in ("csp-l1111-8", "dinum-note-2021-09-15"):
        for path in corpus_dir.glob(f"{doc_id}.*"):
            shutil.copy2(path, small / path.name)
    done = run_cli(["retrieve", "hébergeur de données de santé agréé ou certifié", "--json", "-k", "2"],
                   timeout=600, HDS_DATA_DIR=tmp_path / "data", HDS_CORPUS_DIR=small, HDS_CHROMA_URL=None)
    assert done.returncode == 0, done.stderr
    assert '"doc_id": "csp-l1111-8"' in done.stdout
    assert _current_gen(tmp_path / "data") is not None


def test_a_missing_index_without_a_corpus_is_one_sentence(tmp_path):
    done = run_cli(["retrieve", QUESTION], HDS_DATA_DIR=tmp_path / "data", HDS_CORPUS_DIR=tmp_path / "nothing",
                   HDS_CHROMA_URL=None)
    assert "corpus" in _one_sentence_error(done)


# -- index corrupted ------------------------------------------------------------------------------

def test_a_damaged_record_is_exit_4_and_a_plain_ingest_rebuilds_it(cloned, corpus_dir):
    """Every generation carries checksums: `retrieve` refuses a generation whose records were
    altered in the store, and a plain `ingest` (not only `--rebuild`) finds and rebuilds it."""
    from ingest.store import VectorStore

    env = dict(HDS_DATA_DIR=cloned, HDS_CORPUS_DIR=corpus_dir, HDS_CHROMA_URL=None)
    gen = _current_gen(cloned)
    ids = gen.chunk_records()[10]["id"]
    VectorStore.open(_index(cloned)).collection(gen.collection).update(
        ids=[ids], metadatas=[{"record": "{}", "pos": 10}])
    message = _one_sentence_error(run_cli(["retrieve", QUESTION, "--json"], **env))
    assert "damaged" in message and "ingest" in message

    repaired = run_cli(["ingest"], timeout=900, **env)
    assert repaired.returncode == 0, repaired.stderr
    assert "was damaged" in repaired.stdout and "rebuilt" in repaired.stdout
    done = run_cli(["retrieve", QUESTION, "--json", "-k", "2"], **env)
    assert done.returncode == 0 and '"passages"' in done.stdout, done.stderr


def test_a_corrupted_chroma_database_is_exit_4_and_a_rebuild_recovers(cloned, corpus_dir):
    env = dict(HDS_DATA_DIR=cloned, HDS_CORPUS_DIR=corpus_dir, HDS_CHROMA_URL=None)
    sqlite = _index(cloned) / "chroma" / "chroma.sqlite3"
    with open(sqlite, "r+b") as fh:
        fh.truncate(sqlite.stat().st_size // 40)
    message = _one_sentence_error(run_cli(["retrieve", QUESTION, "--json"], **env))
    assert "Chroma" in message and "ingest --rebuild" in message

    rebuilt = run_cli(["ingest", "--rebuild"], timeout=900, **env)
    assert rebuilt.returncode == 0, rebuilt.stderr
    done = run_cli(["retrieve", QUESTION, "--json", "-k", "2"], **env)
    assert done.returncode == 0 and '"passages"' in done.stdout, done.stderr


# -- Chroma server down ----------------------------------------------------------------------------

def test_chroma_server_unreachable_is_exit_4_in_one_sentence(cloned, corpus_dir):
    closed = f"http://127.0.0.1:{free_port()}"
    message = _one_sentence_error(run_cli(["retrieve", QUESTION, "--json"], HDS_DATA_DIR=cloned,
                                          HDS_CORPUS_DIR=corpus_dir, HDS_CHROMA_URL=closed))
    assert closed in message


class _ChromaServer:
    """A Chroma server of this test alone (the shared one must not be stopped)."""

    def __init__(self, path: Path, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.path, self.log = path, log
        self._start()

    def restart(self):
        self.stop()
        self._start()

    def _start(self):
        path, log = self.path, self.log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [str(Path(sys.executable).with_name("chroma")), "run", "--path", str(path), "--host", "127.0.0.1",
                 "--port", str(self.port)], stdout=out, stderr=subprocess.STDOUT, cwd=path.parent,
                env=offline_env())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"the Chroma server did not start:\n{log.read_text(errors='replace')[-2000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def test_chroma_server_going_down_gives_503_and_a_message_then_recovers(data_dir_ingested, corpus_dir, tmp_path):
    from gradio_client import Client

    chroma = _ChromaServer(tmp_path / "chroma", tmp_path / "chroma.log")
    server = None
    try:
        data_dir = tmp_path / "data"
        clone_index(data_dir_ingested, data_dir, corpus_dir, chroma_url=chroma.url)
        server = ChatServer(data_dir, corpus_dir, tmp_path / "fb.sqlite3", tmp_path / "server.log",
                            HDS_CHROMA_URL=chroma.url, HDS_LLM=None).start()
        ok = httpx.post(server.url + "/api/ask", json={"question": QUESTION}, timeout=120)
        assert ok.status_code == 200 and ask_problems(ok.json()) == []

        chroma.stop()
        down = httpx.post(server.url + "/api/ask", json={"question": QUESTION}, timeout=120)
        assert down.status_code == 503
        error = down.json()["error"]
        assert "Chroma" in error and "Traceback" not in error and error.count("\n") == 0

        client = Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
        with pytest.raises(Exception) as shown:
            client.predict(QUESTION, "", api_name="/ask")
        assert "Chroma" in str(shown.value) and "Traceback" not in str(shown.value)
        assert httpx.get(server.url + "/healthz").status_code == 200   # the server itself stays up

        chroma.restart()   # same port, same data: the worker recovers without a restart
        back = httpx.post(server.url + "/api/ask", json={"question": QUESTION}, timeout=120)
        assert back.status_code == 200 and ask_problems(back.json()) == []
        assert back.json()["citations"] == ok.json()["citations"]
    finally:
        if server:
            server.stop()
        chroma.stop()


# -- kill -9 ---------------------------------------------------------------------------------------

def test_kill_9_during_ingest_keeps_the_previous_index_answering(cloned, corpus_dir):
    from assistant.config import Settings
    from assistant.retrieval import Retriever

    before = _current_gen(cloned).name
    env = offline_env(HDS_DATA_DIR=cloned, HDS_CORPUS_DIR=corpus_dir, HDS_CHROMA_URL=None)
    ingest = subprocess.Popen([sys.executable, "-m", "assistant", "ingest", "--rebuild"], cwd=REPO_ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    from ingest.catalogue import Catalogue
    from ingest.store import VectorStore
    catalogue = Catalogue(VectorStore.open(_index(cloned)))

    def holding() -> bool:   # the ingest holds the lock: it is building
        return any(m["owner"].split(":")[1] == str(ingest.pid) and not m["released"]
                   for _i, m, _d in catalogue.records("lock", _index(cloned).name))
    deadline = time.monotonic() + 300
    while not holding() and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert ingest.poll() is None, "the ingest ended before it could be killed mid-way"
    assert holding(), "the ingest never took the lock"

    # While it builds, the previous index answers.
    settings = Settings(data_dir=cloned, corpus_dir=corpus_dir, chroma_url=None)
    assert Retriever.open(settings, build_if_missing=False).retrieve(QUESTION, k=3)
    ingest.kill()
    ingest.wait(timeout=30)

    assert _current_gen(cloned).name == before
    after_kill = Retriever.open(settings, build_if_missing=False).retrieve(QUESTION, k=3)
    assert after_kill and after_kill[0].doc_id
    nxt = run_cli(["ingest", "--rebuild"], timeout=600, HDS_DATA_DIR=cloned, HDS_CORPUS_DIR=corpus_dir,
                  HDS_CHROMA_URL=None)
    assert nxt.returncode == 0, nxt.stderr     # the lock of a process gone from this host is taken over
    done = run_cli(["retrieve", QUESTION, "--json", "-k", "2"], HDS_DATA_DIR=cloned, HDS_CORPUS_DIR=corpus_dir,
                   HDS_CHROMA_URL=None)
    assert done.returncode == 0, done.stderr


def test_feedback_written_before_kill_9_of_the_chat_server_is_there_after_restart(data_dir_ingested, corpus_dir,
                                                                                   tmp_path):
    from gradio_client import Client

    feedback = tmp_path / "feedback.sqlite3"
    server = ChatServer(data_dir_ingested, corpus_dir, feedback, tmp_path / "server.log", HDS_LLM=None).start()
    try:
        answer = httpx.post(server.url + "/api/ask", json={"question": QUESTION, "as_of": "2021-09-28"},
                            timeout=120).json()
        client = Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
        stored = client.predict(answer["question"], answer, -1, "Citer aussi la circulaire.", api_name="/feedback")
    finally:
        assert server.kill() == -9
    server.start()
    try:
        records = httpx.get(server.url + "/api/feedback/export", params={"format": "json"}).json()
    finally:
        server.stop()
    assert [(r["id"], r["rating"], r["comment"], r["answer"]) for r in records] == [
        (stored["id"], -1, "Citer aussi la circulaire.", answer)]
