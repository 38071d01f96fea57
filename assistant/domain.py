"""Domain objects shared by every stage: `Passage` (a located piece of a corpus text) and
`Citation` (a numbered, verbatim quote shown in an answer).

They carry data only; retrieval, checking and composing live elsewhere.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Passage:
    """A chunk of a document: `document.text[start:end] == text`."""
    doc_id: str
    title: str
    section: str
    text: str
    start: int
    end: int
    score: float = 0.0
    kind: str = ""
    date: str = ""
    url: str | None = None
    completeness: str = "full"
    confidence: str = "official"   # official / press / secondary / draft: the document's sidecar value

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.start}-{self.end}"

    def to_json(self, rank: int) -> dict:
        """The contract's `retrieve` passage object."""
        return {"rank": rank, "doc_id": self.doc_id, "title": self.title, "section": self.section,
                "text": self.text, "start": self.start, "end": self.end,
                "score": round(float(self.score), 6), "kind": self.kind, "date": self.date,
                "url": self.url, "completeness": self.completeness, "confidence": self.confidence}

    def with_score(self, score: float) -> "Passage":
        return replace(self, score=score)


@dataclass(frozen=True)
class Citation:
    """A numbered quote: `document.text[start:end] == quote`."""
    n: int
    doc_id: str
    title: str
    section: str
    quote: str
    start: int
    end: int
    url: str | None = None
    date: str = ""
    completeness: str = "full"
    note: str | None = None
    confidence: str = "official"   # a `press` quote is never the official wording: see wording.confidence_label

    def to_json(self) -> dict:
        return asdict(self)
