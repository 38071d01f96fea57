"""The web chat's HTML fragments: one card per verdict (on real checker verdicts), escaping
of every text, `[n]` markers linked to their passage, no blank line (the chat's Markdown
renderer would split the block), and the source page's highlighted passage."""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace

import pytest

from assistant.channels import web_render
from assistant.checker import check
from assistant.wording import french_date
from ingest.documents import Document
from support.verdict_cases import VERDICT_CASES

CASES = VERDICT_CASES
LABELS = {"eligible": "Éligible", "not_eligible": "Non éligible", "undetermined": "Indéterminé",
          "not_applicable": "Hors périmètre"}
EVIL = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


@pytest.mark.parametrize("verdict", list(CASES))
def test_each_verdict_has_its_card_words_and_trace(verdict):
    obj = check(**CASES[verdict]).to_json()
    assert obj["verdict"] == verdict
    card = web_render.verdict_card(obj)
    modifier = web_render.VERDICTS[verdict][1]
    assert f'hds-verdict--{modifier}"' in card
    assert f'<span class="hds-verdict__label">{LABELS[verdict]}</span>' in card
    # The date is written out in words since the card is read by people (was the ISO date).
    assert 'role="status"' in card and french_date(obj["as_of"]) in card
    assert f'<strong>Pourquoi :</strong> {html.escape(obj["why"])}' in card
    trace = web_render.rules_trace(obj)
    assert trace.startswith('<details class="hds-trace">')
    assert trace.count("<tr><td>") == len(obj["rules"])
    for rule in obj["rules"]:
        assert html.escape(rule["basis"]["quote"]) in trace
        assert html.escape(rule["title"]) in trace
    assert not re.search(r"\b[a-z]+_[a-z_]+\s*=", trace), "no variable names such as hds_certified=None"


def test_the_reason_comes_before_conditions_and_caveats_are_folded_under_their_count():
    obj = check(provider="Microsoft", offer="Azure", data=["health"], customer="state", as_of=dt.date(2024, 6, 1)).to_json()
    assert obj["caveats"] and obj["conditions"]
    card = web_render.verdict_card(obj)
    assert card.index("Pourquoi :") < card.index("Conditions à remplir")
    assert f"<summary>Réserves ({len(obj['caveats'])})</summary>" in card
    assert card.index("<details") > card.index("Conditions à remplir")


def test_missing_facts_are_asked_as_questions_and_offers_get_one_row_each():
    obj = check(provider="Microsoft", data=["health"], customer="state", as_of=dt.date(2024, 6, 1)).to_json()
    obj["missing_facts"] = [{"name": "breach_impact", "subject": "données", "why": "critère 2",
                             "question": "Une violation de ces données porterait-elle atteinte à la santé ?"}]
    card = web_render.verdict_card(obj)
    assert "À préciser pour conclure" in card
    assert "<li>Une violation de ces données porterait-elle atteinte à la santé ?</li>" in card
    missing_block = card.split("À préciser pour conclure")[1].split("</ul>")[0]
    assert "breach_impact" not in missing_block  # the question, not the variable (the reason is the checker's)
    assert card.count('<tr><td><strong>') == len(obj["offers"]) >= 2
    for offer in obj["offers"]:
        assert f"<strong>{html.escape(offer['offer'])}</strong>" in card


def test_facts_are_written_in_words_with_their_date_and_source():
    fact = {"name": "hds_certified", "value": None, "valid_from": "2018-11", "source": "providers-registry-notes",
            "confidence": "claimed", "holder": "Microsoft"}
    words = web_render.fact_words(fact)
    assert words == ("Microsoft : certifié HDS — inconnu, depuis novembre 2018 "
                     "(source : providers-registry-notes, déclaration du fournisseur)")


def test_an_answer_with_several_verdicts_shows_one_card_each():
    one = check(**CASES["eligible"]).to_json()
    two = check(**CASES["not_eligible"]).to_json()
    out = web_render.answer_html({"short_answer": "x", "as_of": "2021-09-28", "verdict": one, "verdicts": [one, two]})
    assert out.count('class="hds-verdict ') == 2 and "Non éligible" in out and ">Éligible<" in out


