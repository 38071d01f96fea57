"""Yes/no questions and quoted claims about WHAT A TEXT SAYS, answered from the text's own statement:
its scope ("La circulaire vise-t-elle aussi les organismes sous tutelle ?", "the April 2026 decree only
concerns local authorities"), a requirement, permission or ban ("le RGPD exige-t-il une autorisation
pour un transfert vers un pays adéquat ?"), a GDPR article's rule, or its date ("the SREN law dates from
2023").

The statements are data: `stated` in text_statements.yaml, each with its document, its verbatim passage
and its slots (scope: the texts named and the customer types bound; a proposition: groups of words the
question must hold and the text's stance, read through text_statements' table of kinds and modalities;
a date: the events.yaml row and date field the passage states). `answer(question, lang, documents)`
compares the question with every statement; the texts a question names are read from events.yaml
(`patterns`, and `text_dates.names_of_texts` for "the April 2026 decree"), the customer type from
customer.py. The first word is "yes" / "no" for the proposition asked, or, for a question asking whether
a quoted claim is right (claim_asked.asks_if_right), "right" / "wrong": the claim's proposition, negated
or not (claim_asked.claim_negated), against the statement. The passage is quoted as
doc.text[start:end].

What it does not do: guess. A question no statement matches, statements that disagree, a plain
question that is itself negated ("n'est-il pas…"), a scope question naming no customer type: None (the
other readers answer, or the texts "do not settle it"). It reads no verdict, no registry fact and no
duty of a named provider.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answer import text_statements
from assistant.answer.claim_asked import asks_if_right, claim_negated, reported_claims
from assistant.answer.obligations import asks_yes_no
from assistant.checker import Basis
from assistant.folding import fold, tolerant_rx

_EVENTS = Path(__file__).with_name("events.yaml")
# Customer types one statement may bind together: the State and its operators are one sphere.
_SPHERE = {"state": "state", "state_operator": "state"}
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12}
_MONTH = "|".join(_MONTHS)
# "21 mai 2024", "mai 2024", "March 24, 2026", "16 November 2024", "2023", "05/07/2021"
_DATE = re.compile(rf"(?<![\w/-])(?:(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s+)?(?:(?P<m1>{_MONTH})\s+)?(?:(?P<d2>\d{{1,2}}),?\s+)?(?P<y>(?:19|20)\d\d)(?![\w/-])"
                   rf"|(?<![\w/-])(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<ny>(?:19|20)\d\d)(?![\w/-])")
# Words that ask for a text's own date ("date-t-il de", "dates from", "signée", "published", "adopted"); not
# "since", "depuis", "in 2023", which date the question, not the text.
_ASKS_DATE = re.compile(r"\bdat(?:e|es|ed|ee|ees|e-t-(?:il|elle))\b|\bsign\w*|\bpubli\w*|\badopt\w*|\bpromulg\w*|\benact\w*|\bissued\b|\bparu\w*"
                        r"|\bvot[ee]\w*|\bpassed\b")
# The form of a yes/no question ("a-t-il été publié", "date-t-il", "was it signed", "is it from"): a
# text's date is compared only in such a question or a quoted claim, not in "date de signature … ?".
_YES_NO_FORM = re.compile(r"-t-(?:il|elle)\b|-(?:il|elle|ils|elles)\b|\best-ce\b|^\s*(?:is|was|were|are|did|does|do|has|have|had)\b"
                          r"|[,;:]\s*(?:is|was|were|are|did|does|do|has|have)\b", re.I | re.M)
_FIELDS = ("date", "signed", "published", "released", "in_force", "in_force_said")


@dataclass(frozen=True)
class Stated:
    slot: str
    doc: str
    passage: str
    text: tuple = ()
    about: tuple = ()
    kind: str | None = None
    also: dict = field(default_factory=dict)
    who: tuple = ()
    exhaustive: bool = False
    unless: tuple = ()
    modes: tuple = ()
    modal_noun: bool = False
    open: tuple = ()
    some: tuple = ()
    event: str | None = None
    date_field: str | None = None


@dataclass
class ClaimAnswer:
    key: str | None  # yes, no, right, wrong
    why: str
    bases: list[Basis]
    slot: str


@lru_cache(maxsize=1)
def statements() -> tuple[Stated, ...]:
    """The `stated` entries of text_statements.yaml, their word groups compiled."""
    out = []
    for row in text_statements.data().get("stated") or []:
        out.append(Stated(
            slot=row["slot"], doc=row["doc"], passage=row["passage"], text=tuple(row.get("text") or ()),
            about=tuple(tuple(re.compile(w) for w in group) for group in row.get("about") or ()),
            kind=row.get("kind"), also=dict(row.get("also") or {}), who=tuple(row.get("who") or ()),
            exhaustive=bool(row.get("exhaustive")), event=row.get("event"), date_field=row.get("field"),
            unless=tuple(re.compile(w) for w in row.get("unless") or ()), modes=tuple(row.get("modes") or ()),
            modal_noun=bool(row.get("modal_noun")), open=tuple(row.get("open") or ()), some=tuple(row.get("some") or ())))
    return tuple(out)


@lru_cache(maxsize=1)
def _events() -> dict:
    rows = yaml.safe_load(_EVENTS.read_text(encoding="utf-8")) or []
    return {r["id"]: (r, [tolerant_rx(p, re.I) for p in r.get("patterns") or ()]) for r in rows if r.get("id")}


def texts_named(question: str) -> tuple[set[str], list[tuple[int, int]]]:
    """The events.yaml ids of the texts the question names, and the spans of the names that carry a
    date ("the April 2026 decree"), whose date words name the text and are not asked about."""
    from assistant.answer.text_dates import names_of_texts

    ids = {eid for eid, (_, rxs) in _events().items() if any(rx.search(question) for rx in rxs)}
    spans = []
    for name in names_of_texts(question):
        spans.append((name.start, name.end))
        if name.row is not None:
            ids.add(name.row["id"])
    return ids, spans


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def _holds(st: Stated, folded: str) -> bool:
    return (all(any(rx.search(folded) for rx in group) for group in st.about)
            and not any(rx.search(folded) for rx in st.unless))


def _period(m: re.Match) -> tuple[dt.date, dt.date]:
    if m["ny"]:
        day = dt.date(int(m["ny"]), int(m["nm"]), int(m["nd"]))
        return day, day
    year = int(m["y"])
    if not m["m1"]:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = _MONTHS[m["m1"]]
    d = m["d1"] or m["d2"]
    if d:
        day = dt.date(year, month, int(d))
        return day, day
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    return dt.date(year, month, 1), last


def dates_asked(question: str, name_spans) -> list[tuple[dt.date, dt.date]]:
    """The periods of the date words a question asks a text's date against (not those inside a text's
    name or number: "the April 2026 decree", "décret 2026-209"), when it asks for a date at all."""
    folded = fold(question)  # same length as the question for the characters dates use
    if not _ASKS_DATE.search(folded):
        return []
    out = []
    for m in _DATE.finditer(folded):
        if any(a <= m.start() < b for a, b in name_spans):
            continue
        try:
            out.append(_period(m))
        except ValueError:
            continue
    return out


def _date_word(rows: list[Stated], periods) -> tuple[str, Stated] | None:
    """"yes" and the passage of the date in the periods asked, else "no" and the passage of the text's
    own date; None when the events row lacks the date."""
    event = _events()[rows[0].event][0]
    for st in rows:
        value = event.get(st.date_field)
        if value is None:
            continue
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        if any(first <= day <= last for first, last in periods):
            return "yes", st
    own = next((st for st in rows if st.date_field == "date"), rows[0])
    # "no" only when none of the text's dates (signed, published, in force …) falls in a period asked
    days = [event.get(f) for f in _FIELDS if event.get(f) is not None]
    days = [d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d)) for d in days]
    if any(first <= d <= last for first, last in periods for d in days):
        return None
    return "no", own


def kinds_named(question: str) -> set[str]:
    """The customer types a question names: customer.py's reading, and the body words of
    text_statements.yaml's `bodies` ("State actors", "the bodies under their supervision")."""
    from assistant.answer.customer import customer_named

    kind = customer_named(question).kind
    folded = _folded(question)
    named = {k for k, words in text_statements.data()["bodies"].items() if re.search(words, folded)}
    return named | ({kind} if kind else set())


