"""The first start of the web chat: the index is built in a background thread with progress in
the terminal (documents and passages) and « Préparation de l'index » for the page, on a real
ingest of two corpus documents into an empty data dir (real embedder, real Chroma store)."""
from __future__ import annotations

import dataclasses
import io
import shutil

import pytest

from assistant.answer.service import AnswerService
from assistant.channels.startup import IndexPreparation
from assistant.channels.web_api import ServiceGate
from assistant.config import Settings
from assistant.errors import BackendUnavailable

DOCS = ("csp-l1111-8", "dinum-note-2021-09-15")


@pytest.fixture()
def small_corpus(corpus_dir, tmp_path):
    target = tmp_path / "corpus"
    target.mkdir()
    for doc_id in DOCS:
        for path in corpus_dir.glob(f"{doc_id}.*"):
            shutil.copy(path, target / path.name)
    return target


def test_the_index_is_prepared_in_the_background_with_progress(small_corpus, tmp_path):
    settings = dataclasses.replace(Settings(), corpus_dir=small_corpus, data_dir=tmp_path / "data", llm=None,
                                   chroma_url=None)
    out = io.StringIO()
    preparation = IndexPreparation(AnswerService(settings), settings, out=out)
    gate = ServiceGate(preparation.service, preparation)
    preparation.preflight()
    assert "Préparation de l'index" in gate.status_fr()
    preparation.start()
    preparation.wait(600)
    assert preparation.ready and gate.status_fr() == ""
    log = out.getvalue()
    assert f"indexing {len(DOCS)} documents: " in log and "passages (100 %)" in log
    assert f"index built: {len(DOCS)} documents" in log and "index ready in" in log
    assert {d.doc_id for d in gate.call("documents")} == set(DOCS)


def test_no_index_and_no_corpus_stops_before_listening(tmp_path):
    settings = dataclasses.replace(Settings(), corpus_dir=tmp_path / "none", data_dir=tmp_path / "data", llm=None)
    with pytest.raises(BackendUnavailable, match="no index yet"):
        IndexPreparation(AnswerService(settings), settings, out=io.StringIO()).preflight()


def test_a_failed_preparation_is_said_and_raised_to_waiting_requests(tmp_path):
    class Broken:
        def documents(self):
            raise BackendUnavailable("the Chroma server at http://127.0.0.1:9 does not answer.")

    settings = dataclasses.replace(Settings(), corpus_dir=tmp_path / "none", data_dir=tmp_path / "data")
    preparation = IndexPreparation(Broken(), settings, out=io.StringIO())
    preparation.run()
    assert not preparation.ready and "n'a pas pu être préparé" in preparation.status_fr()
    with pytest.raises(BackendUnavailable, match="does not answer"):
        ServiceGate(Broken(), preparation).call("documents")
