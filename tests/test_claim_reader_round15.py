"""Round 15 of the claim reader (issue 13, item 3), tuned on fresh15's tune half and on the spent
blind14 / blind13 sets, never on fresh15's test half: "no reason … cannot" is a double negation;
a distancing verb of report ("claims that", "affirme que", "prétend que") asserts nothing, a neutral
one ("says", "selon") and the writer's "à tort" still do; ", yet X …" opens a clause; "passed for" a
use grants it; "taillé sur mesure" grades a use at the end of its clause; a qualification or a
certificate held at a past date ("était déjà certifiée HDS en janvier 2025", "was already
SecNumCloud-qualified in October 2021") is history; "le HPC d'OVH" is the Hosted Private Cloud.
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


def _offers(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, provider", [
    ("There is no reason the mutual insurer cannot keep its claims files on NumSpot.", "NumSpot"),
    ("I see no reason why the hospital should not store its lab results on Docaposte.", "Docaposte"),
])
def test_no_reason_cannot_is_a_permission(text, provider):
    assert _read(text) == [(provider, "eligible")]


@pytest.mark.parametrize("text", [
    "The integrator claims that Oodrive's SaaS suits the clinic's patient records.",
    "Scaleway alleges that its cloud is compliant for the ministry's sensitive data.",
    "L'éditeur affirme que NumSpot convient aux dossiers patients du CHU.",
    "Le commercial prétend que Google Workspace est conforme pour la messagerie du ministère.",
])
def test_a_distancing_report_is_no_claim(text):
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    # a neutral report keeps the claim it reports
    ("The DPO says Oodrive's SaaS suits the clinic's patient records.", [("Oodrive", "eligible")]),
    # the writer's "à tort" makes the report the writer's verdict
    ("Le prestataire soutient à tort que Scaleway est certifié pour les dossiers de la clinique.",
     [("Scaleway", "not_eligible")]),
])
def test_neutral_reports_and_the_writers_wrongly_still_claim(text, expected):
    assert _read(text) == expected


def test_yet_opens_a_contrast_clause():
    text = "Gmail was turned down for the prefecture's sensitive mail, yet NumSpot was approved."
    assert _read(text) == [("Google", "not_eligible"), ("NumSpot", "eligible")]


def test_passed_for_a_use_grants_it():
    assert _read("Cloud Temple passed for the ministry's sensitive archives.") == [("Cloud Temple", "eligible")]


def test_taille_sur_mesure_at_the_end_of_a_clause():
    text = "Pour les dossiers des adhérents de la mutuelle, NumSpot est taillé sur mesure."
    assert _read(text) == [("NumSpot", "eligible")]


@pytest.mark.parametrize("text", [
    "Oodrive était déjà certifiée HDS en mars 2023.",
    "Cloud Temple's Secure Temple was already SecNumCloud-qualified in 2022.",
    "NumSpot was reported as SecNumCloud-qualified in June 2024.",
])
def test_a_label_held_at_a_past_date_is_history(text):
    assert _read(text) == []


def test_hpc_d_ovh_is_the_hosted_private_cloud():
    text = "Le HPC d'OVH convient aux dossiers patients de la clinique."
    assert _offers(text) == [("OVHcloud", "Hosted Private Cloud", "eligible")]
