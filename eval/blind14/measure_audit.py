"""Measure the claim extractor on round 14's blind audit sentences, printing totals only.

    python -m eval.blind14.measure_audit [DIR]   # default: tests/cases/extractor/blind14

Each sentence is judged by `eval.blind.measure_audit.judge` (the test part's rule: exactly the expected
(provider, polarity) pairs, expected offer / customer where given, spans verbatim; found / spurious
claims; clause spans). Totals only: it prints eight lines of totals and never a sentence, so that the
figures can be kept in the README without showing the set (round 13's `--rows` is dropped: the lead
reads rows, if ever, only once the set is spent, with `eval.blind.measure_audit`). This module only
measures.
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

from eval.blind.measure_audit import DEFAULT_DIR, judge, load_cases


def main(argv: list[str]) -> int:
    folders = [a for a in argv if not a.startswith("--")]
    folder = Path(folders[0]) if folders else DEFAULT_DIR.parent / "blind14"
    cases = load_cases(folder)
    if not cases:
        print(f"no sentence cases in {folder}", file=sys.stderr)
        return 2
    rows = [(c, judge(c)) for c in cases]
    total = lambda key: sum(r[key] for _, r in rows)  # noqa: E731
    right = total("right")
    groups = {key: collections.defaultdict(list) for key in ("kind", "lang")}
    for c, r in rows:
        for key in groups:
            groups[key][c.get(key, "?")].append(r["right"])
    claimed = [r["right"] for c, r in rows if c["claims"]]
    bare = [r["right"] for c, r in rows if not c["claims"]]
    print(f"{folder.name}: {len(rows)} sentences")
    for key, g in groups.items():
        print(f"  per {key}: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(g.items())))
    print(f"  sentences with a claim right: {sum(claimed)}/{len(claimed)}; without a claim right: {sum(bare)}/{len(bare)}")
    print(f"  expected claims found: {total('found')}/{total('expected')}")
    print(f"  spurious claims: {total('spurious')}")
    print(f"  clause spans: {total('spans_right')}/{total('spans')}")
    print(f"  sentences right: {right}/{len(rows)} ({right / len(rows):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