def _scope_word(st: Stated, question: str, folded: str) -> str | None:
    """"yes" when the customer types named are all bound by the text, "no" when one is not and the text
    says whom it binds; a claim that the text binds "only" those types: "yes" only when it binds no
    other sphere of bodies. None: no scope word or no customer type in the question."""
    if not re.search(text_statements.data()["scope_words"], folded):
        return None
    kinds = kinds_named(question)
    if not kinds or kinds & set(st.open):
        return None
    if kinds & set(st.some):  # "certains de ses opérateurs": only a question saying "some" is answered
        if not re.search(text_statements.data()["some_words"], folded):
            return None
        kinds = (kinds - set(st.some)) | {st.who[0]} if st.who else kinds
    inside = kinds <= set(st.who)
    if re.search(text_statements.data()["only_words"], folded):
        spheres = {_SPHERE.get(k, k) for k in kinds}
        return "yes" if inside and {_SPHERE.get(w, w) for w in st.who} <= spheres else "no"
    return "yes" if inside else ("no" if st.exhaustive else None)


def _word(st: Stated, proposition: str) -> str | None:
    """The statement's word for the proposition's modality (read without the statement's own words when
    they name the thing asked: "une autorisation" does not ask "may?"), None for a modality it leaves open."""
    from assistant.answer.obligations import modality

    bare = _folded(proposition)
    if st.modal_noun:
        for group in st.about:
            for rx in group:
                bare = rx.sub(" ", bare)
    if st.modes and modality(bare) not in st.modes:
        return None
    word = text_statements.word_for(st.kind, bare) if st.kind else None
    return word if word is not None else st.also.get(modality(bare))


