"""Round 8 ("verdicts"): sensitivity said absent in paraphrase, typing slips of provider and offer
names, offers named in other words, a body's own trade records. Real pipeline (question reading,
checker, registry data), no mocks."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.question import understand
from assistant.answer.record_kinds import names_non_health_records
from assistant.answer.sensitivity import declared_not_sensitive
from assistant.answer.verdicts import verdicts_for
from assistant.checker import approximate, is_near, offer_words
from assistant.datafile import read_yaml

TODAY = dt.date(2026, 11, 30)


def _verdict(question: str, lang: str, as_of: dt.date = TODAY) -> tuple:
    u = understand(question, as_of, lang)
    return u, verdicts_for(u, lang)[0]


@pytest.mark.parametrize("text,reading", [
    ("des fichiers qu'on a juges sans enjeu de sensibilite", "plain"),
    ("ces releves ne presentent aucun caractere sensible", "plain"),
    ("there is nothing confidential or sensitive in it", "plain"),
    ("the export isn't sensitive at all", "plain"),
    ("des donnees pas critiques du tout", "plain"),
    ("evaluees comme n'etant pas d'une sensibilite particuliere", "particular"),
    ("data that are not of particular sensitivity", "particular"),
])
def test_sensitivity_said_absent_in_other_words(text, reading):
    assert declared_not_sensitive(text) == reading


@pytest.mark.parametrize("text", [
    "Un ministère ne peut-il pas mettre ses données sensibles sur AWS ?",  # the negation governs the verb
    "pas de données de santé, mais des données sensibles",
    "sans savoir si c'est sensible",
    "we are not sure whether it is sensitive",
    "données d'une sensibilité particulière",
])
def test_a_sensitive_word_no_negation_governs_is_not_denied(text):
    assert declared_not_sensitive(text) is None


def test_sensitivity_said_absent_gives_free_choice_and_never_a_false_eligible():
    u, v = _verdict("Au ministère, notre intranet ne contient rien de confidentiel : Azure aujourd'hui, ça passe ?", "fr")
    assert u.query["facts"]["particularly_sensitive"] is False and v["verdict"] == "eligible"
    _, v = _verdict("Un ministère ne peut-il pas mettre ses données sensibles sur AWS ?", "fr")
    assert v["verdict"] == "not_eligible"


def test_a_plain_denial_rules_out_the_health_reading_but_the_doctrine_term_does_not_ask_it_away():
    # GDPR art. 9(1): health data are among the "sensitive" (special) categories
    u = understand("Une mutuelle peut-elle mettre ses remboursements, rien de sensible la-dedans, sur AWS ?", TODAY, "fr")
    assert not u.data_options and u.query["data"] == ["personal"]


def test_no_legal_secret_and_no_harm_reads_as_not_sensitive_and_not_health():
    u, v = _verdict("Au ministere des sports, les plannings des gymnases ne relevent d'aucun secret protege par la loi et leur "
                    "divulgation ne nuirait a personne. Google Cloud Platform aujourd'hui, possible ?", "fr")
    assert u.query["facts"]["sensitive_by_nature"] is False and not u.data_unknown
    assert v["verdict"] == "eligible"


@pytest.mark.parametrize("word,name,near", [
    ("amazone", "Amazon", True), ("Microsfot", "Microsoft", True), ("goggle", "Google", True), ("azur", "Azure", True),
    ("privte", "private", True), ("scalway", "Scaleway", True),
    ("suite", "GSuite", False), ("team", "tea", False), ("clod", "cloud", True), ("cloud", "clown", False), ("abc", "abd", False), ("Oodrive", "drive", False),
])
def test_typing_slips_by_length_keep_the_first_letter(word, name, near):
    assert is_near(word, name) is near


@pytest.mark.parametrize("text", ["our team wants to use it", "les exchanges avec la DGS", "dans ce sens", "la suite office"])
def test_ordinary_words_are_not_taken_for_a_near_name(text):
    assert approximate(text) == []


def test_a_near_provider_and_a_near_offer_are_said_as_understood():
    u, v = _verdict("Le ministere peut-il mettre des donnees d'une sensibilite particuliere sur Goggle Cloud ?", "fr")
    assert u.query["provider"] == "Google" and any("Goggle" in a and "Google" in a for a in u.assumptions)
    assert v["verdict"] == "not_eligible"  # Google's CLOUD Act is company-level: every offer fails B3
    u, v = _verdict("OVH Hosted Privte Cloud for a ministry's particularly sensitive data in 2024?", "en", dt.date(2024, 12, 31))
    # round 20: the several-word name is now read whole ('"Hosted Privte Cloud" understood as …'), said once
    assert u.query["offer"] == "Hosted Private Cloud" and [a for a in u.assumptions if "rivte" in a] in (
        ['"privte" understood as Hosted Private Cloud.'], ['"Hosted Privte Cloud" understood as Hosted Private Cloud.'])
    assert v["verdict"] == "eligible"
    u = understand("could a clinic keep patient files on scalway cloud in 2025?", dt.date(2025, 3, 31), "en")
    assert u.query["offer"] == "Scaleway Cloud" and sum("scalway" in a for a in u.assumptions) == 1


@pytest.mark.parametrize("question,offer", [
    ("Un ministere peut-il mettre ses donnees d'une sensibilite particuliere sur l'offre d'infrastructure d'Outscale ?", "IaaS"),
    ("En 2022, un ministere pouvait-il passer ses agents sur la suite collaborative de Google ?", "Google Workspace"),
    ("can a ministry use Microsoft's online office for its staff?", "Microsoft 365"),
    ("le cloud public d'OVHcloud peut-il accueillir les donnees d'un ministere ?", "Public Cloud"),
    ("un ministere peut-il utiliser l'infrastructure cloud d'OVH ?", None),  # three IaaS offers: which one is asked
])
def test_offers_named_by_kind_or_in_french_words(question, offer):
    assert understand(question, TODAY, "fr" if " un " in question or " le " in question else "en").query["offer"] == offer


def test_offer_words_carry_their_source():
    raw = read_yaml(offer_words.__wrapped__.__globals__["_OFFER_WORDS"], "offer words")
    assert raw["source"]["registry"] and raw["source"]["collaboration_suite"] and raw["source"]["iaas_saas"]
    kinds, translations = offer_words()
    assert set(kinds) <= {"iaas", "saas", "collaboration_suite"} and translations["prive"] == "private"


def test_a_bodys_own_trade_records_are_outside_every_rule():
    assert names_non_health_records("its billing records") and names_non_health_records("les menus de la cantine")
    _, v = _verdict("an accounting firm wants to keep its billing records on azure - allowed?", "en")
    assert v["verdict"] == "not_applicable"


def test_every_body_word_is_read_by_entities_yaml():
    from assistant.answer.customer import body_words
    from assistant.checker import default_entities
    assert all(default_entities().find(f"le {word}") is not None for word in body_words())


@pytest.mark.parametrize("text,kind,read", [
    ("Le minsitere de l'interieur peut-il utiliser Azure ?", "state", "ministère"),
    ("la prefecure peut-elle utiliser AWS ?", "state", "préfecture"),
    ("can our hospitl use azure?", "health_facility", "hospital"),
])
def test_a_body_word_typed_with_a_slip_is_read_and_said(text, kind, read):
    u = understand(text + " for particularly sensitive data", TODAY, "fr")
    assert u.customer.kind == kind and u.customer.near[1] == read
    assert any(read in a and u.customer.near[0] in a for a in u.assumptions)


def test_a_swapped_acronym_keeps_the_open_world_of_its_body():
    from assistant.answer.customer import customer_named
    c = customer_named("Notre EPHAD public pouvait-il mettre les dossiers de soins sur AWS ?")
    assert c.near == ("EPHAD", "EHPAD") and c.kind is None and "state" in c.not_types


@pytest.mark.parametrize("text", ["on a un projet en commun avec AWS, c'est ok ?", "Marie veut utiliser AWS", "les communaux"])
def test_other_forms_and_names_are_not_slips(text):
    from assistant.answer.customer import customer_named
    assert customer_named(text).near == ()


def test_associations_are_private_and_schools_are_local_public_bodies():
    from assistant.answer.customer import customer_named
    assert customer_named("a nonprofit association wants to store its members' names on aws").kind == "private"
    lycee = customer_named("un lycee peut-il utiliser google workspace ?")
    assert lycee.kind is None and set(lycee.not_types) == {"state", "state_operator"}


@pytest.mark.parametrize("question,lang", [
    ("Notre clinique veut mettre sa facturation (aucune donnee patient) sur Azure : quelles regles s'appliquent ?", "fr"),
    ("which rules apply if our startup keeps its marketing stats (zero personal data) on Google Cloud Platform?", "en"),
])
def test_which_rules_apply_to_data_outside_every_rule_is_answered_not_applicable(question, lang):
    u, v = _verdict(question, lang)
    assert u.query is not None and v["verdict"] == "not_applicable"


def test_a_public_establishment_under_supervision_is_a_state_operator():
    from assistant.answer.customer import customer_named
    assert customer_named("Un etablissement public sous tutelle a des donnees perso").kind == "state_operator"


def test_a_medical_lab_is_a_private_place_of_care():
    u, v = _verdict("can a medical lab keep its test results on azure in 2023?", "en", dt.date(2023, 12, 31))
    assert u.customer.kind == "private" and "health" in u.query["data"] and v["verdict"] == "eligible"


@pytest.mark.parametrize("question", [
    "Can our clinic put its parking app on AWS? There are no staff or medical records in it.",
    "Our hospital's visitor wifi portal on Azure holds no patient, staff or clinical data: fine?",
])
def test_a_negation_governs_a_coordinated_list_of_data_kinds(question):
    # lead, after round 8's blind measure: "no patient or staff data" was read as health data
    u = understand(question, TODAY, "en")
    assert "health" not in u.query["data"] and not u.data_options


def test_a_coordinated_list_without_a_negation_still_names_health_data():
    u = understand("Can our clinic put its patient and staff records on AWS?", TODAY, "en")
    assert "health" in u.query["data"] or u.data_options
