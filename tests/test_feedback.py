"""The feedback store, parametrised over both backends (SQLite file, real PostgreSQL), its
factory, its exports and the `hds-assistant feedback export` command.

PostgreSQL comes from `HDS_TEST_PG_URL` (started by scripts/run-tests.sh); each run gets
its own fresh database. Without it the PostgreSQL cases fail under CI and skip elsewhere.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace

import pytest
from support.servers import fresh_pg_database, server_url

from assistant.channels.feedback import (Feedback, InvalidFeedback, PostgresFeedbackStore, SqliteFeedbackStore,
                                         export_csv, export_json, open_feedback_store)
from assistant.cli import main
from assistant.config import Settings
from assistant.errors import BackendUnavailable, UsageError

ANSWER = {
    "question": "Azure peut-il héberger les données de santé du Health Data Hub ?",
    "as_of": "2021-09-28", "answer": "**Non (non éligible)** — Microsoft Azure [1]", "abstained": False,
    "short_answer": "Non (non éligible) — Microsoft Azure", "language": "fr", "notices": [],
    "citations": [{"n": 1, "doc_id": "doctrine-cloud-au-centre-2021", "title": "Doctrine", "section": "R9",
                   "quote": "« d'une sensibilité particulière »", "start": 10, "end": 44, "url": None}],
    "claims": [], "verdict": {"verdict": "not_eligible", "provider": "Microsoft", "offer": "Azure",
                              "data": ["health"], "customer": "state_operator", "as_of": "2021-09-28", "rules": []},
    "timings_ms": {"retrieve": 1.0, "compose": 1.0, "check": 1.0},
}


@pytest.fixture(scope="module")
def pg_database():
    """A fresh PostgreSQL database for this module, dropped at the end; yields its URL."""
    with fresh_pg_database(server_url("pg"), prefix="hds_feedback") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_factory(request, tmp_path):
    """A function opening the store again on the same storage (to check reopening), per backend."""
    if request.param == "sqlite":
        path = tmp_path / "feedback.sqlite3"
        return lambda: SqliteFeedbackStore(path)
    db_url = request.getfixturevalue("pg_database")
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:  # tests of one module share the database
        conn.execute("DROP TABLE IF EXISTS feedback")
    return lambda: PostgresFeedbackStore(db_url)


def test_a_feedback_round_trips_with_its_answer_citations_and_verdict(store_factory):
    with store_factory() as store:
        first = store.add(Feedback(question=ANSWER["question"], answer=ANSWER, rating=-1,
                                   comment="  La réponse oublie la dérogation R9.  "))
        second = store.add(Feedback(question="Et OVHcloud ?", answer={**ANSWER, "verdict": None}, rating=1))
    assert second > first
    with store_factory() as reopened:  # a new connection reads what the first one committed
        records = reopened.all()
    assert [r.id for r in records] == [first, second]
    got = records[0]
    assert got.question == ANSWER["question"]
    assert got.rating == -1 and got.comment == "La réponse oublie la dérogation R9."
    assert got.answer == ANSWER
    assert got.citations == ANSWER["citations"] and got.verdict["verdict"] == "not_eligible"
    assert got.as_of == "2021-09-28" and got.channel == "web"
    assert got.created_at[:4].isdigit() and got.created_at.endswith("+00:00")
    assert records[1].verdict is None and records[1].comment is None


def test_all_with_a_limit_returns_the_latest_oldest_first(store_factory):
    with store_factory() as store:
        ids = [store.add(Feedback(question=f"q{i}", answer=ANSWER, rating=1)) for i in range(4)]
        assert [r.id for r in store.all(limit=2)] == ids[2:]


@pytest.mark.parametrize("bad, reason", [
    (dict(rating=None, comment="   "), "a rating or a comment"),
    (dict(rating=5), "rating must be"),
    (dict(question=" "), "needs the question"),
    (dict(comment="x" * 4001), "longer than 4000"),
    (dict(answer="not a dict"), "JSON object of the answer"),
])
def test_unusable_feedback_is_refused_with_a_reason_and_nothing_is_stored(store_factory, bad, reason):
    good = Feedback(question="q", answer=ANSWER, rating=1)
    with store_factory() as store:
        with pytest.raises(InvalidFeedback, match=reason):
            store.add(replace(good, **bad))
        assert store.all() == []


def test_sqlite_store_is_in_wal_mode_and_committed_before_add_returns(tmp_path):
    path = tmp_path / "feedback.sqlite3"
    with SqliteFeedbackStore(path) as store:
        fid = store.add(Feedback(question="q", answer=ANSWER, comment="noté"))
        # Another connection, while the store is still open, already sees the row.
        other = sqlite3.connect(path)
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("SELECT comment FROM feedback WHERE id = ?", (fid,)).fetchone() == ("noté",)
        other.close()


def test_factory_picks_sqlite_in_the_data_dir_or_the_url(tmp_path):
    with open_feedback_store(Settings(data_dir=tmp_path, feedback_url=None)) as store:
        assert isinstance(store, SqliteFeedbackStore)
        assert store.path == tmp_path / "feedback.sqlite3"
    with open_feedback_store(Settings(data_dir=tmp_path, feedback_url=f"sqlite:///{tmp_path}/other.db")) as store:
        assert store.path == tmp_path / "other.db"
    with pytest.raises(UsageError, match="HDS_FEEDBACK_URL"):
        open_feedback_store(Settings(data_dir=tmp_path, feedback_url="mysql://x"))


def test_factory_opens_postgresql_from_the_url(pg_database, tmp_path):
    with open_feedback_store(Settings(data_dir=tmp_path, feedback_url=pg_database)) as store:
        assert isinstance(store, PostgresFeedbackStore)
        fid = store.add(Feedback(question="q", answer=ANSWER, rating=1))
        assert fid in [r.id for r in store.all()]


def test_an_unreachable_postgresql_is_one_clear_error(tmp_path):
    with pytest.raises(BackendUnavailable, match="cannot reach the PostgreSQL feedback store"):
        PostgresFeedbackStore("postgresql://nobody@127.0.0.1:1/none")


def test_an_unwritable_sqlite_path_is_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackendUnavailable, match="cannot open the feedback database"):
        SqliteFeedbackStore(blocker / "feedback.sqlite3")


def test_exports_keep_every_field(tmp_path):
    with SqliteFeedbackStore(tmp_path / "f.sqlite3") as store:
        store.add(Feedback(question="Q, avec virgule et \"guillemets\"", answer=ANSWER, rating=-1, comment="ligne 1\nligne 2"))
        records = store.all()
    as_json = json.loads(export_json(records))
    assert as_json[0]["question"] == 'Q, avec virgule et "guillemets"'
    assert as_json[0]["answer"] == ANSWER and as_json[0]["verdict"]["verdict"] == "not_eligible"
    rows = list(csv.DictReader(io.StringIO(export_csv(records))))
    assert len(rows) == 1
    assert rows[0]["comment"] == "ligne 1\nligne 2" and rows[0]["rating"] == "-1"
    assert rows[0]["verdict"] == "not_eligible" and rows[0]["as_of"] == "2021-09-28"
    assert json.loads(rows[0]["citations"]) == ANSWER["citations"]


def test_export_command_writes_csv_and_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HDS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("HDS_FEEDBACK_URL", raising=False)
    with SqliteFeedbackStore(tmp_path / "feedback.sqlite3") as store:
        store.add(Feedback(question="Q1", answer=ANSWER, rating=1))
    out = tmp_path / "export.csv"
    assert main(["feedback", "export", "--format", "csv", "--out", str(out)]) == 0
    assert [r["question"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["Q1"]
    capsys.readouterr()
    assert main(["feedback", "export", "--format", "json"]) == 0
    assert [r["question"] for r in json.loads(capsys.readouterr().out)] == ["Q1"]
    assert main(["feedback", "export", "--format", "json", "--out", str(tmp_path / "no" / "dir.json")]) == 2
    assert "cannot write" in capsys.readouterr().err
