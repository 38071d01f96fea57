"""Defined terms answered from their definition (assistant/answer/definitions.py, definitions.yaml).

The unit tests read the real corpus documents; the service tests ask the real AnswerService over
the session's ingested index. The questions are the tuning part of eval/firstword13-fresh.yaml or
written here; none is from its test part.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer import definitions
from ingest.documents import documents_by_id

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def documents():
    return documents_by_id(REPO / "corpus")


def test_every_definition_is_the_documents_own_words(documents):
    found = definitions.definitions(documents)
    gdpr = [d for d in found if d.doc_id == "gdpr-extracts"]
    snc = [d for d in found if d.doc_id == "secnumcloud-v3.2" and not d.spec]  # the §1.3.2-1.3.3 headings
    assert [d.number for d in gdpr] == [str(n) for n in range(1, 27)]
    assert {d.term for d in snc} >= {"Supervision", "Support (technique)", "Administrateur d’infrastructure"}
    for d in found:
        words = documents[d.doc_id].text[d.start:d.end]
        assert (d.term in words or d.spec) and words == words.strip()  # a statement is named by its verb's names
    # every name the data gives belongs to a term the text defines (no stray heading in the data)
    headings = {d.term for d in snc}
    assert set(definitions._data()["documents"]["secnumcloud-v3.2"]["names"]) <= headings


@pytest.mark.parametrize("question,term,key", [
    ("Au sens du RGPD, la simple consultation de données personnelles est-elle un traitement ?", "processing", "yes"),
    ("Does the GDPR count the erasure of personal data as processing?", "processing", "yes"),
    ("Under the GDPR, can a public authority be a processor?", "processor", "yes"),
    ("Des données pseudonymisées restent-elles attribuables à une personne sans informations supplémentaires selon le RGPD ?",
     "pseudonymisation", "no"),
    ("Dans le référentiel SecNumCloud, la supervision permet-elle d'agir sur l'élément surveillé ?", "Supervision", "no"),
    ("Selon SecNumCloud, la consultation de la configuration d'un système fait-elle partie des actions d'administration ?",
     "Actions d’administration", "yes"),
    ("Can a filing system under the GDPR be geographically dispersed?", "filing system", "yes"),
    # two terms: the one whose definition the question's words are about ('tiers' excludes the processor)
    ("Selon le RGPD, un responsable du traitement est-il un tiers ?", "third party", "no"),
    # "whether … or not" asked as a must: no
    ("Under the GDPR, must processing be done by automated means?", "processing", "no"),
])
def test_answers_from_the_definition(documents, question, term, key):
    said = definitions.answer(question, documents, "en")
    assert said is not None and said.definition.term == term
    assert said.key == key
    doc = documents[said.definition.doc_id]
    assert said.bases[0].quote == doc.text[said.definition.start:said.definition.end]


@pytest.mark.parametrize("question", [
    "Au sens du RGPD, la vente de données est-elle un traitement ?",  # 'vente' is not in art. 4(2)
    "Selon le RGPD, le sous-traitant doit-il tenir un registre ?",  # an obligation (art. 30), not the definition
    "Under the GDPR, is pseudonymised data anonymous?",
    "Un hébergeur HDS est-il un sous-traitant au sens du RGPD ?",
])
def test_no_first_word_when_the_definition_does_not_say(documents, question):
    said = definitions.answer(question, documents, "fr")
    assert said is not None and said.key is None


@pytest.mark.parametrize("question", [
    "Des données de santé sont-elles forcément sensibles ?",  # names no document and asks no meaning
    "Le prestataire doit-il être certifié HDS ?",
    "Au sens du RGPD, AWS est-il éligible ?",  # names no defined term
])
def test_not_a_definition_question(documents, question):
    assert definitions.answer(question, documents, "fr") is None


def test_the_round14_units_are_the_documents_own_words(documents):
    found = [d for d in definitions.definitions(documents) if d.spec]
    models = [d for d in found if d.spec == "secnumcloud-v3.2 service models"]
    assert [(d.number, d.term) for d in models] == [("2.1", "SaaS"), ("2.2", "PaaS"), ("2.3", "CaaS"), ("2.4", "IaaS")]
    hosting = [d for d in found if d.doc_id == "csp-r1111-8-8"]
    assert len(hosting) == 1 and "Toutefois, ne constitue pas" in documents["csp-r1111-8-8"].text[hosting[0].start:hosting[0].end]
    points = {d.number for d in found if d.doc_id == "secnumcloud-v3.2-annexe2"}
    assert {"b", "f", "g", "h"} <= points
    for d in found:
        words = documents[d.doc_id].text[d.start:d.end]
        assert words == words.strip() and words


# round 14, tune part of eval/firstword14-fresh.yaml and questions written here
@pytest.mark.parametrize("question,lang,spec,key", [
    ("Does a SecNumCloud qualification attest that a provider can hold classified defence information?", "en",
     "secnumcloud-v3.2-annexe2", "no"),
    ("La conformité d'un service cloud au référentiel SecNumCloud atteste-t-elle de sa conformité à la PSSIE ?", "fr",
     "secnumcloud-v3.2 statements", "no"),
    ("Selon SecNumCloud, la virtualisation peut-elle être considérée comme un cloisonnement équivalent à une séparation "
     "physique ?", "fr", "secnumcloud-v3.2 statements", "no"),
    # a negative and a positive segment: the one holding more of the question's words decides
    ("En PaaS selon SecNumCloud, le commanditaire maîtrise-t-il les applications déployées sur la plateforme ?", "fr",
     "secnumcloud-v3.2 service models", "yes"),
    ("Un CaaS au sens de SecNumCloud donne-t-il au commanditaire la maîtrise du réseau et des serveurs sous-jacents ?", "fr",
     "secnumcloud-v3.2 service models", "no"),
    # "Toutefois, ne constitue pas … au sens de l'article L. 1111-8, le fait de …": the rest of the clause is excluded
    ("Se voir confier des données de santé pour une courte période par l'établissement qui les a produites, est-ce une "
     "activité d'hébergement au sens de l'article L. 1111-8 ?", "fr", "csp-r1111-8-8", "no"),
    ("Héberger des données de santé pour le compte du patient lui-même, est-ce une activité d'hébergement au sens de "
     "l'article R. 1111-8-8 ?", "fr", "csp-r1111-8-8", "yes"),
])
def test_statements_and_service_models(documents, question, lang, spec, key):
    said = definitions.answer(question, documents, lang)
    assert said is not None and (said.definition.spec or said.definition.doc_id) == spec
    assert said.key == key
    assert said.bases[0].quote == documents[said.definition.doc_id].text[said.definition.start:said.definition.end]


def test_across_languages_the_closest_clause_decides_above_the_floor(documents):
    question = "Au sens du RGPD, une autorité publique qui reçoit des données dans le cadre d'une enquête particulière est-elle un destinataire ?"
    assert definitions.answer(question, documents, "fr").key is None  # no shared words enough, no encoder
    texts = []

    def similar(clauses):
        texts.extend(clauses)
        return [0.9 if "inquiry" in c else 0.5 for c in clauses]
    assert definitions.answer(question, documents, "fr", similar).key == "no"
    assert definitions.answer(question, documents, "fr", lambda c: [definitions.FLOOR - 0.01] * len(c)).key is None
    # the same language never asks the encoder
    texts.clear()
    definitions.answer("Under the GDPR, is a public authority receiving data for an inquiry a recipient?", documents, "en", similar)
    assert texts == []


def test_a_term_of_another_document_is_not_taken(documents):
    # "supervision" is a SecNumCloud term: a GDPR question does not get it
    assert definitions.find("Au sens du RGPD, la supervision est-elle un traitement ?", documents)[0].doc_id == "gdpr-extracts"


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-02")


@pytest.mark.parametrize("question,first,doc,words", [
    ("Au sens du RGPD, la simple consultation de données personnelles est-elle un traitement ?", "Oui", "gdpr-extracts",
     "consultation"),
    ("Dans le référentiel SecNumCloud, la supervision permet-elle d'agir sur l'élément surveillé ?", "Non",
     "secnumcloud-v3.2", "ne permet pas d’agir"),
    ("Under the GDPR, can a public authority be a processor?", "Yes", "gdpr-extracts", "on behalf of the controller"),
])
def test_service_opens_with_the_definitions_word(service, question, first, doc, words):
    data = service.ask(question).to_json()
    assert re.split(r"[—.(]", data["short_answer"])[0].strip() == first, data["short_answer"][:200]
    quoted = [c for c in data["citations"] if c["doc_id"] == doc and words in c["quote"]]
    assert quoted, data["answer"][:500]
    for c in data["citations"]:
        assert service.document(c["doc_id"]).text[c["start"]:c["end"]] == c["quote"]


def test_service_quotes_the_definition_undecided_when_asked_what_a_term_means(service):
    data = service.ask("Que signifie « supervision » dans le référentiel SecNumCloud ?").to_json()
    assert re.split(r"[—.(]", data["short_answer"])[0].strip() not in ("Oui", "Non")
    assert any(c["doc_id"] == "secnumcloud-v3.2" and "Surveillance du bon fonctionnement" in c["quote"] for c in data["citations"])


def test_an_everyday_term_is_taken_only_when_its_meaning_is_asked(documents):
    # blind13 (spent), after its end measure: "prestataire" named in passing is not a definition question
    assert definitions.answer("Toute prestation d'un prestataire qualifié SecNumCloud est-elle forcément une prestation "
                              "qualifiée ?", documents, "fr") is None
    # round 14: annex 2 f) says the qualification "n'atteste pas" it (a statement, not the term 'Prestataire')
    said = definitions.answer("Does a SecNumCloud qualification attest that the provider may hold classified defence "
                              "information?", documents, "en")
    assert said is not None and said.definition.doc_id == "secnumcloud-v3.2-annexe2" and said.key == "no"
    said = definitions.answer("Que désigne le prestataire dans le référentiel SecNumCloud ?", documents, "fr")
    assert said is not None and said.definition.term == "Prestataire" and said.key is None



@pytest.mark.parametrize("question,asks", [
    ("C'est quoi un sous-traitant pour le RGPD ?", True),
    ("What's a processor in the GDPR?", True),
    ("Qu'entend-on par supervision dans SecNumCloud ?", True),
    ("Au sens du RGPD, l'hébergeur est-il un destinataire ?", False),  # framed, but asks a yes/no
    ("What does processing mean under the GDPR?", True),
    ("Does the GDPR mean that processing of health data is forbidden?", False),  # an obligation asked
])
def test_the_ways_people_ask_what_a_term_means(question, asks):
    assert definitions.asks_meaning(question) is asks
