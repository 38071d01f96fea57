"""Render a collected source text to the plain words of the document (a build-time helper of
`build_corpus.py`, never run at run time).

What it does: cuts a part out of a source file between two markers, turns Markdown and HTML
markup into text (links to their words, emphasis dropped, `<hN>` and lines that are only a
bold question or a bold "Règle N" into `#` headings, list bullets into "•", table rules and
front matter dropped), and removes the collectors' own bracketed notes ("[EXCERPT TRUNCATED…]",
"[... omitted ...]", "[timeline boxes, text only:]", "[button:] …") and their "[...]" cuts
between quoted fragments (a quotation's own "[…]" stays), returning the notes so the builder
can file them in the sidecar.

What it does not do: change, translate or reorder a single word of the document. Markdown `#`
headings are kept: they are the document's own headings and the chunker reads them.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>\s*(.*?)\s*</h\1\s*>", re.S | re.I)
_HTML_BLOCK = re.compile(r"</?(?:div|p|section|article|header|footer|ul|ol|table|tr)\b[^>]*>", re.I)
_HTML_BREAK = re.compile(r"<br\s*/?>|</?li\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_AUTOLINK = re.compile(r"\s*\(?<(?:https?|mailto):[^>\s]+>\)?")
_MD_LINK = re.compile(r"\[([^\]\n]+?)\s*\]\((?:[^()\s]|\([^()\s]*\))+\)")
_BARE_URL_PAREN = re.compile(r"\s*\((?:https?://|mailto:)[^)\s]+\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_BOLD_SPAN = re.compile(r"\*\*(?=\S)((?:[^*\n]+\n)+[^*\n]*?)(?<=\S)\*\*")   # emphasis running over a line break
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_BULLET = re.compile(r"^(\s*)[-*+](?:\s+)(?=\S)")
_BOLD_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*\s*(.+?)\s*\*\*\s*$")
_RULE_TITLE = re.compile(r"^R[èe]gle\s+\d+$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*```")
_FRONT_KEY = re.compile(r"^(?:[A-Za-z_][\w-]*\s*:|\s+\S)")
_ELISION = re.compile(r"\[\.\.\.\]")          # the collectors' cut between quoted fragments (ASCII dots)
_LEADING_ELISION = re.compile(r"^(\s*[\"“«]?\s*)\[\.\.\.\]\s*")
_TRAILING_ELISION = re.compile(r"\s*\[\.\.\.\](\s*[\"”»]?)\s*$")
_COLLECTOR_NOTE = re.compile(r"^\s*\[(?:\.\.\.|…)?\s*(?:[A-Za-z][^\]]*?(?:TRUNCATED|OMITTED|omitted|ENDS|ends|text only|button)[^\]]*?|timeline boxes[^\]]*|button:?)(?:\.\.\.|…)?\s*\]:?.*$")


@dataclass
class Rendered:
    text: str
    title: str | None = None           # the front matter's `title`, if any
    notes: list[str] = field(default_factory=list)   # collectors' notes removed from the text


def cut(body: str, start: str | None = None, end: str | None = None, *, include_start: bool = True) -> str:
    """The part of `body` from the first `start` marker (kept unless `include_start` is false:
    then the rest of the marker's line goes too) up to the next `end` marker (excluded)."""
    s = 0
    if start is not None:
        s = body.index(start)
        if not include_start:
            nl = body.find("\n", s)
            s = len(body) if nl < 0 else nl + 1
    e = len(body)
    if end is not None:
        e = body.index(end, s)
    return body[s:e]


def _front_matter(lines: list[str]) -> tuple[list[str], str | None]:
    """Drop YAML front-matter blocks and lone `---` rules; return the lines and the title."""
    out, title, i = [], None, 0
    while i < len(lines):
        if lines[i].strip() == "---":
            j, keys = i + 1, []
            while j < len(lines) and lines[j].strip() != "---" and (not lines[j].strip() or _FRONT_KEY.match(lines[j])):
                keys.append(lines[j])
                j += 1
            if j < len(lines) and lines[j].strip() == "---" and keys:
                for k in keys:
                    m = re.match(r"^title:\s*(.+?)\s*$", k)
                    if m and title is None:
                        title = m.group(1).strip("'\"").replace("''", "'")
                i = j + 1
                continue
            i += 1      # a lone rule
            continue
        out.append(lines[i])
        i += 1
    return out, title


def _inline(line: str) -> str:
    line = _AUTOLINK.sub("", line)
    line = _MD_LINK.sub(lambda m: m.group(1), line)
    line = _BARE_URL_PAREN.sub("", line)
    line = _BOLD.sub(lambda m: m.group(1) or m.group(2), line)
    line = _ITALIC.sub(lambda m: m.group(1), line)
    return line


def render(raw: str, *, promote: tuple[str, ...] = (), drop_lines: tuple[str, ...] = (),
           replace: tuple[tuple[str, str], ...] = ()) -> Rendered:
    """Render one part of a source text (see the module docstring).

    `promote`: lines (exact text after rendering) that are headings the source left unmarked;
    `drop_lines`: prefixes of lines that are collector notes; `replace`: (old, new) pairs applied
    to the raw part first (for a store truncation inside a word).
    """
    for old, new in replace:
        if old not in raw:
            raise ValueError(f"replacement target not found: {old!r}")
        raw = raw.replace(old, new)
    text = _COMMENT.sub("", raw.replace("\r\n", "\n"))
    text = _HTML_HEADING.sub(lambda m: "\n\n" + "#" * int(m.group(1)) + " " + " ".join(m.group(2).split()) + "\n\n", text)
    text = _HTML_BLOCK.sub("\n\n", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = html.unescape(text)
    text = _BOLD_SPAN.sub(lambda m: m.group(1), text)
    lines, title = _front_matter(text.split("\n"))
    out: list[str] = []
    notes: list[str] = []
    level = 0          # level of the last markdown heading of the source
    for line in lines:
        if _FENCE.match(line) or _TABLE_RULE.match(line) and "-" in line:
            continue
        stripped = line.strip()
        if _COLLECTOR_NOTE.match(line) or any(stripped.startswith(p) for p in drop_lines):
            notes.append(stripped)
            continue
        if _ELISION.search(line):
            if stripped == "[...]":
                out.append("")     # a cut ends a paragraph
                continue
            cut_before, cut_after = bool(_LEADING_ELISION.search(line)), bool(_TRAILING_ELISION.search(line))
            line = _TRAILING_ELISION.sub(r"\1", _LEADING_ELISION.sub(r"\1", line))
            line = ("\n" if cut_before else "") + line + ("\n" if cut_after else "")   # a cut ends a paragraph
            if _ELISION.search(line):
                raise ValueError(f"a collector's elision mark inside a line: {line.strip()[:80]!r}")
        if m := _MD_HEADING.match(line):
            level = len(m.group(1))
            out.append(f"{m.group(1)} {_inline(m.group(2)).strip()}")
            continue
        if (m := _BOLD_LINE.match(line)) and (m.group(1).endswith("?") or _RULE_TITLE.match(m.group(1))):
            out.append("#" * min(6, level + 1) + " " + _inline(m.group(1)).strip())
            continue
        line = re.sub(r"^\s+•", "•", _BULLET.sub("• ", line))
        line = re.sub(r"^>\s?", "", line)
        line = _inline(line).rstrip()
        if line.strip() in promote:
            out.append("#" * min(6, level or 3) + " " + line.strip())
            continue
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return Rendered(text=text, title=title, notes=notes)
