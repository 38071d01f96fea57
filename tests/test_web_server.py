"""The `hds-assistant chat` server as a real process on a random loopback port: it starts,
answers `/healthz`, stops on SIGTERM, and feedback written before a restart is read after it.

`ChatServer` is also used by test_web_api.py and test_web_browser.py. The server runs the
real answer service on the test corpus and index (fixtures `corpus_dir`, `data_dir_ingested`);
its feedback goes to a SQLite file of the test, not into the shared data dir.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from assistant.config import REPO_ROOT

START_TIMEOUT_S = 240  # the first start may load the embedding model from disk (cold cache)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChatServer:
    """`python -m assistant chat` in a subprocess; `start()` returns once `/healthz` answers."""

    def __init__(self, data_dir: Path, corpus_dir: Path, feedback_path: Path, log_path: Path):
        self.data_dir, self.corpus_dir = Path(data_dir), Path(corpus_dir)
        self.feedback_path, self.log_path = Path(feedback_path), Path(log_path)
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ChatServer":
        self.port = free_port()
        env = {**os.environ, "HDS_DATA_DIR": str(self.data_dir), "HDS_CORPUS_DIR": str(self.corpus_dir),
               "HDS_FEEDBACK_URL": f"sqlite:///{self.feedback_path}",
               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
               "ANONYMIZED_TELEMETRY": "False", "GRADIO_TEMP_DIR": str(self.log_path.parent / "gradio-tmp"),
               "NO_PROXY": "127.0.0.1,localhost"}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "chat", "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the chat server exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        pytest.fail(f"the chat server did not answer /healthz within {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


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
        assert server.stop() is not None
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
    result = subprocess.run([sys.executable, "-m", "assistant", "chat", "--port", "70000"], cwd=REPO_ROOT,
                            env={**os.environ, "HDS_DATA_DIR": str(tmp_path)}, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert "--port must be between 1 and 65535" in result.stderr and "Traceback" not in result.stderr


def test_chat_without_a_usable_index_stops_before_listening_with_one_sentence(tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant", "chat", "--port", str(free_port())], cwd=REPO_ROOT,
                            env={**os.environ, "HDS_DATA_DIR": str(tmp_path / "data"),
                                 "HDS_CORPUS_DIR": str(tmp_path / "no-corpus")},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4
    assert "corpus folder not found" in result.stderr and "Traceback" not in result.stderr
    assert "web chat on" not in result.stderr
