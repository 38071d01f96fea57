"""Whether a question's data are records about people, hence personal data (GDPR art. 4(1)).

Reads `people_data.yaml`: a record noun tied to a noun of people ("les dossiers de nos
locataires", "pupils' records", "the files of our members") or a phrase that names such records
on its own ("état civil", "contact details"). Used by question understanding only when the
checker's vocabulary names no data kind; it says "personal", never "health" or "sensitive",
and nothing about claims (the checker's own vocabulary reads those).

Round 10: a record noun that says only whose the data are ("les données de ses clients", "our
users' data": `owner_only_records`) names personal data of unknown kind (`owner_named_records`
gives its words, asked about: may they hold health data?), never plain personal data; data named
only by the identifiers of GDPR art. 4(1) (names, identification numbers, location data, online
identifiers: `identifiers`) are personal and not health data (art. 4(15)), read by
`identifier_spans` and `itemised_identifiers`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import phrase_alternation, tolerant_rx

_FILE = Path(__file__).with_name("people_data.yaml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    people, records = phrase_alternation(raw["people"]), phrase_alternation(raw["records"])
    owner = r"(?:(?:(?:de|des|du|of)\s+|d['’]\s*)(?:(?:la|le|les|l['’]|nos|notre|ses|leurs|leur|vos|votre|mes|the|our|its|their|your|all)\s+)?(?:[\w-]+\s+)?)"
    tied = (rf"\b(?:{records})\s+(?:[\w-]+\s+){{0,4}}?{owner}(?:{people})\b"  # "dossiers (administratifs) de nos locataires", "fichier des cartes grises des usagers"
            rf"|\b(?:{people})['’]s?\s+(?:[\w-]+\s+)?(?:{records})\b"  # "pupils' records", "staff's personal files"
            rf"|\b(?:{people})['’]\s*\w+"  # any noun owned by people: "customers' order history"
            rf"|\b(?:{people})\s+(?:{records})\b"  # "tenant files", "customer data"
            rf"|\b(?:{records})\s+(?:{people})\b")  # French apposition: "fichiers clients", "dossiers usagers"
    phrases = phrase_alternation(raw["phrases"])
    return tolerant_rx(tied, re.IGNORECASE), tolerant_rx(rf"\b(?:{phrases})\b", re.IGNORECASE)


_OWNER = (r"(?:(?:(?:de|des|du|of)\s+|d['’]\s*)(?:(?:la|le|les|l['’]|nos|notre|ses|leurs|leur|vos|votre|mes|the|our|its|their|your|all)\s+)?"
          r"(?:[\w-]+\s+)?)")


@lru_cache(maxsize=1)
def _raw() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _owner_only() -> re.Pattern:
    """A record noun of `owner_only_records` tied to a noun of people, in the forms `_patterns` reads."""
    raw = _raw()
    people, generic = phrase_alternation(raw["people"]), phrase_alternation(raw["owner_only_records"])
    # nothing between the record noun and its people, and no word qualifying the people: "dossiers RSA des
    # allocataires", "données de ses usagers des transports", "high-school pupils' records" say what the data are about
    owner = r"(?:(?:de|des|du|of)\s+|d['’]\s*)(?:(?:la|le|les|l['’]|nos|notre|ses|leurs|leur|vos|votre|mes|the|our|its|their|your|all)\s+)?"
    unqualified = r"(?!\s+(?:de|des|du|d['’]|of)\s*(?!(?:la|le|les|l['’]|ce|cette|notre|nos|son|sa|ses|leur|leurs|the|our|its|their)\b)[\w-]{3,})"
    return tolerant_rx(rf"\b(?:{generic})\s+{owner}(?:{people})\b{unqualified}"
                       rf"|\b(?:{people})['’]s?\s+(?:{generic})\b"
                       rf"|\b(?:{people})\s+(?:{generic})\b|\b(?:{generic})\s+(?:{people})\b{unqualified}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _identifiers() -> re.Pattern:
    raw = _raw()
    words = [w for kind in raw["identifiers"].values() for w in kind]
    return tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(words)})(?![\w-])", re.IGNORECASE)


def owner_named_records(question: str) -> str | None:
    """The words naming data only by whose they are ("les données de ses clients", "users' data"),
    or None. Their kind is unknown: personal, and perhaps health."""
    for m in _owner_only().finditer(question):
        before = re.findall(r"[\w'’-]+", question[:m.start()])[-1:]
        if before and before[0].casefold() not in _DETERMINERS:
            continue  # "high-school pupils' records", "transport users' data": the people are named by what the data are about
        return m.group(0)
    return None


_DETERMINERS = frozenset("""les des nos ses leurs leur vos votre notre mes de d' d’ du la le l' l’ aux à et ou
    our its their your the my his her all of and or a an to for on with""".split())


def identifier_spans(question: str) -> list[tuple[int, int]]:
    """(start, end) of each GDPR art. 4(1) identifier the question names ("noms", "badge numbers")."""
    return [m.span() for m in _identifiers().finditer(question)]


def without_spans(question: str, spans: list[tuple[int, int]]) -> str:
    """The question with these spans blanked (same length, so positions still hold)."""
    out = question
    for start, end in spans:
        out = out[:start] + " " * (end - start) + out[end:]
    return out


def names_staff(question: str) -> bool:
    """Whether the question names the body's own staff or suppliers (`staff`): their identifiers are no patients'."""
    return bool(tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(_raw()['staff'])})(?![\w-])", re.IGNORECASE).search(question))


_ITEMS = re.compile(r"\(([^()]{2,120})\)|:\s*([^.?!;:]{2,120})")


def itemised_identifiers(question: str) -> bool:
    """Whether the question itemises its data as identifiers only, in brackets or after a colon
    ("le module de prise de rendez-vous (noms, téléphones)"): the data are those identifiers."""
    for m in _ITEMS.finditer(question):
        items = m.group(1) or m.group(2)
        rest = _identifiers().sub(" ", items)
        if rest != items and not re.search(r"[^\W\d_]{3,}", re.sub(r"\b(?:et|and|ou|or|les|des|de|leurs?|their|its|ses|nos|our)\b", " ", rest, flags=re.I)):
            return True
    return False


@lru_cache(maxsize=1)
def _public() -> re.Pattern:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    words = phrase_alternation(raw["public"])
    return tolerant_rx(rf"\b(?:{words})\b", re.IGNORECASE)


def names_public_records(question: str) -> bool:
    """Whether the records about people are about members of the public (taxpayers, users,
    claimants…): what R9 (2021) calls "données personnelles des citoyens" (not the body's staff)."""
    tied, _ = _patterns()
    return any(_public().search(m.group(0)) for m in tied.finditer(question))


def names_people_records(question: str) -> bool:
    """Whether the question names records about people (personal data by GDPR art. 4(1))."""
    tied, phrases = _patterns()
    return bool(tied.search(question) or phrases.search(question))
