"""Round 20 (lead): question shapes the sets rarely used, read as their writer meant.

- A several-word offer name with a typing slip ("Secure Tempel", "Bare Metl Pod") is that offer, and the
  answer says what it understood ("compris : Secure Temple"); each word keeps its first letter, two slips
  at most, and "bleu" takes none ("une offre bleue" is a colour).
- An indirect question ("A GHT asked whether its PACS images can sit in PREMI3NS.") asks for a verdict
  like a direct one.
- A hospital's wards where care is given (intensive care, maternity, "les urgences") name health data;
  badge logs and CCTV footage name personal data by their art. 4(1) identifiers.
Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import pytest

from assistant.checker.nicknames import approximate

TODAY = "2026-12-03"


@pytest.mark.parametrize("text, offer", [
    ("sur Secure Tempel ?", "Secure Temple"),
    ("on the Bare Metl Pod", "Bare Metal Pod"),
    ("le Hosted Privte Cloud d'OVHcloud", "Hosted Private Cloud"),
    ("sur Cloud Tempel IaaS", "Secure Temple"),
])
def test_a_slip_in_a_several_word_name_is_that_name(text, offer):
    assert [a.offer for a in approximate(text)] == [offer]


@pytest.mark.parametrize("text", ["sur Secure Temple", "une offre bleue", "le cloud public", "un hosted private cloud",
                                  "Secure Tmpelx"])
def test_exact_names_colours_and_far_words_are_no_near_miss(text):
    assert approximate(text) == []


def test_the_answer_says_which_name_it_understood(service_on):
    answer = service_on(TODAY).ask("Le ministère de l'Intérieur peut-il stocker des données d'une sensibilité "
                                   "particulière, sans données de santé, sur Secure Tenple ?")
    assert answer.verdicts and answer.verdicts[0]["offer"] == "Secure Temple"
    assert answer.verdicts[0]["verdict"] == "eligible"
    assert "Secure Tenple" in answer.answer and "Secure Temple" in answer.answer


@pytest.mark.parametrize("question", [
    "The CHU asked whether its radiology images can sit in the Bare Metal Pod.",
    "La DSI du CHU se demande si le Bare Metal Pod convient aux images de radiologie.",
])
def test_an_indirect_question_gets_a_verdict(service_on, question):
    answer = service_on(TODAY).ask(question)
    assert [v["verdict"] for v in answer.verdicts] == ["eligible"]


@pytest.mark.parametrize("question", [
    "Can a CHU keep the intensive care unit's charts on OVHcloud's Hosted Private Cloud?",
    "Une clinique peut-elle héberger les dossiers de sa maternité sur l'IaaS d'Outscale ?",
])
def test_wards_of_care_name_health_data(service_on, question):
    answer = service_on(TODAY).ask(question)
    assert answer.verdicts[0]["verdict"] == "eligible"
    assert "health" in answer.verdicts[0]["data"]


def test_badge_logs_are_personal_data_not_an_unknown_kind(service_on):
    answer = service_on(TODAY).ask("Can a ministry store its staff's access logs on Cloud Temple's Secure Temple?")
    assert answer.verdicts[0]["verdict"] == "eligible"
    assert "health" not in answer.verdicts[0]["data"]


# ---------------------------------------------------------------- hosts named as the setting
@pytest.mark.parametrize("question, asked", [
    ("Notre ministère utilise déjà le Hosted Private Cloud d'OVHcloud pour son intranet. Nous voulons maintenant "
     "placer ses données d'une sensibilité particulière (hors santé) sur Google Cloud Platform. Est-ce permis ?",
     ["Google Cloud Platform"]),
    ("Our hospital's imaging archive is on Outscale IaaS today; we are considering leaving it for AWS Cloud. Can we?",
     ["AWS Cloud"]),
    ("Plutôt que Microsoft 365, une préfecture peut-elle utiliser le SaaS d'Oodrive pour ses données d'une sensibilité "
     "particulière hors santé ?", ["SaaS"]),
])
def test_a_host_named_as_the_setting_gets_no_verdict(service_on, question, asked):
    answer = service_on(TODAY).ask(question)
    assert [v["offer"] for v in answer.verdicts] == asked


@pytest.mark.parametrize("question", [
    "OVH Hosted Private Cloud et Azure : lequel peut héberger les données d'une sensibilité particulière d'un ministère ?",
    "Can a ministry put particularly sensitive data on Azure today, or on OVHcloud's Hosted Private Cloud?",
    "Un ministère peut-il mettre ses données d'une sensibilité particulière sur Azure ? Et sur le Hosted Private Cloud d'OVHcloud ?",
])
def test_hosts_asked_about_together_each_get_a_verdict(service_on, question):
    answer = service_on(TODAY).ask(question)
    assert sorted(v["offer"] for v in answer.verdicts) == ["Azure", "Hosted Private Cloud"]


def test_a_denied_health_qualifier_with_any_noun_rules_health_out(service_on):
    answer = service_on(TODAY).ask("Un ministère peut-il héberger des données d'une sensibilité particulière, sans contenu "
                                   "médical, sur l'IaaS d'Outscale ?")
    assert answer.verdicts[0]["verdict"] == "eligible"
    assert "health" not in answer.verdicts[0]["data"]


def test_vital_signs_are_health_data(service_on):
    answer = service_on(TODAY).ask("Can a private nursing-home chain keep its residents' blood pressure readings on Azure?")
    assert "health" in answer.verdicts[0]["data"]


# ---------------------------------------------------------------- a question asking whether the act is forbidden
@pytest.mark.parametrize("question, first", [
    ("Est-il interdit à une préfecture de placer des données d'une sensibilité particulière, hors santé, sur Google Workspace ?",
     "**Oui (interdit : non éligible)**"),
    ("Is it prohibited for a CHU to keep its patients' records on OVHcloud's Hosted Private Cloud?",
     "**No (not forbidden: eligible)**"),
    ("Isn't a CHU allowed to keep its patients' records on OVHcloud's Hosted Private Cloud?", "**Yes (eligible)**"),
    ("Une préfecture peut-elle placer des données d'une sensibilité particulière, hors santé, sur Google Workspace ?",
     "**Non (non éligible)**"),
])
def test_the_first_word_answers_the_question_asked(service_on, question, first):
    answer = service_on(TODAY).ask(question)
    assert answer.answer.startswith(first)


def test_the_ban_question_keeps_the_checkers_verdict(service_on):
    answer = service_on(TODAY).ask("Est-il interdit à une préfecture de placer des données d'une sensibilité particulière, "
                                   "hors santé, sur Google Workspace ?")
    assert [v["verdict"] for v in answer.verdicts] == ["not_eligible"]


# ---------------------------------------------------------------- after blind18's end measure (spent)
def test_now_in_the_question_outweighs_a_date_of_another_event():
    import datetime as dt
    from assistant.answer.dates import find_date
    today = dt.date(2026, 12, 3)
    said = find_date("Notre CHU a changé de PACS en 2023 et de standard téléphonique le mois dernier. Peut-il archiver ses "
                     "images sur Azure aujourd'hui ?", today)
    assert said.date == today
    assert find_date("En 2022, notre ministère est passé sur Azure. Était-ce permis ?", today).date == dt.date(2022, 12, 31)


def test_a_context_date_does_not_make_a_health_answer_eligible(service_on):
    answer = service_on(TODAY).ask("Our hospital bought a new CT scanner in 2023. Can it store the scans on Azure now?")
    assert answer.as_of == TODAY
    assert [v["verdict"] for v in answer.verdicts] == ["undetermined"]


def test_which_suits_asks_a_verdict_for_each_offer(service_on):
    answer = service_on(TODAY).ask("Which works for a ministry's particularly sensitive data, nothing medical: "
                                   "Oodrive SaaS or Google Workspace?")
    assert [v["verdict"] for v in answer.verdicts] == ["eligible", "not_eligible"]


def test_a_secret_under_the_law_is_the_first_criterion(service_on):
    answer = service_on(TODAY).ask("Our ministry's files are protected by a secret under the law and a leak would endanger "
                                   "public order; no health data. Can they go on Google Workspace?")
    assert [v["verdict"] for v in answer.verdicts] == ["not_eligible"]


def test_administration_centrale_is_a_customer_not_staff_reaching_the_data(service_on):
    answer = service_on(TODAY).ask("Le consortium Bleu, pour des données d'une sensibilité particulière d'une direction "
                                   "d'administration centrale, hors santé : c'est bon ?")
    assert [v["provider"] for v in answer.verdicts] == ["Bleu"]
