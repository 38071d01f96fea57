"""Round 14 ("dates14"): the day of a corpus text that the act words name (published, in force,
signed), texts named by their doer, number or subject (Conseil d'État orders, the DINUM's FAQ, the
ANS FAQ), each with a source whose quotes are in the corpus; events of the asker's own life said as
not understood, never today silently. Questions written for these tests (a few from blind13, spent)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from assistant.answer.dates import find_date, source_in, unresolved_date

TODAY = dt.date(2026, 12, 2)
ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("question, day, quoted", [
    # blind13 (spent): the entry into force of circular 6282 is its Légifrance day, not its signature
    ("On the day circular 6282 came into force, could a ministry store data on Azure?", dt.date(2021, 7, 10), "10/07/2021"),
    ("La veille de l'entrée en vigueur de la circulaire n° 6282-SG, un ministère", dt.date(2021, 7, 9), "10/07/2021"),
    ("Le lendemain de la publication de la circulaire 6282-SG, un ministère", dt.date(2021, 7, 10), "09/07/2021"),
    ("The day after circular 6282 was published, could a ministry", dt.date(2021, 7, 10), "09/07/2021"),
    ("Le jour de la publication de la circulaire 6404/SG, un ministère", dt.date(2023, 6, 1), "publiée le 1er juin"),
    ("Le jour de l'entrée en vigueur du référentiel HDS v2, une clinique", dt.date(2024, 11, 16), "As of November 16, 2024"),
    ("The day after the GDPR was adopted, could a hospital", dt.date(2016, 4, 28), "27 April 2016"),
])
def test_the_act_words_name_the_day_with_its_source(question, day, quoted):
    mention = find_date(question, TODAY)
    assert mention is not None and mention.date == day, mention
    assert quoted in mention.source


@pytest.mark.parametrize("question, day", [
    ("Le jour où le Premier ministre a signé la circulaire 6282, un ministère", dt.date(2021, 7, 5)),
    ("Le jour de la signature de la circulaire 6282, un ministère", dt.date(2021, 7, 5)),
    # the binding day the verdicts use is unchanged by the named entry into force
    ("Après le référentiel HDS v2, une clinique", dt.date(2024, 4, 26)),
    ("Après la circulaire, un ministère", dt.date(2021, 7, 10)),
    # blind13 (spent): the DINUM's FAQ named by its doer
    ("Le jour où la DINUM a publié sa FAQ de 2024, un ministère", dt.date(2024, 2, 23)),
    ("The day the ANS updated its HDS FAQ, could a clinic", dt.date(2025, 2, 11)),
    # blind13 (spent) and others: the Conseil d'État's orders, by year, number or subject
    ("On the day in 2020 when the Conseil d'État ruled in summary proceedings on the Health Data Platform, could a clinic",
     dt.date(2020, 10, 13)),
    ("Le jour de l'ordonnance du Conseil d'État de 2024, un hôpital", dt.date(2024, 3, 22)),
    ("La veille de l'ordonnance n° 492369 du Conseil d'État, un hôpital", dt.date(2024, 3, 21)),
    ("The day after the Conseil d'État's 2020 order on the Health Data Hub, could a hospital", dt.date(2020, 10, 14)),
    ("Le jour de la délibération de la CNIL n° 2023-146, un hôpital", dt.date(2023, 12, 21)),
    ("Le jour de la mise en ligne de la FAQ de l'ANS, une clinique", dt.date(2025, 2, 11)),
    ("The day the DINUM published its FAQ, could a ministry", dt.date(2024, 2, 23)),
])
def test_texts_named_by_doer_number_or_subject(question, day):
    mention = find_date(question, TODAY)
    assert mention is not None and mention.date == day and mention.precision == "event", mention


def test_an_english_answer_gets_the_new_sources_in_english():
    mention = find_date("On the day circular 6282 was published, could a ministry", TODAY)
    assert "published on 9 July 2021" in source_in(mention.source, "en")


def test_every_quote_of_an_event_source_is_in_its_corpus_document():
    for row in yaml.safe_load((ROOT / "assistant/answer/events.yaml").read_text(encoding="utf-8")):
        for key, value in row.items():
            if not key.endswith("source") or not isinstance(value, str):
                continue
            doc = re.search(r"corpus ?: ?([\w.-]+)", value)
            if doc is None:
                continue
            text = re.sub(r"\s+", " ", "".join(p.read_text(encoding="utf-8") for p in (ROOT / "corpus").glob(doc[1] + ".*")))
            for quote in re.findall(r"«\s*(.*?)\s*»", value):
                assert quote in text, (row["id"], key, quote)


@pytest.mark.parametrize("question", [
    "The week after our last audit, could the clinic have kept its patient records on AWS?",  # blind13 (spent)
    "Le jour où notre nouveau DSI est arrivé, pouvions-nous héberger nos dossiers patients sur Scaleway Cloud ?",  # blind13
    "Deux jours avant notre passage en production, l'hôpital pouvait-il utiliser Azure ?",
    "Since our last HDS audit, can we keep patient data on OVHcloud?",
    "Quand nous avons signé avec Outscale, pouvions-nous y mettre nos dossiers ?",
    "The day before my appointment as CIO, could the ministry use AWS?",
    # a text no row dates, named after "the day the": not understood either
    "On the day the vade-mecum of the DINUM came out, could a ministry use AWS?",
])
def test_an_event_of_the_askers_own_life_is_not_understood(question):
    mention = find_date(question, TODAY)
    assert mention is None or mention.precision != "event"
    assert unresolved_date(question, mention)


@pytest.mark.parametrize("question", [
    "Quand notre sous-traitant doit-il nous prévenir d'un changement ?",
    "When we host data on AWS, must we sign a contract?",
    "Since our clinic processes health data, must it use an HDS host?",
    "Before our contract with OVH is signed, which clauses must it hold?",
])
def test_a_case_or_a_reason_said_with_our_is_no_date(question):
    assert unresolved_date(question, find_date(question, TODAY)) is None
