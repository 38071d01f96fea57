"""What a text's defined term covers, answered from the definition itself (`definitions.yaml`).

"Au sens du RGPD, la simple consultation de données est-elle un traitement ?" names a defined term
(GDPR art. 4(2), 'processing') and asks whether something falls under it. This module:

- reads the definitions from the corpus documents at run time (`Definition`: the unit's words are
  `document.text[start:end]`, never copied into data): GDPR art. 4's numbered points, SecNumCloud
  3.2's headed definitions (§1.3.2) and roles (§1.3.3);
- finds the term a question asks about (`find`): the names of `definitions.yaml` in both languages,
  longest first; of several terms, the one whose definition shares most words with the rest of the
  question, then the last named ("un sous-traitant est-il un tiers ?" asks about 'tiers');
- answers yes / no / nothing (`answer`): yes when most of the question's other content words are in
  the definition (French and English compared by their first five letters, and by the glossary's
  French terms for an English text) in a positive clause; no when they are in a negated or excluding
  clause ("ne permet pas d'agir", "can no longer be attributed", "other than … processor"), or when a
  "must" question meets "whether … or not"; nothing otherwise (the definition is then shown without
  a first word, and only when the question asks what a term means).

It does not decide eligibility, does not read obligations (obligations.py, text_duties.py), and does
not understand paraphrases the words do not share ("sans ordinateur" is not "by automated means"):
such a question gets the definition quoted, undecided.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.checker import Basis
from assistant.crosslingual import french_terms
from assistant.folding import fold
from assistant.answer.obligations import asks_yes_no

DATA_FILE = Path(__file__).with_name("definitions.yaml")
SHARE = 0.5  # share of the question's other content words the definition must contain for a "yes"
STEM = 5  # French and English legal words compared by their first letters ("biometriques"/"biometric")

_STOP = set("""
le la les un une des du de d l au aux et ou en est sont etre il elle ils elles on se sa son ses leur leurs
ce cette ces qui que quoi dont ne n pas plus peut peuvent doit doivent faut t y a sens selon pour par sur dans
avec sans tout toute tous toutes simple simples meme aussi bien lorsqu lorsque si quand comme
the a an of to in on for by with is are be been being do does did can could may must should shall would will and about within
it its their this that these those under what which whether or not no any as at from into than
regarded considered count counts include includes including requir require required enough
""".split())
# words of nearly every GDPR definition: sharing them says nothing about what a term covers
_GENERIC = {"donne", "data", "perso"}
_NEGATION = re.compile(r"\b(?:ne|n'|aucun|aucune|not|no longer|never|nor)\b", re.I)
_EXCLUDING = re.compile(r"\bother than\b|\bautres? que\b", re.I)
_EITHER = re.compile(r"\bwhether\b[^;,.]*\bor not\b|\bwhether or not\b|\bou non\b", re.I)
_MUST = re.compile(r"\b(?:doit|doivent|obligatoirement|forcement|necessairement|must|have to|has to|necessarily|always|toujours)\b")
_NEGATED_QUESTION = re.compile(r"\b(?:n'|ne)\s*\w+[^?]*\bpas\b|\b(?:isn't|aren't|doesn't|not)\b")


@dataclass(frozen=True)
class Definition:
    doc_id: str
    number: str  # "4" of art. 4(4), or the section "1.3.2" of a heading
    term: str  # the text's own name of the term ('processing', 'Supervision')
    start: int  # the unit in document.text (its name and its definition)
    end: int
    names: tuple[str, ...]  # folded names that find it, both languages
    everyday: bool = False  # a word of every question on its text: taken only when its meaning is asked

    def place(self, lang: str) -> str:
        spec = _data()["documents"][self.doc_id]["place"][lang]
        return spec.format(n=self.number, term=self.term)


@dataclass(frozen=True)
class DefinitionAnswer:
    key: str | None  # yes, no, or None (the definition quoted, undecided)
    why: str
    bases: list[Basis]
    definition: Definition


@lru_cache(maxsize=1)
def _data() -> dict:
    import yaml

    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def _section_span(text: str, heading: str) -> tuple[int, int] | None:
    """The span of the section whose heading line ends with `heading`, to the next heading of its level or higher."""
    found = re.search(rf"^(#+)\s+{re.escape(heading)}\s*$", text, re.M)
    if not found:
        return None
    level = len(found.group(1))
    after = re.search(rf"^#{{1,{level}}}\s", text[found.end():], re.M)
    return found.end(), found.end() + after.start() if after else len(text)


def _numbered(doc_id: str, text: str, spec: dict) -> list[Definition]:
    span = _section_span(text, spec["section"])
    if span is None:
        return []
    out = []
    names = spec.get("names", {})
    for m in re.finditer(r"^\((\d+)\) ‘([^’]+)’[^\n]*(?:\n\n\([a-z]\)[^\n]*)*", text[span[0]:span[1]], re.M):
        number, term = m.group(1), m.group(2)
        extra = names.get(int(number), {})
        found = {fold(term)} | {fold(n) for lang in ("fr", "en") for n in extra.get(lang, ())}
        out.append(Definition(doc_id, number, term, span[0] + m.start(), span[0] + m.end(), tuple(sorted(found))))
    return out


def _headed(doc_id: str, text: str, spec: dict) -> list[Definition]:
    out = []
    names = spec.get("names", {})
    for section in spec["section"]:
        span = _section_span(text, section)
        if span is None:
            continue
        number = section.split()[0]
        for m in re.finditer(r"^#####\s+([^\n]+)\n\n([^\n#][^\n]*(?:\n(?!#)[^\n]*)*)", text[span[0]:span[1]], re.M):
            term = m.group(1).strip()
            bare = re.sub(r"\s*\([^)]*\)", "", term)
            inside = re.findall(r"\(([^)]*)\)", term)
            extra = names.get(term, {})
            found = {fold(bare)} | {fold(x) for x in inside} | {fold(n) for lang in ("fr", "en") for n in extra.get(lang, ())}
            end = span[0] + m.end()
            while text[end - 1] in "\n ":
                end -= 1
            out.append(Definition(doc_id, number, term, span[0] + m.start(), end, tuple(sorted(found)),
                                  bool(extra.get("everyday"))))
    return out


def definitions(documents: dict) -> list[Definition]:
    """Every defined term of the documents `definitions.yaml` names (missing documents give none)."""
    out: list[Definition] = []
    for doc_id, spec in _data()["documents"].items():
        doc = documents.get(doc_id)
        if doc is None:
            continue
        reader = _numbered if spec["unit"] == "numbered" else _headed
        out.extend(reader(doc_id, doc.text, spec))
    return out


@lru_cache(maxsize=4096)
def _pattern(name: str) -> re.Pattern:
    words = r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", name))
    return re.compile(rf"(?<![\w-]){words}(?:s|x)?(?![\w-])")


def framing(question: str) -> tuple[set[str], bool, bool]:
    """(the documents the question names, whether it frames a term "au sens de", whether it asks
    what a term means)."""
    folded = fold(question)
    spec = _data()["framing"]
    named = {doc for doc, words in spec["documents"].items() if any(_pattern(w).search(folded) for w in words)}
    framed = any(_pattern(fold(w)).search(folded) for w in spec["frame"])
    meaning = any(_pattern(fold(w)).search(folded) for w in spec["meaning"]) or any(
        re.search(rx, folded) for rx in spec.get("meaning_rx", ()))
    return named, framed, meaning


def asks_meaning(question: str) -> bool:
    """The question asks what a term means ("que signifie", "what does … mean")."""
    return framing(question)[2]


def _mentions(question: str, candidates: list[Definition]) -> list[tuple[int, int, Definition]]:
    """(start, end, definition) of each term named, longest names first, no overlap."""
    folded = fold(question)
    hits = []
    for d in candidates:
        for name in d.names:
            for m in _pattern(name).finditer(folded):
                hits.append((m.start(), m.end(), d))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    kept: list[tuple[int, int, Definition]] = []
    for h in hits:
        if all(h[1] <= k[0] or h[0] >= k[1] for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h[0])


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", " "))
    return {w[:STEM] for w in words if len(w) > 2 and w not in _STOP and w[:STEM] not in _GENERIC}


def _expanded(words: str, terms: list[Definition]) -> set[str]:
    """The stems of `words`, with the French glossary terms of its English words and the other
    names of the `terms` it mentions ("processor" also gives "sous-traitant")."""
    stems = _stems(words) | _stems(" ".join(french_terms(words)))
    folded = fold(words)
    for other in terms:
        if any(_pattern(n).search(folded) for n in other.names):
            stems |= _stems(" ".join(other.names))
    return stems


def _definition_stems(d: Definition, text: str, every: list[Definition]) -> set[str]:
    """The definition's stems (`_expanded` over the terms of its document), less its own name's."""
    return _expanded(text[d.start:d.end], [o for o in every if o.doc_id == d.doc_id]) - _own(d)


def _own(d: Definition) -> set[str]:
    """The stems of the term's own names: the definition naming its term is no evidence."""
    return _stems(" ".join(d.names) + " " + d.term)


