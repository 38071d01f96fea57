"""Round 19 ("gold19"): the decisive clause of a long sentence is quotable.

- A sentence longer than `sentences.MAX_CHARS` (SREN art. 32's IV, 903 characters; GDPR recital 53's
  first sentence, 966) was never a quote candidate: it is now quoted by its clauses, cut after a
  semicolon or a comma, each located in its document (`document.text[start:end] == quote`).
Questions written for these tests (not taken from an eval set).
"""
from __future__ import annotations

import re

import pytest

from assistant.answer.sentences import MAX_CHARS, MIN_CHARS, clauses, sentences
from assistant.config import REPO_ROOT
from assistant.domain import Passage
from ingest.documents import load_corpus

SREN_IV_CLAUSE = "y compris concernant les mesures prises face aux risques de transfert de ces données"
RECITAL_53_CLAUSE = "Special categories of personal data which merit higher protection should be processed"


@pytest.fixture(scope="module")
def documents():
    return {d.doc_id: d for d in load_corpus(REPO_ROOT / "corpus")}


def _whole_document(doc) -> Passage:
    return Passage(doc_id=doc.doc_id, title=doc.title, section="", text=doc.text, start=0, end=len(doc.text))


def test_clauses_cut_after_a_semicolon_before_a_comma():
    text = ("x" * 500 + ", " + "y" * 300 + "; " + "z" * 500 + ".")
    pieces = clauses(text)
    assert [text[a:b][-1] for a, b in pieces[:-1]] == [";"]
    assert all(MIN_CHARS <= b - a <= MAX_CHARS for a, b in pieces)


def test_a_sentence_without_a_clause_mark_is_not_cut():
    assert clauses("mot " * 300) == []


def test_a_long_sentence_is_quotable_by_its_clauses_located_in_the_text():
    lead = "Line above.\n"
    sentence = ", ".join(f"clause number {i} of a very long legal sentence that goes on" for i in range(20)) + "."
    text = lead + sentence + "\n"
    passage = Passage(doc_id="d", title="t", section="s", text=text, start=100, end=100 + len(text))
    found = [s for s in sentences(passage) if s.start >= 100 + len(lead)]
    assert len(found) >= 2 and "".join(s.text for s in found).replace(" ", "") == sentence.replace(" ", "")
    for s in found:
        assert text[s.start - 100:s.end - 100] == s.text
        assert len(s.text) <= MAX_CHARS


@pytest.mark.parametrize("doc_id, clause", [("sren-2024-art32", SREN_IV_CLAUSE),
                                            ("gdpr-extracts", RECITAL_53_CLAUSE)])
def test_the_corpus_long_sentences_give_quotable_clauses(documents, doc_id, clause):
    doc = documents[doc_id]
    holding = [s for s in sentences(_whole_document(doc)) if clause in s.text]
    assert holding, "the clause is in no quotable sentence"
    s = holding[0]
    assert doc.text[s.start:s.end] == s.text and len(s.text) <= MAX_CHARS


def test_no_sentence_of_the_corpus_is_lost_for_its_length(documents):
    """Every line sentence of the corpus over MAX_CHARS is quoted by clauses that cover all its words."""
    for doc in documents.values():
        units = sentences(_whole_document(doc))
        for line in doc.text.split("\n"):
            if len(line) <= MAX_CHARS or not re.search(r"[,;]\s", line):
                continue
            first_words = line.strip()[:40]
            if first_words.startswith(("|", "#")):
                continue
            assert any(u.text.startswith(first_words) or first_words in u.text for u in units), (doc.doc_id, first_words)


def test_an_answer_on_sren_32_quotes_its_clause_on_third_states(service_on):
    service = service_on("2026-12-02")
    answer = service.ask("L'article 32 de la loi SREN dit-il quelque chose sur l'accès aux données de santé par des Etats tiers ?")
    assert any(SREN_IV_CLAUSE in c.quote for c in answer.citations)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


# --- the composer's one quote per section is per numbered paragraph, as the answer cites ---------------

