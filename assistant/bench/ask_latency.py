"""Warm `AnswerService.ask` latency by stage, measured interleaved with the bare baseline.

After a warm-up pass (models, indexes, caches loaded), each round asks every question once
through the full pipeline and once through the baseline, alternating, so that a burst of
load from other processes hits both sides alike. Stage figures come from the answer's own
`timings_ms` (`retrieve`, `check`, `compose`, `total`); `wall` is measured around the call.
It does not build the index (the caller opens it) and asserts nothing.
"""
from __future__ import annotations

import time

from assistant.bench.stats import summary

STAGES = ("retrieve", "check", "compose", "total")


def measure(service, baseline, questions, rounds: int = 1) -> dict:
    for q in questions:  # warm-up: first calls load models and fill caches
        service.ask(q.text, as_of=q.as_of)
        baseline.search(q.text)
    stages: dict[str, list[float]] = {s: [] for s in STAGES}
    wall, base, abstained = [], [], 0
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            answer = service.ask(q.text, as_of=q.as_of)
            wall.append((time.perf_counter() - t) * 1000)
            abstained += bool(answer.abstained)
            for s in STAGES:
                stages[s].append(float(answer.timings_ms.get(s, 0.0)))
            base.append(baseline.search(q.text))
    return {"questions": len(questions), "rounds": rounds, "abstained": abstained,
            "ask": {"wall": summary(wall), **{s: summary(v) for s, v in stages.items()}},
            "baseline": summary(base)}
