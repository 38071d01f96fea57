"""Round 22 ("gold22"): the decisive passage reaches the answer in three more classes of questions.

- Dated questions: a quote published after the question's day gives way to the texts of that day,
  in all the answer's places, not only within the composer's first picks; a press extract's day is
  the one its heading names ("Mondaq, 11 mars 2026"), not the date of the law it comments
  (`quote_order.existing_first`, `quote_order.section_day`).
- Eligibility answers: the second place goes to the better scored of the next rule passage and the
  best other passage (`quote_order.beside_best`); a definition of a fact an applied rule reads is a
  candidate when the question leaves that fact unknown (`rule_passages.explaining_items`).
- A text's record of fields ("Date de signature :05/07/2021 …" over several lines) is one quotable
  unit (`sentences.field_records`).
Questions written for these tests (not taken from an eval set).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.answer.quote_order import beside_best, existing_first, later, section_day
from assistant.answer.rule_passages import explaining_items
from assistant.answer.sentences import field_records

TODAY = "2026-12-03"


@dataclass(frozen=True)
class _Quote:
    name: str
    date: str
    section: str = ""


@dataclass(frozen=True)
class _Pick:
    name: str
    score: float


def test_a_heading_names_the_day_of_its_extract():
    assert section_day("Mondaq, 11 mars 2026") == "2026-03-11"
    assert section_day("silicon.fr, juin 2023") == "2023-06-01"  # a month: its first day
    assert section_day("Usine Digitale, 2025") == "2025-01-01"  # a bare year after the source
    assert section_day("R9, 1er alinéa") is None
    assert section_day("Article 28(3)") is None
    assert section_day("") is None


def test_an_extract_later_than_the_question_is_later_whatever_its_document_date():
    assert later("2024-05-21", "2024-12-31", "Mondaq, 11 mars 2026")
    assert not later("2024-05-21", "2024-12-31", "Article 31 (Derriennic Associés, 3 juillet 2024)")
    assert later("2026-02-05", "2024-12-31")
    assert not later("", "2024-12-31")


def test_texts_of_the_questions_day_come_first_in_every_place():
    quotes = [_Quote("2026 press", "2024-05-21", "Mondaq, 11 mars 2026"), _Quote("2026 text", "2026-03-24"),
              _Quote("faq", "2024-02-23"), _Quote("ruling", "2020-10-13")]
    order = [q.name for q in existing_first(quotes, room=1, as_of="2024-12-31")]
    assert order == ["faq", "ruling", "2026 press", "2026 text"]
    # a question of today: no text is later, the composer's order stands
    today = [q.name for q in existing_first(quotes, room=1, as_of=TODAY)]
    assert today == ["2026 press", "2026 text", "faq", "ruling"]


def test_the_second_place_goes_to_the_better_scored_passage():
    rule, other = _Pick("faq criteria", 2.75), _Pick("press line", 0.92)
    assert [e.name for e in beside_best([rule], [other])] == ["faq criteria", "press line"]
    assert [e.name for e in beside_best([_Pick("weak rule", 0.1)], [other])] == ["press line", "weak rule"]
    assert [e.name for e in beside_best([], [other])] == ["press line"]
    assert beside_best([], []) == []


def test_a_definition_explains_a_fact_the_question_leaves_unknown():
    unknown = {"verdict": "eligible", "data": ["personal"], "customer": "state", "facts": {},
               "rules": [{"id": "B3", "status": "satisfied"}]}
    assert "S2023" in explaining_items([unknown], dt.date(2026, 12, 3))
    assert "S2021" not in explaining_items([unknown], dt.date(2026, 12, 3))
    # no applied rule reads sensitivity: nothing to explain
    none_read = {**unknown, "rules": [{"id": "B3", "status": "not_applicable"}]}
    assert not {"S2021", "S2023"} & explaining_items([none_read], dt.date(2026, 12, 3))


def test_a_record_of_fields_is_one_unit_and_a_single_field_line_is_not():
    text = "Titre du texte\nDate de signature :05/07/2021 Statut :En vigueur\nDate de publication :09/07/2021\n\nCorps."
    [(a, b)] = field_records(text)
    assert text[a:b] == "Date de signature :05/07/2021 Statut :En vigueur\nDate de publication :09/07/2021"
    assert field_records("ECLI:FR:CEORD:2020:444937.20201013\nInédit au recueil Lebon") == []
    assert field_records("Disponible sur https://example.org\nDisponible sur http://example.org") == []


def test_the_signature_and_publication_dates_of_a_circular_are_quoted(service_on):
    answer = service_on(TODAY).ask("Quelles sont les dates de signature et de publication de la circulaire 6282 ?")
    assert any("Date de signature :05/07/2021" in c.quote and "Date de publication :09/07/2021" in c.quote
               for c in answer.citations), [c.quote[:60] for c in answer.citations]


def test_a_dated_question_quotes_the_criteria_of_that_day(service_on):
    answer = service_on(TODAY).ask("Le 2 février 2025, un ministère pouvait-il mettre sur AWS des données "
                                   "qu'il avait déclarées d'une sensibilité particulière ?")
    assert answer.verdicts and answer.as_of == "2025-02-02"
    shown = answer.answer
    assert "Deux conditions doivent être réunies" in shown, [c.quote[:60] for c in answer.citations]
