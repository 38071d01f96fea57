"""Duties enumerated in the corpus texts (GDPR art. 28 and 44-49, the doctrine's rules, SREN art.
32, SecNumCloud's annex 2, the e-santé FAQ, décret 2026-209), read from `duties.yaml`.

Each duty names its place in a text, not its words: a reference (document, section, point), the
one bound by it, its condition, the plain words of what it requires and the first word by the
question's modality. `passage(text, section, point)` finds the point in the document's own text,
so a duty's quote is always `Document.text[start:end]` and moves when the text does; a reference
the text does not hold raises `DutyError` (the data never invents a point). `as_obligations(docs)`
gives each duty in the form `obligations.py` reads (the passage first among its sources), so the
obligation matcher and answer serve duties too. This module does not match questions.

Reference grammar (`point`, inside the section whose heading starts with `section`):
- "3" is the paragraph numbered "3." at the start of a line (its first line only);
- "3(a)" or "(a)" is the line starting "(a)" (inside paragraph 3 when a number is given);
- "c)" is the line starting "c)" (SecNumCloud's annex lists);
- "2(c)-(d)" is the run of lines from point (c) to the end of point (d) of paragraph 2 (points of
  one paragraph that one duty states together: one quote, since an answer quotes a section once);
- no point: the section's first paragraph (an empty section: the whole document); `starts` instead: the line of the section starting
  with those words (an unnumbered subparagraph).
A section is a markdown heading ("## Article 28 — Processor", "#### Règle 2", "## [EXI 28]") up to the next
heading, or an inline tag ("[R10]") up to the next line starting with a tag or a heading.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("duties.yaml")
# A document's confidence (its sidecar) -> the basis obligations.yaml writes for its passages.
_BASIS = {"official": "official_text", "press": "press", "secondary": "secondary"}


class DutyError(ValueError):
    """A duty whose reference the document does not hold."""


def _section(text: str, section: str) -> tuple[int, int]:
    """(start, end) of the section's body: after its heading line, up to the next heading or tag;
    the whole text for an empty section (a document without headings)."""
    if not section:
        return 0, len(text)
    if is_inline_tag(text, section):
        m = re.search(r"(?m)^" + re.escape(section), text)
        start = m.start()
        nxt = re.compile(r"(?m)^(?:#|\[R\d+\])").search(text, m.end())
        return start, nxt.start() if nxt else len(text)
    m = re.search(r"(?m)^(#+)\s+" + re.escape(section) + r"(?![\w])", text)
    if m is None:
        raise DutyError(f"no section {section!r}")
    body = text.index("\n", m.end()) + 1 if "\n" in text[m.end():] else len(text)
    nxt = re.compile(r"(?m)^#{1,%d}\s" % len(m.group(1))).search(text, body)
    return body, nxt.start() if nxt else len(text)


def is_inline_tag(text: str, section: str) -> bool:
    """Whether `section` is an inline tag starting a line ("[R10] …"); a bracketed heading ("## [EXI 28]",
    the HDS referential's requirements) is a heading."""
    return section.startswith("[") and re.search(r"(?m)^" + re.escape(section), text) is not None


def _line(text: str, start: int, limit: int) -> tuple[int, int]:
    end = text.find("\n", start, limit)
    end = limit if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def passage(text: str, section: str, point: str | None = None, starts: str | None = None) -> tuple[int, int]:
    """(start, end) in `text` of the point a reference names (see the module docstring)."""
    if point and "-" in point:  # a run of consecutive points ("2(c)-(d)"): from the first to the last
        first, last = point.split("-", 1)
        number = re.match(r"\d*", first).group(0)
        start, _ = passage(text, section, first)
        _, end = passage(text, section, number + last)
        if end <= start:
            raise DutyError(f"points {point!r} out of order in {section!r}")
        return start, end
    lo, hi = _section(text, section)
    if is_inline_tag(text, section):  # an inline tag: the tagged line itself
        return _line(text, lo, hi)
    if starts:
        m = re.compile(r"(?m)^" + re.escape(starts)).search(text, lo, hi)
        if m is None:
            raise DutyError(f"no line starting {starts!r} in {section!r}")
        return _line(text, m.start(), hi)
    if not point:
        m = re.compile(r"(?m)^\S").search(text, lo, hi)
        if m is None:
            raise DutyError(f"section {section!r} is empty")
        return _line(text, m.start(), hi)
    ref = re.fullmatch(r"(\d+)?(?:\(([a-z])\))?|([a-z])\)", point)
    if ref is None:
        raise DutyError(f"unreadable point {point!r}")
    number, letter, listed = ref.groups()
    if number:
        m = re.compile(r"(?m)^" + number + r"\.\s").search(text, lo, hi)
        if m is None:
            raise DutyError(f"no paragraph {number} in {section!r}")
        following = re.compile(r"(?m)^" + str(int(number) + 1) + r"\.\s").search(text, m.end(), hi)
        lo, hi = (m.start(), following.start() if following else hi)
        if not letter:
            return _line(text, lo, hi)
    head = "(" + letter + ")" if letter else listed + ")"
    m = re.compile(r"(?m)^" + re.escape(head) + r"\s").search(text, lo, hi)
    if m is None:
        raise DutyError(f"no point {point!r} in {section!r}")
    return _line(text, m.start(), hi)


@lru_cache(maxsize=1)
def duties() -> list[dict]:
    """Every duty of the data file, in file order (references not yet resolved)."""
    return yaml.safe_load(_DATA.read_text(encoding="utf-8"))


def _source(ref: dict, documents: dict) -> dict:
    doc = documents[ref["doc"]]
    try:
        start, end = passage(doc.text, ref["section"], ref.get("point"), ref.get("starts"))
    except DutyError as e:
        raise DutyError(f"{ref['doc']}: {e}") from None
    return {"doc_id": doc.doc_id, "quote": doc.text[start:end], "basis": _BASIS[doc.confidence]}


def as_obligations(documents: dict) -> list[dict]:
    """Each duty as an obligation record of `obligations.yaml`'s form: its own passage first, then
    the passages it rests on (`also`), read from `documents` (doc_id -> Document). A duty whose
    document is not among `documents` is left out; a point its document does not hold raises."""
    out = []
    for d in duties():
        if any(r["doc"] not in documents for r in [d["ref"], *d.get("also", [])]):
            continue  # a corpus without the text (a test corpus): the duty is not offered
        sources = [_source(r, documents) for r in [d["ref"], *d.get("also", [])]]
        version = {"from": d["from"], "says": d["says"], "sources": sources}
        if d.get("until"):
            version["until"] = d["until"]
        raw = {"id": d["id"], "asks": d["asks"], "describes": d.get("describes", []), "concepts": d["concepts"],
               "applies_to": d["binds"], "answers": d["answers"], "versions": [version]}
        for key in ("forms", "when", "customers", "missing", "overrides", "refines"):
            if key in d:
                raw[key] = d[key]
        out.append(raw)
    return out


@lru_cache(maxsize=1)
def corpus_obligations() -> list[dict]:
    """`as_obligations` over the configured corpus (`HDS_CORPUS_DIR`, the texts the index holds)."""
    from assistant.config import settings
    from ingest.documents import documents_by_id

    return as_obligations(documents_by_id(settings().corpus_dir))
