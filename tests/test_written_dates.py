"""Properties of the one reader of written dates (`assistant.checker.dates.written_date`),
used by the claim extractor and the question reader."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from assistant.checker.dates import PartialDate, written_date

MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31))
filler = st.text(alphabet="abcdefghij ?,", max_size=15)


@given(days, filler, filler)
def test_every_written_form_of_a_day_reads_back_as_that_day(day, before, after):
    forms = (day.isoformat(), day.strftime("%d/%m/%Y"), f"{'1er' if day.day == 1 else day.day} {MOIS[day.month - 1]} {day.year}",
             f"{MONTHS_EN[day.month - 1]} {day.day}, {day.year}")
    for form in forms:
        period, words = written_date(f"{before} {form} {after}")
        assert (period.first, period.last, period.precision) == (day, day, "day"), form
        assert words == form


@given(days)
def test_a_month_reads_as_the_whole_month(day):
    period, _ = written_date(f"Azure en {MOIS[day.month - 1]} {day.year} ?")
    assert period.precision == "month" and period.first == day.replace(day=1)
    assert period.first <= day <= period.last and (period.last + dt.timedelta(days=1)).day == 1
    assert period == PartialDate.parse(period.iso())


@given(st.integers(1990, 2099))
def test_a_year_reads_as_the_whole_year(year):
    period, words = written_date(f"possible en {year} ?")
    assert (period.first, period.last, period.precision, words) == (dt.date(year, 1, 1), dt.date(year, 12, 31), "year",
                                                                    f"en {year}")


@given(st.integers(2000, 2099), st.integers(13, 99))
def test_an_impossible_date_is_not_read(year, month):
    assert written_date(f"le {year}-{month:02d}-01") is None
