"""The claim reader's polarity model (`assistant.checker.claim_model`) and how the reader uses it.

- The shipped weights are reproduced by refitting (`eval.fit_claim_model`) on the files its
  provenance lists, unchanged since; the test part (and round 7's fresh7/, blind7/) is never among them.
- Wording no predicate list holds is read (the model's sentences here are of the training
  material's kinds, not copies of its sentences); questions, conditionals and sentences that
  name no data, customer or hosting notion are never given to the model.
- A bad weights file is a clear `InputDataError`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest
import yaml

from assistant.checker import extract_claims
from assistant.checker.claim_model import LABELS, MODEL_FILE, default_model, is_candidate, load_model, masked
from assistant.errors import InputDataError

ROOT = Path(__file__).resolve().parents[1]
PROVENANCE = yaml.safe_load(MODEL_FILE.with_suffix(".yaml").read_text(encoding="utf-8"))


def test_provenance_lists_the_training_files_as_they_are_and_never_the_test_part():
    files = PROVENANCE["training_files"]
    # blind5/ and blind6/ are spent (measured and read in rounds 5 and 6): tuning material since
    # round 7; the test part, round 7's fresh batches and any blind7/ are never trained on
    assert files and not any(held in name for name in files for held in ("test-part", "fresh7", "blind7"))
    for name, digest in files.items():
        assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest()[:16] == digest, name
    from eval.fit_claim_model import training_files
    assert sorted(str(p.relative_to(ROOT)) for p in training_files()) == sorted(files)


def test_refitting_reproduces_the_shipped_weights():
    from eval.fit_claim_model import _design, fit, load_cases
    model = default_model()
    x, y = _design(load_cases(), model.encode)
    assert {label: int((y == i).sum()) for i, label in enumerate(LABELS)} == PROVENANCE["examples"]
    weights = fit(x, y, PROVENANCE["penalty"])
    assert weights.shape == model.weights.shape
    assert np.allclose(weights, model.weights, atol=1e-6)
    assert model.threshold == PROVENANCE["threshold"]


def _read(text):
    return sorted((c.provider, c.stated, c.customer) for c in extract_claims(text))


@pytest.mark.parametrize("text, expected", [
    ("Pour la DSI, Scaleway représente un hébergement tout à fait sûr pour les dossiers patients de la clinique.",
     [("Scaleway", "eligible", "health_facility")]),
    ("Google Workspace reste une impasse pour la messagerie des ministères.",
     [("Google", "not_eligible", "state")]),
    ("Our auditors consider AWS a dead end for a ministry's sensitive data.",
     [("Amazon Web Services", "not_eligible", "state")]),
])
def test_wording_outside_the_predicate_lists_is_read(text, expected):
    assert _read(text) == expected


class _AlwaysEligible:
    """A model that would call every clause a claim: what the reader lets it see is the test."""
    threshold = 0.0

    def __init__(self):
        self.asked = []

    def polarity(self, text):
        self.asked.append(text)
        return "eligible"


@pytest.mark.parametrize("text", [
    "Scaleway est-il une impasse pour les données de santé d'un CHU ?",
    "Si Bleu obtient sa qualification, le ministère y placera ses données sensibles.",
    "OVHcloud a ouvert un bureau à Lyon l'an dernier.",
])
def test_the_model_is_not_asked_about_questions_conditionals_or_sentences_without_a_notion(text):
    model = _AlwaysEligible()
    assert extract_claims(text, model=model) == []
    assert model.asked == []


def test_the_model_reads_masked_clauses_and_candidates_need_a_notion():
    model = _AlwaysEligible()
    claims = extract_claims("Microsoft 365 demeure un non-choix pour les ministères.", model=model)
    assert [(c.provider, c.offer, c.stated) for c in claims] == [("Microsoft", "Microsoft 365", "eligible")]
    assert model.asked == ["Nimbus demeure un non-choix pour les ministères."]
    assert masked("AWS et Azure", [(0, 3), (7, 12)]) == "Nimbus et Nimbus"
    assert not is_candidate("OVHcloud a ouvert un bureau à Lyon.", [], None)
    assert is_candidate("OVHcloud héberge nos archives.", [], None)


def test_an_elliptic_clause_the_rules_only_inherited_is_read_by_the_model():
    """"mais refusé par le ministère": no predicate the rules know, no negation: the rules give
    it the first clause's polarity; the model turns it."""
    claims = extract_claims("Outscale a été retenu pour les archives de l'hôpital, mais refusé par la préfecture.")
    assert sorted((c.stated, c.customer) for c in claims) == [("eligible", "health_facility"), ("not_eligible", "state")]


def test_a_bad_weights_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.npz"
    bad.write_bytes(b"not a numpy file")
    with pytest.raises(InputDataError, match="not a valid claim polarity model"):
        load_model(bad, encode=lambda texts: np.zeros((len(texts), 384)))
    wrong = tmp_path / "wrong.npz"
    np.savez(wrong, weights=np.zeros((10, 2)), threshold=np.array(0.5), labels=np.array(["a", "b"]))
    with pytest.raises(InputDataError, match="labels"):
        load_model(wrong, encode=lambda texts: np.zeros((len(texts), 384)))
