"""Structure-aware chunking: cut a `Document` along its own units, with exact offsets.

Units followed (the label becomes the chunk's `section`):

| text | marker | section |
| --- | --- | --- |
| doctrine rules | `#### Règle 7`, `**Règle 7**`, `* **Règle 7**`, `[R9] ...` | `R7`, `R9` |
| CSP articles | `###### Article L1111-8`, a bare `Article R1111-8-8` line, paragraphs `I.-`, `II. –` | `Article L1111-8 > II` |
| HDS requirements | `## [EXI 28]` | `EXI 28` |
| GDPR | `## Article 48 — ...`, `## Recital 35` | `Article 48`, `Recital 35` |
| FAQ | a heading or a bold line ending with `?` (never merged with its siblings) | `Périmètre > Quel est ... ?` |
| any markdown | `#`...`######` headings | the heading path, e.g. `19 Exigences supplémentaires > 19.6 ... > 19.6.c` |
| text without headings (the seed article) | blank-line paragraphs | `§ 3–5` |

Every chunk satisfies `doc.text[chunk.start:chunk.end] == chunk.text`; whitespace around a
chunk is dropped by moving its offsets, never by editing text. Long units are split at
paragraph, then line, then sentence boundaries (about 120-250 words, at most ~350); tiny
pieces are merged with a neighbour of the same section. YAML front matter and lone `---`
rules are left out of every chunk.

This module does not embed, index or read files.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ingest.documents import Document

CHUNKER_VERSION = "6"
TARGET_WORDS = 250   # split long units into pieces of about this size
TABLE_TARGET = 120   # a table's rows are separate facts: smaller pieces keep one fact findable
MAX_WORDS = 350      # no chunk above this (unless one unbreakable word run)
MIN_WORDS = 60       # a split-off tail below this goes back to its neighbour
MERGE_UNTIL = 150    # small sibling sections are packed together up to this size
CRUMB_WORDS = 12     # a non-unit piece this small (a heading alone) joins the next piece

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EXI = re.compile(r"^\[\s*(EXI)\s*(\d+)\s*\]")
_ARTICLE = re.compile(r"^Article\s+([LRD]\.?\s?\d[\d-]*|\d+)\b")
_BARE_ARTICLE = re.compile(r"^Article\s+[LRD]\.?\s?\d+(?:-\d+)*\s*$")
_RECITAL = re.compile(r"^Recital\s+(\d+)\b")
_BOLD_RULE = re.compile(r"^(?:[*-]\s+)?\*\*\s*R[èe]gle\s+(\d+)\s*\*\*\s*$")
_RULE_TITLE = re.compile(r"^R[èe]gle\s+(\d+)\s*$")
_BRACKET_RULE = re.compile(r"^\[R(\d+)\]\s")
_QUESTION = re.compile(r"^\*\*\s*(.+?\?)\s*\*\*\s*$")
_ROMAN_PARAGRAPH = re.compile(r"^([IVX]{1,6})\s?\.\s?[-–]")
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*(?:\.[a-z])?(?:\s|$)")
_FENCE = re.compile(r"^\s*```")
_FRONT_KEY = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:|\s+\S)")
_WORD = re.compile(r"\S+")
_PARA_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE_END = re.compile(r"[.!?…;][»”\")\]]*\s+(?=[«\"“(\[A-ZÀ-ÖØ-Þ0-9-])")


@dataclass(frozen=True)
class Chunk:
    """A piece of a document: `document.text[start:end] == text`."""
    doc_id: str
    section: str
    start: int
    end: int
    text: str

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.start}-{self.end}"

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True)
class _Heading:
    label: str
    level: int
    root: bool   # a self-identifying legal unit: the section path restarts here
    unit: bool   # a citation unit: never merged with its siblings


@dataclass
class _Segment:
    start: int
    end: int
    path: tuple[_Heading, ...]
    body: bool          # has text besides its heading line
    after_gap: bool     # an excluded block (front matter, rule) precedes it


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _front_matter_end(lines: list[tuple[int, int, str]], i: int) -> int | None:
    """Index of the closing `---` of a YAML front matter opening at line `i`, if any."""
    keys = 0
    for j in range(i + 1, min(i + 40, len(lines))):
        line = lines[j][2]
        if line.strip() == "---":
            return j if keys else None
        if not line.strip():
            continue
        if not _FRONT_KEY.match(line):
            return None
        keys += 1
    return None


def _heading_of(line: str, stack: list[_Heading]) -> _Heading | None:
    """The heading a line opens, or None for a body line."""
    md = _MD_HEADING.match(line)
    if md:
        level, title = len(md.group(1)), md.group(2).strip().strip("*").strip()
        if m := _EXI.match(title):
            return _Heading(f"{m.group(1)} {int(m.group(2)):02d}", level, True, True)
        if m := _ARTICLE.match(title):
            return _Heading(f"Article {m.group(1)}", level, True, True)
        if m := _RECITAL.match(title):
            return _Heading(f"Recital {m.group(1)}", level, True, True)
        if m := _RULE_TITLE.match(title):
            return _Heading(f"R{int(m.group(1))}", level, True, True)
        label = title if len(title) <= 110 else title[:107].rstrip() + "…"
        return _Heading(label, level, False, bool(_NUMBERED.match(title)) or title.endswith("?"))
    if _BARE_ARTICLE.match(line):
        return _Heading(line.strip(), 6, True, True)
    if m := (_BOLD_RULE.match(line) or _BRACKET_RULE.match(line)):
        return _Heading(f"R{int(m.group(1))}", 7, True, True)
    if m := _QUESTION.match(line):
        return _Heading(m.group(1).strip(), 7, False, True)
    if (m := _ROMAN_PARAGRAPH.match(line)) and any(h.label.startswith("Article ") for h in stack):
        return _Heading(m.group(1), 8, False, True)
    return None


def _segments(text: str) -> list[_Segment]:
    """Cut the text at every heading and around excluded blocks."""
    lines = list(_lines(text))
    stack: list[_Heading] = []
    segments: list[_Segment] = []
    current: _Segment | None = None
    gap = False
    in_fence = False
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        if not in_fence and line.strip() == "---":
            closing = _front_matter_end(lines, i)
            current, gap = None, True
            i = (closing if closing is not None else i) + 1
            continue
        heading = None if in_fence else _heading_of(line, stack)
        if _FENCE.match(line):
            in_fence = not in_fence
        if heading:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            body_on_line = bool(_BRACKET_RULE.match(line) or _ROMAN_PARAGRAPH.match(line))
            current = _Segment(start, end, tuple(stack), body_on_line, gap)
            segments.append(current)
            gap = False
        elif line.strip():
            if current is None:
                current = _Segment(start, end, tuple(stack), True, gap)
                segments.append(current)
                gap = False
            current.end, current.body = end, True
        i += 1
    return segments


def _section(path: tuple[_Heading, ...], drop_h1: bool) -> str:
    roots = [i for i, h in enumerate(path) if h.root]
    if roots:
        path = path[roots[-1]:]
    elif drop_h1:
        path = tuple(h for h in path if h.level > 1) or path
    return " > ".join(h.label for h in path)


def _is_unit(seg: _Segment) -> bool:
    return bool(seg.path) and seg.path[-1].unit


def _glue(segments: list[_Segment], text: str) -> list[tuple[int, int, tuple[_Heading, ...]]]:
    """Join crumbs (a lone heading, a stray line) to the next piece and pack small sibling
    sections that are not citation units; return (start, end, section path) spans."""
    merged: list[_Segment] = []
    pending: _Segment | None = None
    for seg in segments:
        if pending is not None:
            if seg.after_gap:
                if pending.body:  # a lone heading cut off by front matter carries nothing
                    merged.append(pending)
            else:
                path = seg.path
                if pending.body:  # two pieces with text: name them by what they share
                    shared = 0
                    while shared < min(len(path), len(pending.path)) and path[shared] == pending.path[shared]:
                        shared += 1
                    path = path[:shared] or path
                seg = _Segment(pending.start, seg.end, path, seg.body, pending.after_gap)
            pending = None
        small = word_count(text[seg.start:seg.end]) < CRUMB_WORDS
        if not seg.body or (small and not _is_unit(seg)):
            pending = seg
            continue
        merged.append(seg)
    if pending is not None:
        merged.append(pending)

    spans: list[tuple[int, int, tuple[_Heading, ...]]] = []
    group: list[_Segment] = []

    def flush():
        if not group:
            return
        path = group[0].path if len(group) == 1 else group[0].path[:-1]
        spans.append((group[0].start, group[-1].end, path))
        group.clear()

    for seg in merged:
        words = word_count(text[seg.start:seg.end])
        packable = not _is_unit(seg) and len(seg.path) > 1 and words < MERGE_UNTIL
        if group and packable and not seg.after_gap and seg.path[:-1] == group[0].path[:-1] \
                and word_count(text[group[0].start:seg.end]) <= MERGE_UNTIL + 50:
            group.append(seg)
            continue
        flush()
        if packable:
            group.append(seg)
        else:
            spans.append((seg.start, seg.end, seg.path))
    flush()
    return spans


def _atoms(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Trimmed sub-spans no longer than `limit` words: paragraphs, else lines, else sentences,
    else word runs."""
    def cut(s: int, e: int, pattern: re.Pattern | None) -> list[tuple[int, int]]:
        if pattern is None:  # word runs
            words = list(_WORD.finditer(text, s, e))
            return [(words[k].start(), words[min(k + limit, len(words)) - 1].end())
                    for k in range(0, len(words), limit)]
        pieces, pos = [], s
        for m in pattern.finditer(text, s, e):
            boundary = m.end() if pattern is _SENTENCE_END else m.start()
            pieces.append((pos, boundary))
            pos = m.end() if pattern is not _SENTENCE_END else boundary
        pieces.append((pos, e))
        return [p for p in (_trim(text, a, b) for a, b in pieces) if p[1] > p[0]]

    levels = [_PARA_BREAK, re.compile(r"\n"), _SENTENCE_END, None]

    def split(s: int, e: int, depth: int) -> list[tuple[int, int]]:
        if word_count(text[s:e]) <= limit or depth == len(levels):
            return [(s, e)]
        parts = cut(s, e, levels[depth])
        if len(parts) <= 1:
            return split(s, e, depth + 1)
        return [a for p in parts for a in split(p[0], p[1], depth + 1)]

    s, e = _trim(text, start, end)
    return split(s, e, 0) if e > s else []


