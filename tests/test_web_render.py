"""The web chat's HTML fragments: one card per verdict (on real checker verdicts), escaping
of every text, `[n]` markers linked to their passage, no blank line (the chat's Markdown
renderer would split the block), and the source page's highlighted passage."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import replace

import pytest

from assistant.channels import web_render
from assistant.checker import check
from ingest.documents import Document

CASES = {  # rules.md cases 1, 2 and 8, and a customer/data pair no rule set covers
    "eligible": dict(provider="OVHcloud", offer="Hosted Private Cloud", data=["health"], customer="state",
                     as_of=dt.date(2021, 9, 28)),
    "not_eligible": dict(provider="Microsoft", offer="Azure", data=["health"], customer="state_operator",
                         as_of=dt.date(2021, 9, 28)),
    "undetermined": dict(provider="Nimbus Inconnu", data=["health"], customer="state", as_of=dt.date(2021, 10, 1)),
    "not_applicable": dict(provider="OVHcloud", offer="Hosted Private Cloud", data=["other"], customer="private",
                           as_of=dt.date(2021, 10, 1)),
}
LABELS = {"eligible": "Conforme", "not_eligible": "Non conforme", "undetermined": "Indéterminé",
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
    assert 'role="status"' in card and obj["as_of"] in card
    trace = web_render.rules_trace(obj)
    assert trace.startswith('<details class="hds-trace">')
    assert trace.count("<tr><td>") == len(obj["rules"])
    for rule in obj["rules"]:
        assert html.escape(rule["basis"]["quote"]) in trace


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
    ask = {"short_answer": "Non conforme — Azure.", "answer": "**Non conforme** — Azure.\n\n**Sources**\n\n[1] x"}
    assert web_render.lead_text(ask) == ""
    ask = {"short_answer": "Oui.", "answer": "Oui.\nParce que R9 [1].\n\n**Sources**\n[1] x\n\n_À la date du 1/1/2021._"}
    assert web_render.lead_text(ask) == "Oui.\nParce que R9 [1]."


def test_source_page_marks_the_passage_and_escapes_the_text():
    doc = Document(doc_id="d", title="T <b>", kind="note", date="2021-09-15", text="avant <x> PASSAGE & après\n",
                   path="d.md", url="https://example.org/?a=1&b=2", completeness="extracts", licence="Etalab 2.0")
    start = doc.text.index("PASSAGE")
    page = web_render.source_page(doc, start, start + len("PASSAGE & après"))
    assert '<mark id="passage">PASSAGE &amp; après</mark>' in page
    assert "avant &lt;x&gt;" in page and "T &lt;b&gt;" in page
    assert "2021-09-15" in page and "extraits" in page and "Etalab 2.0" in page
    assert 'href="https://example.org/?a=1&amp;b=2"' in page
    assert "<mark" not in web_render.source_page(replace(doc, url=None), None, None)
