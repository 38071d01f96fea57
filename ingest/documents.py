"""Corpus documents: read each file with its metadata sidecar and normalise its text.

A corpus document is a text file (`.md`, `.txt`, `.html`/`.htm` or `.pdf`) beside a sidecar
`<stem>.meta.yaml` giving at least `doc_id`, `title`, `kind` and `date`, and optionally its
`confidence` (`official` by default; `press` for words quoted by the press, `secondary` for a
third party's summary, `draft` for a text that was not enacted), `completeness`, validity,
`excerpts` (who published or quoted each part) and the collectors' `notes`. Every offset in the
project (chunks, citations, rule quotes) points into `Document.text`, the *normalised*
text defined by `normalise()`.

This module does not chunk, embed or index anything.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.errors import CorpusError

TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".pdf")
KINDS = ("law", "circular", "doctrine", "note", "faq", "referentiel", "press_article",
         "decision", "facts", "other")
COMPLETENESS = ("full", "partial", "extracts", "facts")
CONFIDENCE = ("official", "press", "secondary", "draft")   # how far the words are the official text
SLUG = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,80}$")
_BLOCK_TAGS = re.compile(r"</?(?:div|p|h[1-6]|br|li|ul|ol|table|tr|section|article|header|footer)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: str
    kind: str
    date: str
    text: str
    path: str
    url: str | None = None
    completeness: str = "full"
    version: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    licence: str | None = None
    confidence: str = "official"
    meta: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def content_hash(self) -> str:
        """Hash of everything that changes the index: text and metadata."""
        h = hashlib.sha256(self.text.encode("utf-8"))
        h.update(yaml.safe_dump(self.meta, sort_keys=True, allow_unicode=True).encode("utf-8"))
        return h.hexdigest()


def normalise(raw: str, markup: bool = True) -> str:
    """The normalised text every offset refers to.

    NFC, LF line ends, no NUL; with `markup`, HTML comments, scripts and tags are removed
    (block tags become line breaks), entities unescaped, non-breaking spaces kept as they are.

    >>> normalise("a\\r\\n<b>b</b> &amp; c<!-- x -->")
    'a\\nb & c\\n'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if markup:
        text = _COMMENT.sub("", text)
        text = _SCRIPT.sub("", text)
        text = _BLOCK_TAGS.sub("\n", text)
        text = _ANY_TAG.sub("", text)
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n") + "\n"


def read_raw(path: Path) -> str:
    """The raw text of a corpus file; PDF pages are joined with blank lines."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader
        try:
            reader = PdfReader(str(path))
            return "\n\n".join((page.extract_text() or "") for page in reader.pages)
        except Exception as exc:  # pypdf raises many types on broken files
            raise CorpusError(path, f"cannot read this PDF ({exc.__class__.__name__})") from exc
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(path, f"not valid UTF-8 (byte {exc.start})") from exc


def _check_date(path: Path, meta: dict, key: str, required: bool) -> str | None:
    value = meta.get(key)
    if value is None:
        if required:
            raise CorpusError(path, f"metadata field '{key}' is missing")
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CorpusError(path, f"metadata field '{key}' is not an ISO date (YYYY-MM-DD): {value!r}") from None


def read_meta(path: Path) -> dict:
    """Read and validate a `.meta.yaml` sidecar."""
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise CorpusError(path, "metadata sidecar is not valid UTF-8") from None
    except yaml.YAMLError as exc:
        raise CorpusError(path, f"metadata sidecar is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(meta, dict):
        raise CorpusError(path, "metadata sidecar must be a YAML mapping")
    for key in ("doc_id", "title", "kind"):
        if not meta.get(key) or not isinstance(meta[key], str):
            raise CorpusError(path, f"metadata field '{key}' is missing or not text")
    if not SLUG.match(meta["doc_id"]):
        raise CorpusError(path, f"doc_id {meta['doc_id']!r} is not a slug (lowercase letters, digits, '-', '.')")
    if meta["kind"] not in KINDS:
        raise CorpusError(path, f"kind {meta['kind']!r} is not one of {', '.join(KINDS)}")
    completeness = meta.get("completeness", "full")
    if completeness not in COMPLETENESS:
        raise CorpusError(path, f"completeness {completeness!r} is not one of {', '.join(COMPLETENESS)}")
    confidence = meta.get("confidence", "official")
    if confidence not in CONFIDENCE:
        raise CorpusError(path, f"confidence {confidence!r} is not one of {', '.join(CONFIDENCE)}")
    meta["date"] = _check_date(path, meta, "date", required=True)
    for key in ("valid_from", "valid_to"):
        if meta.get(key) is not None:
            meta[key] = _check_date(path, meta, key, required=False)
    return meta


def load_document(text_path: Path) -> Document:
    """Load one corpus file and its sidecar; raise `CorpusError` naming the bad file."""
    sidecar = text_path.with_name(text_path.stem + ".meta.yaml")
    if not sidecar.exists():
        raise CorpusError(text_path, f"no metadata sidecar (expected {sidecar.name})")
    meta = read_meta(sidecar)
    raw = read_raw(text_path)
    text = normalise(raw, markup=True)
    if not text.strip():
        raise CorpusError(text_path, "the file is empty (no text after normalisation)")
    return Document(
        doc_id=meta["doc_id"], title=meta["title"], kind=meta["kind"], date=meta["date"],
        text=text, path=str(text_path), url=meta.get("url"),
        completeness=meta.get("completeness", "full"), version=meta.get("version"),
        valid_from=meta.get("valid_from"), valid_to=meta.get("valid_to"),
        licence=meta.get("licence"), confidence=meta.get("confidence", "official"), meta=meta,
    )


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Text files of a corpus folder, sorted; `LICENCES.md`/`README.md` are notes, not documents."""
    return sorted(p for p in Path(corpus_dir).iterdir()
                  if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
                  and not p.name.endswith(".meta.yaml") and p.name not in ("LICENCES.md", "README.md"))


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Every document of the folder; the first malformed file raises `CorpusError`.

    Also refuses two files with the same `doc_id` and a sidecar without its text file.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(corpus_dir, "corpus folder not found")
    docs: dict[str, Document] = {}
    for path in corpus_files(corpus_dir):
        doc = load_document(path)
        if doc.doc_id in docs:
            raise CorpusError(path, f"doc_id {doc.doc_id!r} is already used by {docs[doc.doc_id].path}")
        docs[doc.doc_id] = doc
    stems = {p.stem for p in corpus_files(corpus_dir)}
    for sidecar in corpus_dir.glob("*.meta.yaml"):
        if sidecar.name[: -len(".meta.yaml")] not in stems:
            raise CorpusError(sidecar, "metadata sidecar without a text file beside it")
    if not docs:
        raise CorpusError(corpus_dir, "no documents in the corpus folder")
    return list(docs.values())


def documents_by_id(corpus_dir: Path) -> dict[str, Document]:
    return {d.doc_id: d for d in load_corpus(corpus_dir)}
