"""Find the date or the span of days a question is about ("en octobre 2021", "le 28/09/2021",
"l'été dernier", "entre la circulaire de juillet 2021 et celle de mai 2023", "depuis 2022").

`find_date(text, today)` returns a `DateMention`: the day the answer is given for (`date`) and, for
a span, its first day (`start`) and last day (`last`: `date`, capped at today, except for "depuis X",
given for X's day). A month, a year, a
part of a year ("début 2024", "au printemps 2024", "the first quarter of 2025", period_parts.yaml), a
season relative to today or to an event ("last summer", "l'hiver qui a précédé la circulaire de mai
2023"), "entre X et Y" (Y's day excluded when Y is an event), "depuis X", "over the last three years"
are spans: whether the verdict is the same over the whole span is `period_verdicts`' business, not
this module's. Relative days ("il y a deux ans", "hier") are counted from today by calendar
arithmetic; events ("avant la circulaire", "the week after SREN", "le lendemain de la qualification
de PREMI3NS", "la veille de l'obtention par PREMI3NS de sa qualification") come from `events.yaml`
and from the registry's dated facts, each with its source; named days ("à Noël 2024", "last
Christmas", "entre Noël 2022 et Pâques 2023") from `named_days.py`. A
month without a year ("en mai") is the last such month up to today, said as such; a future date ("l'an
prochain", "in 2027") is answered as of today, said as such. Time words it cannot date ("pendant le
Covid", "à l'époque", "quand Oodrive a été qualifiée" when no source gives that day) give a mention of
precision "unread": the answer says so and asks back, never silently today. A text's act words say
which of its days is meant (events.yaml: signed, released, in force, Journal officiel; "the day the
DINUM published its FAQ"); an event of the asker's own life ("the week after our last audit", "le jour
où notre nouveau DSI est arrivé") is said not understood by `unresolved_date` (round 14).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answer import question_sentences, text_dates
from assistant.checker import written_date
from assistant.folding import phrase_alternation, tolerant_rx

_NOW = tolerant_rx(r"\b(aujourd['’]hui|actuellement|à ce jour|a ce jour|en ce moment|maintenant|"
                  r"today|currently|now|at present|as of now)\b", re.I)


_EVENTS = Path(__file__).with_name("events.yaml")
_LAST_YEAR = tolerant_rx(r"\b(?:l['’]an(?:née)?\s+(?:dernier|dernière|passée?)|l['’]année\s+(?:dernière|passée)|last\s+year)\b", re.I)
_LAST_MONTH = tolerant_rx(r"\b(?:le\s+mois\s+(?:dernier|passé)|last\s+month)\b", re.I)
_LAST_WEEK = tolerant_rx(r"\b(?:la\s+semaine\s+(?:dernière|passée)|last\s+week)\b", re.I)
_LAST_QUARTER = tolerant_rx(r"\b(?:le\s+(?:trimestre|semestre)\s+(?:dernier|passé)|last\s+(?:quarter|half[- ]year))\b", re.I)
_THIS_YEAR = tolerant_rx(r"\b(?:cette\s+année|this\s+year)\b", re.I)
_NEXT = tolerant_rx(r"\b(?:l['’]an(?:née)?\s+prochaine?|next\s+year|le\s+mois\s+prochain|next\s+month|"
                    r"dans\s+(?:un|une|deux|trois|quatre|cinq|\d{1,2})\s+(?:ans?|années?|mois)|in\s+(?:a|one|two|three|\d{1,2})\s+(?:years?|months?)(?:['’]\s*time)?)\b", re.I)
_NUM = r"(?:\d{1,2}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
_AGO = tolerant_rx(rf"\bil\s+y\s+a\s+(?P<n>{_NUM})\s+(?P<unit>ans?|années?|mois|semaines?|jours?)(?P<half>\s+et\s+demie?)?\b"
           rf"|\b(?P<n_en>{_NUM})(?P<half_en>\s+and\s+a\s+half)?\s+(?P<unit_en>years?|months?|weeks?|days?)"
           rf"(?P<half_after>\s+and\s+a\s+half)?\s+ago\b", re.I)
# "over the last three years", "ces trois dernières années", "depuis deux ans", "for the past 18 months": today back to then.
_LAST_N = tolerant_rx(
    rf"\b(?:(?:over|in|during|for)\s+the\s+(?:last|past)\s+(?P<n_en>{_NUM})\s+(?P<unit_en>years?|months?|weeks?)"
    rf"|(?:ces|les|au\s+cours\s+des|pendant\s+les|durant\s+les|sur\s+les)\s+(?P<n>{_NUM})\s+(?:dernières?|derniers)\s+(?P<unit>années|ans|mois|semaines)"
    rf"|depuis\s+(?P<n_since>{_NUM})\s+(?P<unit_since>ans|années|mois|semaines))\b", re.I)
# Half a unit ("un an et demi", "a year and a half ago"), counted in the next smaller unit.
_HALF = {"an": ("mois", 6), "year": ("mois", 6), "mois": ("jours", 15), "month": ("jours", 15),
         "sem": ("jours", 3), "week": ("jours", 3)}
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
          "huit": 8, "neuf": 9, "dix": 10, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3,
          "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# Days before today said in words ("hier", "avant-hier", "yesterday"), longest first.
_DAYS_BEFORE = ((tolerant_rx(r"\b(?:avant[- ]hier|the\s+day\s+before\s+yesterday)\b", re.I), 2),
                (tolerant_rx(r"\b(?:hier|yesterday)\b", re.I), 1))
_BEFORE = r"(?:avant(?:\s+que)?|before|prior\s+to|d['’]avant|précédant|preceding)"
# "d'après la circulaire" is "according to it", not "after it" (round 21)
_AFTER = r"(?:(?<![dD]['’])après|(?<![dD]['’])apres|after|dès|from|suivant|following)"
_SINCE = r"(?:depuis|since)"
# "au moment de la loi SREN", "lors de la circulaire", "at the time of the DINUM note", "quand PREMI3NS a été qualifiée": the event's own day.
_AT = (r"(?:au\s+moment\s+(?:de|du|des|d['’]|où)|lors\s+(?:de|du|des|d['’])|à\s+la\s+(?:sortie|publication|parution)\s+(?:de|du|des|d['’])"
       r"|le\s+jour\s+(?:de|du|d['’]|où)|at\s+the\s+time\s+(?:of|when)|(?:on\s+)?the\s+day\s+in\s+(?:19|20)\d\d\s+(?:when|that)"
       r"|on\s+the\s+(?:day|date)\s+(?:of|when)|(?:à\s+la|à\s+la\s+même)\s+date\s+(?:de|du|d['’])|when|quand|lorsque|the\s+day)")
_AT_RX = tolerant_rx(_AT, re.I)
_AFTER_RX = tolerant_rx(rf"^(?:\w+\s+){{0,2}}?{_AFTER}\b", re.I)
_BEFORE_RX = tolerant_rx(r"^(?:\w+\s+){0,2}?(?:avant|before|until|jusqu['’]à)\b", re.I)
# A distance before or after an event ("une semaine après la note DINUM", "three months before the circular").
_OFFSET = r"(?:(?P<n>\d{1,2}|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>jours?|semaines?|mois|ans?|années?|days?|weeks?|months?|years?)\s+)?"
# The act that dates a text, between the relation word and the text's name ("avant la publication du
# référentiel HDS v2", "at the entry into force of the decree").
# The Journal officiel named with the act ("la parution du décret au Journal officiel", "published in the
# Official Journal"): the day the event's row gives as `published`, never its signature day.
_JO = (r"(?:au|dans\s+le|in\s+the|into\s+the)\s+(?:Journal\s+officiel(?:\s+de\s+la\s+République\s+française)?|JORF|JO|Official\s+Journal)")
_JO_RX = tolerant_rx(rf"\b{_JO}(?![\w-])", re.I)
# JO words just after the event's name ("le décret 2026-209 au Journal officiel", "decree X was published in the Official Journal")
_JO_AFTER = tolerant_rx(rf"(?:\s+(?:was|were|has\s+been|had\s+been|a\s+été|est|était|appeared|came\s+out|got|published|publié\w*|paru\w*)){{0,3}}\s+{_JO}(?![\w-])", re.I)
_ACT = (rf"(?:(?:la|l['’]|the)\s*)?(?:publication|parution|sortie|adoption|promulgation|signature|entrée\s+en\s+(?:vigueur|application)"
        rf"|mise\s+en\s+ligne|mise\s+à\s+jour|release|entry\s+into\s+force|adoption|passing|update)(?:\s+{_JO})?\s+(?:de|du|des|d['’]|of)\s*")
# round 14: the act said with its doer, between the relation word and the text's name ("the day the DINUM
# published its FAQ", "le jour où l'ANSSI a publié SecNumCloud 3.2", "the day the Prime Minister signed
# circular 6282"); the verb says which day (`_act_day`).
_DOER = (r"(?:(?:la|le|les|l['’]|the)\s*)?(?:[\w'’-]+\s+){1,3}?"
         r"(?:a\s+(?:publié|signé|adopté|rendu|diffusé|mis\s+en\s+ligne|mis\s+à\s+jour)|published|signed|issued|released|adopted|updated|put\s+out)"
         r"\s+(?:(?:sa|son|ses|la|le|les|l['’]|its|their|his|her|the)\s*)?")
# Which day of a text the act words name, when they name no Journal officiel nor entry into force: its
# signature ("la signature de", "signed"): the row's `date`; its publication ("la publication de", "was
# published", "the day X published Y"): the row's `released` day when it has one.
_SIGNED = tolerant_rx(r"\b(?:signature|signée?s?|signed|adoption|adoptée?s?|adopted|promulgation|promulguée?s?|enacted)\b", re.I)
_RELEASED = tolerant_rx(r"\b(?:publication|parution|sortie|publiée?s?|parue?s?|diffusée?s?|mise?\s+en\s+ligne|release|released|published|issued|put\s+out)\b", re.I)
_ACT_AFTER = tolerant_rx(r"(?:\s+(?:was|were|has\s+been|had\s+been|a\s+été|est|était|fut|got)){0,2}\s+(?:published|released|issued|signed|adopted|came\s+out"
                         r"|publiée?s?|parue?s?|sortie?s?|signée?s?|adoptée?s?|mise?\s+en\s+ligne)(?![\w-])", re.I)
# The entry into force named with the act ("l'entrée en vigueur du décret", "the entry into force of"):
# the row's sourced `in_force` day when it has one (`_published`).
_IN_FORCE = tolerant_rx(r"entrée\s+en\s+(?:vigueur|application)|entry\s+into\s+force", re.I)
# ... or said after the text's name ("the day decree 2026-209 came into force", "le jour où le décret est entré en vigueur")
_IN_FORCE_AFTER = tolerant_rx(r"\s+(?:(?:came|entered|went)\s+into\s+(?:force|effect)|took\s+effect|(?:est\s+|a\s+été\s+)?entré\s+en\s+(?:vigueur|application))", re.I)
# One unit next to an event ("le lendemain de", "la veille de", "the week before", "la semaine qui a suivi").
_NEXT_TO = (
    (r"(?:le\s+|au\s+)?lendemain\s+(?:de|du|des|d['’])|the\s+day\s+after|the\s+next\s+day\s+after", 1, "jour"),
    (r"(?:la\s+|à\s+la\s+)?veille\s+(?:de|du|des|d['’])|the\s+day\s+before|the\s+eve\s+of", -1, "jour"),
    (r"(?:la|the)\s+(?P<unit>semaine|week|mois|month|année|year)\s+(?:d['’]avant|avant|précédant|qui\s+a\s+précédé|before|preceding)", -1, None),
    (r"(?:la|the)\s+(?P<unit>semaine|week|mois|month|année|year)\s+(?:d['’]après|après|suivant|qui\s+a\s+suivi|after|following)", 1, None),
)
# Time words left once the understood dates are removed: said as "not understood".
_VAGUE = tolerant_rx(
    r"\b(?:(?<![dD]['’])(?:avant|après|depuis|before|after|since)\s+(?:la|le|l['’]|les|the)\s*[\w-]+(?:\s+[\w-]+)?"
    r"|(?:à\s+l['’]époque|at\s+the\s+time|récemment|recently|autrefois|jadis|bientôt|soon"
    r"|il\s+y\s+a\s+(?:quelques|plusieurs|\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix)\s+[\w-]+(?:\s+et\s+[\w-]+)?"
    # "quand OVH a été qualifié SecNumCloud": a qualification or certification no registry row dates
    r"|(?:quand|lorsque|when|au\s+moment\s+où|(?:le|la|l['’])\s*(?:jour|semaine|mois|année|an)\s+où|the\s+(?:day|week|month|year)|(?:avant|après|depuis|before|after|since)\s+(?:que\s+)?)\s*[^,;?.]{0,40}?"
    r"(?:a\s+été|avait\s+été|ait\s+été|(?:ne\s+)?soit|fut|was|were|got|obtained|received|became|a\s+obtenu|a\s+reçu)\s+(?:\w+\s+){0,2}?(?:qualifi\w*|certifi\w*|SecNumCloud|HDS)"
    r"|(?:[\w-]+\s+){1,4}ago"
    # round 12: a day told by an event no data dates ("la veille de l'obtention par PREMI3NS de sa
    # qualification", "le jour de l'ordonnance du Conseil d'État", "on the day X was signed"): not
    # understood, never silently today (an event the data dates is read first and removed from `rest`)
    r"|(?:la\s+veille|le\s+lendemain|l['’]avant-veille|le\s+jour|the\s+eve|the\s+day\s+(?:before|after)|on\s+the\s+day)"
    r"\s+(?:de|du|des|d['’]|of|when|that|où)\s*[^,;?]{3,60}"
    # round 14: "on the day the vade-mecum came out": a text no row dates
    r"|(?<![\w-])(?:on\s+)?the\s+day\s+the\s+[^,;?]{3,60}))", re.I)
_NOT_TIME = tolerant_rx(r"(?:avant|après|before|after)\s+(?:la|le|l['’]|les|the)\s*(?:migration|signature|contrat|audit|projet|mise|"
                       r"qualification|certification|fin\b|end\b|déploiement|deployment|contract|project|date)"
                       # round 14: "pending before the courts" is a place, not a time
                       r"|(?:before|devant)\s+(?:la|le|l['’]|les|the)\s*(?:courts?|tribunal|tribunaux|juges?|judges?|juridictions?|cours?\b)", re.I)


@dataclass(frozen=True)
class DateMention:
    """The date a question speaks of: `date` is the day the answer is given for; `start` and `last`
    the first and last day of a span (`start` None for one day)."""
    date: dt.date
    text: str
    precision: str  # day, month, year, part, period, today, relative, event, named, future, unread
    source: str | None = None  # an event's source
    start: dt.date | None = None
    reading: str | None = None  # how the words were read when they leave a choice ("le dernier mois de mai")
    end: dt.date | None = None  # a span's last day when the answer is given for another ("depuis X": X's day)

    @property
    def last(self) -> dt.date:
        """The span's last day (`date` for one day)."""
        return self.end or self.date

    @property
    def is_span(self) -> bool:
        return self.start is not None and self.start < self.last


