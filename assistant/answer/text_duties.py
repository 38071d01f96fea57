"""Yes/no obligation questions answered from the modal sentence of a text ("the processor shall
inform the controller…", "Le prestataire doit…", "Le prestataire ne doit stocker que…"), for the
duties no data entry (obligations.yaml, duties.yaml) lists.

`modal_sentences(chunks, documents)` reads every quotable sentence (`sentences.py`) of the texts
of `text_duties.yaml` and keeps those whose subject (the words before the modal verb, after a
leading clause closed by a comma) is one of its actors and whose verb has a modal force (duty,
restricted duty, prohibition, no requirement, permission); a list item under a modal lead-in
("…shall stipulate, in particular, that the processor:", "L'Hébergeur doit communiquer à ses
clients :") is a sentence of that lead's subject and force, quoted after its lead. Each keeps its
place ("article 28(2) du RGPD", "§ 10.3.a du référentiel SecNumCloud 3.2").

`answer(question, sentences, cosines, as_of, lang)` takes the sentence closest to the question (e5
cosine of the index, at or above THRESHOLD) among those whose actor the question names, and whose
text is in force at `as_of`; its first word comes from the table of forces and question
modalities of the data file (a permission does not answer "must"; a negated question or one asking
who / when / how gets none), and its reason says whose duty it is and where, the sentence quoted
first. It invents no words of a text and no date: the quote is the sentence, doc.text[start:end].
Nothing is answered without vectors. This module does not rank passages or read verdicts.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.answer.obligations import _NEGATED, answer_key, asks_yes_no, groups_hold, modality
from assistant.checker import Basis
from assistant.folding import fold

_DATA = Path(__file__).with_name("text_duties.yaml")
# Cosine (the index's sentence vectors, bare or in context, the higher) between the question and a
# modal sentence, at or above which the sentence answers it: chosen on the tuning questions of
# eval/firstword10-fresh.yaml and the spent sets' tuning parts, never on a test part.
THRESHOLD = 0.86
# Sentences within MARGIN of the closest one that give another first word leave the question
# unsettled ("may take place where…" and "shall not require any specific authorisation" are one
# paragraph: the closer one alone does not settle "do we need an authorisation?").
MARGIN = 0.02
# The closest sentence answers only when it stands out: at least DISTINCT above the next sentence of
# the actors the question names (lead, round 10). e5 cosines of French questions with French duty
# sentences sit at 0.88-0.91 whatever they say ("La CNIL impose-t-elle un hébergeur certifié HDS… ?"
# reached HDS v2's audit-report duty at 0.897, 0.007 above the next), so the floor alone lets any
# duty of the actor answer. Chosen by the lead on eval/firstword10-fresh.yaml, both parts (which are
# tuning data for it now): of 33 questions above the floor, the 10 whose best sentence leads by
# 0.012 or more all had the gold sentence first; none of the 12 with another sentence first did.
DISTINCT = 0.012
# A modal verb (folded): the subject is what comes before its first occurrence.
_MODAL = re.compile(r"\b(?:ne (?:doit|doivent|peut|peuvent)|shall|must|may|does not require|is required to|doit|doivent|peut|peuvent"
                    r"|pourra|pourront|est tenue?|sont tenue?s|il est recommande|est recommande|est imperative?|est chargee?)\b")
_ITEM = re.compile(r"^\s*(?:\([a-z]\)|[a-z]\)|[•*–-])\s")
_PARAGRAPH = re.compile(r"(?m)^(\d{1,2})\.\s")
_HEADING = re.compile(r"(?m)^(#+)\s+(.*)$")
_SEPARATORS = re.compile(r"[’`]")


@dataclass(frozen=True)
class ModalSentence:
    doc_id: str
    start: int
    end: int
    actor: str
    force: str
    place: dict  # fr, en: "l'article 28(2) du RGPD"
    valid_from: dt.date
    lead: tuple[int, int] | None = None  # the lead-in of a list item, quoted after it


@lru_cache(maxsize=1)
def data() -> dict:
    raw = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    for f in raw["forces"]:
        f["rx"] = re.compile(f["pattern"])
    return raw


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", _SEPARATORS.sub("'", fold(text))).strip()


def read(text: str) -> tuple[str, str] | None:
    """(actor, force) of a sentence, or None when its subject is no actor or its verb no modal."""
    folded = _folded(text)
    m = _MODAL.search(folded)
    if m is None:
        return _present(folded)
    subject = _CONNECTOR.sub("", _RULE_LABEL.sub("", folded[:m.start()].strip().rsplit(",", 1)[-1].strip()))
    rest = folded[m.start():]
    actor = _actor(subject)
    if actor is None:
        return None
    force = next((f["force"] for f in data()["forces"] if f["rx"].search(rest)), None)
    if force == "permission" and folded.startswith(tuple(data()["conditional_openings"])):
        force = "restricted"  # "Subject to the authorisation…, … may": allowed on that condition only
    return (actor, force) if force else None


_CONNECTOR = re.compile(r"^(?:alors|et|puis|donc|then|and)\s+")
_RULE_LABEL = re.compile(r"^\[r\d{1,2}\]\s*")  # "[R12] Les ministères peuvent…": the rule's label is no subject
_RULE_AT = re.compile(r"\[R(\d{1,2})\]|^#+\s*Règle\s+(\d{1,2})\b", re.M)
# A French statute's present tense binds ("l'hébergeur informe son client", "le sous-traitant ne
# recrute pas"): an actor's words then a verb of the third person, after a leading clause.
_VERB = re.compile(r" (?P<neg>ne |n')?(?P<verb>[a-z]+(?:e|t|ent))\b(?P<rest>.*)$")


def _actor(subject: str) -> str | None:
    return next((name for name, a in data()["actors"].items()
                 if any(subject == w or subject.startswith(w + " ") for w in map(_folded, a["text"]))), None)


def _present(folded: str) -> tuple[str, str] | None:
    starts = [0] + [m.end() for m in re.finditer(r", (?:alors )?", folded)]
    for pos in starts:
        for name, a in data()["actors"].items():
            for words in map(_folded, a["text"]):
                if not folded.startswith(words, pos):
                    continue
                m = _VERB.match(folded, pos + len(words))
                if m is None or m.group("verb") in data()["not_verbs"]:
                    continue
                if m.group("neg"):
                    return (name, "prohibition") if re.match(r"\s*(?:pas|plus|jamais|aucun)", m.group("rest")) else None
                return name, "duty"
    return None


def _place(text: str, start: int, doc: dict) -> dict:
    """Where a sentence is: its section's heading, paragraph and point, named in both languages."""
    heads = [m for m in _HEADING.finditer(text, 0, start)]
    heading = heads[-1].group(2).strip() if heads else ""
    name = doc["name"]
    if doc["label"] == "article":
        number = re.match(r"Article\s+(\d+)", heading)
        art = number.group(1) if number else heading
        body = heads[-1].end() if heads else 0
        paras = list(_PARAGRAPH.finditer(text, body, start + 1))
        ref = art + (f"({paras[-1].group(1)})" if paras else "")
        line_start = text.rfind("\n", 0, start) + 1
        point = re.match(r"\(([a-z])\)", text[line_start:start + 4])
        ref += f"({point.group(1)})" if point else ""
        return {"fr": f"l'article {ref} {name['fr']}", "en": f"article {ref} {name['en']}"}
    if doc["label"] == "rule":  # the doctrine: "[R12]" opening the paragraph, or the heading "Règle 6"
        at = [m for m in _RULE_AT.finditer(text, 0, start + 6)]
        n = (at[-1].group(1) or at[-1].group(2)) if at else None
        ref = f"R{n}" if n else heading
        return {"fr": f"la règle {ref} {name['fr']}", "en": f"rule {ref} {name['en']}"}
    if doc["label"] == "exi":
        exi = re.search(r"EXI\s*(\d+)", heading)
        ref = f"EXI {exi.group(1)}" if exi else heading
        return {"fr": f"l'exigence {ref} {name['fr']}", "en": f"requirement {ref} {name['en']}"}
    return {"fr": f"le § {heading} {name['fr']}", "en": f"§ {heading} {name['en']}"}


