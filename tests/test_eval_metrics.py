"""The evaluation metrics against small examples computed by hand."""
import math

import pytest

from eval import metrics


def P(doc_id, text):
    return {"doc_id": doc_id, "text": text}


GOLD = [("doc-a", "la règle R9"), ("doc-b", "certificat de conformité")]


def test_relevance_needs_the_needle_in_the_same_document():
    passages = [P("doc-b", "texte sur la règle R9"),      # right words, wrong document
                P("doc-a", "rien d'utile"),
                P("doc-a", "selon la règle R9 du texte")]
    assert metrics.relevance_flags(passages, GOLD) == [False, False, True]


def test_recall_mrr_on_a_hand_computed_ranking():
    flags = [False, False, True, False, True]
    assert metrics.first_relevant_rank(flags) == 3
    assert metrics.recall_at(flags, 1) == 0.0
    assert metrics.recall_at(flags, 3) == 1.0
    assert metrics.mrr_at(flags, 10) == pytest.approx(1 / 3)
    assert metrics.mrr_at(flags, 2) == 0.0
    assert metrics.mrr_at([False] * 10, 10) == 0.0


def test_ndcg_credits_each_needle_once():
    passages = [P("doc-x", "bruit"),
                P("doc-a", "la règle R9"),
                P("doc-a", "encore la règle R9"),        # same needle again: no second credit
                P("doc-b", "un certificat de conformité")]
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 / math.log2(2) + 1 / math.log2(3)
    assert metrics.ndcg_at(passages, GOLD, 10) == pytest.approx(dcg / ideal)
    perfect = [P("doc-a", "la règle R9"), P("doc-b", "certificat de conformité")]
    assert metrics.ndcg_at(perfect, GOLD, 10) == pytest.approx(1.0)
    assert metrics.ndcg_at(passages, GOLD, 1) == 0.0


def test_ndcg_when_one_passage_holds_both_needles():
    passages = [P("doc-a", "la règle R9"), P("doc-b", "x certificat de conformité y")]
    assert metrics.ndcg_at(passages[:1] + [P("doc-z", "z")], GOLD, 10) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_retrieval_summary_averages_questions():
    rows = [{"flags": [True, False], "ndcg": 1.0},
            {"flags": [False, False, False, False, False, True], "ndcg": 0.25}]
    s = metrics.retrieval_summary(rows)
    assert s["recall@1"] == 0.5
    assert s["recall@5"] == 0.5
    assert s["recall@10"] == 1.0
    assert s["mrr@10"] == pytest.approx((1 + 1 / 6) / 2)
    assert s["ndcg@10"] == pytest.approx(0.625)
    assert s["n"] == 2


def test_abstention_precision_and_recall():
    should = [True, True, True, False, False]
    did = [True, False, True, True, False]
    s = metrics.abstention_scores(should, did)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    none = metrics.abstention_scores([False, False], [False, False])
    assert none["precision"] is None and none["recall"] is None


def test_accuracy_and_percentiles():
    assert metrics.accuracy(["eligible", "undetermined", "not_eligible"],
                            ["eligible", "eligible", "not_eligible"]) == pytest.approx(2 / 3)
    assert metrics.accuracy([], []) is None
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert metrics.percentile(values, 50) == pytest.approx(55.0)
    assert metrics.percentile(values, 95) == pytest.approx(95.5)
    assert metrics.percentile([7.0], 95) == 7.0
    assert metrics.percentile([], 50) is None
    assert metrics.latency_summary([1, 3]) == {"p50": 2.0, "p95": pytest.approx(2.9), "n": 2}
