"""Round 10 quote choice ("gold"): the passage an answer quotes is one it rests on.

- GDPR 28(2): a question about being *told* of a new sub-processor rests on the duty-to-inform
  sentence (a `when` refinement of `obligations.yaml` with its own source), not on the
  authorisation clause; a question about doing it *without* telling keeps the "no" answer.
- An eligibility answer quotes a passage a registry fact rests on only when its rules read that
  fact (a press passage on Bleu is not quoted in an Azure answer for naming Microsoft).
- An answer without a verdict prefers only the passages it rests on (its obligation's or named
  rule's bases), not every rule's passage.
Questions written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import obligations as ob
from assistant.answer.service import _spans_of, _states_a_fact, _states_used_fact, _used_fact_quotes


def _subprocessor():
    return next(o for o in ob.obligations() if o.id == "GDPR-SUBPROCESSOR")


@pytest.mark.parametrize("question,lang", [
    ("Le sous-traitant est-il obligé de nous avertir quand il remplace un de ses sous-traitants ?", "fr"),
    ("Must our processor notify us when it swaps one of its sub-processors for another?", "en"),
])
def test_being_told_of_a_new_subprocessor_rests_on_the_inform_sentence(question, lang):
    said = ob.answer(_subprocessor(), question, dt.date(2026, 1, 5), lang)
    assert said.key == "yes"
    assert said.bases[0].quote.startswith("In the case of general written authorisation, the processor shall inform")
    assert "not engage another processor" not in said.bases[0].quote
    assert ("inform" in said.why) and ("28(2)" in said.why)


def test_recruiting_without_telling_still_answers_no_from_the_authorisation_clause():
    said = ob.answer(_subprocessor(), "Notre prestataire peut-il ajouter un sous-traitant sans nous le dire ?",
                     dt.date(2026, 1, 5), "fr")
    assert said.key == "no"
    assert said.bases[0].quote.startswith("The processor shall not engage another processor")


def test_every_refinement_source_is_verbatim(corpus_dir):
    from ingest.documents import load_corpus
    texts = {d.doc_id: d.text for d in load_corpus(corpus_dir)}
    refined = [s for o in ob.obligations() for item in o.raw.get("when", []) for s in item.get("sources") or []]
    assert refined
    for source in refined:
        assert source["quote"] in texts[source["doc_id"]] and source["basis"] in ob.CONFIDENCE


class _Passage:
    def __init__(self, doc_id):
        self.doc_id = doc_id


class _Sentence:
    def __init__(self, doc_id, start, end):
        self.passage, self.start, self.end = _Passage(doc_id), start, end


def test_only_the_facts_of_applicable_rules_count_as_used():
    verdicts = [{"rules": [
        {"id": "B3", "status": "violated", "facts": [{"name": "secnumcloud", "quote": "pas qualifiée"}]},
        {"id": "A", "status": "not_applicable", "facts": [{"name": "hds", "quote": "certifié HDS"}]},
        {"id": "B1", "status": "unknown", "facts": [{"name": "x", "value": None,
                                                     "imprecise_record": {"quote": "imprécis", "also": [{"quote": "aussi"}]}}]},
    ]}]
    assert _used_fact_quotes(verdicts) == {"pas qualifiée", "imprécis", "aussi"}


def test_a_fact_source_is_quoted_only_for_the_fact_used():
    sources = {"press": [(100, 160, "Bleu vise SecNumCloud"), (300, 340, "Outscale est certifié HDS")]}
    bleu, outscale, other = _Sentence("press", 90, 170), _Sentence("press", 290, 350), _Sentence("press", 200, 250)
    assert _states_a_fact(bleu, sources) and _states_a_fact(outscale, sources) and not _states_a_fact(other, sources)
    used = {"Outscale est certifié HDS"}
    assert _states_used_fact(outscale, sources, used) and not _states_used_fact(bleu, sources, used)


def test_spans_of_the_citations_an_answer_rests_on():
    from assistant.domain import Citation
    c = Citation(n=1, doc_id="gdpr-extracts", title="GDPR", section="Article 28(2)", quote="q", start=10, end=20)
    assert _spans_of([c]) == {"gdpr-extracts": [(10, 20)]}
    assert _spans_of([]) == {}


def test_an_azure_answer_does_not_quote_the_press_passage_on_bleu(answer_service):
    answer = answer_service.ask("En 2022, une clinique privée pouvait-elle mettre ses dossiers patients sur Azure ?")
    assert answer.verdicts and answer.verdicts[0]["provider"] == "Microsoft"
    sources, used = answer_service._fact_sources(), _used_fact_quotes(answer.verdicts)
    for c in answer.citations:
        s = _Sentence(c.doc_id, c.start, c.end)
        assert not _states_a_fact(s, sources) or _states_used_fact(s, sources, used), c.quote[:80]


@pytest.fixture(scope="module")
def service(service_on):
    """The default (hybrid) service: obligations are matched with the encoder, which a BM25-only
    service does not load (`ob.match` returns None there)."""
    return service_on("2026-11-30")


def test_an_inform_question_quotes_the_inform_sentence_first(service):
    answer = service.ask("Le sous-traitant doit-il nous prévenir avant d'ajouter un nouveau sous-traitant ultérieur ?")
    assert answer.short_answer.startswith("Oui")
    assert "informe" in answer.short_answer
    first = answer.citations[0]
    assert first.doc_id == "gdpr-extracts" and "shall inform the controller of any intended changes" in first.quote
