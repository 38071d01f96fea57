"""Question reading fixed after round 9's blind measure (tuned on that spent set; the questions here
are written for these tests, not copied from it).

- The 6404/SG harm test said in the present or the future ("si ça fuite, ça nuit à l'ordre public",
  "ça mettra des vies en danger") affirms the second criterion, as the conditional did; denied
  ("une fuite ne nuit à personne") it stays denied; "la nuit" is no harm.
- A question mark may end a first sentence that context follows: the question is still asked.
- "quel cadre s'applique ?", "quel régime …", "quelles règles pour …" and "which framework applies"
  ask for the verdict, as "quelles règles s'appliquent ?" did.
- "rien de médical" / "nothing medical" rules the health reading out.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.question import understand
from assistant.answer.sensitivity import sensitivity_criteria

TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("text, impact", [
    ("les fichiers de la DRFiP : si ça fuite, ça nuit gravement à l'ordre public", True),
    ("une fuite mettra des vies en danger", True),
    ("a leak will endanger lives", True),
    ("une fuite ne nuit à personne", False),
    ("la nuit, les agents consultent le planning", None),
])
def test_harm_in_the_present_and_future(text, impact):
    assert sensitivity_criteria(text).get("breach_impact") is impact


def test_a_question_mark_before_context_still_asks_the_question():
    u = understand("Le ministère peut coller ses dossiers de contentieux chez Google ? Ils relèvent du secret "
                   "professionnel et une fuite nuit gravement à la sécurité publique.", TODAY, "fr")
    assert u.query is not None and u.query["provider"] == "Google"
    assert u.query["facts"]["sensitive_by_nature"] is True and u.query["facts"]["breach_impact"] is True


@pytest.mark.parametrize("question, lang", [
    ("Le département héberge les demandes de permis de chasse sur AWS Cloud : quel cadre s'applique ?", "fr"),
    ("Quel régime juridique s'applique si la commune met ses arrêtés sur Google Cloud Platform ?", "fr"),
    ("Quelles règles pour le département s'il stocke ses marchés publics sur AWS Cloud ?", "fr"),
    ("Which framework applies if our town hall keeps its procurement files on AWS Cloud?", "en"),
])
def test_the_frame_asked_in_other_words_asks_for_the_verdict(question, lang):
    assert understand(question, TODAY, lang).query is not None


@pytest.mark.parametrize("question, lang", [
    ("Le département peut-il mettre les dossiers administratifs de ses agents (rien de médical) sur AWS Cloud ?", "fr"),
    ("Can the town hall keep its staff files (nothing medical) on AWS Cloud?", "en"),
])
def test_nothing_medical_rules_the_health_reading_out(question, lang):
    u = understand(question, TODAY, lang)
    assert u.query is not None and "health" not in u.query["data"]
