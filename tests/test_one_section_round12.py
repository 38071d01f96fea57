"""Round 12: one citation per document section, whatever the section's label.

A rule's basis carries a curated label ("L.1111-8 II (version 2018-04-01 → 2024-05-23)") and a
retrieved quote of the same section the index's label ("Article L1111-8 > II"): the answer listed
the same section twice. The service now keys a citation by the index's own section (refined by its
numbered point), and the evaluation counts a source listed twice the same way. Questions written for
these tests.
"""
from __future__ import annotations

from assistant.domain import Citation


def _cite(n, doc, section, start):
    return Citation(n=n, doc_id=doc, title=doc, section=section, quote=f"q{n}", start=start, end=start + 2)


def test_two_labels_of_one_section_make_one_citation():
    from assistant.answer.service import _one_per_section
    rule = _cite(1, "csp-l1111-8", "L.1111-8 II (version 2018-04-01 → 2024-05-23)", 900)
    other = _cite(2, "csp-l1111-8", "Article L1111-8 > II", 1200)
    by_label = _one_per_section([rule], [other], [], retrieved=[other])
    assert len(by_label[0]) == 2  # the labels differ: two sources
    section = {900: "II", 1200: "II"}
    citations, shown, renumber = _one_per_section([rule], [other], [], retrieved=[other],
                                                  key_of=lambda c: (c.doc_id, section[c.start]))
    assert [c.n for c in citations] == [1] and renumber == {1: 1, 2: 1}


def test_numbered_points_of_one_article_stay_apart():
    from assistant.answer.points import unit_section
    text = "## Article 4\n\n(1) ‘personal data’ means any information.\n\n(7) ‘controller’ means the body.\n"
    a, b = text.index("(1)"), text.index("(7)")
    assert (unit_section(text, a, "Article 4"), unit_section(text, b, "Article 4")) == ("Article 4(1)", "Article 4(7)")


def test_an_answer_lists_each_document_section_once(data_dir_ingested, corpus_dir):
    from assistant.answer.evaluation import _section_of
    from assistant.answer.service import AnswerService
    from assistant.config import Settings
    service = AnswerService(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir, llm=None,
                                     today_override="2026-12-01"))
    for question in ("Who had to be HDS certified under article L.1111-8 in 2020?",
                     "Qui doit être certifié HDS selon l'article L.1111-8 ?"):
        answer = service.ask(question)
        keys = [_section_of(service.document(c.doc_id), c.start, c.end) for c in answer.citations]
        assert len(keys) == len(set(keys)), [(c.n, c.doc_id, c.section) for c in answer.citations]
        for c in answer.citations:
            assert service.document(c.doc_id).text[c.start:c.end] == c.quote
