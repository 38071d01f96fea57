"""Round 9 of the claim reader (issue 13): permission by a denied obstacle, modals settled by an
adverb, past counterfactual possibility, exclusivity by a restricted negative quantifier, list
items and table cells, avoidance, the writer's "à tort", indirect questions.

- A denied obstacle is a permission ("pas de souci avec X", "aucun problème pour", "rien ne fait
  obstacle à", "no problem with", "nothing stands in the way of"); an obstacle named without a
  denial is no predicate.
- The future or conditional of "pouvoir" / "could" asserts when an adverb of law or certainty
  settles it ("pourra légalement", "pourrait tout à fait", "ne pourra en aucun cas", "could
  lawfully"); without one it still hedges. "aurait pu / could have" + an act of hosting asserts
  the act was open; under a condition ("si X avait été qualifié") it stays a conditional.
- "aucun N autre que X", "no N other than X": X singled out, not set apart.
- "- X : OK pour …", "| X | … | conforme |", "X: not OK for …": the verdict after the separator,
  its negation included; "non conforme" is one negation, not two.
- Reported speech is a claim of the text (the audit checks what the text carries, whoever says
  it); the writer's "à tort" / "wrongly" turns it.
The sentences are written for these tests (not copied from the training, fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import negations, non_assertion, unlike_spans


def _read(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, stated", [
    # a denied obstacle
    ("Aucun problème juridique à loger les bilans sanguins de la clinique chez Scaleway.", "eligible"),
    ("Pour les radios du CHU, pas de souci avec Scaleway.", "eligible"),
    ("Il n'y a pas de difficulté à confier les dossiers du CHU à Scaleway.", "eligible"),
    ("No legal issue with storing the clinic's blood tests on Scaleway.", "eligible"),
    ("Nothing stood in the way of the hospital keeping its records on Scaleway.", "eligible"),
    # a modal settled by an adverb, future or conditional
    ("L'an prochain, le CHU pourra en toute légalité confier ses dossiers à Scaleway.", "eligible"),
    ("Le CHU pourrait parfaitement héberger ses dossiers patients chez Scaleway.", "eligible"),
    ("Le ministère ne pourra jamais héberger ses données sensibles chez Scaleway.", "not_eligible"),
    ("The hospital could legally store its patient files on Scaleway.", "eligible"),
    # a past counterfactual of possibility on an act of hosting
    ("Le CHU aurait parfaitement pu confier ses dossiers patients à Scaleway.", "eligible"),
    ("The clinic could safely have hosted its records on Scaleway.", "eligible"),
    # exclusivity by a restricted negative quantifier
    ("Aucun prestataire autre que Scaleway n'est certifié pour les dossiers du CHU.", "eligible"),
    ("No vendor other than Scaleway is compliant for the clinic's records.", "eligible"),
    ("La clinique n'acceptera aucun hébergeur autre que Scaleway pour ses dossiers.", "eligible"),
    # list items and table cells
    ("- Scaleway : conforme pour les dossiers du CHU", "eligible"),
    ("- Scaleway: not OK for the clinic's patient records", "not_eligible"),
    ("Scaleway : non conforme pour les dossiers du CHU", "not_eligible"),
    ("| Scaleway | dossiers patients du CHU | validé |", "eligible"),
    # avoidance
    ("The clinic should steer clear of Scaleway for its patient records.", "not_eligible"),
    ("Il faut tenir les dossiers du CHU à l'écart de Scaleway.", "not_eligible"),
    # reported speech, and the writer disputing it
    ("D'après l'intégrateur, Scaleway est certifié HDS pour les dossiers du CHU.", "eligible"),
    ("L'intégrateur soutient à tort que Scaleway est certifié pour les dossiers du CHU.", "not_eligible"),
    ("Scaleway was wrongly ruled out for the clinic's records.", "eligible"),
])
def test_round9_claims(text, stated):
    assert _read(text) == [("Scaleway", None, stated)], text


@pytest.mark.parametrize("text", [
    "Le problème avec Scaleway, c'est le prix de la sauvegarde.",             # an obstacle not denied
    "Le CHU pourrait héberger ses dossiers chez Scaleway.",                    # a bare conditional hedges
    "Si Scaleway avait été certifié, le CHU aurait pu y confier ses dossiers.",  # counterfactual under a condition
    "Scaleway aurait pu obtenir la certification plus tôt.",                    # no act of hosting
    "Le service juridique se demande si Scaleway convient aux dossiers du CHU.",
    "peut on confier les dossiers du chu a scaleway",
    "Is there a problem with hosting the clinic's records on Scaleway?",
])
def test_round9_no_claim(text):
    assert extract_claims(text) == [], text


def test_singled_out_name_is_not_set_apart_nor_negated():
    text = "Aucune offre autre que Scaleway n'est retenue."
    assert unlike_spans(text) == []
    assert negations(text) == 0
    assert unlike_spans("Unlike Scaleway, AWS is not certified.") != []


def test_obstacle_without_denial_and_question_markers():
    assert non_assertion("peut on confier les dossiers du chu a scaleway") == "question"
    assert non_assertion("La DSI se demande encore si Scaleway convient.") == "question"
    assert non_assertion("Le CHU pourra légalement confier ses dossiers à Scaleway.") is None
    assert non_assertion("Le CHU pourra confier ses dossiers à Scaleway une fois certifié.") == "hedge"


# After blind9's measure (the lead, tuned on that spent set; the sentences here are new):
# English fixed negations ("under no circumstances", "on no account", "at no time") deny what
# follows; a verb of doubt over a clause asserts nothing; the passive of obtaining dated in the past
# ("was certified in 2019", "a été qualifié dès 2022") is history, while a state lasting to now
# ("has been certified since 2019") is still a claim.
@pytest.mark.parametrize("text, stated", [
    ("On no account should the clinic keep its patient records on Scaleway.", "not_eligible"),
    ("At no time may the hospital store its patient files on Scaleway.", "not_eligible"),
    ("Scaleway has been certified HDS since 2019 for the clinic's patient records.", "eligible"),
])
def test_round9_after_blind9_claims(text, stated):
    assert _read(text) == [("Scaleway", None, stated)], text


@pytest.mark.parametrize("text", [
    "Nous doutons fort que Scaleway convienne aux dossiers patients du CHU.",
    "The DPO doubts whether Scaleway suits the clinic's patient records.",
    "Scaleway was certified HDS in March 2019.",
    "Scaleway a été certifié HDS dès 2019.",
])
def test_round9_after_blind9_no_claim(text):
    assert extract_claims(text) == [], text


def test_a_verb_of_doubt_hedges():
    assert non_assertion("Le CHU doute que Scaleway convienne.") == "hedge"
    assert non_assertion("Sans doute, Scaleway convient au CHU.") == "hedge"  # the adverb, as before
