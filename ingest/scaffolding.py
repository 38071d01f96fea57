"""Collection scaffolding: the marks that collectors, packagers and build tools leave around a
text and that must never be indexed, quoted or shown as a section name.

`scaffolding_in(text)` and `scaffolding_in_label(label)` return the names of the patterns a
passage or a section label carries (empty when clean). Used by the corpus tests over every
ingested chunk, and usable by any evaluation of retrieved passages.

This module only detects; it never edits a text (the corpus builder moves such notes to the
sidecar).
"""
from __future__ import annotations

import re

# (name, pattern) over a chunk's text; MULTILINE so `^` is a line start.
TEXT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(p, re.M)) for name, p in (
    ("provenance field", r"\b(?:Provenance|Source-URL|Retrieved|Document-date|source_type|licence_note|fidelity|"
                         r"Completeness|original_publisher|repo_commit|yaml_metadata)\s*:"),
    ("commit hash", r"\bcommit\b[^\n]{0,30}\b[0-9a-f]{7,40}\b|\b[0-9a-f]{40}\b"),
    ("repository path", r"\b_cloud/|\.markdown\b|\bsiteleaf\b"),
    ("'body only' note", r"\bbody only\b"),
    ("diff line", r"^(?:[-+](?=[^\s\-+•])|@@ |diff --git |index [0-9a-f]{7,}\.\.|(?:---|\+\+\+) [ab]/)"),
    ("diff front matter", r"^(?:Date de (?:début|fin)|Identifiant|État|Type|URL): "),
    ("yaml front matter", r"^(?:permalink|layout|menu|une):"),
    ("markdown emphasis", r"\*\*|(?<![\w*])\*(?=[^\s*])[^*\n]+(?<=[^\s*])\*(?![\w*])|__\w"),
    ("markdown link", r"\]\((?:https?:|mailto:|/)"),
    ("html markup", r"<(?:/?(?:h[1-6]|div|span|a|b|i|p|br|li|ul|ol|em|strong)\b[^>]*)>|\bstyle=|<!--|-->|&[a-z]+;"),
    ("code fence", r"^\s*```"),
    ("collector bracket note", r"\[(?:\.\.\.|…)\s*[A-Za-z]|\[(?:timeline boxes|button)|\btext only:\]"),
    ("collector's cut mark", r"\[\.\.\.\]|\w\[…\]|\[(?:N|\?)\]"),
    ("store truncation note", r"(?i:\bexcerpt (?:truncated|ends)\b|truncated (?:in|by) the (?:available copy|store)|"
                              r"\bstored excerpt\b|\bavailable copy\b)"),
    ("collector note", r"Historical origin of this sentence|\bas packaged\b|\bNOT (?:FOUND|AUTHORITATIVE)\b|"
                       r"\bUNVERIFIED\b|\(web page\b|^NB: |\((?:note|same text|quoting the \w+|and):|"
                       r"\bcompilation du projet\b|(?i:\bproject compilation\b)"),
    ("excerpt marker", r"^\[\d+\]\s+\w[\w. ’'-]*(?:,|\s«|\s\(|\s—)|^\([A-D]\d?\) (?:[A-Z]|NOT\b|OFFICIAL\b)"),
))

# A section label is a heading of the document: none of the above, and no URL, no collector
# numbering ("1bis.", "C. _cloud"), no status words.
LABEL_PATTERNS: tuple[tuple[str, re.Pattern], ...] = TEXT_PATTERNS + tuple(
    (name, re.compile(p)) for name, p in (
        ("url", r"https?://|www\.|\.(?:fr|com|eu|org)/"),
        ("collector numbering", r"^(?:\d+(?:bis|ter|quater)|[A-F])\.\s"),
        ("status words", r"(?i)\b(?:verbatim|opening|partial|truncated|not found|excerpt|provenance|compilation|"
                         r"retrieved|as quoted|fragment)\b"),
        ("brackets of a collector", r"^\[|\]$"),
    ))


def _hits(text: str, patterns) -> list[str]:
    return [name for name, pattern in patterns if pattern.search(text)]


def scaffolding_in(text: str) -> list[str]:
    """Names of the scaffolding patterns found in a passage's text (empty when clean)."""
    return _hits(text, TEXT_PATTERNS)


def scaffolding_in_label(label: str) -> list[str]:
    """Names of the scaffolding patterns found in a section label (empty when clean)."""
    return _hits(label, LABEL_PATTERNS)
