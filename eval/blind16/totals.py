"""Totals of a run of `python -m assistant.answer.evaluation eval/blind16/answers.yaml --json`.

    python -m eval.blind16.totals FILE.json

Round 13's `totals` (the figures listed in `eval/blind13/totals.py`: verdicts, false "eligible", first
words, gold, dates with `unread` apart, sources twice, doubled names, quotes not verbatim, contradicted
claims shown, longest eligibility text) on this folder's questions. Prints totals only, never a
question, needle or id; it only reads and counts.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from eval.blind13.totals import totals

QUESTIONS = Path(__file__).resolve().parent / "answers.yaml"

if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) != 1 or not Path(args[0]).is_file():
        sys.exit("usage: python -m eval.blind16.totals FILE.json")
    questions = {q["id"]: q for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))["questions"]}
    print("\n".join(totals(json.loads(Path(args[0]).read_text(encoding="utf-8")), questions)))