def _span(first: dt.date, last: dt.date, words: str, precision: str, today: dt.date, source=None,
          reading=None, shown: dt.date | None = None) -> DateMention:
    """The mention of the days `first`..`last`, capped at today, given for `shown` (by default its
    last day); a span wholly after today is a future date."""
    if first > today:
        return DateMention(today, words, "future", source)
    if shown is None:
        return DateMention(min(last, today), words, precision, source, first, reading)
    return DateMention(min(shown, today), words, precision, source, first, reading, end=min(last, today))


# -- events ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _events() -> tuple[tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, tuple, dict], ...]:
    """Per event (events.yaml, then the registry's): its relation patterns, its bare name, its
    one-unit neighbours ("le lendemain de X"), and its row."""
    from assistant.answer.registry_events import registry_events
    rows = (yaml.safe_load(_EVENTS.read_text(encoding="utf-8")) or []) + registry_events()
    out = []
    for row in rows:
        body = "|".join(f"(?:{p})" for p in row["patterns"])
        act = rf"(?:{_ACT}|{_DOER})?"
        before = tolerant_rx(rf"\b{_OFFSET}{_BEFORE}\s+{act}(?:{body})(?![\w-])", re.I)
        after = tolerant_rx(rf"\b{_OFFSET}{_AFTER}\s+{act}(?:{body})(?![\w-])", re.I)
        at = tolerant_rx(rf"\b{_AT}\s*{act}(?:{body})(?![\w-])", re.I)
        bare = tolerant_rx(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)
        next_to = tuple((tolerant_rx(rf"\b(?:{pattern})\s*{act}(?:{body})(?![\w-])", re.I), sign, unit)
                        for pattern, sign, unit in _NEXT_TO)
        out.append((before, after, at, bare, next_to, row))
    return tuple(out)


