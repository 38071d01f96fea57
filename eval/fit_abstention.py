"""Fit the abstention model on the TUNING part; print its precision and recall on tune and test.

    python -m eval.fit_abstention [--data-dir DIR] [--write]

Questions: the default sets (`eval/questions.py`'s DEFAULT_SETS: in-scope vs `out_of_scope`)
and `eval/abstention-tune.yaml` (written for this fit: off-topic questions and in-scope ones
without the domain's words). Features come from a real e5 index (`Retriever.domain_signals`
and the top-5 passages' word overlap, `assistant/answer/abstention.py`). A logistic regression
over the features and the query vector (scikit-learn, standardised features, in-scope class
weighted COST times: a real question refused costs more than an off-topic one answered) is
fitted on the tune part only; its regularisation C and threshold are the ones with the lowest
5-fold out-of-fold cost on the tune part (ties: answer more).
The test part is scored, never used to choose. `--write` stores the coefficients (back in the
raw feature scale) in `assistant/answer/abstention_model.yaml` with how they were fitted.

A developer tool: the product does not import it.
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import yaml

from assistant import config
from assistant.answer.abstention import FEATURES, MODEL_FILE, features
from assistant.answer.scope import overlap
from assistant.config import REPO_ROOT

EXTRA = REPO_ROOT / "eval" / "abstention-tune.yaml"
COST = 3.0  # an in-scope question refused counts this many off-topic questions answered
C_GRID = (0.01, 0.1, 1.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.05, 0.96, 0.01))


def _questions() -> list[dict]:
    from eval.questions import DEFAULT_SETS, load_sets
    out = [{"id": q["id"], "question": q["question"], "split": q["split"],
            "in_scope": q["category"] != "out_of_scope"} for q in map(_as_dict, load_sets(DEFAULT_SETS))]
    extra = yaml.safe_load(EXTRA.read_text(encoding="utf-8"))["questions"]
    out += [{"id": q["id"], "question": q["question"], "split": q["split"], "in_scope": q["in_scope"]} for q in extra]
    return out


def _as_dict(q) -> dict:
    return q if isinstance(q, dict) else vars(q)


def _matrix(retriever, questions) -> tuple[np.ndarray, np.ndarray]:
    """The named features and the query vectors of the questions."""
    rows, vectors = [], []
    for q in questions:
        signals = retriever.domain_signals(q["question"])
        if signals is None:
            raise SystemExit("this index has no sentence vectors: run ingest with the e5 embedder")
        passages = retriever.retrieve(q["question"], k=5)
        values = features(signals, overlap(q["question"], passages))
        rows.append([values[name] for name in FEATURES])
        vectors.append(np.asarray(signals["query_vector"], dtype=np.float64))
    return np.array(rows), np.array(vectors)


def _scores(y_in: np.ndarray, answered: np.ndarray) -> dict:
    """Abstention precision / recall (positive = abstained) and the in-scope questions refused."""
    abstained = ~answered
    tp = int(np.sum(abstained & ~y_in))
    fp = int(np.sum(abstained & y_in))
    fn = int(np.sum(answered & ~y_in))
    return {"precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "tp": tp, "fp": fp, "fn": fn}


def _fit(A: np.ndarray, y: np.ndarray, C: float):
    """Logistic regression on standardised columns; (weights, intercept) in the raw scale."""
    from sklearn.linear_model import LogisticRegression
    mean, std = A.mean(axis=0), A.std(axis=0) + 1e-9
    model = LogisticRegression(C=C, class_weight={True: COST, False: 1.0}, max_iter=5000)
    model.fit((A - mean) / std, y)
    weights = model.coef_[0] / std
    return weights, float(model.intercept_[0] - np.sum(model.coef_[0] * mean / std))


def _cost(y: np.ndarray, prob: np.ndarray, threshold: float) -> float:
    answered = prob >= threshold
    return COST * np.sum(~answered & y) + np.sum(answered & ~y)


def _out_of_fold(A: np.ndarray, y: np.ndarray, C: float) -> np.ndarray:
    """P(in domain) of each tune question from a model fitted without it (5 folds)."""
    from sklearn.model_selection import StratifiedKFold
    prob = np.zeros(len(y))
    for train, held in StratifiedKFold(5, shuffle=True, random_state=0).split(A, y):
        weights, intercept = _fit(A[train], y[train], C)
        prob[held] = 1.0 / (1.0 + np.exp(-(A[held] @ weights + intercept)))
    return prob


def main(argv=None) -> None:
    from assistant.retrieval import Retriever

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cache", type=Path, default=None, help="an .npz of the features, computed once and reused")
    args = parser.parse_args(argv)
    settings = config.Settings(**({"data_dir": args.data_dir.resolve()} if args.data_dir else {}))
    questions = _questions()
    if args.cache and args.cache.exists():
        cached = np.load(args.cache)
        X, V = cached["X"], cached["V"]
    else:
        X, V = _matrix(Retriever.open(settings, build_if_missing=False), questions)
        if args.cache:
            np.savez(args.cache, X=X, V=V)
    A = np.hstack([X, V])
    y = np.array([q["in_scope"] for q in questions])
    tune = np.array([q["split"] == "tune" for q in questions])
    # regularisation and threshold: the lowest out-of-fold cost on the tune part (ties: the
    # stronger regularisation, then the lower threshold, i.e. answer more)
    grid = []
    for C in C_GRID:
        prob = _out_of_fold(A[tune], y[tune], C)
        for t in THRESHOLDS:
            grid.append((_cost(y[tune], prob, t), C, t, prob))
    cost, C, threshold, oof = min(grid, key=lambda g: (g[0], g[1], g[2]))
    weights, intercept = _fit(A[tune], y[tune], C)
    prob = 1.0 / (1.0 + np.exp(-(A @ weights + intercept)))
    print(f"C={C} threshold={threshold} out-of-fold tune cost {cost}")
    print("tune (out of fold)", _scores(y[tune], oof >= threshold))
    for q, p in zip([q for q, r in zip(questions, tune) if r], oof):
        if (p >= threshold) != q["in_scope"]:
            print(f"   {'refused' if q['in_scope'] else 'answered'} p={p:.2f} {q['id']}: {q['question']}")
    test = ~tune
    print("test", f"{int(np.sum(test & y))} in scope, {int(np.sum(test & ~y))} out of scope:",
          _scores(y[test], prob[test] >= threshold))
    if args.write:
        n_in, n_out = int(np.sum(tune & y)), int(np.sum(tune & ~y))
        named = weights[:len(FEATURES)]
        MODEL_FILE.write_text(
            "# The abstention model (assistant/answer/abstention.py): logistic regression, P(in domain).\n"
            f"# Fitted by `python -m eval.fit_abstention --write` on {dt.date.today().isoformat()}, on the TUNING part only:\n"
            f"# {n_in} in-scope and {n_out} out-of-scope questions (eval/questions.yaml, eval/strangers-tune.yaml,\n"
            "# eval/abstention-tune.yaml); features from an index of the corpus with the default e5 embedder\n"
            "# (Retriever.domain_signals). scikit-learn LogisticRegression on standardised features, in-scope\n"
            f"# class weight {COST} (a real question refused costs {COST} off-topic ones answered); C and the\n"
            "# threshold chosen by the lowest 5-fold out-of-fold cost on the tune part (ties: stronger\n"
            f"# regularisation, lower threshold): C={C}, out-of-fold cost {cost}. Weights are in the raw\n"
            "# feature scale. The test part was scored, not used to choose.\n"
            + yaml.safe_dump({"embedder": settings.embedder, "intercept": round(intercept, 6),
                              "weights": {name: round(float(w), 6) for name, w in zip(FEATURES, named)},
                              "threshold": float(threshold),
                              "query_vector_weights": [round(float(w), 6) for w in weights[len(FEATURES):]]},
                             sort_keys=False, default_flow_style=None, width=100),
            encoding="utf-8")
        print("written", MODEL_FILE)


if __name__ == "__main__":
    main()
