"""Round 8 of the claim reader (issue 13): figurative verdicts by principle, composed with negation.

- Figurative verdicts are read by what the figure says of the use: a test passed or failed, a
  danger, a use thrown away, a misfit (and its positive "fait le poids"), safe hands, a regret of a
  past act, a destination named as the only one; negations compose with every class.
- The counterfactual "aurait dû" is no hedge; the conditional past "aurait obtenu" still is.
- Suppositions ("en supposant que", "supposing") and English inverted conditionals are conditions;
  an indirect question after a verb of saying or deciding asks; a past event of obtaining dated in
  the past is history; "when it comes to" names a topic, it sets no condition.
- "là où" opens a contrast clause; a topic put as a question is joined to the verdict after it.
- An offer whose registry name holds its provider's name is also named by the rest ("le cloud de
  confiance de Bleu"); an ordinary-word product name before "en ligne" / "online" is the product.
The sentences are written for these tests (not copied from the training, fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import non_assertion


def _read(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, stated", [
    ("Scaleway a franchi sans peine le contrôle de conformité du ministère.", "eligible"),
    ("Scaleway n'a pas franchi le contrôle de conformité du ministère.", "not_eligible"),
    ("Scaleway breezed through the hospital's vetting.", "eligible"),
    ("Scaleway bombed the hospital's vetting.", "not_eligible"),
    ("Confier les dossiers du CHU à Scaleway, c'est une bombe à retardement.", "not_eligible"),
    ("Les dossiers du CHU sont sans aucun risque chez Scaleway.", "eligible"),
    ("Pour les dossiers de la clinique, Scaleway est à la poubelle.", "not_eligible"),
    ("For the clinic's files, Scaleway got shelved.", "not_eligible"),
    ("Scaleway fait le poids pour les dossiers du CHU.", "eligible"),
    ("Scaleway ne fait pas le poids pour les dossiers du CHU.", "not_eligible"),
    ("Scaleway is not cut out for the clinic's records.", "not_eligible"),
    ("The clinic's records are in good hands with Scaleway.", "eligible"),
    ("Le CHU aurait dû retenir Scaleway pour ses dossiers patients.", "eligible"),
    ("Le CHU n'aurait pas dû retenir Scaleway pour ses dossiers patients.", "not_eligible"),
    ("The hospital ought never to have moved its patient files to Scaleway.", "not_eligible"),
    ("Ce fut une bévue de confier les dossiers du CHU à Scaleway.", "not_eligible"),
    ("Les dossiers du CHU partiront seulement chez Scaleway.", "eligible"),
])
def test_a_figurative_verdict_takes_its_principle_s_polarity_composed_with_negation(text, stated):
    assert [c.stated for c in extract_claims(text)] == [stated]


def test_the_conditional_past_still_hedges_but_the_counterfactual_does_not():
    assert non_assertion("Scaleway aurait obtenu le feu vert du ministère selon la presse.") == "hedge"
    assert non_assertion("Scaleway n'aurait jamais dû obtenir le feu vert du ministère.") is None


@pytest.mark.parametrize("text", [
    "En supposant que Scaleway soit qualifié, le ministère y mettra ses dossiers sensibles.",
    "Supposing Scaleway were qualified, the ministry would move its sensitive files there.",
    "Had Scaleway been qualified, the ministry would have chosen it for its sensitive files.",
    "La DPO doit encore trancher si Scaleway convient aux dossiers du CHU.",
    "Scaleway a reçu sa certification HDS en 2019, pour ses seuls serveurs de Paris.",
])
def test_suppositions_indirect_questions_and_dated_events_assert_nothing(text):
    assert extract_claims(text) == []


def test_a_topic_phrase_is_no_condition():
    assert _read("When it comes to the clinic's records, Scaleway is allowed.") == [("Scaleway", None, "eligible")]


def test_la_ou_opens_a_contrast_clause():
    claims = extract_claims("Oodrive a passé l'audit de la clinique, là où Scaleway l'a loupé.")
    assert sorted((c.provider, c.stated) for c in claims) == [("Oodrive", "eligible"), ("Scaleway", "not_eligible")]
    scaleway = next(c for c in claims if c.provider == "Scaleway")
    text = "Oodrive a passé l'audit de la clinique, là où Scaleway l'a loupé."
    assert "Scaleway l'a loupé" in text[scaleway.clause_start:scaleway.clause_end]
    assert "Oodrive" not in text[scaleway.clause_start:scaleway.clause_end]


def test_a_topic_put_as_a_question_is_joined_to_its_verdict():
    text = "Scaleway pour les dossiers de la clinique ? Totalement exclu."
    (claim,) = extract_claims(text)
    assert (claim.provider, claim.stated) == ("Scaleway", "not_eligible")
    assert claim.text == text and text[claim.start:claim.end] == text
    # a real question stays a question, and so does its answer without a provider of its own
    assert extract_claims("Scaleway est-il conforme ? Oui pour les dossiers de la clinique.") == []


def test_an_offer_is_named_by_its_name_without_its_provider_s_name():
    assert _read("Le cloud de confiance de Bleu est interdit pour les dossiers du ministère.") == [
        ("Bleu", "Cloud de confiance Bleu", "not_eligible")]
    # a one-word rest names no offer ("Scaleway Cloud" minus "Scaleway")
    assert _read("Le cloud de Scaleway est interdit pour les dossiers du ministère.") == [
        ("Scaleway", None, "not_eligible")]


def test_an_ordinary_word_product_before_a_product_qualifier_is_the_product():
    assert _read("teams online est interdit pour les réunions sensibles du ministère.") == [
        ("Microsoft", "Microsoft 365", "not_eligible")]
    assert extract_claims("Our outlook on the market is positive for the ministry's data.") == []


# Lead, after round 8's blind measure (tuned on that spent set; the sentences below are new).
@pytest.mark.parametrize("text, expected", [
    # restrictive "ne ... qu'à X" singles X out: a claim for X, not a refusal
    ("La préfecture ne confie ses dossiers sensibles qu'à PREMI3NS.", [("S3NS", "PREMI3NS", "eligible")]),
    # a subordinate clause of time keeps its negation: one prohibition, not a double negation
    ("AWS restera exclu pour les données de santé du CHU tant qu'il n'est pas certifié.",
     [("Amazon Web Services", None, "not_eligible")]),
    ("Azure stays off-limits for the ministry's sensitive data as long as it is not qualified.",
     [("Microsoft", "Azure", "not_eligible")]),
])
def test_restrictive_exclusivity_and_time_clauses(text, expected):
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "Nous ignorons toujours si Scaleway peut héberger les dossiers du CHU.",
    "Were Outscale ever certified, the clinic would move its records there.",
    "Scaleway obtained its HDS certification in 2019.",
    # round 4 read these two as claims; blind7's and blind8's writers, independently, as history
    "OVHcloud a reçu sa certification HDS en 2016.",
    "Oodrive obtained HDS certification in 2019.",
])
def test_not_knowing_an_inverted_ever_and_a_dated_english_past_assert_nothing(text):
    assert _read(text) == []
