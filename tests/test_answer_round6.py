"""Round 6 readers of unseen wording: words typed without accents, the two 6404/SG criteria said
in plain words (affirmed, denied, or unknown), parts of periods ("début 2024"), bodies whose type
comes from their legal nature, records that hold no health data. Each reader leaves what the
question does not say unknown."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.customer import customer_named
from assistant.answer.dates import find_date
from assistant.answer.question import understand
from assistant.answer.record_kinds import names_non_health_records
from assistant.answer.sensitivity import sensitivity_criteria
from assistant.answer.verdicts import verdicts_for
from assistant.folding import accent_tolerant, tolerant_rx

TODAY = dt.date(2026, 11, 30)


def test_accent_tolerant_patterns_read_words_typed_without_accents():
    assert accent_tolerant("sécurité") == "s[ée]curit[ée]"
    assert accent_tolerant("[ÉE]tat") == "[ÉEE]tat"  # inside a class the base letter is added
    assert accent_tolerant(r"\é") == r"\é"  # an escaped character stays as written
    rx = tolerant_rx(r"sensibilité\s+particulière", 2)
    assert rx.search("sans aucune sensibilite particuliere") and rx.search("Sensibilité particulière")
    assert not rx.search("sensibilitx particuliere")


@pytest.mark.parametrize("question,expected", [
    # both criteria in plain words
    ("Our ministry holds files covered by tax secrecy; if they leaked it would threaten public security.",
     {"sensitive_by_nature": True, "breach_impact": True}),
    ("des donnees couvertes par le secret medical dont la divulgation mettrait des vies en danger",
     {"sensitive_by_nature": True, "breach_impact": True}),
    ("documents relevant du secret des affaires dont la divulgation nuirait a la propriete intellectuelle",
     {"sensitive_by_nature": True, "breach_impact": True}),
    ("data needed for an essential State mission", {"sensitive_by_use": True}),
    # denied, the negation reaching every cue of its clause
    ("des donnees RH qui ne relevent d'aucun secret protege par la loi ni d'une mission essentielle",
     {"sensitive_by_nature": False, "sensitive_by_use": False}),
    # one clause affirms, the next ("mais …") denies
    ("couvertes par le secret professionnel mais leur fuite n'aurait aucune consequence grave",
     {"sensitive_by_nature": True, "breach_impact": False}),
    ("no legal secret is involved and a breach would not harm anyone", {"sensitive_by_nature": False, "breach_impact": False}),
    # open world: nothing said is nothing read; a data kind alone is not a criterion
    ("Can a ministry put its HR data on AWS?", {}),
    ("Un ministère peut-il héberger des données de santé sur Azure ?", {}),
    ("a serious question about health data", {}),  # a general word does not affirm harm
])
def test_the_two_sensitivity_criteria_are_read_clause_by_clause(question, expected):
    assert sensitivity_criteria(question) == expected


@pytest.mark.parametrize("text,first,last,shown", [
    # round 8: a part of a year is a span (its verdict is checked over every day of it), given for its
    # conventional day (round 6's: "early 2024" = 02-01, "fin 2021" = 12-31, autumn = 11-01)
    ("debut 2023", dt.date(2023, 1, 1), dt.date(2023, 2, 28), dt.date(2023, 2, 1)),
    ("In early 2024, could", dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 2, 1)),
    ("fin 2021 on a bascule", dt.date(2021, 10, 1), dt.date(2021, 12, 31), dt.date(2021, 12, 31)),
    ("back in autumn 2021", dt.date(2021, 9, 1), dt.date(2021, 11, 30), dt.date(2021, 11, 1)),
    ("fin septembre 2021", dt.date(2021, 9, 21), dt.date(2021, 9, 30), dt.date(2021, 9, 30)),
    ("mid-2024", dt.date(2024, 6, 1), dt.date(2024, 7, 31), dt.date(2024, 7, 1)),
    ("au début de l'année 2022", dt.date(2022, 1, 1), dt.date(2022, 2, 28), dt.date(2022, 2, 1)),
    ("late 2026", dt.date(2026, 10, 1), TODAY, TODAY),  # capped at today
])
def test_parts_of_a_period_are_read_as_spans_and_said(text, first, last, shown):
    found = find_date(text, TODAY)
    assert found is not None and (found.start, found.last, found.date) == (first, last, shown)
    assert found.precision == "part" and found.text in text


def test_a_season_spanning_two_years_is_read_as_both_winters():
    """"hiver 2022" may be winter 2021-22 or 2022-23: the span covers both, and the verdict is
    asked back only when it differs inside (period_verdicts)."""
    found = find_date("hiver 2022", TODAY)
    assert (found.start, found.last) == (dt.date(2021, 12, 1), dt.date(2023, 2, 28)) and found.reading


@pytest.mark.parametrize("question,kind", [
    ("Le CH de Dax peut-il héberger ses données ?", "health_facility"),
    ("notre EPSM peut il", "health_facility"),
    ("Est-ce qu'une ARS pouvait mettre des donnees de sante sur Azure ?", "state_operator"),
    ("Can Santé publique France use AWS?", "state_operator"),
    ("une mutuelle pouvait elle stocker", "private"),
    ("could a health insurer keep its members' data", "private"),
])
def test_bodies_typed_by_their_legal_nature(question, kind):
    named = customer_named(question)
    assert named.kind == kind and not named.candidates


def test_a_local_body_is_never_the_state_but_its_category_stays_open():
    named = customer_named("Could a nursing home store its residents' health records on Azure?")
    assert named.kind is None and named.words and named.not_understood
    assert set(named.candidates) == {"local_authority", "health_facility", "private"}
    unknown = customer_named("Our regional chamber of agriculture wants to move its staff HR files to GCP.")
    assert unknown.words == "regional chamber of agriculture" and len(unknown.candidates) == 5  # nothing ruled out


def test_a_verdict_the_same_for_every_category_left_is_given_and_said():
    u = understand("Could a nursing home store its residents' health records on Microsoft Azure in 2022?", dt.date(2022, 12, 31), "en")
    [v] = verdicts_for(u, "en")
    assert v["verdict"] == "eligible" and v["why"].startswith('Whatever the category of "nursing home"')
    assert "the State" not in v["why"]


def test_a_verdict_that_differs_by_category_asks_it_and_does_not_speak_for_the_state():
    u = understand("I'm the CIO of a public interest grouping in e-health. Could we host patient data on Azure in 2022?",
                   dt.date(2022, 12, 31), "en")
    [v] = verdicts_for(u, "en")
    assert v["verdict"] == "undetermined"
    assert v["why"].startswith('The answer depends on the category of "public interest grouping"')
    # round 12: one clause per outcome ("not eligible for …; eligible for …")
    assert "not eligible for a ministry or central administration" in v["why"]
    assert "; eligible for" in v["why"] and "a health facility" in v["why"].split("; eligible for")[1]
    assert [m["name"] for m in v["missing_facts"]][0] == "customer"


def test_records_that_hold_no_health_data_are_not_asked_about_health():
    assert names_non_health_records("Can a town hall keep its council minutes in Google Workspace?")
    assert names_non_health_records("les PV du comite de direction")
    assert not names_non_health_records("Can a town hall keep its files in Google Workspace?")
    u = understand("Can a town hall of 12,000 people keep its council minutes in Google Workspace?", TODAY, "en")
    assert u.query["data"] == ["other"] and not u.data_unknown
    # unknown stays unknown: a word no reader knows leaves the data kind to be asked
    u = understand("Can a town hall keep its stuff in Google Workspace?", TODAY, "en")
    assert u.data_unknown


def test_declared_sensitivity_and_criteria_reach_the_checker_query():
    u = understand("Je bosse dans un ministere : on voudrait mettre les PV du comite de direction sur Google Workspace, "
                   "sans aucune sensibilite particuliere, ca passe ?", TODAY, "fr")
    assert "sensitive" not in u.query["data"] and u.query["facts"]["particularly_sensitive"] is False
    [v] = verdicts_for(u, "fr")
    assert v["verdict"] == "eligible"
    u = understand("Notre ministere veut mettre sur AWS des donnees RH qui ne relevent d'aucun secret protege par la loi "
                   "ni d'une mission essentielle, c'est ok ?", TODAY, "fr")
    assert u.query["facts"]["sensitive_by_nature"] is False and u.query["facts"]["sensitive_by_use"] is False
    assert verdicts_for(u, "fr")[0]["verdict"] == "eligible"
    # the first criterion alone leaves the second unknown: asked, never "eligible"
    u = understand("Un ministère peut-il mettre sur AWS des données couvertes par le secret médical ?", TODAY, "fr")
    assert verdicts_for(u, "fr")[0]["verdict"] != "eligible"


@pytest.mark.parametrize("question,personal,public", [
    ("Une clinique veterinaire peut-elle heberger ses fichiers clients chez OVH ?", True, False),  # French apposition
    ("Can we keep our customers' order history on AWS?", True, False),  # any noun owned by people
    ("host taxpayers' files on Microsoft Azure", True, True),  # members of the public: R9 2021's citizens
    ("les dossiers RSA des allocataires", True, True),
    ("our staff rota", True, False),
    ("Can we keep our order history on AWS?", False, False),  # no people named: unknown, not personal
])
def test_records_about_people_and_about_the_public(question, personal, public):
    from assistant.answer.people_data import names_people_records, names_public_records
    assert names_people_records(question) is personal
    assert names_public_records(question) is public


def test_records_about_the_public_are_sensitive_in_2021_wording_only_through_the_rules():
    u = understand("Is it OK for a French ministry to host taxpayers' files on Microsoft Azure at the end of 2022?", dt.date(2022, 12, 31), "en")
    assert u.query["facts"]["citizens_data"] is True and u.query["data"] == ["personal"]
    assert verdicts_for(u, "en")[0]["verdict"] == "not_eligible"  # R9 2021: citizens' personal data; no SecNumCloud
    u = understand("Is it OK for a French ministry to host taxpayers' files on Microsoft Azure today?", TODAY, "en")
    assert verdicts_for(u, "en")[0]["verdict"] == "undetermined"  # since 6404/SG the two criteria decide: asked


def test_no_patient_data_rules_health_out_and_a_vet_clinic_is_not_a_health_facility():
    u = understand("Our hospital wants to put its staff rota (no patient data) on Google Workspace, any issue?", TODAY, "en")
    assert u.query["data"] == ["personal"] and u.query["customer"] == "health_facility" and not u.data_unknown
    assert customer_named("Une clinique vétérinaire peut-elle héberger ses fichiers ?").kind == "private"
    assert customer_named("Une clinique peut-elle héberger ses fichiers ?").kind == "health_facility"


def test_reports_in_a_place_of_care_are_health_data_but_not_elsewhere():
    from assistant.checker import named_data
    assert "health" in named_data("stocker les résultats d'analyses des résidents de notre EHPAD")[0]
    assert "health" not in named_data("stocker les résultats d'analyses de notre mairie")[0]