def _sections(text: str, starts: list[str] | None) -> list[tuple[int, int]]:
    if not starts:
        return [(0, len(text))]
    heads = list(_HEADING.finditer(text))
    out = []
    for i, h in enumerate(heads):
        if any(h.group(2).startswith(s) for s in starts):
            level = len(h.group(1))
            end = next((n.start() for n in heads[i + 1:] if len(n.group(1)) <= level), len(text))
            out.append((h.start(), end))
    return out


def modal_sentences(chunks, documents: dict) -> list[ModalSentence]:
    """The modal sentences of the data file's texts (see the module docstring); `chunks` are the
    index's passages, `documents` doc_id -> Document. A text the corpus lacks is skipped."""
    from assistant.answer.sentences import sentences

    out: list[ModalSentence] = []
    for doc in data()["documents"]:
        document = documents.get(doc["doc"])
        if document is None:
            continue
        text = document.text
        spans = sorted({(s.start, s.end) for c in chunks if c.doc_id == doc["doc"] for s in sentences(c)})
        kept = [(a, b) for a, b in spans if any(lo <= a and b <= hi for lo, hi in _sections(text, doc.get("sections")))]
        lead = None  # (start, end, actor, force) of the last modal lead-in ending with ":"
        for a, b in kept:
            said = read(text[a:b])
            if lead is not None and (_PARAGRAPH.search(text, lead[1], a) or _HEADING.search(text, lead[1], a)):
                lead = None  # a new paragraph or heading ends the list
            if said is None and lead is not None and (_ITEM.match(text[a:b]) or "\n" in text[lead[1]:a]):
                out.append(ModalSentence(doc["doc"], a, b, lead[2], lead[3], _place(text, a, doc),
                                         doc["from"], (lead[0], lead[1])))
                continue
            if said is None:
                continue
            first_line = text[a:b].split("\n", 1)[0]
            if first_line.rstrip().endswith(":"):
                lead = (a, a + len(first_line.rstrip()), *said)
            out.append(ModalSentence(doc["doc"], a, b, said[0], said[1], _place(text, a, doc), doc["from"]))
    return out


