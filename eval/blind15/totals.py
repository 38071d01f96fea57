"""Totals of a run of `python -m assistant.answer.evaluation eval/blind15/answers.yaml --json`.

    python -m eval.blind15.totals FILE.json

Prints only totals (never a question, a needle or a row's id), with round 13's `totals` function
(verdicts right / total per language, first offer and every offer, false "eligible", first words,
gold passage in the answer, dates right with dated and `unread` apart, sources listed twice, doubled
names, quotes not verbatim, contradicted claims shown, the longest eligibility text before the quotes;
"not in JSON" for a figure the JSON does not carry). The kind of date of each row is read from the
question file beside this module (matched by id, never printed). This module only reads and counts.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from eval.blind13.totals import totals

QUESTIONS = Path(__file__).resolve().parent / "answers.yaml"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m eval.blind15.totals FILE.json", file=sys.stderr)
        return 2
    result = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    raw = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    print("\n".join(totals(result, {q["id"]: q for q in raw["questions"]})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
