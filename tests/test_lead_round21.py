"""Round 21 (lead): a date that names a text, and a question asking whether someone's claim is right.

- "Que prévoit le décret d'avril 2026 ?" names a text by its date: the question is asked today, not on
  30 April 2026. A past-tense question ("Selon la circulaire du 5 juillet 2021, un ministère pouvait-il
  …") is asked on the day the text bound (10 July 2021, its entry into force in events.yaml); a relation
  to it ("avant le décret d'avril 2026") is the day before that decree; another date of the question wins.
- "D'après la circulaire" is "according to it", never "after it".
- "Mon collègue affirme que … A-t-il raison ?": the first word says whether the claim is right
  ("Oui (exact : non éligible)"); the verdict is the checker's and does not change.
Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assistant.answer import text_dates
from assistant.answer.claim_asked import asks_if_right
from assistant.answer.dates import find_date

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize("question, text_id", [
    ("Que prévoit le décret d'avril 2026 ?", "decret-2026-272"),
    ("What does the March 2026 decree change for hospitals?", "decret-2026-209"),
    ("Que dit la circulaire de 2023 sur les données sensibles ?", "circulaire-6404-sg"),
    ("Is the 2022 SecNumCloud referential still in force?", "secnumcloud-3-2"),
    ("La loi SREN du 21 mai 2024 impose-t-elle la certification ?", "loi-sren"),
])
def test_a_text_named_by_its_date_is_that_text(question, text_id):
    names = text_dates.names_of_texts(question)
    assert [n.row["id"] for n in names if n.row] == [text_id]


def test_a_year_two_texts_of_a_kind_share_designates_none():
    names = text_dates.names_of_texts("Que prévoit le décret de 2026 ?")
    assert len(names) == 1 and names[0].row is None


@pytest.mark.parametrize("question", [
    "Que prévoit le décret d'avril 2026 pour les données d'une sensibilité particulière ?",
    "What does the 2021 circular require for particularly sensitive data?",
    "D'après la circulaire du 5 juillet 2021, un ministère peut-il utiliser Azure ?",
])
def test_a_present_question_naming_a_text_by_its_date_is_asked_today(question):
    assert find_date(question, TODAY) is None  # no date of its own: the answer is given today


@pytest.mark.parametrize("question, day", [
    ("Selon la circulaire du 5 juillet 2021, un ministère pouvait-il mettre ses données sensibles sur Azure ?", dt.date(2021, 7, 10)),
    ("Under the decree of 14 April 2026, was a ministry required to use SecNumCloud?", dt.date(2026, 4, 14)),
    ("Avant le décret d'avril 2026, un ministère pouvait-il utiliser Scaleway Cloud ?", dt.date(2026, 4, 13)),
    ("Le 15 mars 2022, selon la circulaire de 2021, un ministère pouvait-il utiliser Microsoft 365 ?", dt.date(2022, 3, 15)),
])
def test_a_past_question_a_relation_or_another_date_set_the_day(question, day):
    assert find_date(question, TODAY).date == day


def test_moving_a_texts_entry_into_force_moves_the_day_of_a_past_question(monkeypatch, tmp_path):
    rows = yaml.safe_load(text_dates._EVENTS.read_text(encoding="utf-8"))
    for row in rows:
        if row["id"] == "circulaire-6282-sg":
            row["in_force"] = dt.date(2021, 7, 12)
    moved = tmp_path / "events.yaml"
    moved.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(text_dates, "_EVENTS", moved)
    text_dates._named_rows.cache_clear()
    try:
        got = find_date("Selon la circulaire du 5 juillet 2021, un ministère pouvait-il utiliser Azure ?", TODAY)
    finally:
        text_dates._named_rows.cache_clear()
    assert got.date == dt.date(2021, 7, 12)


@pytest.mark.parametrize("question, asks", [
    ("Mon collègue affirme que Azure convient. A-t-il raison ?", True),
    ("Our vendor says AWS is fine. Is that true?", True),
    ("Est-il vrai qu'un ministère ne peut pas utiliser Azure ?", True),
    ("Un ministère peut-il utiliser Azure ?", False),
    ("Which is the right offer for a ministry?", False),
])
def test_a_question_about_a_claim_is_recognised(question, asks):
    assert asks_if_right(question) is asks


@pytest.mark.parametrize("question, word, verdict", [
    ("Mon collègue affirme qu'un ministère ne peut pas mettre ses données d'une sensibilité particulière "
     "(sans santé) sur AWS Cloud. A-t-il raison ?", "Oui (exact : non éligible)", "not_eligible"),
    ("Our vendor says a ministry may put its particularly sensitive files (no health data) on Microsoft 365. "
     "Is that true?", "No (wrong: not eligible)", "not_eligible"),
    ("Is it true that a ministry cannot put particularly sensitive data (no health data) on Oodrive's SaaS?",
     "No (wrong: eligible)", "eligible"),
])
def test_the_first_word_says_whether_the_claim_is_right(service_on, question, word, verdict):
    answer = service_on("2026-12-03").ask(question)
    assert [v["verdict"] for v in answer.verdicts] == [verdict]
    assert answer.short_answer.startswith(word)


def test_a_plain_question_keeps_the_verdicts_word(service_on):
    answer = service_on("2026-12-03").ask("Un ministère peut-il mettre ses données d'une sensibilité particulière "
                                          "(sans santé) sur AWS Cloud ?")
    assert answer.short_answer.startswith("Non (non éligible)")


@pytest.mark.parametrize("question, word", [
    # a claim on a registry fact
    ("Mon collègue dit qu'Oodrive n'est pas qualifié SecNumCloud. A-t-il raison ?", "Non (inexact)"),
    ("Our vendor says Scaleway is HDS certified. Is that true?", "Yes (right)"),
    ("Oodrive est-il qualifié SecNumCloud ?", "Oui"),
    # a claim on a duty (the scope rules' yes / no)
    ("Un collègue affirme que les collectivités doivent utiliser SecNumCloud. A-t-il raison ?", "Non (inexact)"),
    ("Mon DSI dit qu'une mairie n'est pas obligée de passer par une offre SecNumCloud. A-t-il raison ?", "Oui (exact)"),
    ("Our consultant says local authorities are not bound by the Cloud au centre doctrine. Is that right?", "Yes (right)"),
    ("Une commune est-elle obligée d'utiliser une offre SecNumCloud ?", "Non"),
])
def test_a_claim_on_a_registry_fact_or_a_duty_is_answered_right_or_wrong(service_on, question, word):
    answer = service_on("2026-12-03").ask(question)
    assert answer.short_answer.startswith(word + ".")


@pytest.mark.parametrize("question, lang", [
    ("Région + patient files of its health centre on Bare Metal Pod -> fine?", "en"),   # a French word, English function words
    ("private lab + prescriptions + Outscale IaaS = compliant?", "en"),
    ("Notre hospital veut migrer ses health records vers AWS Cloud, c'est compliant ?", "fr"),
])
def test_chat_style_questions_get_their_language(question, lang):
    from assistant.language import detect_language
    assert detect_language(question) == lang


def test_a_claim_told_to_someone_named_is_read():
    from assistant.answer.claim_asked import reported_claims
    claims = reported_claims("A consultant told our psychiatric clinic that Secure Temple cannot hold patient records. Is he right?")
    assert claims and claims[0].startswith("Secure Temple cannot hold")


def test_a_text_sentence_sharing_no_word_with_the_question_gives_no_first_word(service_on):
    # blind19-68 (spent, read after its end measure): R13's "ne doivent pas chercher à créer … de nouveaux
    # logiciels" answered "Non" to a question on the bodies under the State's supervision
    answer = service_on("2026-12-03").ask("La circulaire « Cloud au centre » vise-t-elle aussi les organismes placés "
                                          "sous la tutelle de l'État ?")
    assert not answer.short_answer.startswith("Non")


def test_the_agents_office_tools_are_no_question_on_the_snap_offer(service_on):
    # found by a stranger-style question after blind19's end measure: rule 11 (SNAP) answered "Oui" to it
    service = service_on("2026-12-03")
    answer = service.ask("Depuis la circulaire de 2023, les outils bureautiques des agents sont-ils encore sensibles par principe ?")
    assert not answer.short_answer.startswith("Oui") and "SNAP" not in answer.short_answer
    assert "SNAP" in service.ask("Qui pilote l'offre SNAP de services numériques interministériels ?").short_answer
