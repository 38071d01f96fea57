"""A real `hds-assistant chat` server in a child process on a free loopback port.

`ChatProcess(env).start()` returns once `/healthz` answers (or raises `ServerFailed` with
the end of the server's log); `.stop()` sends SIGTERM (then SIGKILL after a grace period);
`.kill()` is `kill -9`; `.memory()` reads the process's RSS. Used by the bench's load step
and by the tests (`tests/support/servers.py`). It does not build the index: the server does,
on start, when it is missing.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from assistant.bench.stats import memory_mb

START_TIMEOUT_S = 240  # a first start may build the index or load the model from a cold disk


class ServerFailed(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def offline_env(**overrides) -> dict:
    """This process's environment, offline, with `overrides` (None or "" removes a variable)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
           "ANONYMIZED_TELEMETRY": "False", "NO_PROXY": "127.0.0.1,localhost"}
    for name, value in overrides.items():
        if value is None or value == "":
            env.pop(name, None)
        else:
            env[name] = str(value)
    return env


class ChatProcess:
    def __init__(self, env: dict, log_path: Path, command: str = "chat", health: str = "/healthz",
                 cwd: Path | None = None):
        self.env, self.log_path, self.command, self.health = env, Path(log_path), command, health
        self.cwd = cwd
        self.port: int | None = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = START_TIMEOUT_S) -> "ChatProcess":
        import httpx

        self.port = free_port()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "assistant", self.command, "--host", "127.0.0.1", "--port", str(self.port)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.cwd)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"`hds-assistant {self.command}` exited with code {self.process.returncode}:\n"
                                   + self.log_tail())
            try:
                if httpx.get(self.url + self.health, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise ServerFailed(f"`hds-assistant {self.command}` did not answer {self.health} within {timeout:.0f} s:\n"
                           + self.log_tail())

    def stop(self, grace: float = 30) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=10)

    def kill(self) -> int | None:
        """`kill -9`: no clean-up handler runs."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGKILL)
        return self.process.wait(timeout=10)

    def memory(self) -> dict:
        return memory_mb(self.process.pid) if self.process and self.process.poll() is None else {}

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"
