"""Chunking: exact offsets for every chunk of every corpus document, the units' sections,
sizes, and the handling of front matter, long units and text without headings."""
from __future__ import annotations

import pytest

from ingest.chunking import MAX_WORDS, Chunk, chunk_document, word_count
from ingest.documents import Document, corpus_files, load_corpus, load_document

from conftest import REPO_ROOT

CORPUS = REPO_ROOT / "corpus"


@pytest.fixture(scope="module")
def chunks_by_doc() -> dict[str, tuple[Document, list[Chunk]]]:
    return {d.doc_id: (d, chunk_document(d)) for d in load_corpus(CORPUS)}


def _doc(text: str, doc_id: str = "synthetic") -> Document:
    return Document(doc_id=doc_id, title="Synthetic", kind="other", date="2021-01-01", text=text, path="x.md")


@pytest.mark.parametrize("path", corpus_files(CORPUS), ids=lambda p: p.stem)
def test_every_chunk_points_exactly_into_the_document_text(path):
    doc = load_document(path)
    chunks = chunk_document(doc)
    assert chunks, f"{doc.doc_id} gave no chunk"
    previous_end = 0
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text
        assert c.text == c.text.strip() and c.text
        assert c.start >= previous_end, "chunks overlap or are out of order"
        previous_end = c.end
        assert c.section, f"chunk at {c.start} of {doc.doc_id} has no section"
        assert c.words <= MAX_WORDS


def _by_section(chunks_by_doc, doc_id, section) -> list[Chunk]:
    return [c for c in chunks_by_doc[doc_id][1] if c.section == section]


def test_doctrine_rules_are_their_own_sections(chunks_by_doc):
    sections = [c.section for c in chunks_by_doc["doctrine-cloud-au-centre-2021"][1]]
    assert sections == [f"R{n}" for n in range(1, 16)]
    (r9,) = _by_section(chunks_by_doc, "doctrine-cloud-au-centre-2021", "R9")
    assert r9.text.startswith("[R9] Dans le cas d’un recours à une offre de cloud commerciale")
    assert "[R10]" not in r9.text and "A titre transitoire" in r9.text
    (r7,) = _by_section(chunks_by_doc, "doctrine-cloud-au-centre-2021", "R7")
    assert r7.text.startswith("#### Règle 7\nLes équipes qui souhaitent déroger à [R6]")


def test_front_matter_is_left_out(chunks_by_doc):
    for doc_id in ("doctrine-cloud-au-centre-2021", "dinum-faq-2024", "dinum-doctrine-page-2021"):
        for c in chunks_by_doc[doc_id][1]:
            assert "date: 20" not in c.text and "permalink:" not in c.text


def test_hds_requirement_exi_28(chunks_by_doc):
    (exi28,) = _by_section(chunks_by_doc, "hds-referentiel-v2", "EXI 28")
    assert exi28.text.startswith("## [EXI 28]")
    assert "exclusivement au sein de l’Espace Economique Européen" in exi28.text
    assert "[EXI 29]" not in exi28.text


def test_secnumcloud_heading_path_of_19_6_c(chunks_by_doc):
    section = ("19 Exigences supplémentaires > 19.6 Protection vis-à-vis du droit extra-européen > 19.6.c")
    (c,) = _by_section(chunks_by_doc, "secnumcloud-v3.2", section)
    assert c.text.startswith("#### 19.6.c")
    assert "ne doit pas avoir la possibilité technique d’obtenir les données" in c.text


def test_gdpr_article_48(chunks_by_doc):
    (c,) = _by_section(chunks_by_doc, "gdpr-extracts", "Article 48")
    assert c.text.startswith("## Article 48 — Transfers or disclosures not authorised by Union law")
    long_article = _by_section(chunks_by_doc, "gdpr-extracts", "Article 4")
    assert len(long_article) > 1, "Article 4 is long and must be split"
    assert any(c.text.startswith("(") for c in long_article[1:]), "split at the points (1), (2)…"


