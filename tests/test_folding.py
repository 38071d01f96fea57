"""Properties of the one accent and case folding (`assistant/folding.py`)."""
from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from assistant.folding import fold, fold_key, fold_words

ACCENTED = {"a": "àâä", "c": "ç", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "y": "ÿ"}
plain_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -_'.,", max_size=40)
any_text = st.text(max_size=60)


@given(plain_text, st.randoms(use_true_random=False))
def test_accents_and_case_do_not_matter(plain, rnd):
    decorated = "".join(rnd.choice(ACCENTED[c]) if c in ACCENTED and rnd.random() < 0.5 else c for c in plain)
    decorated = "".join(c.upper() if rnd.random() < 0.3 else c for c in decorated)
    assert fold(decorated) == plain
    assert fold_words(decorated) == fold_words(plain)
    assert fold_key(decorated) == fold_key(plain)


@given(plain_text)
def test_curly_and_straight_apostrophes_fold_alike(plain):
    assert fold(plain.replace("'", "’")) == fold(plain)


@given(any_text)
def test_fold_is_idempotent_and_leaves_no_combining_mark(text):
    once = fold(text)
    assert fold(once) == once
    assert not any(unicodedata.combining(c) for c in once)
    assert fold(unicodedata.normalize("NFC", text)) == fold(unicodedata.normalize("NFD", text))


@given(any_text)
def test_fold_words_has_single_spaces_and_no_hyphen(text):
    words = fold_words(text)
    assert words == words.strip() and "  " not in words and "-" not in words and "_" not in words
    assert fold_words(words) == words


@given(any_text)
def test_fold_key_is_a_data_file_key(text):
    key = fold_key(text)
    assert all(c in "abcdefghijklmnopqrstuvwxyz0123456789_" for c in key)
    assert not key.startswith("_") and not key.endswith("_") and "__" not in key
    assert fold_key(key) == key
