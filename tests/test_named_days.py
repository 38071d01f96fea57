"""Round 13 (issue 13, part 1): days said by their name ("à Noël 2024", "le lundi de Pentecôte 2025",
"last Christmas", "Noël prochain") are read from named_days.yaml through the real `find_date`, alone
and at the ends of spans, and through the answer service; a named day no data hold is said as not
understood, never silently today. (Registry acts said as nouns: tests/test_dates.py.) Questions
written for these tests."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assistant.answer.dates import find_date, source_in, unresolved_date
from assistant.answer.named_days import _DATA, day_in
from assistant.answer.period_verdicts import span_asked

TODAY = dt.date(2026, 12, 2)
D = dt.date


def _day(text, today=TODAY):
    found = find_date(text, today)
    assert found is not None, text
    return found


# -- the data ----------------------------------------------------------------------------------

def test_the_data_hold_every_public_holiday_of_l3133_1_with_its_source():
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    legal = {row["id"] for row in data["days"] if row["legal"]}
    assert legal == {"jour-de-l-an", "lundi-de-paques", "fete-du-travail", "victoire-1945", "ascension",
                     "lundi-de-pentecote", "fete-nationale", "assomption", "toussaint", "armistice", "noel"}
    assert "L3133-1" in data["law_source"] and "L3133-1" in data["law_source_en"]
    assert all(("fixed" in row) != ("easter" in row) and row["words"] for row in data["days"])


@pytest.mark.parametrize("year, easter_sunday", [
    # published Easter dates (Gregorian): 2019-04-21, 2022-04-17, 2023-04-09, 2024-03-31, 2025-04-20, 2026-04-05, 2038-04-25
    (2019, D(2019, 4, 21)), (2022, D(2022, 4, 17)), (2023, D(2023, 4, 9)), (2024, D(2024, 3, 31)),
    (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2038, D(2038, 4, 25)),
])
def test_easter_relative_days_are_counted_from_the_computed_easter(year, easter_sunday):
    rows = {row["id"]: row for row in yaml.safe_load(_DATA.read_text(encoding="utf-8"))["days"]}
    assert day_in(rows["paques"], year) == easter_sunday
    assert day_in(rows["lundi-de-paques"], year) == easter_sunday + dt.timedelta(days=1)
    ascension = day_in(rows["ascension"], year)
    assert ascension.weekday() == 3 and ascension == easter_sunday + dt.timedelta(days=39)  # a Thursday
    whit_monday = day_in(rows["lundi-de-pentecote"], year)
    assert whit_monday.weekday() == 0 and whit_monday == easter_sunday + dt.timedelta(days=50)


# -- a named day with its year ------------------------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("À Noël 2024, un ministère pouvait-il", D(2024, 12, 25)),
    ("le 14 juillet 2025, un CHU pouvait-il", D(2025, 7, 14)),
    ("À Pâques 2023, un ministère", D(2023, 4, 9)),
    ("at Christmas 2024, could a ministry", D(2024, 12, 25)),
    ("Le lundi de Pentecôte 2025, une préfecture", D(2025, 6, 9)),
    ("On Whit Monday 2025, could a hospital", D(2025, 6, 9)),
    ("a l'Ascension 2024, un ministere", D(2024, 5, 9)),  # typed without accents
    ("On Easter Monday 2024, could", D(2024, 4, 1)),
    ("le jour de l'An 2024, un hôpital", D(2024, 1, 1)),
    ("à la Toussaint de l'année 2022", D(2022, 11, 1)),
    ("On New Year's Eve 2023, could", D(2023, 12, 31)),
    ("à la Saint-Sylvestre 2024, une clinique", D(2024, 12, 31)),
    ("La veille de Noël 2024, un ministère", D(2024, 12, 24)),
    ("on Christmas Eve 2024, could", D(2024, 12, 24)),
    ("On Bastille Day 2025, could a ministry", D(2025, 7, 14)),
    ("pour l'Armistice 2023, une préfecture", D(2023, 11, 11)),
])
def test_a_named_day_with_its_year_is_that_day(text, day):
    found = _day(text)
    assert found.date == day and found.start is None
    assert unresolved_date(text, found) is None


def test_a_public_holiday_gives_the_law_as_its_source_in_the_answer_s_language():
    found = _day("À Noël 2024, un ministère")
    assert "L3133-1" in found.source
    assert source_in(found.source, "en") == "French Labour Code, art. L3133-1, public holidays"
    assert _day("At Easter 2024, could").source is None  # Easter Sunday is no public holiday


# -- relative to today --------------------------------------------------------------------------

@pytest.mark.parametrize("text, day, today", [
    ("Noël dernier, un ministère", D(2025, 12, 25), TODAY),
    ("Last Christmas, could a ministry", D(2025, 12, 25), TODAY),
    ("L'an dernier à Noël, notre ministère", D(2025, 12, 25), TODAY),
    ("at Christmas last year, could", D(2025, 12, 25), TODAY),
    ("à Noël de l'année dernière", D(2025, 12, 25), TODAY),
    ("l'an dernier à Pâques", D(2025, 4, 20), TODAY),
    ("last Easter, could", D(2026, 4, 5), TODAY),
    ("cette année à Pâques", D(2026, 4, 5), TODAY),
    # "dernier" on the day itself: the one before, as "le 1er octobre dernier"
    ("Noël dernier, un ministère", D(2025, 12, 25), D(2026, 12, 25)),
])
def test_a_named_day_relative_to_today(text, day, today):
    found = _day(text, today)
    assert found.date == day and found.precision == "named" and found.reading == str(day.year)


@pytest.mark.parametrize("text", ["Noël prochain, notre ministère pourra-t-il", "Next Christmas, will a ministry",
                                  "à Pâques l'an prochain", "cette année à Noël", "à Noël 2027"])
def test_a_named_day_to_come_is_answered_as_of_today_and_said_future(text):
    found = _day(text)
    assert found.precision == "future" and found.date == TODAY


def test_a_named_day_without_a_year_is_the_last_one_up_to_today_said_as_read():
    """The convention of "le 15 mars" (day without a year): the last one up to today, today included."""
    found = _day("À la Toussaint, un ministère pouvait-il")
    assert (found.date, found.reading) == (D(2026, 11, 1), "2026")
    assert _day("À Noël, un ministère pouvait-il").date == D(2025, 12, 25)  # Christmas 2026 has not come
    assert _day("À Noël, un ministère", D(2026, 12, 25)).date == D(2026, 12, 25)


@pytest.mark.parametrize("text, day", [
    ("le lendemain de Noël 2024", D(2024, 12, 26)),
    ("la veille de la Toussaint 2023", D(2023, 10, 31)),
    ("the day after Easter 2024", D(2024, 4, 1)),
    ("une semaine après Noël 2024", D(2025, 1, 1)),
    ("avant Noël 2024", D(2024, 12, 24)),
])
def test_a_move_from_a_named_day_is_counted_in_days(text, day):
    found = _day(text)
    assert found.date == day and unresolved_date(text, found) is None


def test_a_day_written_out_wins_over_a_named_day_without_a_year():
    assert _day("Le 25 décembre 2024, jour de Noël, un ministère").date == D(2024, 12, 25)


# -- spans ------------------------------------------------------------------------------------------

def test_named_days_at_the_ends_of_a_span():
    found = _day("Entre Noël 2022 et Pâques 2023, un ministère pouvait-il")
    assert (found.start, found.last) == (D(2022, 12, 25), D(2023, 4, 9))  # a day at the end is included
    found = _day("Between Christmas 2023 and Easter 2024, could a ministry")
    assert (found.start, found.last) == (D(2023, 12, 25), D(2024, 3, 31))


@pytest.mark.parametrize("text, first, last", [
    ("entre la Toussaint et Noël 2024, un ministère", D(2024, 11, 1), D(2024, 12, 25)),
    ("entre Noël 2024 et Pâques, un ministère", D(2024, 12, 25), D(2025, 4, 20)),
    ("between Easter and Christmas 2023, could", D(2023, 4, 9), D(2023, 12, 25)),
])
def test_a_named_day_without_a_year_at_a_span_end_takes_the_other_end_s_year(text, first, last):
    found = _day(text)
    assert (found.start, found.last) == (first, last)


def test_since_a_named_day_is_given_for_that_day_and_checked_to_today():
    found = _day("Depuis Noël 2023, un ministère a-t-il pu")
    assert (found.date, found.start, found.last) == (D(2023, 12, 25), D(2023, 12, 25), TODAY)
    assert _day("Since Christmas 2024, has PREMI3NS").start == D(2024, 12, 25)


# -- not understood, never today --------------------------------------------------------------

@pytest.mark.parametrize("question", ["À la Saint-Martin, un ministère pouvait-il", "on St Patrick's Day, could a clinic"])
def test_a_saint_s_day_no_data_hold_is_not_understood_and_every_day_is_checked(question):
    found = find_date(question, TODAY)
    vague = unresolved_date(question, found)
    assert found.precision == "unread" and vague
    first, last, _, unread = span_asked(found, vague, TODAY)
    assert unread and last == TODAY and first < D(2018, 4, 1)


def test_a_saint_s_day_with_its_year_stands_for_that_year():
    found = _day("à la Saint-Martin 2023, un ministère")
    assert (found.start, found.last) == (D(2023, 1, 1), D(2023, 12, 31))


@pytest.mark.parametrize("question", ["Le CHU de Saint-Étienne peut-il utiliser Azure ?",
                                      "La clinique de l'Assomption peut-elle héberger ses dossiers patients chez OVH ?",
                                      "Can the Hospital of the Ascension keep patient records on AWS?"])
def test_a_place_named_after_a_saint_or_a_feast_is_no_date(question):
    assert find_date(question, TODAY) is None


# -- through the answer service ------------------------------------------------------------------

@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-02")


def test_the_answer_is_given_for_the_named_day_and_says_how_it_was_read(service):
    answer = service.ask("Noël dernier, un ministère pouvait-il mettre des données d'une sensibilité particulière sur PREMI3NS ?")
    assert answer.as_of == "2025-12-25"
    notes = [n.text for n in answer.notices if n.kind == "assumption"]
    assert any("« Noël dernier » (lu : 2025)" in n for n in notes), notes
    assert not [n for n in answer.notices if n.kind == "not_understood"]


def test_a_saint_s_day_is_said_as_not_understood_in_the_answer(service):
    answer = service.ask("À la Saint-Martin, un ministère pouvait-il mettre des données d'une sensibilité particulière sur PREMI3NS ?")
    said = [n.text for n in answer.notices if n.kind == "not_understood"]
    assert said and "Saint-Martin" in said[0] and "named_days.yaml" in said[0]
