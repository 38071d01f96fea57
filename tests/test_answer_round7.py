"""Round 7 readers of unseen wording: records that may or may not hold health data (asked back,
never plain personal data), health words of recital 35's classes, private health professionals
and pharmacies as a care setting, a harm that names what it harms (the breach criterion in plain
words), event dates said with "au moment de" or a distance ("a week after"), and "bleu" in lower
case. Each reader leaves what the question does not say unknown."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.customer import customer_named
from assistant.answer.dates import find_date
from assistant.answer.question import understand
from assistant.answer.record_kinds import may_hold_health
from assistant.answer.sensitivity import sensitivity_criteria
from assistant.answer.verdicts import verdicts_for
from assistant.checker import named_data

TODAY = dt.date(2026, 11, 30)


def test_records_that_may_hold_health_data_are_tried_both_ways_and_asked():
    assert may_hold_health("les remboursements de ses adherents") == "remboursements"
    assert may_hold_health("the county's social workers' case notes") == "social workers"
    assert may_hold_health("les PV du conseil") is None
    # a county council: personal data alone -> no rule applies; health data -> HDS decides: asked back
    u = understand("Can our county council keep its social workers' case notes on AWS?", TODAY, "en")
    assert u.data_unknown and u.data_options == (("personal",), ("personal", "health")) and u.data_words
    [v] = verdicts_for(u, "en")
    assert v["verdict"] == "undetermined"
    assert v["missing_facts"][0]["name"] == "data_kind" and "social workers" in v["missing_facts"][0]["question"]
    assert v["by_data"] == {"personal": "not_applicable", "health": "undetermined"}
    # the same verdict either way is the answer: a qualified, HDS-certified offer in 2022 for a mutuelle
    u = understand("Une mutuelle pouvait-elle mettre les remboursements de ses adherents chez OVH Hosted Private Cloud en 2022 ?",
                   dt.date(2022, 12, 31), "fr")
    assert u.data_unknown
    assert verdicts_for(u, "fr")[0]["verdict"] in ("eligible", "undetermined")
    # "sans donnée de santé" settles it: no question asked
    u = understand("Une mutuelle peut-elle mettre les remboursements, sans donnees de sante, sur AWS ?", TODAY, "fr")
    assert not u.data_options


@pytest.mark.parametrize("text", ["les comptes rendus operatoires", "les ordonnances medicales", "les signalements de cas de covid",
                                  "les dossiers de medecine de prevention", "patients' prescriptions", "pregnancy follow-up"])
def test_recital_35_classes_are_health_data(text):
    assert "health" in named_data(text)[0]


def test_a_pharmacy_or_a_private_nurse_is_a_private_care_setting():
    for question in ("je suis pharmacien, puis-je garder les ordonnances de mes clients chez OVH ?",
                     "je suis infirmiere liberale, je peux mettre mes transmissions sur google drive ?",
                     "can a pharmacy keep its customers prescriptions on google cloud"):
        assert customer_named(question).kind == "private"
    # "ordonnances" where care is given are health data; a court's rulings are not read so
    assert "health" in named_data("le pharmacien garde les ordonnances de ses clients")[0]
    assert "health" not in named_data("le tribunal garde ses ordonnances")[0]
    # a veterinary clinic stays a company whose records hold no human health data
    assert customer_named("Une clinique veterinaire peut-elle heberger ses fichiers chez OVH ?").kind == "private"


def test_a_harm_that_names_what_it_harms_affirms_the_breach_criterion():
    assert sensitivity_criteria("s'ils fuitaient, des gens pourraient en mourir") == {"breach_impact": True}
    assert sensitivity_criteria("a leak could cost lives") == {"breach_impact": True}
    assert sensitivity_criteria("sa fuite ne ferait aucun mort") == {"breach_impact": False}
    u = understand("Notre ministere veut mettre sur Azure des dossiers proteges par le secret medical ; "
                   "s'ils fuitaient, des gens pourraient en mourir. On peut ?", TODAY, "fr")
    assert verdicts_for(u, "fr")[0]["verdict"] == "not_eligible"


@pytest.mark.parametrize("text,day", [
    ("Au moment de la loi SREN, un operateur de l'Etat pouvait-il", dt.date(2024, 5, 21)),
    ("a week after the DINUM note, could a ministry", dt.date(2021, 9, 22)),
    ("trois mois avant la circulaire de 2023", dt.date(2023, 2, 28)),
    ("avant la circulaire", dt.date(2021, 7, 4)),  # unchanged: the day before
    ("depuis la loi SREN", dt.date(2024, 5, 21)),  # a span from the law's day (round 8: to today)
])
def test_event_dates_with_at_and_a_distance(text, day):
    found = find_date(text, TODAY)
    assert (found.start or found.date) == day


def test_bleu_in_lower_case_is_the_host_only_where_a_host_is_named():
    u = understand("is bleu ok for a ministry's particularly sensitive data now?", TODAY, "en")
    assert u.query and u.query["provider"] == "Bleu"
    assert any("Bleu" in a for a in u.assumptions)
    u = understand("peut-on mettre nos donnees chez bleu ?", TODAY, "fr")
    assert u.query and u.query["provider"] == "Bleu"
    assert understand("le logo bleu du ministere peut-il etre heberge ?", TODAY, "fr").query is None


def test_eligible_for_some_readings_and_outside_every_rule_for_the_others_is_asked_back():
    # a mutuelle's reimbursement statements: personal only -> no rule applies; health -> Outscale IaaS holds HDS (2021-09-28).
    # Two different verdicts: the data kind changes the answer, so it is asked (round 11; round 7 said "eligible").
    u = understand("une complementaire sante peut elle heberger les decomptes de ses assures chez Outscale IaaS en 2023 ?",
                   dt.date(2023, 12, 31), "fr")
    [v] = verdicts_for(u, "fr")
    assert v["verdict"] == "undetermined", v
    assert [m["name"] for m in v["missing_facts"]] == ["data_kind"]
    assert v["by_data"]["health"] == "eligible" and v["by_data"]["personal"] == "not_applicable", v["by_data"]
    assert "La réponse change selon le type de données" in v["why"]
    # but a reading that leaves a fact unknown keeps the question: a county council's case notes on AWS today
    u = understand("Can our county council keep its social workers' case notes on AWS?", TODAY, "en")
    assert verdicts_for(u, "en")[0]["verdict"] == "undetermined"


def test_a_bare_question_stating_the_criteria_is_an_eligibility_question():
    u = understand("We're a ministry. Our inspection reports are covered by professional secrecy and if they leaked "
                   "people could get killed. AWS today?", TODAY, "en")
    assert u.query and u.query["facts"]["sensitive_by_nature"] and u.query["facts"]["breach_impact"]
    assert verdicts_for(u, "en")[0]["verdict"] == "not_eligible"


def test_records_about_people_named_a_few_words_before_them_are_personal_data():
    u = understand("En 2022, une prefecture pouvait-elle mettre le fichier des cartes grises des usagers sur Azure ?",
                   dt.date(2022, 12, 31), "fr")
    assert u.query["data"] == ["personal"] and u.query["facts"]["citizens_data"]
    assert verdicts_for(u, "fr")[0]["verdict"] == "not_eligible"  # R9 2021: citizens' personal data; no SecNumCloud


@pytest.mark.parametrize("text", ["les PAI des enfants allergiques", "genetic data of the biobank", "les resultats des prelevements"])
def test_genetic_data_samples_and_allergies_are_health_data(text):
    assert "health" in named_data(text)[0]


def test_crpa_matters_said_without_the_word_secret_affirm_the_first_criterion():
    assert sensitivity_criteria("nos fichiers qui relevent de la defense nationale")["sensitive_by_nature"] is True
    assert sensitivity_criteria("our diplomatic cables are foreign policy secrets")["sensitive_by_nature"] is True


def test_neither_personal_nor_sensitive_and_an_agglo_are_read():
    u = understand("notre ministere a des donnees ni perso ni sensibles (on l'a verifie) : on peut prendre azur ou bien GCP ?", TODAY, "fr")
    assert u.query["data"] == ["other"] and u.query["facts"]["particularly_sensitive"] is False
    assert [v["verdict"] for v in verdicts_for(u, "fr")] == ["eligible", "eligible"]
    assert customer_named("La communaute d'agglo peut-elle heberger son etat civil sur GCP ?").not_types == ("state", "state_operator")


@pytest.mark.parametrize("question", [
    "l'appli du ministere ne contient ni donnees personnelles ni donnees sensibles. On peut la mettre sur AWS Cloud ?",
    "l'appli de reservation du ministere ne contient aucune donnee personnelle ni sensible. On peut la mettre sur AWS Cloud ?",
    "a ministry app with no personal data nor sensitive data: can it go on AWS Cloud?",
])
def test_data_kinds_denied_after_a_negation_word_are_ruled_out(question):
    # "ni données personnelles ni données sensibles" was read as personal and particularly sensitive
    # (a false "Non" on round 7's blind set, found after its end measure: tuned now)
    u = understand(question, TODAY, "en" if question.startswith("a ministry") else "fr")
    assert u.query["data"] == ["other"] and u.query["facts"]["particularly_sensitive"] is False
    assert [v["verdict"] for v in verdicts_for(u, "fr")] == ["eligible"]


def test_verbs_of_disturbing_what_they_name_are_harms():
    # "troublerait gravement l'ordre public" was not read (round 7's blind set, after its end measure: tuned now)
    assert sensitivity_criteria("leur divulgation troublerait gravement l'ordre public") == {"breach_impact": True}
    assert sensitivity_criteria("a leak would undermine public security") == {"breach_impact": True}
    assert sensitivity_criteria("sa fuite ne troublerait pas l'ordre public") == {"breach_impact": False}
    assert sensitivity_criteria("ce projet va perturber nos agents") == {}  # nothing the criterion names is harmed
