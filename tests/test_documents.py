"""Corpus loader: normalised text, metadata checks, and a `CorpusError` naming each bad file."""
from __future__ import annotations

import doctest
import shutil

import pytest

import ingest.bm25
import ingest.documents
import ingest.names
import assistant.synonyms
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
    assert len(docs) == 28
    assert len({d.doc_id for d in docs}) == 28
    assert all(d.text.endswith("\n") and "\r" not in d.text for d in docs)


NEW_DOCS = {  # doc id -> confidence (shared decision of the round, BRIEF-helpers.md)
    "csp-l1111-8-2016": "official", "sren-2024-art32": "official", "sren-2024-sommaire": "official",
    "sren-2024-art31-presse": "press", "sren-amendement-1138-2023": "draft",
    "circulaire-6404-sg-2023-presse": "press", "circulaire-6519-sg-2026-presse": "press",
    "decret-2026-209-secondaire": "secondary", "decret-2026-272-secondaire": "secondary",
    "dinum-vade-mecum-sensibilite": "official", "esante-faq-hds": "official", "hds-v2-eee-presse": "press",
}
KEPT_IDS = ("doctrine-cloud-au-centre-2021", "dinum-faq-2024", "dinum-doctrine-page-2021",
            "dinum-cloud-commercial-2021", "circulaire-6282-sg-2021", "dinum-note-2021-09-15", "csp-l1111-8",
            "secnumcloud-v3.2", "secnumcloud-v3.2-annexe2", "hds-referentiel-v2", "gdpr-extracts",
            "hdh-conseil-etat-cnil", "dsih-tribune-2021-09-28")


def test_doc_ids_kept_compilations_gone_and_texts_of_2023_2026_in_with_their_confidence():
    docs = {d.doc_id: d for d in load_corpus(REPO_ROOT / "corpus")}
    assert set(KEPT_IDS) <= set(docs)
    assert "facts-timeline" not in docs and "providers-registry-notes" not in docs
    assert {i: docs[i].confidence for i in NEW_DOCS} == NEW_DOCS
    for doc_id in NEW_DOCS:
        meta = docs[doc_id].meta
        assert meta["completeness"] and meta["licence"] and meta["provenance"] and meta["date"], doc_id
    assert docs["dinum-note-2021-09-15"].confidence == "press"
    assert (docs["csp-l1111-8"].valid_from, docs["csp-l1111-8"].valid_to) == ("2018-04-01", "2024-05-23")


def test_excerpts_of_the_sidecars_point_into_the_text():
    for doc in load_corpus(REPO_ROOT / "corpus"):
        for e in doc.meta.get("excerpts", []):
            piece = doc.text[e["start"]:e["end"]]
            assert piece.strip() == piece and piece, (doc.doc_id, e)
            assert e["outlet"] and (not e.get("url") or e["url"] not in piece), (doc.doc_id, e)
    sren31 = load_document(REPO_ROOT / "corpus" / "sren-2024-art31-presse.md")
    (derriennic,) = [e for e in sren31.meta["excerpts"] if e["outlet"].startswith("Derriennic")]
    assert derriennic["date"] == "2024-07-03" and derriennic["label"] == "Derriennic Associés, 3 juillet 2024"
    assert "mettent en œuvre des critères de sécurité" in sren31.text[derriennic["start"]:derriennic["end"]]


def test_confidence_defaults_to_official(tmp_path):
    _write(tmp_path, "note-a", "Texte.\n")
    assert load_document(tmp_path / "note-a.md").confidence == "official"


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
    ("bad confidence", "note-a.meta.yaml", "confidence"),
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
    elif case == "bad confidence":
        (tmp_path / "note-a.meta.yaml").write_text(META.format(doc_id="note-a") + "confidence: rumour\n",
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


@pytest.mark.parametrize("module", [ingest.documents, ingest.bm25, ingest.names, assistant.synonyms,
                                    assistant.retrieval], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0
