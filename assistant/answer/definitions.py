"""What a text's defined term covers, answered from the definition itself (`definitions.yaml`).

"Au sens du RGPD, la simple consultation de données est-elle un traitement ?" names a defined term
(GDPR art. 4(2), 'processing') and asks whether something falls under it. This module:

- reads the definitions from the corpus documents at run time (`Definition`: the unit's words are
  `document.text[start:end]`, never copied into data): GDPR art. 4's numbered points, SecNumCloud
  3.2's headed definitions (§1.3.2) and roles (§1.3.3); since round 14 also SecNumCloud §2's service
  models (SaaS, PaaS, CaaS, IaaS), CSP R.1111-8-8 I, and the present-tense statements of SecNumCloud
  3.2 and its annex 2 found by their verb ("n'atteste pas", "ne se substitue pas", "ne doit pas être
  considérée"), each read as the text's yes or no;
- finds the term a question asks about (`find`): the names of `definitions.yaml` in both languages,
  longest first; of several terms, the one whose definition shares most words with the rest of the
  question, then the last named ("un sous-traitant est-il un tiers ?" asks about 'tiers');
- answers yes / no / nothing (`answer`): yes when most of the question's other content words are in
  the definition (French and English compared by their first five letters, and by the glossary's
  French terms for an English text) in a positive clause; no when they are in a negated or excluding
  clause ("ne permet pas d'agir", "can no longer be attributed", "other than … processor"), or when a
  "must" question meets "whether … or not"; nothing otherwise (the definition is then shown without
  a first word, and only when the question asks what a term means).

It does not decide eligibility, does not read obligations (obligations.py, text_duties.py), gives no
first word to a duty asked in the negative ("can X skip …"), and does not understand paraphrases the
words do not share ("sans ordinateur" is not "by automated means") unless, across languages, the
index's e5 cosine of one clause reaches FLOOR: such a question gets the definition quoted, undecided.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.checker import Basis
from assistant.crosslingual import french_terms
from assistant.folding import fold
from assistant.answer.obligations import asks_yes_no, modality

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
_NEGATION = re.compile(r"\b(?:ne|n'|aucun|aucune|not|no longer|never|nor)\b", re.I)  # on folded words
# "other than …", "ne constitue pas …, le fait de …": the rest of the clause is excluded
_EXCLUDING = re.compile(r"\bother than\b|\bautres? que\b|\bne constituen?t? pas\b", re.I)
# e5 cosine a clause must reach to decide a question asked in the other language whose words it does
# not share: fitted on the tune part of eval/firstword14-fresh.yaml, eval/firstword13-fresh.yaml and on
# the spent blind12 / blind13 answers (round 14): right decisions at 0.8588 and above, the highest
# wrong one at 0.8344 (blind12, a French question on "pays tiers" read as GDPR 'third party')
FLOOR = 0.847
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
    spec: str = ""  # its entry of definitions.yaml `documents` (the document id when empty)

    def place(self, lang: str) -> str:
        spec = _data()["documents"][self.spec or self.doc_id]["place"][lang]
        return spec.format(n=self.number, term=self.term)

    @property
    def language(self) -> str:
        """The language its text is written in (`lang` of its entry; French when not given)."""
        return _data()["documents"][self.spec or self.doc_id].get("lang", "fr")

    def opening(self, lang: str) -> str:
        """How the answer introduces the quote: a definition "defines this term", a statement "says"."""
        said = _data()["documents"][self.spec or self.doc_id].get("opening") or {
            "fr": "{place} définit ce terme", "en": "{place} defines this term"}
        return said[lang].format(place=self.place(lang))


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


def _names(extra: dict, *own: str) -> tuple[str, ...]:
    """The folded names of a unit: its own words and the data's other names in both languages."""
    return tuple(sorted({fold(n) for n in own} | {fold(n) for lang in ("fr", "en") for n in extra.get(lang, ())}))


def _trimmed(text: str, end: int) -> int:
    """`end` moved back over trailing blanks and line ends."""
    while text[end - 1] in "\n ":
        end -= 1
    return end


def _numbered(doc_id: str, text: str, spec: dict) -> list[Definition]:
    span = _section_span(text, spec["section"])
    if span is None:
        return []
    out = []
    names = spec.get("names", {})
    for m in re.finditer(r"^\((\d+)\) ‘([^’]+)’[^\n]*(?:\n\n\([a-z]\)[^\n]*)*", text[span[0]:span[1]], re.M):
        number, term = m.group(1), m.group(2)
        out.append(Definition(doc_id, number, term, span[0] + m.start(), span[0] + m.end(),
                              _names(names.get(int(number), {}), term)))
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
            out.append(Definition(doc_id, number, term, span[0] + m.start(), _trimmed(text, span[0] + m.end()),
                                  _names(extra, bare, *inside), bool(extra.get("everyday"))))
    return out


