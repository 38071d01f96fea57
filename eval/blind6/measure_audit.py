"""Measure the claim extractor on round 6's blind audit sentences.

    python -m eval.blind6.measure_audit [DIR]     # default: tests/cases/extractor/blind6

The measure of `eval.blind.measure_audit` (the test part's rule, found / spurious claims, clause
spans) on this round's folder.
"""
import sys
from pathlib import Path

from eval.blind.measure_audit import main

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "tests" / "cases" / "extractor" / "blind6"

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or [str(DEFAULT_DIR)]))
