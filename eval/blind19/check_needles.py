"""Validate the round-21 blind answer set's format and needles against the corpus, without running the system.

    python -m eval.blind19.check_needles

The answer checks of `eval.blind.check_needles` on this folder (ids `b19-*`, answers dated 2026-12-03):
keys, languages, verdict names, first words, every `gold` string verbatim in a document.
Round 21 (blind19) has no retrieval set, so round 3's `main` (which always checks `retrieval.yaml`) is not used.
"""
import sys
from pathlib import Path

from eval.blind.check_needles import main_answers_only

if __name__ == "__main__":
    sys.exit(main_answers_only(Path(__file__).resolve().parent, "b19-", "2026-12-03"))
