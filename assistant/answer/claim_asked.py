"""Whether a question asks if someone's claim is right ("Mon collègue affirme que … A-t-il raison ?",
"Our vendor says … Is that true?", "Est-il vrai qu'un ministère ne peut pas … ?"), and what that claim
states, so that the first word answers the question asked: "Oui (exact : non éligible)" when the
claim says "cannot" and the checker finds the act not eligible, where the verdict's own word ("Non")
would read as "no, he is wrong".

The claim is read by the checker's claim reader (`assistant.checker.extract_claims`, the reader behind
`audit`); only an eligible / not-eligible claim about the provider of the verdict counts. A question
whose claim the reader does not read keeps the verdict's word. This module reads the question only;
the verdict is the checker's and does not change.

A claim about a registry fact ("Mon collègue dit qu'Oodrive n'est pas qualifié SecNumCloud. A-t-il
raison ?") is answered by the registry's yes / no on the fact; `fact_claim_word` turns it into whether
the claim is right, the claim being negated or not ("n'est pas qualifié", "isn't certified");
`scope_claim_word` does the same for a claim on a duty or on the doctrine's scope ("une mairie n'est pas
obligée de …"). A claim the reader reads "may" where its words say "cannot" is not trusted
(`prohibition.claims_a_ban`, which uses `reported_claims` and `denies_permission`, answers it).
Not read: claims about what a text says ("the decree only concerns local authorities", "the SREN law
dates from 2023"), and claims in the conditional, which the claim reader reads as no claim.
"""
from __future__ import annotations

import re

from assistant.answer import question_sentences
from assistant.folding import tolerant_rx

_I = re.IGNORECASE
# The words that ask whether a claim is right, in the sentence that carries the question.
_RIGHT = tolerant_rx(
    r"\b(?:a-t-(?:il|elle)\s+raison|ont-(?:ils|elles)\s+raison|(?:il|elle|ils|elles)\s+(?:a|ont)\s+raison|avez-vous\s+raison"
    r"|(?:est-ce|c['’]est)\s+(?:vrai|exact|juste|correct)|est-il\s+(?:vrai|exact)|vrai\s+ou\s+faux"
    r"|(?:is|are)\s+(?:that|this|it|he|she|they)\s+(?:right|true|correct|accurate)|(?:is|are)\s+(?:he|she|they)\s+correct"
    r"|true\s+or\s+false|(?:is|was)\s+(?:he|she|it)\s+right|do\s+you\s+agree"
    r"|(?:vrai|exact|juste|correct|right|true|accurate)\s*\?)", _I)
_STATED = ("eligible", "not_eligible")
# Words that report someone's claim ("Mon collègue affirme que", "Our vendor says"): the claim reader reads
# reported speech as no claim of the text's own, so the words after them are read as the claim.
_REPORTED = tolerant_rx(
    r"\b(?:affirm\w*|dit|disent|prétend\w*|assur\w*|soutien\w*|soutient|explique\w*|estime\w*|pense\w*|a\s+dit|a\s+affirmé|a\s+assuré"
    r"|a\s+écrit|écrit|répète\w*|jure\w*)\s+(?:que|qu['’])"
    r"|\b(?:says?|said|claims?|claimed|told\s+(?:\w+\s+){0,4}?that|tells?\s+(?:\w+\s+){0,4}?that|told\s+(?:us|me|them)|tells?\s+(?:us|me|them)|insists?|assures?\s+(?:us|me)|argues?|maintains?|writes?|wrote"
    r"|thinks?|believes?)(?:\s+that)?\b"
    # the claim asked about in the question itself: "Est-il vrai qu'un ministère ne peut pas …", "Is it true that …"
    r"|\b(?:est-il|est-ce|c['’]est)\s+(?:vrai|exact|juste)\s+(?:que|qu['’])|\b(?:is\s+it|it\s+is)\s+(?:true|right|correct)\s+that\b", _I)


# A claim that the act may not be done: "ne peut pas", "n'a pas le droit", "cannot", "is not allowed", "interdit".
_DENIED_PERMISSION = tolerant_rx(r"\bne\s+(?:peu[tx]|peuvent|pourr\w+|pouvons|pouvez)\s+pas\b|\bn['’](?:a|ont|avons|avez)\s+pas\s+le\s+droit\b"
                                 r"|\bn['’]est\s+pas\s+(?:autoris\w*|permis\w*|possible|conforme|[ée]ligible)\b"
                                 r"|\b(?:cannot|can['’]t|can\s+not|may\s+not|must\s+not|mustn['’]t)\b|\b(?:is|are)(?:\s+not|n['’]t)\s+(?:allowed|permitted|eligible|compliant)\b"
                                 r"|\binterdit\w*|\bforbidden\b|\bprohibited\b|\bbanned\b|\bill[ée]gal\w*", _I)


def denies_permission(claim: str) -> bool:
    """Whether the claim says the act may not be done ("… ne peut pas …", "… cannot …", "interdit")."""
    return bool(_DENIED_PERMISSION.search(claim))


