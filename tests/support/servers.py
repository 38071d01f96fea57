"""Real servers for the tests: `hds-assistant chat` (or `slack`, `teams`) as a child process
on a free loopback port, and the URLs of the Chroma server and PostgreSQL that
`scripts/run-tests.sh` starts.

`ChatServer(data_dir, corpus_dir, feedback_path, log_path, **env)` (an env value of "" or
None removes that variable) is the bench's
`ChatProcess` with test defaults (the session's index, a feedback file of the test) and a
test failure, with the end of the server's log, when it does not start. `server_url("chroma")`
and `server_url("pg")` return `HDS_TEST_CHROMA_URL` / `HDS_TEST_PG_URL`; without them a test
fails under `CI=true` and is skipped elsewhere, with a message saying how to get them.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.bench.server import ChatProcess, ServerFailed, free_port, offline_env
from assistant.config import REPO_ROOT

__all__ = ["ChatServer", "free_port", "offline_env", "server_url", "run_cli", "REPO_ROOT"]

_VARIABLES = {"chroma": "HDS_TEST_CHROMA_URL", "pg": "HDS_TEST_PG_URL"}


class ChatServer(ChatProcess):
    """`python -m assistant chat` over a given data dir; `start()` returns once `/healthz` answers."""

    def __init__(self, data_dir: Path, corpus_dir: Path, feedback_path: Path | str | None, log_path: Path,
                 command: str = "chat", **env):
        self.data_dir, self.corpus_dir = Path(data_dir), Path(corpus_dir)
        feedback = feedback_path if feedback_path is None or "://" in str(feedback_path) else f"sqlite:///{feedback_path}"
        self.feedback_path = feedback_path
        variables = offline_env(HDS_DATA_DIR=self.data_dir, HDS_CORPUS_DIR=self.corpus_dir, HDS_FEEDBACK_URL=feedback,
                                GRADIO_TEMP_DIR=Path(log_path).parent / "gradio-tmp", **env)
        super().__init__(variables, log_path, command=command, cwd=REPO_ROOT)

    def start(self, timeout: float | None = None) -> "ChatServer":
        try:
            return super().start(**({"timeout": timeout} if timeout else {}))
        except ServerFailed as exc:
            pytest.fail(str(exc))


def server_url(kind: str) -> str:
    """The URL of the loopback server `kind` ("chroma" or "pg") started by scripts/run-tests.sh."""
    name = _VARIABLES[kind]
    url = os.environ.get(name)
    if url:
        return url
    message = (f"{name} is not set: run the tests through scripts/run-tests.sh, which starts a loopback "
               f"{'Chroma server' if kind == 'chroma' else 'PostgreSQL'} and exports it.")
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run_cli(args: list[str], timeout: float = 300, **env) -> subprocess.CompletedProcess:
    """`python -m assistant ARGS` in a new process, offline, with `env` added (a "" value removes
    that variable); returns the completed process (text output)."""
    return subprocess.run([sys.executable, "-m", "assistant", *args], cwd=REPO_ROOT, env=offline_env(**env),
                          capture_output=True, text=True, timeout=timeout)


class fresh_pg_database:
    """A new PostgreSQL database on the server of `admin_url`, dropped on exit; yields its URL."""

    def __init__(self, admin_url: str, prefix: str = "hds_test"):
        import uuid
        from urllib.parse import urlsplit, urlunsplit

        self.admin_url = admin_url
        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self.url = urlunsplit(urlsplit(admin_url)._replace(path="/" + self.name))

    def __enter__(self) -> str:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        return self.url

    def __exit__(self, *exc):
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
