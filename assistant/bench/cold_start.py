"""Cold start of the command line: wall time of new `hds-assistant` processes.

`--help` (imports and argument parsing only), then a `retrieve` and an `ask` each in a new
process against the already-built index (model load, index load, one query). The operating
system's file cache is warm after the first run, so these are "new process" figures, not
"first boot after a reboot" ones. A command that fails is reported with its exit code and
first line of stderr instead of a time. It does not build the index.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUESTION = "Quelles exigences la règle R9 de la doctrine « Cloud au centre » pose-t-elle ?"
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
           "ANONYMIZED_TELEMETRY": "False"}


def command() -> list[str]:
    script = Path(sys.executable).with_name("hds-assistant")
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def _time(args: list[str], env: dict, runs: int, timeout: float) -> dict:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run(command() + args, env=env, capture_output=True, text=True, timeout=timeout)
        elapsed = time.perf_counter() - t
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            return {"error": f"exit {done.returncode}: {first[:200]}"}
        times.append(elapsed)
    return {"median_s": round(statistics.median(times), 2), "runs": runs}


def measure(settings, runs: int = 3, timeout: float = 300) -> dict:
    env = {**os.environ, **OFFLINE, "HDS_DATA_DIR": str(settings.data_dir),
           "HDS_CORPUS_DIR": str(settings.corpus_dir), "HDS_EMBEDDER": settings.embedder,
           "HDS_RETRIEVAL": "hybrid"}
    env.pop("HDS_LLM", None)
    if settings.chroma_url:
        env["HDS_CHROMA_URL"] = settings.chroma_url
    return {"help": _time(["--help"], env, runs, timeout),
            "retrieve": _time(["retrieve", QUESTION, "--json"], env, max(1, runs - 1), timeout),
            "ask": _time(["ask", QUESTION, "--json"], env, max(1, runs - 1), timeout)}
