"""Whether a question's data are records that by what they are hold no health data (minutes,
budgets, published open data...), read from `record_kinds.yaml`.

Used by question understanding only when nothing else names the data's kind: the data are then
"other" (no health question asked back). It says nothing of personal data (people_data.py) nor
of sensitivity (sensitivity.py), and is never read on claims.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import phrase_alternation, tolerant_rx

_FILE = Path(__file__).with_name("record_kinds.yaml")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    return tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(raw['records'])})(?![\w-])", re.I)


def names_non_health_records(question: str) -> bool:
    """Whether the question names a kind of record that holds no health data."""
    return bool(_pattern().search(question))
