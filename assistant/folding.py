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


def accent_tolerant(pattern: str) -> str:
    """A regular expression that also matches its accented letters written without accent
    ("données" finds "donnees", "[ée]tat" stays as it is): each accented letter outside a
    character class becomes a class of itself and its base letter, and inside a class its base
    letter is added. Text written with accents that the pattern spells without them is not
    covered (write the pattern with the accents).

    >>> accent_tolerant("sécurité")
    's[ée]curit[ée]'
    """
    out, in_class, escaped = [], False, False
    for char in pattern:
        base = _base_letter(char)
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif base is not None:
            out.append(char + base if in_class else f"[{char}{base}]")
        else:
            out.append(char)
    return "".join(out)


def _base_letter(char: str) -> str | None:
    """The letter without its accent ("é" -> "e"), or None for a letter without one."""
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and unicodedata.combining(decomposed[1]):
        return decomposed[0]
    return None


def tolerant_rx(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(accent_tolerant(pattern), flags)`: a question reader's pattern that also reads
    words typed without accents ("donnees de sante", "sensibilite particuliere")."""
    return re.compile(accent_tolerant(pattern), flags)


def phrase_alternation(words) -> str:
    """A regular-expression alternation of phrases from a data file, longest first, any apostrophe
    and any run of blanks between their words ("l'an dernier" finds "l’an  dernier")."""
    return "|".join(re.escape(w).replace("'", "['’]").replace(r"\ ", r"\s+")
                    for w in sorted(set(words), key=len, reverse=True))
