"""Round 21 ("gold21"): the words that name a text select its documents, they do not score its sentences.

Questions written for these tests (not taken from any evaluation set).
"""
from __future__ import annotations

import numpy as np
import pytest

from assistant.answer import compose, text_names
from assistant.answer.sentences import sentences
from assistant.domain import Passage
from assistant.errors import InputDataError


@pytest.mark.parametrize("question, doc", [
    ("Selon le référentiel HDS version 2, qui paie l'audit ?", "hds-referentiel-v2"),
    ("referentiel hds v2 : audit paye par qui", "hds-referentiel-v2"),
    ("Under the HDS standard, who pays for the audit?", "hds-referentiel-v2"),
    ("Le décret d'avril 2026 vise-t-il les GIP ?", "decret-2026-272-secondaire"),
    ("decret du 24 mars 2026 stockage ou", "decret-2026-209-secondaire"),
    ("What did the March 2026 decree change for remote access?", "decret-2026-209-secondaire"),
    ("the 2021 circular on cloud: who signed it?", "circulaire-6282-sg-2021"),
    ("circulaire 6404 : quels cas de figure ?", "circulaire-6404-sg-2023-presse"),
    ("Lecornu's circular: anything on SNDS?", "circulaire-6519-sg-2026-presse"),
    ("Le vade-mecum de la DINUM parle-t-il des opérateurs ?", "dinum-vade-mecum-sensibilite"),
    ("FAQ DINUM : qui finance la migration ?", "dinum-faq-2024"),
    ("SecNumCloud 3.2 : le prestataire doit-il chiffrer ?", "secnumcloud-v3.2"),
])
def test_a_text_named_by_nickname_number_or_date_is_found(question, doc):
    named = text_names.named_texts(question)
    assert doc in named.docs


@pytest.mark.parametrize("question", [
    "Un hébergeur certifié HDS peut-il stocker hors UE ?",
    "Is OVHcloud qualified SecNumCloud?",
    "Notre mutuelle est-elle conforme au RGPD si elle héberge chez AWS ?",
    "Can a hospital use Azure for patient records?",
])
def test_a_topic_word_names_no_text(question):
    assert text_names.named_texts(question).docs == frozenset()


def test_the_name_words_are_blanked_and_the_asking_words_kept():
    named = text_names.named_texts("Que dit le référentiel HDS version 2 sur la langue des interfaces ?")
    assert "referentiel" not in named.words and "version" not in named.words
    assert "langue" in named.words and "interfaces" in named.words


def test_an_entry_without_source_is_refused(tmp_path, monkeypatch):
    bad = tmp_path / "names.yaml"
    bad.write_text("texts:\n  - id: x\n    docs: [a]\n    patterns: ['x']\n", encoding="utf-8")
    monkeypatch.setattr(text_names, "_DATA", bad)
    text_names._entries.cache_clear()
    try:
        with pytest.raises(InputDataError):
            text_names._entries()
    finally:
        text_names._entries.cache_clear()


def test_every_named_document_is_in_the_corpus():
    from pathlib import Path
    corpus = {p.name[:-len(".meta.yaml")] for p in (Path(__file__).parents[1] / "corpus").glob("*.meta.yaml")}
    for _, docs, _ in text_names._entries():
        assert set(docs) <= corpus


def test_an_english_title_is_not_cut_after_no():
    text = "Decree No. 2026-209 of March 24, 2026 published in the Official Journal on March 26, 2026, amends the code."
    p = Passage(doc_id="d", title="t", section="s", text=text, start=0, end=len(text))
    assert [s.text for s in sentences(p)] == [text]


def _passage(text: str, doc_id: str) -> Passage:
    return Passage(doc_id=doc_id, title="t", section="s", text=text, start=0, end=len(text))


def test_the_text_name_does_not_win_the_title_line_its_words():
    # two documents, same cosines: the title line of the named circular shares the name's words, the
    # other sentence of the same circular says what was asked
    title = _passage("La circulaire du 31 mai 2023 n°6404/SG a été publiée le 1er juin dernier au journal.", "circ")
    answer = _passage("Pour les données sans sensibilité particulière, le recours à une offre qualifiée n'est pas requis.", "circ2")
    question = "Circulaire 6404 de mai 2023 : le recours à une offre qualifiée est-il requis pour des données sans sensibilité particulière ?"
    flat = lambda spans, texts: np.full((len(spans), 2), 0.85)  # noqa: E731
    named = text_names.NamedTexts(frozenset({"circ", "circ2"}), text_names.named_texts(question).words)
    picks = compose.choose(question, [title, answer], similarity=flat, named=named)
    assert picks[0].passage.doc_id == "circ2"


def test_an_item_further_down_a_list_joins_its_lead_in():
    lead = "L'hébergeur doit envisager les événements suivants :\n\nA. Une panne."
    assert compose.leads_into(lead, 100, 100 + len(lead), 600, 700)
    # not above the lead-in, not beyond LIST_MAX, not after a sentence that announces nothing
    assert not compose.leads_into(lead, 100, 100 + len(lead), 0, 50)
    assert not compose.leads_into(lead, 100, 100 + len(lead), 600, 100 + compose.LIST_MAX + 1)
    assert not compose.leads_into("L'hébergeur doit envisager une panne.", 100, 140, 600, 700)
