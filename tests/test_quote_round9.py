"""Round 9 quote choice: the citable unit of a numbered article is its paragraph
(`assistant.answer.points`), and a retrieved quote bears on a verdict or scope answer by the quote
model's fitted relevance floor or by naming the answer's provider (`assistant.answer.relevance`),
not by a list of topic words."""
from __future__ import annotations

import pytest
import yaml

from assistant.answer import compose
from assistant.answer.points import paragraph_of, unit_section
from assistant.answer.relevance import bears_on
from assistant.config import REPO_ROOT
from ingest.documents import load_corpus


@pytest.fixture(scope="module")
def texts():
    return {d.doc_id: d.text for d in load_corpus(REPO_ROOT / "corpus")}


def _at(text: str, words: str) -> int:
    start = text.find(words)
    assert start >= 0, words
    return start


def test_two_paragraphs_of_one_gdpr_article_are_two_units(texts):
    gdpr = texts["gdpr-extracts"]
    review = _at(gdpr, "The implementing act shall provide for a mechanism for a periodic review")
    monitor = _at(gdpr, "The Commission shall, on an ongoing basis, monitor developments")
    assert unit_section(gdpr, review, "Article 45") == "Article 45(3)"
    assert unit_section(gdpr, monitor, "Article 45") == "Article 45(4)"


def test_a_lettered_point_belongs_to_its_numbered_paragraph(texts):
    gdpr = texts["gdpr-extracts"]
    point = _at(gdpr, "(g) at the choice of the controller, deletes or returns all the personal data")
    lead_in = _at(gdpr, "3. Processing by a processor shall be governed by a contract")
    assert paragraph_of(gdpr, point) == paragraph_of(gdpr, lead_in) == "3"


def test_a_lettered_recommendation_outside_any_paragraph_is_its_own_unit(texts):
    annex = texts["secnumcloud-v3.2-annexe2"]
    guide = _at(annex, "Il est recommandé que le commanditaire utilise le guide d’achat")
    first = _at(annex, "Le commanditaire peut, lorsqu’il est une autorité administrative")
    assert unit_section(annex, guide, "Annexe 2") == "Annexe 2 > d)"
    assert unit_section(annex, first, "Annexe 2") == "Annexe 2 > a)"


def test_a_text_without_numbered_paragraphs_keeps_its_section(texts):
    doctrine = texts["doctrine-cloud-au-centre-2021"]
    assert unit_section(doctrine, _at(doctrine, "[R9]"), "R9") == "R9"


def test_the_next_heading_ends_a_paragraph():
    text = "## Article 28\n\n3. A lead-in:\n\n(a) a point;\n\nA continuation.\n\n## Article 29\n\nNo number here."
    assert unit_section(text, _at(text, "A continuation"), "Article 28") == "Article 28(3)"
    assert unit_section(text, _at(text, "No number here"), "Article 29") == "Article 29"


def test_a_relevant_quote_is_kept_whatever_its_words_and_a_loose_one_dropped():
    # "réviser annuellement la politique de contrôle d'accès" names no topic word of the old list
    assert bears_on(3.8, "Le prestataire doit réviser annuellement la politique de contrôle d’accès.", set(), 1.0)
    assert not bears_on(0.2, "La qualification SecNumCloud est délivrée par l’ANSSI.", set(), 1.0)


def test_a_quote_naming_the_answers_provider_is_kept_below_the_floor():
    assert bears_on(-2.0, "Microsoft Azure est certifié HDS.", {"Microsoft"}, 1.0)
    assert not bears_on(-2.0, "Microsoft Azure est certifié HDS.", {"OVHcloud"}, 1.0)


def test_without_a_fitted_floor_every_quote_bears():
    assert bears_on(-5.0, "Un texte.", set(), None)


def test_the_relevance_floor_is_fitted_on_tuning_questions_and_said_so():
    raw = yaml.safe_load(compose.MODEL_FILE.read_text(encoding="utf-8"))
    model = compose.load_model()
    assert model.min_relevance == raw["min_relevance"]
    assert "tuning" in raw["min_relevance_by"]
    counts = raw["min_relevance_counts"]
    # the floor keeps as many gold passages in the answers as keeping every quote does
    assert counts["gold_in_answer"] >= counts["without_floor"]["gold_in_answer"]
    assert counts["citations"] <= counts["without_floor"]["citations"]
