"""Round 7 retrieval exploration for English questions (developer script; the product imports nothing from here).

    python -m eval.round7_english build     # every question's rankings, as the retriever makes them -> a pickle
    python -m eval.round7_english           # the variants below, tune and test parts, per language

Question sets: those of `eval.fit`, plus the spent blind sets of rounds 5 and 6
(`eval/blind5/retrieval.yaml`, `eval/blind6/retrieval.yaml`), read as tuning material whatever
their `split:`, and round 7's fresh English set (`eval/english7-fresh.yaml`, all test: nothing
is chosen on it). For every question the cache keeps each ranking the hybrid retriever fuses
(`bm25`, `dense` exact, `section`, `entity`, `sentence`, `context`, `companion_dense`,
`companion_context`), made exactly as `Retriever.retrieve` makes them. A variant that changes
the BM25 query (the cross-language expansion of `assistant.crosslingual`) recomputes only the
BM25 and entity rankings, which need no encoder. Every choice is made on the tuning part; the
test part is printed beside it.
"""
from __future__ import annotations

import itertools
import os
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np
import yaml

from assistant.config import REPO_ROOT
from eval import fit

DATA = Path(os.environ.get("HDS_DATA_DIR", ".hds")).resolve()
CACHE = Path(tempfile.gettempdir()) / "hds-round7-english-cache.pkl"
SPENT = ("eval/blind5/retrieval.yaml", "eval/blind6/retrieval.yaml")
FRESH = "eval/english7-fresh.yaml"


def questions(documents: set[str]) -> list[dict]:
    """`eval.fit`'s questions, then the spent blind sets of rounds 5 and 6 (tune) and the fresh set (test)."""
    out = fit.load_all(documents)
    for path, split in [(p, "tune") for p in SPENT] + [(FRESH, "test")]:
        for q in yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))["questions"]:
            gold = [(g["doc_id"], g["needle"]) for g in q.get("gold", []) if g["doc_id"] in documents]
            if q["category"] in ("factual", "eligibility") and gold:
                out.append({"id": q["id"], "set": Path(path).parent.name if split == "tune" else Path(path).stem,
                            "split": split, "lang": q["lang"], "question": q["question"], "gold": gold})
    return out


def open_retriever():
    from assistant import config
    from assistant.retrieval import Retriever
    settings = config.Settings(data_dir=DATA, corpus_dir=config.settings().corpus_dir, embedder="e5")
    return Retriever.open(settings, strategy="hybrid", embedder="e5", build_if_missing=False, watch=False)._current


def build() -> None:
    from assistant.language import detect_language
    from assistant.retrieval import STAGES
    r = open_retriever()
    qs = questions({d.doc_id for d in r.documents()})
    passages = r.passages
    rows = []
    for n, q in enumerate(qs):
        ranks, vector, mask = r._first_stage(q["question"], kinds=None, date_from=None, date_to=None, n=60)
        r._second_stage(ranks, vector, mask, STAGES, q["question"])
        r._exact_dense(ranks, vector, 60)
        rows.append({**q, "detected": detect_language(q["question"]), "ranks": ranks,
                     "relevant": np.array([any(p.doc_id == d and x in p.text for d, x in q["gold"]) for p in passages])})
        if n % 50 == 0:
            print(n, "of", len(qs), flush=True)
    CACHE.write_bytes(pickle.dumps(rows))
    print("cached", len(rows), "questions in", CACHE)


def weights_for(lang: str, point: dict | None = None) -> dict:
    """The fusion's weights for a question of `lang`: the shipped ones (`Retriever._fusion`),
    overridden by `point` (`{name: weight}`)."""
    from assistant import rerank
    fitted = rerank.WEIGHTS["e5"]
    companion = fitted["companion"].get(lang, {})
    w = {**fitted["weights"], "sentence": fitted["sentence"], "context": fitted["context"],
         "companion_dense": companion.get("dense", 0.0), "companion_context": companion.get("context", 0.0)}
    per_language = fitted.get("by_language", {}).get(lang, {})
    return {**w, **per_language, **(point or {})}


def rank_of(row: dict, weights: dict, ranks: dict | None = None) -> int | None:
    from assistant.retrieval import fuse
    from assistant import rerank
    order = [i for i, _ in fuse(ranks or row["ranks"], k=rerank.WEIGHTS["e5"]["rrf_k"], weights=weights)]
    return fit._rank(order, row["relevant"])


def cell(f: dict) -> str:
    return " / ".join(f"{f[m]:.3f}" for m in ("recall@1", "recall@5", "recall@10", "mrr@10"))


