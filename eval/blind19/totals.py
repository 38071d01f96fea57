"""Totals of a run of `python -m assistant.answer.evaluation eval/blind19/answers.yaml --json`.

    python -m eval.blind19.totals FILE.json

Round 13's `main` (the figures listed in `eval/blind13/totals.py`: verdicts, false "eligible", first
words, gold, dates with `unread` apart, sources twice, doubled names, quotes not verbatim, contradicted
claims shown, longest eligibility text), pointed at this folder's questions. Prints totals only, never a
question, needle or id; it only reads and counts. (Its usage line names round 13's module.)
"""
import sys
from pathlib import Path

import eval.blind13.totals as round13

if __name__ == "__main__":
    round13.QUESTIONS = Path(__file__).resolve().parent / "answers.yaml"
    sys.exit(round13.main(sys.argv[1:]))
