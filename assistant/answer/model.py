"""`Answer`: what `AnswerService.ask()` returns, and its JSON (the contract's `ask` object).

Extra keys beyond the contract: `short_answer` (the first line, plain text), `language`,
`notices` (list of `{kind, text}`; the kinds `AnswerService.ask` writes: `assumption` (a date,
a data kind or a cut question it assumed), `not_understood`, `registry`, `missing_text`,
`abstention`, `llm_fallback`, `llm_markers`, `withheld_claim`) and `understood` (the checker
query the question was mapped to, when it was an eligibility question).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant.domain import Citation


@dataclass
class Notice:
    kind: str
    text: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass
class GatedClaim:
    text: str
    provider: str | None
    offer: str | None
    data: list[str]
    customer: str | None
    stated: str
    verdict: str
    action: str  # shown | corrected | withheld
    as_of: str | None = None
    reason: str | None = None

    def to_json(self) -> dict:
        return {"text": self.text, "provider": self.provider, "offer": self.offer, "data": list(self.data),
                "customer": self.customer, "stated": self.stated, "verdict": self.verdict,
                "action": self.action, "as_of": self.as_of, "reason": self.reason}


@dataclass
class Answer:
    question: str
    as_of: str
    answer: str
    short_answer: str
    language: str
    abstained: bool = False
    citations: list[Citation] = field(default_factory=list)
    claims: list[GatedClaim] = field(default_factory=list)
    verdict: dict | None = None
    notices: list[Notice] = field(default_factory=list)
    understood: dict | None = None
    timings_ms: dict = field(default_factory=dict)
    answerer: str = "extractive"
    verdicts: list[dict] = field(default_factory=list)  # one per provider named; `verdict` is the first

    def to_json(self) -> dict:
        return {
            "question": self.question, "as_of": self.as_of, "answer": self.answer,
            "short_answer": self.short_answer, "language": self.language,
            "abstained": self.abstained,
            "citations": [c.to_json() for c in self.citations],
            "claims": [c.to_json() for c in self.claims],
            "verdict": self.verdict,
            "verdicts": list(self.verdicts) if self.verdicts else ([self.verdict] if self.verdict else []),
            "notices": [n.to_json() for n in self.notices],
            "understood": self.understood,
            "answerer": self.answerer,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
