"""Round 12: a verdict cites the text that carries its deciding rule today beside the rule's basis.

For each rule a verdict turns on (violated or undecided), the first `also` passage of another
document than its basis is cited after the bases: the note on decree 2026-272 beside SREN art. 31's
press quotation, CSP L.1111-8 II's first sentence (untouched by SREN art. 32) beside the ANS FAQ.
Satisfied rules add only the passages the data mark `with_every_verdict` (round 14:
tests/test_gold_round14.py). Questions written for these tests.
"""
from __future__ import annotations

import pytest

from assistant.answer.scope_rules import rule_items

NOTE_272 = "decree n° 2026-272 of 14 April 2026 makes SecNumCloud mandatory"


def _first_other(rule_id: str):
    item = rule_items()[rule_id]
    return next(b for b in item.also if b.doc_id != item.basis.doc_id)


def test_the_first_other_source_of_each_rule_is_its_decisive_text():
    assert NOTE_272 in _first_other("SREN-31").quote
    assert _first_other("A-2024").quote.startswith("L'hébergeur de données mentionnées au premier alinéa du I")
    assert _first_other("L1111-8-IV-EEE").doc_id == "sren-2024-art32"


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-01")


def test_a_violated_rule_cites_the_text_that_applies_it_today(service):
    answer = service.ask("Le ministère de la Justice peut-il mettre des données d'une sensibilité particulière sur AWS Cloud ?")
    assert answer.verdict["verdict"] == "not_eligible"
    assert any(NOTE_272 in c.quote for c in answer.citations), [c.quote[:60] for c in answer.citations]
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_an_eligible_verdict_adds_no_other_source_the_data_do_not_mark(service):
    """Round 14: a satisfied rule cites only the `also` passages marked `with_every_verdict`; A-2024's
    L.1111-8 II (2018 wording) is not listed beside an eligible health verdict."""
    answer = service.ask("Un CHU peut-il héberger ses données de santé chez OVHcloud Hosted Private Cloud ?")
    assert answer.verdict["verdict"] == "eligible"
    assert not any(NOTE_272 in c.quote for c in answer.citations)
    assert not any(c.doc_id == "csp-l1111-8" and c.quote.startswith("II.-") for c in answer.citations)



def test_no_other_source_from_a_text_later_than_the_answers_date(service):
    import datetime as dt
    verdict = {"rules": [{"id": "SREN-31", "status": "unknown"}]}  # a span answer's rule in force at its end only
    before, today = [], []
    service._cite_other_sources(verdict, before, dt.date(2025, 5, 31))
    service._cite_other_sources(verdict, today, dt.date(2026, 12, 1))
    assert before == []
    assert len(today) == 1 and NOTE_272 in today[0].quote
