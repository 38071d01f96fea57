"""Round 22 ("textclaims22"): yes/no questions and quoted claims about what a text states (its scope, a
requirement, permission or ban, a GDPR article's rule, its date), answered from the curated statements of
text_statements.yaml (`stated`) by assistant/answer/text_claims.py. Questions written for these tests, not
taken from an eval set.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from assistant.answer import text_claims as tc
from assistant.answer import text_statements as ts
from assistant.answer.claim_asked import claim_negated

_ROOT = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def _documents() -> dict:
    from ingest.documents import documents_by_id
    return documents_by_id(_ROOT / "corpus")


def _events() -> dict:
    rows = yaml.safe_load((_ROOT / "assistant/answer/events.yaml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in rows if r.get("id")}


def test_every_statement_is_a_verbatim_passage_found_once_in_its_document():
    docs = _documents()
    assert tc.statements()
    for st in tc.statements():
        assert st.doc in docs, st.doc
        assert docs[st.doc].text.count(st.passage) == 1, st.passage


def test_every_statement_names_known_texts_kinds_and_dates():
    events, kinds = _events(), set(ts.data()["answers"])
    for st in tc.statements():
        assert set(st.text) <= set(events), st.text
        if st.slot == "date":
            assert st.event in events and events[st.event].get(st.date_field) is not None, (st.event, st.date_field)
        elif st.kind is not None:
            assert st.kind in kinds, st.kind
        else:  # a statement of whom a text binds
            assert st.slot == "scope" and st.who and st.text


def _ask(question, lang="en", dated=False):
    return tc.answer(question, lang, _documents(), dated=dated)


def test_a_claim_on_a_texts_scope_is_answered_wrong_with_the_texts_passage():
    said = _ask("Our lawyer keeps saying the SREN implementing decree only binds town halls. Is he right?")
    assert said is not None and said.key == "wrong"
    assert said.bases and said.bases[0].quote in _documents()[said.bases[0].doc_id].text
    assert "State administrations" in said.bases[0].quote


def test_a_claim_on_a_texts_date_compares_the_year_with_the_texts_own_date():
    wrong = _ask("Un juriste soutient que la loi SREN date de 2022. A-t-il raison ?", "fr")
    right = _ask("Un juriste soutient que la loi SREN date de 2024. A-t-il raison ?", "fr")
    assert wrong is not None and wrong.key == "wrong" and right is not None and right.key == "right"
    assert "21 mai 2024" in wrong.bases[0].quote


def test_a_date_named_inside_a_texts_name_is_not_the_date_asked():
    """"the April 2026 decree" names the text: it is no claim on its date."""
    said = _ask("Was the April 2026 decree about cloud services?")
    assert said is None or said.slot != "date"


def test_a_gdpr_rule_answers_a_plain_question_and_a_negated_claim():
    plain = _ask("Under the GDPR, may our processor take on a sub-processor without any written authorisation from us?")
    assert plain is not None and plain.key == "no" and "shall not engage another processor" in plain.bases[0].quote
    claim = _ask("Notre juriste affirme qu'un transfert vers un pays adéquat n'exige aucune autorisation spécifique. "
                 "A-t-il raison ?", "fr")
    assert claim is not None and claim.key == "right"


def test_the_word_naming_the_thing_asked_is_no_modal_word():
    """"une autorisation" names what is asked: the question asks whether it is needed, not "may?"."""
    said = _ask("Un transfert vers un pays couvert par une décision d'adéquation nécessite-t-il une autorisation ?", "fr")
    assert said is not None and said.key == "no"


def test_open_world_no_statement_no_word():
    assert _ask("Does the GDPR set a maximum retention period for a processor's audit logs?") is None
    assert _ask("Le référentiel SecNumCloud fixe-t-il un prix plafond pour les offres ?", "fr") is None


def test_a_scope_the_text_leaves_open_gets_no_word():
    """The doctrine's scope for hospitals is left open (scope_rules: "depends"); "some" operators only
    answer a question saying "some"."""
    assert _ask("Does the Cloud au centre circular apply to hospitals?") is None
    assert _ask("Is every operator of the State bound by article 31 of the SREN law on cloud?") is None


def test_a_dated_question_gets_no_statement_word_from_here():
    question = "Is a host archiving health data electronically subject to the HDS certification?"
    assert _ask(question) is not None and _ask(question).key == "yes"
    assert _ask(question, dated=True) is None


def test_a_statement_of_one_framework_does_not_answer_a_question_on_another():
    """SecNumCloud's support from outside the EU says nothing of an HDS host's support."""
    assert _ask("Can an HDS host's helpdesk work from outside the EU?") is None
    said = _ask("Under SecNumCloud, may support operations be run from outside the EU?")
    assert said is not None and said.key == "yes"


@pytest.mark.parametrize("claim, negated", [
    ("le support ne peut jamais être assuré hors UE", True),
    ("a commune is not bound by the doctrine", True),
    ("the processing of health data is prohibited", False),
    ("the decree only concerns local authorities", False),
])
def test_a_claim_is_negated_by_its_grammar_not_by_the_words_of_a_ban(claim, negated):
    assert claim_negated(claim) is negated
