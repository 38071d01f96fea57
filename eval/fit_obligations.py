"""Fit and measure the obligation matcher (`assistant/answer/obligations.py`).

Each question of the sets with gold needles is labelled by the data, not by hand: its obligation
is the one whose source passages contain one of its gold needles (or that a needle contains);
a question whose needles are in no obligation's passages should match nothing. For every
threshold the matcher's precision (matches of the labelled obligation / all matches) and recall
are printed for the tuning and the test parts (`eval/split.py`); the threshold is chosen on the
tuning part only: the lowest one without a wrong match.

    python -m eval.fit_obligations [SET.yaml ...]
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from eval.split import split_of

SETS = ["eval/blind4/answers.yaml", "eval/blind5/answers.yaml", "eval/blind6/answers.yaml", "eval/answer-tune.yaml",
        "eval/answer-test.yaml", "eval/obligations-fresh6.yaml", "eval/firstword-fresh7.yaml"]
# Sets written as test sets: every question is in the test part.
TEST_SETS = {"eval/answer-test.yaml"}
TUNE_SETS = {"eval/answer-tune.yaml"}


def labels(gold: list[str], obligations) -> list[str]:
    """Every obligation whose source passages hold one of the gold needles (or are held by one):
    a duty of duties.yaml quotes a whole point of a text an obligation may quote in part, and
    either answers the question."""
    out = []
    for o in obligations:
        quotes = [s["quote"] for v in o.raw["versions"] for s in v["sources"]]
        if any(g in q or q in g for g in gold for q in quotes):
            out.append(o.id)
    return out


def label(gold: list[str], obligations) -> str | None:
    """The first obligation whose source passages hold one of the gold needles (or are held by one)."""
    found = labels(gold, obligations)
    return found[0] if found else None


def reaches_matcher(question: str, today) -> tuple[bool, str | None]:
    """(whether the service asks the matcher at all: no eligibility query and no provider named;
    the scope answer's `asks` the obligation would have to refine, or None)."""
    from assistant.answer.dates import find_date
    from assistant.answer.question import understand
    from assistant.language import detect_language

    mention = find_date(question, today)
    u = understand(question, mention.date if mention else today, detect_language(question))
    return not u.queries and u.provider_named is None, (u.scope or {}).get("asks")


def rows(paths: list[str], embed) -> list[dict]:
    import datetime as dt

    from assistant.answer.obligations import choose, obligations, scores
    out = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        today = dt.date.fromisoformat(str(data.get("today") or "2026-11-30"))
        for i, q in enumerate(data["questions"]):
            reached, scope_asks = reaches_matcher(q["question"], today)
            if not reached:
                continue
            key = q.get("id") or q["question"]
            part = "test" if path in TEST_SETS else "tune" if path in TUNE_SETS else q.get("split") or split_of(key)
            ranked = [m for m in scores(q["question"], embed)
                      if scope_asks is None or scope_asks in m.obligation.raw.get("overrides", ())]
            best = choose(ranked, 0.0)  # the matcher's choice (a general obligation yields to its point)
            out.append({"set": path, "id": q.get("id", i), "part": part, "question": q["question"],
                        "label": label(q.get("gold") or [], obligations()) if q.get("gold") else None,
                        "labels": labels(q.get("gold") or [], obligations()),
                        "has_gold": bool(q.get("gold")), "verdict": bool(q.get("verdict") or q.get("verdicts")),
                        "best": best.obligation.id if best else None, "score": best.score if best else 0.0})
    return out


def figures(data: list[dict], threshold: float) -> dict:
    matched = [r for r in data if r["best"] and r["score"] >= threshold]
    right = [r for r in matched if r["best"] in r["labels"]]
    wanted = [r for r in data if r["label"]]
    return {"matched": len(matched), "right": len(right), "wrong": len(matched) - len(right),
            "precision": round(len(right) / len(matched), 3) if matched else None,
            "recall": round(len([r for r in wanted if r["best"] in r["labels"] and r["score"] >= threshold]) / len(wanted), 3) if wanted else None,
            "labelled": len(wanted)}


def main(argv: list[str]) -> int:
    from assistant.retrieval import Retriever
    retriever = Retriever.open(build_if_missing=False)
    data = rows(argv or SETS, retriever.query_vector)
    tune = [r for r in data if r["part"] == "tune"]
    chosen = None
    for t in [x / 100 for x in range(80, 96)]:
        ft, fs = figures(tune, t), figures([r for r in data if r["part"] == "test"], t)
        print(f"{t:.2f} tune {ft}  test {fs}")
        if chosen is None and ft["wrong"] == 0:
            chosen = t
    print("lowest threshold without a wrong match on the tuning part:", chosen)
    if "--rows" in sys.argv:
        for r in data:
            if r["label"] or r["best"]:
                print(f"{r['part']} {r['id']} label={r['label']} best={r['best']} {r['score']:.3f} | {r['question'][:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main([a for a in sys.argv[1:] if not a.startswith("--")]))
