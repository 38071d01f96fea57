"""`assistant.language.detect_language`: French or English from function words. The sets' `lang`
labels are the reference (every question of the retrieval and answer sets agrees with it)."""
from __future__ import annotations

import pytest
import yaml

from assistant.language import detect_language

from conftest import REPO_ROOT

SETS = ("eval/questions.yaml", "eval/strangers-tune.yaml", "eval/strangers.yaml", "eval/blind6/retrieval.yaml",
        "eval/blind5/answers.yaml", "eval/english7-fresh.yaml")


@pytest.mark.parametrize("text,lang", [
    ("will public servants get cloud training?", "en"),            # no article, no "the": "will"
    ("combien d'hebergeurs etaient certifies HDS en 2024 a peu pres ?", "fr"),   # no accent
    ("La loi SREN oblige-t-elle le Health Data Hub a quitter Azure ?", "fr"),   # "-t-elle" counts
    ("Puis-je héberger chez OVH ?", "fr"),
    ("should we move our patient records to the cloud", "en"),
])
def test_language_of_short_and_unaccented_questions(text, lang):
    assert detect_language(text) == lang


def test_the_sets_labels_agree_with_the_detector():
    wrong = []
    for path in SETS:
        data = yaml.safe_load((REPO_ROOT / path).read_text(encoding="utf-8"))
        for q in data["questions"] if isinstance(data, dict) else data:
            if isinstance(q, dict) and "lang" in q and detect_language(q["question"]) != q["lang"]:
                wrong.append((path, q["question"]))
    assert wrong == []
