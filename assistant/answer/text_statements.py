"""Yes/no questions about what a text says ("Is a trusted offer always mandatory…?", "Can our host
reuse the health data…?", "Le décret reprend-il les exigences… ?"), answered from the decisive
sentence of the texts: the sentence that states, denies or limits the question's proposition.

`statements(chunks, documents)` reads every quotable sentence (`sentences.py`) of the corpus
documents and keeps those a marker of `text_statements.yaml` finds, with the marker's kind: a thing
not required ("n'est pas systématiquement obligatoire", "shall not require", "ne suffit pas"), a
prohibition ("l'interdiction pour l'Hébergeur d'utiliser", "shall not", "aucun accès … n'est
autorisé"), a denial ("does not adopt", "n'atteste pas", "sans perdre"), a condition ("Oui, s'il
s'agit…", "ne s'applique qu'aux"), a duty of any subject ("La déclaration d'applicabilité doit…"),
a permission ("peut", "may", "allows"), an inclusion ("including in electronic form", "should
include … a number … assigned"). A clause of an over-long sentence takes its sentence's inclusion
(recital 35's "This includes …; a number, symbol or particular…").

`answer(question, candidates, cosines, as_of, lang, documents)` takes, among the candidates whose
kind gives a word to the question's modality (a duty answers "must?", not "may?"), the closest to
the question (e5 cosine of the index, bare or in context, the higher) when it is at least FLOOR and
no candidate of another document within DISTINCT gives another word; its first word comes from the
table of kinds and question modalities of the data file, only when:
- the question asks yes or no and is not itself negated (a negated question gets no word);
- a "yes" (duty, permission, inclusion) rests on a sentence at least YES_FLOOR close, and never
  answers a question asking about every case ("always", "systématiquement");
- a "no" rests on a sentence at least NO_FLOOR close (0.87 for "not required", 0.89 otherwise).
Otherwise the answer says the texts do not settle the question directly and quotes that sentence
first (`key` None). It invents no words of a text: the quote is the sentence, doc.text[start:end],
and the reason names only the document it comes from. It does not read verdicts, duties of named
actors (text_duties.py) nor obligations (obligations.yaml): the service asks it only when none of
those answered. Nothing is answered without sentence vectors.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answer.obligations import _NEGATED, asks_yes_no, modality
from assistant.checker import Basis
from assistant.folding import fold

_DATA = Path(__file__).with_name("text_statements.yaml")
# e5 cosine (question / sentence, bare or in context) at or above which a sentence is quoted first
# as the closest decisive sentence; chosen on the tuning part of eval/text20-fresh.yaml and the
# spent sets (blind16, blind17), never on a test part.
FLOOR = 0.86
# ... at or above which it gives "no" / "yes". A "no" from a prohibition or a denial needs as much as a
# "yes": those sentences are many (74) and about many things, and between 0.87 and 0.89 they answered
# four spent blind16 questions a wrong "No" (62, 69, 75, 80: "ne peut être postérieure", "does not
# adopt", "ne se substitue pas", "shall be prohibited" of other propositions); a sentence saying a
# thing is not required (7 in the corpus) answers from 0.87.
NO_FLOOR = {"no_requirement": 0.87}
NO_FLOOR_OTHER = 0.89
YES_FLOOR = 0.89
# The closest sentence answers only when it stands at least DISTINCT above the closest sentence
# of ANOTHER document that would give another first word (two texts saying different things about
# the question leave it unsettled).
DISTINCT = 0.01
# A "no" read here replaces the answer of an obligations.yaml entry matched by its wording (a "yes"
# or no word) only from a sentence at least this close.
OVERRIDE = 0.87
# The kinds whose "no" may replace an entry's "yes" (the entry stays unless a text says the thing is
# not required): a prohibition or a denial of something else read as "no" turned right "yes" answers
# wrong (duties-fresh8 d8-02: "le presta doit-il nous filer un coup de main … ?" met SecNumCloud's "ne
# doivent en aucun cas être accessibles" at 0.879; obligations-fresh6 ob6-08 an op-ed's "n'est pas
# conforme").
CONTRADICTS_YES = ("no_requirement",)
# Weight of the share of the question's content words a sentence holds (`overlap`), added to its
# cosine to choose among the sentences at or above FLOOR (a clause of recital 35 naming "a number …
# assigned … to uniquely identify" before its first clause).
LEX = 0.05


@dataclass(frozen=True)
class Statement:
    doc_id: str
    start: int
    end: int
    kind: str


@dataclass
class StatementAnswer:
    key: str | None
    why: str
    bases: list[Basis]
    statement: Statement
    score: float


@lru_cache(maxsize=1)
def data() -> dict:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    for m in raw["markers"]:
        m["rx"] = re.compile(m["pattern"])
    raw["every_rx"] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in raw["every_case"]) + r")\b")
    raw["every_said_rx"] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in raw["every_case_said"]) + r")\b")
    return raw


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text).replace("’", "'").replace("`", "'")).strip()


# A leading clause of condition closed by a comma ("Si vous pensez que le cloud n'est pas pour votre
# projet, contactez-nous", "Lorsque les données … sont hébergées …, le recours … n'est pas …"): what
# it says is the case the sentence speaks of, not what the sentence states; markers are read after it.
_LEADING_CONDITION = re.compile(r"^(?:si|s'il|s'ils|lorsque|lorsqu'\w+|quand|if|when|where|whenever)\b[^,;:]*,\s*")


def kind_of(text: str) -> str | None:
    """The kind of the first marker found in a sentence (after a leading clause of condition), or None."""
    folded = _LEADING_CONDITION.sub("", _folded(text), count=1)
    return next((m["kind"] for m in data()["markers"] if m["rx"].search(folded)), None)


def statements(chunks, documents: dict) -> list[Statement]:
    """The marked sentences of the corpus documents (see the module docstring)."""
    from assistant.answer.sentences import sentences, whole_unit

    skip = set(data()["skip_documents"])
    out: list[Statement] = []
    seen: set[tuple[str, int, int]] = set()
    for c in chunks:
        if c.doc_id in skip or c.doc_id not in documents:
            continue
        text = documents[c.doc_id].text
        for s in sentences(c):
            key = (c.doc_id, s.start, s.end)
            if key in seen:
                continue
            seen.add(key)
            kind = kind_of(text[s.start:s.end])
            if kind is None:  # a clause of a long sentence: the sentence's inclusion ("This includes …; a number …")
                a, b = whole_unit(text, s.start, s.end, limit=len(text))
                if (a, b) != (s.start, s.end) and kind_of(text[a:b]) == "inclusion":
                    kind = "inclusion"
            if kind is not None:
                out.append(Statement(c.doc_id, s.start, s.end, kind))
    return out


def _key(kind: str, question: str) -> str | None:
    """The first word the table gives a sentence of this kind for the question's modality ("skip":
    the opposite of "must"; "forbidden": the opposite of "may"), or None."""
    mode = modality(question)
    table = data()["answers"].get(kind, {})
    if mode == "skip" and "skip" not in table:
        return {"yes": "no", "no": "yes"}.get(table.get("must"))
    if mode == "forbidden" and "forbidden" not in table:
        return {"yes": "no", "no": "yes"}.get(table.get("may"))
    return table.get(mode)


# A wh-word anywhere in the question ("Le vade-mecum … se réfère à quelle loi ?", "En combien de temps …
# ?"): obligations.asks_yes_no reads them only at the question's start or after punctuation. Not "qui",
# "que" (relative clauses), nor "when", "where", "how" (conjunctions of yes/no questions: "when a State
# service uses…", "how critical…").
_ASKS_WHICH = re.compile(r"\b(?:quel(?:le)?s?|lequel|laquelle|lesquel(?:le)?s|combien|pourquoi|which|what|who|whom|whose|why)\b", re.I)


def word_for(kind: str, question: str) -> str | None:
    """The first word the table of kinds and modalities gives a statement of this kind for the question
    (read by text_claims.py for the curated statements of `stated`)."""
    return _key(kind, question)


def _word(kind: str, question: str, every: bool, text: str = "") -> str | None:
    """`_key`, except that a question asking about every case gets no "yes" from a sentence that does
    not itself say so (`says_every_case`)."""
    key = _key(kind, question)
    return None if every and key == "yes" and not says_every_case(text) else key


def says_every_case(text: str) -> bool:
    """Whether a passage itself says it holds in every case ("toujours", "quelle que soit", "always")."""
    return bool(data()["every_said_rx"].search(_folded(text)))


def asks_every_case(question: str) -> bool:
    return bool(data()["every_rx"].search(_folded(question)))


def answer(question: str, candidates: list[Statement], cosines, as_of: dt.date, lang: str, documents: dict,
           floor: float = FLOOR) -> StatementAnswer | None:
    """The answer of the closest decisive sentence (see the module docstring), or None when no
    candidate whose kind answers the question's modality is close enough, or the question asks no
    yes/no."""
    if not asks_yes_no(question) or _ASKS_WHICH.search(question):
        return None
    every = asks_every_case(question)
    text_of = lambda s: documents[s.doc_id].text[s.start:s.end]  # noqa: E731
    scored = [(float(c), s) for s, c in zip(candidates, cosines) if c == c and _word(s.kind, question, every, text_of(s)) is not None
              and not _later(documents.get(s.doc_id), as_of)]
    if not scored:
        return None
    texts = {id(s): documents[s.doc_id].text[s.start:s.end] for c, s in scored if c >= floor}
    near = [(c + LEX * overlap(question, texts[id(s)]), c, s) for c, s in scored
            if c >= floor and not _about_another_body(question, texts[id(s)])]
    if not near:
        return None
    _, score, best = max(near, key=lambda x: x[0])
    key = None if _NEGATED.search(re.split(r"[:;]", question)[-1]) else _word(best.kind, question, every, text_of(best))
    if key == "yes" and score < YES_FLOOR:
        key = None
    if key == "no" and score < NO_FLOOR.get(best.kind, NO_FLOOR_OTHER):
        key = None
    if key is not None and overlap(question, text_of(best)) == 0:
        key = None  # round 21: a sentence sharing no content word with the question settles nothing (blind19-68, spent: R13's "ne doivent pas" answered "Non" to a scope question)
    if key is not None and any(c >= score - DISTINCT and s.doc_id != best.doc_id and _word(s.kind, question, every, text_of(s)) != key
                               for c, s in scored):
        key = None  # another text about as close says otherwise: not settled here
    document = documents[best.doc_id]
    quote = document.text[best.start:best.end]
    said = re.sub(r"\s+", " ", quote).strip()
    from assistant.answer.render import fmt_date, t
    from assistant.titles import title_in

    if key is None:
        why = t("unsettled", lang) + f"« {said} »"
    else:
        why = (t("according", lang, title=title_in(best.doc_id, document.title, lang), date=fmt_date(document.date, lang))
               + (" : « " if lang == "fr" else ": « ") + said + " »")
    bases = [Basis(doc_id=best.doc_id, section="", quote=quote, confidence=document.confidence)]
    return StatementAnswer(key, why, bases, best, score)


# Kinds of body (customer types) one statement may speak of together: the State and its operators.
_BODY_SPHERE = {"state": "state", "state_operator": "state", "local_authority": "local_authority",
                "health_facility": "health_facility", "private": "private"}


def _about_another_body(question: str, sentence: str) -> bool:
    """Whether the sentence speaks of a kind of body the question does not ask about ("Les collectivités …
    ne sont pas tenues …" does not answer a question on the bodies under the State's supervision; round 20,
    after a wrong "Non" on blind15, spent). A sentence or a question naming no body is never excluded."""
    from assistant.answer.customer import customer_named

    asked, said = customer_named(question).kind, customer_named(sentence).kind
    return asked is not None and said is not None and _BODY_SPHERE.get(asked, asked) != _BODY_SPHERE.get(said, said)


def _later(document, as_of: dt.date) -> bool:
    """A document dated after the question's date does not answer it."""
    date = getattr(document, "date", None)
    if not date:
        return False
    try:
        return dt.date.fromisoformat(str(date)[:10]) > as_of
    except ValueError:
        return False


def overlap(question: str, sentence: str) -> float:
    """Share of the question's content stems (definitions.content_stems: first five letters, stop words
    out) the sentence holds, in either language: an English word also counts by its French glossary
    terms, and the sentence's English words give theirs ("authorisation" / "autorisation")."""
    from assistant.answer.definitions import french_stems, content_stems, french_terms

    asked = content_stems(question)
    if not asked:
        return 0.0
    held = content_stems(sentence) | content_stems(" ".join(french_terms(sentence)))
    alias = french_stems(question)
    found = sum(1 for s in asked if s in held or alias.get(s, set()) & held)
    return found / len(asked)
