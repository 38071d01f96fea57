"""Measure the claim extractor (`audit`'s first step) on a folder of sentence cases.

    python -m eval.blind.measure_audit [DIR]     # default: tests/cases/extractor/blind

A sentence is right under the rule of the extractor's test part (tests/test_extractor_cases.py,
`test_held_out_prose_part`): its claims are exactly the expected (provider, polarity) pairs, each
with the expected offer / customer where given, and every claim's span is verbatim in the text;
a claim on a question, conditional, hedge or plain fact makes it wrong. Also printed: the share of
expected claims found, spurious claims, and for expectations carrying `span`, whether the claim's
span contains those words (one clause per claim). Figures per kind and per language, then the
sentences read wrongly (a set's tune / test halves are its `part` or `split` field). A span is checked against the claim's own clause (`clause_start` /
`clause_end`). This module only measures; the thresholds are the issue's (>= 0.9).
"""
from __future__ import annotations

import collections
import datetime as dt
import sys
from pathlib import Path

import yaml

from assistant.checker import extract_claims

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "cases" / "extractor" / "blind"
AS_OF = dt.date(2022, 1, 1)  # the date the extractor's own tests read their sentences on


def load_cases(folder: Path) -> list[dict]:
    return [c for p in sorted(Path(folder).glob("*.yaml")) for c in yaml.safe_load(p.read_text(encoding="utf-8"))]


def _matches(claim, expected: dict) -> bool:
    return (claim.provider == expected["provider"] and claim.stated == expected["stated"]
            and all(getattr(claim, k) == expected[k] for k in ("offer", "customer") if k in expected))


def _clause(text: str, claim) -> str:
    """The claim's own clause (its sentence when the extractor gives no clause)."""
    return text[claim.clause_start:claim.clause_end] if claim.clause_start is not None else claim.text


def judge(case: dict, extract=extract_claims) -> dict:
    """How the extractor reads one case: right (test-part rule), found, spurious, span checks
    (`extract`: the reader, `extract_claims` unless a fit's cross-validation passes another)."""
    claims = extract(case["text"], as_of=AS_OF)
    expected = case["claims"]
    pairs_equal = sorted((c.provider, c.stated) for c in claims) == sorted((e["provider"], e["stated"]) for e in expected)
    verbatim = all(case["text"][c.start:c.end] == c.text for c in claims)
    right = pairs_equal and verbatim and all(any(_matches(c, e) for c in claims) for e in expected)
    spans = [any(_matches(c, e) and e["span"] in _clause(case["text"], c) for c in claims) for e in expected if "span" in e]
    return {"right": right, "found": sum(any(_matches(c, e) for c in claims) for e in expected),
            "expected": len(expected),
            "spurious": max(0, len(claims) - sum(any(_matches(c, e) for e in expected) for c in claims)),
            "spans_right": sum(spans), "spans": len(spans),
            "got": [(c.provider, c.offer, c.stated, c.customer, c.text) for c in claims]}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_DIR
    cases = load_cases(folder)
    if not cases:
        print(f"no sentence cases in {folder}", file=sys.stderr)
        return 2
    rows = [(c, judge(c)) for c in cases]
    total = lambda key: sum(r[key] for _, r in rows)  # noqa: E731
    right = sum(r["right"] for _, r in rows)
    print(f"{folder}: {right}/{len(rows)} sentences right ({right / len(rows):.3f}); expected claims found "
          f"{total('found')}/{total('expected')}; spurious claims {total('spurious')}; "
          f"clause spans {total('spans_right')}/{total('spans')}")
    for key in ("kind", "lang", "part", "split"):
        if key in ("part", "split") and not any(key in c for c in cases):
            continue
        groups = collections.defaultdict(list)
        for c, r in rows:
            groups[c.get(key, "?")].append(r["right"])
        print(f"  per {key}: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(groups.items())))
    for c, r in rows:
        if not r["right"]:
            print(f"  WRONG [{c['kind']}] {c['text']}\n        got {r['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


def main_for(folder_name: str) -> int:
    """`main` on `tests/cases/extractor/<folder_name>` (a round's blind folder) unless the command
    line names another folder: what each round's `eval.blindN.measure_audit` runs."""
    return main(sys.argv[1:] or [str(DEFAULT_DIR.parent / folder_name)])

