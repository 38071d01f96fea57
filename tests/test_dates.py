"""Round 8 (issue 13): the date a question speaks of is read right, as a day or a span, or named as
not understood; never silently today. One block per class: seasons and parts of years, periods
spanning a change (decided with the real checker), events (texts and registry facts), ambiguous,
future and unknown dates."""
import datetime as dt

import pytest

from assistant.answer.dates import find_date, source_in, unresolved_date
from assistant.answer.period_verdicts import change_days, earliest_change, span_asked, verdicts_over
from assistant.answer.question import understand
from assistant.answer.verdicts import verdicts_for

TODAY = dt.date(2026, 11, 30)


def _span(text):
    found = find_date(text, TODAY)
    assert found is not None, text
    return found.start, found.last


# --- seasons and parts of years ----------------------------------------------------------------

@pytest.mark.parametrize("text,first,last", [
    ("l'été dernier, notre ministère", dt.date(2026, 6, 1), dt.date(2026, 8, 31)),
    ("last spring, could the ministry", dt.date(2026, 3, 1), dt.date(2026, 5, 31)),
    ("l'automne dernier", dt.date(2025, 9, 1), dt.date(2025, 11, 30)),  # this autumn has not ended
    ("au printemps 2024", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
    ("début 2024", dt.date(2024, 1, 1), dt.date(2024, 2, 29)),
    ("fin 2022", dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
    ("mi-2023", dt.date(2023, 6, 1), dt.date(2023, 7, 31)),
    ("in the first quarter of 2025", dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
    ("au premier semestre 2024", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ("cet été", dt.date(2026, 6, 1), dt.date(2026, 8, 31)),
])
def test_seasons_and_parts_of_years_are_spans(text, first, last):
    assert _span(text) == (first, last)


def test_the_season_before_an_event_is_the_last_one_ended_before_it():
    found = find_date("L'hiver qui a précédé la circulaire de mai 2023, un ministère", TODAY)
    assert (found.start, found.last) == (dt.date(2022, 12, 1), dt.date(2023, 2, 28))
    assert "6404" in found.source  # the event's source is said with the span
    assert _span("the summer after the SREN law") == (dt.date(2024, 6, 1), dt.date(2024, 8, 31))
    assert _span("l'hiver d'avant la circulaire 6404") == (dt.date(2022, 12, 1), dt.date(2023, 2, 28))


# --- periods -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,first,last", [
    # 6282-SG is in force on 10 July 2021; "et celle de mai 2023" is 6404/SG: its day is excluded
    ("entre la circulaire de juillet 2021 et celle de mai 2023", dt.date(2021, 7, 10), dt.date(2023, 5, 30)),
    ("Entre la note DINUM et la circulaire de 2023, un ministère", dt.date(2021, 9, 15), dt.date(2023, 5, 30)),
    ("entre 2019 et 2021, un CHU", dt.date(2019, 1, 1), dt.date(2021, 12, 31)),
    ("depuis 2022, notre ministère", dt.date(2022, 1, 1), TODAY),
    ("since the SREN law", dt.date(2024, 5, 21), TODAY),
    ("over the last three years", dt.date(2023, 11, 30), TODAY),
    ("ces deux dernières années", dt.date(2024, 11, 30), TODAY),
    ("en 2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ("l'an dernier", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
])
def test_periods_are_spans(text, first, last):
    assert _span(text) == (first, last)


def _over(question, lang="fr"):
    mention = find_date(question, TODAY)
    u = understand(question, mention.date, lang)
    return verdicts_over(u, mention.start, mention.last, mention.text, False, lang, verdicts_for)


def test_a_period_whose_verdict_changes_inside_is_said_with_the_day_of_the_change():
    """Bare Metal Pod: no SecNumCloud fact before 2025-08-06, qualified from then: over the last
    three years the answer is neither, and the date is asked back."""
    verdicts, same = _over("Over the last three years, has OVH's Bare Metal Pod been acceptable for a ministry's "
                           "particularly sensitive data?", "en")
    v = verdicts[0]
    assert same is None and v["verdict"] == "undetermined"
    assert [p["verdict"] for p in v["by_period"]] == ["undetermined", "eligible"]
    assert v["by_period"][1]["from"] == "2025-08-06"
    assert v["missing_facts"][0]["name"] == "date" and "?" in v["missing_facts"][0]["question"]
    assert "6 August 2025" in v["why"] or "2025-08-06" in v["why"]


def test_since_x_is_answered_for_x_s_own_day_and_checked_to_today():
    found = find_date("Depuis la circulaire 6404, un opérateur de l'État peut-il", TODAY)
    assert (found.date, found.start, found.last) == (dt.date(2023, 5, 31), dt.date(2023, 5, 31), TODAY)
    found = find_date("Depuis 2023, des données de santé sont-elles", TODAY)  # as "en 2023": its last day
    assert (found.date, found.start, found.last) == (dt.date(2023, 12, 31), dt.date(2023, 1, 1), TODAY)


def test_before_a_text_is_before_its_date_after_it_is_from_when_it_binds():
    """6282-SG is dated 5 July 2021 and in force on the 10th (events.yaml `in_force`)."""
    assert find_date("Avant la circulaire, un ministère", TODAY).date == dt.date(2021, 7, 4)
    assert find_date("Après la circulaire de 2021, un ministère", TODAY).date == dt.date(2021, 7, 10)


def test_a_period_with_one_verdict_throughout_gives_it_and_says_so():
    verdicts, same = _over("Depuis la loi SREN, un ministère a-t-il pu stocker des données d'une sensibilité "
                           "particulière sur AWS ?")
    assert verdicts[0]["verdict"] == "not_eligible"
    assert same and "toute la période" in same


def test_a_period_straddling_the_2023_circular_follows_the_checker_not_an_end():
    """Citizens' personal data of a ministry on AWS: sensitive by R9's 2021 wording until
    2023-05-30 (not eligible), then the two criteria of 6404/SG decide (unknown here)."""
    verdicts, _ = _over("En 2023, un ministère pouvait-il confier les données personnelles des citoyens à AWS ?")
    v = verdicts[0]
    assert v["verdict"] == "undetermined"
    assert [(p["to"], p["verdict"]) for p in v["by_period"]][0] == ("2023-05-30", "not_eligible")


def test_change_days_come_from_the_rule_book_and_the_registry():
    days = change_days(dt.date(2023, 1, 1), dt.date(2026, 1, 1))
    assert dt.date(2023, 5, 31) in days  # 6404/SG's sensitivity (rules S2023, B4-2023)
    assert dt.date(2025, 12, 17) in days  # PREMI3NS qualified (registry)
    assert earliest_change() < dt.date(2018, 4, 1)


# --- events ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,day", [
    ("Le lendemain de la qualification SecNumCloud de PREMI3NS, notre ministère", dt.date(2025, 12, 18)),
    ("a month before PREMI3NS got its SecNumCloud qualification", dt.date(2025, 11, 17)),
    ("la veille de la qualification de PREMI3NS", dt.date(2025, 12, 16)),
    ("Before GDPR became applicable, could a hospital", dt.date(2018, 5, 24)),
    ("at the time of SecNumCloud 3.2", dt.date(2022, 3, 8)),
    ("Au moment de la publication du référentiel HDS v2", dt.date(2024, 4, 26)),
    ("la semaine avant la note DINUM", dt.date(2021, 9, 8)),
    ("the week after the DINUM FAQ", dt.date(2024, 3, 1)),
    ("juste avant le décret 2026-209", dt.date(2026, 3, 23)),
    ("au lendemain de la circulaire 6519", dt.date(2026, 2, 6)),
])
def test_events_of_the_texts_and_the_registry_with_a_distance(text, day):
    found = find_date(text, TODAY)
    assert found is not None and found.date == day and found.precision == "event" and found.source


def test_a_registry_event_whose_first_day_no_source_gives_is_not_understood():
    """Bare Metal Pod is documented as qualified on 2025-08-06, not since when (start_known: false)."""
    question = "Quand le Bare Metal Pod a été qualifié SecNumCloud, un ministère pouvait-il"
    found = find_date(question, TODAY)
    assert found.precision == "unread"
    assert unresolved_date(question, found)
    first, last, _, unread = span_asked(found, unresolved_date(question, found), TODAY)
    assert unread
    assert first < dt.date(2018, 4, 1) and last == TODAY  # any day: the verdict is checked over all


@pytest.mark.parametrize("question", [
    "quand OVH a été qualifié SecNumCloud, un ministère",  # two offers qualified: which day is not known
    "la semaine où Bleu a été qualifié, un ministère",  # the registry has no such qualification
    "when Oodrive got its SecNumCloud qualification, could",  # known qualified on 2021-09-28, not since when
    "Pendant le Covid, un ministère pouvait-il",
    "at the time of the Paris Olympics, could a clinic",
    "durant la crise sanitaire, un hôpital pouvait-il",
])
def test_a_time_no_data_date_is_named_and_every_day_is_checked(question):
    found = find_date(question, TODAY)
    vague = unresolved_date(question, found)
    assert (found is None or found.precision == "unread") and vague
    assert span_asked(found, vague, TODAY)[1] == TODAY


def test_a_year_given_with_an_unknown_time_dates_it():
    found = find_date("Pendant la campagne présidentielle de 2022, un ministère", TODAY)
    assert (found.start, found.last) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert unresolved_date("Pendant la campagne présidentielle de 2022, un ministère", found) is None


# --- round 13: registry acts said as a noun with their agent -----------------------------------

@pytest.mark.parametrize("text, day", [
    ("La veille de l'obtention par PREMI3NS de sa qualification SecNumCloud, un ministère", dt.date(2025, 12, 16)),
    ("la veille de l'obtention par PREMI3NS de sa qualification", dt.date(2025, 12, 16)),
    ("Le lendemain de la délivrance de la qualification SecNumCloud à S3NS, un ministère", dt.date(2025, 12, 18)),
    ("le lendemain de l'obtention de la qualification SecNumCloud de PREMI3NS", dt.date(2025, 12, 18)),
    ("A week after the granting of the SecNumCloud qualification to PREMI3NS, could", dt.date(2025, 12, 24)),
    ("the day before the granting of the qualification to S3NS", dt.date(2025, 12, 16)),
    ("The day before the award of the SecNumCloud qualification to S3NS, could", dt.date(2025, 12, 16)),
    ("une semaine avant l'obtention de sa qualification par PREMI3NS", dt.date(2025, 12, 10)),
])
def test_a_registry_act_said_as_a_noun_with_its_agent_is_dated_by_the_registry(text, day):
    found = find_date(text, TODAY)
    assert found is not None and found.precision == "event" and found.date == day
    assert found.source.startswith("registre, ") and "PREMI3NS" in found.source
    assert unresolved_date(text, found) is None


@pytest.mark.parametrize("question", [
    "Après l'obtention de sa qualification par Bleu, un ministère pouvait-il",  # no qualification in the registry
    "Le jour de l'obtention par Oodrive de sa qualification SecNumCloud, un ministère",  # first day not given
    "the day after the granting of the SecNumCloud qualification to Oodrive, could",
    "la veille de la délivrance de la certification HDS à Scaleway, une clinique",
])
def test_a_registry_act_no_fact_dates_is_not_understood_never_today(question):
    found = find_date(question, TODAY)
    vague = unresolved_date(question, found)
    assert (found is None or found.precision == "unread") and vague
    assert span_asked(found, vague, TODAY)[2]  # every day is checked, the words said


# --- ambiguity and the future ----------------------------------------------------------------------

def test_a_month_without_a_year_is_the_last_one_and_says_so():
    found = find_date("En mai, un ministère pouvait-il", TODAY)
    assert (found.start, found.last, found.reading) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31), "2026")
    assert find_date("en décembre, on a migré", TODAY).date == dt.date(2025, 12, 31)


