"""Fit the quote model (`assistant/answer/quote_model.yaml`) on TUNING questions only.

    python -m eval.fit_quotes [--passages N[,N...]] [--cache FILE] [--test FILE] [--floor-only] [--write]

`--passages 6+4`: the first 6 retrieved passages and those of the question's 4 nearest corpus
sentences (`Retriever.sentence_neighbours`). `--test FILE`: also measure the written model and the
new fit on the test part of `TEST_SETS` (never fitted), features cached in FILE.

Questions: every tuning question with gold needles of the answer sets (round 3-5 blind sets, now
spent, `eval/answer-tune.yaml`, `eval/answer-strangers5.yaml`) and of the retrieval sets
(`eval/gold5-tune.yaml`, and the `split: tune` part of `eval/questions.yaml`,
`eval/fresh-check.yaml`, `eval/strangers-tune.yaml`). Since round 8 also the spent blind answer
sets of rounds 6 and 7 and the tuning part of `eval/gold6-fresh.yaml`, `gold7-fresh.yaml` and
`gold8-fresh.yaml`. Never a `split: test` question,
`eval/answer-test.yaml` or `eval/strangers.yaml`.

For each question the candidates are what the answer service reads: the quotable sentences of
the first N retrieved passages and of the chunks the checker's rules rest on; a sentence is a
positive when it holds a gold needle. A logistic regression (scikit-learn, standardised features,
balanced classes) over `compose.FEATURES`; its C is the one whose 5-fold out-of-fold "gold among
the first 4 picks (one per section)" is best over the questions (folds by question, ties: the
smaller C). Prints the word scorer's figure on the same candidates for comparison.

The floor (`min_score`, round 8): a pick after the composer's best scoring below it is dropped
(`compose.above_floor`), so that an answer does not fill its four places with loosely related
passages. It is the highest score (0.25 grid) at which as many tuning questions keep a gold needle
among the quotes shown (the first 4 kept of the 8 the service asks for) as with no floor.
`--floor-only` fits it for the written weights and keeps them.

Round 15 (996 tuning questions, 208 test questions; `--passages 10,6+2,6+4,6`): the gold is among
the candidates for 815 (6 passages), 818 (6+2), 821 (6+4) and 841 (10) tuning questions, yet among the
first four picks for about 528 whatever the pool; on the test part 115-118 of 208 for every pool and
fit, the written model included. The written model is kept (docs/answers.md, "Round 15").

A developer tool: the product does not import it.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import pickle
import re
from pathlib import Path

import numpy as np
import yaml

from assistant.answer import compose
from assistant.config import REPO_ROOT

ANSWER_SETS = ("eval/blind5/answers.yaml", "eval/blind4/answers.yaml", "eval/blind/answers.yaml",
               "eval/answer-tune.yaml", "eval/answer-strangers5.yaml")
RETRIEVAL_SETS = ("eval/gold5-tune.yaml", "eval/questions.yaml", "eval/fresh-check.yaml", "eval/strangers-tune.yaml")
# Round 8: the spent blind answer sets of rounds 6 and 7 (every question: spent sets are tuning
# material), and the tuning part of the fresh gold sets of rounds 6 to 8 (part by eval/split.py's
# rule when a set does not write it).
SPENT_SETS = ("eval/blind6/answers.yaml", "eval/blind7/answers.yaml")
FRESH_SETS = ("eval/gold6-fresh.yaml", "eval/gold7-fresh.yaml", "eval/gold8-fresh.yaml")
# Round 15: the spent blind sets of rounds 8 to 14 (every question) and the tuning part of the later
# fresh sets with gold needles; their test parts (`TEST_SETS`) are measured by `--test`, never fitted.
SPENT_SETS += tuple(f"eval/blind{n}/answers.yaml" for n in range(8, 15))
LATER_FRESH = ("eval/gold9-fresh.yaml", "eval/gold10-fresh.yaml", "eval/gold12-fresh.yaml", "eval/gold14-fresh.yaml",
               "eval/obligations-fresh6.yaml", "eval/duties-fresh8.yaml", "eval/firstword-fresh7.yaml",
               "eval/firstword9-fresh.yaml", "eval/firstword10-fresh.yaml", "eval/firstword14-fresh.yaml",
               "eval/firstdate11-fresh.yaml")
FRESH_SETS += LATER_FRESH
TEST_SETS = ("eval/gold7-fresh.yaml", "eval/gold8-fresh.yaml") + LATER_FRESH + ("eval/english7-fresh.yaml",)
C_GRID = (0.01, 0.1, 1.0)
FOLDS = 5
TOP = 4


def fold_text(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def tuning_questions(wanted: str = "tune") -> list[dict]:
    """The questions with gold needles of the fitted sets' tuning part (`wanted="test"`: the test
    part of `TEST_SETS`, which nothing is fitted on)."""
    out = []
    from eval.split import split_of

    paths = ANSWER_SETS + RETRIEVAL_SETS + SPENT_SETS + FRESH_SETS if wanted == "tune" else TEST_SETS
    for path in paths:
        raw = yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))
        for q in raw["questions"]:
            part = q.get("split") or (split_of(q["id"]) if path in FRESH_SETS + TEST_SETS else "tune")
            if not q.get("gold") or part != wanted:
                continue
            gold = [g["needle"] if isinstance(g, dict) else g for g in q["gold"]]
            out.append({"id": q["id"], "set": path, "question": q["question"], "gold": gold})
    return out


def _read(size: str) -> tuple[int, int]:
    """A pool size "6" (the first 6 retrieved passages) or "6+3" (and the passages of the question's
    3 nearest corpus sentences, `Retriever.sentence_neighbours`) as (6, 3)."""
    first, _, more = str(size).partition("+")
    return int(first), int(more or 0)


def question_rows(service, q: dict, sizes: tuple[str, ...]):
    """Pool size -> (features, labels, found) of one question's candidate sentences (the first
    `size` retrieved passages and the rules' chunks), the cosines read once for all sizes; None
    when there is no candidate."""
    retrieved = service.retriever.retrieve(q["question"], k=max(max(_read(n)[0] for n in sizes), 8))
    near = service.retriever.sentence_neighbours(q["question"], max(_read(n)[1] for n in sizes))
    pools = {}
    for n in sizes:
        first, more = _read(n)
        read = retrieved[:first] + [p for p in near[:more] if p.chunk_id not in {r.chunk_id for r in retrieved[:first]}]
        pools[n] = compose.candidates(read + service._basis_chunks(read))
    spans = list(dict.fromkeys((s.passage.doc_id, s.start, s.end, s.text) for found in pools.values() for _, s in found))
    if not spans:
        return None
    sims = service.retriever.sentence_similarities(q["question"], [x[:3] for x in spans], [x[3] for x in spans])
    by_span = {x[:3]: (None if sims is None else sims[i]) for i, x in enumerate(spans)}
    needles = [fold_text(g) for g in q["gold"]]
    out = {}
    for n, found in pools.items():
        if not found:
            continue
        rows_sims = None if sims is None else np.array([by_span[(s.passage.doc_id, s.start, s.end)] for _, s in found])
        rows = compose.features(q["question"], found, rows_sims, service._basis_spans())
        labels = np.array([any(nd in fold_text(s.text) for nd in needles) for _, s in found])
        out[n] = (rows, labels, found)
    return out or None


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


def picks(model, data, top: int = 2 * TOP) -> list[list[tuple[compose.Evidence, bool]]]:
    """(evidence, holds a gold needle) of each question's first `top` picks (one per section, with
    companions), best first: the service asks the composer for twice the quotes it shows (the claim
    gate, the off-topic filter and the rules' passages take some)."""
    out = []
    for q, x, y, found in data:
        scores = model.scores(x)
        order = np.argsort(-scores, kind="stable")
        ranked = [compose.Evidence(found[i][1], float(scores[i]), found[i][0]) for i in order]
        positives = {id(found[i][1]) for i in np.flatnonzero(y)}
        out.append([(e, id(e.sentence) in positives)
                    for e in compose._pick(ranked, top, per_passage=1, per_section=True, companions=compose.COMPANIONS)])
    return out


def _shown(picked: list[list[tuple[compose.Evidence, bool]]], floor: float | None) -> tuple[int, int]:
    """(questions with a gold among the first TOP picks kept, picks shown) when the composer's
    floor (`compose.above_floor`, the best pick kept) is `floor`."""
    hits = shown = 0
    for question in picked:
        gold = {id(e) for e, g in question if g}
        kept = compose.above_floor([e for e, _ in question], floor, keep=1)[:TOP]
        hits += any(id(e) in gold for e in kept)
        shown += len(kept)
    return hits, shown


def fit_floor(picked: list[list[tuple[float, bool]]]) -> tuple[float | None, dict]:
    """The score below which a pick after the first is dropped (fewer, better quotes): the highest
    floor (on a 0.25 grid) at which as many questions keep a gold among the quotes shown as with no
    floor; None when every floor loses one. With its counts."""
    base_hits, base_shown = _shown(picked, None)
    best, counts = None, {"questions_with_gold_shown": base_hits, "quotes_shown": base_shown}
    for floor in np.arange(-3.0, 5.01, 0.25):
        hits, shown = _shown(picked, float(floor))
        if hits < base_hits:
            break
        best, counts = float(floor), {"questions_with_gold_shown": hits, "quotes_shown": shown}
    return best, {**counts, "without_floor": {"questions_with_gold_shown": base_hits, "quotes_shown": base_shown},
                  "questions": len(picked)}


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


def _fit_size(data, n: int, service):
    """Cross-validate C, then fit the floor on out-of-fold picks, for one pool size; prints the figures."""
    reachable = [d for d in data if d[2].any()]
    print(f"== {n} passages + the rules' passages: {len(data)} tuning questions, {len(reachable)} with the gold among the candidates")
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
    oof = []  # out-of-fold picks of the chosen C: the floor is fitted on scores of unseen questions
    for k in range(FOLDS):
        fold_model = fit([d for d in reachable if _fold_of(d[0]["id"]) != k], best[0])
        oof += picks(fold_model, [d for d in data if _fold_of(d[0]["id"]) == k])
    floor, counts = fit_floor(oof)
    print(f"floor {floor}: out of fold {counts}")
    return best, floor, counts, words, data, reachable


def write_model(raw: dict) -> None:
    """Write the quote model file (every fit of it: the weights, the floor, the relevance floor)."""
    compose.MODEL_FILE.write_text("# The quote model of assistant/answer/compose.py (see eval/fit_quotes.py).\n"
                                  + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    print(f"written {compose.MODEL_FILE}")


def _fit_floor_only(data, write: bool) -> int:
    """Fit the floor for the written weights (round 8: a refit of the weights on the larger tuning
    set gained nothing on the questions the written model never saw, 58/126 either way)."""
    model = compose.load_model()
    floor, counts = fit_floor(picks(model, data))
    print(f"floor {floor} for the written weights: {counts}")
    if write:
        raw = yaml.safe_load(compose.MODEL_FILE.read_text(encoding="utf-8"))
        raw.update({"min_score": floor, "min_score_fitted_on": list(SPENT_SETS + FRESH_SETS + ANSWER_SETS + RETRIEVAL_SETS)
                    + ["(split: tune only)"], "min_score_counts": counts})
        write_model(raw)
    return 0


def _rows(service, part: str, sizes: tuple[str, ...], cache: str | None) -> dict[str, list]:
    """Pool size -> (question, features, labels, found) of the `part`'s questions; read from the
    pickle `cache` when it exists (and holds every size), else computed and written there."""
    if cache and Path(cache).exists():
        per_size = pickle.loads(Path(cache).read_bytes())
        if all(n in per_size for n in sizes):
            return per_size
    per_size = {n: [] for n in sizes}
    for q in tuning_questions(part):
        for n, rows in (question_rows(service, q, sizes) or {}).items():
            per_size[n].append((q, *rows))
    if cache:
        Path(cache).write_bytes(pickle.dumps(per_size))
    return per_size


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--passages", default="6", help="retrieved passages read by the composer; several "
                    "sizes separated by commas are compared, the last is written")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", help="a pickle of the candidates' features: read when it exists, else written")
    ap.add_argument("--test", help="also measure, on the test part of TEST_SETS (never fitted), the gold "
                    "among the first 4 picks of the written model and of the new fit; a pickle cache FILE as --cache")
    ap.add_argument("--floor-only", action="store_true", help="keep the written weights, fit (and with "
                    "--write, write) only the floor, on the picks of those weights")
    args = ap.parse_args(argv)
    from assistant.answer.service import AnswerService
    service = AnswerService()
    sizes = tuple(str(args.passages).split(","))
    per_size = _rows(service, "tune", sizes, args.cache)
    if args.floor_only:
        return _fit_floor_only(per_size[sizes[-1]], args.write)
    written = compose.load_model() if compose.MODEL_FILE.exists() else None
    tested = _rows(service, "test", sizes, args.test) if args.test else None
    for n in sizes:
        best, floor, counts, words, data, reachable = _fit_size(per_size[n], n, service)
        if tested is not None:
            new = fit(reachable, best[0])
            test = tested[n]
            print(f"test part ({len(test)} questions, {sum(bool(d[2].any()) for d in test)} with the gold among "
                  f"the candidates): gold in the first {TOP} picks, written model "
                  f"{sum(hit(written.scores(x), y, f) for q, x, y, f in test) if written else '-'}, "
                  f"this fit {sum(hit(new.scores(x), y, f) for q, x, y, f in test)}")
    args.passages = sizes[-1]
    model = fit(reachable, best[0])
    model = compose.QuoteModel(model.intercept, model.weights, model.means, model.scales, floor)
    in_sample = sum(hit(model.scores(x), y, f) for q, x, y, f in data)
    print(f"chosen C={best[0]}; in-sample {in_sample}/{len(data)}")
    print({f: round(w, 3) for f, w in model.weights.items()})
    if args.write:
        out = {"fitted": dt.date.today().isoformat(), "by": "python -m eval.fit_quotes",
               "questions": len(data), "with_gold_among_candidates": len(reachable),
               "passages": args.passages, "sets": list(ANSWER_SETS + RETRIEVAL_SETS + SPENT_SETS + FRESH_SETS) + ["(split: tune only)"],
               "c": best[0], "out_of_fold_gold_in_first_4": f"{best[1]}/{len(data)}",
               "word_scorer_gold_in_first_4": f"{words}/{len(data)}",
               "min_score": floor, "min_score_out_of_fold": counts,
               "intercept": model.intercept, "weights": model.weights, "means": model.means, "scales": model.scales}
        kept = yaml.safe_load(compose.MODEL_FILE.read_text(encoding="utf-8")) if compose.MODEL_FILE.exists() else {}
        out.update({k: v for k, v in (kept or {}).items() if k.startswith("min_relevance")})  # eval/fit_relevance.py's
        write_model(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
