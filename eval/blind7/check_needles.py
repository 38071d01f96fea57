"""Validate the round-7 blind sets' format and needles against the corpus, without running the system.

    python -m eval.blind7.check_needles

The checks of `eval.blind.check_needles` on this folder: ids `b7-*`, answers dated 2026-11-30.
"""
import sys
from pathlib import Path

from eval.blind.check_needles import main

if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent, prefix="b7-", today="2026-11-30"))
