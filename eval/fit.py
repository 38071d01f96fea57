"""Fit the fusion weights of the second stage on the TUNING part; print tune and test figures.

    python -m eval.fit --embedder e5 [--data-dir DIR]

Reads every question set (`eval/questions.yaml`, `eval/fresh-check.yaml`,
`eval/strangers-tune.yaml`, `eval/strangers.yaml`, `tests/data/retrieval_questions.yaml`, the
spent blind sets of rounds 3 and 4 (`eval/blind/retrieval.yaml`, `eval/blind4/retrieval.yaml`)
and round 5's fresh `eval/gold5-tune.yaml`, whose questions all count as `tune`), keeps the in-scope questions whose gold documents are in the index, and for a
grid of fusion settings (RRF k, BM25 and dense weights, the weights of the bare and in-context
sentence rankings, one weight for each of the companion encoder's two rankings,
`assistant.companion`) computes recall@5 + MRR@10 / 2 on the `tune` part only, then, the rest
held, refits the companion's two weights per question language
(`assistant.language.detect_language`) on that language's tune questions; the
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

SETS = ("eval/questions.yaml", "eval/fresh-check.yaml", "eval/strangers-tune.yaml", "eval/strangers.yaml",
        "eval/blind/retrieval.yaml", "eval/blind4/retrieval.yaml", "eval/gold5-tune.yaml")
# blind sets already measured (rounds 3 and 4) and round 5's fresh set: tuning material, whatever their `split:`
SPENT = {"eval/blind/retrieval.yaml", "eval/blind4/retrieval.yaml", "eval/gold5-tune.yaml"}
# Round 4: the grid around round 3's fitted point (rrf_k 3, bm25 1.0; round 3's full grid over
# rrf_k 3/10, bm25 0.5/1, dense 0-1, sentence 0-1, context 0-2 picked it), with the companion's
# two weights (0 = off). The sentence and companion rankings cover every passage.
COMPANION_GRID = {"dense": (0.0, 0.15, 0.3, 0.6), "context": (0.0, 0.25, 0.5, 1.0)}   # then per question language
GRID = {"rrf_k": (3,), "bm25": (1.0,), "dense": (0.3, 0.6), "sentence": (0.25, 0.5), "context": (0.5, 1.0),
        "companion_dense": COMPANION_GRID["dense"], "companion_context": COMPANION_GRID["context"]}


def load_all(documents: set[str]) -> list[dict]:
    """Every in-scope question as `{id, set, split, lang, question, gold}`."""
    out = []
    for path in SETS:
        for q in yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))["questions"]:
            if q["category"] not in ("factual", "eligibility"):
                continue
            gold = [(g["doc_id"], g["needle"]) for g in q["gold"] if g["doc_id"] in documents]
            if gold:
                out.append({"id": q["id"], "set": Path(path).parent.name if path in SPENT else Path(path).stem,
                            "split": "tune" if path in SPENT else q["split"], "lang": q["lang"],
                            "question": q["question"], "gold": gold})
    for q in yaml.safe_load((REPO_ROOT / "tests/data/retrieval_questions.yaml").read_text(encoding="utf-8"))["questions"]:
        gold = [(q["doc_id"], q["needle"])] + [(a["doc_id"], a["needle"]) for a in q.get("also", [])]
        gold = [g for g in gold if g[0] in documents]
        if gold:
            out.append({"id": q["q"][:40], "set": "retrieval_questions", "split": q["split"],
                        "lang": "en" if {"en", "english"} & set(q.get("tags", [])) else "fr", "question": q["q"], "gold": gold})
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
    """Per question: the first-stage rankings, the best-sentence scores (bare, in context) of
    every chunk, and the companion encoder's two rankings when the index has them."""

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
        companion = retriever._companion_stage()
        if companion is None:
            print("(no companion vectors in this index: companion weights are fitted as 0)")
        from assistant.language import detect_language
        self.lang = [detect_language(q["question"]) for q in questions]   # as the retriever reads it
        everything = range(len(passages))
        self.ranks, self.second = [], []
        for q in questions:
            ranks, vector, _mask = retriever._first_stage(q["question"], kinds=None, date_from=None, date_to=None, n=60)
            self.ranks.append(ranks)
            second = {name: stage.ranking(vector, everything)[:60] for name, stage in stages.items()}
            if companion is not None:
                second.update(companion.rankings(companion.encode(q["question"]), everything, 60))
            self.second.append(second)

    def order(self, a: int, k: int, weights: dict, **second: float) -> list[int]:
        """Fused order of question `a`; `second` holds the weights of the second-stage rankings
        (`sentence`, `context`, `companion_dense`, `companion_context`; absent = 0)."""
        from assistant.retrieval import fuse
        ranks = {**self.ranks[a], **self.second[a]}
        full = {**weights, **{name: second.get(name, 0.0) for name in SECOND}}
        return [i for i, _ in fuse(ranks, k=k, weights=full)]

    def ranks_of(self, idx, k, weights, companion: dict | None = None, **second: float) -> list[int | None]:
        """Rank of the first relevant passage per question; `companion` gives the companion's
        weights per question language (`{"en": {"dense", "context"}, ...}`; absent = 0)."""
        out = []
        for a in idx:
            weights_of_a = dict(second)
            if companion is not None:
                c = companion.get(self.lang[a], {})
                weights_of_a.update(companion_dense=c.get("dense", 0.0), companion_context=c.get("context", 0.0))
            out.append(_rank(self.order(a, k, weights, **weights_of_a), self.relevant[a]))
        return out


