"""Round 6 of the claim reader (issue 13): each clause its own subject, plain facts, the veto.

- A later clause naming an offer through a possessive ("son Public Cloud", "its Azure") is that
  offer's claim, with its own polarity; two offers of one provider are two claims.
- A sentence opening on a contrast ("Whereas X …, Y is not", "Alors que …") splits at its first
  comma; ", though …" is a clause; ", not for <object>" turns the claim for an object the
  lexicons do not know.
- A negated use dated "not yet" is a plain fact, not a refusal; plans and scenarios are no claim.
- A use that breaks a rule ("contrevient à", "breaches") is a refusal; "n'est pas interdit" and
  "nothing prevents" are permissions.
- The polarity model vetoes a rule claim when it reads the clause, at its veto threshold, as the
  other polarity or as no claim; at the shipped threshold chosen by cross-validation.
The sentences are written for these tests (not copied from the training or fresh batches).
"""
from __future__ import annotations

import numpy as np
import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import clauses, plain_fact
from assistant.checker.claim_model import LABELS, NEVER, PolarityModel, default_model


def _read(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text))


def test_a_possessive_offer_is_its_own_clause_subject():
    text = "Le Hosted Private Cloud d'OVHcloud est qualifié pour les ministères, mais son Public Cloud est exclu."
    claims = extract_claims(text)
    assert sorted((c.offer, c.stated) for c in claims) == [("Hosted Private Cloud", "eligible"), ("Public Cloud", "not_eligible")]
    public = next(c for c in claims if c.offer == "Public Cloud")
    assert "son Public Cloud est exclu" in text[public.clause_start:public.clause_end]
    assert "Hosted" not in text[public.clause_start:public.clause_end]


def test_a_sentence_opening_on_a_contrast_splits_at_its_first_comma():
    text = "Whereas NumSpot is qualified for a ministry's sensitive data, Amazon Web Services is not."
    assert len(clauses(text)) == 2
    assert _read(text) == [("Amazon Web Services", None, "not_eligible"), ("NumSpot", None, "eligible")]
    french = "Alors que Cloud Temple est autorisé pour les données sensibles de l'État, Azure ne l'est pas."
    assert _read(french) == [("Cloud Temple", None, "eligible"), ("Microsoft", "Azure", "not_eligible")]


def test_an_elliptic_contrast_on_an_object_the_lexicons_miss():
    text = "Docaposte is acceptable for a town's library catalogue, not for its welfare case files."
    assert sorted(c.stated for c in extract_claims(text)) == ["eligible", "not_eligible"]


@pytest.mark.parametrize("text", [
    "Le département n'a pas encore migré ses archives chez Scaleway.",
    "Our clinic has not moved its imaging to Outscale so far.",
])
def test_a_negated_use_dated_not_yet_is_a_plain_fact(text):
    assert extract_claims(text) == []


def test_a_judgment_dated_not_yet_stays_a_claim():
    assert not plain_fact("Nimbus n'offre pas encore un niveau de sécurité suffisant pour les données de l'État.")
    assert _read("Scaleway n'est pas encore qualifié pour les données sensibles de l'État.") == [
        ("Scaleway", None, "not_eligible")]


@pytest.mark.parametrize("text", [
    "Bleu ambitionne de devenir l'hébergeur des données sensibles des ministères.",
    "Dans un scénario où NumSpot obtient la qualification, le ministère y hébergerait ses données.",
    "Cloud Temple plans to obtain the HDS certificate for hospital data.",
])
def test_plans_and_scenarios_are_no_claim(text):
    assert extract_claims(text) == []


@pytest.mark.parametrize("text, provider", [
    ("Le stockage des dossiers patients du CHU sur Google Cloud contrevient au code de la santé publique.", "Google"),
    ("Hosting the prefecture's sensitive files on Amazon Web Services breaches the doctrine.", "Amazon Web Services"),
    ("Confier les données sensibles du ministère à Azure enfreint la doctrine.", "Microsoft"),
])
def test_a_use_that_breaks_a_rule_is_a_refusal(text, provider):
    assert [(c.provider, c.stated) for c in extract_claims(text)] == [(provider, "not_eligible")]


@pytest.mark.parametrize("text, provider", [
    ("Il n'est pas interdit à une commune d'héberger son site chez Amazon Web Services.", "Amazon Web Services"),
    ("Nothing prevents a clinic from storing its records with Scaleway.", "Scaleway"),
    ("La région est libre d'installer son portail chez Outscale.", "3DS Outscale"),
])
def test_double_negation_and_freedom_are_permissions(text, provider):
    assert [(c.provider, c.stated) for c in extract_claims(text)] == [(provider, "eligible")]


def _constant_model(label: str, veto: float) -> PolarityModel:
    """A model whose every reading is `label` with probability ~1 (a fixed bias, no encoder)."""
    shipped = default_model()
    weights = np.zeros_like(shipped.weights)
    weights[-1, LABELS.index(label)] = 20.0
    return PolarityModel(weights, lambda texts: np.zeros((len(texts), shipped.weights.shape[0] - 8)), 0.6, veto)


def test_the_model_vetoes_a_rule_claim_it_reads_otherwise_only_at_its_threshold():
    text = "Scaleway est autorisé pour les données de santé des cliniques."
    assert [c.stated for c in extract_claims(text, model=_constant_model("none", NEVER))] == ["eligible"]
    assert extract_claims(text, model=_constant_model("none", 0.99)) == []
    assert extract_claims(text, model=_constant_model("not_eligible", 0.99)) == []
    assert [c.stated for c in extract_claims(text, model=_constant_model("eligible", 0.99))] == ["eligible"]
    # an elliptic clause ("…, mais pas pour les ministères") says too little for the model: no veto
    contrast = "Scaleway est autorisé pour les cliniques, mais pas pour les ministères."
    kept = extract_claims(contrast, model=_constant_model("eligible", 0.99))
    assert sorted(c.stated for c in kept) == ["eligible", "not_eligible"]


def test_the_shipped_veto_threshold_is_the_cross_validated_one():
    import yaml
    from assistant.checker.claim_model import MODEL_FILE
    provenance = yaml.safe_load(MODEL_FILE.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert default_model().veto == provenance["veto"]
