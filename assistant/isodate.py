"""ISO dates from user input, YAML or JSON, in one place.

`to_date(None)` and `to_date("")` are None, a `date` is itself, a `YYYY-MM-DD` string is a
`date`; anything else raises `ValueError`, which each caller turns into its own one-sentence
error (usage, bad data file, bad question set). Partial dates (`2018-11`) are
`assistant.checker.dates.PartialDate`'s business, not this module's.

>>> to_date("2021-09-28")
datetime.date(2021, 9, 28)
"""
from __future__ import annotations

import datetime as dt


def to_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