def find(question: str, documents: dict) -> tuple[Definition, set[str]] | None:
    """The defined term the question asks about and the question's other content stems, or None.
    A term of a document other than the one the question names is not taken."""
    every = definitions(documents)
    named, framed, meaning = framing(question)
    candidates = [d for d in every if (not named or d.doc_id in named) and (meaning or not d.everyday)]
    hits = _mentions(question, candidates)
    if not hits or not (named or framed or meaning):
        return None
    folded = fold(question)
    rest = folded
    for start, end, _ in hits:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    spec = _data()["framing"]
    for w in [w for words in spec["documents"].values() for w in words] + spec["frame"] + spec["meaning"]:
        rest = _pattern(fold(w)).sub(" ", rest)
    asked = _stems(rest)

    def shared(h):
        d = h[2]
        return len(asked & _definition_stems(d, documents[d.doc_id].text, every))

    best = max(reversed(hits), key=shared)  # ties: the last named
    # the other terms named are content too ("un sous-traitant est-il un tiers ?": 'sous-traitant')
    others = {s for h in hits if h[2] != best[2] for s in _stems(folded[h[0]:h[1]])}
    return best[2], asked | others


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the definition's clauses (cut at ; : and sentence ends; commas kept inside)."""
    out, start = [], 0
    for m in re.finditer(r"[;:]|\.(?:\s|$)|\n", text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def answer(question: str, documents: dict, lang: str) -> DefinitionAnswer | None:
    """The definition's answer to a question about a defined term (module docstring), or None when
    the question names no defined term or is not framed as a definition question."""
    found = find(question, documents)
    if found is None:
        return None
    d, asked = found
    text = documents[d.doc_id].text
    words = text[d.start:d.end]
    every = [x for x in definitions(documents) if x.doc_id == d.doc_id]
    key = None
    if asks_yes_no(question) and asked and not _NEGATED_QUESTION.search(fold(question)):
        key = _key(question, words, asked, d, every)
    quote = re.sub(r"\s+", " ", words).strip()
    opening = {"fr": "{place} définit ce terme", "en": "{place} defines this term"}[lang].format(place=d.place(lang))
    why = opening + (" : « " if lang == "fr" else ": \"") + quote.rstrip(".;: ") + (" »." if lang == "fr" else "\".")
    confidence = getattr(documents[d.doc_id], "confidence", "official") or "official"
    return DefinitionAnswer(key, why, [Basis(doc_id=d.doc_id, section="", quote=words, confidence=confidence)], d)


def _key(question: str, words: str, asked: set[str], d: Definition, every: list[Definition]) -> str | None:
    """yes / no / None from where the question's content stems fall in the definition."""
    must = bool(_MUST.search(fold(question)))
    own = _own(d)
    matched_any = set()
    negative = either = False
    for a, b in _clauses(words):
        excluding = False  # "other than …" excludes the rest of its clause
        for segment in re.split(r",\s*", words[a:b]):
            stems = _expanded(segment, every)
            excluding = excluding or bool(_EXCLUDING.search(segment))
            hit = asked & (stems - own)
            if not hit:
                continue
            matched_any |= hit
            if _EITHER.search(segment):
                either = True
            elif excluding or _NEGATION.search(segment):
                negative = True
    if len(matched_any) / len(asked) < SHARE:
        return None
    if either:
        return "no" if must else None
    return "no" if negative else "yes"
