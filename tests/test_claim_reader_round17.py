"""Round 17 of the claim reader, tuned on fresh17's tune half and on fresh16's misses (its test half is
spent), never on fresh17's test half: an act judged a mistake by its copula ("serait une erreur", "would
be a costly mistake") is refused; "assure que" / "insists that" report at a distance; "n'est pas la seule"
denies no predicate; choosing a provider to host data ("a choisi X pour héberger …") is a decision, a
choice for another reason is none; "may stay on X" is a verb of use; a bracket that opens on a verdict
("(fully compliant for …)", "(non conforme …)") gives it to the clause before; a second decision after
", and" shares the purpose of the first.
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, expected", [
    ("Honnêtement, stocker la paie de la commune chez AWS serait une grave erreur.", [("Amazon Web Services", "not_eligible")]),
    ("Frankly, putting the clinic's lab results on Google Cloud Platform would be a costly mistake.",
     [("Google", "not_eligible")]),
    ("Ce ne serait pas une erreur de garder les dossiers du CHU chez Cloud Temple.", [("Cloud Temple", "eligible")]),
])
def test_an_act_judged_a_mistake_is_refused_and_its_denial_permits(text, expected):
    assert _read(text) == expected


def test_a_mistake_of_a_kind_is_no_judgement_of_the_use():
    # "une erreur de configuration" names a mistake, not the use judged one: no `mistake` predicate
    from assistant.checker.assertions import predicate
    found = predicate("Une erreur de configuration chez Scaleway est à l'origine de la panne.")
    assert found is None or found.name != "mistake"


@pytest.mark.parametrize("text", [
    "L'intégrateur assure que Google Workspace convient à la messagerie de la préfecture.",
    "The reseller insists that Azure is fine for the hospital's patient records.",
])
def test_assuring_and_insisting_report_at_a_distance(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Microsoft 365 n'est pas la seule suite proscrite pour la messagerie du ministère.", [("Microsoft", "not_eligible")]),
    ("Docaposte et Oodrive ne sont pas les seuls hébergeurs retenus pour la paie de la commune.",
     [("Docaposte", "eligible"), ("Oodrive", "eligible")]),
])
def test_not_the_only_one_in_french_denies_no_predicate(text, expected):
    assert _read(text) == expected


def test_choosing_a_provider_to_host_data_is_a_decision():
    assert _read("Le conseil départemental a choisi Scaleway Cloud pour stocker les dossiers de ses agents.") == [
        ("Scaleway", "eligible")]
    assert _read("The prefecture chose NumSpot for its sensitive files.") == [("NumSpot", "eligible")]


@pytest.mark.parametrize("text", [
    "La mairie a choisi Oodrive pour la qualité de son support.",
    "Le CHU n'a pas encore choisi entre Docaposte et Cloud Temple pour ses dossiers patients.",
    "The region picked Scaleway over AWS for its lower prices.",
])
def test_a_choice_for_another_reason_or_still_open_is_no_decision(text):
    # the rules read no decision (the polarity model may still read such a sentence, as before round 17)
    from assistant.checker.assertions import predicate
    assert predicate(text) is None


def test_staying_on_an_offer_is_a_verb_of_use():
    assert _read("The prefecture's sensitive archive can stay on Bleu.") == [("Bleu", "eligible")]
    assert _read("The clinic's patient records cannot remain on Google Workspace.") == [("Google", "not_eligible")]


@pytest.mark.parametrize("text, expected", [
    ("Last year the département moved its HR files to Oodrive (fully compliant for that data).", [("Oodrive", "eligible")]),
    ("Le GHT a transféré ses dossiers patients vers Azure (non conforme à l'HDS).", [("Microsoft", "not_eligible")]),
    ("The prefecture moved its sensitive mail to Google Workspace (not qualified for such data).", [("Google", "not_eligible")]),
])
def test_a_bracket_opening_on_a_verdict_gives_it_to_the_clause_before(text, expected):
    assert _read(text) == expected


def test_a_bracket_of_owners_is_no_verdict():
    assert _read("S3NS (Thales et Google) est retenu pour les données sensibles de la DNUM.") == [("S3NS", "eligible")]


def test_a_second_decision_after_and_shares_the_purpose_of_the_first():
    text = "The council approved Cloud Avenue for the town's payroll, and turned down Microsoft 365."
    assert _read(text) == [("Microsoft", "not_eligible"), ("Orange Business", "eligible")]
    text = "La DNUM a retenu NumSpot pour ses annuaires sensibles, et a écarté AWS."
    assert _read(text) == [("Amazon Web Services", "not_eligible"), ("NumSpot", "eligible")]
