"""Round 19 of the claim reader, tuned on fresh19's tune half, never on its test half: classes of evaluation read
by what they grade (obviousness, the superlative and the unequalled, blame, hesitation denied, a rebuff), "zéro"
denying a worry and the idioms of a safe investment, "point de salut hors de X" as exclusivity, and "could" after
"nobody" as an assertion. Each class is checked with its own polarity, with a negation that turns it, and with a
near-miss that must stay without a claim.
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, expected", [
    ("Pour l'archivage des comptes rendus de la clinique, NumSpot coule de source.", [("NumSpot", "eligible")]),
    ("Pour la messagerie du conseil régional, Cloud Avenue va de soi.", [("Orange Business", "eligible")]),
    ("For the town hall's payroll, Scaleway Cloud goes without saying.", [("Scaleway", "eligible")]),
])
def test_obviousness_permits(text, expected):
    assert _read(text) == expected


def test_obviousness_before_a_clause_leaves_the_clause_to_decide():
    assert _read("Il va de soi que le ministère ne peut pas héberger ses données sensibles sur AWS Cloud.") == [
        ("Amazon Web Services", "not_eligible")]


@pytest.mark.parametrize("text, expected", [
    ("Pour les dossiers patients du GHT, Secure Temple reste l'offre la plus fiable.", [("Cloud Temple", "eligible")]),
    ("Docaposte est de loin le prestataire le plus solide pour la paie de la commune.", [("Docaposte", "eligible")]),
    ("NumSpot is the safest host for the prefecture's sensitive files.", [("NumSpot", "eligible")]),
    ("For the clinic's imaging archive, Cloud Temple is unrivalled.", [("Cloud Temple", "eligible")]),
    ("Bleu is second to none for the ministry's sensitive mail.", [("Bleu", "eligible")]),
    ("Pour les données sensibles de la préfecture, Bleu est hors pair.", [("Bleu", "eligible")]),
    ("AWS Cloud est l'offre la moins sûre pour les données sensibles du ministère.",
     [("Amazon Web Services", "not_eligible")]),
    ("Google Workspace is the least compliant option for the prefecture's HR files.", [("Google", "not_eligible")]),
])
def test_the_superlative_grades_a_use(text, expected):
    assert _read(text) == expected


def test_a_bare_comparison_with_que_is_not_a_superlative():
    # "la plus sûre que …" is a comparison against a standard, not the first among all
    assert _read("Pour la mairie, la solution la plus sûre que Scaleway propose reste à choisir.") == []


@pytest.mark.parametrize("text, expected", [
    ("No one could fault the insurer for keeping its claims files on Oodrive.", [("Oodrive", "eligible")]),
    ("The auditors blamed the county council for storing its payroll on Google Workspace.",
     [("Google", "not_eligible")]),
    ("On ne peut pas reprocher à la clinique de stocker ses résultats d'analyses chez NumSpot.",
     [("NumSpot", "eligible")]),
    ("La CNIL a reproché au ministère de stocker ses données sensibles sur Azure.", [("Microsoft", "not_eligible")]),
])
def test_blame_forbids_and_its_denial_permits(text, expected):
    assert _read(text) == expected


def test_could_after_a_plain_subject_still_hedges():
    assert _read("The auditors could fault the county council for storing its payroll on Google Workspace.") == []


@pytest.mark.parametrize("text, expected", [
    ("We would not think twice about keeping the hospital's PACS on Cloud Temple.", [("Cloud Temple", "eligible")]),
    ("Je n'hésiterais pas une seconde à confier la paie de la mairie à Docaposte.", [("Docaposte", "eligible")]),
    ("La région a choisi sans hésiter Scaleway Cloud pour héberger ses dossiers RH.", [("Scaleway", "eligible")]),
    ("The DPO signed off on NumSpot for the prefecture's files without a second thought.", [("NumSpot", "eligible")]),
])
def test_a_hesitation_denied_permits(text, expected):
    assert _read(text) == expected


def test_a_hesitation_not_denied_is_no_claim():
    assert _read("La DSI hésite encore à confier la paie de la mairie à Docaposte.") == []


@pytest.mark.parametrize("text, expected", [
    ("Pour les dossiers patients du CHU, Azure a été éconduit.", [("Microsoft", "not_eligible")]),
    ("Google Cloud Platform was sent packing for the ministry's sensitive data.", [("Google", "not_eligible")]),
    ("Outscale a été retenu pour les données sensibles de la préfecture, tandis que GCP a été renvoyé dans ses buts.",
     [("3DS Outscale", "eligible"), ("Google", "not_eligible")]),
])
def test_a_rebuff_refuses(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Zéro problème pour héberger les comptes rendus de la clinique chez Cloud Temple.", [("Cloud Temple", "eligible")]),
    ("Zero issues with keeping the town hall's payroll on Scaleway Cloud.", [("Scaleway", "eligible")]),
    ("Pour la paie du département, Docaposte est une valeur refuge.", [("Docaposte", "eligible")]),
    ("Pour les fichiers RH de la commune, Oodrive, c'est un choix de père de famille.", [("Oodrive", "eligible")]),
    ("For the insurer's claims files, Oodrive is a blue-chip choice.", [("Oodrive", "eligible")]),
])
def test_zero_worry_and_a_safe_investment_permit(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Pour les dossiers patients du GHT, pas de salut hors de Secure Temple.", [("Cloud Temple", "eligible")]),
    ("Hors de Bleu, point de salut pour les données sensibles du ministère.", [("Bleu", "eligible")]),
])
def test_no_salvation_outside_one_name_is_exclusivity(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Le groupement a testé Cloud Avenue en mars. Il n'est pas conforme pour les dossiers patients de la clinique.",
     [("Orange Business", "not_eligible")]),
    ("Our architects benchmarked NumSpot in the spring. It is approved for the prefecture's sensitive files.",
     [("NumSpot", "eligible")]),
])
def test_a_pronoun_takes_up_the_provider_a_plain_statement_introduced(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "Est-ce que le groupement a testé Cloud Avenue ? Il n'est pas conforme pour les dossiers patients de la clinique.",
    "AWS et Azure ont été comparés en mars. Il n'est pas conforme pour les dossiers patients de la clinique.",
])
def test_a_question_or_two_providers_leave_the_pronoun_unresolved(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    ("There is no law against the insurer keeping its claims files on Scaleway Cloud.", [("Scaleway", "eligible")]),
    ("The ministry has a rule against storing sensitive data on Google Workspace.", [("Google", "not_eligible")]),
])
def test_a_rule_against_a_use_forbids_it(text, expected):
    assert _read(text) == expected