def _subsections(doc_id: str, text: str, spec: dict) -> list[Definition]:
    """The numbered subsections of `section` ("### 2.1 Fourniture de services SaaS"), each named by
    the `term` pattern's group read in its heading ("SaaS"), the unit being its paragraphs."""
    span = _section_span(text, spec["section"])
    if span is None:
        return []
    out = []
    names = spec.get("names", {})
    for m in re.finditer(r"^#{3,}\s+([\d.]+)\s+([^\n]+)\n((?:\n|[^#\n][^\n]*\n?)*)", text[span[0]:span[1]], re.M):
        named = re.search(spec["term"], m.group(2))
        if not named:
            continue
        term = named.group(1)
        body = span[0] + m.start(3) + len(m.group(3)) - len(m.group(3).lstrip())  # the quote: its paragraphs, no heading
        out.append(Definition(doc_id, m.group(1), term, body, _trimmed(text, span[0] + m.end()),
                              _names(names.get(term, {}), term), spec=spec["_key"]))
    return out


def _passage(doc_id: str, text: str, spec: dict) -> list[Definition]:
    """One passage the data names by its verbatim `starts` words, to the end of its paragraph or,
    with `through`, of the paragraph holding those words (R.1111-8-8 I with its "Toutefois")."""
    start = text.find(spec["starts"])
    if start < 0:
        return []
    last = text.find(spec["through"], start) if spec.get("through") else start
    if last < 0:
        return []
    end = text.find("\n\n", last)
    end = _trimmed(text, len(text) if end < 0 else end)
    return [Definition(doc_id, str(spec["number"]), spec["term"], start, end, _names(spec["names"]), spec=spec["_key"])]


def _statements(doc_id: str, text: str, spec: dict) -> list[Definition]:
    """The sentences of the document that state, in the present tense, what a thing is or is not,
    attests or not ("La qualification d’un prestataire n’atteste pas de …"): each sentence matching
    one of the `verbs` patterns (folded text) is a unit named by that verb's names, numbered by its
    list point ("f") or its section's number ("4")."""
    out = []
    heading = ""
    verbs = [(label, re.compile(v["rx"]), v) for label, v in spec["verbs"].items()]
    for line in re.finditer(r"[^\n]+", text):
        if line.group(0).startswith("#"):
            number = re.match(r"#+\s+([\d.]+)\s", line.group(0))
            heading = number.group(1) if number else heading
            continue
        point = re.match(r"([a-z])\)\s+", line.group(0))
        for sentence in re.finditer(r"[^.;]+(?:[.;](?!\w)|$)", line.group(0)):
            words = sentence.group(0)
            for label, rx, v in verbs:
                if rx.search(fold(words)):
                    lead = len(words) - len(words.lstrip())
                    if point and sentence.start() == 0:  # the quote starts after the point's letter
                        lead = point.end()
                    number = point.group(1) if point else heading
                    out.append(Definition(doc_id, number, label, line.start() + sentence.start() + lead,
                                          _trimmed(text, line.start() + sentence.end()), _names(v), spec=spec["_key"]))
                    break
    return out


_READERS = {"numbered": _numbered, "heading": _headed, "subsection": _subsections, "passage": _passage,
            "statements": _statements}


def definitions(documents: dict) -> list[Definition]:
    """Every defined term of the documents `definitions.yaml` names (missing documents give none):
    an entry reads its document (`doc`, or the entry's own key) by its `unit`."""
    out: list[Definition] = []
    for key, spec in _data()["documents"].items():
        doc = documents.get(spec.get("doc", key))
        if doc is None:
            continue
        out.extend(_READERS[spec["unit"]](spec.get("doc", key), doc.text, {**spec, "_key": key}))
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
    for h in hits:  # several units named alike (the statements "n'atteste pas") all stay
        if all(h[1] <= k[0] or h[0] >= k[1] or (h[0], h[1]) == (k[0], k[1]) for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h[0])


