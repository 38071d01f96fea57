"""The claim reader's round-22 classes (issue 13), one test per class: a certificate held since a date is history, a
topic put as a question and taken up by a pronoun object of a modal, adverbials of certainty answering a question,
"the operator of the State" as a State operator, "in no way", an attributive adjective that grades a noun and not
the use, nouns of a step taken graded like a choice, the denial of an unwise act, and the reading rate of fresh22's
tune half."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.checker import extract_claims
from assistant.checker.claim_shapes import taken_up
from eval.blind.measure_audit import judge, load_cases

AS_OF = dt.date(2022, 1, 1)
CASES = Path(__file__).parent / "cases" / "extractor"


def read(text):
    return sorted((c.provider, c.stated, c.customer) for c in extract_claims(text, as_of=AS_OF))


@pytest.mark.parametrize("text", [
    "Docaposte détient la certification HDS depuis mars 2019.",
    "NumSpot has held its SecNumCloud qualification since 2024.",
])
def test_a_certificate_held_since_a_date_is_history(text):
    assert read(text) == []


@pytest.mark.parametrize("text,expected", [
    # the present state with a date stays a claim (round 20), and so does a possession followed by a use
    ("Azure est certifié HDS depuis novembre 2018.", [("Microsoft", "eligible", None)]),
    ("Cloud Temple détient la qualification SecNumCloud depuis 2022 et peut héberger des données sensibles.",
     [("Cloud Temple", "eligible", None)]),
])
def test_a_state_or_a_use_after_the_date_stays_a_claim(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Bleu? The clinic may not touch it for its patient records.", [("Bleu", "not_eligible", "health_facility")]),
    ("Scaleway ? La mairie peut l'adopter pour son centre de santé.", [("Scaleway", "eligible", "local_authority")]),
    ("NumSpot ? Le ministère ne doit pas y toucher pour ses données sensibles.", [("NumSpot", "not_eligible", "state")]),
])
def test_a_topic_taken_up_by_a_pronoun_object_of_a_modal(text, expected):
    assert read(text) == expected


def test_a_pronoun_not_governed_by_a_modal_says_nothing():
    assert taken_up(" We will revisit it next year.") is None
    assert taken_up(" The ministry should steer well clear of it.") is None  # "of it": no object of the modal's verb
    assert read("Azure? Nobody knows. We may revisit it next year.") == []


@pytest.mark.parametrize("text,stated", [
    ("Is Oodrive's SaaS acceptable for the clinic's records — unquestionably.", "eligible"),
    ("Is Google Workspace forbidden for the ministry's sensitive files — beyond any doubt.", "not_eligible"),
])
def test_an_adverbial_of_certainty_answers_the_question(text, stated):
    assert [c.stated for c in extract_claims(text, as_of=AS_OF)] == [stated]


def test_the_operator_of_the_state_is_a_state_operator():
    assert read("The operator of the State's research files may be hosted on Secure Temple.") == [
        ("Cloud Temple", "eligible", "state_operator")]


def test_in_no_way_is_a_negation():
    assert read("It is in no way lawful for the ministry to keep its sensitive files on Azure.") == [
        ("Microsoft", "not_eligible", "state")]


def test_an_attributive_adjective_is_no_grade_of_the_use():
    assert read("Scaleway is legal for the clinic's records.") == [("Scaleway", "eligible", "health_facility")]
    assert [c.stated for c in extract_claims("Azure is a legal morass for the ministry's files.", as_of=AS_OF)] == [
        "not_eligible"]


@pytest.mark.parametrize("text,stated", [
    ("Putting the clinic's records on Scaleway would be a judicious move.", "eligible"),
    ("Putting the ministry's sensitive files on Azure would be an unwise step.", "not_eligible"),
    ("It is not unreasonable for the clinic to keep its records on Scaleway.", "eligible"),
    ("Il serait imprudent de confier les données sensibles du ministère à Azure.", "not_eligible"),
])
def test_a_step_graded_and_an_unwise_act_denied(text, stated):
    assert [c.stated for c in extract_claims(text, as_of=AS_OF)] == [stated]


def test_fresh22_tune_half_is_read():
    """fresh22's tune half (written before any run this round; the words above were fitted on it): nearly every
    sentence read right. Its test half is in test-part/ (tests/test_extractor_cases.py)."""
    rows = [judge(c) for c in load_cases(CASES / "fresh22")]
    right = sum(r["right"] for r in rows)
    assert len(rows) >= 30 and right / len(rows) >= 0.9, f"{right}/{len(rows)}"
