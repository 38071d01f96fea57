"""Split a passage into quotable sentences, each located by offsets in its document.

A quotable sentence is a line or a sentence of a line, trimmed of list bullets, bold
markers and blank space by moving its offsets (never by changing text), so that
`document.text[start:end] == text` always holds. Headings, front matter and fragments too
short to stand alone are left out; a sentence longer than `MAX_CHARS` is quoted by its clauses
(`clauses`, round 19). It does not score or choose sentences.

`table_rows(passage)`: the rows of a Markdown table (which `sentences` leaves out, and ingest does
not embed) as quotable units for the answer: one row, label cell and statement cell together
("Entre 1 et 9 millions d'euros| L’entité porteuse … DINUM."), located the same way.

`whole_unit(text, start, end)`: a located span (a rule's basis, a registry fact's quote) widened to
the whole sentence it was cut from, with the clause chain a lead-in ending with ":" announces and
the rest of a quotation it opens, so that a differently cut span of the same sentence is inside it;
a sentence that opens by pointing back ("Cette confiance…", "Such data…") starts with the sentence
before it in its paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.domain import Passage

_SENTENCE_END = re.compile(r"(?<=[.!?…])[»”\"]?\s+(?=[«“\"(]?[A-ZÀ-ÖØ-Ý0-9])")
# Abbreviations after which a period does not end a sentence.
# "No." and "Art." as written at the start of an English title ("Decree No. 2026-209 of March 24, 2026"
# was cut after "No.", round 21) are abbreviations too.
_ABBREV = re.compile(r"(?:\b(?:art|Art|n°|no|No|al|cf|p|pp|ex|etc|M|Mme|MM|Dr|St|v|vs|e\.g|i\.e|L|R|D|ord|req|éd|chap)\.|\b[A-Z]\.)$")
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


# a line of a text's record of fields ("Date de signature :05/07/2021 Statut du texte :En vigueur"):
# a label of a few words, a colon, its value at once (not a web address)
_FIELD_LINE = re.compile(r"^[A-ZÀ-Ý][^:\n]{2,40} ?:(?!//)\S")
FIELD_LINE_MAX = 120


def field_records(text: str) -> list[tuple[int, int]]:
    r"""(start, end) in `text` of each block of two or more consecutive field lines: one quotable unit
    (round 22). Each line is a label line, too short to be a statement, so none was quotable and the
    dates a question asked for (« date de signature et de publication de la circulaire … de 2021 »,
    blind19 b19-ans-83) could not be quoted; the block says them together, as its text lays them out.

    >>> field_records("Titre\nDate de signature :05/07/2021\nDate de publication :09/07/2021\n\nTexte.")
    [(6, 67)]
    """
    out, block, offset = [], [], 0
    for line in text.split("\n") + [""]:
        stripped = line.strip()
        if _FIELD_LINE.match(stripped) and len(stripped) <= FIELD_LINE_MAX:
            block.append((offset, offset + len(line.rstrip())))
        else:
            if len(block) >= 2:
                out.append((block[0][0], block[-1][1]))
            block = []
        offset += len(line) + 1
    return out


def _raw_sentences(passage: Passage) -> list[Sentence]:
    out: list[Sentence] = []
    records = field_records(passage.text)
    for a, b in records:
        out.append(Sentence(passage, passage.text[a:b], passage.start + a, passage.start + b))
    offset = 0
    for line in passage.text.split("\n"):
        line_start = offset
        offset += len(line) + 1
        if not line.strip() or _SKIP_LINE.match(line.strip()):
            continue
        if any(a <= line_start < b for a, b in records):
            continue
        for a, b in _split_line(line):
            text, rel = _trim(line[a:b], line_start + a)
            if len(text) < MIN_CHARS or not re.search(r"[a-zà-ÿ]{3}", text):
                continue
            if text.rstrip("*» ").endswith("?"):  # a question in a text is not an answer
                continue
            if len(text.split()) < 12 and not text.rstrip("*»”\" ").endswith((".", ";", ":", "!", ")")):
                continue  # a title or a label line, not a statement
            for i, j in clauses(text) if len(text) > MAX_CHARS else [(0, len(text))]:
                start = passage.start + rel + i
                out.append(Sentence(passage, text[i:j], start, start + j - i))
    return sorted(out, key=lambda x: x.start)


_CLAUSE_END = re.compile(r"[;,]\s+")


def clauses(text: str, limit: int = MAX_CHARS) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of the clauses an over-long sentence is quoted by: the fewest
    pieces of at most `limit` characters, cut after a semicolon when that is enough, else after a
    comma, each cut the nearest to an equal share; [] when no such cut exists (the sentence is left
    out, as before round 19). Before round 19 a sentence longer than `limit` was never quotable, so
    the decisive clause of a long sentence (SREN art. 32's IV, 903 characters; GDPR recital 53's
    first sentence, 966) could not be quoted at all.

    >>> clauses("a" * 30 + ", " + "b" * 30 + ".", limit=40)
    [(0, 31), (32, 63)]
    """
    for pattern in (r";\s+", _CLAUSE_END.pattern):
        marks = [(m.start() + 1, m.end()) for m in re.finditer(pattern, text)]
        for k in range(-(-len(text) // limit), len(marks) + 2):
            pieces, begin = [], 0
            for share in range(1, k):
                target = len(text) * share / k
                later = [m for m in marks if m[0] > begin]
                if not later:
                    break
                end, nxt = min(later, key=lambda m: abs(m[0] - target))
                pieces.append((begin, end))
                begin = nxt
            pieces.append((begin, len(text)))
            if len(pieces) == k and all(MIN_CHARS <= b - a <= limit for a, b in pieces):
                return pieces
    return []


UNIT_MAX = 700  # a widened unit longer than this keeps the narrower span
# A sentence that opens by pointing back to the one before it (a demonstrative, "une telle", "such",
# a plural pronoun) says nothing alone: "Cette confiance … est donnée au travers de l'obligation
# d'être certifiés HDS" needs "Par cet encadrement, le législateur souhaite garantir la confiance dans
# les tiers auxquels des structures … confient les données de santé". Its unit starts one sentence
# earlier in its paragraph (round 11). "Il"/"It" are left out: often impersonal ("Il est interdit…").
_POINTS_BACK = re.compile(
    r"^[«“\"(]?\s*(?:Cette|Cet|Ces|Ce(?=\s+[a-zà-ÿ]{3,}\s)|Celles?|Celui|Ceux|Ceci|Cela|Une\s+telle|Un\s+tel|"
    r"De\s+tel(?:le)?s|Tel(?:le)?s?|Ledit|Ladite|Lesdit(?:e)?s|Ils|Elles|This|These|Those|Such|They)\b")
_ITEM = re.compile(r"^\s*(?:[•*–-]\s|\d{1,2}\s?°|\d{1,2}[.)]\s|[a-z][.)]\s)")


def whole_unit(text: str, start: int, end: int, limit: int = UNIT_MAX) -> tuple[int, int]:
    """[start, end) widened to the whole sentence(s) of its line it touches (list bullet and blank
    space left out, as `sentences` does); then, while the unit stays within `limit` characters, to
    the end of a quotation it opens (« … ») and to the list items that follow a unit ending with
    ":". Offsets only: `text[a:b]` is the unit. The span itself when even its sentence is longer
    than `limit`. It never crosses a blank-line paragraph except into the items of its lead-in."""
    a, b = _sentence_around(text, start, end)
    if b - a > limit:
        return start, end
    a, b = _unwrapped(text, a, b, limit)
    if _POINTS_BACK.match(text[a:b]):  # "Cette confiance…", "Une telle exigence…": with what it points to
        prev = _previous_sentence(text, a)
        if prev is not None and b - prev[0] <= limit:
            a = prev[0]
    while text[a:b].count("«") > text[a:b].count("»"):  # a quotation opened here ends here
        nxt = _next_sentence(text, b)
        if nxt is None or nxt[1] - a > limit:
            break
        b = nxt[1]
    if text[a:b].rstrip().endswith(":"):
        b = _with_items(text, a, b, limit)
    return a, b


# A line that ends a sentence (or a clause a list or a quotation follows): the next line starts anew.
_ENDS_LINE = re.compile(r"[.!?…:;»”\"]\s*$")


def _wrapped_line(line: str) -> bool:
    """Whether `line` is part of a hard-wrapped paragraph (not blank, a heading, a front-matter or
    table line, nor a list item)."""
    return bool(line.strip()) and not _SKIP_LINE.match(line.strip()) and not _ITEM.match(line)


def _unwrapped(text: str, a: int, b: int, limit: int) -> tuple[int, int]:
    """[a, b) joined across the hard line wraps of its sentence (round 17): a corpus text copied with
    its line breaks (décret 2026-209's note quotes R.1111-9-1 over four lines) is cut at each break by
    `_sentence_around`, so a rule's quote ended "… de l'Union européenne ou partie à". Backwards while
    the line above does not end a sentence, forwards while the unit does not end one and the next
    line goes on, within `limit` characters; never across a blank line, a heading or a list item."""
    while True:
        line_start = text.rfind("\n", 0, a) + 1
        if text[line_start:a].strip() or line_start == 0:
            break
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        above = text[above_start:line_start - 1]
        if not _wrapped_line(above) or _ENDS_LINE.search(above) or _ITEM.match(text[line_start:b]):
            break
        above_end = above_start + len(above.rstrip())
        prev = _sentence_around(text, above_end - 1, above_end)
        if b - prev[0] > limit:
            break
        a = prev[0]
    while not _ENDS_LINE.search(text[a:b]):
        line_end = text.find("\n", b)
        if line_end < 0 or text[b:line_end].strip():
            break
        next_end = text.find("\n", line_end + 1)
        below = text[line_end + 1:len(text) if next_end < 0 else next_end]
        if not _wrapped_line(below):
            break
        first = line_end + 1 + len(below) - len(below.lstrip())
        nxt = _sentence_around(text, first, first + 1)
        if nxt[1] - a > limit:
            break
        b = nxt[1]
    return a, b


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(start, end - 1))
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    spans = _split_line(line)
    first = max((i for i, (s, _) in enumerate(spans) if line_start + s <= start), default=0)
    last = min((i for i, (_, e) in enumerate(spans) if line_start + e >= end), default=len(spans) - 1)
    piece_start, piece_end = spans[first][0], spans[max(first, last)][1]
    trimmed, rel = _trim(line[piece_start:piece_end], line_start + piece_start)
    a = min(rel, start) if trimmed else start
    return a, max(end, a + len(trimmed))


def _previous_sentence(text: str, before: int) -> tuple[int, int] | None:
    """The sentence that ends before offset `before` in its paragraph: on the same line, or the last
    of the line just above when `before` opens a line (not across a blank line, a heading or a list
    item); None at a paragraph's start."""
    line_start = text.rfind("\n", 0, before) + 1
    head = text[line_start:before]
    if not head.strip() and line_start > 0:  # the line above, in the same paragraph
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        above = text[above_start:line_start - 1]
        if not above.strip() or _SKIP_LINE.match(above.strip()) or _ITEM.match(above):
            return None
        line_start, head = above_start, above
    head = head.rstrip()
    if len(head.strip()) < MIN_CHARS:
        return None
    end = line_start + len(head)
    return _sentence_around(text, end - 1, end)


def _next_sentence(text: str, after: int) -> tuple[int, int] | None:
    """The sentence that follows offset `after` on the same line, or None at the line's end."""
    line_end = text.find("\n", after)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[after:line_end]
    if not rest.strip():
        return None
    a = after + len(rest) - len(rest.lstrip())
    return _sentence_around(text, a, a + 1)


def _with_items(text: str, a: int, b: int, limit: int) -> int:
    """End of what the lead-in [a, b) announces: the line after it, and the list items (bullets,
    1°, a)) that follow, within `limit`."""
    pos, first = b, True
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            return b
        j = nl + 1
        while text.startswith("\n", j):
            j += 1
        line_end = text.find("\n", j)
        line_end = len(text) if line_end < 0 else line_end
        line = text[j:line_end]
        # the line right after the lead-in is what it announces; then only list items
        if not (_ITEM.match(line) or (first and line.strip() and not _SKIP_LINE.match(line.strip()))) \
                or line_end - a > limit:
            return b
        b = pos = j + len(line.rstrip())
        first = False


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
