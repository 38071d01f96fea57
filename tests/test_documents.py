"""Corpus loader: normalised text, metadata checks, and a `CorpusError` naming each bad file."""
from __future__ import annotations

import doctest
import shutil

import pytest

import ingest.bm25
import ingest.documents
import ingest.names
import ingest.synonyms
import assistant.retrieval
from assistant.errors import CorpusError
from ingest.documents import load_corpus, load_document, normalise

from conftest import REPO_ROOT

META = "doc_id: {doc_id}\ntitle: Un texte\nkind: note\ndate: 2021-09-15\n"


def _write(folder, stem, text, meta=None, suffix=".md"):
    (folder / f"{stem}{suffix}").write_text(text, encoding="utf-8")
    if meta is not False:
        (folder / f"{stem}.meta.yaml").write_text(meta or META.format(doc_id=stem), encoding="utf-8")


def test_the_corpus_loads_with_unique_ids_and_known_kinds():
    docs = load_corpus(REPO_ROOT / "corpus")
    assert len(docs) == 15
    assert len({d.doc_id for d in docs}) == 15
    assert all(d.text.endswith("\n") and "\r" not in d.text for d in docs)


def test_normalise_strips_markup_and_keeps_offsets_meaningful():
    assert normalise("a\r\n<b>b</b> &amp; c<!-- x -->") == "a\nb & c\n"
    assert normalise("x  \n\n\n\ny") == "x\n\ny\n"


def test_content_hash_follows_text_and_metadata(tmp_path):
    _write(tmp_path, "note-a", "Texte.\n")
    first = load_document(tmp_path / "note-a.md").content_hash
    assert load_document(tmp_path / "note-a.md").content_hash == first
    (tmp_path / "note-a.meta.yaml").write_text(META.format(doc_id="note-a").replace("2021-09-15", "2021-09-16"),
                                               encoding="utf-8")
    assert load_document(tmp_path / "note-a.md").content_hash != first


@pytest.mark.parametrize("case, culprit, reason", [
    ("bad kind", "note-a.meta.yaml", "kind"),
    ("bad date", "note-a.meta.yaml", "ISO date"),
    ("bad yaml", "note-a.meta.yaml", "YAML"),
    ("empty", "note-a.md", "empty"),
    ("undecodable", "note-a.md", "UTF-8"),
    ("no sidecar", "note-a.md", "sidecar"),
    ("orphan sidecar", "note-b.meta.yaml", "without a text file"),
    ("duplicate id", "note-c.md", "already used"),
])
def test_malformed_files_are_named(tmp_path, case, culprit, reason):
    shutil.copy2(REPO_ROOT / "corpus" / "dinum-note-2021-09-15.md", tmp_path / "note-a.md")
    (tmp_path / "note-a.meta.yaml").write_text(META.format(doc_id="note-a"), encoding="utf-8")
    if case == "bad kind":
        (tmp_path / "note-a.meta.yaml").write_text(META.format(doc_id="note-a").replace("note\n", "rumour\n"),
                                                   encoding="utf-8")
    elif case == "bad date":
        (tmp_path / "note-a.meta.yaml").write_text(META.format(doc_id="note-a").replace("2021-09-15", "15/09/2021"),
                                                   encoding="utf-8")
    elif case == "bad yaml":
        (tmp_path / "note-a.meta.yaml").write_text("doc_id: [unclosed\n", encoding="utf-8")
    elif case == "empty":
        (tmp_path / "note-a.md").write_text("\n\n", encoding="utf-8")
    elif case == "undecodable":
        (tmp_path / "note-a.md").write_bytes(b"caf\xe9 \xff\n")
    elif case == "no sidecar":
        (tmp_path / "note-a.meta.yaml").unlink()
    elif case == "orphan sidecar":
        (tmp_path / "note-b.meta.yaml").write_text(META.format(doc_id="note-b"), encoding="utf-8")
    elif case == "duplicate id":
        _write(tmp_path, "note-c", "Autre texte.\n", META.format(doc_id="note-a"))
    with pytest.raises(CorpusError) as err:
        load_corpus(tmp_path)
    assert err.value.path.endswith(culprit) and reason in str(err.value)
    assert err.value.exit_code == 3


def test_missing_folder_is_a_corpus_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        load_corpus(tmp_path / "nowhere")


@pytest.mark.parametrize("module", [ingest.documents, ingest.bm25, ingest.names, ingest.synonyms,
                                    assistant.retrieval], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0
