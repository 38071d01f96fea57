"""Scale-out on real servers: the index's vectors on a Chroma server (`HDS_CHROMA_URL`), the
feedback in PostgreSQL (`HDS_FEEDBACK_URL`), and two chat workers sharing both.

The servers come from scripts/run-tests.sh (`HDS_TEST_CHROMA_URL`, `HDS_TEST_PG_URL`); under
`CI=true` a missing one fails the test with a message, elsewhere it skips. The index on the
server is made from the session's index by the real ingest (vectors reused, not re-encoded).
"""
from __future__ import annotations

import dataclasses
import json

import httpx
import pytest

from assistant.bench.load import ask_problems
from assistant.config import Settings
from support.indexes import clone_index
from support.servers import ChatServer, fresh_pg_database, run_cli, server_url

QUESTION = "Que dit la règle R9 de la doctrine « Cloud au centre » ?"


@pytest.fixture(scope="module")
def remote(data_dir_ingested, corpus_dir, tmp_path_factory):
    """A data dir whose vectors live on the Chroma server; yields (settings, ingest report)."""
    url = server_url("chroma")
    data_dir = tmp_path_factory.mktemp("remote-data")
    report = clone_index(data_dir_ingested, data_dir, corpus_dir, chroma_url=url)
    settings = Settings(data_dir=data_dir, corpus_dir=corpus_dir, chroma_url=url, llm=None, retrieval="hybrid")
    return settings, report


def _chroma_client(url: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from urllib.parse import urlparse

    u = urlparse(url)
    return chromadb.HttpClient(host=u.hostname, port=u.port, settings=ChromaSettings(anonymized_telemetry=False))


def test_ingest_puts_the_vectors_on_the_server_and_nothing_in_a_local_store(remote):
    from ingest.pipeline import current_generation, index_dir

    settings, report = remote
    idx = index_dir(settings.data_dir, settings.embedder)
    gen = current_generation(idx)
    assert report.changed and report.embedded == 0 and report.chunks > 100
    assert gen.manifest["store"] == settings.chroma_url.rstrip("/")
    collection = _chroma_client(settings.chroma_url).get_collection(gen.collection)
    assert collection.count() == report.chunks
    assert not (idx / "chroma").exists(), "an embedded Chroma store was written although HDS_CHROMA_URL is set"


def test_dense_retrieval_on_the_server_ranks_like_the_embedded_store(remote, data_dir_ingested, corpus_dir):
    from assistant.retrieval import Retriever

    settings, _ = remote
    on_server = Retriever.open(dataclasses.replace(settings, retrieval="dense"), build_if_missing=False)
    embedded = Retriever.open(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir, chroma_url=None,
                                       retrieval="dense"), build_if_missing=False)
    for question in (QUESTION, "Which GDPR article covers transfers based on adequacy decisions?"):
        a = [(p.doc_id, p.start) for p in on_server.retrieve(question, k=5)]
        b = [(p.doc_id, p.start) for p in embedded.retrieve(question, k=5)]
        assert a == b and len(a) == 5


def test_ask_through_the_server_quotes_verbatim(remote):
    from assistant.answer.service import AnswerService

    settings, _ = remote
    service = AnswerService(settings)
    answer = service.ask(QUESTION, as_of="2021-09-28").to_json()
    assert ask_problems(answer) == []
    assert answer["citations"], "no citation for a question the corpus answers"
    for c in answer["citations"]:
        assert service.document(c["doc_id"]).text[c["start"]:c["end"]] == c["quote"]


def test_cli_retrieve_against_the_server(remote):
    settings, _ = remote
    done = run_cli(["retrieve", QUESTION, "--json", "-k", "3"], HDS_DATA_DIR=settings.data_dir,
                   HDS_CORPUS_DIR=settings.corpus_dir, HDS_CHROMA_URL=settings.chroma_url)
    assert done.returncode == 0, done.stderr
    passages = json.loads(done.stdout)["passages"]
    assert len(passages) == 3 and all(p["doc_id"] for p in passages)


def test_two_workers_share_the_index_and_the_postgresql_feedback(remote, tmp_path):
    """Two `chat` processes on one data dir, one Chroma server and one PostgreSQL database:
    both answer; a feedback given to one is exported by the other; a rebuild switches the
    generation for new workers while the running ones keep answering."""
    from gradio_client import Client

    settings, _ = remote
    with fresh_pg_database(server_url("pg"), prefix="hds_scaleout") as pg:
        common = dict(HDS_CHROMA_URL=settings.chroma_url, HDS_LLM=None, HDS_RETRIEVAL="hybrid")
        workers = [ChatServer(settings.data_dir, settings.corpus_dir, pg, tmp_path / f"w{i}" / "server.log", **common)
                   for i in range(2)]
        try:
            for w in workers:
                w.start()
                assert httpx.get(w.url + "/healthz").json()["feedback_store"] == "PostgresFeedbackStore"
            answers = [httpx.post(w.url + "/api/ask", json={"question": QUESTION, "as_of": "2021-09-28"},
                                  timeout=120).json() for w in workers]
            assert [ask_problems(a) for a in answers] == [[], []]
            assert answers[0]["citations"] == answers[1]["citations"]

            client = Client(workers[0].url, verbose=False, analytics_enabled=False, download_files=False)
            stored = client.predict(answers[0]["question"], answers[0], 1, "Utile pour la note.", api_name="/feedback")
            exported = httpx.get(workers[1].url + "/api/feedback/export", params={"format": "json"}).json()
            assert [(r["id"], r["rating"], r["comment"]) for r in exported] == [(stored["id"], 1, "Utile pour la note.")]

            before = _current(settings)
            done = run_cli(["ingest", "--rebuild"], timeout=600, HDS_DATA_DIR=settings.data_dir,
                           HDS_CORPUS_DIR=settings.corpus_dir, HDS_CHROMA_URL=settings.chroma_url)
            assert done.returncode == 0, done.stderr
            after = _current(settings)
            assert after != before
            for w in workers:  # running workers still hold the previous generation, which is kept
                reply = httpx.post(w.url + "/api/ask", json={"question": QUESTION, "as_of": "2021-09-28"}, timeout=120)
                assert reply.status_code == 200 and ask_problems(reply.json()) == []
        finally:
            for w in workers:
                w.stop()


def _current(settings: Settings) -> str:
    from ingest.pipeline import current_generation, index_dir
    return current_generation(index_dir(settings.data_dir, settings.embedder)).name
