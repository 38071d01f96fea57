"""Round 12: a quote of a text version no longer in force says what became of its words.

The corpus holds CSP L.1111-8 only in its version of 1 April 2018 to 23 May 2024; article 32 of the
SREN law (in the corpus) deleted the second sentence of II's first paragraph and rewrote IV, and
left I and the rest of II as they were. A quote of that version in an answer dated on or after
2024-05-23 carries the note (text_versions.yaml); before that day it carries none. Rule A-2024
(today's HDS duty) now also rests on L.1111-8 I and II's first sentence, whose quotes say they are
the 2018 wording left untouched. Questions written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.text_versions import version_note, versions

TODAY = dt.date(2026, 12, 1)
DELETED = "S'il conserve des données dans le cadre d'un service d'archivage électronique, il est soumis aux dispositions du III."
SCOPE = "I.-Toute personne qui héberge des données de santé à caractère personnel"


def sources_of(entry: dict) -> list[tuple[str, str]]:
    """(doc_id, quote) of every passage an entry rests on: the quoted words of the old version and
    the amending text's own words."""
    out = [(entry["doc_id"], c["quote"]) for c in entry.get("changes") or ()]
    amended = entry.get("amended_by")
    if amended:
        out += [(amended["doc_id"], q) for q in amended.get("lists") or ()]
        out += [(amended["doc_id"], c["source"]) for c in entry.get("changes") or ()]
    return out


@pytest.fixture(scope="module")
def docs(corpus_dir):
    from ingest.documents import load_corpus
    return {d.doc_id: d for d in load_corpus(corpus_dir)}


def _at(doc, quote):
    start = doc.text.index(quote)
    return start, start + len(quote)


def test_every_passage_the_data_rests_on_is_in_its_document(docs):
    for entry in versions().values():
        assert entry["doc_id"] in docs
        for doc_id, quote in sources_of(entry):
            assert quote in docs[doc_id].text, (doc_id, quote)


def test_the_data_end_is_the_documents_own_end(docs):
    for doc_id, entry in versions().items():
        assert str(entry["ended"]) == docs[doc_id].valid_to


def test_an_untouched_passage_says_the_amendment_left_it_and_the_consolidated_text_is_missing(docs):
    doc = docs["csp-l1111-8"]
    note = version_note(doc, *_at(doc, SCOPE), TODAY, "fr")
    assert note.startswith("Version du 1er avril 2018 au 23 mai 2024")
    assert "l'article 32 de la loi SREN" in note and "ne change pas ce passage" in note
    assert "n'est pas dans le corpus" in note
    en = version_note(doc, *_at(doc, SCOPE), TODAY, "en")
    assert en.startswith("Version of 1 April 2018 to 23 May 2024") and "leaves this passage as it was" in en


def test_a_deleted_sentence_says_it_was_deleted_in_the_amending_texts_words(docs):
    doc = docs["csp-l1111-8"]
    start, end = _at(doc, DELETED)
    note = version_note(doc, start - 40, end, TODAY, "fr")  # a quote that straddles the deleted sentence
    assert "phrase supprimée par l'article 32 de la loi SREN" in note
    assert "La seconde phrase du premier alinéa est supprimée" in note


def test_no_note_while_the_version_was_in_force(docs):
    doc = docs["csp-l1111-8"]
    assert version_note(doc, *_at(doc, DELETED), dt.date(2024, 5, 22), "fr") is None
    assert version_note(doc, *_at(doc, DELETED), dt.date(2024, 5, 23), "fr") is not None


def test_an_older_version_replaced_by_one_in_the_corpus(docs):
    doc = docs["csp-l1111-8-2016"]
    note = version_note(doc, 0, 40, TODAY, "fr")
    assert "remplacée depuis" in note and "version suivante" in note


def test_a_document_without_an_end_gets_no_note(docs):
    doc = docs["sren-2024-art32"]
    assert version_note(doc, 0, 40, TODAY, "fr") is None


def test_moving_the_end_in_the_data_moves_the_note(docs, monkeypatch):
    doc = docs["csp-l1111-8"]
    entry = dict(versions()["csp-l1111-8"], ended=dt.date(2027, 1, 1))
    monkeypatch.setitem(versions(), "csp-l1111-8", entry)
    assert version_note(doc, *_at(doc, SCOPE), TODAY, "fr") is None


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-01")


def test_an_answer_of_today_quoting_the_2018_wording_says_what_became_of_it(service):
    answer = service.ask("Un hébergeur qui garde les données de santé de patients pour une clinique doit-il être certifié ?")
    cited = [c for c in answer.citations if c.doc_id == "csp-l1111-8"]
    assert cited, [c.doc_id for c in answer.citations]
    for c in cited:
        assert c.note and "Version du 1er avril 2018 au 23 mai 2024" in c.note
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote
