"""Retrieval: the question set's needles, the recall gate, strategies, filters, the
`retrieve` command's JSON and exit codes. Uses the session index (tests/conftest.py)."""
from __future__ import annotations

import json

import pytest

from assistant.cli import main
from assistant.config import Settings
from assistant.errors import BackendUnavailable, UsageError
from assistant.retrieval import Retriever, fuse
from ingest.documents import documents_by_id
from eval.measure import first_hit, load_questions, scores
from assistant.synonyms import expand
from eval.split import split_of

from conftest import REPO_ROOT

QUESTIONS = load_questions()


@pytest.fixture(scope="module")
def docs():
    return documents_by_id(REPO_ROOT / "corpus")


def test_question_set_is_large_and_varied():
    assert len(QUESTIONS) >= 45
    assert len({q["q"] for q in QUESTIONS}) == len(QUESTIONS)
    tags = {t for q in QUESTIONS for t in q.get("tags", [])}
    assert {"english", "nickname", "typo", "paraphrase", "vague"} <= tags
    assert len({q["doc_id"] for q in QUESTIONS}) >= 12


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["q"][:40])
def test_needle_is_verbatim_in_its_document(question, docs):
    for gold in [question] + question.get("also", []):
        assert gold["needle"] in docs[gold["doc_id"]].text, gold


def test_each_question_is_in_the_part_the_fixed_rule_gives():
    assert [q["q"] for q in QUESTIONS if q["split"] != split_of(q["q"])] == []
    assert {q["split"] for q in QUESTIONS} == {"tune", "test"}


def test_recall_at_5_of_the_default_strategy(retriever):
    """On the test part only: the fusion weights and the lexicons were fitted on the tune part
    (and, before the split existed, on the whole set: this floor is a regression gate, not a
    held-out estimate; eval/strangers.yaml is)."""
    assert retriever.strategy == "hybrid"
    test = [q for q in QUESTIONS if q["split"] == "test"]
    ranks = [first_hit(retriever.retrieve(q["q"], k=10), q) for q in test]
    result = scores(ranks)
    missed = [q["q"] for q, r in zip(test, ranks) if not r or r > 5]
    assert result["r@5"] >= 0.85, (result, missed)


@pytest.mark.parametrize("strategy", ["hybrid", "bm25", "dense"])
def test_each_strategy_returns_exact_passages(strategy, data_dir_ingested, corpus_dir, docs):
    r = Retriever.open(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir), strategy=strategy,
                       build_if_missing=False)
    passages = r.retrieve("Office 365 de Microsoft n'est pas conforme à la doctrine Cloud au Centre", k=4)
    assert len(passages) == 4
    for p in passages:
        assert docs[p.doc_id].text[p.start:p.end] == p.text
        assert r.document(p.doc_id).text[p.start:p.end] == p.text
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)
    assert any("Office 365" in p.text for p in passages)


def test_a_named_unit_comes_first(retriever):
    """The first stage puts the named unit first. With the sentence second stage (e5), a bare
    "what does R9 say" may rank first a passage whose sentence discusses R9 (the DINUM FAQ on
    derogations): R9 itself stays in the top 2. Giving named units precedence over the fusion
    was measured and left out: no change on the tuning part, recall@1 0.450 -> 0.429 on the test part."""
    first_stage = ("bm25", "dense", "section", "entity")
    assert retriever.retrieve("Que dit la règle R9 ?", k=1, stages=first_stage)[0].section == "R9"
    assert "R9" in [p.section for p in retriever.retrieve("Que dit la règle R9 ?", k=2)]
    assert retriever.retrieve("exigence EXI 28 du référentiel HDS", k=1)[0].section == "EXI 28"
    top = retriever.retrieve("SecNumCloud 19.6.c", k=1)[0]
    assert top.doc_id == "secnumcloud-v3.2" and top.section.endswith("19.6.c")
    assert retriever.retrieve("GDPR article 48", k=1)[0].section == "Article 48"


def test_nicknames_and_typos_reach_the_right_passages(retriever):
    assert "Office 365" in expand("O365 interdit ?")
    top = retriever.retrieve("O365 interdit dans les ministères ?", k=5)
    assert any("Office 365" in p.text for p in top)
    top = retriever.retrieve("authentification multi facteur secnumclud", k=5)
    assert any("multifacteur" in p.text for p in top)


