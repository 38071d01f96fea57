"""The corpus builder's pieces on small inputs: markup rendered to text, collectors' notes taken
out (and returned for the sidecar), a diff's old side, and the guard against added words."""
from __future__ import annotations

import sys

import pytest

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "scripts"))

from build_corpus import check_words_come_from, old_side_of_diff, split_header  # noqa: E402
from corpus_render import render  # noqa: E402


def test_markup_becomes_text_and_notes_are_returned():
    raw = """---
title: 'La doctrine de l''État'
date: 2021-07-08
---

<h3 style="margin-top:-20px">Périmètre</h3>

**Quel est le champ d’application ?**

Voir **la doctrine** et [la circulaire](https://www.legifrance.gouv.fr/x) &nbsp;!
* une solution SaaS ;
- une autre.

| Coût | Contrôle |
| --- | --- |
| 1 M€ | DINUM |

[timeline boxes, text only:]
[... the remainder of the FAQ page is omitted as not regulatory ...]
"""
    out = render(raw)
    assert out.title == "La doctrine de l'État"
    assert out.text.startswith("### Périmètre\n\n#### Quel est le champ d’application ?")
    assert "Voir la doctrine et la circulaire \xa0!" in out.text
    assert "• une solution SaaS ;\n• une autre." in out.text
    assert "| --- |" not in out.text and "| 1 M€ | DINUM |" in out.text
    for mark in ("**", "<h3", "style=", "](", "title:", "[timeline", "[..."):
        assert mark not in out.text, mark
    assert out.notes == ["[timeline boxes, text only:]",
                         "[... the remainder of the FAQ page is omitted as not regulatory ...]"]


def test_collectors_cuts_end_a_paragraph_and_a_quotations_own_elision_stays():
    out = render("Premier fragment. [...]\n[...] Second fragment.\n« sur support […] donne lieu »")
    assert out.text == "Premier fragment.\n\nSecond fragment.\n« sur support […] donne lieu »"


def test_a_replacement_that_does_not_apply_is_an_error():
    with pytest.raises(ValueError, match="not found"):
        render("texte", replace=(("absent", "x"),))


def test_old_side_of_a_diff_without_prefixes_or_new_lines():
    diff = ("###### Article L1111-8\n-Toute personne qui héberge\n+I.-Toute personne qui héberge\n"
            "des données, doit être agréée à cet effet. Cet hébergement\n-est réalisé.\n-Les traitements\n-sont faits")
    assert old_side_of_diff(diff) == ("###### Article L1111-8\n\nToute personne qui héberge des données, doit être "
                                      "agréée à cet effet. Cet hébergement est réalisé.\n\nLes traitements sont faits")


def test_an_added_or_reordered_word_is_refused():
    check_words_come_from("Toute personne héberge", "Toute personne qui héberge des données", "x")
    check_words_come_from("loi SREN.", "loi SREN1.", "x")   # a footnote mark glued to a word may go
    with pytest.raises(SystemExit, match="'certifiée'"):
        check_words_come_from("doit être certifiée", "doit être agréée", "x")
    with pytest.raises(SystemExit):
        check_words_come_from("héberge personne", "personne héberge", "x")


def test_source_headers_are_split_off():
    header, body = split_header("<!--\nsource_type: web page\n-->\n\n# Titre\n")
    assert header == "source_type: web page" and body == "# Titre\n"
    header, body = split_header("Source-URL: https://x.fr\nRetrieved: copy\n---\nTexte.\n")
    assert header.startswith("Source-URL:") and body == "Texte.\n"
