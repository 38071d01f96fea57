"""Document titles in the answer's language: the corpus title in French answers, the product's own
English translation (`assistant/data/document_titles.yaml`) in English ones.

A translated title is never passed off as the document's: `source_title` says it is the assistant's
translation and keeps the original next to it. A document without an English entry keeps its title
(a document written in English). Titles only: quotes and sections are the document's words.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TITLES_FILE = Path(__file__).parent / "data" / "document_titles.yaml"
TRANSLATED = {"en": "title translated by this assistant, not an official translation; original: « {title} »"}


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(TITLES_FILE.read_text(encoding="utf-8")) or {}


def _english() -> dict[str, str]:
    return _data().get("titles") or {}


def written_in_english(doc_id: str) -> bool:
    """Whether the document's own text is English (the GDPR extracts)."""
    return doc_id in (_data().get("written_in_english") or ())


def title_in(doc_id: str, title: str, lang: str) -> str:
    """The document's title for an answer in `lang` (the short form, e.g. after "According to")."""
    return _english().get(doc_id, title) if lang == "en" else title


def source_title(doc_id: str, title: str, lang: str) -> str:
    """The title for a source list: in English, the translation then the original, said as such."""
    shown = title_in(doc_id, title, lang)
    if shown == title:
        return title
    return f"{shown} [{TRANSLATED[lang].format(title=title)}]"
