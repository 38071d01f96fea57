"""Measure retrieval on the question set: recall@1/5/10 and MRR per strategy and embedder.

    python -m eval.measure [--embedders use,e5,minilm] [--data-dir DIR] [--questions FILE]
                             [--grid] [--misses]

For each embedder, ingests the corpus (into `--data-dir`, default a folder under the system
temp dir, reused between runs), then ranks every question with `bm25`, `dense` and `hybrid`
and prints one table. A question is answered at rank r when the r-th passage belongs to the
gold document and contains the gold `needle` verbatim. `--grid` also prints hybrid results
for other fusion settings (RRF k, weights), to tune `assistant.retrieval`. Timings: full
ingest and no-op re-ingest, per embedder.

This module is a developer tool; the product does not import it.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from assistant import config
from assistant.config import REPO_ROOT

QUESTIONS = REPO_ROOT / "tests" / "data" / "retrieval_questions.yaml"


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))["questions"]


def first_hit(passages, question: dict) -> int | None:
    """1-based rank of the first passage answering `question`, or None."""
    golds = [(question["doc_id"], question["needle"])] + [(a["doc_id"], a["needle"]) for a in question.get("also", [])]
    for rank, p in enumerate(passages, start=1):
        if any(p.doc_id == doc_id and needle in p.text for doc_id, needle in golds):
            return rank
    return None


def scores(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks)
    return {"r@1": sum(1 for r in ranks if r and r <= 1) / n,
            "r@5": sum(1 for r in ranks if r and r <= 5) / n,
            "r@10": sum(1 for r in ranks if r and r <= 10) / n,
            "mrr": sum(1 / r for r in ranks if r and r <= 10) / n}


def _row(label: str, s: dict) -> str:
    return f"| {label:<22} | {s['r@1']:.3f} | {s['r@5']:.3f} | {s['r@10']:.3f} | {s['mrr']:.3f} |"


def main(argv=None) -> int:
    from assistant.retrieval import RRF_K, STAGES, WEIGHTS, Retriever, fuse
    from ingest.pipeline import ingest

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embedders", default="use,e5,minilm")
    ap.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "hds-measure"))
    ap.add_argument("--questions", default=str(QUESTIONS))
    ap.add_argument("--grid", action="store_true", help="also try other fusion settings")
    ap.add_argument("--misses", action="store_true", help="list questions missed at 5 by hybrid")
    ap.add_argument("--fresh", action="store_true", help="delete the data dir first (times a full ingest)")
    args = ap.parse_args(argv)

    questions = load_questions(Path(args.questions))
    data_dir = Path(args.data_dir)
    if args.fresh:
        shutil.rmtree(data_dir, ignore_errors=True)
    corpus = config.settings().corpus_dir
    print(f"{len(questions)} questions from {args.questions}; corpus {corpus}; data dir {data_dir}\n")
    print("| strategy               | R@1   | R@5   | R@10  | MRR   |")
    print("| ---------------------- | ----- | ----- | ----- | ----- |")
    timings, bm25_done, misses = [], False, {}
    for name in [e.strip() for e in args.embedders.split(",") if e.strip()]:
        t = time.perf_counter()
        report = ingest(corpus, data_dir, embedder=name, progress=False)
        first = time.perf_counter() - t
        t = time.perf_counter()
        ingest(corpus, data_dir, embedder=name, progress=False)
        noop = time.perf_counter() - t
        timings.append((name, first, report.changed, report.chunks, noop))
        settings = config.Settings(data_dir=data_dir.resolve(), corpus_dir=corpus, embedder=name)
        retriever = Retriever.open(settings, strategy="hybrid", embedder=name)
        per_q = [retriever.rankings(q["q"]) for q in questions]
        passages = retriever.passages

        def ranks_of(rankings_of_q):
            return [first_hit([passages[i] for i, _ in r[:10]], q) for r, q in zip(rankings_of_q, questions)]

        if not bm25_done:
            print(_row("bm25", scores(ranks_of([r["bm25"] for r in per_q]))))
            bm25_done = True
        print(_row(f"dense ({name})", scores(ranks_of([r["dense"] for r in per_q]))))
        hybrid = ranks_of([fuse(r, **retriever._fusion(STAGES, q["q"])) for r, q in zip(per_q, questions)])
        print(_row(f"hybrid ({name})", scores(hybrid)))
        misses[name] = [(q, r) for q, r in zip(questions, hybrid) if not r or r > 5]
        if args.grid:
            for k in (3, 5, 10, 30, 60):
                for wb, wd in ((1, 1), (1, 0.7), (1, 0.5), (1, 0.3), (0.5, 1)):
                    s = scores(ranks_of([fuse(r, k=k, weights={"bm25": wb, "dense": wd}) for r in per_q]))
                    print(_row(f"  k={k} wb={wb} wd={wd}", s))
    print(f"\nfusion: RRF k={RRF_K}, weights {WEIGHTS}")
    for name, first, changed, chunks, noop in timings:
        what = "full ingest" if changed else "ingest (already built; use --fresh to time it)"
        print(f"{name}: {what} {first:.1f} s, {chunks} chunks; no-op re-ingest {noop:.2f} s")
    if args.misses:
        for name, missed in misses.items():
            print(f"\nmissed at 5 by hybrid ({name}):")
            for q, r in missed:
                print(f"  rank {r}: {q['q']}  [{q['doc_id']}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
