"""Round 7 of the claim reader (issue 13): classes of wording, not sentences.

- The claim language is read with or without accents ("a proscrire", "donnees de sante").
- Hedges are data: what is still to be checked ("reste à vérifier", "to be confirmed", "pas sûr
  que") asserts nothing, while "pas sur la liste" is no hedge.
- A provider's own page or brochure listing a certificate reports what it shows: no claim.
- An apposition naming who owns or formed a provider ("X, la coentreprise de Y et Z, …") names
  no subject; a place a provider runs ("its Paris region") is not a customer.
- Evaluative heads: a claim worded by what it rates ("irréprochable", "above board", "out of
  bounds", "c'est niet"), whatever its verb; negations compose with them.
- "may be fine …, but …" is a contrast of two clauses, each with its own polarity.
- A ministry's digital directorate (DNUM) is the State.
The sentences are written for these tests (not copied from the training, fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import non_assertion


def _read(text):
    return sorted((c.provider, c.stated, c.customer) for c in extract_claims(text))


def test_the_claim_language_reads_words_typed_without_accents():
    assert _read("Stocker les dossiers patients du CHU chez AWS : a eviter absolument.") == [
        ("Amazon Web Services", "not_eligible", "health_facility")]
    assert _read("Scaleway n'est pas autorise pour les donnees sensibles du ministere.") == [
        ("Scaleway", "not_eligible", "state")]


@pytest.mark.parametrize("text", [
    "Reste a verifier que Docaposte convient aux dossiers de la clinique.",
    "NumSpot for the ministry's sensitive files: to be confirmed.",
    "Pas sûre que Scaleway soit conforme pour les dossiers patients de l'hôpital.",
    "Whether Oodrive fits a town hall's records remains to be seen.",
    "Il n'est pas impossible qu'Outscale obtienne un jour le feu vert pour les données du ministère.",
])
def test_what_is_still_to_be_checked_asserts_nothing(text):
    assert extract_claims(text) == []


def test_pas_sur_la_liste_is_no_hedge():
    assert non_assertion("Google Workspace n'est pas sur la liste des offres autorisées pour les ministères.") is None
    assert _read("Google Workspace n'est pas sur la liste des offres autorisées pour les ministères.") == [
        ("Google", "not_eligible", "state")]


@pytest.mark.parametrize("text", [
    "Le site de Scaleway affiche la certification HDS parmi ses engagements.",
    "Oodrive's product brochure touts its HDS certificate on the first page.",
])
def test_a_providers_own_page_listing_a_certificate_is_a_report(text):
    assert non_assertion(text) == "report"
    assert extract_claims(text) == []


def test_owners_named_in_an_apposition_are_not_subjects():
    text = "Bleu, société détenue par Orange et Capgemini, est admis pour les données sensibles des ministères."
    assert _read(text) == [("Bleu", "eligible", "state")]
    text = "S3NS, the company formed by Thales and Google, is cleared for the ministries' sensitive data."
    assert _read(text) == [("S3NS", "eligible", "state")]


def test_an_apposition_is_read_only_when_it_names_owners():
    # a list of two providers is no apposition: both are subjects
    text = "OVHcloud, Outscale et Cloud Temple sont qualifiés pour les données sensibles des ministères."
    assert [p for p, _s, _c in _read(text)] == ["3DS Outscale", "Cloud Temple", "OVHcloud"]


def test_a_providers_own_region_is_not_a_customer():
    assert _read("Thanks to its Frankfurt region, Scaleway is compliant for the clinic's patient records.") == [
        ("Scaleway", "eligible", "health_facility")]
    assert _read("Grâce à sa région Paris, AWS est conforme pour les données de santé.") == [
        ("Amazon Web Services", "eligible", None)]
    # a région that is the customer stays one
    assert _read("La région peut héberger ses données de santé chez OVHcloud.") == [
        ("OVHcloud", "eligible", "local_authority")]


@pytest.mark.parametrize("text, expected", [
    ("Pour la DSI, Cloud Temple est irréprochable pour les données sensibles du ministère.",
     [("Cloud Temple", "eligible", "state")]),
    ("NumSpot is above board for the prefecture's sensitive records.", [("NumSpot", "eligible", "state")]),
    ("Keeping the clinic's patient files on Azure is out of bounds.", [("Microsoft", "not_eligible", "health_facility")]),
    ("Keeping the clinic's patient files on Azure is not out of bounds.", [("Microsoft", "eligible", "health_facility")]),
    ("Pour les dossiers patients de la clinique, Google Cloud Platform, c'est niet.",
     [("Google", "not_eligible", "health_facility")]),
    ("Oodrive tient la route pour les données de santé de la mutuelle.", [("Oodrive", "eligible", "private")]),
    ("Outscale ne tient pas la route pour les données de santé de l'hôpital.", [("3DS Outscale", "not_eligible", "health_facility")]),
])
def test_evaluative_heads_give_the_polarity_whatever_the_verb(text, expected):
    assert _read(text) == expected


def test_a_modal_copula_opens_the_first_half_of_a_contrast():
    text = "Scaleway may be fine for a commune's website, but it is unsuitable for the ministry's sensitive data."
    claims = extract_claims(text)
    assert sorted((c.stated, c.customer) for c in claims) == [("eligible", "local_authority"), ("not_eligible", "state")]
    fine = next(c for c in claims if c.stated == "eligible")
    assert "fine" in text[fine.clause_start:fine.clause_end] and "unsuitable" not in text[fine.clause_start:fine.clause_end]


def test_a_ministrys_digital_directorate_is_the_state():
    assert _read("La DNUM juge Cloud Temple conforme pour ses données sensibles.") == [("Cloud Temple", "eligible", "state")]
