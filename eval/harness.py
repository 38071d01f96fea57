"""Run the evaluation set through the real pipeline and measure it.

Two passes, both through the project's public interfaces (docs/DEVELOPING.md):

- retrieval, for every strategy: `bm25`, and `dense-<backend>` / `hybrid-<backend>` for each
  dense backend (`use`, `e5`, `minilm`), via `Retriever.open(settings, strategy=, embedder=)`;
  scored on the in-scope questions (those with gold needles), top 10, on the whole set and on
  its `tune` and `test` parts separately (`eval/split.py`), each per language; then, for the
  default hybrid strategy, the fusion restricted to growing sets of its stages (BM25 alone,
  + dense, + section/entity, + the sentence second stage), to show what each brings;
- answers, via `AnswerService(settings).ask(question, as_of=)`: quotes verbatim against an
  independent load of the corpus, claims shown although they contradict the checker,
  verdict accuracy, abstention, missing-text detection, gold needle in a quote or the
  answer, per-stage latency from `timings_ms`.

It returns plain data (`EvalRun`); `eval.report` writes it out. It does not decide the
pass/fail thresholds: `tests/test_eval_gate.py` does.
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field

from assistant import config
from assistant.errors import BackendUnavailable, UsageError
from eval import metrics
from eval.questions import Question
from eval.split import PARTS

DENSE_BACKENDS = ("use", "e5", "minilm")
K = 10
MISSING_PHRASES = ("pas dans le corpus", "not in the corpus")


@dataclass(frozen=True)
class Strategy:
    name: str
    strategy: str
    embedder: str | None = None


def all_strategies(backends=DENSE_BACKENDS) -> list[Strategy]:
    out = [Strategy("bm25", "bm25")]
    for kind in ("dense", "hybrid"):
        out.extend(Strategy(f"{kind}-{b}", kind, b) for b in backends)
    return out


def strategy_named(name: str) -> Strategy:
    """`bm25`, `dense-<backend>` or `hybrid-<backend>`."""
    name = name.strip()
    if name == "bm25":
        return Strategy("bm25", "bm25")
    kind, _, backend = name.partition("-")
    if kind in ("dense", "hybrid") and backend:
        return Strategy(name, kind, backend)
    known = ", ".join(s.name for s in all_strategies())
    raise UsageError(f"unknown retrieval strategy {name!r} (known: {known}).")


def default_strategy(settings: config.Settings) -> Strategy:
    if settings.retrieval == "bm25":
        return Strategy("bm25", "bm25")
    return Strategy(f"{settings.retrieval}-{settings.embedder}", settings.retrieval, settings.embedder)


@dataclass
class EvalRun:
    questions: list[Question]
    default: str
    subset: str
    strategies: dict[str, dict] = field(default_factory=dict)      # name -> summary
    retrieval_rows: dict[str, list[dict]] = field(default_factory=dict)  # name -> per question
    retrieval_latency: dict[str, dict] = field(default_factory=dict)
    stages: dict[str, dict] = field(default_factory=dict)               # default strategy's stages
    answers: dict | None = None                                    # summary
    answer_rows: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _progress(items, desc: str, enabled: bool | None):
    from tqdm import tqdm
    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(items, desc=desc, disable=not show, leave=False, file=sys.stderr)


def open_retriever(settings: config.Settings, strategy: Strategy):
    try:
        from assistant.retrieval import Retriever
    except ModuleNotFoundError as exc:
        if exc.name == "assistant.retrieval":
            raise BackendUnavailable("the retrieval stage (assistant/retrieval.py) is not available yet, "
                                     "so the evaluation cannot run.") from None
        raise
    return Retriever.open(settings, strategy=strategy.strategy, embedder=strategy.embedder)


def run_retrieval(questions: list[Question], strategy: Strategy, settings: config.Settings,
                  progress: bool | None = None) -> tuple[dict, list[dict], dict]:
    """Summary, per-question rows and latency of one strategy over the in-scope questions."""
    retriever = open_retriever(settings, strategy)
    retriever.retrieve("hébergement des données de santé", k=1)  # warm-up: latencies are steady-state
    rows, latencies = [], []
    for q in _progress([q for q in questions if q.in_scope], f"retrieve {strategy.name}", progress):
        gold = [(g.doc_id, g.needle) for g in q.gold]
        t = time.perf_counter()
        passages = retriever.retrieve(q.question, k=K)
        latencies.append((time.perf_counter() - t) * 1000)
        flags = metrics.relevance_flags(passages, gold)
        rows.append({"id": q.id, "lang": q.lang, "split": q.split, "category": q.category, "flags": flags,
                     "rank": metrics.first_relevant_rank(flags),
                     "ndcg": metrics.ndcg_at(passages, gold, K),
                     "top": [f"{p.doc_id}:{p.start}-{p.end}" for p in passages[:3]]})
    return summarise_retrieval(rows), rows, metrics.latency_summary(latencies)


def summarise_retrieval(rows: list[dict]) -> dict:
    """Figures of all rows, `by_lang`, and `by_part` (`tune`, `test`: each with its `by_lang`)."""
    def with_lang(part_rows):
        out = metrics.retrieval_summary(part_rows)
        out["by_lang"] = {lang: metrics.retrieval_summary([r for r in part_rows if r["lang"] == lang])
                          for lang in sorted({r["lang"] for r in part_rows})}
        return out
    summary = with_lang(rows)
    summary["by_part"] = {part: with_lang([r for r in rows if r["split"] == part])
                          for part in PARTS if any(r["split"] == part for r in rows)}
    return summary


# What each stage brings: the default hybrid fusion restricted to growing sets of its rankings.
STAGE_SETS = (("bm25",), ("bm25", "dense"), ("bm25", "dense", "section", "entity"),
              ("bm25", "dense", "section", "entity", "sentence"),
              ("bm25", "dense", "section", "entity", "sentence", "companion"))


def run_stages(questions: list[Question], strategy: Strategy, settings: config.Settings,
               progress: bool | None = None) -> dict[str, dict]:
    """For a hybrid strategy: the figures of each `STAGE_SETS` fusion (label -> summary)."""
    if strategy.strategy != "hybrid":
        return {}
    retriever = open_retriever(settings, strategy)
    out = {}
    for stages in STAGE_SETS:
        rows = []
        for q in _progress([q for q in questions if q.in_scope], "+".join(stages), progress):
            gold = [(g.doc_id, g.needle) for g in q.gold]
            passages = retriever.retrieve(q.question, k=K, stages=stages)
            flags = metrics.relevance_flags(passages, gold)
            rows.append({"id": q.id, "lang": q.lang, "split": q.split, "flags": flags,
                         "rank": metrics.first_relevant_rank(flags), "ndcg": metrics.ndcg_at(passages, gold, K)})
        out[" + ".join(stages)] = summarise_retrieval(rows)
    return out


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_answer(q: Question, answer: dict, documents: dict) -> dict:
    """The per-question answer measurements (plain data, one results.jsonl row)."""
    citations = answer.get("citations") or []
    verbatim = 0
    for c in citations:
        doc = documents.get(c.get("doc_id"))
        if doc is not None and doc.text[c.get("start", 0):c.get("end", 0)] == c.get("quote"):
            verbatim += 1
    contradicted = [c for c in answer.get("claims") or []
                    if c.get("action") == "shown" and c.get("stated") != c.get("verdict")]
    verdict = (answer.get("verdict") or {}).get("verdict")
    notices = answer.get("notices") or []
    text = answer.get("answer") or ""
    missing_detected = any(n.get("kind") == "missing_text" for n in notices) or \
        any(p in text.lower() for p in MISSING_PHRASES)
    haystack = _fold(" ".join([text] + [c.get("quote") or "" for c in citations]))
    gold_found = any(_fold(g.needle) in haystack for g in q.gold) if q.gold else None
    return {"id": q.id, "lang": q.lang, "category": q.category,
            "abstained": bool(answer.get("abstained")),
            "quotes": len(citations), "quotes_verbatim": verbatim,
            "contradicted_shown": len(contradicted),
            "verdict_expected": q.expected_verdict, "verdict_got": verdict,
            "missing_detected": missing_detected, "gold_in_answer": gold_found,
            "timings_ms": answer.get("timings_ms") or {},
            "short_answer": (answer.get("short_answer") or text)[:300]}


def summarise_answers(rows: list[dict]) -> dict:
    ok = [r for r in rows if "error" not in r]
    quotes = sum(r["quotes"] for r in ok)
    elig = [r for r in ok if r["category"] == "eligibility"]
    missing = [r for r in ok if r["category"] == "missing_text"]
    in_scope = [r for r in ok if r["gold_in_answer"] is not None]
    stages = sorted({k for r in ok for k in r["timings_ms"]})
    abst = metrics.abstention_scores([r["category"] == "out_of_scope" for r in ok], [r["abstained"] for r in ok])
    return {
        "n": len(rows), "errors": len(rows) - len(ok),
        "quotes": quotes,
        "quotes_verbatim_rate": (sum(r["quotes_verbatim"] for r in ok) / quotes) if quotes else None,
        "contradicted_claims_shown": sum(r["contradicted_shown"] for r in ok),
        "verdict_accuracy": metrics.accuracy([r["verdict_expected"] for r in elig], [r["verdict_got"] for r in elig]),
        "verdict_n": len(elig),
        "abstention_precision": abst["precision"], "abstention_recall": abst["recall"],
        "abstention_counts": {k: abst[k] for k in ("tp", "fp", "fn")},
        "missing_text_detection": metrics.mean(1.0 if r["missing_detected"] else 0.0 for r in missing),
        "missing_text_notices_elsewhere": sum(1 for r in ok if r["category"] != "missing_text" and r["missing_detected"]),
        "gold_in_answer_rate": metrics.mean(1.0 if r["gold_in_answer"] else 0.0 for r in in_scope),
        "in_scope_abstained": sum(1 for r in in_scope if r["abstained"]),
        "latency_ms": {s: metrics.latency_summary([r["timings_ms"][s] for r in ok if s in r["timings_ms"]])
                       for s in stages},
    }


def run_answers(questions: list[Question], settings: config.Settings, documents: dict,
                progress: bool | None = None) -> tuple[dict, list[dict]]:
    try:
        from assistant.answer.service import AnswerService
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("assistant.answer"):
            raise BackendUnavailable("the answer service (assistant/answer/service.py) is not available yet, "
                                     "so the answer metrics cannot run.") from None
        raise
    service = AnswerService(settings)
    rows = []
    for q in _progress(questions, "ask", progress):
        try:
            answer = service.ask(q.question, as_of=q.as_of).to_json()
        except BackendUnavailable:
            raise
        except Exception as exc:  # one failing question is a finding, not the end of the run
            rows.append({"id": q.id, "lang": q.lang, "category": q.category,
                         "error": f"{exc.__class__.__name__}: {str(exc)[:200]}"})
            continue
        rows.append(check_answer(q, answer, documents))
    return summarise_answers(rows), rows


def run(questions: list[Question], settings: config.Settings | None = None, *,
        strategies: list[Strategy] | None = None, answers: bool = True, subset: str = "all",
        progress: bool | None = None) -> EvalRun:
    """Retrieval for each strategy (the default one always included), then the answers."""
    from ingest.documents import documents_by_id
    settings = settings or config.settings()
    default = default_strategy(settings)
    chosen = list(strategies) if strategies else all_strategies()
    if default.name not in {s.name for s in chosen}:
        chosen.insert(0, default)
    result = EvalRun(questions=questions, default=default.name, subset=subset)
    for s in chosen:
        summary, rows, latency = run_retrieval(questions, s, settings, progress)
        result.strategies[s.name] = summary
        result.retrieval_rows[s.name] = rows
        result.retrieval_latency[s.name] = latency
    result.stages = run_stages(questions, default, settings, progress)
    if answers:
        documents = documents_by_id(settings.corpus_dir)
        result.answers, result.answer_rows = run_answers(questions, settings, documents, progress)
    return result
