"""The numbered paragraph of a document section that holds a quote, as a citable unit (round 9).

An answer cites each document section once ("one per section"). A numbered article is not one
statement but several: GDPR Article 45(3) (adequacy decisions and their periodic review) and 45(4)
(the Commission's monitoring) answer different questions. When the unit was the whole article,
the first passage cited (a duty's 45(4)) took the article and the paragraph that answered (45(3))
was dropped. So the unit of a quote is its section refined by the numbered paragraph that holds
it, read from the document's own numbering at the start of its lines:
- a line opening with "3. " (or "(3) ", the GDPR's numbered definitions, round 12) is paragraph 3
  of its section; the lines after it, up to the next
  numbered line or heading, belong to it (its lettered points "(a)"… and their continuation);
- a lettered point ("d) ", "(g) ") outside any numbered paragraph is a unit of its own (the
  SecNumCloud annex's recommendations a) to i));
- a quote in no numbered paragraph keeps its section.

The label says the unit in the document's numbering: "Article 45" + 3 -> "Article 45(3)";
another section gets " > 3." or " > d)". It does not read a section's heading (`Passage.section`
already holds it) and does not decide what is quoted.
"""
from __future__ import annotations

import re

_NUMBERED = re.compile(r"[ \t]*(?:(\d{1,2})\.|\((\d{1,2})\))\s")
_LETTERED = re.compile(r"[ \t]*\(?([a-z])\)\s")
_HEADING = re.compile(r"[ \t]*#")


def paragraph_of(text: str, start: int) -> str | None:
    """"3" for a quote at `start` inside numbered paragraph 3 of its section, "d)" for one in a
    lettered point outside any numbered paragraph, else None."""
    line_start = text.rfind("\n", 0, start) + 1
    letter = None
    first = True
    while True:
        line = text[line_start:text.find("\n", line_start) if "\n" in text[line_start:] else len(text)]
        if _HEADING.match(line):
            break
        numbered = _NUMBERED.match(line)
        if numbered:
            return numbered.group(1) or numbered.group(2)
        lettered = _LETTERED.match(line)
        if first and lettered:
            letter = lettered.group(1) + ")"
        first = False
        if line_start == 0:
            break
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    return letter


def unit_section(text: str, start: int, section: str) -> str:
    """The section label refined by the paragraph holding `start` (see the module's docstring)."""
    point = paragraph_of(text, start)
    if point is None or not section:
        return section
    if point[-1] == ")":
        return f"{section} > {point}"
    if re.search(r"\b(?:Article|Art\.)\s*\d+$", section):
        return f"{section}({point})"
    return f"{section} > {point}."
