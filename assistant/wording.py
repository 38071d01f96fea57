"""The product's words for its own values, in one place for every channel and command:
verdict labels, rule statuses, customer types, data kinds, confidence of documents and facts,
document kinds and completeness, dates written out, and the disclaimer, French and English.

The words are data: `assistant/data/labels.yaml`; this module reads it once and gives the
tables and a few helpers. Labels only: nothing here decides anything, the wording of rules
stays in `assistant/checker/data/rules.yaml`, and sentence building stays with each renderer.

>>> verdict_label("not_eligible", "fr"), verdict_word("not_eligible", "fr")
('Non éligible', 'non éligible')
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

LABELS_FILE = Path(__file__).parent / "data" / "labels.yaml"
_TABLE = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))

VERDICT_LABELS: dict = _TABLE["verdict"]
ANSWER_WORDS: dict = _TABLE["answer_word"]
FORBIDDEN_ANSWER_WORDS: dict = _TABLE["forbidden_answer_word"]
CLAIM_ANSWER_WORDS: dict = _TABLE["claim_answer_word"]
RULE_STATUS: dict = _TABLE["rule_status"]
CUSTOMER_NAMES: dict = {k: v for k, v in _TABLE["customer"].items() if k != "unstated"}
CUSTOMER_UNSTATED: dict = _TABLE["customer"]["unstated"]
DATA_NAMES: dict = {k: v for k, v in _TABLE["data"].items() if k != "unstated"}
DATA_UNSTATED: dict = _TABLE["data"]["unstated"]
CONFIDENCE_LABELS: dict = _TABLE["confidence"]
FACT_CONFIDENCE: dict = _TABLE["fact_confidence"]
FACT_NAMES: dict = _TABLE["fact"]
KINDS: dict = _TABLE["kind"]
COMPLETENESS: dict = _TABLE["completeness"]
YES_NO: dict = {True: _TABLE["yes_no"]["yes"], False: _TABLE["yes_no"]["no"], None: _TABLE["yes_no"]["unknown"]}
DISCLAIMER: dict = _TABLE["disclaimer"]
DECISION_DISCLAIMER: dict = _TABLE["decision_disclaimer"]
LATER_TEXT: dict = _TABLE["later_text"]
COLON: dict = _TABLE["colon"]
MONTHS: dict = {lang: tuple(names) for lang, names in _TABLE["months"].items()}
MONTHS_FR = MONTHS["fr"]


def label(table: dict, key, lang: str = "fr") -> str:
    """`label(VERDICT_LABELS, "eligible")` -> "Éligible"; an unknown key is returned as given."""
    entry = table.get(key)
    return entry[lang] if entry else str(key if key is not None else "")


def verdict_label(verdict: str | None, lang: str = "fr") -> str:
    """The verdict as a heading: `verdict_label("eligible")` -> "Éligible"."""
    return label(VERDICT_LABELS, verdict, lang)


def verdict_word(verdict: str | None, lang: str = "fr") -> str:
    """The same word inside a sentence: `verdict_word("eligible", "en")` -> "eligible"."""
    text = verdict_label(verdict, lang)
    return text[:1].lower() + text[1:]


def confidence_label(value: str | None, lang: str = "fr") -> str:
    """The words shown next to a passage or citation whose text is not the official wording:
    `confidence_label("press")` -> "cité par la presse"; "" for `official` (or no value).

    >>> confidence_label("draft", "en")
    'draft, not enacted'
    """
    entry = CONFIDENCE_LABELS.get(value or "official")
    return entry["en" if lang == "en" else "fr"] if entry else ""


def later_text_note(written: str, as_of: str, lang: str = "fr") -> str:
    """The note on a quote from a text dated after the question's date ("Texte postérieur à la
    date de la question : daté du 21 mai 2024, il n'existait pas au 1 janvier 2022.")."""
    if lang == "fr":
        return LATER_TEXT["note"]["fr"].format(written=french_date(written), as_of=french_date(as_of))
    return LATER_TEXT["note"]["en"].format(written=written, as_of=as_of)


def is_later_text_note(note: str | None) -> bool:
    """Whether a citation's note is the later-text note (in either language)."""
    return bool(note) and any(note.startswith(LATER_TEXT["note"][lang].split(":")[0]) for lang in ("fr", "en"))


def french_date(iso: str | None) -> str:
    """`2021-09-28` -> `28 septembre 2021`; anything else is returned as given."""
    try:
        day = dt.date.fromisoformat(str(iso))
    except ValueError:
        return str(iso or "")
    return f"{day.day} {MONTHS_FR[day.month - 1]} {day.year}"


def clip(text: str, limit: int) -> str:
    """Cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


_DE_VOWEL = re.compile(r"\bde ([AEIOUÉÈÊaeiouéèê])")


def elide(text: str) -> str:
    """French elision of "de" before a name opening with a vowel, in a sentence this assistant
    writes (never in a quote): "l'offre de Amazon Web Services" -> "l'offre d'Amazon Web Services".

    >>> elide("Quelle offre de OVHcloud ? de Google")
    "Quelle offre d'OVHcloud ? de Google"
    """
    return _DE_VOWEL.sub(r"d'\1", text)


def fact_name(name: str | None, lang: str = "fr") -> str:
    """A checker fact in words: `hds_certified` -> "certifié HDS"; unknown names lose their underscores."""
    entry = FACT_NAMES.get(name or "")
    return entry[lang] if entry else str(name or "").replace("_", " ")


def month_date(value: str | None) -> str:
    """`2018-11` -> `novembre 2018`, `2021-09-28` -> `28 septembre 2021`, else as given."""
    text = str(value or "")
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
        return f"{MONTHS_FR[int(text[5:]) - 1]} {text[:4]}"
    return french_date(text)
