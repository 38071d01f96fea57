"""One language per answer: every user-facing string an answer builds has a French and an English
form in its data, English answers give translated titles (said to be the assistant's) and quote
French headings, and a registry fact whose validity ended says from when it is unknown and what the
last sourced fact was."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.answer import registry_view, render
from assistant.domain import Citation
from assistant.titles import source_title, title_in, written_in_english

ROOT = Path(__file__).resolve().parents[1]
# Data whose texts reach the answer: obligations' reasons ("says", "others_depend_on", "before", "when"),
# missing-text notices, labels, rule titles and explanations, events.
BILINGUAL_DATA = ["assistant/answer/obligations.yaml", "assistant/answer/missing_texts.yaml",
                  "assistant/answer/events.yaml", "assistant/data/labels.yaml", "assistant/checker/data/rules.yaml"]


def _one_sided(node, path=""):
    if isinstance(node, dict):
        if ("fr" in node) != ("en" in node):
            yield path
        for key, value in node.items():
            yield from _one_sided(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _one_sided(value, f"{path}[{i}]")


@pytest.mark.parametrize("name", BILINGUAL_DATA)
def test_every_text_of_the_data_has_both_languages(name):
    data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    assert list(_one_sided(data)) == []


def test_every_french_document_has_an_english_title():
    for meta in sorted((ROOT / "corpus").glob("*.meta.yaml")):
        doc = yaml.safe_load(meta.read_text(encoding="utf-8"))
        english = title_in(doc["doc_id"], doc["title"], "en")
        assert written_in_english(doc["doc_id"]) == (english == doc["title"]), doc["doc_id"]


def test_registry_reasons_have_a_french_form():
    for path in sorted((ROOT / "assistant/checker/data/registry").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        facts = list(raw.get("facts") or []) + [f for o in raw.get("offers") or [] for f in o.get("facts") or []]
        for fact in facts:
            assert bool(fact.get("reason")) == bool(fact.get("reason_fr")), (path.name, fact["name"])


def _citation(doc_id: str, title: str, section: str) -> Citation:
    return Citation(n=1, doc_id=doc_id, title=title, section=section, quote="…", start=0, end=1, date="2024-02-23")


def test_an_english_source_line_translates_the_title_and_quotes_the_original():
    title = "FAQ de la doctrine « Cloud au centre » (DINUM, version du 23 février 2024)"
    line = render.source_line(_citation("dinum-faq-2024", title, "Périmètre > Les collectivités territoriales"), "en")
    assert line.startswith('[1] FAQ on the "Cloud au centre" doctrine (DINUM, version of 23 February 2024) [title translated')
    assert f"original: « {title} »" in line
    assert "« Périmètre > Les collectivités territoriales »" in line
    french = render.source_line(_citation("dinum-faq-2024", title, "Périmètre > Les collectivités territoriales"), "fr")
    assert french.startswith(f"[1] {title} — Périmètre > Les collectivités territoriales — 23/02/2024")


def test_a_reference_section_and_an_english_document_are_not_quoted():
    assert render.section_label("R9", "en", "doctrine-cloud-au-centre-2021") == "R9"
    assert render.section_label("Article 32 > I", "en", "sren-2024-art32") == "Article 32 > I"
    assert render.section_label("R9, 2e alinéa", "en", "doctrine-cloud-au-centre-2021") == "« R9, 2e alinéa »"
    assert render.section_label("Article 28 > processor", "en", "gdpr-extracts") == "Article 28 > processor"
    assert source_title("gdpr-extracts", "Regulation (EU) 2016/679", "en") == "Regulation (EU) 2016/679"


def test_the_closest_passage_line_names_the_document_in_english():
    quote = Citation(n=1, doc_id="doctrine-cloud-au-centre-2021", title="Doctrine « Cloud au centre » : les règles R1 à R15",
                     section="R9", quote="Tous les systèmes", start=0, end=17, date="2021-07-19")
    short, _ = render.answer_markdown("en", dt.date(2026, 11, 30), quotes=[quote], citations=[quote])
    assert short.startswith('According to "Cloud au centre" doctrine: rules R1 to R15'), short
    assert "[1]: « Tous les systèmes »" in short


@pytest.mark.parametrize("lang,expected", [
    ("en", "Cloud de confiance Bleu — SecNumCloud qualified: unknown after 2025-04-17 — last sourced fact: no, until "
           "2025-04-17 (at least since 2021-09-28; secondary source; InCyber (2025-04-17)); no sourced fact covers a later date"),
    ("fr", "Cloud de confiance Bleu — qualifiée SecNumCloud : inconnu après le 2025-04-17 — dernier fait sourcé : non, "
           "jusqu'au 2025-04-17 (au moins depuis 2021-09-28; source secondaire; InCyber (2025-04-17)) ; aucun fait sourcé "
           "ne couvre une date postérieure"),
])
def test_a_fact_whose_validity_ended_says_when_and_what_was_last_known(lang, expected):
    lines = registry_view.describe("Bleu", None, dt.date(2026, 11, 30), lang, question="bleu secnumcloud?")
    qualified = [line for line in lines if line.name == "secnumcloud"][0]
    assert qualified.text == expected
    assert qualified.value is None and qualified.doc_id == "dsih-tribune-2021-09-28"
    inside = registry_view.describe("Bleu", None, dt.date(2023, 1, 1), lang)
    assert [line.value for line in inside if line.name == "secnumcloud"] == [False]


def test_a_registry_reason_is_given_in_the_answer_language():
    french = registry_view.describe("Amazon Web Services", None, dt.date(2026, 11, 30), "fr")
    english = registry_view.describe("Amazon Web Services", None, dt.date(2026, 11, 30), "en")
    law = lambda lines: [x.text for x in lines if x.name == "subject_to_non_eu_law"][0]  # noqa: E731
    assert "société américaine" in law(french) and "US company" not in law(french)
    assert "US company" in law(english)


def test_a_clipped_heading_keeps_its_quotes_balanced():
    label = render.section_label("Accompagnement > les projets mettant en œuvre la doctrine « Clo…", "en", "dinum-faq-2024")
    assert label == "« Accompagnement > les projets mettant en œuvre la doctrine « Clo… » »"


def test_a_french_answer_gives_the_english_document_a_french_title():
    title = "Regulation (EU) 2016/679 (GDPR) — recitals and articles 4, 9, 28, 44–49 (English)"
    line = render.source_line(_citation("gdpr-extracts", title, "Article 28"), "fr")
    assert line.startswith("[1] Règlement (UE) 2016/679 (RGPD)") and f"original : « {title} »" in line
    assert render.source_line(_citation("gdpr-extracts", title, "Article 28"), "en").startswith(f"[1] {title} — Article 28")
