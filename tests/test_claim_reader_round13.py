"""Round 13 of the claim reader (issue 13 part 3): evaluative phrases read from data, judgements in the
conditional, the regret of not having refused, ignorance, a qualification under way, dated events,
removal from a list, a denied bar.

- `evaluative_phrases.yaml` gives two predicate classes: "un bon choix", "une solution adaptée", "idéal
  pour", "a sound choice" permit; "un mauvais choix", "a poor fit", "the wrong choice", "ill suited to",
  "un cadeau empoisonné" forbid; negations compose ("pas un mauvais choix" permits).
- "serait / would be" followed at once by a judgement is a claim; under "si / if" it stays a conditional;
  "serait bientôt qualifié" stays hearsay.
- "aurait dû écarter X": X refused. "personne ne sait si", "nobody knows if": no claim.
- A qualification under way ("en cours de qualification", "jalon J0", "qualification process") and an
  event dated by its day ("a obtenu sa qualification le 12 mars 2024") state no eligibility; a predicate
  the rules know still decides a process sentence ("…, en cours de qualification, ne peut pas …").
- "retiré X de la liste des offres autorisées" / "removed X from its list": X refused; "no bar to": allowed.
The sentences are written for these tests (not copied from the fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import (conditional_judgement, evaluative_classes, load_language,
                                          names_process, non_assertion, predicate)
from assistant.errors import InputDataError


def _read(text):
    return sorted((c.provider, c.stated, c.customer) for c in extract_claims(text))


@pytest.mark.parametrize("text, stated", [
    ("Pour la messagerie de la préfecture, NumSpot est un très bon choix.", "eligible"),
    ("Secure Temple, une solution judicieuse pour les dossiers du CHU.", "eligible"),
    ("Pour les images de l'hôpital, Outscale est tout simplement idéal.", "eligible"),
    ("Docaposte is a smart choice for the clinic's lab results.", "eligible"),
    ("Cloud Temple is ideally suited to the ministry's sensitive files.", "eligible"),
    ("Gmail est une mauvaise solution pour les dossiers sociaux du département.", "not_eligible"),
    ("Azure is the wrong option for the prefecture's sensitive workloads.", "not_eligible"),
    ("AWS is ill suited to the hospital's patient records.", "not_eligible"),
    ("Google Cloud est une option risquée pour les dossiers patients de la clinique.", "not_eligible"),
])
def test_evaluative_phrases_from_the_data_file_give_their_polarity(text, stated):
    claims = _read(text)
    assert [s for _p, s, _c in claims] == [stated], claims


@pytest.mark.parametrize("text, stated", [
    ("Scaleway n'est pas un mauvais choix pour les dossiers patients de la clinique.", "eligible"),
    ("Scaleway is not a sound choice for the ministry's sensitive files.", "not_eligible"),
    ("AWS n'est vraiment pas idéal pour les fichiers sensibles de la préfecture.", "not_eligible"),
])
def test_a_negated_evaluative_phrase_turns(text, stated):
    assert [s for _p, s, _c in _read(text)] == [stated]


def test_the_evaluative_classes_are_built_from_the_file_and_a_bad_file_is_named(tmp_path):
    classes = {c["class"]: c for c in evaluative_classes()}
    assert classes["evaluative_phrase"]["polarity"] == "permit"
    assert classes["evaluative_phrase_against"]["polarity"] == "forbid"
    language = load_language()
    assert predicate("X, un bon choix pour Y", language).name == "evaluative_phrase"
    assert predicate("X is a poor fit for Y", language).name == "evaluative_phrase_against"
    bad = tmp_path / "evaluative.yaml"
    bad.write_text("heads: {fr: [choix]}\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="evaluative"):
        load_language(evaluative=bad)


def test_a_bare_choice_or_a_price_bargain_is_no_judgement():
    assert _read("Le choix de Scaleway a été présenté au comité de la clinique.") == []
    assert _read("The board discussed the choice of Outscale for the ministry.") == []
    assert _read("L'offre d'Oodrive est une aubaine pour le budget de la mutuelle.") == []


@pytest.mark.parametrize("text, stated", [
    ("NumSpot serait une solution adaptée aux fichiers sensibles du ministère.", "eligible"),
    ("Cloud Temple would be a sound choice for the hospital's imaging archive.", "eligible"),
    ("Stocker les dossiers patients du CHU chez Google Cloud ne serait pas conforme.", "not_eligible"),
    ("Azure would not be compliant for the prefecture's sensitive files.", "not_eligible"),
])
def test_a_judgement_in_the_conditional_is_a_claim(text, stated):
    assert [s for _p, s, _c in _read(text)] == [stated]


def test_the_french_conditional_of_a_bare_status_stays_a_report():
    assert conditional_judgement("Oodrive serait une solution adaptée pour la clinique.")
    assert conditional_judgement("Azure would be compliant for the clinic.")
    assert not conditional_judgement("Azure serait conforme pour la clinique.")
    assert _read("Azure serait conforme pour les dossiers du CHU.") == []


@pytest.mark.parametrize("text", [
    "Si NumSpot était qualifié, il serait une solution adaptée au ministère.",
    "If Scaleway were qualified, it would be a sound choice for the prefecture.",
    "Bleu serait bientôt qualifié pour les données sensibles des ministères.",
    "Selon certains, Google Cloud serait conforme pour les dossiers du CHU.",
])
def test_a_condition_or_a_report_of_a_time_to_come_keeps_the_conditional_a_non_claim(text):
    assert non_assertion(text) is not None
    assert _read(text) == []


def test_the_regret_of_not_having_refused_refuses():
    assert _read("La préfecture aurait dû exclure AWS pour ses fichiers sensibles.") == [
        ("Amazon Web Services", "not_eligible", "state")]
    assert [s for _p, s, _c in _read("La clinique aurait dû choisir Cloud Temple pour ses dossiers patients.")] == ["eligible"]


@pytest.mark.parametrize("text", [
    "Nul ne sait encore si Outscale peut accueillir les dossiers de la clinique.",
    "Personne ne sait si NumSpot convient au ministère.",
    "No one knows if Docaposte can host the hospital's lab results.",
    "Nobody knows yet whether Cloud Temple suits the prefecture.",
])
def test_ignorance_asserts_nothing(text):
    assert non_assertion(text) == "question"
    assert _read(text) == []


@pytest.mark.parametrize("text", [
    "Scaleway est en cours de qualification SecNumCloud pour son offre IaaS.",
    "Docaposte a lancé la démarche de qualification SecNumCloud de sa plateforme.",
    "Cloud Avenue vient de passer l'étape J1 de la qualification.",
    "NumSpot has begun the SecNumCloud qualification process for its new region.",
    "OVHcloud is undergoing SecNumCloud qualification for its Bare Metal Pod.",
])
def test_a_qualification_under_way_states_no_eligibility(text):
    assert names_process(text)
    assert _read(text) == []


def test_a_rule_still_decides_a_sentence_that_names_a_process():
    claims = _read("Bleu, en cours de qualification, ne peut pas encore héberger les données sensibles du ministère.")
    assert claims == [("Bleu", "not_eligible", "state")]


@pytest.mark.parametrize("text", [
    "Outscale a obtenu sa qualification SecNumCloud le 3 juin 2023.",
    "NumSpot received its SecNumCloud qualification on 9 October 2024.",
    "En 2024, Scaleway a retiré sa demande de qualification SecNumCloud.",
])
def test_an_event_dated_by_its_day_or_a_dated_withdrawal_is_history(text):
    assert non_assertion(text) == "history"
    assert _read(text) == []


@pytest.mark.parametrize("text", [
    "La préfecture a retiré Google Workspace de sa liste des outils autorisés pour ses agents.",
    "The hospital removed AWS from the list of approved hosts for its patient records.",
])
def test_removal_from_a_list_refuses(text):
    assert [s for _p, s, _c in _read(text)] == ["not_eligible"]


def test_no_bar_to_allows():
    assert _read("There is no bar to the prefecture using NumSpot for its sensitive files.") == [
        ("NumSpot", "eligible", "state")]


def test_a_process_clause_beside_a_verdict_states_nothing_itself():
    claims = _read("Bleu est en cours de qualification mais reste interdit pour les données sensibles du ministère.")
    assert claims == [("Bleu", "not_eligible", "state")]


def test_a_choice_still_to_make_and_a_price_list_are_no_claims():
    assert _read("Le bon choix pour la clinique reste à faire entre Scaleway et AWS.") == []
    assert _read("Outscale a retiré son offre de la liste de prix pour le ministère.") == []