def test_csp_article_paragraphs(chunks_by_doc):
    (ii,) = _by_section(chunks_by_doc, "csp-l1111-8", "Article L1111-8 > II")
    assert ii.text.startswith("II.-L'hébergeur de données mentionnées au premier alinéa du I")
    assert "est titulaire d'un certificat de conformité" in ii.text and "III.-" not in ii.text
    assert "III.-" in " ".join(c.text for c in chunks_by_doc["csp-l1111-8"][1])
    assert _by_section(chunks_by_doc, "csp-r1111-8-8", "Article R1111-8-8 > I")


def test_older_version_of_l1111_8_is_its_own_document_without_diff_prefixes(chunks_by_doc):
    doc, chunks = chunks_by_doc["csp-l1111-8-2016"]
    assert (doc.valid_from, doc.valid_to) == ("2016-01-28", "2018-04-01")
    assert "doit être agréée à cet effet. Cet hébergement, quel qu'en soit le support" in doc.text
    assert not [line for line in doc.text.split("\n") if line.startswith(("-", "+"))]
    assert "Date de début" not in doc.text and "LEGIARTI" not in doc.text
    assert "réalise cet hébergement" not in doc.text, "no line of the 2018 version"
    assert chunks_by_doc["csp-l1111-8"][0].valid_from == "2018-04-01"
    assert "doit être agréée à cet effet" not in chunks_by_doc["csp-l1111-8"][0].text


def test_press_excerpts_are_labelled_by_outlet_and_date(chunks_by_doc):
    sections = [c.section for c in chunks_by_doc["circulaire-6404-sg-2023-presse"][1]]
    assert sections[:2] == ["silicon.fr, juin 2023", "Le Monde Informatique, 1er juin 2023"]
    doc = chunks_by_doc["circulaire-6404-sg-2023-presse"][0]
    assert not doc.text.startswith("[1]") and "https://" not in doc.text


def test_faq_questions_carry_their_heading_path(chunks_by_doc):
    sections = [c.section for c in chunks_by_doc["dinum-faq-2024"][1]]
    assert ("Données particulièrement sensibles > Quels sont les critères discriminants qui définissent "
            "les données d’une sensibilité particulière ?") in sections
    assert not [c for c in chunks_by_doc["dinum-faq-2024"][1] if "**" in c.text]
    assert "Périmètre > Les collectivités territoriales font-elles partie du périmètre de la doctrine ?" in sections


def test_seed_article_is_cut_in_numbered_paragraphs(chunks_by_doc):
    doc, chunks = chunks_by_doc["dsih-tribune-2021-09-28"]
    assert all(c.section.startswith("§ ") for c in chunks)
    assert chunks[0].section.startswith("§ 1")
    assert "Oodrive avec ses offres SAAS" in " ".join(c.text for c in chunks)


def test_long_unit_is_split_at_sentences_and_stays_exact():
    sentence = "Le prestataire doit documenter la procédure de sauvegarde des données du commanditaire. "
    text = "## 7.1 Exigence longue\n\n" + sentence * 60 + "\n"
    doc = _doc(text)
    chunks = chunk_document(doc)
    assert len(chunks) >= 2
    for c in chunks:
        assert doc.text[c.start:c.end] == c.text
        assert 60 <= c.words <= MAX_WORDS
        assert c.text.endswith("commanditaire.") and c.section == "7.1 Exigence longue"


def test_small_unnumbered_siblings_are_packed_with_their_parent_section():
    text = "# Titre\n\n## Définitions\n\n### Audit\n\nProcessus d'évaluation.\n\n### Bien\n\nTout élément de valeur.\n"
    doc = _doc(text)
    (c,) = chunk_document(doc)
    assert c.section == "Définitions"
    assert "### Audit" in c.text and "### Bien" in c.text


def test_word_count():
    assert word_count("  un  deux\ntrois ") == 3


def test_each_quoted_excerpt_is_a_chunk_named_by_its_outlet(chunks_by_doc):
    for doc_id, (doc, chunks) in chunks_by_doc.items():
        labels = [e["label"] for e in doc.meta.get("excerpts", []) if e.get("label")]
        if doc.confidence in ("press", "secondary") and labels:
            assert [c.section for c in chunks] == labels, doc_id
            for c, e in zip(chunks, [e for e in doc.meta["excerpts"] if e.get("label")]):
                assert c.start <= e["start"] and e["end"] == c.end, (doc_id, e["label"])