_YEAR_AFTER = tolerant_rx(r"^\s*(?:de|du|d['’]|of|from|in|en)?\s*(?:\d{1,2}\s+)?(?:[a-zéû]+\s+)?((?:19|20)\d\d)\b", re.I)
# round 14: a year said inside the event's words ("the Conseil d'État's 2020 summary order", "the day in
# 2020 when the Conseil d'État ruled"), not a text's number ("2026-209", "2023-146")
_YEAR_IN = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")


def _year_said(text: str, m: re.Match) -> tuple[str | None, str]:
    """(the year the words after the event's name give, else the one inside its words; the words read
    after the name)."""
    year = _YEAR_AFTER.match(text[m.end():])
    if year:
        return year[1], year[0]
    inside = _YEAR_IN.search(m[0])
    return (inside[1] if inside else None), ""


def source_in(source: str | None, lang: str) -> str | None:
    """An event mention's `source` in the answer's language: each events.yaml `source` it holds
    (one, or two joined by "; " for a span between events) is given by its `source_en`, and a
    registry event's "registre, X : ..." becomes "registry, X: ..."; anything else is kept as
    written. French answers get `source` unchanged."""
    if not source or lang == "fr":
        return source
    english = {}
    for key in ("source", "published_source", "in_force_source", "released_source", "signed_source"):
        english.update({row[key]: row[f"{key}_en"] for *_, row in _events() if row.get(f"{key}_en")})
    from assistant.answer.named_days import law_sources
    english.update(law_sources())
    for french in sorted(english, key=len, reverse=True):
        source = source.replace(french, english[french])
    return re.sub(r"(^|; )registre, (.*?) : ", r"\1registry, \2: ", source)