def question_actors(question: str) -> set[str]:
    return {name for name, a in data()["actors"].items() if groups_hold([a["question"]], question)}


@dataclass
class TextDutyAnswer:
    key: str | None
    why: str
    bases: list[Basis]
    sentence: ModalSentence
    score: float


_FORCE_WORDS = {
    "duty": {"fr": "c'est une obligation de {who}, posée par {where}", "en": "it is a duty of {who}, set by {where}"},
    "restricted": {"fr": "{where} ne le permet à {who} qu'à ces conditions", "en": "{where} allows it to {who} only on these conditions"},
    "prohibition": {"fr": "{where} l'interdit à {who}", "en": "{where} forbids it to {who}"},
    "no_requirement": {"fr": "{where} ne l'exige pas de {who}", "en": "{where} does not require it of {who}"},
    "permission": {"fr": "{where} le permet à {who}", "en": "{where} allows it to {who}"},
    "recommendation": {"fr": "{where} le recommande seulement à {who}", "en": "{where} only recommends it to {who}"},
}


def _key(force: str, question: str) -> str | None:
    return answer_key(data()["answers"].get(force, {}), question)


def answer(question: str, candidates: list[ModalSentence], cosines, as_of: dt.date, lang: str, documents: dict,
           threshold: float = THRESHOLD) -> TextDutyAnswer | None:
    """The answer of the closest modal sentence (see the module docstring), or None when no
    sentence of an actor the question names is close enough, or the question asks no yes/no."""
    if not asks_yes_no(question):
        return None
    actors = question_actors(question)
    scored = [(float(c), s) for s, c in zip(candidates, cosines) if c == c and s.actor in actors]
    scored = [x for x in scored if x[0] >= threshold]
    if not scored:
        return None
    score, best = max(scored, key=lambda x: x[0])
    if best.valid_from > as_of:
        return None
    others = [float(c) for s, c in zip(candidates, cosines) if c == c and s.actor in actors and s is not best and s.valid_from <= as_of]
    if others and score - max(others) < DISTINCT:
        return None  # no sentence stands out: the texts do not settle it directly here
    key = None
    if not _NEGATED.search(re.split(r"[:;]", question)[-1]):
        key = _key(best.force, question)
        rivals = {_key(s.force, question) for c, s in scored if c >= score - MARGIN and s.valid_from <= as_of}
        if len(rivals - {None}) > 1:  # sentences about as close say different things: the texts do not settle it directly
            key = None
    text = documents[best.doc_id].text
    who = data()["actors"][best.actor]["name"][lang]
    force = "duty" if best.force == "restricted" and key != "depends" else best.force  # "only …" asked "must": a duty
    reason = _FORCE_WORDS[force][lang].format(who=who, where=best.place[lang])
    if lang == "fr":  # "de le prestataire" -> "du prestataire", "à le" -> "au"
        reason = re.sub(r"\bde les\b", "des", re.sub(r"\bà les\b", "aux", reason))
        reason = re.sub(r"\bde le\b", "du", re.sub(r"\bà le\b", "au", reason))
    reason = reason[:1].upper() + reason[1:] + (" : « " if lang == "fr" else ": \"")
    quote = text[best.start:best.end]
    closing = " »." if lang == "fr" else "\"."
    why = reason + re.sub(r"\s+", " ", quote).strip().rstrip(".;:") + closing
    confidence = "official" if documents[best.doc_id].confidence == "official" else documents[best.doc_id].confidence
    bases = [Basis(doc_id=best.doc_id, section="", quote=quote, confidence=confidence)]
    if best.lead:
        bases.append(Basis(doc_id=best.doc_id, section="", quote=text[best.lead[0]:best.lead[1]], confidence=confidence))
    return TextDutyAnswer(key, why, bases, best, score)
