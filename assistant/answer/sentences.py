"""Split a passage into quotable sentences, each located by offsets in its document.

A quotable sentence is a line or a sentence of a line, trimmed of list bullets, bold
markers and blank space by moving its offsets (never by changing text), so that
`document.text[start:end] == text` always holds. Headings, front matter and fragments too
short to stand alone are left out. It does not score or choose sentences.

`table_rows(passage)`: the rows of a Markdown table (which `sentences` leaves out, and ingest does
not embed) as quotable units for the answer: one row, label cell and statement cell together
("Entre 1 et 9 millions d'euros| L’entité porteuse … DINUM."), located the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.domain import Passage

_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"]?\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Ý0-9])")
# Abbreviations after which a period does not end a sentence.
_ABBREV = re.compile(r"(?:\b(?:art|n°|no|al|cf|p|pp|ex|etc|M|Mme|MM|Dr|St|v|vs|e\.g|i\.e|L|R|D|ord|req|éd|chap)\.|\b[A-Z]\.)$")
_LEAD = re.compile(r"^(?:[-*•>]\s+|\*\*[\w.]{1,12}\*\*\s*|[\w.]{1,12}\*\*\s+|\*\*|\d+[.)]\s+|[a-z][.)]\s+)+")
_SKIP_LINE = re.compile(r"^(?:#{1,6}\s|---|\||title:|date:|permalink:|menu:|layout:|une:|weight:|image:|\s*\[\d+\]\s*$)")
MIN_CHARS = 30
MAX_CHARS = 900


@dataclass(frozen=True)
class Sentence:
    passage: Passage
    text: str
    start: int  # offsets in the document's normalised text
    end: int


def _trim(line: str, start: int) -> tuple[str, int]:
    indent = len(line) - len(line.lstrip())
    line, start = line[indent:], start + indent
    lead = _LEAD.match(line)
    cut = lead.end() if lead else 0
    stripped = line[cut:]
    start += cut + (len(stripped) - len(stripped.lstrip()))
    text = stripped.strip()
    if text.endswith("**") and text.count("**") % 2 == 1:
        text = text[:-2].rstrip()
    return text, start


def _split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans within one line, merging splits that follow an abbreviation."""
    spans, begin = [], 0
    for m in _SENTENCE_END.finditer(line):
        if _ABBREV.search(line[begin:m.start()]):
            continue
        spans.append((begin, m.start()))
        begin = m.end()
    spans.append((begin, len(line)))
    return spans


def sentences(passage: Passage) -> tuple[Sentence, ...]:
    """Quotable sentences; a sentence ending with ':' is joined to the list item that follows it.

    Remembered per chunk (a passage is immutable and the index fixed in a process); the
    `passage` of each sentence is the chunk without its retrieval score."""
    return _sentences(passage if passage.score == 0.0 else replace(passage, score=0.0))


@lru_cache(maxsize=4096)
def _sentences(passage: Passage) -> tuple[Sentence, ...]:
    found = _raw_sentences(passage)
    out: list[Sentence] = []
    for i, s in enumerate(found):
        if out and out[-1].text.endswith(":") and out[-1].end < s.start:
            intro = out[-1]
            between = passage.text[intro.end - passage.start:s.start - passage.start]
            if "\n" in between and between.strip() in ("", "-", "*", "•") and s.end - intro.start <= MAX_CHARS:
                text = passage.text[intro.start - passage.start:s.end - passage.start]
                out[-1] = Sentence(passage, text, intro.start, s.end)
                continue
        out.append(s)
    return tuple(out)


def _raw_sentences(passage: Passage) -> list[Sentence]:
    out: list[Sentence] = []
    offset = 0
    for line in passage.text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip() or _SKIP_LINE.match(line.strip()):
            continue
        for a, b in _split_line(line):
            text, rel = _trim(line[a:b], line_start + a)
            if len(text) < MIN_CHARS or len(text) > MAX_CHARS or not re.search(r"[a-zà-ÿ]{3}", text):
                continue
            if text.rstrip("*» ").endswith("?"):  # a question in a text is not an answer
                continue
            if len(text.split()) < 12 and not text.rstrip("*»”\" ").endswith((".", ";", ":", "!", ")")):
                continue  # a title or a label line, not a statement
            start = passage.start + rel
            out.append(Sentence(passage, text, start, start + len(text)))
    return out


_TABLE_ROW = re.compile(r"^\s*\|(?P<row>.*\S)\s*\|\s*$")


def table_rows(passage: Passage) -> tuple[Sentence, ...]:
    """The rows of the passage's Markdown tables that make a statement (a cell ending a sentence),
    without their outer pipes; header and rule lines are left out."""
    out = []
    offset = 0
    for line in passage.text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        m = _TABLE_ROW.match(line)
        if not m:
            continue
        row = m.group("row")
        lead = len(row) - len(row.lstrip())
        text = row.strip()
        if len(text) < MIN_CHARS or len(text) > MAX_CHARS or not re.search(r"[.;!]\s*$", text):
            continue
        start = passage.start + line_start + m.start("row") + lead
        out.append(Sentence(passage, text, start, start + len(text)))
    return tuple(out)
