"""Question reading on strangers' wording (round 5, issue 13): sensitivity criteria denied, data
said not to be sensitive in plain words, records about people, the body asking versus the body
that owns the data.

Unit level over the real entities, vocabulary and registry (no index, no checker call): each
test states what the question says and what the reader must take from it, and why."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.customer import customer_named
from assistant.answer.people_data import names_people_records
from assistant.answer.question import understand

TODAY = dt.date(2026, 11, 30)


def _query(question: str, lang: str = "fr") -> dict:
    return understand(question, TODAY, lang).query


@pytest.mark.parametrize("question,denied", [
    ("La paie de nos agents ne relève d'aucun secret protégé par la loi et sa fuite ne porterait atteinte ni à l'ordre public ni à la sécurité : peut-on la mettre sur Azure ?",
     {"sensitive_by_nature": False, "breach_impact": False}),
    ("Un ministère peut-il mettre sur Azure des données dont la divulgation ne porterait pas atteinte à l'ordre public ?", {"breach_impact": False}),
    ("Can a ministry keep data on Azure that are not covered by any legal secret?", {"sensitive_by_nature": False}),
    ("Can a ministry store on Azure data whose leak would not harm public order?", {"breach_impact": False}),
])
def test_a_denied_criterion_of_particular_sensitivity_is_false_not_true(question, denied):
    """6404/SG: both criteria must hold; a question that denies one states a fact (false), and a
    denial containing the positive words ("ne porterait pas atteinte à l'ordre public") is not read
    as their assertion."""
    facts = _query(question, "en" if question.startswith("Can") else "fr")["facts"]
    for name, value in denied.items():
        assert facts[name] is value


def test_a_stated_criterion_is_still_true():
    facts = _query("Nos données relèvent du secret fiscal et leur divulgation porterait atteinte à l'ordre public : Azure est-il possible pour le ministère ?")["facts"]
    assert facts["sensitive_by_nature"] is True and facts["breach_impact"] is True


@pytest.mark.parametrize("question,lang", [
    ("Pour un ministère, mettre les réservations de la cantine (rien de sensible) sur Google Cloud Platform, c'est possible ?", "fr"),
    ("Un ministère peut-il héberger sur Azure des données sans sensibilité particulière ?", "fr"),
    ("May a ministry keep personal data that is not of particular sensitivity on Microsoft Azure?", "en"),
    ("Can a ministry put its canteen bookings on Azure? Nothing sensitive.", "en"),
])
def test_data_said_not_sensitive_in_plain_words(question, lang):
    q = _query(question, lang)
    assert q["facts"]["particularly_sensitive"] is False
    assert "sensitive" not in q["data"]


def test_health_data_ruled_out_in_the_singular_is_not_health():
    q = _query("Pour un ministère, mettre les réservations de la cantine (aucune donnée de santé) sur Google Cloud Platform, c'est possible ?")
    assert "health" not in q["data"]


@pytest.mark.parametrize("question", [
    "La mairie voudrait stocker les registres d'état civil sur OVHcloud Public Cloud, c'est possible ?",
    "A regional council wants to keep its high-school pupils' records on Google Cloud Platform.",
    "Un office public de l'habitat peut-il mettre les dossiers de ses locataires sur Azure ?",
    "Can we store our members' contact details on AWS?",
])
def test_records_about_people_are_personal_data(question):
    """GDPR art. 4(1): information relating to an identifiable natural person is personal data."""
    assert names_people_records(question)


@pytest.mark.parametrize("question", [
    "Peut-on mettre les menus de la cantine sur Azure ?",
    "Can we host our anonymised activity statistics on Azure?",
    "Le ministère peut-il héberger ses applications métier sur OVH ?",
])
def test_data_that_name_no_people_stay_unknown(question):
    """Open world: data the question does not tie to people are not defaulted to personal."""
    assert not names_people_records(question)


def test_records_about_people_make_the_query_personal_for_a_local_authority():
    q = _query("La mairie voudrait stocker les registres d'état civil sur OVHcloud Public Cloud, c'est possible ?")
    assert q["data"] == ["personal"] and q["customer"] == "local_authority"


@pytest.mark.parametrize("question,kind", [
    ("Can the Ministry of Health host anonymised hospital activity statistics on Azure?", "state"),
    ("Le ministère peut-il héberger les statistiques des hôpitaux sur Azure ?", "state"),
    ("Peut-on héberger les données d'un hôpital sur Azure ?", "health_facility"),
    ("Notre compagnie d'assurance veut stocker les données de santé de ses assurés sur Azure, c'est possible ?", "private"),
])
def test_the_body_asking_is_not_the_body_that_owns_the_data(question, kind):
    """A body named as the data's owner ("statistiques des hôpitaux", "hospital activity statistics")
    gives way to the body the question is about; named alone, it is that body."""
    assert customer_named(question).kind == kind


def test_a_body_named_by_the_askers_role_and_not_classified_is_asked_back():
    """"DSI d'une CCI": no source classifies a chamber of commerce; the companies named are the
    data's owners, not the customer."""
    mention = customer_named("Je suis DSI d'une CCI, peut-on passer nos fichiers de contacts entreprises sur Microsoft 365 ?")
    assert mention.kind is None and mention.words == "CCI"


def test_denied_criteria_settle_sensitivity_only_under_the_definition_that_reads_them():
    """Since 6404/SG (2023-05-31) a denied breach criterion makes the data not particularly sensitive:
    the checker's eligible stands, nothing is asked back. In 2022 the definition in force (R9's 2021
    wording) does not read that criterion: the payroll of State agents is still sensitive."""
    from assistant.answer.verdicts import verdicts_for
    question = ("Le ministère peut-il mettre la paie de ses agents sur Azure ? Sa fuite ne porterait atteinte "
                "ni à l'ordre public ni à la sécurité.")
    now = verdicts_for(understand(question, TODAY, "fr"), "fr")[0]
    assert now["verdict"] == "eligible" and not now.get("missing_facts")
    then = verdicts_for(understand(question, dt.date(2022, 6, 1), "fr"), "fr")[0]
    assert then["verdict"] == "not_eligible"


def test_personal_data_of_a_ministry_without_any_criterion_is_still_asked_back():
    """Open world: "personal" is not "not sensitive"."""
    from assistant.answer.verdicts import verdicts_for
    v = verdicts_for(understand("Le ministère peut-il mettre la paie de ses agents sur Azure ?", TODAY, "fr"), "fr")[0]
    assert v["verdict"] == "undetermined"


@pytest.mark.parametrize("question,lang", [
    ("Does Google Workspace work for an ARS's staff mail?", "en"),
    ("Is Azure suitable for a ministry's HR files?", "en"),
    ("Microsoft 365 convient-il à la messagerie d'un ministère ?", "fr"),
])
def test_asking_whether_an_offer_suits_a_use_is_an_eligibility_question(question, lang):
    assert understand(question, TODAY, lang).query is not None
