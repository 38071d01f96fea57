"""The order in which an eligibility or scope answer offers its retrieved quotes to the four places (round 22).

Two orders, both of quotes the composer already chose and the gate already let through:

- `beside_best(rest, other)`: the second place after the best passage a deciding rule rests on. Until
  round 21 the best retrieved passage resting on no rule always took it, however weakly it scored;
  with two rule bases already cited (room for two quotes), a press line on HDS v2 (0.92) took the
  last place from the DINUM FAQ's two criteria (2.75), the passage that answered (blind19 b19-ans-48,
  "Il y a un an jour pour jour, un ministère … Bare Metal Pod"). Now the better scored of the two
  takes it and the other follows right after: the best other passage still comes before every
  further rule passage.
- `existing_first(quotes, room, as_of)`: texts that existed on the question's day before texts
  published after it. Until round 21 only the first `room` quotes were so sorted, so a 2026 press
  line the composer ranked first kept a place in an answer "On New Year's Eve 2024" and the FAQ
  passage of that day (ranked eighth) had none (blind19 b19-ans-47). For a question of today no
  text is later: the order is the composer's.

It chooses no quote and drops none: the service's `_one_per_section` keeps the first four.
"""
from __future__ import annotations

import datetime as dt
import re

from assistant.answer.dates import find_date


def beside_best(rest: list, other: list) -> list:
    """The next rule passage (`rest`, at most one) and the best other passage (`other`, at most
    one), better score first; each is an `compose.Evidence`."""
    both = list(rest) + list(other)
    return sorted(both, key=lambda e: -e.score) if len(both) == 2 else both


_FAR = dt.date(2100, 1, 1)  # the "today" headings are read against: they hold no relative words
_BARE_YEAR = re.compile(r",\s*((?:19|20)\d{2})\s*(?:\(|$)")  # "Usine Digitale, 2025", "Delsol Avocats, 2026 (…)"


def section_day(section: str | None) -> str | None:
    """The first day (ISO) the heading of a quote's section names as its own date, or None: a press
    compilation heads each extract with its source and day ("Mondaq, 11 mars 2026" -> 2026-03-11,
    "silicon.fr, juin 2023" -> 2023-06-01, "Usine Digitale, 2025" -> 2025-01-01), while its document
    carries the date of the text it is about (the SREN law's 2024-05-21 for a 2026 comment on it).
    A text's name in the heading ("l'arrêté du 14 avril 2026") is not the heading's date (`find_date`)."""
    if not section:
        return None
    m = find_date(section, _FAR)
    if m is not None and m.precision in ("day", "month"):
        first = m.start or m.date
        return (first.replace(day=1) if m.precision == "month" else first).isoformat()
    bare = _BARE_YEAR.search(section)
    return f"{bare.group(1)}-01-01" if bare else None


def later(date: str | None, as_of: str, section: str | None = None) -> bool:
    """Whether a quote was published after the question's day: its text (its ISO `date`), or the
    extract itself when its section's heading names a later day (`section_day`)."""
    own = section_day(section)
    return bool((date and date > as_of) or (own and own > as_of))


def existing_first(quotes: list, room: int, as_of: str) -> list:
    """The quotes (citations with a `date` and a `section`) that existed on `as_of` first, then the
    others; within each, the composer's first `room` picks before the rest, in its order."""
    return [c for _, c in sorted(enumerate(quotes), key=lambda ic: (
        later(ic[1].date, as_of, ic[1].section), ic[0] >= room))]
