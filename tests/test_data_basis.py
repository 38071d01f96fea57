"""Round 11: an eligibility answer shows why its data are of the kind it read.

When the question's words, not the kind's own name, decide the data kind, the answer quotes the
passage that reading rests on, right after the first passage its verdict rests on: GDPR recital 35
for health data read from words of testing or care, art. 4(15) when the answer asks whether the data
are health data, art. 4(1) for data named only by identifiers. A question that says "données de
santé" gets no definition. Questions written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.data_basis import health_definition_basis, health_words_basis, identifiers_basis
from assistant.answer.question import understand

DAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("question,lang,expected", [
    ("Un cabinet de radiologie peut-il garder ses comptes rendus d'examens chez OVH Hosted Private Cloud ?", "fr", "health_words"),
    ("Can a medical lab keep its test results on Outscale IaaS?", "en", "health_words"),
    ("Une association peut-elle garder les données de ses adhérents sur Outscale IaaS ?", "fr", "definition"),
    ("Can a logistics company keep its drivers' names and phone numbers on Outscale IaaS?", "en", "identifiers"),
    ("Le CHU peut-il mettre ses données de santé sur Outscale IaaS ?", "fr", None),
    ("Une clinique peut-elle externaliser son dossier patient informatisé chez Outscale IaaS ?", "fr", None),
])
def test_the_reading_of_the_data_kind_carries_its_passage(question, lang, expected):
    basis = understand(question, DAY, lang).data_basis
    want = {"health_words": health_words_basis(), "definition": health_definition_basis(),
            "identifiers": identifiers_basis(), None: []}[expected]
    assert basis == want


def test_each_basis_is_a_verbatim_passage_of_its_document(corpus_dir):
    from ingest.documents import load_corpus
    texts = {d.doc_id: d.text for d in load_corpus(corpus_dir)}
    for basis in [*health_words_basis(), *health_definition_basis(), *identifiers_basis()]:
        assert basis.quote in texts[basis.doc_id], basis


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-11-30")


def test_an_answer_quotes_why_test_results_are_health_data(service):
    answer = service.ask("Can a medical lab keep its test results on Outscale IaaS?")
    assert answer.verdict["verdict"] == "eligible"
    recital = health_words_basis()[0].quote
    shown = [c.quote for c in answer.citations if c.doc_id == "gdpr-extracts"]
    assert any(recital in q for q in shown), shown
    for c in answer.citations:  # still the document's own words
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_an_answer_on_data_said_to_be_health_data_quotes_no_definition(service):
    answer = service.ask("Le CHU peut-il mettre ses données de santé sur Outscale IaaS ?")
    recital = health_words_basis()[0].quote
    assert not any(recital in c.quote for c in answer.citations)

