"""Round 16 of the claim reader (issue 13, item 3), tuned on fresh16's tune half and on the spent
blind15 set, never on fresh16's test half: "by no means" denies what it bears on; "not the only"
denies no predicate; boasting ("boasts that", "se targue de", "se vante de") is a report at a
distance; "tomber à pic" grades a use as fit and "a bad bet" as unfit; "Orange's trusted cloud" is
Bleu and "Thales's trusted cloud" is S3NS; the standard of a comparison ("plus sûr que X", "safer
than X") is no claim's subject, and a bare comparison ("X is safer than Y for …", "X est aussi
conforme que Y") states no verdict.
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


def test_by_no_means_prohibited_is_a_permission():
    text = "It is by no means prohibited for the clinic to keep its lab results on Docaposte."
    assert _read(text) == [("Docaposte", "eligible")]


@pytest.mark.parametrize("text, expected", [
    ("NumSpot is not the only provider that can host the ministry's sensitive data.", [("NumSpot", "eligible")]),
    ("Google Workspace is not the only suite banned for the hospital's patient records.",
     [("Google", "not_eligible")]),
])
def test_not_the_only_denies_the_exclusivity_not_the_verdict(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "The integrator boasts that Cloud Avenue suits the clinic's patient records.",
    "Le prestataire se vante de pouvoir héberger les dossiers patients du CHU sur Scaleway Cloud.",
])
def test_boasting_is_a_report_at_a_distance(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Pour les archives de la mutuelle, le SaaS d'Oodrive tombe à point nommé.", [("Oodrive", "eligible")]),
    ("Azure is a bad bet for the ministry's sensitive files.", [("Microsoft", "not_eligible")]),
])
def test_bets_and_timely_idioms_grade_a_use(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, provider", [
    ("Orange's trusted cloud is approved for the prefecture's sensitive mail.", "Bleu"),
    ("Thales's trusted cloud is cleared for the DNUM's sensitive directories.", "S3NS"),
])
def test_trusted_cloud_nicknames_in_english(text, provider):
    assert _read(text) == [(provider, "eligible")]


@pytest.mark.parametrize("text, expected", [
    ("NumSpot, plus sûr qu'Azure, est retenu pour les dossiers patients du CHU.", [("NumSpot", "eligible")]),
    ("Cloud Temple, more secure than AWS Cloud, was approved for the clinic's lab results.",
     [("Cloud Temple", "eligible")]),
])
def test_the_standard_of_a_comparison_is_no_subject(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "Outscale is safer than Google Cloud Platform for the hospital's imaging archive.",
    "Pour les dossiers RH de la région, Cloud Avenue est aussi conforme que NumSpot.",
    "Docaposte est bien plus sûr qu'AWS Cloud pour les données de santé de la mutuelle.",
])
def test_a_bare_comparison_states_no_verdict(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    # "as well as", "aussi bien … que" join two subjects, they compare nothing
    ("Cloud Temple as well as NumSpot are approved for the ministry's sensitive data.",
     [("Cloud Temple", "eligible"), ("NumSpot", "eligible")]),
    ("Aussi bien NumSpot que Bleu conviennent aux données sensibles du ministère.",
     [("Bleu", "eligible"), ("NumSpot", "eligible")]),
    # "plus que conforme" is a claim, more than compliant
    ("Le SaaS d'Oodrive est plus que conforme pour les dossiers patients de la clinique.", [("Oodrive", "eligible")]),
])
def test_what_is_not_a_comparison_keeps_its_claims(text, expected):
    assert _read(text) == expected


def test_a_bracketed_absolute_participle_is_a_clause_of_its_own():
    text = "Le comité a validé NumSpot pour les données sensibles du ministère (Azure étant écarté pour ces données)."
    assert _read(text) == [("Microsoft", "not_eligible"), ("NumSpot", "eligible")]


def test_a_bracket_naming_owners_is_still_no_subject():
    text = "S3NS (Thales et Google) est retenu pour les données sensibles du ministère."
    assert _read(text) == [("S3NS", "eligible")]


@pytest.mark.parametrize("text, expected", [
    ("Pour l'archivage des dossiers patients du CHU, le comité a retenu Cloud Temple.", [("Cloud Temple", "eligible")]),
    ("For the ministry's sensitive mail, the board chose NumSpot.", [("NumSpot", "eligible")]),
    ("Pour la messagerie sensible du ministère, la DSI a écarté Google Workspace.", [("Google", "not_eligible")]),
])
def test_a_decision_after_its_purpose(text, expected):
    assert _read(text) == expected


def test_a_decision_on_a_price_first_is_no_claim():
    assert _read("Pour des raisons budgétaires, la DSI a retenu Cloud Avenue.") == []


@pytest.mark.parametrize("text", [
    "La politique de sécurité de Scaleway présente Scaleway Cloud comme certifié HDS depuis 2023.",
    "Oodrive's data policy describes its SaaS as compliant with the HDS framework.",
])
def test_a_providers_policy_presenting_an_offer_is_a_report(text):
    assert _read(text) == []
