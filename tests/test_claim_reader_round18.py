"""Round 18 of the claim reader, tuned on blind16 (spent) and fresh18's tune half, never on fresh18's test
half: a label obtained with its year put first, or held in a past named by a year or a season, is history;
"far from" / "loin d'être" deny; "bars … from" forbids; "se fier à" is a verb of use and "keep … off it"
refuses; an adverb of contrast after a comma ("à l'opposé", "on the other hand") opens a clause; "placement"
is a noun of choice, "piètre" grades it as unfit, "c'est du sur-mesure" as fit.
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text", [
    "En 2020, Docaposte a obtenu la certification HDS pour ses datacenters.",
    "In 2017 Cloud Temple obtained the HDS certification for its platform.",
    "NumSpot détenait déjà la qualification SecNumCloud à l'été 2024.",
    "Oodrive already held the SecNumCloud qualification in the spring of 2019.",
])
def test_a_dated_obtaining_or_holding_is_history(text):
    assert _read(text) == []


def test_a_past_decision_with_its_year_first_is_still_a_claim():
    assert _read("En 2023, la mairie a retenu Scaleway Cloud pour sa paie.") == [("Scaleway", "eligible")]


@pytest.mark.parametrize("text, expected", [
    ("It is far from forbidden for the clinic to host its lab results on NumSpot.", [("NumSpot", "eligible")]),
    ("Il est loin d'être interdit pour la région d'héberger ses dossiers RH sur Cloud Avenue.",
     [("Orange Business", "eligible")]),
    ("Not one rule bars the insurer from keeping its claims files on Scaleway Cloud.", [("Scaleway", "eligible")]),
    ("The doctrine bars the ministry from storing its sensitive data on AWS Cloud.",
     [("Amazon Web Services", "not_eligible")]),
])
def test_far_from_denies_and_bars_from_forbids(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Secure Temple ? La clinique peut s'y fier pour ses dossiers patients.", [("Cloud Temple", "eligible")]),
    ("As for Azure, the ministry must keep its sensitive mail off it.", [("Microsoft", "not_eligible")]),
])
def test_a_pronoun_after_a_topic(text, expected):
    assert _read(text) == expected


def test_keeping_backups_off_site_refuses_nothing():
    assert _read("The clinic keeps its backups off-site on Scaleway Cloud for its patient records.") == [
        ("Scaleway", "eligible")]


@pytest.mark.parametrize("text, expected", [
    ("NumSpot est validé pour les données sensibles du ministère, à l'opposé, Gmail est proscrit.",
     [("Google", "not_eligible"), ("NumSpot", "eligible")]),
    ("Cloud Avenue is approved for the town hall's payroll, on the other hand Azure is ruled out.",
     [("Microsoft", "not_eligible"), ("Orange Business", "eligible")]),
    ("Cloud Temple is qualified for the ministry's data; AWS, on the other hand, is not.",
     [("Amazon Web Services", "not_eligible"), ("Cloud Temple", "eligible")]),
])
def test_an_adverb_of_contrast_after_a_comma_opens_a_clause(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Azure serait une piètre solution pour les dossiers patients du CHU.", [("Microsoft", "not_eligible")]),
    ("NumSpot serait un excellent placement pour les données sensibles de la DNUM.", [("NumSpot", "eligible")]),
    ("Pour la paie de la commune, Cloud Avenue, c'est du sur-mesure.", [("Orange Business", "eligible")]),
])
def test_evaluative_placement_piètre_and_sur_mesure(text, expected):
    assert _read(text) == expected
