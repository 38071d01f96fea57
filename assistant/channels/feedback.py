"""The feedback store: a thumbs up/down and/or a comment on one answer, kept durably.

Each `Feedback` keeps the question, the whole answer JSON (the contract's `ask` object),
its citations and verdict, the rating, the comment and a UTC timestamp. Two backends share
one interface (`FeedbackStore`): SQLite in the data dir (default, `feedback.sqlite3`, WAL,
every write committed before `add` returns) and PostgreSQL (`HDS_FEEDBACK_URL=postgresql://...`,
psycopg 3). `open_feedback_store(settings)` picks one; `export_csv` / `export_json` dump
records for review.

It does not judge answers, aggregate ratings or delete anything.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer.service import MAX_QUESTION_CHARS
from assistant.errors import BackendUnavailable, InputDataError, UsageError

MAX_COMMENT = 4000
MAX_QUESTION = MAX_QUESTION_CHARS  # the one question-length limit of every channel
EXPORT_FIELDS = ("id", "created_at", "channel", "question", "as_of", "rating", "comment",
                 "verdict", "citations", "answer")


class InvalidFeedback(InputDataError):
    """A feedback that cannot be stored as given (the message says why)."""


@dataclass(frozen=True)
class Feedback:
    """One person's opinion on one answer. `rating` is +1 (useful), -1 (not useful) or None."""
    question: str
    answer: dict
    rating: int | None = None
    comment: str | None = None
    channel: str = "web"
    created_at: str = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    id: int | None = None

    @property
    def as_of(self) -> str | None:
        return self.answer.get("as_of")

    @property
    def citations(self) -> list:
        return list(self.answer.get("citations") or [])

    @property
    def verdict(self) -> dict | None:
        return self.answer.get("verdict")

    def validated(self) -> "Feedback":
        """This feedback, with the comment trimmed; raise `InvalidFeedback` if unusable."""
        if not isinstance(self.question, str) or not self.question.strip():
            raise InvalidFeedback("a feedback needs the question it is about.")
        if len(self.question) > MAX_QUESTION:
            raise InvalidFeedback(f"the question is longer than {MAX_QUESTION} characters.")
        if not isinstance(self.answer, dict):
            raise InvalidFeedback("the answer must be the JSON object of the answer.")
        if self.rating not in (1, -1, None):
            raise InvalidFeedback("the rating must be 1 (useful), -1 (not useful) or empty.")
        comment = (self.comment or "").strip() or None
        if comment and len(comment) > MAX_COMMENT:
            raise InvalidFeedback(f"the comment is longer than {MAX_COMMENT} characters.")
        if self.rating is None and comment is None:
            raise InvalidFeedback("a feedback needs a rating or a comment.")
        return Feedback(question=self.question.strip(), answer=self.answer, rating=self.rating,
                        comment=comment, channel=self.channel, created_at=self.created_at, id=self.id)

    def to_json(self) -> dict:
        return {"id": self.id, "created_at": self.created_at, "channel": self.channel,
                "question": self.question, "as_of": self.as_of, "rating": self.rating,
                "comment": self.comment, "verdict": self.verdict, "citations": self.citations,
                "answer": self.answer}


