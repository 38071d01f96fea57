"""Validate the round-10 blind answer set's format and needles against the corpus, without running the system.

    python -m eval.blind10.check_needles

The answer checks of `eval.blind.check_needles` on this folder (ids `b10-*`, answers dated 2026-11-30).
Round 10 has no retrieval set, so round 3's `main` (which always checks `retrieval.yaml`) is not used.
"""
import sys
from pathlib import Path

from eval.blind.check_needles import main_answers_only

if __name__ == "__main__":
    sys.exit(main_answers_only(Path(__file__).resolve().parent, "b10-", "2026-11-30"))