ARTICLE = ("1. A transfer of data to a third country may take place where the Commission has decided that "
           "the country ensures an adequate level of protection.\n\n"
           "2. When assessing the adequacy of the level of protection, the Commission shall take account of "
           "the rule of law.\n\n"
           "3. The Commission, after assessing the adequacy of the level of protection, may decide by means "
           "of an implementing act that a country ensures an adequate level of protection.\n")


def _by_words_model():
    import numpy as np  # noqa: F401  (the model's arrays)
    from assistant.answer import compose

    zero = {f: 0.0 for f in compose.FEATURES}
    return compose.QuoteModel(0.0, {**zero, "words": 1.0}, zero, {f: 1.0 for f in compose.FEATURES}, None, None)


def test_two_numbered_paragraphs_of_one_article_can_both_be_quoted():
    import numpy as np
    from assistant.answer import compose

    # two chunks of one section (the index cuts a long article), paragraphs 1-2 and paragraph 3
    cut = ARTICLE.index("3. ")
    chunks = [Passage(doc_id="gdpr", title="GDPR", section="Article 45", text=ARTICLE[cut:], start=cut, end=len(ARTICLE)),
              Passage(doc_id="gdpr", title="GDPR", section="Article 45", text=ARTICLE[:cut], start=0, end=cut)]
    picks = compose.choose("Who decides that a country ensures an adequate level of protection: the Commission?",
                           chunks, max_quotes=4, similarity=lambda spans, texts: np.zeros((len(spans), 2)),
                           model=_by_words_model())
    units = [compose.unit_of(e.sentence) for e in picks]
    assert ("gdpr", "Article 45(1)") in units and ("gdpr", "Article 45(3)") in units
    assert len(units) == len(set(units))  # still one quote per paragraph
    for e in picks:
        assert ARTICLE[e.sentence.start:e.sentence.end] == e.sentence.text


def test_a_section_without_numbered_paragraphs_keeps_one_quote():
    import numpy as np
    from assistant.answer import compose

    text = ARTICLE.replace("1. ", "").replace("2. ", "").replace("3. ", "")
    passage = Passage(doc_id="doc", title="Doc", section="Note", text=text, start=0, end=len(text))
    picks = compose.choose("Who decides that a country ensures an adequate level of protection: the Commission?",
                           [passage], max_quotes=4, similarity=lambda spans, texts: np.zeros((len(spans), 2)),
                           model=_by_words_model())
    # one section: its best sentence, and a close second sentence joins it as one citation at most
    assert {compose.unit_of(e.sentence) for e in picks} == {("doc", "Note")}


# --- a named part none of whose sentences shares a word with the question: its opening sentence --------

PART = ("Personal data concerning health should include all data pertaining to the health status of a data subject.\n\n"
        "This includes information about the natural person collected in the course of the registration for care.\n\n"
        "Such information may come from a physician or other health professional, a hospital or a medical device.\n")


def _part_and_chunk():
    from assistant.answer.named_articles import NamedPart

    chunk = Passage(doc_id="gdpr", title="GDPR", section="Recital 99", text=PART, start=0, end=len(PART))
    return NamedPart(entry="gdpr-recital", doc_id="gdpr", label="Recital 99", start=0, end=len(PART)), [chunk]


def _last_is_nearest(spans, texts):
    import numpy as np

    return np.array([[0.80 + 0.01 * i, 0.80 + 0.01 * i] for i in range(len(spans))])


def test_a_named_part_sharing_no_word_with_the_question_is_quoted_by_its_opening_sentence():
    from assistant.answer.named_articles import best_sentence

    part, chunks = _part_and_chunk()
    unit = best_sentence(part, chunks, "Que dit le considérant 99 du RGPD sur les données de santé ?", _last_is_nearest)
    assert unit.text.startswith("Personal data concerning health")


def test_a_named_part_sharing_words_with_the_question_is_still_read_by_them():
    from assistant.answer.named_articles import best_sentence

    part, chunks = _part_and_chunk()
    unit = best_sentence(part, chunks, "Does recital 99 GDPR cover information from a hospital or a medical device?",
                         _last_is_nearest)
    assert unit.text.startswith("Such information may come from a physician")
