"""Document titles in the answer's language: the product's own translation of a title written in the
other language (`assistant/data/document_titles.yaml`: English titles of the French documents, French
titles of the English ones), the document's own title otherwise.

A translated title is never passed off as the document's: `source_title` says it is the assistant's
translation and keeps the original next to it. A document without a translation in the answer's
language keeps its own title. Titles only: quotes and sections are the document's words.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TITLES_FILE = Path(__file__).parent / "data" / "document_titles.yaml"
TRANSLATED = {"en": "title translated by this assistant, not an official translation; original: « {title} »",
              "fr": "titre traduit par l'assistant, traduction non officielle ; original : « {title} »"}
TRANSLATED_SHORT = {"en": "title translated by this assistant", "fr": "titre traduit par l'assistant"}


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(TITLES_FILE.read_text(encoding="utf-8")) or {}


def _translations(lang: str) -> dict[str, str]:
    return _data().get("titles" if lang == "en" else "titles_fr") or {}


def written_in_english(doc_id: str) -> bool:
    """Whether the document's own text is English (the GDPR extracts)."""
    return doc_id in (_data().get("written_in_english") or ())


def title_in(doc_id: str, title: str, lang: str) -> str:
    """The document's title for an answer in `lang` (the short form, e.g. after "According to")."""
    return _translations(lang).get(doc_id, title)


def source_title(doc_id: str, title: str, lang: str, short: bool = False) -> str:
    """The title for a source list: a translation then the original, said as such
    (`short`: only said to be a translation, for a chat digest that links to the full answer)."""
    shown = title_in(doc_id, title, lang)
    if shown == title:
        return title
    return f"{shown} [{(TRANSLATED_SHORT if short else TRANSLATED)[lang].format(title=title)}]"
