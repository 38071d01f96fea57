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


def phrase_alternation(words, *, either_number: bool = True) -> str:
    """A regular-expression alternation of phrases from a data file, longest first: the one way a
    data file's words are matched in a question (compile it with `re.I`). Both sides are read alike:
    an accent written on either side or on none ("etat civil" finds "état civil" and the reverse),
    any apostrophe, blanks and hyphens alike ("état-civil", "aide sociale" / "aide-sociale"), and a
    phrase of several words in either number ("liste électorale" finds "listes électorales",
    "procès-verbal" finds "procès-verbaux"). A single word is matched as written: its other number
    is often another word ("compte" / "comptes", "minute" / "minutes"), so a data file lists it.
    `either_number=False` keeps every word's number (names: "Google Docs", "AWS S3").

    >>> import re
    >>> bool(re.fullmatch(phrase_alternation(["listes électorales"]), "la liste electorale"[3:], re.I))
    True
    """
    return "|".join(_phrase_pattern(w, either_number) for w in sorted(set(words), key=len, reverse=True))


# Letters a French word may carry an accent on, with every accented form (both sides are read alike).
_ACCENT_CLASS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç", "y": "yÿ"}
# Words a phrase keeps in one number: articles, prepositions, negations ("accident du travail").
_FIXED_WORDS = frozenset("""de du des la le les l d un une au aux a à en et ou ni ne pas plus sans sur pour par avec
    of the an and or nor not no any in on for by with to at""".split())
_SEPARATOR = re.compile(r"([\s\-]+|['’])")


def _phrase_pattern(phrase: str, either_number: bool) -> str:
    parts = [p for p in _SEPARATOR.split(str(phrase).strip()) if p]
    several = either_number and sum(1 for p in parts if not _SEPARATOR.fullmatch(p)) > 1
    out = []
    for part in parts:
        if part in ("'", "’"):
            out.append("['’]")
        elif _SEPARATOR.fullmatch(part):
            out.append(r"[\s\-]+")
        else:
            out.append(_word_pattern(part, either_number=several))
    return "".join(out)


def _word_pattern(word: str, either_number: bool) -> str:
    """`word` with each letter in any accent; in a phrase, also in its other number (-s/-x, -al/-aux)."""
    stem, ending = word, ""
    folded = fold(word)
    if either_number and word.isalpha() and len(word) > 2 and folded not in _FIXED_WORDS:
        if folded.endswith("aux"):
            stem, ending = word[:-3], "(?:al|aux)"
        elif folded.endswith("al"):
            stem, ending = word[:-2], "(?:al|aux)"
        elif folded.endswith(("s", "x")):
            stem, ending = word[:-1], "[sx]?"
        else:
            ending = "[sx]?"
    return "".join(_letter_pattern(c) for c in stem) + ending


def _letter_pattern(char: str) -> str:
    base = fold(char)
    if base in _ACCENT_CLASS:  # in the letter's own case: a name matched case-sensitively ("Teams") keeps its capital
        forms = _ACCENT_CLASS[base].upper() if char.isupper() else _ACCENT_CLASS[base]
        return "[" + "".join(dict.fromkeys(char + forms)) + "]"
    if char in ("œ", "Œ"):
        return "(?:œ|oe)"
    return re.escape(char)
