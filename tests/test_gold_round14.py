"""Round 14: the passages an answer rests on reach the reader.

- An eligible verdict cites, beside a satisfied rule's basis, the later texts the data mark
  `with_every_verdict` (circular 6519/SG restating R9; the doctrine's update of 22 April 2025 from its
  own day, `since`), and no other `also` passage.
- A rule basis falling in a section another rule already cites widens that citation: R9's SecNumCloud
  sentence is shown beside its GDPR sentence, not hidden behind it.
- A scope answer on the doctrine cites its notes' other source (6404/SG's « ne s'applique qu'aux acteurs
  de l'Etat »); a private clinic (entities.yaml `private_law`) is outside the doctrine, a CHU still
  "depends".
- HDS-V2-EEE rests on the référentiel's own EXI 28.
Questions written for these tests (not taken from an eval set).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from assistant.answer.scope_rules import rule_items
from assistant.wording import is_later_text_note

R9_SNC = "l’offre de cloud commercial retenue devra impérativement respecter la qualification SecNumCloud"
C6519 = "Dans une circulaire n° 6519/SG datée du 5 février 2026"
UPDATE_2025 = "Une mise à jour publiée le 22 avril 2025 impose désormais aux ministères"
ONLY_STATE = "cette circulaire ne s’applique qu’aux acteurs de l’Etat"
ELIGIBLE_STATE = "Un ministère peut-il mettre des données d'une sensibilité particulière, sans données de santé, sur 3DS Outscale IaaS ?"


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-02")


def _quoted(answer, words: str) -> bool:
    """Whether `words` are in a quote the answer shows (its text before the sources)."""
    return words in answer.answer.split("**Sources**")[0]


def test_an_eligible_state_verdict_quotes_r9s_snc_sentence_and_its_2026_restatement(service):
    answer = service.ask(ELIGIBLE_STATE)
    assert answer.verdict["verdict"] == "eligible"
    assert _quoted(answer, R9_SNC)
    assert any(C6519 in c.quote for c in answer.citations)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_the_2025_update_is_cited_from_its_own_day_and_dated_by_it(service):
    answer = service.ask(ELIGIBLE_STATE, as_of="2025-06-01")
    assert answer.verdict["verdict"] == "eligible"
    update = [c for c in answer.citations if UPDATE_2025 in c.quote]
    assert update and update[0].date == "2025-04-22"
    # 6519/SG did not exist yet: quoted at all, only as a retrieved passage marked later than the question
    assert all(is_later_text_note(c.note) for c in answer.citations if C6519 in c.quote)
    before = service.ask(ELIGIBLE_STATE, as_of="2025-03-01")
    assert not any(UPDATE_2025 in c.quote for c in before.citations if c.date == "2025-04-22")


def test_moving_since_in_the_data_moves_the_citation(service, monkeypatch):
    item = rule_items()["B3"]
    later = tuple(dataclasses.replace(b, since=dt.date(2025, 7, 1)) if b.since else b for b in item.also)
    monkeypatch.setattr(item, "also", later)
    citations = []
    service._cite_other_sources({"verdict": "eligible", "rules": [{"id": "B3", "status": "satisfied"}]},
                                citations, dt.date(2025, 6, 1))
    assert not any(UPDATE_2025 in c.quote for c in citations)
    service._cite_other_sources({"verdict": "eligible", "rules": [{"id": "B3", "status": "satisfied"}]},
                                citations, dt.date(2025, 7, 1))
    assert any(UPDATE_2025 in c.quote and c.date == "2025-07-01" for c in citations)


def test_an_unmarked_other_source_is_cited_only_when_its_rule_is_violated_or_undecided(service):
    satisfied, violated = [], []
    service._cite_other_sources({"verdict": "eligible", "rules": [{"id": "A-2024", "status": "satisfied"}]},
                                satisfied, dt.date(2026, 12, 2))
    service._cite_other_sources({"verdict": "not_eligible", "rules": [{"id": "A-2024", "status": "violated"}]},
                                violated, dt.date(2026, 12, 2))
    assert satisfied == []
    assert len(violated) == 1 and violated[0].doc_id == "csp-l1111-8"


@pytest.mark.parametrize("question,word", [
    ("Une clinique privée est-elle soumise à la doctrine Cloud au centre ?", "Non"),
    ("Is a private hospital required to follow circular 6404/SG?", "No"),
    ("Un CHU est-il soumis à la doctrine Cloud au centre ?", "Ça dépend"),
])
def test_a_private_clinic_is_outside_the_doctrine_and_the_scope_quotes_6404s_restatement(service, question, word):
    answer = service.ask(question)
    assert answer.short_answer.startswith(word), answer.short_answer[:120]
    assert any(ONLY_STATE in c.quote for c in answer.citations), [c.quote[:50] for c in answer.citations]


def test_a_state_scope_answer_before_6404_does_not_cite_it(service):
    answer = service.ask("La doctrine Cloud au centre s'applique-t-elle à un opérateur de l'État ?", as_of="2022-06-01")
    assert answer.short_answer.startswith("Oui")
    assert not any(ONLY_STATE in c.quote for c in answer.citations)


def test_hds_v2_eea_rests_on_exi_28(service):
    basis = rule_items()["HDS-V2-EEE"].basis
    assert basis.doc_id == "hds-referentiel-v2" and basis.confidence == "official"
    answer = service.ask("Un CHU peut-il héberger ses données de santé chez OVHcloud Hosted Private Cloud ?")
    assert any(c.doc_id == "hds-referentiel-v2" and "exclusivement au sein de l’Espace Economique Européen" in c.quote
               for c in answer.citations)
    assert _quoted(answer, "exclusivement au sein de l’Espace Economique Européen (EEE)")
    unsure = service.ask("Can our hospital keep its patient records on Google Cloud?")
    assert re.search(r"requirement 28", unsure.answer)  # the reason names the référentiel's requirement