def _is_table(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and sum(line.lstrip().startswith("|") for line in lines) * 2 >= len(lines)


def _pack(text: str, atoms: list[tuple[int, int]], target: int = TARGET_WORDS) -> list[tuple[int, int]]:
    """Group consecutive atoms into pieces of about `target` words, none above MAX_WORDS."""
    sizes = [word_count(text[a:b]) for a, b in atoms]
    total = sum(sizes)
    if total <= MAX_WORDS and target == TARGET_WORDS:
        return [(atoms[0][0], atoms[-1][1])] if atoms else []
    if not atoms:
        return []
    goal = total / max(1, math.ceil(total / target))
    pieces: list[list[int]] = []
    words = 0
    for k, size in enumerate(sizes):
        if pieces and words and (words + size > MAX_WORDS or (words + size > goal * 1.15 and words >= goal * 0.6)):
            pieces.append([k])
            words = size
        elif pieces:
            pieces[-1].append(k)
            words += size
        else:
            pieces.append([k])
            words = size
    if len(pieces) > 1 and sum(sizes[k] for k in pieces[-1]) < MIN_WORDS \
            and sum(sizes[k] for k in pieces[-2] + pieces[-1]) <= MAX_WORDS:
        pieces[-2].extend(pieces.pop())
    return [(atoms[p[0]][0], atoms[p[-1]][1]) for p in pieces]


def _paragraph_numbers(text: str) -> list[int]:
    """Start offsets of the blank-line paragraphs of a text without headings."""
    starts, pos = [], 0
    for block in re.split(r"(\n[ \t]*\n\s*)", text):
        if block.strip() and not block.startswith("\n"):
            starts.append(pos + len(block) - len(block.lstrip()))
        pos += len(block)
    return starts


def chunk_document(doc: Document) -> list[Chunk]:
    """The chunks of one document, in reading order."""
    text = doc.text
    segments = _segments(text)
    has_headings = any(seg.path for seg in segments)
    h1_count = len({h for seg in segments for h in seg.path if h.level == 1})
    drop_h1 = h1_count == 1
    chunks: list[Chunk] = []
    paragraph_starts = [] if has_headings else _paragraph_numbers(text)
    for start, end, path in _glue(segments, text):
        target = TABLE_TARGET if _is_table(text[start:end]) else TARGET_WORDS
        for s, e in _pack(text, _atoms(text, start, end, target), target):
            if has_headings:
                section = _section(path, drop_h1)
                if not section:
                    h1 = next((h.label for seg in segments for h in seg.path if h.level == 1), "")
                    section = h1 or doc.title
            else:
                first = sum(1 for p in paragraph_starts if p <= s)
                last = sum(1 for p in paragraph_starts if p < e)
                section = f"§ {first}" if first == last else f"§ {first}–{last}"
            chunks.append(Chunk(doc.doc_id, section, s, e, text[s:e]))
    return chunks

