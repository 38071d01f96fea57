"""The abstention model (assistant/answer/abstention.py, abstention_model.yaml) and the
domain test that uses it (`scope.in_domain(..., signals=)`): the stored model is valid data,
a bad file is named, and over a real e5 index off-topic questions are refused while in-scope
questions without any domain word are answered."""
from __future__ import annotations

import pytest

from assistant.answer.abstention import FEATURES, default_model, features, load_model
from assistant.answer.scope import in_domain
from assistant.errors import InputDataError


def test_the_stored_model_is_complete():
    model = default_model()
    assert set(model.weights) == set(FEATURES)
    assert len(model.vector_weights) > 100 and 0.0 < model.threshold < 1.0
    assert not model.fits(None) and not model.fits([0.0] * 3)


def test_a_bad_model_file_is_named(tmp_path):
    bad = tmp_path / "model.yaml"
    bad.write_text("intercept: 1\nweights: {sentence_top1: 1}\nthreshold: 0.5\nquery_vector_weights: []\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="not a valid abstention model"):
        load_model(bad)


def test_without_signals_the_word_test_decides():
    assert not in_domain("Quelle est la recette de la tarte tatin ?", [], signals=lambda: None)


@pytest.fixture(scope="module")
def decide(retriever):
    def run(question: str) -> bool:
        passages = retriever.retrieve(question, k=5)
        return in_domain(question, passages, signals=lambda: retriever.domain_signals(question))
    return run


@pytest.mark.parametrize("question", [
    "Comment faire une mayonnaise maison ?",
    "What time does the Louvre open on Sundays?",
    "Comment configurer un pare-feu sur ma box internet ?",
])
def test_off_topic_questions_are_refused(decide, question):
    assert not decide(question)


@pytest.mark.parametrize("question", [
    "Les journaux d'accès doivent-ils être horodatés ?",
    "Le fournisseur doit-il informer le client d'un changement de sous-traitant ?",
    "Who may access the patients' files?",
])
def test_in_scope_questions_without_domain_words_are_answered(decide, question):
    assert decide(question)


def test_the_features_are_the_models(retriever):
    signals = retriever.domain_signals("Les sauvegardes doivent-elles être testées ?")
    values = features(signals, 0.5)
    assert set(values) == set(FEATURES) and default_model().fits(signals["query_vector"])
    assert -1.0 <= values["sentence_top1"] <= 1.0 and values["sentence_margin"] >= 0.0
