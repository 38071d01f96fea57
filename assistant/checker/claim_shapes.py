"""Claim shapes: three structural readings of a claim that the clause rules of `assertions` do not see.

- **An answered polar question** (`answered`): a question on a provider's use followed, in the same statement, by an
  answer particle ("Le CHU peut-il loger … sur X ? Jamais de la vie.", "Can the ministry put … on X — certainly
  not.", "X pour la clinique — est-ce permis ? Oui."). The question is read as the assertion it asks about (its
  predicate's polarity and negations, permission when it has no predicate: a polar question on a use asks whether
  the use is allowed); a yes answer states it, a no answer states its contrary.
- **A verdict slot filled by an answer** (`answered` too): a topic naming a provider, then a colon, a "|" cell or a
  verb of saying, then a bare answer ("Bottom line on X for …: yes.", "X | yes | …", "the lawyer said yes").
- **A topic taken up by a pronoun** (`taken_up`, round 22): "X ?" then a sentence whose modal of permission or duty
  has the pronoun standing for X as its object ("AWS Cloud? The operator of the State may not touch it …").
- **A report judged by its writer** (`report_judgement`): a last clause that rejects ("…, ce qui est faux",
  "; c'est inexact", "…, which is wrong") or endorses ("…, et il a raison", "…, and we agree") what the sentence
  reports; the report is read without it, and a rejection turns its polarity.

Words: `data/claim_shapes.yaml` (answer particles, verbs of saying, judgements of a report, with their sources).
This module finds shapes and their offsets only; it does not find providers, customers or data (`claims` does), and
a question with no answer stays a question.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.checker.assertions import negations, non_assertion, predicate
from assistant.datafile import read_yaml

SHAPES_FILE = Path(__file__).with_name("data") / "claim_shapes.yaml"
_I = re.IGNORECASE
_END = r"(?=\s*(?:$|[,.;:!?|—–)]|\s-\s))"  # a particle ends its phrase: punctuation, a cell, a dash or the end


@dataclass(frozen=True)
class Answered:
    """A question (or topic) and its answer: `topic` = (start, end) of the part asked about, `stated` its verdict."""
    topic: tuple[int, int]
    stated: str


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    raw = read_yaml(SHAPES_FILE, "the claim shapes file") or {}
    ans = raw["answers"]
    alt = lambda words: "(?:" + "|".join(words) + ")"  # noqa: E731
    yes, no, neg, not_after = (alt(ans[k]) for k in ("assent", "denial", "negated", "not_after"))
    particle = (rf"^[\s—–-]*(?:(?P<yes>{yes})(?:\s*,?\s*(?P<neg>{neg})\b)?|(?P<no>{no}))\b(?!\s+{not_after}\b)")
    verbs = alt(raw["answer_verbs"])
    judged = raw["report_judgements"]
    return {
        "particle": re.compile(particle + _END, _I),
        # a verdict slot: a colon, a "|" cell or a verb of saying, then the answer
        "slot": re.compile(rf"(?:\s*[:|]\s*|\s+{verbs}\s+)(?=[\s—–-]*(?:{yes}|{no})\b)", _I),
        # a question's end: "?" or a dash after an inverted question ("… — oui")
        "inverted": re.compile("|".join(raw["inverted_question"]), _I),
        "cut": re.compile(r"\?\s*|\s+[—–]\s+|\s+-\s+"),
        "complementiser": re.compile(r"\b(?:que\s+|qu['’]\s*|that\s+)", _I),
        "rejected": re.compile("(?:" + "|".join(judged["rejected"]) + r")\s*[.!]?\s*$", _I),
        "endorsed": re.compile("(?:" + "|".join(judged["endorsed"]) + r")\s*[.!]?\s*$", _I),
        "taken_up": re.compile("|".join(raw["taken_up"]), _I),
    }


def answer(text: str) -> str | None:
    """"yes" / "no" when `text` opens with an answer particle ending its phrase ("Oui, sans hésiter", "Jamais de la
    vie.", "certainly not", "yes"), else None ("Non seulement …", "No rule blocks …")."""
    m = _patterns()["particle"].search(text)
    if not m:
        return None
    return "no" if m.group("no") or m.group("neg") else "yes"


def _asked(question: str) -> str:
    """The polarity a polar question asks about: its predicate's, turned by its negations; permission with none."""
    pred = predicate(question)
    base = "permit" if pred is None else pred.polarity
    if negations(question) % 2:
        base = "forbid" if base == "permit" else "permit"
    return "eligible" if base == "permit" else "not_eligible"


def _verdict(question: str, said: str) -> str:
    asked = _asked(question)
    return asked if said == "yes" else ("not_eligible" if asked == "eligible" else "eligible")


def answered(sentence: str) -> Answered | None:
    """The answered question or filled verdict slot of `sentence` (see the module), or None. The answer must be the
    sentence's last part: nothing after it but words that name no second question."""
    pats = _patterns()
    for m in pats["cut"].finditer(sentence):
        head, rest = sentence[:m.start()], sentence[m.end():]
        said = answer(rest)
        if said is None or "?" in rest:
            continue
        # the part before the answer must be a question: closed by "?", or an inverted question before a dash
        if m.group().strip() != "?" and not pats["inverted"].search(head):
            continue
        if non_assertion(head.rstrip() + " ?") != "question":
            continue
        return Answered((0, m.start()), _verdict(head, said))
    m = pats["slot"].search(sentence)
    if m and "?" not in sentence:
        said = answer(sentence[m.end():])
        if said is not None:
            return Answered((0, m.start()), _verdict(sentence[:m.start()], said))
    return None


def taken_up(after: str) -> str | None:
    """Round 22: the verdict a sentence gives on a topic put as a question just before it, when it takes the topic up
    as the object pronoun of a modal of permission or duty ("The operator of the State may not touch it …", "Le CHU
    ne doit pas y toucher …"): `eligible`, turned by the sentence's negations, else None. `after`: the sentence
    after the topic; finding the topic is the caller's."""
    if "?" in after or not _patterns()["taken_up"].search(after):
        return None
    return "not_eligible" if negations(after) % 2 else "eligible"


def report_judgement(sentence: str) -> tuple[int, str] | None:
    """(offset where the judging clause starts, "rejected" / "endorsed") when the sentence ends on a judgement of
    what it reports ("…, ce qui est tout simplement faux.", "…, and we agree."), else None."""
    pats = _patterns()
    for kind in ("rejected", "endorsed"):
        m = pats[kind].search(sentence)
        if m and m.start() > 0:
            return m.start(), kind
    return None


def reported_from(head: str) -> int | None:
    """Where the content of a report starts in `head` (after its first "que" / "qu'" / "that"), or None."""
    m = _patterns()["complementiser"].search(head)
    return m.end() if m else None
