"""Whether a retrieved quote bears on a verdict or scope answer (round 9; replaces a keyword filter).

An eligibility or scope answer already quotes the passages its rules rest on; a retrieved quote
joins them when it names one of the answer's providers, or when the quote model judges it relevant
to the question: its score is at least the fitted relevance floor (`quote_model.yaml`
`min_relevance`, fitted on tuning questions only by `python -m eval.fit_relevance`). The model's
score already weighs the question's words, the sentence's e5 similarity and its passage's rank,
so a sentence that answers the question in words no list foresaw ("réviser annuellement la
politique de contrôle d'accès") is kept, and one that only shares a topic word ("SecNumCloud") is
not. Without a fitted floor, or for a score of the word scorer (an index without sentence
vectors: the service passes no floor then), every quote is kept; the composer's own rules apply.

It does not decide the order of the quotes, nor gate claims (`gate.py`), nor judge the rules'
own passages (`service._rests_a_rule` keeps those).
"""
from __future__ import annotations


def bears_on(score: float, sentence: str, providers: set[str], floor: float | None) -> bool:
    """Whether a quote scoring `score` bears on an answer about `providers` (empty for a scope answer)."""
    if floor is None or score >= floor:
        return True
    if not providers:
        return False
    from assistant.checker import mentions

    return any(p in providers for _, _, p, _ in mentions(sentence))
