"""The claim language interpreter (assistant/checker/assertions.py) and its data file:
polarity composed from a predicate class and the negations in its scope, non-assertions,
clause breaks, and a clear error on a bad file."""
from __future__ import annotations

import pytest

from assistant.checker.assertions import (clause_polarities, clauses, load_language, negations,
                                          non_assertion, predicate)
from assistant.errors import InputDataError


@pytest.mark.parametrize("clause,expected", [
    ("X peut héberger ces données", "eligible"),                 # permit
    ("X ne peut pas héberger ces données", "not_eligible"),      # permit, one negation
    ("X est interdit", "not_eligible"),                          # forbid
    ("X n'est pas interdit", "eligible"),                        # forbid, one negation
    ("Rien n'empêche un CHU de choisir X", "eligible"),          # forbid, "rien n'" once
    ("Il n'est pas impossible d'héberger chez X", "eligible"),
    ("X n'est autorisé que pour les cliniques", "eligible"),     # restrictive "ne ... que"
    ("Ni X ni Y ne sont admis", "not_eligible"),                 # "ni ... ni ... ne" once
    ("X is not prohibited", "eligible"),
    ("Nothing prevents a hospital from using X", "eligible"),
    ("X cannot host health data", "not_eligible"),
    ("X is unsuitable for ministries", "not_eligible"),          # antonymic predicate
    ("X est non conforme", "not_eligible"),
])
def test_polarity_is_composed(clause, expected):
    assert clause_polarities(clause, [(0, len(clause))]) == [expected]


def test_negation_scope_is_the_predicates_stretch():
    sentence = "Le ministère, qui n'a pas de données sensibles, peut utiliser X"
    assert clause_polarities(sentence, [(0, len(sentence))]) == ["eligible"]
    assert negations("ne ... pas") == 1 and negations("not only") == 0


def test_an_elliptic_clause_takes_the_class_before_and_its_own_negation():
    sentence = "X est qualifié, alors que Y ne l'est pas"
    spans = clauses(sentence)
    assert len(spans) == 2
    assert clause_polarities(sentence, spans) == ["eligible", "not_eligible"]


def test_no_predicate_no_polarity():
    assert predicate("X a ouvert trois régions en France") is None
    assert clause_polarities("X a ouvert trois régions", [(0, 24)]) == [None]


@pytest.mark.parametrize("sentence,kind", [
    ("X est-il conforme ?", "question"),
    ("Je me demande si X est qualifié.", "question"),
    ("X serait conforme selon certains.", "hedge"),
    ("Au cas où X obtiendrait la qualification, il deviendrait éligible.", "hedge"),
    ("Si X est qualifié, les ministères l'utiliseront.", "conditional"),
    ("Nous recommandons de vérifier la qualification de X.", "recommendation"),
    ("Un hébergeur comme X doit être certifié HDS.", "requirement"),
])
def test_non_assertions(sentence, kind):
    assert non_assertion(sentence) == kind


def test_an_assertion_is_not_flagged():
    assert non_assertion("X est qualifié SecNumCloud depuis 2024.") is None


def test_a_bad_language_file_is_named(tmp_path):
    bad = tmp_path / "lang.yaml"
    bad.write_text("predicates:\n  - {class: x, polarity: maybe, patterns: ['a']}\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="polarity"):
        load_language(bad)
    bad.write_text("predicates: [", encoding="utf-8")
    with pytest.raises(InputDataError, match="YAML"):
        load_language(bad)
    bad.write_text("macros: {}\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="not a valid claim language file"):
        load_language(bad)
