"""Measure the claim extractor on round 15's blind audit sentences, printing totals only.

    python -m eval.blind15.measure_audit [DIR]   # default: tests/cases/extractor/blind15

Round 13's measure (`eval.blind13.measure_audit.main`: each sentence judged by
`eval.blind.measure_audit.judge`, the test part's rule: exactly the expected (provider, polarity)
pairs, expected offer / customer where given, spans verbatim; found / spurious claims; clause spans)
on this round's folder. Totals only: eight lines, never a sentence; round 13's `--rows` option is not
passed on, so that the figures can be kept in the README without showing the set. This module only
measures.
"""
from __future__ import annotations

import sys

from eval.blind.measure_audit import DEFAULT_DIR
from eval.blind13.measure_audit import main as measure


def main(argv: list[str]) -> int:
    folders = [a for a in argv if not a.startswith("--")]
    return measure(folders[:1] or [str(DEFAULT_DIR.parent / "blind15")])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