def test_last_week_is_a_day_and_last_quarter_a_span():
    assert find_date("La semaine derniere, notre direction a bascule", TODAY).date == dt.date(2026, 11, 23)
    assert _span("last quarter, could we") == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert _span("le semestre dernier") == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_ago_is_a_day_counted_back():
    assert find_date("il y a deux ans", TODAY).date == dt.date(2024, 11, 30)
    assert find_date("Il y a deux ans et demi", TODAY).date == dt.date(2024, 5, 30)
    assert find_date("18 months ago", TODAY).date == dt.date(2025, 5, 30)


@pytest.mark.parametrize("text", ["L'an prochain, notre ministère pourra-t-il", "in 2027 will a hospital",
                                  "next year could we", "dans deux ans"])
def test_a_future_date_is_answered_as_of_today_and_said(text):
    found = find_date(text, TODAY)
    assert found.precision == "future" and found.date == TODAY


# --- an event's source in the answer's language ------------------------------------------------

@pytest.mark.parametrize("text,english", [
    ("the week after the SREN law", "Law no. 2024-449 of 21 May 2024"),
    ("between the july 2021 circular and the DINUM note", "Circular no. 6282-SG of 5 July 2021"),
    ("the day after PREMI3NS got its SecNumCloud qualification", "registry, "),
])
def test_an_event_source_is_given_in_english_to_an_english_answer(text, english):
    found = find_date(text, TODAY)
    assert found is not None and found.source
    said = source_in(found.source, "en")
    assert english in said and "citée" not in said and "registre" not in said and " du " not in said
    assert source_in(found.source, "fr") == found.source  # French answers keep the source as written
