"""Regression gate: the TEST part of the evaluation sets through the real harness.

Runs the default retrieval strategy and the real `AnswerService` on the test part (`split:
test`, eval/split.py) of `eval/questions.yaml` and on the stranger questions of
`eval/strangers.yaml` (all test), then holds the pipeline to thresholds. Nothing is fitted on
these questions; the recall floors are regression floors set a few points under the figures
measured when the gate was written (docs/retrieval.md), not tuned targets. When the retrieval
stage or the answer service is missing, these tests fail with a message saying so: the gate is
never skipped.
"""
from pathlib import Path

import pytest

from assistant import config
from eval import harness
from eval.questions import DEFAULT_SETS, load_sets, part

pytestmark = pytest.mark.slow

THRESHOLDS = {
    "recall@5": 0.75,            # test part of eval/questions.yaml (measured 0.785 with hybrid-e5)
    "strangers_recall@5": 0.70,  # eval/strangers.yaml (measured 0.760; the bar is 0.90)
    "quotes_verbatim_rate": 1.0,
    "contradicted_claims_shown": 0,
    # The abstention model (assistant/answer/abstention.py, fitted on the tuning part with a real
    # question refused costing three off-topic ones answered) replaced the word list: on the test
    # part it refuses 1 in-scope question instead of 7 (precision 0.50 -> 0.80, 4 of 5) and answers
    # 3 of the 7 off-topic ones it used to refuse (recall 1.0 -> 0.57, 4 of 7). Regression floors
    # that allow one question more on the wrong side; the recall loss is the chosen trade-off
    # (docs/answers.md, Abstention), named in the README.
    "abstention_recall": 0.4,
    "abstention_precision": 0.65,
    "verdict_accuracy": 0.8,
    "missing_text_detection": 0.9,
}


@pytest.fixture(scope="module")
def gate_run(data_dir_ingested, corpus_dir):
    settings = config.Settings(data_dir=Path(data_dir_ingested).resolve(), corpus_dir=corpus_dir)
    questions = part(load_sets(DEFAULT_SETS), "test")
    try:
        return harness.run(questions, settings, strategies=[harness.default_strategy(settings)],
                           subset="test", progress=False)
    except Exception as exc:  # the gate must fail loudly, never skip
        pytest.fail(f"the eval harness could not run the fast subset: {exc}", pytrace=False)


def _recall_at_5(gate_run, strangers: bool) -> tuple[float, list[str]]:
    rows = [r for r in gate_run.retrieval_rows[gate_run.default] if r["id"].startswith("s-") == strangers]
    assert rows, "no in-scope question in this part"
    hits = [r for r in rows if r["rank"] and r["rank"] <= 5]
    return len(hits) / len(rows), [r["id"] for r in rows if r not in hits]


def test_default_retrieval_recall_at_5(gate_run):
    recall, misses = _recall_at_5(gate_run, strangers=False)
    assert recall >= THRESHOLDS["recall@5"], f"recall@5 {recall:.3f}; missed: {misses}"


def test_default_retrieval_recall_at_5_on_stranger_questions(gate_run):
    recall, misses = _recall_at_5(gate_run, strangers=True)
    assert recall >= THRESHOLDS["strangers_recall@5"], f"recall@5 {recall:.3f}; missed: {misses}"


def test_every_quote_is_verbatim(gate_run):
    a = gate_run.answers
    assert a["errors"] == 0, [r for r in gate_run.answer_rows if "error" in r]
    assert a["quotes"] > 0
    assert a["quotes_verbatim_rate"] == THRESHOLDS["quotes_verbatim_rate"]


def test_no_claim_contradicting_the_checker_is_shown(gate_run):
    assert gate_run.answers["contradicted_claims_shown"] == THRESHOLDS["contradicted_claims_shown"]


def test_abstains_on_out_of_scope_questions_only(gate_run):
    a = gate_run.answers
    assert a["abstention_recall"] >= THRESHOLDS["abstention_recall"], a["abstention_counts"]
    assert a["abstention_precision"] >= THRESHOLDS["abstention_precision"], a["abstention_counts"]


def test_eligibility_verdicts(gate_run):
    wrong = [(r["id"], r["verdict_expected"], r["verdict_got"]) for r in gate_run.answer_rows
             if r.get("category") == "eligibility" and r.get("verdict_got") != r.get("verdict_expected")]
    assert gate_run.answers["verdict_accuracy"] >= THRESHOLDS["verdict_accuracy"], wrong


def test_missing_texts_are_announced(gate_run):
    assert gate_run.answers["missing_text_detection"] >= THRESHOLDS["missing_text_detection"]
