"""Fit the relevance floor of verdict and scope answers (`quote_model.yaml` `min_relevance`) on
TUNING questions only (round 9).

    python -m eval.fit_relevance [--write]

A verdict or scope answer quotes, beside the passages its rules rest on, the retrieved sentences
that bear on the question (`assistant/answer/relevance.py`): those that name one of its providers
or whose quote-model score is at least the floor. The floor is the highest value of a 0.25 grid
(from -1 to 4, or none) at which as many tuning questions hold a gold needle in their answer as
at the best value of the grid, so that an answer shows no loosely related quote a gold passage
does not need. Each question is answered end to end by `AnswerService.ask` at its set's `today`;
it is asked again only at the floors that change which of its quotes pass (retrieval and the
sentence cosines are read once per question).

Questions: those of `eval.fit_quotes.tuning_questions()` (never a `split: test` question), and the
spent blind set of round 8 and the tuning part of `eval/gold9-fresh.yaml`. A developer tool: the
product does not import it.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import re
from functools import lru_cache

import numpy as np
import yaml

from assistant.answer import compose
from assistant.answer import service as service_module
from assistant.config import REPO_ROOT
from eval.fit_quotes import tuning_questions, write_model
from eval.split import split_of

MORE_SETS = ("eval/blind8/answers.yaml", "eval/gold9-fresh.yaml")
GRID = tuple(float(x) for x in np.arange(-1.0, 4.01, 0.25))


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def questions() -> list[dict]:
    out = tuning_questions()
    for path in MORE_SETS:
        raw = yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))
        for q in raw["questions"]:
            if q.get("gold") and (q.get("split") or split_of(q["id"])) != "test":
                out.append({"id": q["id"], "set": path, "question": q["question"],
                            "gold": [g["needle"] if isinstance(g, dict) else g for g in q["gold"]]})
    todays = {}
    for q in out:
        if q["set"] not in todays:
            raw = yaml.safe_load((REPO_ROOT / q["set"]).read_text(encoding="utf-8"))
            todays[q["set"]] = str(raw.get("today") or "") or None
        q["today"] = todays[q["set"]]
    return out


class Run:
    """Answers questions at a given floor, recording the scores the floor decided on."""

    def __init__(self):
        self.service = service_module.AnswerService()
        self.base = compose.default_model()
        self.floor = None
        self.contested: list[float] = []
        retrieve = self.service.retriever.retrieve
        sims = self.service._sentence_similarities
        self.service.retriever.retrieve = lru_cache(maxsize=4096)(lambda question, k=5, **kw: retrieve(question, k, **kw))
        cache: dict = {}

        def similarities(question, spans, texts=None):
            key = (question, tuple(spans))
            if key not in cache:
                cache[key] = sims(question, spans, texts)
            return cache[key]

        self.service._sentence_similarities = similarities
        original = service_module.bears_on

        def spy(score, sentence, providers, floor):
            named = bool(providers) and original(float("-inf"), sentence, providers, float("inf"))
            if floor is not None and not named:
                self.contested.append(score)  # kept or dropped by the floor alone
            return original(score, sentence, providers, floor)

        service_module.bears_on = spy
        service_module.default_model = lambda: dataclasses.replace(self.base, min_relevance=self.floor)

    def ask(self, q: dict, floor: float | None) -> tuple[bool, int]:
        """(gold in the answer, quotes shown) at `floor`."""
        self.floor, self.contested = floor, []
        if q["today"]:
            self.service.settings = dataclasses.replace(self.service.settings, today_override=q["today"])
        data = self.service.ask(q["question"]).to_json()
        hay = fold(" ".join([data["answer"]] + [c["quote"] for c in data["citations"]]))
        return any(fold(g) in hay for g in q["gold"]), len(data["citations"])


def measure(run: Run, qs: list[dict]) -> dict[float | None, tuple[int, int]]:
    """Floor -> (questions with gold in the answer, quotes cited), each question asked once per
    group of floors that keep the same contested quotes."""
    totals = {f: [0, 0] for f in (None,) + GRID}
    for q in qs:
        run.floor = -1e9
        got, cited = run.ask(q, -1e9)
        scores = sorted(set(run.contested))
        seen: dict[tuple, tuple[bool, int]] = {}
        for f in (None,) + GRID:
            key = tuple(s >= f for s in scores) if f is not None else tuple(True for _ in scores)
            if key not in seen:
                seen[key] = (got, cited) if all(key) else run.ask(q, f)
            totals[f][0] += seen[key][0]
            totals[f][1] += seen[key][1]
    return {f: tuple(v) for f, v in totals.items()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    qs = questions()
    run = Run()
    totals = measure(run, qs)
    best = max(t[0] for t in totals.values())
    floor = max(f for f in GRID if totals[f][0] == best) if any(totals[f][0] == best for f in GRID) else None
    for f, (gold, cited) in totals.items():
        print(f"floor {f}: gold in answer {gold}/{len(qs)}, citations {cited}")
    print(f"chosen floor {floor}")
    if args.write:
        raw = yaml.safe_load(compose.MODEL_FILE.read_text(encoding="utf-8"))
        raw.update({"min_relevance": floor, "min_relevance_fitted": dt.date.today().isoformat(),
                    "min_relevance_by": "python -m eval.fit_relevance (tuning questions only)",
                    "min_relevance_counts": {"questions": len(qs), "gold_in_answer": totals[floor][0],
                                             "citations": totals[floor][1],
                                             "without_floor": {"gold_in_answer": totals[None][0], "citations": totals[None][1]}}})
        write_model(raw)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
