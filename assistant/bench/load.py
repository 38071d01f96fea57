"""Load: many concurrent clients asking questions of `POST /api/ask` on a running server.

`run(url, questions, clients, per_client)` starts `clients` threads, each with its own HTTP
connection, each asking `per_client` questions (staggered through the list) one after the
other; it returns the count of requests, the errors (status, transport failure, or a reply
that is not a valid `ask` object, see `ask_problems`), latency percentiles and throughput.
It is bounded: every request has a timeout, and the whole run a deadline after which the
remaining requests are counted as errors. It does not start the server (see `server`).
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from assistant.bench.stats import summary

ASK_KEYS = {"question": str, "as_of": str, "answer": str, "abstained": bool, "citations": list,
            "claims": list, "timings_ms": dict}
CITATION_KEYS = ("n", "doc_id", "title", "quote", "start", "end")


def ask_problems(obj) -> list[str]:
    """What makes `obj` not a valid contract `ask` object (empty list when it is valid)."""
    if not isinstance(obj, dict):
        return [f"not a JSON object but {type(obj).__name__}"]
    problems = [f"'{k}' missing or not {t.__name__}" for k, t in ASK_KEYS.items() if not isinstance(obj.get(k), t)]
    if "verdict" not in obj or not (obj["verdict"] is None or isinstance(obj["verdict"], dict)):
        problems.append("'verdict' missing or neither null nor an object")
    if not problems and not obj["answer"].strip():
        problems.append("empty 'answer'")
    for c in obj.get("citations") or []:
        missing = [k for k in CITATION_KEYS if k not in c]
        if missing:
            problems.append(f"citation without {', '.join(missing)}")
        elif not (isinstance(c["start"], int) and isinstance(c["end"], int) and c["end"] - c["start"] == len(c["quote"])):
            problems.append(f"citation [{c['n']}] offsets do not span its quote")
    return problems


def run(url: str, questions: list[dict], clients: int = 50, per_client: int = 20,
        request_timeout: float = 300, deadline_s: float = 1800) -> dict:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + deadline_s

    def client(c: int) -> None:
        with httpx.Client(base_url=url, timeout=request_timeout, trust_env=False) as http:
            for i in range(per_client):
                q = questions[(c * per_client + i) % len(questions)]
                if time.monotonic() > stop_at:
                    with lock:
                        errors.append(f"client {c}: not sent before the {deadline_s:.0f} s deadline")
                    continue
                t = time.perf_counter()
                try:
                    reply = http.post("/api/ask", json=q)
                    elapsed = (time.perf_counter() - t) * 1000
                    problem = (f"HTTP {reply.status_code}: {reply.text[:200]}" if reply.status_code != 200
                               else "; ".join(ask_problems(reply.json())))
                except (httpx.HTTPError, ValueError) as exc:
                    elapsed, problem = (time.perf_counter() - t) * 1000, f"{exc.__class__.__name__}: {exc}"
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(f"client {c}, question {q['question'][:60]!r}: {problem}")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - t0
    return {"clients": clients, "per_client": per_client, "requests": clients * per_client,
            "errors": len(errors), "error_samples": errors[:5], "latency": summary(latencies),
            "wall_s": round(wall, 1), "requests_per_s": round(len(latencies) / wall, 2) if wall else None}
