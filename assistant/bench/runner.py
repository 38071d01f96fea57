"""Runs the bench's measurements in order and computes the ratios checked against targets.

Order: open the index (built if missing), warm ask vs. baseline, cold start, audit, ingest
throughput, synthetic scale, load on a real chat server. `quick` shortens each step (one
round, 1k and 10k chunks only, 50 clients x 4 questions). Steps can be skipped by name.
Every temporary index goes to a temporary folder removed at the end. It prints nothing:
`report` does.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from assistant.bench import machine
from assistant.bench.stats import ratio

STEPS = ("ask", "cold", "audit", "ingest", "scale", "load")
TARGETS = {"ask_vs_baseline_p50": 1.5, "scale_growth_p50": 2.0, "scale_tail_p95_over_p50": 3.0,
           "server_peak_rss_mb": 1536}


def run(settings=None, *, quick: bool = False, skip=(), progress=lambda message: None) -> dict:
    from assistant.answer.service import AnswerService
    from assistant.bench import ask_latency, workload
    from assistant.bench.baseline import Baseline
    from ingest.embedders import get_embedder

    settings = workload.pipeline_settings(settings)
    questions = workload.questions()
    result = {"quick": quick, "machine": machine.describe(),
              "pipeline": {"retrieval": settings.retrieval, "embedder": settings.embedder, "answerer": "extractive",
                           "chroma": settings.chroma_url or "embedded", "questions": len(questions)},
              "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="hds-bench-") as tmp:
        tmp = Path(tmp)
        progress("opening the index (built if missing)")
        t = time.perf_counter()
        service = AnswerService(settings)
        service.documents()
        result["index_open_s"] = round(time.perf_counter() - t, 2)
        generation = service.retriever.generation
        embedder = get_embedder(settings.embedder)
        result["index_chunks"] = len(service.retriever.passages)

        if "ask" not in skip:
            progress("warm ask vs. bare LangChain Chroma baseline")
            baseline = Baseline.build(generation, embedder, tmp / "baseline")
            result["ask"] = ask_latency.measure(service, baseline, questions, rounds=1 if quick else 3)
        if "cold" not in skip:
            from assistant.bench import cold_start
            progress("cold start of the command line")
            result["cold_start"] = cold_start.measure(settings, runs=2 if quick else 3)
        if "audit" not in skip:
            from assistant.bench import audit_latency
            progress("audit: new process, polarity model load, per sentence")
            result["audit"] = audit_latency.measure(settings, rounds=1 if quick else 3)
        if "ingest" not in skip:
            from assistant.bench import ingest_throughput
            progress("ingest --rebuild throughput vs. raw encoder")
            result["ingest"] = ingest_throughput.measure(settings, embedder)
        if "scale" not in skip:
            from assistant.bench import scale
            sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
            progress(f"synthetic scale {', '.join(f'{s:,}' for s in sizes)} chunks")
            result["scale"] = scale.measure(generation, sizes, [q.text for q in questions], embedder.name, tmp,
                                            chroma_url=settings.chroma_url)
        if "load" not in skip:
            progress("load on a real chat server")
            result["load"] = _load(settings, questions, tmp, quick)
    result["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["ratios"] = ratios(result)
    result["meets_targets"] = {k: (v is not None and v <= TARGETS[k]) for k, v in result["ratios"].items()}
    return result


def _load(settings, questions, tmp: Path, quick: bool) -> dict:
    from assistant.bench import load
    from assistant.bench.server import ChatProcess, offline_env

    env = offline_env(HDS_DATA_DIR=settings.data_dir, HDS_CORPUS_DIR=settings.corpus_dir,
                      HDS_EMBEDDER=settings.embedder, HDS_RETRIEVAL="hybrid",
                      HDS_FEEDBACK_URL=f"sqlite:///{tmp / 'load-feedback.sqlite3'}",
                      GRADIO_TEMP_DIR=tmp / "gradio-tmp", HDS_CHROMA_URL=settings.chroma_url)
    env.pop("HDS_LLM", None)
    server = ChatProcess(env, tmp / "load-server.log").start()
    try:
        idle = server.memory()
        asks = [{"question": q.text, "as_of": q.as_of.isoformat() if q.as_of else None} for q in questions]
        figures = load.run(server.url, asks, clients=50, per_client=4 if quick else 20)
        figures["server_idle_rss_mb"] = idle.get("rss_mb")
        figures.update({f"server_{k}": v for k, v in server.memory().items()})
    finally:
        server.stop()
    return figures


def ratios(result: dict) -> dict:
    out = {}
    ask = result.get("ask")
    out["ask_vs_baseline_p50"] = ratio(ask["ask"]["wall"]["p50_ms"], ask["baseline"]["p50_ms"]) if ask else None
    sizes = (result.get("scale") or {}).get("sizes") or {}
    p50s = [(int(k), v["retrieve"]["p50_ms"]) for k, v in sizes.items() if "retrieve" in v]
    out["scale_growth_p50"] = ratio(max(p50s)[1], min(p50s)[1]) if len(p50s) >= 2 else None
    largest = str(max(p50s)[0]) if p50s else None   # the tail at the largest size (issue 15)
    out["scale_tail_p95_over_p50"] = ratio(sizes[largest]["retrieve"]["p95_ms"],
                                           sizes[largest]["retrieve"]["p50_ms"]) if largest else None
    out["server_peak_rss_mb"] = (result.get("load") or {}).get("server_peak_rss_mb")
    return out
