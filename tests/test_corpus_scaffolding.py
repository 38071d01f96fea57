"""No collection scaffolding in what is indexed: every chunk of the real corpus, as loaded and
chunked for the index, and every section label, is free of provenance notes, commit hashes,
diff prefixes, markup and store truncation notes; a small bad corpus proves the check fails."""
from __future__ import annotations

import pytest

from ingest.chunking import chunk_document
from ingest.documents import load_corpus
from ingest.scaffolding import scaffolding_in, scaffolding_in_label

from conftest import REPO_ROOT

BAD_TEXT = """# C. _cloud/cloud-commercial.markdown (commit 0404f0cde3572dc23ebc8c9dd8814a93977f6e7a) — body only

Provenance: web page, https://www.example.org/page (excerpt).

[timeline boxes, text only:]
**SecNumCloud** — Offre des garanties. Voir [la liste](https://ssi.gouv.fr/secnumcloud).

## 1bis. L1111-8, paragraph VII — as quoted by the Health Data Hub

Historical origin of this sentence (web page, UNVERIFIED): la cession est interdite.

## Fournisseurs (compilation du projet)

[1] silicon.fr, « Les données sensibles », 2023-06 — https://www.silicon.fr/x.html
Texte cité [...] coupé par le collecteur, et coupé par le store : des professions de s[...]
[EXCERPT TRUNCATED IN THE AVAILABLE COPY]

###### Article L1111-8
-Toute personne qui héberge des données de santé à caractère personnel
+I.-Toute personne qui héberge des données de santé à caractère personnel

```
Date de début: 2016-01-28
```
"""
BAD_META = "doc_id: bad-doc\ntitle: Un mauvais document\nkind: note\ndate: 2021-09-15\n"


@pytest.fixture(scope="module")
def corpus_chunks():
    return [(doc, chunk) for doc in load_corpus(REPO_ROOT / "corpus") for chunk in chunk_document(doc)]


def test_no_indexed_chunk_carries_scaffolding(corpus_chunks):
    dirty = [(c.chunk_id, hits) for _, c in corpus_chunks if (hits := scaffolding_in(c.text))]
    assert not dirty, dirty[:10]
    assert len(corpus_chunks) > 400


def test_no_section_label_carries_scaffolding(corpus_chunks):
    dirty = [(c.chunk_id, c.section, hits) for _, c in corpus_chunks if (hits := scaffolding_in_label(c.section))]
    assert not dirty, dirty[:10]


def test_document_titles_are_clean_too(corpus_chunks):
    docs = {d.doc_id: d for d, _ in corpus_chunks}
    assert not [d.doc_id for d in docs.values() if scaffolding_in(d.title)]


def test_the_check_fails_on_a_corpus_with_scaffolding(tmp_path):
    (tmp_path / "bad-doc.md").write_text(BAD_TEXT, encoding="utf-8")
    (tmp_path / "bad-doc.meta.yaml").write_text(BAD_META, encoding="utf-8")
    chunks = [c for d in load_corpus(tmp_path) for c in chunk_document(d)]
    text_hits = {h for c in chunks for h in scaffolding_in(c.text)}
    label_hits = {h for c in chunks for h in scaffolding_in_label(c.section)}
    assert text_hits >= {"provenance field", "commit hash", "repository path", "'body only' note", "diff line",
                         "diff front matter", "markdown emphasis", "markdown link", "code fence",
                         "collector bracket note", "store truncation note", "collector note", "excerpt marker",
                         "collector's cut mark"}
    assert label_hits >= {"commit hash", "repository path", "'body only' note", "collector numbering"}


@pytest.mark.parametrize("label", [
    "C. _cloud/cloud-commercial.markdown (commit 0404f0cde3572dc23ebc8c9dd8814a93977f6e7a) — body only",
    "[timeline boxes, text only:]",
    "Historical origin of this sentence",
    "Provenance: web page, https://www.health-data-hub.fr/engagement-9",
    "[EXCERPT TRUNCATED IN THE AVAILABLE COPY]",
    "Source-URL: https://juriblio.fr/lois/x",
    "Retrieved: a stored public copy of the page",
    "1bis. L1111-8, paragraph VII (cession ban) — as quoted by the Health Data Hub",
    "Fournisseurs cloud (compilation du projet)",
])
def test_labels_named_in_issue_12_are_refused(label):
    assert scaffolding_in_label(label), label


@pytest.mark.parametrize("label", [
    "R9", "Article L1111-8 > II", "EXI 28", "Recital 35", "silicon.fr, juin 2023",
    "19 Exigences supplémentaires > 19.6 Protection vis-à-vis du droit extra-européen",
    "Périmètre > Quel est le champ d’application de la doctrine « Cloud au centre» ?",
    "Dans quels cas est-il possible de déroger à la règle [R9] intégrant le caractère sensible des données ?",
])
def test_the_documents_own_headings_pass(label):
    assert scaffolding_in_label(label) == [], label


@pytest.mark.parametrize("text", [
    "• Tous les systèmes et applications informatiques manipulant des données à caractère personnel",
    "– List the public interest groups, including the administrations or […]",
    "Disponible sur http://www.legifrance.gouv.fr",
    "« Lorsque l'activité d'hébergement de données de santé à caractère personnel sur support numérique […] donne lieu",
])
def test_the_documents_own_words_pass(text):
    assert scaffolding_in(text) == [], text


def test_the_ingested_index_holds_no_scaffolding(retriever):
    records = retriever.generation.chunk_records()
    assert len(records) > 400
    dirty = [(r["id"], scaffolding_in(r["text"]), scaffolding_in_label(r["section"])) for r in records
             if scaffolding_in(r["text"]) or scaffolding_in_label(r["section"])]
    assert not dirty, dirty[:10]
    assert {r["doc_id"] for r in records}.isdisjoint({"facts-timeline", "providers-registry-notes"})