def test_the_audit_table_has_three_states():
    claims = [{"text": "a", "stated": "eligible", "verdict": "eligible", "agrees": True, "checkable": True},
              {"text": "b", "stated": "eligible", "verdict": "not_eligible", "agrees": False, "checkable": True},
              {"text": "c", "stated": "eligible", "verdict": "undetermined", "agrees": False, "checkable": False}]
    out = web_render.audit_html({"claims": claims, "as_of": "2021-09-28"})
    rows = out.split("<tr>")[2:]
    assert "✔ concorde" in rows[0] and "✖ contredit" in rows[1]
    assert "ne peut pas trancher" in rows[2] and "contredit" not in rows[2]


def test_press_citations_are_labelled():
    ask = {"short_answer": "x", "as_of": "2024-06-01",
           "citations": [{"n": 1, "doc_id": "d", "title": "t", "quote": "q", "start": 0, "end": 1, "confidence": "press"}]}
    assert "cité par la presse" in web_render.answer_html(ask)


def test_every_text_is_escaped_and_no_blank_line_is_emitted():
    ask = {"question": EVIL, "as_of": "2021-09-28", "short_answer": EVIL, "answer": f"{EVIL}\n\n- {EVIL} [1]",
           "notices": [{"kind": "assumption", "text": EVIL}],
           "citations": [{"n": 1, "doc_id": "d", "title": EVIL, "section": EVIL, "quote": EVIL + "\n\nsuite",
                          "start": 0, "end": 5, "date": "2021-07-19", "completeness": "partial", "note": EVIL}],
           "claims": [{"text": EVIL, "action": "corrected", "verdict": "not_eligible"}],
           "verdict": {**check(**CASES["not_eligible"]).to_json(), "caveats": [EVIL]}}
    out = web_render.answer_html(ask)
    assert "<script" not in out and "<img" not in out
    assert html.escape(EVIL) in out
    assert "\n\n" not in out and "\n" not in out
    assert "Réponse établie à la date du 2021-09-28" in out and "pas un avis juridique" in out


def test_citation_markers_link_to_the_exact_passage():
    citations = [{"n": 2, "doc_id": "doctrine-cloud-au-centre-2021", "start": 10, "end": 42}]
    out = web_render.markdown_lite("Voir **R9** [2] et [7].", citations)
    assert '<a class="hds-cite" href="source/doctrine-cloud-au-centre-2021?start=10&amp;end=42#passage"' in out
    assert "[7]" in out and "<strong>R9</strong>" in out  # an unknown marker stays plain text


def test_the_lead_is_not_repeated_when_it_is_the_short_answer():
    ask = {"short_answer": "Non (non éligible) — Azure.", "answer": "**Non (non éligible)** — Azure.\n\n**Sources**\n\n[1] x"}
    assert web_render.lead_text(ask) == ""
    ask = {"short_answer": "Oui.", "answer": "Oui.\nParce que R9 [1].\n\n**Sources**\n[1] x\n\n_À la date du 1/1/2021._"}
    assert web_render.lead_text(ask) == "Oui.\nParce que R9 [1]."


def test_source_page_marks_the_passage_and_escapes_the_text():
    doc = Document(doc_id="d", title="T <b>", kind="note", date="2021-09-15", text="avant <x> PASSAGE & après\n",
                   path="d.md", url="https://example.org/?a=1&b=2", completeness="extracts", licence="Etalab 2.0")
    start = doc.text.index("PASSAGE")
    page = web_render.source_page(doc, start, start + len("PASSAGE & après"))
    assert '<mark id="passage">PASSAGE &amp; après</mark>' in page
    assert "avant &lt;x&gt;" in page and "<title>T &lt;b&gt;</title>" in page
    assert "2021-09-15" in page and "extraits" in page and "Etalab 2.0" in page
    assert 'href="https://example.org/?a=1&amp;b=2"' in page
    assert "<mark" not in web_render.source_page(replace(doc, url=None), None, None)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
