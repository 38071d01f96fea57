"""Whether a yes/no question asks if an act is forbidden ("Est-il interdit de … ?", "Isn't it prohibited
to … ?"), so that its first word answers that question and not the opposite one.

"Is it forbidden for a ministry to put particularly sensitive data on AWS Cloud?" asks about the ban: its
answer is "Yes (forbidden: not eligible)", where a first word taken from the verdict alone would say
"No (not eligible)", which reads as "no, it is not forbidden". A question that asks about the
permission, negated or not ("Isn't a clinic allowed to …?", "N'a-t-il pas le droit de … ?", "Can we …
or is it forbidden?"), keeps the verdict's own word. This module reads the question only; the verdict
is the checker's and does not change.
"""
from __future__ import annotations

import re

from assistant.answer.claim_asked import asks_if_right, denies_permission, reported_claims
from assistant.folding import tolerant_rx

_I = re.IGNORECASE
# Words of a ban (an English negated permission counts: "is a clinic not allowed to"; the French "n'est-il pas
# autorisé" is the negated question "isn't it allowed", and "Isn't X allowed" is not matched either).
_BAN = tolerant_rx(r"\binterdit\w*|\bd[ée]fendu\w*|\bprohib\w*|\bforbidden\b|\bbanned\b|\bill[ée]ga\w*|\bunlawful\b"
                   r"|\bnot\s+(?:allowed|permitted|authori[sz]ed)\b", _I)
# Words asking for the permission itself: the question is the usual one, whatever ban it also names.
_PERMISSION = tolerant_rx(r"\bpeu(?:t|vent)\b|\bpouv\w+|\bpourr\w+|\bpuis\b|\ble\s+droit\b|\bcan\b|\bcould\b|\bmay\b"
                          r"|(?<!not\s)\b(?:allowed|permitted)\b|(?<!pas\s)\b(?:autoris\w*|permis)\b|\bpossible\b|\bok\b", _I)


# Round 21: someone's claim that the act may not be done, then "is that right?" ("Le DSI prétend que notre
# clinique ne peut pas … Est-ce vrai ?", "Our vendor says a ministry cannot … Is that true?") asks whether
# the ban holds: "Non (pas interdit : éligible)" where the verdict's own word "Oui (éligible)" would read
# as "yes, he is right". A claim that it may be done keeps the verdict's word ("… peut … A-t-il raison ?"
# → "Non (non éligible)"). The report and the "is it true" are read by `claim_asked`; a claim its claim reader
# reads is answered by `claim_asked` first ("Non (inexact : éligible)"), this ban frame is the fallback.


def claims_a_ban(question: str) -> bool:
    """Whether the question reports someone's claim that the act may not be done and asks if it is true."""
    return asks_if_right(question) and any(denies_permission(claim) for claim in reported_claims(question))


def asks_if_forbidden(question: str) -> bool:
    """Whether the question asks if the act is forbidden (a ban word, no word asking for the permission),
    or asks whether a claimed ban is true."""
    return (bool(_BAN.search(question)) and not _PERMISSION.search(question)) or claims_a_ban(question)
