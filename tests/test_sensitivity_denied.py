"""Round 11: the first limb of 6404/SG (a legal secret) denied in plain words ("aucun secret",
"no secrets") is denied; "secret" alone never affirms it ("le secret de la recette"). Round 10's
open class. Questions written for these tests."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("question,expected", [
    ("Le musée (aucun secret, aucune mission essentielle de l'État) peut-il publier son catalogue sur OVH ?",
     {"sensitive_by_nature": False, "sensitive_by_use": False}),
    ("No secrets and no essential State mission are involved: may the agency use Azure?",
     {"sensitive_by_nature": False, "sensitive_by_use": False}),
    ("Ces dossiers sont couverts par le secret médical, mais aucun secret défense n'est en jeu.", {"sensitive_by_nature": True}),
    ("Le secret de la recette du restaurant administratif peut-il aller chez OVH ?", {}),
])
def test_a_secret_denied_in_plain_words_denies_the_first_limb(question, expected):
    from assistant.answer.question import sensitivity_criteria
    assert sensitivity_criteria(question) == expected
