"""What became of a quoted passage whose text version ended before the answer's date.

`version_note(doc, start, end, as_of, lang)` gives the note for the quote `doc.text[start:end]` when
`doc` is a version that ended on or before `as_of` (its meta `valid_to`), else None. The note names
the version, then says, from `text_versions.yaml`, what the amending text the corpus holds did to
these words ("depuis, phrase supprimée par l'article 32 de la loi SREN (« … »)") or that it left
them as they were; without such data, only that the version was replaced. It reads no amending text
itself and never says the words are in force beyond what the data's sources say: where the
consolidated version is missing from the corpus, the note says so.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("text_versions.yaml")

_WORDS = {
    "fr": {"replaced": "remplacée depuis", "next_here": "la version suivante est citée dans le corpus",
           "missing": "la version consolidée en vigueur n'est pas dans le corpus",
           "untouched": "{name}, qui a modifié l'article depuis, ne change pas ce passage",
           "changed": "depuis, {what} par {name} (« {source} »)"},
    "en": {"replaced": "replaced since", "next_here": "the next version is in the corpus",
           "missing": "the consolidated version in force is not in the corpus",
           "untouched": "{name}, which amended the article since, leaves this passage as it was",
           "changed": "since then, {what} by {name} (\"{source}\")"},
}


@lru_cache(maxsize=1)
def versions() -> dict[str, dict]:
    """doc_id -> its entry of text_versions.yaml."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return {e["doc_id"]: e for e in data.get("versions") or ()}


def _ended(doc, entry: dict | None) -> dt.date | None:
    raw = (entry or {}).get("ended") or getattr(doc, "valid_to", None)
    if raw is None:
        return None
    return raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw))


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    out, i = [], text.find(quote)
    while i >= 0:
        out.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return out


def version_note(doc, start: int, end: int, as_of: dt.date, lang: str = "fr") -> str | None:
    """The note for `doc.text[start:end]` quoted in an answer dated `as_of`, or None when the
    document's version had not ended by then (or has no end)."""
    entry = versions().get(doc.doc_id)
    ended = _ended(doc, entry)
    if ended is None or as_of < ended:
        return None
    words = _WORDS["en" if lang == "en" else "fr"]
    label = ((entry or {}).get("version") or {}).get(lang)
    if not label:
        label = {"fr": f"version du {doc.valid_from} au {ended.isoformat()}",
                 "en": f"version of {doc.valid_from} to {ended.isoformat()}"}[lang] if doc.valid_from else \
            {"fr": f"version en vigueur jusqu'au {ended.isoformat()}", "en": f"version in force until {ended.isoformat()}"}[lang]
    head = label[0].upper() + label[1:]
    amended = (entry or {}).get("amended_by")
    tail = words["next_here"] if (entry or {}).get("consolidated_in_corpus") else words["missing"]
    if not amended:
        return f"{head} : {words['replaced']} ; {tail}." if lang == "fr" else f"{head}: {words['replaced']}; {tail}."
    name = amended["name"][lang]
    for change in entry.get("changes") or ():
        if any(a < end and start < b for a, b in _spans(doc.text, change["quote"])):
            said = words["changed"].format(what=change["what"][lang], name=name, source=change["source"])
            return f"{head} : {said}." if lang == "fr" else f"{head}: {said}."
    said = words["untouched"].format(name=name)
    return f"{head} : {said} ; {tail}." if lang == "fr" else f"{head}: {said}; {tail}."
