"""Totals of a run of `python -m assistant.answer.evaluation eval/blind14/answers.yaml --json`.

    python -m eval.blind14.totals FILE.json

Prints only totals (never a question, a needle or a row's id): verdicts right / total (all, fr, en;
first offer and every offer), false "eligible", first word right / total, gold passage in the answer,
dates right (dated and `unread` apart), sources listed twice, doubled names, quotes not verbatim,
contradicted claims shown, the longest eligibility text before the quotes. A figure the JSON does not
carry is printed as "not in JSON". The language and the kind of date of each row are read from the row
(`lang`) and, for dates, from the question file beside this module (matched by id, never printed).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

QUESTIONS = Path(__file__).resolve().parent / "answers.yaml"
MISSING = "not in JSON"


def _ratio(rows: list[dict], key: str) -> str:
    """`right/total` of the rows carrying `key`, per language, or MISSING when no row has the field."""
    if not rows or not any(key in r for r in rows):
        return MISSING
    out = []
    for lang in (None, "fr", "en"):
        values = [r[key] for r in rows if r.get(key) is not None and (lang is None or r.get("lang") == lang)]
        part = f"{sum(1 for v in values if v)}/{len(values)}"
        out.append(part if lang is None else f"{lang} {part}")
    return f"{out[0]} ({', '.join(out[1:])})"


def _count(rows: list[dict], key: str, summed: bool = False) -> str:
    if not rows or not all(key in r for r in rows):
        return MISSING
    return str(sum((r[key] or 0) if summed else bool(r[key]) for r in rows))


def totals(result: dict, questions: dict[str, dict]) -> list[str]:
    rows = result.get("rows") or []
    unread = {qid for qid, q in questions.items() if str(q.get("date")) == "unread"}
    dated = [r for r in rows if r.get("id") not in unread]
    undated = [r for r in rows if r.get("id") in unread]
    longest = result.get("eligibility_text_before_quotes_max", MISSING)
    return [
        f"questions: {result.get('questions', MISSING)}",
        f"verdict right, first offer: {_ratio(rows, 'verdict_right')}",
        f"verdict right, every offer: {_ratio(rows, 'all_verdicts_right')}",
        f"false eligible: {result['false_eligible'] if 'false_eligible' in result else MISSING}",
        f"first word right: {_ratio(rows, 'first_word_right')}",
        f"gold passage in the answer: {_ratio(rows, 'gold_in_answer')}",
        f"dates right: {_ratio(rows, 'date_right')}; dated {_ratio(dated, 'date_right')}; "
        f"not datable, said not understood {_ratio(undated, 'date_right')}",
        f"a source listed twice: {_count(rows, 'source_twice')} questions",
        f"doubled names: {_count(rows, 'doubled_name')} questions",
        f"quotes not verbatim: {_count(rows, 'not_verbatim', summed=True)}",
        f"contradicted claims shown: {_count(rows, 'contradicted_shown', summed=True)}",
        f"longest eligibility text before the quotes: {longest if longest is not None else MISSING} characters",
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m eval.blind14.totals FILE.json", file=sys.stderr)
        return 2
    result = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    raw = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    questions = {q["id"]: q for q in raw["questions"]}
    print("\n".join(totals(result, questions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
