"""Round 12: the doctrine's rules answer yes/no questions as text duties, and "is it forbidden…?"
of a permission is answered "no".

The rules R6-R15 of the "Cloud au centre" doctrine are modal sentences of their subjects
("[R12] Les ministères peuvent proposer…", "[R13] Les administrations ne doivent pas chercher…",
"[R14] … la conformité … à la règle [R9] est impérative"), each placed by its rule. A question
asking whether something is forbidden, of an entry or a sentence that only says it may be done,
gets the opposite of "may". Sentences read from the corpus; questions written for these tests.
"""
from __future__ import annotations

import pytest

from assistant.answer import obligations as ob
from assistant.answer import text_duties as td


@pytest.fixture(scope="module")
def doctrine(corpus_dir):
    from ingest.documents import load_corpus
    return next(d for d in load_corpus(corpus_dir) if d.doc_id == "doctrine-cloud-au-centre-2021")


def _sentence(doc, opening: str) -> tuple[str, int]:
    start = doc.text.index(opening)
    end = doc.text.index(".", start) + 1
    return doc.text[start:end], start


@pytest.mark.parametrize("opening,actor,force,rule", [
    ("[R12] Les ministères peuvent proposer", "ministries", "permission", "R12"),
    ("[R13] Les administrations ne doivent pas chercher", "administrations", "prohibition", "R13"),
    ("[R14] Pour les services précités", "r9_conformity", "duty", "R14"),
    ("[R10] La portabilité multi-clouds doit être assurée", "portability", "duty", "R10"),
    ("Les équipes qui souhaitent déroger à [R6] doivent", "it_teams", "duty", "R7"),
])
def test_a_doctrine_rule_is_a_modal_sentence_of_its_subject(doctrine, opening, actor, force, rule):
    text, start = _sentence(doctrine, opening)
    assert td.read(text) == (actor, force)
    doc = next(d for d in td.data()["documents"] if d["doc"] == doctrine.doc_id)
    assert td._place(doctrine.text, start, doc)["fr"] == f"la règle {rule} de la doctrine « Cloud au centre »"


def test_forbidden_asked_of_a_permission_is_the_opposite_of_may():
    question = "Les ministères ont-ils l'interdiction de proposer des logiciels en ligne à leurs agents ?"
    assert ob.modality(question) == "forbidden"
    assert ob.answer_key({"may": "yes", "plain": "yes"}, question) == "no"
    assert ob.answer_key({"may": "no"}, question) == "yes"
    assert ob.answer_key({"may": "yes", "forbidden": "depends"}, question) == "depends"  # an entry's own word wins
    assert ob.answer_key({"must": "yes"}, question) is None
    assert td._key("permission", question) == "no"


def test_a_leading_yes_with_a_comma_is_not_kept_without_its_first_word():
    assert ob._LEADING_WORD.sub("", "Yes, as a transition: for projects") == "as a transition: for projects"
    assert ob._LEADING_WORD.sub("", "Oui : un ministère peut") == "un ministère peut"
    assert ob._LEADING_WORD.sub("", "Nonobstant la règle") == "Nonobstant la règle"
