"""The English -> French glossary (`assistant/data/glossary-en-fr.yaml`): every entry attested by
its source, verbatim; the matcher; and the retriever expanding English questions only."""
from __future__ import annotations

import pytest

from assistant.crosslingual import french_terms, glossary
from assistant.folding import fold
from assistant.retrieval import _glossary_terms
from ingest.documents import documents_by_id

from conftest import REPO_ROOT

ENTRIES = glossary()


@pytest.fixture(scope="module")
def docs():
    return documents_by_id(REPO_ROOT / "corpus")


def _source_text(side: dict, docs) -> str:
    if "doc" in side:
        return docs[side["doc"]].text
    return (REPO_ROOT / side["file"]).read_text(encoding="utf-8")


def test_the_glossary_has_entries_of_both_kinds_of_source():
    assert len(ENTRIES) >= 40
    assert any("doc" in e["source"]["en"] for e in ENTRIES)
    assert any("file" in e["source"]["en"] for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["en"][0])
def test_each_entry_is_attested_verbatim_by_its_source(entry, docs):
    assert set(entry) == {"en", "fr", "source"}
    for lang in ("en", "fr"):
        side = entry["source"][lang]
        assert set(side) in ({"doc", "quote"}, {"file", "quote"}), side
        text = _source_text(side, docs)
        assert side["quote"] in text, f"{side['quote']!r} is not verbatim in {side.get('doc') or side['file']}"
        # the entry's first form is the word its quote uses
        assert fold(entry[lang][0]) in fold(side["quote"]), (entry[lang][0], side["quote"])


def test_french_terms_of_an_english_question():
    terms = french_terms("Must the Hosting Contract state where the data is stored?")
    assert terms[:1] == ["contrat d'hébergement"]
    assert "stocker" in terms and "stockage" in terms


def test_longest_phrase_wins_and_words_match_whole():
    # "hosting provider" is one entry; its words do not also match "host"
    assert french_terms("a hosting provider") == ["hébergeur", "hébergeurs"]
    # "hosts" is a form; "hostile" is not a form of anything
    assert french_terms("hostile intent") == []
    assert french_terms("no glossary word here") == []


def test_the_retriever_expands_english_questions_only():
    assert "contrat d'hébergement" in _glossary_terms("What must the hosting contract say about locations?")
    # a French question is never expanded, whatever English word it carries
    assert _glossary_terms("Le contrat d'hébergement doit-il citer le standard ISO ?") == []
