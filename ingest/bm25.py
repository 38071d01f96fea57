"""Lexical index: BM25 (bm25s) over French-stemmed, accent-folded tokens, saved to a folder.

Tokens: lower case; legal references kept whole (`l1111-8`, `19.6.c`, `r9`); French and
common English stop words dropped (`data/stopwords-fr.txt`, matched without accents); the
rest stemmed with Snowball French (`Stemmer.Stemmer("french")`) then folded to ASCII.
A query word unknown to the index but close to a known word (a typo: "secnumclud" ->
"secnumcloud") is replaced by that word; two query words whose concatenation is a known
word ("multi facteur") also count as that word.

This module does not embed, fuse or filter: it scores every chunk for a query.
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np

BM25_VERSION = "2"   # bump when tokens or parameters change: forces a rebuild of the index
STOPWORDS_FILE = Path(__file__).with_name("data") / "stopwords-fr.txt"
_TOKEN = re.compile(r"[a-z]*\d+(?:[.\-]\d+)*(?:\.[a-z](?![a-z]))?|[a-z]{2,}")
TYPO_CUTOFF = 0.82   # difflib ratio above which an unknown query word is read as a known one
REPAIRS_KEPT = 4096
_LEGAL_DOT = re.compile(r"\b([lrd])\.\s?(?=\d)")


class _NoCombining(dict):
    """`str.translate` table dropping combining characters, filled per character on first sight."""

    def __missing__(self, code: int):
        value = None if unicodedata.combining(chr(code)) else code
        self[code] = value
        return value


_NO_COMBINING = _NoCombining()


def fold(text: str) -> str:
    """Lower case without accents: `fold("Hébergé")` -> `"heberge"`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_NO_COMBINING).replace("œ", "oe").replace("æ", "ae")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer
    return Stemmer.Stemmer("french")


def words(text: str) -> list[str]:
    """Folded words and references of a text, stop words removed (before stemming)."""
    lowered = _LEGAL_DOT.sub(r"\1", text.lower())
    folded = fold(lowered)
    stops = stopwords()
    return [w for w in _TOKEN.findall(folded) if w not in stops]


def stem(word: str) -> str:
    if not word.isalpha():
        return word
    return fold(_stemmer().stemWord(word))


def _indel_prefilter(word: str, candidates: list[str]) -> list[str]:
    from rapidfuzz import fuzz, process
    cutoff = TYPO_CUTOFF * 100 - 1e-6
    return [m[0] for m in process.extract(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)]


class BM25Index:
    """BM25 scores of every chunk (by position) for a query."""

    def __init__(self, model, surface: dict[str, str]):
        self._model = model
        self._surface = surface            # folded word -> its stem, for typo repair
        self._by_length: dict[int, list[str]] = {}   # surface words by length, for typo repair
        for w in sorted(surface):
            self._by_length.setdefault(len(w), []).append(w)
        self._repairs: dict[str, str | None] = {}     # unknown query word -> its closest surface word

    @classmethod
    def build(cls, texts: list[str]) -> "BM25Index":
        import bm25s
        surface: dict[str, str] = {}
        corpus_tokens = []
        for text in texts:
            toks = []
            for w in words(text):
                s = surface.get(w)
                if s is None:
                    s = surface[w] = stem(w)
                toks.append(s)
            corpus_tokens.append(toks or [""])
        # b=0.3: chunks range from 15 to 350 words; a strong length penalty buried the long ones
        # (measured with eval/measure.py)
        model = bm25s.BM25(k1=1.2, b=0.3)
        model.index(corpus_tokens, show_progress=False)
        return cls(model, surface)

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self._model.save(str(folder), show_progress=False)
        (folder / "surface.json").write_text(json.dumps(self._surface, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        import bm25s
        folder = Path(folder)
        model = bm25s.BM25.load(str(folder), show_progress=False)
        surface = json.loads((folder / "surface.json").read_text(encoding="utf-8"))
        return cls(model, surface)

    @property
    def size(self) -> int:
        return int(self._model.scores["num_docs"])

    def vocabulary(self):
        """The indexed stems (a read-only mapping)."""
        return self._model.vocab_dict

    def query_tokens(self, query: str) -> list[str]:
        """Stems of the query, with unknown words replaced by their closest indexed word."""
        vocab = self._model.vocab_dict
        out = []
        query_words = words(query)
        for a, b in zip(query_words, query_words[1:]):
            # "multi facteur" in a question, "multifacteur" in the text
            if (a + b) in self._surface:
                out.append(self._surface[a + b])
        for w in query_words:
            s = self._surface.get(w) or stem(w)
            if s not in vocab and w.isalpha() and len(w) >= 5:
                close = self._closest(w)
                if close:
                    s = self._surface[close]
            if s in vocab:
                out.append(s)
        return out

    def _closest(self, word: str) -> str | None:
        """The surface word `difflib.get_close_matches(word, surface, n=1, cutoff=TYPO_CUTOFF)`
        gives, looked up only among the words whose length can reach the cutoff (difflib's own
        first filter, `real_quick_ratio` = 2·min(la, lb)/(la + lb)), so the match is the same;
        remembered per word, since the index never changes. Candidates are first narrowed with
        rapidfuzz's Indel ratio (2·LCS/(la + lb)), which is never below difflib's ratio (difflib's
        matching blocks are one common subsequence), so no word difflib would accept is dropped."""
        if word not in self._repairs:
            la = len(word)
            candidates = [w for lb, group in self._by_length.items()
                          if 2.0 * min(la, lb) / (la + lb) >= TYPO_CUTOFF for w in group]
            candidates = _indel_prefilter(word, candidates)
            close = difflib.get_close_matches(word, candidates, n=1, cutoff=TYPO_CUTOFF)
            if len(self._repairs) >= REPAIRS_KEPT:   # questions are open text: keep the memory bounded
                self._repairs.clear()
            self._repairs[word] = close[0] if close else None
        return self._repairs[word]

    def scores(self, query: str) -> np.ndarray:
        tokens = self.query_tokens(query)
        if not tokens:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores(tokens), dtype=np.float32)