def text_event_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names of texts of `events.yaml` that `text` says ("the DINUM's note on
    Office 365"): words that name a text, not a provider the question asks about. Registry events
    ("PREMI3NS got its qualification") are not among them."""
    spans = []
    for _, _, _, bare, _, row in _events():
        if str(row.get("id", "")).startswith("registry:"):
            continue
        spans.extend(m.span() for m in bare.finditer(text))
    return spans


def event_named(text: str) -> tuple[dict, str] | None:
    """(the event row, the words read) of the first event `text` names by itself ("la note DINUM",
    "la circulaire de mai 2023", "PREMI3NS got its SecNumCloud qualification"); None when none."""
    best = None
    for _, _, _, bare, _, row in _events():
        m = bare.search(text)
        if m and (best is None or m.start() < best[0]):
            year = _YEAR_AFTER.match(text[m.end():])
            found = _event_of_year(row, year[1] if year else None)
            if found is not None:
                best = (m.start(), found, m[0] + (year[0] if year else ""))
    return (best[1], best[2]) if best else None


def _event_day(row: dict, binding: bool = False) -> tuple[dt.date, dt.date] | None:
    """(first, last) day of an event (a registry fact known to the month only spans that month);
    `binding`: from when it binds ("après / depuis X"), not when it was signed ("avant X")."""
    if row.get("date") is None:
        return None
    if binding and row.get("in_force"):  # a text signed one day and in force a few days later
        day = dt.date.fromisoformat(str(row["in_force"]))
        return day, day
    if row.get("last"):
        return dt.date.fromisoformat(str(row["date"])), dt.date.fromisoformat(str(row["last"]))
    day = dt.date.fromisoformat(str(row["date"]))
    return day, day


def _event_date(text: str, today: dt.date) -> DateMention | None:
    """The day an event and its relation give ("la semaine avant la note DINUM", "after SREN"); its
    publication in the Journal officiel when the words name it (`_published`)."""
    for before, after, at, _, next_to, row in _events():
        for rx, sign, unit in next_to:  # "la semaine avant X" before the bare "avant X"
            m = rx.search(text)
            if m:
                year, said = _year_said(text, m)
                found = _event_of_year(row, year)
                if found is None:
                    return None
                found, words = _published(found, text, m, m[0] + said)
                return _from_event(found, sign, "1", unit or m["unit"], words, today)
        for rx, sign in ((before, -1), (after, 1), (at, 0)):
            m = rx.search(text)
            if not m:
                continue
            year, said = _year_said(text, m)
            row = _event_of_year(row, year)
            words = m[0] + said
            if row is None:
                return None
            row, words = _published(row, text, m, words)
            return _from_event(row, sign, m.groupdict().get("n"), m.groupdict().get("unit"), words, today)
    return None


def _published(row: dict, text: str, m: re.Match, words: str) -> tuple[dict, str]:
    """(the event row to date by, the words read): when the words name the Journal officiel ("la
    parution du décret 2026-209 au Journal officiel", "the day the SREN law appeared in the Official
    Journal"), the row's `published` day with its `published_source`; an event no source gives a
    publication day for is not dated (`unknown_why`), never by its signature day."""
    after = _JO_AFTER.match(text, m.end())
    if not _JO_RX.search(m[0]) and after is None:
        later = _IN_FORCE_AFTER.match(text, m.end())
        if (_IN_FORCE.search(m[0]) or later) and row.get("in_force_source"):  # "l'entrée en vigueur du décret": its sourced day
            return ({"id": row.get("id"), "date": row.get("in_force_said") or row["in_force"], "source": row["in_force_source"]},
                    words + (later[0] if later else ""))
        return _act_day(row, text, m, words)
    words = words + (after[0] if after else "")
    if row.get("published") is None:
        return {"id": row.get("id"), "date": None, "unknown_why": "journal_officiel"}, words
    return {"id": row.get("id"), "date": row["published"], "source": row["published_source"]}, words


def _act_day(row: dict, text: str, m: re.Match, words: str) -> tuple[dict, str]:
    """(the event row to date by, the words read) for act words that name no Journal officiel nor
    entry into force: a signature is the row's `signed` day when it has one, else its `date`; a publication ("la publication de la
    circulaire 6282", "the day circular 6282 was published", "le jour où la DINUM a publié sa FAQ") is
    the row's sourced `released` day when it has one, else its `date` as before (round 11)."""
    later = _ACT_AFTER.match(text, m.end())
    said = m[0] + (later[0] if later else "")
    if later and not words.endswith(later[0]):
        words = words + later[0]
    if _SIGNED.search(said):
        if row.get("signed"):  # a row dated by another day (the GDPR by its application)
            return {"id": row.get("id"), "date": row["signed"], "source": row["signed_source"]}, words
        return row, words
    if not _RELEASED.search(said) or not row.get("released"):
        return row, words
    return {"id": row.get("id"), "date": row["released"], "source": row["released_source"]}, words


def _from_event(row: dict, sign: int, n: str | None, unit: str | None, words: str, today: dt.date) -> DateMention:
    days = _event_day(row, binding=sign > 0)
    if days is None:  # an event no source dates ("quand Oodrive a été qualifiée")
        return DateMention(today, words, "unread", reading=row.get("unknown_why"))
    first, last = days
    if n:
        day = _shifted(first if sign < 0 else last, sign, n, unit)
    elif sign < 0:
        day = first - dt.timedelta(days=1)  # "avant X": the day before
    elif sign > 0 and last > first:
        day = last + dt.timedelta(days=1)  # "après X" known to the month: the first day after it
    else:
        if last > first:
            return _span(first, last, words, "event", today, row["source"])
        day = first
    if day > today:
        return DateMention(today, words, "future", row["source"])
    return DateMention(day, words, "event", row["source"])


def _event_of_year(row: dict, year: str | None) -> dict | None:
    """`row`, or the event of its kind dated `year`, the year the words after its name give ("la
    circulaire de 2023" is 6404/SG, not 6282-SG); None when that year has no such event."""
    if year is None or str(row.get("date")).startswith(year):
        return row
    kin = [r for *_, r in _events() if row.get("kind") and r.get("kind") == row["kind"]
           and str(r.get("date")).startswith(year)]
    return kin[0] if kin else None


# -- relative dates ---------------------------------------------------------------------------

def _relative_date(text: str, today: dt.date) -> DateMention | None:
    m = _LAST_YEAR.search(text)
    if m:
        return _span(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), m[0], "year", today)
    m = _LAST_MONTH.search(text)
    if m:
        last = today.replace(day=1) - dt.timedelta(days=1)
        return _span(last.replace(day=1), last, m[0], "month", today)
    m = _LAST_QUARTER.search(text)
    if m:  # the last whole quarter (or half-year) before the current one
        size = 6 if re.search(r"semestre|half", m[0], re.I) else 3
        first_of_current = dt.date(today.year, (today.month - 1) // size * size + 1, 1)
        last = first_of_current - dt.timedelta(days=1)
        return _span(dt.date(last.year, last.month - size + 1, 1), last, m[0], "part", today)
    m = _LAST_WEEK.search(text)
    if m:  # a week back, by the day (as "il y a une semaine")
        return DateMention(today - dt.timedelta(days=7), m[0], "relative")
    m = _THIS_YEAR.search(text)
    if m:
        return DateMention(today, m[0], "today")
    m = _NEXT.search(text)
    if m:
        return DateMention(today, m[0], "future")
    m = _LAST_N.search(text)
    if m:
        word, unit = next((m[f"n{s}"], m[f"unit{s}"]) for s in ("", "_en", "_since") if m[f"n{s}"])
        return DateMention(today, m[0], "period", start=_shifted(today, -1, word, unit))
    m = _AGO.search(text)
    if m:
        return DateMention(_ago(m, today), m[0], "relative")
    for rx, days in _DAYS_BEFORE:
        m = rx.search(text)
        if m:
            return DateMention(today - dt.timedelta(days=days), m[0], "day")
    return None


def _ago(m: re.Match, today: dt.date) -> dt.date:
    """The day `m` ("il y a un an", "three months ago") counts back from `today`; a year or month
    back from the 29th-31st lands on the last day of the shorter month."""
    word, unit = (m["n"], m["unit"]) if m["n"] else (m["n_en"], m["unit_en"])
    day = _shifted(today, -1, word, unit)
    if m["half"] or m["half_en"] or m["half_after"]:
        smaller, count = next(v for k, v in _HALF.items() if unit.lower().startswith(k))
        day = _shifted(day, -1, str(count), smaller)
    return day


def _shifted(day: dt.date, sign: int, word: str, unit: str) -> dt.date:
    """`day` moved by `word` `unit`s ("trois mois", "a week") forward (sign 1) or back (-1), by
    calendar arithmetic: a year or month from the 29th-31st lands on the last day of the shorter month."""
    n = int(word) if word.isdigit() else _WORDS[word.lower()]
    unit = unit.lower()
    if unit.startswith(("an", "year")):
        months = 12 * n
    elif unit.startswith(("mois", "month")):
        months = n
    else:
        return day + sign * dt.timedelta(days=n * (7 if unit.startswith(("sem", "week")) else 1))
    year, month = divmod(day.year * 12 + day.month - 1 + sign * months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def unresolved_date(text: str, understood: DateMention | None) -> str | None:
    """A time expression of `text` that no date was read from ("à l'époque", "avant la fusion", "the
    week after our last audit")."""
    if understood is not None and understood.precision == "unread":
        return understood.text
    rest = text.replace(understood.text, " ") if understood else text
    m = _unknown_time(rest) or _own_event(rest) or _own_past(rest)
    if m:
        return m
    for m in _VAGUE.finditer(rest):
        if _NOT_TIME.match(m[0]) or _names_a_place(m[0]):
            continue
        return m[0]
    return None


def _names_a_place(words: str) -> bool:
    """Whether "depuis" (since, or from a place) is followed by a country ("accéder depuis l'Inde", "depuis
    les États-Unis"): a place, not a time (round 17); "avant / après / since" a country stay times ("after
    the United Kingdom left"). The countries are obligations_places.yaml's."""
    from assistant.answer.obligations import country_pattern
    from assistant.folding import fold

    head = re.match(r"depuis\s+(?:les|la|le|l['’])\b\s*(.*)", words, re.I)
    if head is None:
        return False
    place = fold(head.group(1))
    return any(m.start() == 0 for kind in ("third", "eea") for m in [country_pattern(kind).search(place)] if m)


# -- parts of years and seasons ---------------------------------------------------------------

_PARTS = Path(__file__).with_name("period_parts.yaml")


@lru_cache(maxsize=1)
def _parts_data() -> dict:
    return yaml.safe_load(_PARTS.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _period_parts() -> tuple[tuple[re.Pattern, dict], ...]:
    from assistant.checker import MONTHS
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    out = []
    for part in _parts_data()["parts"]:
        words = phrase_alternation(part["words"])
        out.append((tolerant_rx(rf"(?<![\w-])(?:{words})(?:\s+|-)(?:(?:de\s+|d['’]|of\s+|in\s+)?(?:l['’]année\s+|the\s+year\s+)?)"
                        rf"(?:(?P<month>{months})\s+)?(?P<year>(?:19|20)\d\d)\b", re.I), part))
    return tuple(out)


def _part_span(part: dict, year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of `part` of `year` (a part starting in a later month than it ends,
    winter, starts in the year before)."""
    first_month, last_month = part["months"]
    first_year = year - 1 if first_month > last_month else year
    return (dt.date(first_year, first_month, 1),
            dt.date(year, last_month, calendar.monthrange(year, last_month)[1]))


def _shown(part: dict, first: dt.date, last: dt.date) -> dt.date:
    """The day a part is given for (`shown`: "first", "middle", "last" or a month-day inside the
    year; its last day by default): the verdict is checked over the whole part all the same."""
    shown = part.get("shown_month" if first.month == last.month else "shown", "last")
    if shown in ("first", "last"):
        return first if shown == "first" else last
    if shown == "middle":
        return first.replace(day=15)
    month, day = (int(x) for x in shown.split("-"))
    return dt.date(last.year, month, day)


def _part_of_period(text: str, today: dt.date) -> DateMention | None:
    """"début 2024" -> January-February 2024, "fin septembre 2021" -> 21-30 September 2021, "autumn
    2021" -> September-November 2021 (period_parts.yaml); None when no such words."""
    from assistant.checker import MONTHS
    for rx, part in _period_parts():
        m = rx.search(text)
        if not m:
            continue
        year = int(m["year"])
        if m["month"]:
            if "month_days" not in part:
                continue
            month = MONTHS[m["month"].lower()]
            last = calendar.monthrange(year, month)[1]
            a, b = part["month_days"]
            first, end = dt.date(year, month, a), dt.date(year, month, min(b, last))
            return _span(first, end, m[0], "part", today, shown=_shown(part, first, end))
        first, last = _part_span(part, year)
        if first.year < last.year:  # "hiver 2022": winter 2021-22 or 2022-23, both read
            return _span(first, _part_span(part, year + 1)[1], m[0], "part", today,
                         reading=f"{year - 1}-{year} / {year}-{year + 1}")
        return _span(first, last, m[0], "part", today, shown=_shown(part, first, last))
    return None


@lru_cache(maxsize=1)
def _season_words() -> tuple[tuple[re.Pattern, re.Pattern, re.Pattern, dict], ...]:
    """Per season: (last/this season relative to today, the season before an event, after an event)."""
    out = []
    for part in _parts_data()["parts"]:
        if not part.get("season"):
            continue
        words = phrase_alternation([w for w in part["words"] if not w.startswith(("in ", "au ", "à ", "en "))]
                                   + [w.split(" ", 1)[1] for w in part["words"] if w.startswith(("in the ", "à l'"))])
        words = rf"(?:(?:l['’]|le\s+|the\s+)?(?:{words}))"
        relative = tolerant_rx(rf"(?<![\w-])(?:(?:{words})\s+(?:dernier|passé|derniere?)|(?:last|this|past)\s+{words}|(?:cet|ce)\s+{words})(?![\w-])", re.I)
        before = tolerant_rx(rf"(?<![\w-]){words}\s+(?:qui\s+a\s+précédé|qui\s+précédait|qui\s+précède|d['’]avant|avant|précédant|before|preceding|prior\s+to)\s+", re.I)
        after = tolerant_rx(rf"(?<![\w-]){words}\s+(?:qui\s+a\s+suivi|qui\s+suivait|qui\s+suit|d['’]après|après|suivant|after|following)\s+", re.I)
        out.append((relative, before, after, part))
    return tuple(out)


def _season(text: str, today: dt.date) -> DateMention | None:
    """"l'été dernier", "last spring", "cet hiver", "l'hiver qui a précédé la circulaire de mai
    2023", "the summer after SREN": the season's days, the last one ended (or the current one) for
    words relative to today, the last one ended before (the first one begun after) the event."""
    for relative, before, after, part in _season_words():
        m = relative.search(text)
        if m:
            this = re.search(r"\b(?:cet|ce|this)\b", m[0], re.I) is not None
            for year in (today.year + 1, today.year, today.year - 1, today.year - 2):
                first, last = _part_span(part, year)
                if (first <= today if this else last < today):
                    return _span(first, last, m[0], "part", today)
        for rx, sign in ((before, -1), (after, 1)):
            m = rx.search(text)
            if not m:
                continue
            event = event_named(text[m.end():])
            if event is None:
                return DateMention(today, m[0].strip(), "unread")
            row, words = event
            days = _event_day(row, binding=sign > 0)
            if days is None:
                return DateMention(today, m[0] + words, "unread")
            day = days[0] if sign < 0 else days[1]
            years = range(day.year + 1, day.year - 2, -1) if sign < 0 else range(day.year - 1, day.year + 2)
            for year in years:
                first, last = _part_span(part, year)
                if (last < day if sign < 0 else first > day):
                    return _span(first, last, m[0] + words, "part", today, row["source"])
    return None


# round 14: an event of the asker's own life, which no source dates ("the week after our last audit", "le
# jour où notre nouveau DSI est arrivé", "depuis l'arrivée de ma directrice", "when we launched our call for
# tenders"): not understood, never today silently. A word of time, then (a noun and "de / of") a possessive.
_OWNER = r"(?:notre|nos|mon|ma|mes|our|my)"
_OWN_WHEN = (r"(?:(?:la|le|l['’]|the)\s*(?:semaine|mois|année|an|jour|week|month|year|day)\s+)?"
             r"(?:avant|(?<![dD]['’])après|(?<![dD]['’])apres|depuis|dès|jusqu['’]à|before|after|until|till|following|suivant|précédant|preceding"
             r"|(?:la\s+)?veille\s+(?:de|du|d['’])|(?:le\s+)?lendemain\s+(?:de|du|d['’])|(?:le\s+)?jour\s+(?:de|du|d['’]|où)"
             r"|au\s+moment\s+(?:de|du|d['’]|où)|lors\s+(?:de|du|d['’])|the\s+eve\s+of|at\s+the\s+time\s+of|(?:on\s+)?the\s+day(?:\s+(?:of|when|that))?)")
# "when we launched", "quand nous avons migré": an act of ours said in a past tense ("when we host data …"
# states a case, not a time)
_WE_DID = (r"(?:when|quand|lorsque|after|before|since|après\s+que|avant\s+que|depuis\s+que)\s+"
           r"(?:(?:we|I)\s+(?:[a-z]+ed|began|took|made|chose|went|got|won|signed|left|moved|bought|built|had)"
           r"|(?:nous\s+avons|nous\s+sommes|on\s+a|on\s+est|j['’]ai|je\s+suis)\s+[\w-]+)\b")


@lru_cache(maxsize=1)
def _own_event_rx() -> re.Pattern:
    nouns = phrase_alternation(_parts_data()["own_event_nouns"])
    return tolerant_rx(
        rf"\b{_OWN_WHEN}\s+(?:(?:la|le|les|l['’]|the)\s*[\w-]+\s+(?:de|du|des|d['’]|of)\s*)?{_OWNER}\s+(?:[\w'’-]+\s+){{0,2}}[\w'’-]+"
        rf"|\b(?:since|as\s+of)\s+{_OWNER}\s+(?:[\w'’-]+\s+){{0,2}}(?:{nouns})\b|\b{_WE_DID}", re.I)


# "before our contract with OVH is signed, which clauses …": a case to come, not a day of the past
_CASE_TO_COME = tolerant_rx(r"^(?:\s+[\w'’-]+){0,3}?\s+(?:is|are|will|gets|get|est|sont|sera|seront|soit|soient)\b", re.I)


def _own_event(text: str) -> str | None:
    """The words of an event of the asker's own life that dates the question; None when none (or
    when a present or future verb follows: a case stated, not a day)."""
    for m in _own_event_rx().finditer(text):
        if not _CASE_TO_COME.match(text[m.end():m.end() + 60]):
            return m[0]
    return None


# a subject of ours (or a former holder) then, within the clause, a verb in a past tense: French imparfait
# ("nous faxions", "notre directrice dirigeait", "j'étais"), English preterite or "used to"
_OURS = r"(?:nous|on|je|j['’]|notre|nos|mon|ma|mes|we|I|our|my|(?:l['’]|le|la|the)\s*(?:ancien|ancienne|anciens|old|former|previous))"
_PAST_VERB = (r"(?:\bnous\s+(?:ne\s+|n['’])?(?:\w+\s+)?\w{2,}ions\b|\b\w{2,}(?:ait|aient)\b|\b(?:j['’]|je\s+)\w+ais\b"
              r"|\b(?:was|were|had|used\s+to|did)\b|\b(?:we|I|they|it)\s+(?:still\s+|only\s+|just\s+)?\w{2,}ed\b)")


@lru_cache(maxsize=1)
def _own_past_rx() -> tuple[re.Pattern, re.Pattern]:
    data = _parts_data()
    strong = phrase_alternation(data["past_clause_openers"])
    weak = phrase_alternation(data["clause_openers"])
    return (tolerant_rx(rf"\b(?:{strong})\s*[^,;?.:]{{0,90}}", re.I),
            tolerant_rx(rf"\b(?:{weak})\s*{_OURS}\b[^,;?.:]{{0,90}}", re.I))


def _own_past(text: str) -> str | None:
    """The words of a time of the asker's own past said as a clause ("back when we still sent
    prescriptions by fax", "quand notre ancienne directrice dirigeait encore l'établissement"), which
    no source dates; None for a case stated in the present ("when we host data", "quand nous
    hébergeons"). Not a date of a text or of a registry fact: those are read before this."""
    strong, weak = _own_past_rx()
    m = strong.search(text)
    if m:
        return m[0].strip()
    for m in weak.finditer(text):
        if re.search(_PAST_VERB, m[0], re.I):
            return m[0].strip()
    return None


def _unknown_time(text: str) -> str | None:
    """"pendant le Covid", "during the Paris Olympics", "lors de la fusion": a time named by a noun of
    `unknown_time_nouns` (or a capitalised name) after a word of time, which no data dates."""
    nouns, rx = _unknown_time_rx()
    for m in rx.finditer(text):
        if re.search(rf"(?:{nouns})\b", m[0], re.I) or m["name"][:1].isupper():
            return m[0]
    return None


_TIME_OF = (r"(?:pendant|durant|during|lors\s+(?:de|du|des|d['’])|au\s+moment\s+(?:de|du|des|d['’])|at\s+the\s+time\s+of"
            r"|à\s+l['’]époque\s+(?:de|du|des|d['’]))")


@lru_cache(maxsize=1)
def _unknown_time_rx() -> tuple[str, re.Pattern]:
    nouns = phrase_alternation(_parts_data()["unknown_time_nouns"])
    return nouns, tolerant_rx(rf"\b{_TIME_OF}\s*(?:(?:la|le|l['’]|les|the|une?)\s*)?"
                              rf"(?P<name>(?:(?:\w+\s+){{0,2}})(?:{nouns})\b|[A-Z][\w-]+(?:\s+[A-Z\d][\w-]*)*)", re.I)


# -- named days ---------------------------------------------------------------------------------

def _named(text: str, today: dt.date, at_start: bool = False, saint: bool = False) -> DateMention | None:
    """A day named in `text` (named_days.py: "à Noël 2024", "last Christmas", "Noël prochain") as a
    mention of precision "named" (its year said as read when the words did not write it), "future"
    or "unread"; `saint`: a saint's day no data hold instead ("à la Saint-Martin": unread; with a
    year, that year). None when `text` names none."""
    from assistant.answer.named_days import named_day, saint_day
    found = saint_day(text) if saint else named_day(text, today, at_start)
    if found is None:
        return None
    if found.status == "unread":
        return DateMention(today, found.words, "unread", reading="named_day")
    if found.status == "future":
        return DateMention(today, found.words, "future", found.source)
    if found.status == "year":
        year = int(found.reading)
        return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), found.words, "year", today)
    return DateMention(found.day, found.words, "named", found.source, reading=found.reading)


# -- spans between two dates ------------------------------------------------------------------

_BETWEEN = tolerant_rx(r"\b(?:entre|between)\s+(?P<a>.{3,80}?)\s+(?:et|and)\s+(?P<b>.{3,80}?)(?=[,;?!.]|\s+(?:un|une|le|la|les|notre|nos|mon|ma|our|a|an|the|could|can|was|were|pouvait|pouvaient|peut|is)\b|$)"
                       r"|\b(?:de|du|from)\s+(?P<a2>(?:19|20)\d\d|(?:\w+\s+)?(?:19|20)\d\d)\s+(?:à|au|to|until|till)\s+(?P<b2>(?:19|20)\d\d|(?:\w+\s+)?(?:19|20)\d\d)\b", re.I)
_SINCE_RX = tolerant_rx(rf"\b{_SINCE}\s+(?P<x>.{{3,80}})", re.I)


def _one_end(words: str, today: dt.date, binding: bool = False) -> DateMention | None:
    """A date or an event at one end of a span ("2019", "la circulaire de juillet 2021", "celle de
    mai 2023" after a kind named before it); `binding`: an event's day is when it binds (a start)."""
    event = event_named(words)
    written = written_date(words)
    if event is not None:
        row, said = event
        days = _event_day(row, binding)
        if days is None:
            return DateMention(today, said, "unread")
        return DateMention(days[1], said, "event", row["source"], days[0])
    named = _named(words, today, at_start=True)  # "entre Noël 2022 et Pâques 2023", "depuis Noël 2023"
    if named is not None:
        return named
    part = _part_of_period(words, dt.date.max)
    if part is not None:
        return part
    if written is not None:
        period, said = written
        return DateMention(period.last, said, period.precision, None, period.first)
    year = _BARE_YEAR.match(words)
    if year:
        y = int(year[1])
        return DateMention(dt.date(y, 12, 31), year[0].strip(), "year", None, dt.date(y, 1, 1))
    return None


# A year alone at one end of a span ("entre 2019 et 2021") or after "de / of" ("la campagne de 2022").
_BARE_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\b(?![-/]\d)")
_YEAR_OF = tolerant_rx(r"\b(?:de|du|d['’]|of|in|en)\s+(?:l['’]année\s+|the\s+year\s+)?((?:19|20)\d\d)\b(?![-/]\d)", re.I)


def _year_of(text: str, today: dt.date) -> DateMention | None:
    """The year that dates a time no data know ("pendant la campagne présidentielle de 2022": 2022),
    read with the whole phrase; None when no such time is named with a year."""
    named = _unknown_time(text)
    if named is None:
        return None
    at = text.find(named)
    m = _YEAR_OF.match(text, at + len(named)) or _YEAR_OF.search(text[at + len(named): at + len(named) + 40])
    if not m:
        return None
    y = int(m[1])
    return _span(dt.date(y, 1, 1), dt.date(y, 12, 31), text[at:at + len(named)] + text[at + len(named):].split(m[0])[0] + m[0],
                 "year", today)


def _between(text: str, today: dt.date) -> DateMention | None:
    """"entre la circulaire de juillet 2021 et celle de mai 2023" -> 2021-07-05 .. 2023-05-30;
    "between 2019 and 2021" -> 2019-01-01 .. 2021-12-31 (an event at the end: the day before it)."""
    m = _BETWEEN.search(text)
    if not m:
        return None
    a, b = (m["a"], m["b"]) if m["a"] else (m["a2"], m["b2"])
    first = _one_end(a, today, binding=True)
    kind = re.match(r"\s*(?:celle|celui)s?\s+(?:de|du|d['’])", b, re.I)
    if kind and first is not None and first.precision == "event":
        b = re.sub(r"^\s*(?:celle|celui)s?", first.text.split(" de ")[0].split(" of ")[0], b, flags=re.I)
    second = _one_end(b, today)
    if first is None or second is None or "unread" in (first.precision, second.precision):
        return None
    first, second = _named_ends(a, b, first, second, today)
    start = first.start or first.date
    end = (second.start or second.date) - dt.timedelta(days=1) if second.precision == "event" else second.date
    if end < start:
        return None
    return _span(start, end, m[0], "period", today, "; ".join(s for s in (first.source, second.source) if s))


def _named_ends(a: str, b: str, first: DateMention, second: DateMention, today: dt.date) -> tuple[DateMention, DateMention]:
    """A named day without a year at one end of a span takes its year from the other end ("entre la
    Toussaint et Noël 2024": 1 November 2024; "entre Noël 2024 et Pâques": Easter 2025, the first
    one after the start), not the last one up to today."""
    def yearless(m):
        return m.precision == "named" and m.reading and not re.search(r"\d", m.text)
    if yearless(first) and not yearless(second) and second.precision != "future":
        end = second.start or second.date
        for year in (end.year, end.year - 1):
            redo = _named(f"{a} {year}", today, at_start=True)
            if redo is not None and redo.precision == "named" and redo.date <= end:
                return redo, second
    if yearless(second) and not yearless(first) and first.precision != "future":
        begin = first.start or first.date
        for year in (begin.year, begin.year + 1):
            redo = _named(f"{b} {year}", today, at_start=True)
            if redo is not None and (redo.precision == "future" or redo.date >= begin):
                return first, redo
    return first, second


def _since(text: str, today: dt.date) -> DateMention | None:
    """"depuis 2022" -> 2022-01-01 .. today; "since the SREN law" -> 2024-05-21 .. today."""
    m = _SINCE_RX.search(text)
    if not m:
        return None
    start = _one_end(m["x"][:80], today, binding=True)
    if start is None or start.precision == "unread":
        return None
    at = m["x"].find(start.text)
    words = text[m.start():m.start("x")] + (m["x"][:at + len(start.text)] if at >= 0 else start.text)
    # given for X's own day ("depuis la circulaire 6404": 2023-05-31; "depuis 2023": as "en 2023"), the
    # span to today checked whole
    return _span(start.start or start.date, today, words, "period", today, start.source, shown=start.date)


# -- months without a year --------------------------------------------------------------------

@lru_cache(maxsize=1)
def _bare_month() -> re.Pattern:
    from assistant.checker import MONTHS
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    return tolerant_rx(rf"\b(?:en|au\s+mois\s+d['’]|au\s+mois\s+de|in|during|last|début|fin|mi-?)\s*(?P<month>{months})\b(?!\s*(?:\d|de\s+l['’]an))", re.I)


# Round 21: a month named as the time of a planned act ("migration prévue en mars", "planned for
# March", "will go live in May", "en mars prochain") is the next such month, not the last one: a
# future date, answered as of today. "Un hôpital … Azure ? Migration prévue en mars." was read as
# 31 March 2026 and got 2026-03's "eligible" for health data on Azure (a false "eligible").
_PLANNED_BEFORE = tolerant_rx(
    r"(?:\b(?:prévue?s?|planifiée?s?|programmée?s?|envisagée?s?|attendue?s?|planned|scheduled|expected|due|"
    r"d['’]ici|starting|beginning|from|à\s+partir)\s+(?:(?:pour|for|to\s+\w+)\s+)?"
    r"|\b(?:will|shall|going\s+to|plan(?:s|ning)?\s+to|va|vont|allons|comptons|comptent|\w+(?:era|eront|erons|ira|iront|irons|dra|dront|drons|aura|auront))\b[^,.;:?!]{0,40})$", re.I)
_PLANNED_AFTER = tolerant_rx(r"^\s*(?:prochain|qui\s+vient|à\s+venir|next\s+year|de\s+l['’]année\s+prochaine)\b", re.I)


def _month_without_year(text: str, today: dt.date) -> DateMention | None:
    """"en mai" with no year: the last May up to today (this month when it is May), said as read;
    a month said as the time of a planned act ("prévue en mars", "planned for March", "en mars
    prochain") is a future date, answered as of today."""
    from assistant.checker import MONTHS
    m = _bare_month().search(text)
    if not m:
        return None
    if _PLANNED_BEFORE.search(text[max(0, m.start() - 60):m.start()]) or _PLANNED_AFTER.search(text[m.end():]):
        return DateMention(today, m[0] + (_PLANNED_AFTER.search(text[m.end():]) or [""])[0], "future")
    month = MONTHS[m["month"].lower()]
    year = today.year if month <= today.month else today.year - 1
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return _span(dt.date(year, month, 1), last, m[0], "month", today, reading=f"{year}")


# -- days without a year ----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _day_month() -> re.Pattern:
    from assistant.checker import MONTHS
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    no_year = r"(?!\.?\s*,?\s*(?:de\s+l['’]an\s+)?\d)"
    rel = (r"(?P<rel>dernier|passé|prochain|de\s+l['’]année\s+(?:dernière|passée|prochaine)|de\s+l['’]an\s+(?:dernier|passé|prochain)"
           r"|de\s+cette\s+année|last\s+year|this\s+year|next\s+year|last|next)")
    return tolerant_rx(
        rf"(?<![\w/.-])(?:(?P<pre>last|next|this)\s+)?(?:(?:le|on|the)\s+)?(?:(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?|(?P<first>premier|first))\s+(?:of\s+)?"
        rf"(?P<m>{months})\b{no_year}(?:\s+{rel}\b)?"
        rf"|(?<![\w/.-])(?:(?P<pre2>last|next|this)\s+)?(?:on\s+)?(?P<m2>{months})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b{no_year}(?:\s+{rel.replace('rel', 'rel2')}\b)?", re.I)


def _day_without_year(text: str, today: dt.date) -> DateMention | None:
    """"le 1er octobre dernier", "le 15 mars", "on October 1st last year", "last 1 October": a day
    and a month with no year. "l'année dernière / last year" reads last year's day; "cette année /
    this year" this year's; "prochain / next" a future day (answered as of today, said as such);
    otherwise, "dernier / last" or nothing, the last such day before today (today itself without
    "dernier"), said as read. None when no such words (a day with its year is `written_date`'s)."""
    from assistant.checker import MONTHS
    m = _day_month().search(text)
    if not m:
        return None
    day = 1 if m["first"] else int(m["d"] or m["d2"])
    month = MONTHS[(m["m"] or m["m2"]).lower()]
    rel = (m["rel"] or m["rel2"] or m["pre"] or m["pre2"] or "").lower()
    if re.search(r"prochain|next", rel):
        return DateMention(today, m[0], "future")
    if re.search(r"année|\ban\b|year", rel):
        year = today.year - 1 if re.search(r"derni|pass|last", rel) else today.year
    else:
        year = today.year if (month, day) < (today.month, today.day) or (
            (month, day) == (today.month, today.day) and not rel) else today.year - 1
    try:
        date = dt.date(year, month, day)
    except ValueError:  # "le 30 février": no such day
        return DateMention(today, m[0], "unread")
    if date > today:
        return DateMention(today, m[0], "future")
    return DateMention(date, m[0], "day", reading=str(year))


# -- the reader -------------------------------------------------------------------------------

def find_date(text: str, today: dt.date) -> DateMention | None:
    """The date or span `text` speaks of: spans between two ends, since a date, seasons and parts
    of years first, then explicit dates, events and relative dates; None when there is none.
    A "now" in the sentence that carries the question outweighs a date said in another sentence
    (round 20: "Our clinic renewed its MRI scanner in 2024 … Is that allowed now?" is asked today)."""
    found = _find_date(text, today)
    if found is not None and found.precision in ("day", "month", "year"):
        found = _unless_a_text_name(found, text, today)
    if found is None or found.precision == "today":
        return found
    own = [text[a:b] for a, b in question_sentences.asking(text)]
    now = next((m for part in own if (m := _NOW.search(part))), None)
    if now is not None and len(own) < len(question_sentences.sentences(text)) and not any(found.text in part for part in own):
        return DateMention(today, now[0], "today")
    return found


def _unless_a_text_name(found: DateMention, text: str, today: dt.date) -> DateMention | None:
    """`found`, unless its words only name a text ("le décret d'avril 2026", round 21): then the
    relation said to that text ("avant le décret d'avril 2026": the day before it), else another date
    of the question, else the day the text bound for a question in a past tense ("Selon la circulaire
    du 5 juillet 2021, un ministère pouvait-il …": 10 July 2021), else None (asked today)."""
    name = next((n for n in text_dates.names_of_texts(text) if found.text in text[n.start:n.end]), None)
    if name is None:
        return found
    relation = _RELATION_BEFORE.search(text[:name.start])
    if relation is not None:
        if name.row is None:
            return found
        sign = -1 if relation["before"] else 1
        return _from_event(name.row, sign, relation["n"], relation["unit"], relation[0].strip() + " " + text[name.start:name.end], today)
    other = _find_date(text[:name.start] + " " * (name.end - name.start) + text[name.end:], today)
    if other is not None:
        return other
    if name.row is not None and text_dates.asks_the_past(text):
        return _from_event(name.row, 1, None, None, text[name.start:name.end], today)
    return None


_RELATION_BEFORE = tolerant_rx(rf"\b{_OFFSET}(?:(?P<before>{_BEFORE})|{_AFTER}|{_SINCE})(?:\s+(?:le|la|les|the))?\s*(?:l['’])?$", re.I)


def _find_date(text: str, today: dt.date) -> DateMention | None:
    for reader in (_between, _since, _season, _part_of_period):
        found = reader(text, today)
        if found is not None:
            return found
    explicit = _explicit_date(text, today)
    named = _named(text, today)
    # round 13: "à Noël 2024", "last Christmas"; a day also written out ("le 25 décembre 2024, à Noël") is the written one
    if named is not None and (named.reading is None or explicit is None or explicit.precision == "today"):
        return named
    if explicit is not None and explicit.precision != "today":
        event = _event_date(text, today)
        if event is not None and explicit.text in event.text:
            return event  # the date names the event ("the day after the DINUM note of 15 September 2021"): its relation counts
        if event is not None and _AT_RX.match(event.text) and _within(event.date, explicit):
            return event  # "le jour de la note DINUM de septembre 2021": the event's day, inside the month named
        if event is not None and explicit.is_span and event.precision == "event" and explicit.start < event.date <= explicit.last:
            # round 10: "en septembre 2021, après la note de la DINUM": the part of the month or year after
            # (or before) the event; a relation of time with no event inside the span changes nothing
            words = event.text if explicit.text in event.text else f"{explicit.text}, {event.text}"
            if _AFTER_RX.search(event.text):
                return _span(event.date, explicit.last, words, explicit.precision, today, event.source)
            if _BEFORE_RX.search(event.text):
                return _span(explicit.start, event.date, words, explicit.precision, today, event.source)
        return explicit
    return (_day_without_year(text, today) or _relative_date(text, today) or _event_date(text, today) or _month_without_year(text, today)
            or explicit or _year_of(text, today) or _named(text, today, saint=True))


def _within(day: dt.date, period: DateMention) -> bool:
    """Whether `day` falls in the month or year `period` names."""
    if period.precision == "month":
        return (day.year, day.month) == ((period.start or period.date).year, (period.start or period.date).month)
    return period.precision == "year" and day.year == (period.start or period.date).year


def _explicit_date(text: str, today: dt.date) -> DateMention | None:
    written = written_date(text)
    if written is not None:
        period, words = written
        if period.precision == "day":
            return DateMention(period.first, words, "day") if period.first <= today else DateMention(today, words, "future")
        return _span(period.first, period.last, words, period.precision, today)
    m = _NOW.search(text)
    if m:
        return DateMention(today, m[0], "today")
    return None
