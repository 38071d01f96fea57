"""The `hds-assistant chat` server as a real process on a random loopback port: it starts,
answers `/healthz`, and feedback stored before the process is killed (SIGKILL, no clean-up)
is read by the next process; bad start-up conditions end with one sentence and an exit code.

The server runs the real answer service on the session's index (fixtures `corpus_dir`,
`data_dir_ingested`); its feedback goes to a SQLite file of the test.
"""
from __future__ import annotations

import httpx
from support.servers import ChatServer, free_port, run_cli


def test_feedback_survives_a_server_restart(data_dir_ingested, corpus_dir, tmp_path):
    from gradio_client import Client

    feedback = tmp_path / "feedback.sqlite3"
    server = ChatServer(data_dir_ingested, corpus_dir, feedback, tmp_path / "server.log").start()
    try:
        health = httpx.get(server.url + "/healthz").json()
        assert health["status"] == "ok" and health["feedback_store"] == "SqliteFeedbackStore"
        answer = httpx.post(server.url + "/api/ask", json={"question": "Que dit la règle R9 ?",
                                                           "as_of": "2021-09-28"}, timeout=120).json()
        client = Client(server.url, verbose=False, analytics_enabled=False, download_files=False)
        stored = client.predict(answer["question"], answer, -1, "Il manque la dérogation.", api_name="/feedback")
        assert isinstance(stored["id"], int)
    finally:
        server.kill()  # no shutdown handler runs: what `add` committed must already be on disk
    assert server.process.returncode is not None

    server.start()  # same feedback file, new process
    try:
        records = httpx.get(server.url + "/api/feedback/export", params={"format": "json"}).json()
    finally:
        server.stop()
    assert [(r["id"], r["question"], r["rating"], r["comment"]) for r in records] == [
        (stored["id"], answer["question"], -1, "Il manque la dérogation.")]
    assert records[0]["answer"] == answer
    assert records[0]["citations"] == answer["citations"] and records[0]["as_of"] == "2021-09-28"


def test_chat_refuses_a_bad_port_with_a_usage_error(tmp_path):
    result = run_cli(["chat", "--port", "70000"], timeout=60, HDS_DATA_DIR=tmp_path)
    assert result.returncode == 2
    assert "--port must be between 1 and 65535" in result.stderr and "Traceback" not in result.stderr


def test_chat_without_a_usable_index_stops_before_listening_with_one_sentence(tmp_path):
    result = run_cli(["chat", "--port", str(free_port())], timeout=120, HDS_DATA_DIR=tmp_path / "data",
                     HDS_CORPUS_DIR=tmp_path / "no-corpus")
    assert result.returncode == 4
    assert "corpus folder not found" in result.stderr and "Traceback" not in result.stderr
    assert "web chat on" not in result.stderr
