"""Round 20 of the claim reader: no new idiom and no new word class (they did not generalise, rounds 17-19); a
structural rule for "no claim" and a measured arbitration between the rules and the polarity model.

- A label (qualification, certification) stated as a state of a past named by a year, with a finite verb in a past
  tense and no use, customer or data of its own, is history: no claim ("En 2019, X figurait parmi les hébergeurs
  certifiés HDS"). A present state with a date ("X est certifié HDS depuis 2019") and a present negation with a year
  stay claims, as the earlier sets read them.
- The model may overrule a rule claim (`PolarityModel.overrule`: turn it to the other polarity when it reads that one
  at least at the threshold); measured by `eval.claim_arbitration` on sentences the model never saw, it lost rows
  at every threshold, so the shipped model never overrules (nor vetoes).
The sentences are written for these tests (not copied from any measured set).
"""
from __future__ import annotations

import numpy as np
import pytest

from assistant.checker import extract_claims
from assistant.checker.claim_model import LABELS, NEVER, PolarityModel, default_model
from assistant.checker.claims import past_label_fact


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text", [
    "En 2019, Cloud Temple figurait déjà parmi les hébergeurs certifiés HDS.",
    "En 2020, Outscale fut l'un des deux prestataires à détenir la qualification SecNumCloud.",
    "In 2020, Scaleway was one of the few certified HDS hosting providers.",
    "Back in 2021, OVHcloud's Hosted Private Cloud was among the SecNumCloud-qualified offers.",
])
def test_a_label_held_in_a_past_named_by_a_year_is_history(text):
    assert past_label_fact(text)
    assert _read(text) == []


@pytest.mark.parametrize("text, expected", [
    # a present state with its date: a claim, as every earlier set reads it
    ("Cloud Temple est certifié HDS depuis 2019.", [("Cloud Temple", "eligible")]),
    ("Scaleway has been HDS-certified since 2020.", [("Scaleway", "eligible")]),
    # a present negation with a year: a claim
    ("AWS n'est toujours pas qualifié SecNumCloud en 2024.", [("Amazon Web Services", "not_eligible")]),
])
def test_a_present_label_with_a_date_stays_a_claim(text, expected):
    assert not past_label_fact(text)
    assert _read(text) == expected


def test_a_past_sentence_with_a_use_a_customer_or_data_is_left_to_the_rules():
    # a verb of use, a customer or a data kind beside the label: not a bare label fact
    assert not past_label_fact("En 2021, la mairie stockait sa paie chez Outscale, alors qualifié SecNumCloud.")
    assert not past_label_fact("En 2021, Oodrive était qualifié pour les données sensibles des ministères.")
    assert not past_label_fact("In 2021 Scaleway was certified HDS for the clinic's patient records.")
    # no year, or no past tense: not this rule's
    assert not past_label_fact("Oodrive figurait parmi les hébergeurs certifiés HDS.")
    assert not past_label_fact("En 2021, Oodrive est qualifié SecNumCloud.")
    # a noun ending like an imperfect is not a past tense
    assert not past_label_fact("En 2024, le portrait d'OVHcloud reste celui d'un hébergeur qualifié SecNumCloud.")


def _constant_model(label: str, overrule: float) -> PolarityModel:
    """A model whose every reading is `label` with probability ~1 (a fixed bias, no encoder)."""
    shipped = default_model()
    weights = np.zeros_like(shipped.weights)
    weights[-1, LABELS.index(label)] = 20.0
    return PolarityModel(weights, lambda texts: np.zeros((len(texts), shipped.weights.shape[0] - 8)), 0.6,
                         overrule=overrule)


def test_a_confident_model_overrules_a_rule_claim_only_at_its_threshold():
    text = "Scaleway est autorisé pour les données de santé des cliniques."
    assert [c.stated for c in extract_claims(text, model=_constant_model("not_eligible", NEVER))] == ["eligible"]
    assert [c.stated for c in extract_claims(text, model=_constant_model("not_eligible", 0.9))] == ["not_eligible"]
    # reading "no claim" or the same polarity never turns it
    assert [c.stated for c in extract_claims(text, model=_constant_model("none", 0.9))] == ["eligible"]
    assert [c.stated for c in extract_claims(text, model=_constant_model("eligible", 0.9))] == ["eligible"]
    # an elliptic clause ("…, mais pas pour les ministères") has no predicate of its own: not put to the model
    contrast = "Scaleway est autorisé pour les cliniques, mais pas pour les ministères."
    kept = extract_claims(contrast, model=_constant_model("eligible", 0.9))
    assert sorted(c.stated for c in kept) == ["eligible", "not_eligible"]


def test_the_shipped_model_neither_overrules_nor_vetoes():
    model = default_model()
    assert model.overrule == NEVER and model.veto == NEVER
