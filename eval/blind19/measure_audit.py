"""Measure the claim extractor on round 21's (blind19) blind audit sentences, printing totals only.

    python -m eval.blind19.measure_audit [DIR]   # default: tests/cases/extractor/blind19

Round 13's measure (`eval.blind13.measure_audit.main`, the test part's rule, eight lines of totals) on
this round's folder; round 13's `--rows` option is not passed on, so no sentence is ever printed.
"""
import sys

from eval.blind.measure_audit import DEFAULT_DIR
from eval.blind13.measure_audit import main as measure

if __name__ == "__main__":
    folders = [a for a in sys.argv[1:] if not a.startswith("--")]
    sys.exit(measure(folders[:1] or [str(DEFAULT_DIR.parent / "blind19")]))
