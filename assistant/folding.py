"""Accent and case folding: the one way the product compares French words written with or
without accents, in upper or lower case, with a straight or a curly apostrophe.

    >>> fold("Hébergé L’ÉTAT")
    "heberge l'etat"
    >>> fold_words("  Cloud-de  Confiance_")
    'cloud de confiance'
    >>> fold_key("Données fiscales")
    'donnees_fiscales'

`fold` keeps every other character (spaces, punctuation, digits) as it is; `fold_words` also
makes runs of blanks, hyphens and underscores one space (alias matching); `fold_key` keeps
only letters and digits joined by "_" (keys of data files). Not a tokenizer and no stemming:
the BM25 index has its own analyser (`ingest/bm25.py`).
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans("’‘ʼ", "'''")


def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe."""
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def fold_words(text: str) -> str:
    """`fold`, with blanks, hyphens and underscores made single spaces, trimmed."""
    return re.sub(r"[\s\-_]+", " ", fold(text)).strip()


def fold_key(text: str) -> str:
    """`fold`, with every run of characters other than a-z and 0-9 made one "_", trimmed."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")
