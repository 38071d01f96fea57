"""Small numeric helpers of the bench: percentiles, summaries of samples, process memory.

Percentiles use linear interpolation between closest ranks (numpy's default), so p50 of
[1, 2, 3, 4] is 2.5. Memory comes from `/proc/<pid>/status` (Linux): `VmRSS` is the resident
set now, `VmHWM` its peak. It does not time anything itself.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def percentile(samples, q: float) -> float:
    """The `q`-th percentile (0-100) of `samples`, or NaN for no samples.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    values = [float(s) for s in samples]
    if not values:
        return float("nan")
    return float(np.percentile(values, q))


def summary(samples_ms) -> dict:
    """p50, p95, mean and count of latencies in milliseconds, rounded to 0.1 ms."""
    values = list(samples_ms)
    return {"p50_ms": round(percentile(values, 50), 1), "p95_ms": round(percentile(values, 95), 1),
            "mean_ms": round(float(np.mean(values)), 1) if values else float("nan"), "n": len(values)}


def memory_mb(pid: int | None = None) -> dict:
    """Resident memory of a process (default: this one): now and peak, in MiB."""
    status = Path(f"/proc/{pid or os.getpid()}/status")
    out = {"rss_mb": None, "peak_rss_mb": None}
    try:
        for line in status.read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                mb = round(int(value.split()[0]) / 1024, 1)
                out["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = mb
    except (OSError, ValueError, IndexError):
        pass
    return out


def folder_size_mb(path: Path) -> float:
    """Total size of the regular files under `path`, in MiB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return round(total / (1024 * 1024), 1)


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0 or a != a or b != b:
        return None
    return round(a / b, 2)
