"""Which of the hosts a question names it asks about, and which it names only as the setting.

"Notre ministère utilise déjà OVH pour son site web. Nous voulons mettre nos données sensibles sur
Azure. Est-ce permis ?" asks about Azure; OVH is the setting. Two readings, both structural:

1. **The question's sentence.** When the sentences that carry a question mark name a host, only the hosts
   named there are asked about; when they name none ("… Est-ce permis ?", "Can we?"), the hosts of the
   last sentence before them that names one are. Without a question mark, the last sentence is the
   question's.
2. **Hosts set aside or left**, within those: a host right after words of `asked_hosts.yaml`'s `before`
   ("pas sur", "plutôt que", "leaving", "already on"), or after a verb of being there (`present`: "are on")
   and followed in its clause by a word of `after` ("today", "actuellement"), is the setting, as long as
   another host is left to ask about.

A question naming one host, or whose hosts are all in its question sentence and none set aside ("OVH et
Azure : lequel … ?", "PREMI3NS or Azure: which one?"), is unchanged. This module reads mentions found by
`question.provider_mentions`; it does not find names, read data or decide anything.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from assistant.answer import question_sentences
from assistant.datafile import read_yaml
from assistant.folding import fold

_DATA = Path(__file__).with_name("asked_hosts.yaml")
# between a marker and the host: an article, "le cloud de", "the", "our" …
_FILLER = r"(?:\s+(?:le|la|les|l'|du|de|des|d'|the|a|an|our|notre|nos|son|sa|ses|their|its|cloud|offre|offer))*\s*"


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    raw = read_yaml(_DATA, "the asked-hosts file")
    words = {key: "|".join(re.escape(fold(w)) for w in sorted(raw[key], key=len, reverse=True)) for key in ("before", "present", "after")}
    return (re.compile(rf"(?:^|[^\w'])(?:{words['before']}){_FILLER}$"),
            re.compile(rf"(?:^|[^\w'])(?:{words['present']}){_FILLER}$"),
            re.compile(rf"^[^,;:.?!]{{0,40}}?\b(?:{words['after']})(?![\w'])"))


def _in(span: tuple[int, int], mention: tuple) -> bool:
    return span[0] <= mention[0] < span[1]


def _set_aside(text: str, mention: tuple) -> bool:
    before, present, after = _markers()
    start, end = mention[0], mention[1]
    head = fold(text[max(0, start - 60):start]).replace("’", "'")
    tail = fold(text[end:end + 60]).replace("’", "'")
    return bool(before.search(head) or (present.search(head) and after.search(tail)))


def asked(question: str, found: list[tuple]) -> list[tuple]:
    """The mentions (start, end, provider, offer) of `found` the question asks about, in order."""
    if len({(m[2], m[3]) for m in found}) < 2:
        return found
    sentences = question_sentences.sentences(question)
    asking = question_sentences.asking(question)
    chosen = [m for m in found if any(_in(s, m) for s in asking)]
    if not chosen:
        first_asking = asking[0][0]
        before = [s for s in sentences if s[1] <= first_asking and any(_in(s, m) for m in found)]
        chosen = [m for m in found if before and _in(before[-1], m)] or found
    kept = [m for m in chosen if not _set_aside(question, m)]
    return kept or chosen
