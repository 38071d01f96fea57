"""Validate the blind sets' format and needles against the corpus, without running the system.

    python -m eval.blind.check_needles        # round 3's sets; eval.blind4.check_needles for round 4's

- `retrieval.yaml`: loaded by `eval.questions.load_questions` with the corpus (schema, needle
  length, needle verbatim in `Document.text`); then each needle's number of occurrences in its
  document (1 is best) and the counts per language and per document are printed.
- `answers.yaml`: keys and values of the schema read by `assistant.answer.evaluation`, and each
  `gold` string verbatim in at least one document.

It loads documents and YAML only: no retrieval, no answer, no checker.
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

from assistant.config import settings
from eval.questions import load_questions
from ingest.documents import documents_by_id

HERE = Path(__file__).resolve().parent
ANSWER_KEYS = {"id", "lang", "question", "verdict", "verdicts", "expected", "gold", "date"}
VERDICTS = {"eligible", "not_eligible", "undetermined", "not_applicable"}
FIRST_WORDS = {"fr": {"Oui", "Non", "Ça dépend"}, "en": {"Yes", "No", "It depends"}}


def check_retrieval(documents: dict, folder: Path = HERE, prefix: str = "b-") -> list[str]:
    problems = []
    questions = load_questions(folder / "retrieval.yaml", documents)
    for q in questions:
        if q.split != "test" or not q.id.startswith(prefix):
            problems.append(f"{q.id}: not a {prefix}* test question")
        for g in q.gold:
            n = documents[g.doc_id].text.count(g.needle)
            if n != 1:
                print(f"  note {q.id}: needle found {n} times in {g.doc_id}")
    print(f"retrieval: {len(questions)} questions; languages {dict(collections.Counter(q.lang for q in questions))}")
    per_doc = collections.Counter(q.gold[0].doc_id for q in questions)
    missing = sorted(set(documents) - set(per_doc) - {g.doc_id for q in questions for g in q.gold})
    print(f"  per document (first gold): {dict(sorted(per_doc.items()))}")
    print(f"  documents without a question: {missing}")
    return problems


def check_answers(documents: dict, folder: Path = HERE, today: str = "2026-11-29") -> list[str]:
    problems = []
    raw = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))
    if str(raw.get("today")) != today:
        problems.append(f"answers: today is not {today}")
    seen = set()
    for q in raw["questions"]:
        qid = q.get("id")
        if qid in seen:
            problems.append(f"{qid}: id used twice")
        seen.add(qid)
        if set(q) - ANSWER_KEYS:
            problems.append(f"{qid}: unknown keys {set(q) - ANSWER_KEYS}")
        if q.get("lang") not in FIRST_WORDS:
            problems.append(f"{qid}: lang")
        if q.get("verdict") and q["verdict"] not in VERDICTS:
            problems.append(f"{qid}: verdict {q['verdict']}")
        if any(v not in VERDICTS for v in q.get("verdicts") or []):
            problems.append(f"{qid}: verdicts {q['verdicts']}")
        if q.get("expected") and str(q["expected"]) not in FIRST_WORDS[q["lang"]]:
            problems.append(f"{qid}: expected {q['expected']!r}")
        for g in q.get("gold") or []:
            if not any(g in d.text for d in documents.values()):
                problems.append(f"{qid}: gold {g[:50]!r} not verbatim in any document")
        if not (q.get("verdict") or q.get("verdicts") or q.get("expected") or q.get("gold") or q.get("date")):
            problems.append(f"{qid}: no expectation at all")
    qs = raw["questions"]
    print(f"answers: {len(qs)} questions; languages {dict(collections.Counter(q['lang'] for q in qs))}; "
          f"verdicts {dict(collections.Counter(q.get('verdict') or (q.get('verdicts') or [None])[0] for q in qs))}")
    return problems


def main(folder: Path = HERE, prefix: str = "b-", today: str = "2026-11-29") -> int:
    """Check the sets of one round's folder: its ids start with `prefix`, its answers' `today`."""
    documents = documents_by_id(settings().corpus_dir)
    problems = check_retrieval(documents, folder, prefix)
    if (folder / "answers.yaml").exists():
        problems += check_answers(documents, folder, today)
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


def main_answers_only(folder: Path, prefix: str, today: str) -> int:
    """Check a round with no retrieval set (rounds 8 and 9): every answer id starts with `prefix`,
    and the answers' checks of `check_answers`."""
    raw = yaml.safe_load((folder / "answers.yaml").read_text(encoding="utf-8"))["questions"]
    problems = [f"{q.get('id')}: not a {prefix}* id" for q in raw if not str(q.get("id", "")).startswith(prefix)]
    problems += check_answers(documents_by_id(settings().corpus_dir), folder, today=today)
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
