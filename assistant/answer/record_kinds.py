"""Kinds of records read from `record_kinds.yaml`: those that by what they are hold no health data
(minutes, budgets, published open data...), and those that may or may not hold some (social case
notes, reimbursements of care, appointments, sick-leave files).

Used by question understanding only when nothing else names the data's kind: records of the first
list are "other" (no health question asked back); records of the second are personal data that
may be health data, and the question is asked (or the verdict given when it is the same either
way). It says nothing of personal data otherwise (people_data.py) nor of sensitivity
(sensitivity.py), and is never read on claims.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import phrase_alternation, tolerant_rx

_FILE = Path(__file__).with_name("record_kinds.yaml")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    word = lambda words: tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(words)})(?![\w-])", re.I)  # noqa: E731
    return {"non_health": word(raw["records"]), "may_hold_health": word(raw["may_hold_health"])}


def names_non_health_records(question: str) -> bool:
    """Whether the question names a kind of record that holds no health data."""
    return bool(_patterns()["non_health"].search(question))


def may_hold_health(question: str) -> str | None:
    """The words naming a kind of record that may hold health data ("les remboursements"), or None."""
    m = _patterns()["may_hold_health"].search(question)
    return m.group(0) if m else None