def content_stems(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", fold(text).replace("'", " "))
    return {w[:STEM] for w in words if len(w) > 2 and w not in _STOP and w[:STEM] not in _GENERIC}


def _expanded(words: str, terms: list[Definition]) -> set[str]:
    """The stems of `words`, with the French glossary terms of its English words and the other
    names of the `terms` it mentions ("processor" also gives "sous-traitant")."""
    stems = content_stems(words) | content_stems(" ".join(french_terms(words)))
    folded = fold(words)
    for other in terms:
        if any(_pattern(n).search(folded) for n in other.names):
            stems |= content_stems(" ".join(other.names))
    return stems


def _definition_stems(d: Definition, text: str, every: list[Definition]) -> set[str]:
    """The definition's stems (`_expanded` over the terms of its document), less its own name's."""
    return _expanded(text[d.start:d.end], [o for o in every if o.doc_id == d.doc_id]) - _own(d)


def _own(d: Definition) -> set[str]:
    """The stems of the term's own names: the definition naming its term is no evidence."""
    return content_stems(" ".join(d.names) + " " + d.term)


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
    asked = content_stems(rest)

    def shared(h):
        d = h[2]
        return len(asked & _definition_stems(d, documents[d.doc_id].text, every))

    best = max(reversed(hits), key=shared)  # ties: the last named
    # the other terms named are content too ("un sous-traitant est-il un tiers ?": 'sous-traitant')
    others = {s for h in hits if h[2] != best[2] for s in content_stems(folded[h[0]:h[1]])}
    return best[2], asked | others


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the definition's clauses (cut at ; : and sentence ends; commas kept inside)."""
    out, start = [], 0
    for m in re.finditer(r"[;:]|(?<!\s[A-Z])\.(?:\s|$)|\n", text):  # "L. 1111-8" is no sentence end
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def answer(question: str, documents: dict, lang: str, similar=None) -> DefinitionAnswer | None:
    """The definition's answer to a question about a defined term (module docstring), or None when
    the question names no defined term or is not framed as a definition question. `similar(texts)`
    (optional: the index's e5 cosines between the question and each text) decides a question
    asked in other words or another language than the definition's (`_key`)."""
    found = find(question, documents)
    if found is None:
        return None
    d, asked = found
    text = documents[d.doc_id].text
    words = text[d.start:d.end]
    every = [x for x in definitions(documents) if x.doc_id == d.doc_id]
    key = None
    # "can X skip …?" asks about a duty, the opposite of what a definition says: no first word here
    if asks_yes_no(question) and asked and not _NEGATED_QUESTION.search(fold(question)) and modality(question) != "skip":
        # the e5 fallback only across languages, where stems cannot meet ("enquête" / "inquiry")
        alias = french_stems(question) if lang == "en" and d.language == "fr" else {}
        key = _key(question, words, asked, d, every, similar if lang != d.language else None, alias)
    quote = re.sub(r"\s+", " ", words).strip()
    opening = d.opening(lang)
    why = opening + (" : « " if lang == "fr" else ": \"") + quote.rstrip(".;: ") + (" »." if lang == "fr" else "\".")
    confidence = getattr(documents[d.doc_id], "confidence", "official") or "official"
    return DefinitionAnswer(key, why, [Basis(doc_id=d.doc_id, section="", quote=words, confidence=confidence)], d)


def french_stems(question: str) -> dict[str, set[str]]:
    """Each English word's stem -> the stems of its French glossary terms ("customer" -> "comma" of
    "commanditaire"), so that an English question meets a French text's words."""
    out: dict[str, set[str]] = {}
    for word in re.findall(r"[a-z0-9]+", fold(question)):
        french = content_stems(" ".join(french_terms(word)))
        if french and content_stems(word):
            out.setdefault(next(iter(content_stems(word))), set()).update(french)
    return out


def _key(question: str, words: str, asked: set[str], d: Definition, every: list[Definition], similar=None,
         alias: dict[str, set[str]] | None = None) -> str | None:
    """yes / no / None from where the question's content stems fall in the definition: "no" when
    they fall in a negated or excluded segment, unless a positive segment holds more of them
    ("Le commanditaire n’a pas la maîtrise de l’infrastructure …, a cependant la maîtrise des
    applications"). An English word also matches by its French glossary terms (`alias`). Too few
    shared stems: with `similar` (given across languages only), the clause
    closest to the question by e5 cosine (at least FLOOR) gives its polarity; else None."""
    must = bool(_MUST.search(fold(question)))
    own = _own(d)
    matched_any = set()
    either = False
    best = {True: 0, False: 0}  # most stems one negative / positive segment holds
    polarity = []  # (clause, negative): a clause is negative when one of its segments is
    for a, b in _clauses(words):
        excluding = False  # "other than …" excludes the rest of its clause
        clause_negative = False
        for segment in re.split(r",\s*", words[a:b]):
            stems = _expanded(segment, every)
            excluding = excluding or bool(_EXCLUDING.search(fold(segment)))
            negative = excluding or bool(_NEGATION.search(fold(segment)))
            clause_negative = clause_negative or (negative and not _EITHER.search(segment))
            pool = stems - own
            hit = {a for a in asked if a in pool or (alias or {}).get(a, set()) & pool}
            if not hit:
                continue
            matched_any |= hit
            if _EITHER.search(segment):
                either = True
            else:
                best[negative] = max(best[negative], len(hit))
        polarity.append((words[a:b], clause_negative))
    if len(matched_any) / len(asked) < SHARE:
        return _closest(polarity, words, similar)
    if either:
        return "no" if must else None
    return "no" if best[True] and best[True] >= best[False] else "yes"


def _closest(polarity: list[tuple[str, bool]], words: str, similar) -> str | None:
    """yes / no from the polarity of the clause closest to the question by e5 cosine, when it
    reaches FLOOR; None without `similar` or below it."""
    if similar is None or not polarity:
        return None
    texts = [re.sub(r"\s+", " ", s).strip() for s, _ in polarity]
    cosines = similar(texts)
    if cosines is None:
        return None
    i = max(range(len(texts)), key=lambda k: cosines[k])
    if not cosines[i] >= FLOOR:
        return None
    return "no" if polarity[i][1] else "yes"