SECOND = ("sentence", "context", "companion_dense", "companion_context")


def objective(f: dict) -> float:
    """What the grid maximises on the tune part: the issue's bar (recall@5), then the order."""
    return f["recall@5"] + f["mrr@10"] / 2


def fit(cache: Cache, tune: list[int], embedder: str = "e5") -> tuple[float, dict]:
    from assistant.retrieval import WEIGHTS
    from assistant.rerank import WEIGHTS as FITTED
    best = None
    for values in itertools.product(*GRID.values()):
        point = dict(zip(GRID, values))
        # the section weight as fitted (1.5: docs/retrieval.md, round 3)
        weights = {**WEIGHTS, **FITTED.get(embedder, {}).get("weights", {}), "bm25": point["bm25"], "dense": point["dense"]}
        second = {name: point[name] for name in SECOND if name in point}
        score = objective(figures(cache.ranks_of(tune, point["rrf_k"], weights, **second)))
        if best is None or score > best[0] + 1e-9:
            best = (score, {"rrf_k": point["rrf_k"], "weights": weights, **second})
    score, fitted = best
    second = {n: fitted[n] for n in ("sentence", "context")}
    langs = sorted({cache.lang[a] for a in tune})
    joint = {"dense": fitted.pop("companion_dense"), "context": fitted.pop("companion_context")}
    fitted["companion"] = {lang: dict(joint) for lang in langs}
    for lang in langs:
        members = [a for a in tune if cache.lang[a] == lang]
        top = None
        for dense, context in itertools.product(*COMPANION_GRID.values()):
            c = {lang: {"dense": dense, "context": context}}
            s = objective(figures(cache.ranks_of(members, fitted["rrf_k"], fitted["weights"], c, **second)))
            if top is None or s > top[0] + 1e-9:
                top = (s, c[lang])
        fitted["companion"][lang] = top[1]   # the joint grid's point is in this grid: never worse
    score = objective(figures(cache.ranks_of(tune, fitted["rrf_k"], fitted["weights"], fitted["companion"], **second)))
    return score, fitted


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
    score, best = fit(cache, tune, args.embedder)
    print(f"{len(questions)} questions ({len(tune)} tune); fitted on tune (recall@5 + MRR@10 / 2 "
          f"{score:.3f}): {best}")
    parts = {"tune": tune, "test": [a for a, q in enumerate(questions) if q["split"] == "test"]}
    print("| part | set | lang | n | first stage r@1 / r@5 / r@10 / MRR | fitted, companion off | fitted |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for part, idx in parts.items():
        groups = {("all", "all"): idx}
        for a in idx:
            q = questions[a]
            groups.setdefault((q["set"], "all"), []).append(a)
            groups.setdefault(("all", q["lang"]), []).append(a)
        for (name, lang), members in sorted(groups.items()):
            f0 = figures(cache.ranks_of(members, RRF_K, WEIGHTS))
            second = {n: best[n] for n in ("sentence", "context")}
            f1 = figures(cache.ranks_of(members, best["rrf_k"], best["weights"], best["companion"], **second))
            f2 = figures(cache.ranks_of(members, best["rrf_k"], best["weights"], **second))
            cell = lambda f: " / ".join(f"{f[m]:.3f}" for m in ("recall@1", "recall@5", "recall@10", "mrr@10"))
            print(f"| {part} | {name} | {lang} | {f0['n']} | {cell(f0)} | {cell(f2)} | {cell(f1)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
