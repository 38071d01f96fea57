"""What the bench measures on: the questions (a spread sample of `eval/questions.yaml`) and
the settings of the pipeline under test (hybrid retrieval, checker, extractive composer).

The LLM option is switched off for the bench: a remote model's latency is not ours to
measure, and the extractive composer is the offline default. It does not time anything.
"""
from __future__ import annotations

import dataclasses
import datetime as dt

from assistant import config

N_QUESTIONS = 30


@dataclasses.dataclass(frozen=True)
class BenchQuestion:
    id: str
    text: str
    as_of: dt.date | None


def questions(n: int = N_QUESTIONS) -> list[BenchQuestion]:
    """`n` questions spread evenly over the eval set (every category and language)."""
    from eval.questions import load_questions

    found = load_questions()
    step = max(1, len(found) // n)
    picked = found[::step][:n]
    return [BenchQuestion(q.id, q.question, q.as_of) for q in picked]


def pipeline_settings(base: config.Settings | None = None) -> config.Settings:
    """The settings of the measured pipeline: the environment's, with hybrid retrieval, no LLM."""
    base = base or config.settings()
    return dataclasses.replace(base, retrieval="hybrid", llm=None)
