"""Find the numbered part of a corpus text a question names, and the sentence of it to quote.

`named_parts(question, documents, as_of)` reads `named_articles.yaml` (how a question names an
article, a recital or a requirement, and how its heading is written in its document) and returns
each named part found in the corpus as offsets of its document's text: "Art. 49(1)(a) GDPR" ->
gdpr-extracts, point (a) of paragraph 1 of "## Article 49 — …"; "exigence 28 du référentiel HDS"
-> "## [EXI 28]"; "R1111-8-8" -> the CSP file holding that article (the version valid at `as_of`,
or at a year the question gives to the version). A number without its text ("Art. 49") is read when
one text only holds that number. A part whose heading no document holds, or a paragraph a fragment
lacks, is absent: nothing is returned for it, never a neighbour (SREN art. 31's wording is not in the corpus).

`best_sentence(part, chunks, question, similarity)`: the quotable sentence of the part closest to
the question (by the index's cosines when given, and the words they share), located in its document;
its opening sentence when the question asks what the part says and nothing more, or shares no
word with any of its sentences.

It quotes nothing and decides nothing: the answer service cites what it returns.

    >>> parse_reference("Art. 49(1)(a) GDPR")[0][:2]
    ('gdpr-article', '49')
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("named_articles.yaml")
_FIELDS = {"id", "docs", "text", "number", "heading", "parts", "source", "pad", "code", "alone", "label", "dotted"}
_GENERIC = {"n": r"\S+", "para": r"\d{1,2}", "point": r"[a-z]", "roman": r"[IVX]{1,4}", "item": r"\d{1,2}"}
_VERSION_YEAR = re.compile(r"(?:version|rédaction|wording)\s+(?:de\s+|du\s+|of\s+|en vigueur en\s+)?(\d{4})\b|\b(\d{4})\s+(?:version|wording)", re.I)
MAX_PARTS = 2
# words that ask what a part says, about nothing in particular (folded, cut as scope.content_words cuts)
_ASKING = frozenset({"dit", "prevo", "conti", "enonc", "impos", "say", "says", "state", "provi", "requi", "what",
                     "does", "quoi", "text", "texte", "exact", "word", "wordi", "mot", "pour", "selon", "cite", "citer",
                     # the words of a text's name left around its reference ("du code de la santé publique")
                     "code", "publi", "sante", "csp", "loi", "law", "refer", "regle", "regul", "versi"})


@dataclass(frozen=True)
class Entry:
    id: str
    docs: tuple[str, ...]
    text: tuple[re.Pattern, ...]
    number: tuple[re.Pattern, ...]
    heading: str
    label: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    pad: int = 0
    code: bool = False
    alone: bool = False
    dotted: bool = False  # a number written with dots and a letter ("19.6.d"), kept as written


@dataclass(frozen=True)
class NamedPart:
    """A part of `doc_id` the question names: its body is `text[start:end]` (heading left out)."""
    entry: str
    doc_id: str
    label: str      # "Article 49 (1) (a)", "EXI 28", "Article R1111-11 II"
    start: int
    end: int


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """The entries of named_articles.yaml; an entry without a source or with an unknown field is refused."""
    out = []
    for row in yaml.safe_load(_DATA.read_text(encoding="utf-8")):
        unknown = set(row) - _FIELDS
        if unknown or not row.get("source"):
            raise ValueError(f"named_articles.yaml: entry {row.get('id')!r}: "
                             + (f"unknown fields {sorted(unknown)}" if unknown else "no source"))
        out.append(Entry(id=row["id"], docs=tuple(row["docs"]),
                         text=tuple(re.compile(p, re.I) for p in row.get("text") or ()),
                         number=tuple(re.compile(p, re.I) for p in row["number"]),
                         heading=row["heading"], label=row.get("label") or "Article {n}", parts=tuple((k, tuple(v)) for k, v in (row.get("parts") or {}).items()),
                         pad=int(row.get("pad") or 0), code=bool(row.get("code")), alone=bool(row.get("alone")),
                         dotted=bool(row.get("dotted"))))
    return tuple(out)


def parse_reference(question: str) -> list[tuple[str, str, dict, int, int]]:
    """(entry id, number as the text writes it, sub-part groups, position in the question, distance to
    the text's name or -1 when the question does not name the text), every reference found."""
    found = []
    for e in entries():
        names = [m.start() for p in e.text for m in p.finditer(question)]
        taken: list[tuple[int, int]] = []
        for pattern in e.number:
            for m in pattern.finditer(question):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                groups = {k: v for k, v in m.groupdict().items() if v and k != "n"}
                if "roman2" in groups:
                    groups["roman"] = groups.pop("roman2")
                n = _written(e, m.group("n"))
                near = min((abs(p - m.start()) for p in names), default=-1) if e.text else 0
                found.append((e.id, n, groups, m.start(), near))
    return found


def _written(e: Entry, n: str) -> str:
    if e.code:  # "R. 1111-11", "R.1111-11" -> "R1111-11", as Légifrance heads the article
        return re.sub(r"[.\s]", "", n).upper()
    if e.dotted:  # "19.6.D" -> "19.6.d", as SecNumCloud heads its requirements
        return n.lower()
    return f"{int(n):0{e.pad}d}" if e.pad else str(int(n))


def named_parts(question: str, documents: dict, as_of: dt.date | None = None) -> list[NamedPart]:
    """The parts the question names that the corpus holds, in the order named (at most MAX_PARTS)."""
    by_id = {e.id: e for e in entries()}
    refs = parse_reference(question)
    out: list[NamedPart] = []
    for pos in sorted({r[3] for r in refs}):
        here = [r for r in refs if r[3] == pos]
        # one reference, several texts it could be of: the text named nearest; else the only text holding it
        named = sorted((r for r in here if r[4] >= 0), key=lambda r: r[4])
        candidates = named[:1] if named else [r for r in here if by_id[r[0]].alone]
        parts = [p for r in candidates if (p := _locate(by_id[r[0]], r[1], r[2], documents, question, as_of))]
        if len(parts) == 1 or (named and parts):
            if all((p.doc_id, p.start, p.end) != (q.doc_id, q.start, q.end) for q in out):
                out.append(parts[0])
    return out[:MAX_PARTS]


def _locate(e: Entry, n: str, groups: dict, documents: dict, question: str, as_of) -> NamedPart | None:
    heading = re.compile(e.heading.replace("{n}", re.escape(n)), re.M)
    holding = [(documents[d], m) for d in e.docs if d in documents and (m := heading.search(documents[d].text))]
    if not holding:
        return None
    doc, m = _version(holding, question, as_of)
    text = doc.text
    line_end = text.find("\n", m.start())
    start = line_end + 1 if line_end >= 0 else len(text)  # the body, after the heading line
    level = len(m.group(0)) - len(m.group(0).lstrip("#"))
    stop = re.compile(r"^#{1,%d}\s" % level, re.M) if level else None
    nxt = stop.search(text, start) if stop else None
    end = nxt.start() if nxt else len(text)
    label = e.label.replace("{n}", n)
    for kind, patterns in e.parts:  # narrow to the sub-part named, in the data's order (paragraph, then point)
        value = groups.get(kind)
        if not value:
            continue
        span = _sub_part(text, start, end, kind, value, e.parts)
        if span is None:
            return None  # a sub-part the text does not hold (a fragment): nothing, not its neighbour
        start, end = span
        label += f" ({value})" if kind in ("para", "point") else f" {value}" + ("°" if kind == "item" else "")
    return NamedPart(entry=e.id, doc_id=doc.doc_id, label=label, start=start, end=end)


def _version(holding, question: str, as_of):
    """The document (and heading match) whose validity holds the year the question gives its version,
    else the question's date; else the one that began last before that date."""
    if len(holding) == 1:
        return holding[0]
    m = _VERSION_YEAR.search(question)
    day = dt.date(int(m.group(1) or m.group(2)), 7, 1) if m else (as_of or dt.date.today())

    def valid(doc):
        a = dt.date.fromisoformat(doc.valid_from) if doc.valid_from else dt.date.min
        b = dt.date.fromisoformat(doc.valid_to) if doc.valid_to else dt.date.max
        return a, b
    for doc, hm in holding:
        a, b = valid(doc)
        if a <= day < b:
            return doc, hm
    began = [h for h in holding if valid(h[0])[0] <= day]
    return max(began or holding, key=lambda h: valid(h[0])[0])


def _sub_part(text: str, start: int, end: int, kind: str, value: str, parts) -> tuple[int, int] | None:
    kinds = [k for k, _ in parts]
    own = [re.compile(p.replace("{%s}" % kind, re.escape(value)), re.M) for p in dict(parts)[kind]]
    hit = min((m for p in own if (m := p.search(text, start, end))), key=lambda m: m.start(), default=None)
    if hit is None:
        return None
    # ends at the next line of this kind or of a kind above it
    above = [re.compile(p.replace("{%s}" % k, _GENERIC[k]), re.M) for k in kinds[:kinds.index(kind) + 1]
             for p in dict(parts)[k]]
    line_end = text.find("\n", hit.start())
    after = line_end + 1 if 0 <= line_end < end else end
    nxt = min((m.start() for p in above if (m := p.search(text, after, end))), default=end)
    return hit.start(), nxt


def _without_references(question: str) -> str:
    """The question without the references and text names it holds ("article 44 du RGPD")."""
    for e in entries():
        for p in e.number + e.text:
            question = p.sub(" ", question)
    return question


def best_sentence(part: NamedPart, chunks, question: str, similarity=None):
    """The quotable sentence (`assistant.answer.sentences.Sentence`) of `part` closest to the question:
    the index's cosine (the better of bare and in context, when `similarity` gives them) plus the share
    of the question's content words it holds; the part's first sentence on a tie. None when the part
    holds no quotable sentence."""
    from assistant.answer.scope import content_words
    from assistant.answer.sentences import sentences

    units = [s for c in chunks if c.doc_id == part.doc_id and c.start < part.end and part.start < c.end
             for s in sentences(c) if part.start <= s.start and s.end <= part.end]
    units = sorted({(s.start, s.end): s for s in units}.values(), key=lambda s: s.start)
    if not units:
        return None
    asked = content_words(_without_references(question))
    if not asked - _ASKING:  # "Que dit l'article 44 du RGPD ?": the part's opening sentence
        return units[0]
    if not any(asked & content_words(u.text) for u in units):
        # no word of the question in the part (a French question on the English GDPR, "Que dit le
        # considérant 53 du RGPD sur les données de santé ?"): the cosines alone are near-equal over
        # the part's sentences (0.82-0.84 over Article 28's twenty), so the part's opening sentence,
        # its principal statement, is quoted as when the question asks what it says (round 19)
        return units[0]
    cos = similarity([(s.passage.doc_id, s.start, s.end) for s in units], [s.text for s in units]) if similarity else None

    def score(i: int) -> float:
        c = 0.0
        if cos is not None:
            row = [float(x) for x in cos[i] if x == x]
            c = max(row) if row else 0.0
        shared = len(asked & content_words(units[i].text)) / max(1, len(asked))
        return c + 0.5 * shared
    best = max(range(len(units)), key=lambda i: (score(i), -i))
    return units[best]