def asks_if_right(question: str) -> bool:
    """Whether the sentence carrying the question asks if a claim is right or true."""
    parts = [question[a:b] for a, b in question_sentences.asking(question)] or [question]
    return any(_RIGHT.search(part) for part in parts)


def reported_claims(question: str) -> list[str]:
    """The words after each verb reporting someone's claim ("affirme que …", "says …", "Is it true that
    …"), said as statements (a "?" becomes "."); [] when the question reports no claim."""
    return [re.sub(r"\s*\?", ".", question[m.end():]).strip() for m in _REPORTED.finditer(question)]


def claim_stated(question: str, provider: str | None) -> str | None:
    """The verdict ("eligible" / "not_eligible") the question's quoted claim states about `provider`,
    when the question asks whether that claim is right; None otherwise (no such question, no claim
    read, claims about `provider` that disagree)."""
    if not provider or not asks_if_right(question):
        return None
    from assistant.checker import extract_claims
    claims = [c for text in [question, *reported_claims(question)] for c in extract_claims(text)]
    stated = {c.stated for c in claims if c.provider == provider and c.stated in _STATED}
    if stated == {"eligible"} and any(denies_permission(claim) for claim in reported_claims(question)):
        return None  # the claim reader read "may" where the claim says "cannot": not trusted (the ban frame answers)
    return stated.pop() if len(stated) == 1 else None


# A registry fact said negated in a claim: "n'est pas qualifié", "ne sont plus certifiés", "isn't HDS certified".
_NEGATED_FACT = tolerant_rx(
    r"(?:\bn['’]\w+|\bne\s+\w+)\s+(?:pas|plus|jamais)\s+(?:\S+\s+){0,2}?(?:qualifi\w*|certifi\w*|soumis\w*|HDS\b|SecNumCloud\b)"
    r"|\b(?:is|are|was|were|has|have)(?:n['’]t|\s+not|\s+never|\s+no\s+longer)\s+(?:\S+\s+){0,2}?(?:qualified|certified|subject|HDS\b|SecNumCloud\b)"
    r"|\bnot\s+(?:\S+\s+)?(?:qualified|certified|subject\s+to)", _I)


# A duty or a scope said negated in a claim: "n'est pas obligée de", "ne sont pas tenues", "ne s'applique pas",
# "are not bound by", "doesn't apply", "don't have to".
_NEGATED_DUTY = tolerant_rx(
    r"(?:\bn['’]\w+|\bne\s+(?:s['’])?\w+)\s+(?:pas|plus|nullement|aucunement)\s+(?:\S+\s+){0,1}?(?:oblig\w*|tenu\w*|soumis\w*|concern\w*|à\b|de\b)"
    r"|\bn['’]\w+\s+pas\s+à\b|\bne\s+s['’]appliqu\w*\s+pas\b"
    r"|\b(?:is|are|was|were)(?:n['’]t|\s+not|\s+no\s+longer)\s+(?:\S+\s+){0,1}?(?:bound|required|obliged|subject|covered|concerned)"
    r"|\b(?:do|does|did)(?:n['’]t|\s+not)\s+(?:have\s+to|need\s+to|apply)", _I)


# Any grammatical negation of a claim ("ne peut jamais être", "n'est pas tenue", "cannot", "is not"), not
# the words of a ban ("interdit"): a claim that something is forbidden states the ban, it does not deny.
_NEGATED_CLAIM = tolerant_rx(
    r"\bne\s+(?:\S+\s+){1,2}?(?:pas|plus|jamais|nullement|aucunement|aucune?|rien)\b|\bn['’]\S+\s+(?:pas|plus|jamais|aucune?|rien)\b"
    r"|\b(?:cannot|can['’]t|never|not|isn['’]t|aren['’]t|doesn['’]t|don['’]t|won['’]t|mustn['’]t|wasn['’]t)\b", _I)


def claim_negated(claim: str) -> bool:
    """Whether a claim is said negated ("… ne peut jamais être assuré …", "… n'est pas tenue …", "is not")."""
    return bool(_NEGATED_CLAIM.search(claim) or _NEGATED_DUTY.search(claim) or _NEGATED_FACT.search(claim))


def fact_claim_word(word: str | None, question: str) -> str | None:
    """The first word of a registry-fact answer: "right" / "wrong" when the question asks whether a claim
    on the fact is right (the registry's "yes" rights a claim said plainly and wrongs one said negated),
    else `word` ("yes", "no", "depends" or None) unchanged."""
    return _claim_word(word, question, _NEGATED_FACT)


def scope_claim_word(word: str | None, question: str) -> str | None:
    """The first word of a scope or obligation answer ("yes": bound, "no": not bound), turned into whether
    the claim the question asks about is right ("Mon DSI dit qu'une mairie n'est pas obligée de … A-t-il
    raison ?": "right"); `word` unchanged when the question asks about no claim."""
    return _claim_word(word, question, _NEGATED_DUTY)


def _claim_word(word: str | None, question: str, negation: re.Pattern) -> str | None:
    if word not in ("yes", "no") or not asks_if_right(question):
        return word
    negated = bool(negation.search(question))
    return "right" if (word == "yes") != negated else "wrong"
