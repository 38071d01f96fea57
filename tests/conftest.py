"""Shared test set-up: offline environment, a pinned "today", and one ingested index per session.

Set at import, before any project module reads them: the offline variables
(`HF_HUB_OFFLINE`, `TRANSFORMERS_OFFLINE`, `GRADIO_ANALYTICS_ENABLED`, `ANONYMIZED_TELEMETRY`),
`HDS_TODAY=2026-11-29`, and `HDS_DATA_DIR` pointing at a temporary folder of this session
(so no test writes `.hds/` in the work tree, and a test that opens the default `Retriever`
reuses the session's index).

Fixtures:
- `corpus_dir` (session): the repository's `corpus/`;
- `data_dir_ingested` (session): `HDS_DATA_DIR` with the corpus ingested once with the default
  embedder (`assistant.config.Settings().embedder`);
- `retriever` (session): the default `Retriever` over that index;
- `answer_service` (session): the real `AnswerService` over that index, BM25 retrieval (no
  model to load in the channel tests), no LLM, "today" pinned at 2025-06-01.

`CountingEncoder`: a real embedder that counts the texts it encodes (vectors reused, not encoded);
`one_document_corpus(folder)`: a corpus folder holding only the DSIH op-ed (a small document).
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.update({
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "HDS_TODAY": "2026-11-29",
})
_SESSION_DATA_DIR = Path(tempfile.mkdtemp(prefix="hds-test-data-"))
os.environ["HDS_DATA_DIR"] = str(_SESSION_DATA_DIR)
os.environ.pop("HDS_CORPUS_DIR", None)
atexit.register(shutil.rmtree, _SESSION_DATA_DIR, True)

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def data_dir_ingested(corpus_dir) -> Path:
    from assistant.config import Settings
    from ingest.pipeline import ingest
    ingest(corpus_dir, _SESSION_DATA_DIR, embedder=Settings().embedder, progress=False)
    return _SESSION_DATA_DIR


@pytest.fixture(scope="session")
def service_on(data_dir_ingested, corpus_dir):
    """A factory of answer services on the session's index (default retrieval, no LLM) answering as
    of a given day: `service_on("2026-12-01")`. One service per day for the whole session, so test
    modules dated alike share its loaded index and models; a test must not change its settings."""
    from assistant.answer.service import AnswerService
    from assistant.config import Settings
    made: dict[str, AnswerService] = {}

    def make(today: str) -> AnswerService:
        if today not in made:
            made[today] = AnswerService(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir, llm=None,
                                                 today_override=today))
        return made[today]
    return make


@pytest.fixture(scope="session")
def retriever(data_dir_ingested, corpus_dir):
    from assistant.config import Settings
    from assistant.retrieval import Retriever
    return Retriever.open(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir), build_if_missing=False)


@pytest.fixture(scope="session")
def answer_service(data_dir_ingested, corpus_dir):
    import dataclasses

    from assistant.answer.service import AnswerService
    from assistant.config import Settings
    settings = dataclasses.replace(Settings(), data_dir=data_dir_ingested, corpus_dir=corpus_dir,
                                   retrieval="bm25", llm=None, today_override="2025-06-01")
    service = AnswerService(settings)
    service.ask("hébergement de données de santé")  # loads the index before the timed tests
    return service


class CountingEncoder:
    """The real embedder `name`, counting the texts it is asked to encode."""

    def __init__(self, name: str = "use"):
        from ingest.embedders import get_embedder
        self.inner, self.encoded = get_embedder(name), 0

    def encode_passages(self, texts):
        self.encoded += len(texts)
        return self.inner.encode_passages(texts)


def one_document_corpus(folder: Path) -> Path:
    """`folder/corpus` with the DSIH op-ed and its sidecar copied from `corpus/`."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name in ("dsih-tribune-2021-09-28.txt", "dsih-tribune-2021-09-28.meta.yaml"):
        shutil.copy2(REPO_ROOT / "corpus" / name, corpus / name)
    return corpus