class FeedbackStore(ABC):
    """Append-only storage of `Feedback`; `add` returns only once the record is committed."""

    @abstractmethod
    def add(self, feedback: Feedback) -> int:
        """Store one feedback; return its id."""

    @abstractmethod
    def all(self, limit: int | None = None) -> list[Feedback]:
        """Stored feedback, oldest first (the last `limit` ones when given)."""

    @abstractmethod
    def close(self) -> None:
        """Release connections; the store is unusable afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _row_to_feedback(row) -> Feedback:
    fid, created_at, channel, question, rating, comment, answer = row
    if isinstance(answer, str):
        answer = json.loads(answer)
    if isinstance(created_at, dt.datetime):
        created_at = created_at.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    return Feedback(id=int(fid), created_at=created_at, channel=channel, question=question,
                    rating=rating, comment=comment, answer=answer)


def _columns(fb: Feedback) -> tuple:
    verdict = fb.verdict
    return (fb.created_at, fb.channel, fb.question, fb.as_of, fb.rating, fb.comment,
            json.dumps(fb.answer, ensure_ascii=False), json.dumps(fb.citations, ensure_ascii=False),
            json.dumps(verdict, ensure_ascii=False) if verdict is not None else None)


_SELECT = "SELECT id, created_at, channel, question, rating, comment, answer FROM feedback"


class SqliteFeedbackStore(FeedbackStore):
    """SQLite file in WAL mode; one connection guarded by a lock (Gradio calls from threads)."""

    SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, channel TEXT NOT NULL,
        question TEXT NOT NULL, as_of TEXT, rating INTEGER, comment TEXT,
        answer TEXT NOT NULL, citations TEXT NOT NULL, verdict TEXT)"""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            self._conn.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed feedback survives a power cut, not only a crash of the process.
            self._conn.execute("PRAGMA synchronous=FULL")
            with self._conn:
                self._conn.execute(self.SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise BackendUnavailable(f"cannot open the feedback database {self.path} ({exc}).") from None

    def add(self, feedback: Feedback) -> int:
        fb = feedback.validated()
        with self._lock:
            try:
                with self._conn:  # commits on success
                    cur = self._conn.execute(
                        "INSERT INTO feedback (created_at, channel, question, as_of, rating, comment,"
                        " answer, citations, verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _columns(fb))
                return int(cur.lastrowid)
            except sqlite3.Error as exc:
                raise BackendUnavailable(f"cannot write to the feedback database {self.path} ({exc}).") from None

    def all(self, limit: int | None = None) -> list[Feedback]:
        with self._lock:
            try:
                if limit is None:
                    rows = self._conn.execute(_SELECT + " ORDER BY id").fetchall()
                else:
                    rows = self._conn.execute(_SELECT + " ORDER BY id DESC LIMIT ?", (int(limit),)).fetchall()[::-1]
            except sqlite3.Error as exc:
                raise BackendUnavailable(f"cannot read the feedback database {self.path} ({exc}).") from None
        return [_row_to_feedback(r) for r in rows]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class PostgresFeedbackStore(FeedbackStore):
    """PostgreSQL through psycopg 3; a short connection per call, so a server restart is harmless."""

    SCHEMA = """CREATE TABLE IF NOT EXISTS feedback (
        id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL, channel TEXT NOT NULL,
        question TEXT NOT NULL, as_of TEXT, rating SMALLINT, comment TEXT,
        answer JSONB NOT NULL, citations JSONB NOT NULL, verdict JSONB)"""

    def __init__(self, url: str):
        import psycopg  # only this backend needs it

        self._psycopg = psycopg
        self.url = url
        with self._connect() as conn:
            conn.execute(self.SCHEMA)

    def _connect(self):
        try:
            return self._psycopg.connect(self.url, connect_timeout=5)
        except self._psycopg.Error as exc:
            raise BackendUnavailable(f"cannot reach the PostgreSQL feedback store ({_first_line(exc)}).") from None

    def add(self, feedback: Feedback) -> int:
        fb = feedback.validated()
        try:
            with self._connect() as conn:  # commits when the block ends without error
                row = conn.execute(
                    "INSERT INTO feedback (created_at, channel, question, as_of, rating, comment,"
                    " answer, citations, verdict) VALUES (%s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb)"
                    " RETURNING id", _columns(fb)).fetchone()
            return int(row[0])
        except self._psycopg.Error as exc:
            raise BackendUnavailable(f"cannot write to the PostgreSQL feedback store ({_first_line(exc)}).") from None

    def all(self, limit: int | None = None) -> list[Feedback]:
        try:
            with self._connect() as conn:
                if limit is None:
                    rows = conn.execute(_SELECT + " ORDER BY id").fetchall()
                else:
                    rows = conn.execute(_SELECT + " ORDER BY id DESC LIMIT %s", (int(limit),)).fetchall()[::-1]
        except self._psycopg.Error as exc:
            raise BackendUnavailable(f"cannot read the PostgreSQL feedback store ({_first_line(exc)}).") from None
        return [_row_to_feedback(r) for r in rows]

    def close(self) -> None:
        """Nothing held open between calls."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def open_feedback_store(settings) -> FeedbackStore:
    """The store named by `settings.feedback_url`, else `feedback.sqlite3` in the data dir."""
    url = settings.feedback_url
    if not url:
        return SqliteFeedbackStore(Path(settings.data_dir) / "feedback.sqlite3")
    if url.startswith(("postgresql://", "postgres://")):
        return PostgresFeedbackStore(url)
    if url.startswith("sqlite:///"):
        return SqliteFeedbackStore(Path(url[len("sqlite:///"):]))
    raise UsageError("HDS_FEEDBACK_URL must start with postgresql:// or sqlite:///.")


def export_json(records: list[Feedback]) -> str:
    return json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2) + "\n"


def export_csv(records: list[Feedback]) -> str:
    """One row per feedback; nested objects (verdict, citations, answer) as JSON text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = r.to_json()
        row["verdict"] = (r.verdict or {}).get("verdict", "")
        row["citations"] = json.dumps(r.citations, ensure_ascii=False)
        row["answer"] = json.dumps(r.answer, ensure_ascii=False)
        writer.writerow(row)
    return out.getvalue()


EXPORTERS = {"csv": export_csv, "json": export_json}
