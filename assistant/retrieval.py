"""Retriever: ranked `Passage`s for a question, from the index built by `ingest.pipeline`.

Strategies:
- `bm25`: lexical BM25 over French-stemmed tokens (typo-tolerant, see `ingest.bm25`), plus
  a lighter BM25 score of the question's known nicknames and synonyms (`ingest/synonyms.py`:
  "O365" -> "Office 365", "SNC" -> "SecNumCloud"...);
- `dense`: cosine similarity of the question's embedding in Chroma;
- `hybrid` (default): both lists, the passages whose section the question names ("R9",
  "EXI 28", "19.6.c", "article 48", "L1111-8") and the passages naming a provider the
  question names (any registry alias: "OVH" finds "OVHcloud"), fused by weighted reciprocal
  rank fusion, `score = Σ w / (RRF_K + rank)`; weights and `RRF_K` were tuned on
  `tests/data/retrieval_questions.yaml` (run `python -m ingest.measure --grid`) and checked
  on the in-scope questions of `eval/questions.yaml`.

Filters: document kind and document date range. Indexes and the embedding model are loaded once per `Retriever`; opening builds the
index when it is missing (`build_if_missing`), else raises `BackendUnavailable`.

This module does not answer, quote or check: it only ranks passages.
"""
from __future__ import annotations

import datetime as dt
import re
import threading

import numpy as np

from assistant.isodate import to_date
from assistant import config
from assistant.domain import Passage
from assistant.errors import BackendUnavailable, CorpusError, UsageError

STRATEGIES = ("hybrid", "bm25", "dense")
RRF_K = 3
WEIGHTS = {"bm25": 1.0, "dense": 0.3, "section": 1.0, "entity": 1.0}
SYNONYM_WEIGHT = 0.15   # BM25 weight of the expansion terms relative to the question's own words
CANDIDATES = 60

_REFERENCES = (   # a unit named in the question -> a test on a passage's section
    (re.compile(r"\bR\s?(\d{1,2})\b", re.I), lambda m: lambda sec: sec == f"R{int(m.group(1))}"),
    (re.compile(r"\bEXI\s?(\d{1,2})\b", re.I), lambda m: lambda sec: sec == f"EXI {int(m.group(1)):02d}"),
    (re.compile(r"\b([LRD])\.?\s?(\d{4}(?:-\d+)+)\b"),
     lambda m: lambda sec: sec.startswith(f"Article {m.group(1)}{m.group(2)}")),
    (re.compile(r"\b(?:article|art\.?)\s+(\d{1,3})\b", re.I), lambda m: lambda sec: sec == f"Article {m.group(1)}"),
    (re.compile(r"\b(?:recital|considérant)\s+(\d{1,3})\b", re.I), lambda m: lambda sec: sec == f"Recital {m.group(1)}"),
    (re.compile(r"(?<![\w.])(\d{1,2}(?:\.\d{1,2}){1,3}(?:\.[a-z])?)(?![\w.])"),
     lambda m: lambda sec: sec.endswith(" " + m.group(1)) or f" {m.group(1)} " in f" {sec} "),
)


def _as_date(value, name: str) -> dt.date | None:
    try:
        return to_date(value)
    except ValueError:
        raise UsageError(f"{name} takes a date as YYYY-MM-DD, not {value!r}.") from None


