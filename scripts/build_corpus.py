"""Build `corpus/` from the collected sources (a developer tool, never run at run time).

What it does: for each document of `scripts/corpus_manifest.yaml`, cuts the parts of the source
files that hold the document's own words, renders their markup to text (`corpus_render.py`),
writes the text, normalised as `ingest.documents.normalise` defines it, to
`corpus/<doc_id>.<ext>`, and writes the sidecar `corpus/<doc_id>.meta.yaml`: id, title, kind,
date, validity, confidence, completeness, URL, licence, the press or secondary `excerpts`
(outlet, title, date, URL, character offsets in the text), the collectors' `notes` removed from
the text, and each source file's provenance header, verbatim. Document files of `corpus/` that
the manifest does not name are removed (our compilations are not corpus documents).

What it does not do: rewrite, translate or summarise any text; invent a heading, a date or a
source (every heading it writes is given in the manifest, next to its source).

Usage: python scripts/build_corpus.py [--sources DIR] [--corpus DIR] [--manifest FILE]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus_render import cut, render  # noqa: E402
from ingest.documents import normalise  # noqa: E402

DEFAULT_SOURCES = Path("/work/shared/corpus-sources")
HTML_HEADER = re.compile(r"\A\s*<!--(.*?)-->\s*", re.S)
TEXT_HEADER = re.compile(r"\A(Source-URL:.*?)\n---\n", re.S)
META_KEYS = ("title", "kind", "date", "confidence", "completeness", "valid_from", "valid_to", "url",
             "version", "date_note", "licence")


def split_header(raw: str) -> tuple[str, str]:
    """(provenance header, body) of a source file: a leading HTML comment, or the
    `Source-URL: …` block closed by a `---` line."""
    for pattern in (HTML_HEADER, TEXT_HEADER):
        if m := pattern.match(raw):
            return m.group(1).strip(), raw[m.end():]
    return "", raw


def old_side_of_diff(part: str) -> str:
    """The old text of a unified-diff fragment: context and "-" lines without their prefix,
    "+" lines dropped, hard-wrapped lines joined into paragraphs, headings kept (where the
    fragment stops is a sidecar note, not a mark in the text)."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for line in part.split("\n"):
        if line.startswith("+"):
            continue
        if line.startswith("-"):
            line = line[1:]
        line = line.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            paragraphs.append(line)
        else:
            if current and current[-1].endswith(".") and line[:1].isupper():
                flush()
            current.append(line)
    flush()
    return "\n\n".join(paragraphs)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def check_words_come_from(rendered: str, source: str, where: str) -> None:
    """Refuse a rendering that adds or reorders a word: its words must be a subsequence of the
    source part's words (markup, notes and cut words may only go)."""
    it = iter(_words(source))
    for word in _words(rendered):
        if not any(w == word or w.startswith(word) for w in it):   # a prefix: a footnote mark glued to a word
            raise SystemExit(f"{where}: the word {word!r} of the rendered text is not in its source, in order")


def build_part(part: dict, body: str) -> tuple[str, list[str]]:
    """(rendered text, notes removed) of one part; the manifest's `heading` is added by the caller."""
    if "start_after" in part:
        raw = cut(body, part["start_after"], part.get("end"), include_start=False)
    else:
        raw = cut(body, part.get("start"), part.get("end"))
    for pattern, repl in part.get("regex", []):
        raw = re.sub(pattern, repl, raw, flags=re.M)
    if part.get("diff_old"):
        text = old_side_of_diff(raw)
        check_words_come_from(text, raw, part["source"])
        return text, []
    out = render(raw, promote=tuple(part.get("promote", ())), drop_lines=tuple(part.get("drop_lines", ())),
                 replace=tuple(tuple(r) for r in part.get("replace", ())))
    text = out.text
    check_words_come_from(text, raw, part["source"])
    if part.get("title_heading") and out.title:
        text = f"# {out.title}\n\n{text}"
    return text, out.notes


