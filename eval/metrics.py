"""Metric functions of the evaluation: retrieval ranks, abstention, verdicts, latency.

Relevance is binary: a retrieved passage is relevant to a question when its text contains
one of the question's gold needles *of the same doc_id*. A question has one information
need; its gold needles are the places in the corpus that answer it. Hence:

- `recall@k`: share of questions whose top k holds at least one relevant passage;
- `MRR@10`: mean of 1/rank of the first relevant passage (0 when none in the top 10);
- `nDCG@10`: each gold needle is credited once, at the best rank of a passage containing
  it (overlapping chunks do not count twice); the ideal ranking puts one passage per gold
  needle first.

Pure functions over plain data: this module runs no retrieval and loads no model.

>>> relevance_flags([{"doc_id": "a", "text": "x needle y"}], [("a", "needle")])
[True]
>>> mrr_at([False, True], 10)
0.5
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

GoldPairs = Sequence[tuple[str, str]]


def _fields(passage) -> tuple[str, str]:
    if isinstance(passage, dict):
        return passage["doc_id"], passage["text"]
    return passage.doc_id, passage.text


def matched_needles(passage, gold: GoldPairs) -> set[int]:
    """Indexes of the gold needles this passage contains (same doc_id only)."""
    doc_id, text = _fields(passage)
    return {i for i, (g_doc, needle) in enumerate(gold) if g_doc == doc_id and needle in text}


def relevance_flags(passages: Iterable, gold: GoldPairs) -> list[bool]:
    return [bool(matched_needles(p, gold)) for p in passages]


def first_relevant_rank(flags: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant passage, or None."""
    for i, flag in enumerate(flags, start=1):
        if flag:
            return i
    return None


def recall_at(flags: Sequence[bool], k: int) -> float:
    """1.0 when one of the first k passages is relevant, else 0.0 (averaged over questions)."""
    return 1.0 if any(flags[:k]) else 0.0


def mrr_at(flags: Sequence[bool], k: int = 10) -> float:
    rank = first_relevant_rank(flags[:k])
    return 1.0 / rank if rank else 0.0


def ndcg_at(passages: Sequence, gold: GoldPairs, k: int = 10) -> float:
    """Binary nDCG with each gold needle credited once at its best rank.

    >>> round(ndcg_at([{"doc_id": "d", "text": "zz"}, {"doc_id": "d", "text": "n1 n2"}],
    ...               [("d", "n1"), ("d", "n2")]), 4)
    0.7737
    """
    if not gold:
        return 0.0
    credited: set[int] = set()
    dcg = 0.0
    for rank, p in enumerate(passages[:k], start=1):
        new = matched_needles(p, gold) - credited
        if new:
            credited |= new
            dcg += len(new) / math.log2(rank + 1)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100), as numpy's default; None when empty.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def abstention_scores(should: Sequence[bool], did: Sequence[bool]) -> dict:
    """Precision and recall of abstention (positive = the assistant abstained).

    precision: share of abstentions that were on questions to abstain on; recall: share of
    questions to abstain on where it abstained. None when undefined (no abstention / none due).
    """
    tp = sum(1 for s, d in zip(should, did) if s and d)
    fp = sum(1 for s, d in zip(should, did) if d and not s)
    fn = sum(1 for s, d in zip(should, did) if s and not d)
    return {"precision": tp / (tp + fp) if tp + fp else None,
            "recall": tp / (tp + fn) if tp + fn else None,
            "tp": tp, "fp": fp, "fn": fn}


def accuracy(expected: Sequence, got: Sequence) -> float | None:
    pairs = list(zip(expected, got))
    return sum(1 for e, g in pairs if e == g) / len(pairs) if pairs else None


def latency_summary(values: Sequence[float]) -> dict:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "n": len(values)}


def retrieval_summary(rows: Sequence[dict], ks: Sequence[int] = (1, 5, 10)) -> dict:
    """Aggregate per-question rows `{flags, ndcg}` into the strategy's figures."""
    out = {f"recall@{k}": mean(recall_at(r["flags"], k) for r in rows) for k in ks}
    out["mrr@10"] = mean(mrr_at(r["flags"], 10) for r in rows)
    out["ndcg@10"] = mean(r["ndcg"] for r in rows)
    out["n"] = len(rows)
    return out
