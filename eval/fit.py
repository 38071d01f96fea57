"""Fit the fusion weights of the second stage on the TUNING part; print tune and test figures.

    python -m eval.fit --embedder e5 [--data-dir DIR]

Reads every question set (`eval/questions.yaml`, `eval/fresh-check.yaml`,
`eval/strangers-tune.yaml`, `eval/strangers.yaml`, `tests/data/retrieval_questions.yaml`),
keeps the in-scope questions whose gold documents are in the index, and for a grid of fusion
settings (RRF k, BM25 and dense weights, the weights of the bare and in-context sentence
rankings) computes recall@5 + MRR@10 / 2 on the `tune` part only; the
best setting is printed with recall@1/5/10 and MRR@10 of the first stage and of the fitted
fusion on the tune and test parts, per set and language. The weights are then written by hand
into `assistant/rerank.py` (only if they help on the test part). The test part is scored,
never used to choose.

A developer tool: the product does not import it.
"""
from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

import numpy as np
import yaml

from assistant import config
from assistant.config import REPO_ROOT

SETS = ("eval/questions.yaml", "eval/fresh-check.yaml", "eval/strangers-tune.yaml", "eval/strangers.yaml")
GRID = {"rrf_k": (3, 10), "bm25": (0.5, 1.0), "dense": (0.0, 0.3, 0.6, 1.0), "sentence": (0.0, 0.25, 0.5, 1.0),
        "context": (0.0, 0.5, 1.0, 1.5, 2.0)}   # the sentence rankings cover every passage


def load_all(documents: set[str]) -> list[dict]:
    """Every in-scope question as `{id, set, split, lang, question, gold}`."""
    out = []
    for path in SETS:
        for q in yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))["questions"]:
            if q["category"] not in ("factual", "eligibility"):
                continue
            gold = [(g["doc_id"], g["needle"]) for g in q["gold"] if g["doc_id"] in documents]
            if gold:
                out.append({"id": q["id"], "set": Path(path).stem, "split": q["split"], "lang": q["lang"],
                            "question": q["question"], "gold": gold})
    for q in yaml.safe_load((REPO_ROOT / "tests/data/retrieval_questions.yaml").read_text(encoding="utf-8"))["questions"]:
        gold = [(q["doc_id"], q["needle"])] + [(a["doc_id"], a["needle"]) for a in q.get("also", [])]
        gold = [g for g in gold if g[0] in documents]
        if gold:
            out.append({"id": q["q"][:40], "set": "retrieval_questions", "split": q["split"],
                        "lang": "en" if "en" in q.get("tags", []) else "fr", "question": q["q"], "gold": gold})
    return out


def _rank(order, relevant: np.ndarray) -> int | None:
    for r, i in enumerate(order[:10], start=1):
        if relevant[i]:
            return r
    return None


def figures(ranks: list[int | None]) -> dict:
    n = len(ranks) or 1
    return {"n": len(ranks), **{f"recall@{k}": sum(1 for r in ranks if r and r <= k) / n for k in (1, 5, 10)},
            "mrr@10": sum(1 / r for r in ranks if r) / n}