def test_kind_filter(retriever):
    passages = retriever.retrieve("hébergement des données de santé certificat", k=8, kinds=["law"])
    assert passages and all(p.kind == "law" for p in passages)
    passages = retriever.retrieve("hébergement des données de santé", k=8, kinds="referentiel")
    assert passages and all(p.kind == "referentiel" for p in passages)


def test_date_filters(retriever):
    early = retriever.retrieve("doctrine cloud données sensibles", k=8, date_to="2021-12-31")
    assert early and all(p.date <= "2021-12-31" for p in early)
    late = retriever.retrieve("doctrine cloud données sensibles", k=8, date_from="2024-01-01")
    assert late and all(p.date >= "2024-01-01" for p in late)
    assert not retriever.retrieve("doctrine", k=3, date_from="2030-01-01")
    with pytest.raises(UsageError):
        retriever.retrieve("doctrine", date_from="hier")


def test_empty_question_is_refused(retriever):
    with pytest.raises(UsageError):
        retriever.retrieve("   ")


def test_documents_are_the_indexed_corpus(retriever, docs):
    assert {d.doc_id for d in retriever.documents()} == set(docs)
    assert retriever.document("csp-l1111-8").text == docs["csp-l1111-8"].text
    with pytest.raises(KeyError):
        retriever.document("no-such-doc")


def test_fusion_rewards_agreement():
    fused = fuse({"bm25": [(1, 9.0), (2, 5.0)], "dense": [(2, 0.9), (3, 0.8)]}, k=3,
                 weights={"bm25": 1.0, "dense": 1.0})
    assert [i for i, _ in fused] == [2, 1, 3]


def test_missing_index_without_build_is_backend_unavailable(tmp_path):
    with pytest.raises(BackendUnavailable):
        Retriever.open(Settings(data_dir=tmp_path, corpus_dir=REPO_ROOT / "corpus"), build_if_missing=False)


def test_retrieve_json_follows_the_contract(data_dir_ingested, capsys, monkeypatch, docs):
    monkeypatch.setenv("HDS_DATA_DIR", str(data_dir_ingested))
    assert main(["retrieve", "Quels hébergeurs sont SecNumCloud et HDS ?", "-k", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["question"] == "Quels hébergeurs sont SecNumCloud et HDS ?"
    assert [p["rank"] for p in out["passages"]] == [1, 2, 3]
    for p in out["passages"]:
        assert {"rank", "doc_id", "title", "section", "text", "start", "end", "score"} <= set(p)
        assert docs[p["doc_id"]].text[p["start"]:p["end"]] == p["text"]
        assert isinstance(p["score"], float)


def test_retrieve_human_output_and_kind(data_dir_ingested, capsys, monkeypatch):
    monkeypatch.setenv("HDS_DATA_DIR", str(data_dir_ingested))
    assert main(["retrieve", "certificat de conformité", "--kind", "law", "--strategy", "bm25", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Question : certificat de conformité") and "1. Code de la santé publique" in out


def test_retrieve_batch_writes_json_lines(data_dir_ingested, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HDS_DATA_DIR", str(data_dir_ingested))
    batch = tmp_path / "questions.txt"
    batch.write_text("règle R9\n\nO365 et la DINUM\n", encoding="utf-8")
    assert main(["retrieve", "--batch", str(batch), "-k", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["règle R9", "O365 et la DINUM"]
    assert all(len(line["passages"]) == 2 for line in lines)


def test_retrieve_usage_and_input_errors(data_dir_ingested, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HDS_DATA_DIR", str(data_dir_ingested))
    assert main(["retrieve", "x", "--kind", "blog"]) == 2
    assert main(["retrieve"]) == 2
    assert main(["retrieve", "--batch", str(tmp_path / "missing.txt")]) == 3
    assert "hds-assistant:" in capsys.readouterr().err


def test_unreachable_chroma_server_exits_4(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HDS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HDS_CHROMA_URL", "http://127.0.0.1:9")
    assert main(["retrieve", "règle R9", "--json"]) == 4
    err = capsys.readouterr().err
    assert "Chroma" in err and len(err.strip().splitlines()) == 1
