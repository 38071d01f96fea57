"""Round 11: the future of a permission stated from a named day is a claim.

"Dès le mois prochain, le CHU pourra héberger … sur X" and "À compter du 1er janvier, les hôpitaux
seront autorisés à héberger … chez X" state a permission for a time the sentence names, like
"From next year the hospital will be allowed to keep …": they are checked. Without that day the
future of "pouvoir" / "être" stays a hedge ("La clinique pourra stocker …"), and a clause of time
that is a condition ("Dès que", "Dès lors que", "À partir du moment où") stays a condition.
Sentences written for these tests.
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


@pytest.mark.parametrize("sentence,provider,customer", [
    ("À partir de mars, la clinique pourra stocker ses dossiers patients sur Outscale IaaS.", "3DS Outscale", "health_facility"),
    ("À compter du 1er janvier, les hôpitaux seront autorisés à héberger leurs dossiers patients chez Oodrive SaaS.",
     "Oodrive", "health_facility"),
])
def test_a_permission_from_a_named_day_is_a_claim(sentence, provider, customer):
    claims = extract_claims(sentence)
    assert [(c.provider, c.stated, c.customer) for c in claims] == [(provider, "eligible", customer)]


@pytest.mark.parametrize("sentence", [
    "La clinique pourra stocker ses dossiers patients sur Outscale IaaS.",
    "Dès que Bleu sera qualifié, le ministère pourra y migrer ses données sensibles.",
    "Dès lors que Bleu sera qualifié, les ministères pourront l'utiliser.",
    "À partir du moment où Bleu sera qualifié, le ministère pourra y migrer ses données sensibles.",
])
def test_an_undated_future_or_a_condition_of_time_asserts_nothing(sentence):
    assert extract_claims(sentence) == []
