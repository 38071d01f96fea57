"""Load: 50 concurrent clients x 4 questions (200 requests) against `POST /api/ask` of a real
`hds-assistant chat` server on loopback. Zero errors, and every reply a valid `ask` object.

The latency percentiles are printed (run with `-s` to see them), not asserted: speed is the
bench's business (`hds-assistant bench` holds the full 50 x 20 run). 4 questions per client
keep this test to a minute or two on 2 cores.
"""
from __future__ import annotations

import pytest

from assistant.bench import load, workload
from support.servers import ChatServer

CLIENTS, PER_CLIENT = 50, 4


@pytest.fixture(scope="module")
def server(data_dir_ingested, corpus_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("load")
    srv = ChatServer(data_dir_ingested, corpus_dir, base / "feedback.sqlite3", base / "server.log",
                     HDS_LLM=None, HDS_RETRIEVAL="hybrid").start()
    yield srv
    srv.stop()


def test_fifty_concurrent_clients_get_valid_answers_without_error(server):
    questions = [{"question": q.text, "as_of": q.as_of.isoformat() if q.as_of else None}
                 for q in workload.questions()]
    result = load.run(server.url, questions, clients=CLIENTS, per_client=PER_CLIENT,
                      request_timeout=240, deadline_s=600)
    print(f"\nload: {result['requests']} requests from {CLIENTS} clients in {result['wall_s']} s; "
          f"p50 {result['latency']['p50_ms']} ms, p95 {result['latency']['p95_ms']} ms; "
          f"server RSS {server.memory()}")
    assert result["errors"] == 0, result["error_samples"]
    assert result["latency"]["n"] == CLIENTS * PER_CLIENT


def test_ask_problems_names_what_is_wrong():
    """The validity check the load test relies on rejects broken objects, naming the fault."""
    good = {"question": "q", "as_of": "2021-09-28", "answer": "a", "abstained": False, "citations": [],
            "claims": [], "verdict": None, "timings_ms": {}}
    assert load.ask_problems(good) == []
    assert load.ask_problems([]) == ["not a JSON object but list"]
    assert load.ask_problems({**good, "answer": " "}) == ["empty 'answer'"]
    assert load.ask_problems({k: v for k, v in good.items() if k != "verdict"}) == [
        "'verdict' missing or neither null nor an object"]
    bad_citation = {"n": 1, "doc_id": "d", "title": "t", "quote": "abc", "start": 0, "end": 5}
    assert load.ask_problems({**good, "citations": [bad_citation]}) == ["citation [1] offsets do not span its quote"]