def build_document(entry: dict, sources: Path) -> tuple[str, dict]:
    """The normalised text and the sidecar of one manifest entry."""
    bodies, provenance = {}, {}
    for part in entry["parts"]:
        name = part["source"]
        if name not in bodies:
            header, bodies[name] = split_header((sources / name).read_text(encoding="utf-8"))
            provenance[f"shared/corpus-sources/{name}"] = header
    pieces, notes, excerpts = [], [], []
    for part in entry["parts"]:
        try:
            text, removed = build_part(part, bodies[part["source"]])
        except ValueError as exc:
            raise SystemExit(f"{entry['doc_id']}: a marker or replacement of a part of {part['source']} "
                             f"was not found ({exc}; start={part.get('start') or part.get('start_after')!r}, "
                             f"end={part.get('end')!r})") from None
        notes += removed
        pieces.append((part, text))
    chunks = []
    for part, text in pieces:
        chunks.append(f"{part['heading']}\n\n{text}" if part.get("heading") else text)
    doc_text = normalise("\n\n".join(chunks), markup=True)
    if normalise(doc_text, markup=True) != doc_text:
        raise SystemExit(f"{entry['doc_id']}: the text is not stable under normalise()")
    cursor = 0
    for part, text in pieces:
        if "excerpt" not in part:
            continue
        body = normalise(text, markup=True).strip()
        start = doc_text.index(body, cursor)
        cursor = start + len(body)
        excerpt = {k: str(v) for k, v in part["excerpt"].items()}
        if part.get("heading"):
            excerpt["label"] = part["heading"].lstrip("# ").strip()
        excerpts.append({**excerpt, "start": start, "end": cursor})
    for item in entry.get("notes_from_source", []):
        body = bodies[item["source"]]
        for prefix in item["starts"]:
            line = next(ln for ln in body.split("\n") if ln.startswith(prefix))
            notes.append(line.strip())
    meta = {"doc_id": entry["doc_id"]}
    for key in META_KEYS:
        if entry.get(key) is not None:
            value = entry[key]
            meta[key] = value.isoformat() if hasattr(value, "isoformat") else value
    meta.setdefault("confidence", "official")
    if excerpts:
        meta["excerpts"] = excerpts
    meta["notes"] = notes + list(entry.get("notes", []))
    meta["provenance"] = provenance
    meta["source_files"] = list(provenance)
    return doc_text, meta


def main(argv: list[str] | None = None) -> int:
    here = HERE.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help=f"collected sources (default {DEFAULT_SOURCES})")
    ap.add_argument("--corpus", type=Path, default=here / "corpus", help="output folder (default: the repo's corpus/)")
    ap.add_argument("--manifest", type=Path, default=HERE / "corpus_manifest.yaml")
    args = ap.parse_args(argv)
    if not args.sources.is_dir():
        ap.error(f"sources folder not found: {args.sources}")
    entries = yaml.safe_load(args.manifest.read_text(encoding="utf-8"))["documents"]
    args.corpus.mkdir(parents=True, exist_ok=True)
    written = set()
    for entry in entries:
        text, meta = build_document(entry, args.sources)
        name = entry["doc_id"] + entry.get("ext", ".md")
        (args.corpus / name).write_text(text, encoding="utf-8")
        with open(args.corpus / f"{entry['doc_id']}.meta.yaml", "w", encoding="utf-8") as f:
            yaml.safe_dump(meta, f, allow_unicode=True, sort_keys=False, width=100)
        written |= {name, f"{entry['doc_id']}.meta.yaml"}
    for path in sorted(args.corpus.iterdir()):
        if path.name not in written and path.name != "LICENCES.md" and \
                (path.name.endswith(".meta.yaml") or path.suffix in (".md", ".txt")):
            path.unlink()
            print(f"removed {path.name} (not a corpus document)")
    (args.corpus / "LICENCES.md").write_text((args.sources / "licences.md").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{len(entries)} documents written to {args.corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
