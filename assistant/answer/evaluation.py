"""Answer-level measures on a question file (e.g. `eval/answer-test.yaml`), for the eval harness.

`measure(path, service=None)` asks every question and returns plain figures: gold passage in
the answer, verdict accuracy (first provider and every provider), first-word accuracy
(Oui / Non / Ça dependent on the verdict; `expected: wh` for a question asking when / which / who:
no yes/no word may open the answer, and it must not abstain), date understood (`date: unread`: the answer says the
question's date is not understood), false "eligible", a source listed
twice, a doubled name, quotes not verbatim; plus one row per question. It decides nothing
about the answers: it compares them with the file's expectations.

    python -m assistant.answer.evaluation eval/answer-test.yaml [--json]
"""
from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import yaml

# The words a yes/no answer opens with (render.ANSWER_WORDS), which a wh-question's answer never does.
_YES_NO_WORD = re.compile(r"\s*(?:Oui|Non|Ça\s+dépend|Yes|No|It\s+depends)\b", re.I)
_DOUBLED = re.compile(r"\b(\w[\w ]{2,30}?) \1\b")


def _own_words(text: str) -> str:
    """The answer's own text before its sources, without the quoted lines ("> « … »") nor a quote
    inside a line (round 14: a "closest passage" short answer quotes « … » inline): a document's
    words ("au cas par cas par l'administrateur") are not a name the answer doubled."""
    own = "\n".join(line for line in text.split("\n**Sources")[0].split("\n") if not line.startswith(">"))
    return re.sub(r"«[^»]*»", " ", own)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


_CHUNKS: dict[str, list] = {}


def _section_of(doc, start: int, end: int) -> tuple[str, str] | None:
    """(doc_id, the document's own section holding the quote, refined by its numbered point): a
    source is listed twice when two citations fall in one such section, whatever their labels."""
    from assistant.answer.points import unit_section
    from ingest.chunking import chunk_document

    chunks = _CHUNKS.setdefault(doc.doc_id, chunk_document(doc))
    best = max(chunks, key=lambda k: min(end, k.end) - max(start, k.start), default=None)
    if best is None or min(end, best.end) <= max(start, best.start) or not best.section:
        return None
    return (doc.doc_id, unit_section(doc.text, start, best.section))


def _row(q: dict, answer, documents: dict) -> dict:
    data = answer.to_json()
    text = data["answer"]
    cites = data["citations"]
    haystack = _fold(" ".join([text] + [c["quote"] for c in cites]))
    verdicts = [v["verdict"] for v in data.get("verdicts") or []]
    keys = [_section_of(documents[c["doc_id"]], c["start"], c["end"]) or (c["doc_id"], c.get("section") or "")
            for c in cites]
    first = re.split(r"[—.(]", data["short_answer"])[0].strip()  # "Non (non éligible) — …" -> "Non"
    row = {"id": q["id"], "lang": q["lang"], "verdicts_got": verdicts, "first_word": first,
           "as_of": data["as_of"], "abstained": data["abstained"],
           "gold_in_answer": any(_fold(g) in haystack for g in q["gold"]) if q.get("gold") else None,
           "source_twice": len(keys) != len(set(keys)),
           "doubled_name": bool(_DOUBLED.search(re.sub(r"[*_>«»\[\]]", " ", _own_words(text)))),
           "not_verbatim": sum(1 for c in cites if documents[c["doc_id"]].text[c["start"]:c["end"]] != c["quote"]),
           "before_quotes_chars": len(re.split(r"\n\*\*(?:Passages pertinents|Relevant passages)\*\*", text)[0]),
           "contradicted_shown": sum(1 for c in data["claims"] if c["action"] == "shown" and c["stated"] != c["verdict"])}
    expected = q.get("verdicts") or ([q["verdict"]] if q.get("verdict") else [])
    if expected:
        row["verdict_right"] = bool(verdicts) and verdicts[0] == expected[0]
        row["all_verdicts_right"] = verdicts[:len(expected)] == expected
        row["false_eligible"] = any(g == "eligible" and e != "eligible" for g, e in zip(verdicts, expected))
    if str(q.get("expected")) == "wh":  # a question asking when / which / who opens with its answer
        row["first_word_right"] = not data["abstained"] and not _YES_NO_WORD.match(data["short_answer"])
    elif q.get("expected"):
        row["first_word_right"] = first.casefold() == str(q["expected"]).casefold()
    if str(q.get("date")) == "unread":  # time words the data do not know: the answer must say so
        row["date_right"] = any(n["kind"] == "not_understood" and ("date" in n["text"]) for n in data["notices"])
    elif q.get("date"):
        row["date_right"] = data["as_of"] == str(q["date"])
    return row


def _rate(rows: list[dict], key: str) -> float | None:
    values = [r[key] for r in rows if r.get(key) is not None]
    return round(sum(1 for v in values if v) / len(values), 3) if values else None


def measure(path: str | Path, service=None) -> dict:
    """Figures and rows for the question file at `path` (see the module docstring)."""
    from assistant.answer.service import AnswerService

    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    today = raw.get("today")
    service = service or AnswerService()
    if today:  # questions without a date are asked on the file's "today"
        service.settings = dataclasses.replace(service.settings, today_override=str(today))
    documents = {d.doc_id: d for d in service.documents()}
    rows = [_row(q, service.ask(q["question"]), documents) for q in raw["questions"]]
    n = lambda key: sum(1 for r in rows if r.get(key) is not None)  # noqa: E731
    return {
        "questions": len(rows),
        "gold_in_answer_rate": _rate(rows, "gold_in_answer"), "gold_n": n("gold_in_answer"),
        "verdict_accuracy": _rate(rows, "verdict_right"), "verdict_n": n("verdict_right"),
        "all_providers_verdict_accuracy": _rate(rows, "all_verdicts_right"),
        "first_word_accuracy": _rate(rows, "first_word_right"), "first_word_n": n("first_word_right"),
        "date_accuracy": _rate(rows, "date_right"), "date_n": n("date_right"),
        "false_eligible": sum(1 for r in rows if r.get("false_eligible")),
        "source_listed_twice": sum(1 for r in rows if r["source_twice"]),
        "doubled_names": sum(1 for r in rows if r["doubled_name"]),
        "quotes_not_verbatim": sum(r["not_verbatim"] for r in rows),
        "contradicted_claims_shown": sum(r["contradicted_shown"] for r in rows),
        "eligibility_text_before_quotes_max": max((r["before_quotes_chars"] for r in rows if r["verdicts_got"]), default=None),
        "rows": rows,
    }


def main(argv: list[str]) -> int:
    files = [a for a in argv if not a.startswith("-")]
    if len(files) != 1 or any(a not in ("--json",) for a in argv if a.startswith("-")):
        print("usage: python -m assistant.answer.evaluation QUESTIONS.yaml [--json]", file=sys.stderr)
        return 2
    if not Path(files[0]).is_file():
        print(f"evaluation: no such question file: {files[0]}", file=sys.stderr)
        return 2
    result = measure(files[0])
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        for key, value in result.items():
            if key != "rows":
                print(f"{key}: {value}")
        for r in result["rows"]:
            bad = [k for k in ("verdict_right", "first_word_right", "date_right", "gold_in_answer") if r.get(k) is False]
            if bad or r["source_twice"] or r["doubled_name"] or r.get("false_eligible"):
                print(f"  {r['id']}: {', '.join(bad)} got={r['verdicts_got']} first={r['first_word']!r} as_of={r['as_of']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
