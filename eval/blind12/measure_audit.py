"""Measure the claim extractor on round 12's blind audit sentences.

    python -m eval.blind12.measure_audit [DIR]     # default: tests/cases/extractor/blind12

The measure of `eval.blind.measure_audit` (the test part's rule, found / spurious claims, clause
spans) on this round's folder.
"""
from eval.blind.measure_audit import main_for

if __name__ == "__main__":
    raise SystemExit(main_for("blind12"))