class Retriever:
    """Open with `Retriever.open()`; then `retrieve()`, `document()`, `documents()`."""

    def __init__(self, generation, *, strategy: str, embedder_name: str, chroma_url: str | None, index_dir):
        from ingest.pipeline import Generation  # noqa: F401  (type of `generation`)
        self.strategy = strategy
        self.embedder_name = embedder_name
        self.generation = generation
        self._chroma_url = chroma_url
        self._index_dir = index_dir
        try:
            records = generation.chunk_records()
            documents = generation.documents()
            self._bm25 = generation.bm25() if strategy in ("hybrid", "bm25") else None
            self._passages = [Passage(doc_id=r["doc_id"], title=r["title"], section=r["section"], text=r["text"],
                                      start=r["start"], end=r["end"], kind=r["kind"], date=r["date"],
                                      url=r.get("url"), completeness=r.get("completeness", "full"),
                                      confidence=r.get("confidence", "official"))
                              for r in records]
        except Exception as exc:  # noqa: BLE001 - json, numpy, bm25s and OS errors of a truncated or edited file
            reason = " ".join(f"{exc.__class__.__name__}: {exc}".split())[:160]
            raise BackendUnavailable(f"the index in {generation.folder} is damaged ({reason}); "
                                     "run hds-assistant ingest --rebuild") from exc
        self._position = {r["id"]: i for i, r in enumerate(records)}
        self._kinds = np.array([p.kind for p in self._passages])
        self._dates = np.array([int(p.date.replace("-", "")) for p in self._passages])
        self._documents = {d.doc_id: d for d in documents}
        self._embedder = None
        self._store = None
        self._lock = threading.Lock()
        # registry provider -> which passages name it (any alias): filled on the first question
        # naming that provider, since the passages and the registry never change in a process
        self._naming: dict[str, np.ndarray] = {}
        if strategy in ("hybrid", "dense"):
            self._open_dense()

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: config.Settings | None = None, *, strategy: str | None = None,
             embedder: str | None = None, build_if_missing: bool = True) -> "Retriever":
        from ingest.names import check_name
        from ingest.pipeline import current_generation, index_dir, ingest
        from ingest.store import store_identity

        s = settings or config.settings()
        strategy = strategy or s.retrieval
        if strategy not in STRATEGIES:
            raise UsageError(f"unknown retrieval strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}.")
        name = check_name(embedder or s.embedder)
        idx = index_dir(s.data_dir, name)
        identity = store_identity(idx, s.chroma_url)
        gen = current_generation(idx)
        if gen is None or gen.manifest.get("store") != identity:
            if not build_if_missing:
                raise BackendUnavailable(f"no index for embedder '{name}' in {s.data_dir}; "
                                         "run `hds-assistant ingest` first.")
            cls._build(s, name)
            gen = current_generation(idx)
            if gen is None:
                raise BackendUnavailable(f"the index for embedder '{name}' could not be built in {s.data_dir}.")
        try:
            return cls(gen, strategy=strategy, embedder_name=name, chroma_url=s.chroma_url, index_dir=idx)
        except _MissingCollection:
            if not build_if_missing:
                raise BackendUnavailable(f"the vector collection of the '{name}' index is missing from "
                                         f"{identity}; run `hds-assistant ingest`.") from None
            ingest(s.corpus_dir, s.data_dir, embedder=name, chroma_url=s.chroma_url, verify_store=True)
            return cls(current_generation(idx), strategy=strategy, embedder_name=name,
                       chroma_url=s.chroma_url, index_dir=idx)

    @staticmethod
    def _build(s: config.Settings, name: str) -> None:
        from ingest.pipeline import ingest
        try:
            ingest(s.corpus_dir, s.data_dir, embedder=name, chroma_url=s.chroma_url)
        except CorpusError as exc:
            raise BackendUnavailable(f"no index yet and it cannot be built: {exc}") from exc

    def _open_dense(self) -> None:
        from ingest.embedders import get_embedder
        from ingest.store import VectorStore
        self._embedder = get_embedder(self.embedder_name)
        self._store = VectorStore.open(self._index_dir, self._chroma_url)
        if not self._store.has(self.generation.collection):
            raise _MissingCollection(self.generation.collection)
        self._embedder.encode_query("warm-up")   # load the model now, not on the first question

    # ------------------------------------------------------------ documents

    def document(self, doc_id: str):
        """The indexed `Document` (its `text` is what every offset points into)."""
        try:
            return self._documents[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in the index") from None

    def documents(self) -> list:
        return list(self._documents.values())

    @property
    def passages(self) -> list[Passage]:
        return list(self._passages)

    # ------------------------------------------------------------ ranking

    def _mask(self, kinds, date_from, date_to) -> np.ndarray:
        mask = np.ones(len(self._passages), dtype=bool)
        if kinds:
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
            mask &= np.isin(self._kinds, kinds)
        if date_from:
            mask &= self._dates >= int(date_from.strftime("%Y%m%d"))
        if date_to:
            mask &= self._dates <= int(date_to.strftime("%Y%m%d"))
        return mask

    def _where(self, kinds, date_from, date_to) -> dict | None:
        clauses = []
        if kinds:
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
            clauses.append({"kind": {"$in": kinds}})
        if date_from:
            clauses.append({"date_num": {"$gte": int(date_from.strftime("%Y%m%d"))}})
        if date_to:
            clauses.append({"date_num": {"$lte": int(date_to.strftime("%Y%m%d"))}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _bm25_ranking(self, question: str, mask: np.ndarray, n: int, scores: np.ndarray) -> list[tuple[int, float]]:
        from ingest.synonyms import expansions
        extra = expansions(question)
        if extra:
            scores = scores + SYNONYM_WEIGHT * self._bm25.scores(" ".join(extra))
        scores = np.where(mask, scores, -np.inf)
        order = np.argsort(-scores, kind="stable")[:n]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def _dense_ranking(self, query: str, where: dict | None, n: int, allowed: int) -> list[tuple[int, float]]:
        if allowed == 0:
            return []
        with self._lock:
            vector = self._embedder.encode_query(query)
        hits = self._store.query(self.generation.collection, vector, min(n, allowed), where)
        return [(self._position[cid], score) for cid, score in hits if cid in self._position]

    def _section_ranking(self, question: str, mask: np.ndarray) -> list[tuple[int, float]]:
        tests = [make(m) for pattern, make in _REFERENCES for m in pattern.finditer(question)]
        if not tests:
            return []
        return [(i, 1.0) for i, p in enumerate(self._passages) if mask[i] and any(t(p.section) for t in tests)]

    def _entity_ranking(self, question: str, mask: np.ndarray, scores: np.ndarray | None) -> list[tuple[int, float]]:
        """Passages naming a provider or offer the question names (any of its registry aliases),
        by BM25 score: a question about "OVH" should see the passages about OVHcloud."""
        providers = _named_providers(question)
        if not providers:
            return []
        named = np.zeros(len(self._passages), dtype=bool)
        for provider in providers:
            named |= self._passages_naming(provider)
        hits = [int(i) for i in np.flatnonzero(named & mask)]
        if scores is not None:
            hits.sort(key=lambda i: -scores[i])
        return [(i, float(scores[i]) if scores is not None else 1.0) for i in hits[:CANDIDATES]]

    def _passages_naming(self, provider: str) -> np.ndarray:
        """Mask of the passages naming `provider` by any of its registry aliases."""
        found = self._naming.get(provider)
        if found is None:
            rx = _provider_pattern(provider)
            found = np.array([bool(rx and rx.search(p.text)) for p in self._passages], dtype=bool)
            self._naming[provider] = found
        return found

    def rankings(self, question: str, *, kinds=None, date_from=None, date_to=None,
                 n: int = CANDIDATES) -> dict[str, list[tuple[int, float]]]:
        """Each ranking as (passage position, score), best first: `bm25`, `dense`, `section`
        (passages whose section the question names) and `entity` (passages naming a provider
        the question names), as far as this retriever has them."""
        date_from, date_to = _as_date(date_from, "date_from"), _as_date(date_to, "date_to")
        mask = self._mask(kinds, date_from, date_to)
        out = {}
        if self._bm25 is not None:
            own = self._bm25.scores(question)
            out["bm25"] = self._bm25_ranking(question, mask, n, own)
            out["section"] = self._section_ranking(question, mask)
            out["entity"] = self._entity_ranking(question, mask, own)
        if self._embedder is not None:
            # the dense query is the question alone: appending synonyms blurred its embedding
            out["dense"] = self._dense_ranking(question, self._where(kinds, date_from, date_to), n,
                                               int(mask.sum()))
        return out

    def retrieve(self, question: str, k: int = 5, *, kinds=None, date_from=None, date_to=None) -> list[Passage]:
        """The `k` best passages for `question`, best first, each with its score."""
        if not question or not question.strip():
            raise UsageError("the question is empty.")
        if k < 1:
            raise UsageError("k must be at least 1.")
        ranks = self.rankings(question, kinds=kinds, date_from=date_from, date_to=date_to,
                              n=max(CANDIDATES, k))
        if self.strategy == "hybrid":
            ranked = fuse(ranks)
        else:
            ranked = ranks[self.strategy]
        return [self._passages[i].with_score(score) for i, score in ranked[:k]]


def _named_providers(question: str) -> list[str]:
    """The registry providers the question names (any alias), in order of mention."""
    from assistant.checker.claims import mentions
    from assistant.checker.registry import default_registry

    registry = default_registry()
    return [p for p in dict.fromkeys(m[2] for m in mentions(question)) if registry.provider(p) is not None]


def _provider_pattern(provider: str) -> re.Pattern | None:
    """One word-boundary pattern for all aliases (3+ characters) of a provider and its offers;
    None when it has none."""
    from assistant.checker.registry import default_registry

    record = default_registry().provider(provider)
    names = {record.name, *record.aliases, *(a for o in record.offers for a in o.aliases)}
    names = sorted((n for n in names if len(n) > 2), key=lambda n: (-len(n), n))
    if not names:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])", re.I)


def fuse(rankings: dict[str, list[tuple[int, float]]], k: int = RRF_K,
         weights: dict[str, float] | None = None) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion of several rankings of the same items.

    >>> fuse({"bm25": [(7, 3.1), (2, 1.0)], "dense": [(2, 0.8), (9, 0.5)]}, k=1,
    ...      weights={"bm25": 1.0, "dense": 1.0})
    [(2, 0.8333333333333333), (7, 0.5), (9, 0.3333333333333333)]
    """
    weights = weights or WEIGHTS
    fused: dict[int, float] = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        for rank, (item, _score) in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + w / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


class _MissingCollection(Exception):
    pass