def table(rows: list[dict], variants: dict) -> None:
    """Print each variant's figures per part and language, then per set for English."""
    print("| variant | part | lang | n | r@1 / r@5 / r@10 / MRR@10 |")
    print("| --- | --- | --- | --- | --- |")
    for name, ranker in variants.items():
        for part in ("tune", "test"):
            for lang in ("en", "fr"):
                members = [i for i, row in enumerate(rows) if row["split"] == part and row["lang"] == lang]
                print(f"| {name} | {part} | {lang} | {len(members)} | {cell(fit.figures([ranker(i) for i in members]))} |")
    print()
    print("| variant | English set | n | r@1 / r@5 / r@10 / MRR@10 |")
    print("| --- | --- | --- | --- |")
    sets = sorted({(r["split"], r["set"]) for r in rows if r["lang"] == "en"})
    for name, ranker in variants.items():
        for part, s in sets:
            members = [i for i, row in enumerate(rows) if row["set"] == s and row["split"] == part and row["lang"] == "en"]
            print(f"| {name} | {s} ({part}) | {len(members)} | {cell(fit.figures([ranker(i) for i in members]))} |")


def load() -> list[dict]:
    return pickle.loads(CACHE.read_bytes())


def bm25_with_glossary(rows: list[dict], weight: float) -> list[dict]:
    """Per row, the `bm25` ranking as the retriever makes it with the glossary's French terms at
    `weight` (English questions only; the other rankings as cached)."""
    from assistant import retrieval
    from assistant.config import settings
    from assistant.retrieval import Retriever
    r = Retriever.open(settings().__class__(data_dir=DATA, corpus_dir=settings().corpus_dir, embedder="e5"),
                       strategy="bm25", embedder="e5", build_if_missing=False, watch=False)._current
    mask = np.ones(len(r.passages), dtype=bool)
    saved, retrieval.GLOSSARY_WEIGHT = retrieval.GLOSSARY_WEIGHT, weight
    try:
        return [{**row["ranks"], "bm25": r._bm25_ranking(row["question"], mask, 60, r._bm25_scores(row["question"]))}
                for row in rows]
    finally:
        retrieval.GLOSSARY_WEIGHT = saved


def main(argv: list[str]) -> int:
    if argv[:1] == ["build"]:
        build()
        return 0
    from assistant.language import detect_language
    # the detector as it is now; `lang` of tests/data/retrieval_questions.yaml read from its tag "english"
    # (eval.fit read only "en" before round 7: its six English questions counted as French)
    rows = [{**row, "detected": detect_language(row["question"]),
             "lang": "en" if row["set"] == "retrieval_questions" and detect_language(row["question"]) == "en" else row["lang"]}
            for row in load()]
    tune_en = [i for i, r in enumerate(rows) if r["split"] == "tune" and r["detected"] == "en"]
    score = lambda idx, ranker: fit.objective(fit.figures([ranker(i) for i in idx]))
    # 1. the glossary's BM25 weight, with the shipped fusion weights, on the English tune questions
    glossed = {w: bm25_with_glossary(rows, w) for w in (0.15, 0.3, 0.5, 1.0, 1.5, 2.0)}
    glossed[0.0] = [row["ranks"] for row in rows]
    for w in sorted(glossed):
        s = score(tune_en, lambda i, w=w: rank_of(rows[i], weights_for(rows[i]["detected"]), glossed[w][i]))
        print(f"glossary weight {w}: English tune objective {s:.3f}")
    g = max(sorted(glossed), key=lambda w: score(
        tune_en, lambda i: rank_of(rows[i], weights_for(rows[i]["detected"]), glossed[w][i])) + 1e-6 * (w == 0))
    # 2. fusion weights for English questions (glossary at its fitted weight): a grid, on tune only
    grid = {"bm25": (0.25, 0.5, 0.75, 1.0), "dense": (0.3, 0.6, 1.0), "context": (0.5, 1.0),
            "companion_context": (0.5, 1.0, 1.5), "companion_dense": (0.15, 0.5)}
    best = None
    for values in itertools.product(*grid.values()):
        point = dict(zip(grid, values))
        s = score(tune_en, lambda i: rank_of(rows[i], weights_for("en", point), glossed[g][i]))
        if best is None or s > best[0] + 1e-9:
            best = (s, point)
    print(f"glossary weight {g}; English fusion weights: tune objective {best[0]:.3f} at {best[1]}")
    point = best[1]
    variants = {
        "shipped": lambda i: rank_of(rows[i], weights_for(rows[i]["detected"])),
        f"glossary {g}": lambda i: rank_of(rows[i], weights_for(rows[i]["detected"]), glossed[g][i]),
        "English weights": lambda i: rank_of(rows[i], weights_for(rows[i]["detected"], point if rows[i]["detected"] == "en" else None)),
        f"glossary {g} + English weights": lambda i: rank_of(
            rows[i], weights_for(rows[i]["detected"], point if rows[i]["detected"] == "en" else None), glossed[g][i]),
    }
    table(rows, variants)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