class Cache:
    """Per question: the first-stage rankings and the best-sentence scores (bare, in context)
    of every chunk."""

    def __init__(self, retriever, questions):
        from assistant.rerank import SentenceStage
        from ingest import sentences
        self.questions = questions
        passages = retriever.passages
        self.relevant = [np.array([any(p.doc_id == d and n in p.text for d, n in q["gold"]) for p in passages])
                         for q in questions]
        loaded = sentences.load(retriever._store, retriever.generation.collection)
        if loaded is None:
            raise SystemExit(f"the '{retriever.embedder_name}' index has no sentence collection: "
                             "run hds-assistant ingest --rebuild with this embedder.")
        in_context = sentences.load(retriever._store, retriever.generation.collection, context=True)
        if in_context is None:
            raise SystemExit(f"the '{retriever.embedder_name}' index has no sentences in context: "
                             "run hds-assistant ingest --rebuild with this embedder.")
        stages = {"sentence": SentenceStage(*loaded), "context": SentenceStage(*in_context)}
        everything = range(len(passages))
        self.ranks, self.second = [], []
        for q in questions:
            ranks, vector, _mask = retriever._first_stage(q["question"], kinds=None, date_from=None, date_to=None, n=60)
            self.ranks.append(ranks)
            self.second.append({name: stage.ranking(vector, everything)[:60] for name, stage in stages.items()})

    def order(self, a: int, k: int, weights: dict, sentence: float = 0.0, context: float = 0.0) -> list[int]:
        from assistant.retrieval import fuse
        ranks = {**self.ranks[a], **self.second[a]}
        return [i for i, _ in fuse(ranks, k=k, weights={**weights, "sentence": sentence, "context": context})]

    def ranks_of(self, idx, k, weights, sentence=0.0, context=0.0) -> list[int | None]:
        return [_rank(self.order(a, k, weights, sentence, context), self.relevant[a]) for a in idx]


def objective(f: dict) -> float:
    """What the grid maximises on the tune part: the issue's bar (recall@5), then the order."""
    return f["recall@5"] + f["mrr@10"] / 2


def fit(cache: Cache, tune: list[int]) -> tuple[float, dict]:
    from assistant.retrieval import WEIGHTS
    best = None
    for k, bm25, dense, sentence, context in itertools.product(*GRID.values()):
        weights = {**WEIGHTS, "bm25": bm25, "dense": dense}
        score = objective(figures(cache.ranks_of(tune, k, weights, sentence, context)))
        if best is None or score > best[0] + 1e-9:
            best = (score, {"rrf_k": k, "weights": weights, "sentence": sentence, "context": context})
    return best


def main(argv=None) -> int:
    from assistant.retrieval import RRF_K, WEIGHTS, Retriever
    from ingest.pipeline import ingest

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embedder", default="e5")
    ap.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "hds-fit"))
    args = ap.parse_args(argv)
    corpus = config.settings().corpus_dir
    data_dir = Path(args.data_dir)
    ingest(corpus, data_dir, embedder=args.embedder, progress=False)
    settings = config.Settings(data_dir=data_dir.resolve(), corpus_dir=corpus, embedder=args.embedder)
    retriever = Retriever.open(settings, strategy="hybrid", embedder=args.embedder)
    questions = load_all({d.doc_id for d in retriever.documents()})
    cache = Cache(retriever, questions)
    tune = [a for a, q in enumerate(questions) if q["split"] == "tune"]
    score, best = fit(cache, tune)
    print(f"{len(questions)} questions ({len(tune)} tune); fitted on tune (recall@5 + MRR@10 / 2 "
          f"{score:.3f}): {best}")
    parts = {"tune": tune, "test": [a for a, q in enumerate(questions) if q["split"] == "test"]}
    print("| part | set | lang | n | first stage r@1 / r@5 / r@10 / MRR | fitted r@1 / r@5 / r@10 / MRR |")
    print("| --- | --- | --- | --- | --- | --- |")
    for part, idx in parts.items():
        groups = {("all", "all"): idx}
        for a in idx:
            q = questions[a]
            groups.setdefault((q["set"], "all"), []).append(a)
            groups.setdefault(("all", q["lang"]), []).append(a)
        for (name, lang), members in sorted(groups.items()):
            f0 = figures(cache.ranks_of(members, RRF_K, WEIGHTS))
            f1 = figures(cache.ranks_of(members, best["rrf_k"], best["weights"], best["sentence"], best["context"]))
            cell = lambda f: " / ".join(f"{f[m]:.3f}" for m in ("recall@1", "recall@5", "recall@10", "mrr@10"))
            print(f"| {part} | {name} | {lang} | {f0['n']} | {cell(f0)} | {cell(f1)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
