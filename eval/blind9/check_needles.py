"""Validate the round-9 blind answer set's format and needles against the corpus, without running the system.

    python -m eval.blind9.check_needles

The answer checks of `eval.blind.check_needles` on this folder (ids `b9-*`, answers dated 2026-11-30).
Round 9 has no retrieval set, so round 3's `main` (which always checks `retrieval.yaml`) is not used:
this wrapper loads the documents and calls its `check_answers` only.
"""
import sys
from pathlib import Path

import yaml

from assistant.config import settings
from eval.blind.check_needles import check_answers
from ingest.documents import documents_by_id

HERE = Path(__file__).resolve().parent
PREFIX = "b9-"


def main() -> int:
    """Print the answer set's counts and every problem; 1 when there is one."""
    raw_ids = yaml.safe_load((HERE / "answers.yaml").read_text(encoding="utf-8"))["questions"]
    problems = [f"{q.get('id')}: not a {PREFIX}* id" for q in raw_ids if not str(q.get("id", "")).startswith(PREFIX)]
    problems += check_answers(documents_by_id(settings().corpus_dir), HERE, today="2026-11-30")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