def answer(question: str, lang: str, documents: dict, dated: bool = False) -> ClaimAnswer | None:
    """The answer of the statements the question matches (see the module docstring), or None. A question
    asked of another day than today (`dated`: "Au 1er mars 2025, …", "In 2021, …") gets only a text's date
    from here: what a text stated then is the dated readers' (a statement holds from its text's day on)."""
    claim = asks_if_right(question)
    if not claim and not asks_yes_no(question):
        return None
    proposition = " ".join(reported_claims(question)) if claim else question
    proposition = proposition or question
    folded = _folded(question)
    named, name_spans = texts_named(question)
    found: list[tuple[str, Stated]] = []
    periods = dates_asked(question, name_spans) if claim or _YES_NO_FORM.search(question) else []
    if periods:
        for event in sorted(named):
            rows = [st for st in statements() if st.slot == "date" and st.event == event]
            said = _date_word(rows, periods) if rows else None
            if said is not None:
                found.append(said)
    if not found and not dated:
        for st in statements():
            if st.slot == "date" or (st.text and not named & set(st.text)) or not _holds(st, folded):
                continue
            word = _scope_word(st, proposition, _folded(proposition)) if st.slot == "scope" and not st.kind else _word(st, proposition)
            if word is not None:
                found.append((word, st))
    if not found or len({w for w, _ in found}) != 1:
        return None
    found.sort(key=lambda ws: (ws[1].slot == "scope", -len(ws[1].about)))  # the most specific statement first
    word = found[0][0]
    if claim:
        word = "right" if (word == "yes") != claim_negated(proposition) else "wrong"
    elif claim_negated(question) and not re.search(text_statements.data()["only_words"], folded):
        return None  # a negated question: its yes and no are the other way round; no word
    bases, quotes = [], []
    for _, st in found:
        document = documents.get(st.doc)
        if document is None or st.passage not in document.text or st.passage in quotes:
            continue
        start = document.text.index(st.passage)
        quote = document.text[start:start + len(st.passage)]
        quotes.append(quote)
        bases.append(Basis(doc_id=st.doc, section="", quote=quote, confidence=document.confidence))
    if not bases:
        return None
    from assistant.answer.render import fmt_date, t
    from assistant.titles import title_in

    first = documents[bases[0].doc_id]
    why = (t("according", lang, title=title_in(first.doc_id, first.title, lang), date=fmt_date(first.date, lang))
           + (" : « " if lang == "fr" else ": « ") + re.sub(r"\s+", " ", bases[0].quote).strip() + " »")
    return ClaimAnswer(word, why, bases[:2], found[0][1].slot)
