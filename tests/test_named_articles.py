"""Round 17: a question that names an article, a recital or a numbered requirement of a corpus text
quotes that part's own words (`Document.text[start:end]`), found from the text's structure by
`assistant/answer/named_articles.yaml`; a part the corpus lacks is not invented. The questions here
were written for these tests, not taken from eval/gold17-fresh.yaml.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.named_articles import entries, named_parts

TODAY = "2026-12-03"
DAY = dt.date(2026, 12, 3)


@pytest.fixture(scope="module")
def documents(corpus_dir):
    from ingest.documents import documents_by_id
    return documents_by_id(corpus_dir)


def test_every_entry_has_a_source_and_its_documents_exist(documents):
    for e in entries():
        assert e.docs and all(d in documents for d in e.docs), e.id


@pytest.mark.parametrize("question, doc_id, label, words", [
    ("Que dit l'article 48 du RGPD ?", "gdpr-extracts", "Article 48", "Any judgment of a court or tribunal"),
    ("Art. 45(2) GDPR: what must the Commission consider?", "gdpr-extracts", "Article 45 (2)",
     "When assessing the adequacy of the level of protection"),
    ("Le point c) du paragraphe 1 : article 49, paragraphe 1, point c) du RGPD", "gdpr-extracts", "Article 49 (1) (c)",
     "(c) the transfer is necessary for the conclusion or performance of a contract"),
    ("Que prévoit le considérant 101 ?", "gdpr-extracts", "Recital 101", "Flows of personal data to and from countries"),
    ("Que dit l'exigence n° 29 du référentiel HDS ?", "hds-referentiel-v2", "EXI 29", "accès à distance"),
    ("EXI-9 : quels objectifs de sécurité ?", "hds-referentiel-v2", "EXI 09", "Les objectifs de sécurité de l’information"),
    ("Que prévoit le 8° de l'article R. 1111-11 du CSP ?", "csp-r1111-11", "Article R1111-11 8°",
     "8° Les modalités retenues pour encadrer les accès"),
    ("article R1111-8-8", "csp-r1111-8-8", "Article R1111-8-8", "consiste à héberger"),
    ("Que disait le III de l'article L. 1111-8 ?", "csp-l1111-8", "Article L1111-8 III", "agréé par le ministre chargé de la culture"),
    ("Que modifie l'article 32 de la loi SREN ?", "sren-2024-art32", "Article 32", "est ainsi modifié"),
    # round 19: SecNumCloud's numbered requirements (not HDS EXI 19, as read before the entry existed)
    ("Que dit l'exigence 19.6 du référentiel SecNumCloud ?", "secnumcloud-v3.2", "SecNumCloud 19.6", "Le capital social"),
    ("requirement 19.2.e of SecNumCloud", "secnumcloud-v3.2", "SecNumCloud 19.2.e", "opérations de support"),
])
def test_a_named_part_is_found_in_its_own_text(documents, question, doc_id, label, words):
    parts = named_parts(question, documents, DAY)
    assert [(p.doc_id, p.label) for p in parts] == [(doc_id, label)]
    assert words in documents[doc_id].text[parts[0].start:parts[0].end]


@pytest.mark.parametrize("question", [
    "Que dit l'article 32 du RGPD sur la sécurité du traitement ?",       # not among the GDPR extracts
    "Quel est le texte officiel de l'article 31 de la loi SREN ?",         # press quotations only
    "Que prévoit le IV de l'article L.1111-8 ?",                          # the fragment stops at III
    "Que dit l'exigence 40 du référentiel HDS ?",                         # EXI 01-31 only
    "Que dit l'exigence 12.4.c de SecNumCloud ?",                         # 12.4 has no point c
    "Que dit l'article 12 ?",                                             # no text named, none holds it alone
])
def test_a_part_the_corpus_lacks_is_not_invented(documents, question):
    assert named_parts(question, documents, DAY) == []


def test_the_version_named_by_its_year_is_the_one_quoted(documents):
    old = named_parts("L'article L1111-8 dans sa version de 2017 imposait-il un agrément ?", documents, DAY)
    new = named_parts("L'article L1111-8 dans sa version de 2020 imposait-il un certificat ?", documents, DAY)
    assert [p.doc_id for p in old] == ["csp-l1111-8-2016"] and [p.doc_id for p in new] == ["csp-l1111-8"]


@pytest.mark.parametrize("question, words", [
    ("Que prévoit l'article 44 du RGPD ?", "Any transfer of personal data which are undergoing processing"),
    ("Under Article 9(4) GDPR, may Member States add conditions for health data?",
     "Member States may maintain or introduce further conditions"),
    ("L'exigence 26 du référentiel HDS interdit-elle à l'hébergeur d'utiliser les données pour lui-même ?",
     "d'utiliser les données de santé hébergées à d'autres fins"),
    ("Que dit le 3° de l'article R1111-11 du code de la santé publique ?", "L'indication des lieux d'hébergement"),
    ("What does recital 107 of the GDPR say?", "no longer ensures an adequate level of data protection"),
])
def test_the_answer_quotes_the_named_part(service_on, documents, question, words):
    service = service_on(TODAY)
    answer = service.ask(question)
    part = named_parts(question, documents, DAY)[0]
    inside = [c for c in answer.citations if c.doc_id == part.doc_id and part.start <= c.start < part.end]
    assert inside, [(c.doc_id, c.quote[:60]) for c in answer.citations]
    assert any(words in c.quote for c in inside), [c.quote[:80] for c in inside]
    for c in answer.citations:  # every citation is its document's own words
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_a_missing_article_is_said_missing_and_nothing_is_quoted_as_it(service_on):
    answer = service_on(TODAY).ask("Que dit mot pour mot l'article 31 de la loi SREN ?")
    assert any(n.kind == "missing_text" for n in answer.notices)
    assert all(c.doc_id != "sren-2024-art32" or "Article 31" not in (c.section or "") for c in answer.citations)
