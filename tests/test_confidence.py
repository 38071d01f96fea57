"""A document's confidence (official / press / secondary / draft) travels from its sidecar to
every indexed passage and to every citation, with the one set of labels of `wording`."""
from __future__ import annotations

import pytest

from assistant.domain import Citation, Passage
from assistant.wording import confidence_label
from ingest.documents import documents_by_id

from conftest import REPO_ROOT


@pytest.mark.parametrize("value, fr, en", [
    ("press", "cité par la presse", "quoted by the press"),
    ("secondary", "source secondaire, non officielle", "secondary source, not official"),
    ("draft", "projet, non adopté", "draft, not enacted"),
    ("official", "", ""),
    (None, "", ""),
])
def test_confidence_labels(value, fr, en):
    assert confidence_label(value, "fr") == fr
    assert confidence_label(value, "en") == en


def test_passage_and_citation_json_carry_confidence():
    passage = Passage(doc_id="d", title="T", section="s", text="x", start=0, end=1, confidence="press")
    assert passage.to_json(1)["confidence"] == "press"
    assert Passage(doc_id="d", title="T", section="s", text="x", start=0, end=1).to_json(1)["confidence"] == "official"
    citation = Citation(n=1, doc_id="d", title="T", section="s", quote="x", start=0, end=1, confidence="draft")
    assert citation.to_json()["confidence"] == "draft"


def test_indexed_passages_carry_their_documents_confidence(retriever):
    docs = documents_by_id(REPO_ROOT / "corpus")
    seen = set()
    for question in ("circulaire 6404/SG données sensibles secrets protégés par la loi",
                     "décret 2026-209 stockage des données de santé dans l'Union européenne",
                     "amendement 1138 données d'une sensibilité particulière", "règle R9 SecNumCloud"):
        for p in retriever.retrieve(question, k=8):
            assert p.confidence == docs[p.doc_id].confidence, p.chunk_id
            assert p.to_json(1)["confidence"] == p.confidence
            seen.add(p.confidence)
    assert {"press", "secondary", "draft", "official"} <= seen


def test_a_press_quote_in_an_answer_is_labelled_press(answer_service):
    answer = answer_service.ask("Que dit la presse de la circulaire 6404/SG sur les données sensibles ?",
                                as_of="2025-06-01")
    docs = documents_by_id(REPO_ROOT / "corpus")
    cited = [c for c in answer.citations if c.doc_id in docs]
    assert cited
    for c in cited:
        assert c.confidence == docs[c.doc_id].confidence
        assert c.to_json()["confidence"] == c.confidence
    assert any(c.confidence == "press" for c in cited), [c.doc_id for c in cited]
