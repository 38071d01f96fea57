"""Fit the quote model (`assistant/answer/quote_model.yaml`) on TUNING questions only.

    python -m eval.fit_quotes [--passages N] [--write]

Questions: every tuning question with gold needles of the answer sets (round 3-5 blind sets, now
spent, `eval/answer-tune.yaml`, `eval/answer-strangers5.yaml`) and of the retrieval sets
(`eval/gold5-tune.yaml`, and the `split: tune` part of `eval/questions.yaml`,
`eval/fresh-check.yaml`, `eval/strangers-tune.yaml`). Never a `split: test` question,
`eval/answer-test.yaml`, `eval/strangers.yaml` or `eval/gold6-fresh.yaml`.

For each question the candidates are what the answer service reads: the quotable sentences of
the first N retrieved passages and of the chunks the checker's rules rest on; a sentence is a
positive when it holds a gold needle. A logistic regression (scikit-learn, standardised features,
balanced classes) over `compose.FEATURES`; its C is the one whose 5-fold out-of-fold "gold among
the first 4 picks (one per section)" is best over the questions (folds by question, ties: the
smaller C). Prints the word scorer's figure on the same candidates for comparison.

A developer tool: the product does not import it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import re
from pathlib import Path

import numpy as np
import yaml

from assistant.answer import compose
from assistant.config import REPO_ROOT

ANSWER_SETS = ("eval/blind5/answers.yaml", "eval/blind4/answers.yaml", "eval/blind/answers.yaml",
               "eval/answer-tune.yaml", "eval/answer-strangers5.yaml")
RETRIEVAL_SETS = ("eval/gold5-tune.yaml", "eval/questions.yaml", "eval/fresh-check.yaml", "eval/strangers-tune.yaml")
C_GRID = (0.01, 0.1, 1.0)
FOLDS = 5
TOP = 4


def fold_text(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def tuning_questions() -> list[dict]:
    out = []
    for path in ANSWER_SETS + RETRIEVAL_SETS:
        raw = yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))
        for q in raw["questions"]:
            if not q.get("gold") or q.get("split") == "test":
                continue
            gold = [g["needle"] if isinstance(g, dict) else g for g in q["gold"]]
            out.append({"id": q["id"], "set": path, "question": q["question"], "gold": gold})
    return out


def question_rows(service, q: dict, passages_n: int):
    """(features, labels, found) of one question's candidate sentences."""
    retrieved = service.retriever.retrieve(q["question"], k=max(passages_n, 8))[:passages_n]
    cands = retrieved + service._basis_chunks(retrieved)
    found = compose.candidates(cands)
    if not found:
        return None
    sims = service.retriever.sentence_similarities(q["question"], [(s.passage.doc_id, s.start, s.end) for _, s in found],
                                                   [s.text for _, s in found])
    rows = compose.features(q["question"], found, sims, service._basis_spans())
    needles = [fold_text(g) for g in q["gold"]]
    labels = np.array([any(n in fold_text(s.text) for n in needles) for _, s in found])
    return rows, labels, found


def hit(scores: np.ndarray, labels: np.ndarray, found) -> bool:
    """Whether a positive is among the first TOP picks (one per section) by `scores`."""
    order = np.argsort(-scores, kind="stable")
    ranked = [compose.Evidence(found[i][1], float(scores[i]), found[i][0]) for i in order]
    picked = compose._pick(ranked, TOP, per_passage=1, per_section=True, companions=compose.COMPANIONS)
    positives = {id(found[i][1]) for i in np.flatnonzero(labels)}
    return any(id(e.sentence) in positives for e in picked)


def word_hit(q: dict, labels, found, service) -> bool:
    chosen = compose._choose_by_words(q["question"], found, TOP, 2, (1, 2), service._basis_spans())
    needles = [fold_text(g) for g in q["gold"]]
    return any(any(n in fold_text(e.sentence.text) for n in needles) for e in chosen)


def _fold_of(qid: str) -> int:
    return int(hashlib.sha256(qid.encode()).hexdigest()[:8], 16) % FOLDS


def fit(data, c: float):
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    x = np.vstack([d[1] for d in data])
    y = np.concatenate([d[2] for d in data])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit((x - scaler.mean_) / scale, y)
    return compose.QuoteModel(float(lr.intercept_[0]), dict(zip(compose.FEATURES, map(float, lr.coef_[0]))),
                              dict(zip(compose.FEATURES, map(float, scaler.mean_))), dict(zip(compose.FEATURES, map(float, scale))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", type=int, default=6, help="retrieved passages read by the composer")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    from assistant.answer.service import AnswerService
    service = AnswerService()
    data = []
    for q in tuning_questions():
        got = question_rows(service, q, args.passages)
        if got is not None:
            data.append((q, *got))
    reachable = [d for d in data if d[2].any()]
    print(f"{len(data)} tuning questions, {len(reachable)} with the gold among the candidates "
          f"({args.passages} passages + the rules' passages)")
    words = sum(word_hit(q, y, f, service) for q, _, y, f in data)
    print(f"word scorer: gold in the first {TOP} picks {words}/{len(data)}")
    best = None
    for c in C_GRID:
        hits = 0
        for k in range(FOLDS):
            train = [d for d in reachable if _fold_of(d[0]["id"]) != k]
            model = fit(train, c)
            hits += sum(hit(model.scores(x), y, f) for q, x, y, f in data if _fold_of(q["id"]) == k)
        print(f"C={c}: out-of-fold gold in the first {TOP} picks {hits}/{len(data)}")
        if best is None or hits > best[1]:
            best = (c, hits)
    model = fit(reachable, best[0])
    in_sample = sum(hit(model.scores(x), y, f) for q, x, y, f in data)
    print(f"chosen C={best[0]}; in-sample {in_sample}/{len(data)}")
    print({f: round(w, 3) for f, w in model.weights.items()})
    if args.write:
        out = {"fitted": dt.date.today().isoformat(), "by": "python -m eval.fit_quotes",
               "questions": len(data), "with_gold_among_candidates": len(reachable),
               "passages": args.passages, "sets": list(ANSWER_SETS + RETRIEVAL_SETS) + ["(split: tune only)"],
               "c": best[0], "out_of_fold_gold_in_first_4": f"{best[1]}/{len(data)}",
               "word_scorer_gold_in_first_4": f"{words}/{len(data)}",
               "intercept": model.intercept, "weights": model.weights, "means": model.means, "scales": model.scales}
        compose.MODEL_FILE.write_text("# The quote model of assistant/answer/compose.py (see eval/fit_quotes.py).\n"
                                      + yaml.safe_dump(out, sort_keys=False, allow_unicode=True), encoding="utf-8")
        print(f"written {compose.MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
