"""Retriever: ranked `Passage`s for a question, from the index built by `ingest.pipeline`.

Strategies:
- `bm25`: lexical BM25 over French-stemmed tokens (typo-tolerant, see `ingest.bm25`), plus
  a lighter BM25 score of the question's known nicknames and synonyms (`assistant/synonyms.py`:
  "O365" -> "Office 365", "SNC" -> "SecNumCloud"...) and, for an English question, of the
  French terms of its words in the sourced glossary (`assistant/crosslingual.py`: "hosting
  contract" -> "contrat d'hébergement");
- `dense`: cosine similarity of the question's embedding in Chroma;
- `hybrid` (default): both lists, the passages whose section the question names ("R9",
  "EXI 28", "19.6.c", "article 48", "L1111-8") and the passages naming a provider the
  question names (any registry alias: "OVH" finds "OVHcloud"), fused by weighted reciprocal
  rank fusion, `score = Σ w / (RRF_K + rank)`; weights and `RRF_K` were tuned on
  `tests/data/retrieval_questions.yaml` (run `python -m eval.measure --grid`) and checked
  on the in-scope questions of `eval/questions.yaml`;
  then, for an index whose embedder has a fitted second stage (`assistant.rerank.WEIGHTS`),
  the second stage's two rankings, `sentence` and `context`: the passages ordered by their
  best sentence's similarity to the question, the sentence embedded bare and in its context
  (title and section), fused with the others by weights fitted on the tuning part of the
  question sets (`python -m eval.fit`); and, for an index whose embedder has a companion
  encoder (`ingest.companion`), that encoder's two rankings (`assistant.companion`:
  `companion_dense` over chunk vectors, `companion_context` over in-context sentences).

Filters: document kind and document date range. A `Retriever` holds one index generation,
read whole from its Chroma store (`ingest.generation`: chunk texts, documents, checked
against their checksums; BM25 built in memory) and the embedding model; `Retriever.open`
returns a `LiveRetriever` (`assistant.live_index`) that follows generation switches. Opening
builds the index when it is missing (`build_if_missing`), else raises `BackendUnavailable`;
a damaged generation is always `BackendUnavailable` (`ingest` repairs it).

This module does not answer, quote or check: it only ranks passages.
"""
from __future__ import annotations

import datetime as dt
import gc
import logging
import re
import threading

import numpy as np

from assistant.isodate import to_date
from assistant import config
from assistant.domain import Passage
from assistant.errors import BackendUnavailable, CorpusError, UsageError

STRATEGIES = ("hybrid", "bm25", "dense")
STAGES = ("bm25", "dense", "section", "entity", "sentence", "companion")   # the rankings a hybrid fusion can use
# a ranking that is part of another stage (the sentences in context; the companion encoder's two)
_STAGE_OF = {"context": "sentence", "companion_dense": "companion", "companion_context": "companion"}
RRF_K = 3
WEIGHTS = {"bm25": 1.0, "dense": 0.3, "section": 1.0, "entity": 1.0}
SYNONYM_WEIGHT = 0.15   # BM25 weight of the expansion terms relative to the question's own words
# BM25 weight of the French glossary terms of an English question (`assistant.crosslingual`),
# fitted on the English tuning questions (docs/retrieval.md, "Round 7")
GLOSSARY_WEIGHT = 1.5
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

    def __init__(self, generation, *, strategy: str, embedder_name: str, chroma_url: str | None, index_dir,
                 encode_lock: threading.Lock | None = None, warm_up: bool = True):
        """One generation (`ingest.generation.Generation`) loaded from its store: chunk texts and
        documents read and checked against their checksums, BM25 built in memory (nothing is
        written anywhere). A damaged generation is `BackendUnavailable`; a generation whose
        collections are gone is `GenerationGone`."""
        from ingest.bm25 import BM25Index
        from ingest.generation import DamagedGeneration
        from ingest.pipeline import index_text
        self.strategy = strategy
        self.embedder_name = embedder_name
        self.generation = generation
        self._chroma_url = chroma_url
        self._index_dir = index_dir
        try:
            records, documents = generation.load()
        except DamagedGeneration as exc:
            if "missing" in " ".join(exc.parts):
                raise GenerationGone(generation.name) from exc
            raise BackendUnavailable(f"the index generation {generation.name} in {generation.store.identity} is "
                                     f"damaged ({', '.join(exc.parts)} differ from its checksums); run "
                                     "hds-assistant ingest, which rebuilds it (or ingest --rebuild)") from exc
        self._bm25 = BM25Index.build([index_text(r["title"], r["section"], r["text"]) for r in records]) \
            if strategy in ("hybrid", "bm25") else None
        self._passages = [Passage(doc_id=r["doc_id"], title=r["title"], section=r["section"], text=r["text"],
                                  start=r["start"], end=r["end"], kind=r["kind"], date=r["date"],
                                  url=r.get("url"), completeness=r.get("completeness", "full"),
                                  confidence=r.get("confidence", "official"))
                          for r in records]
        self._position = {r["id"]: i for i, r in enumerate(records)}
        self._by_section = _positions_by_section(self._passages)
        self._kinds = np.array([p.kind for p in self._passages])
        self._dates = np.array([int(p.date.replace("-", "")) for p in self._passages])
        self._documents = {d.doc_id: d for d in documents}
        self._embedder = None
        self._store = None
        self._lock = encode_lock or threading.Lock()
        # registry provider -> which passages name it (any alias): computed here for every
        # registry provider, one scan of all texts each, so no question pays for it (at 100k
        # chunks a first question naming a provider took ~3 s); `_passages_naming` fills it for
        # a provider added later
        self._naming: dict[str, np.ndarray] = _naming_masks(self._passages) if self._bm25 is not None else {}
        if strategy in ("hybrid", "dense"):
            self._open_dense(warm_up)
        gc.freeze()   # the loaded index stays: keep it out of the collector's full passes (tail latency)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: config.Settings | None = None, *, strategy: str | None = None,
             embedder: str | None = None, build_if_missing: bool = True, watch: bool = True):
        """The index's current generation, ready to rank, as a `LiveRetriever` (same methods as
        this class) that follows generation switches: it polls the catalogue every
        `HDS_INDEX_POLL_S` seconds (default 5; 0 = never), loads a new generation in the
        background and swaps it in; `watch=False` for a one-shot command. Builds the index when
        the store has none (`build_if_missing`), else `BackendUnavailable`."""
        from assistant.live_index import LiveRetriever
        from ingest.names import check_name

        s = settings or config.settings()
        strategy = strategy or s.retrieval
        if strategy not in STRATEGIES:
            raise UsageError(f"unknown retrieval strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}.")
        name = check_name(embedder or s.embedder)
        return LiveRetriever.open(cls, s, strategy=strategy, embedder=name, build_if_missing=build_if_missing,
                                  watch=watch)

    def _open_dense(self, warm_up: bool = True) -> None:
        from ingest.embedders import get_embedder
        from ingest.store import VectorStore
        self._embedder = get_embedder(self.embedder_name)
        self._store = VectorStore.open(self._index_dir, self._chroma_url)
        if warm_up:
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
        from assistant.synonyms import expansions
        extra = expansions(question)
        if extra:
            scores = scores + SYNONYM_WEIGHT * self._bm25.scores(" ".join(extra))
        french = _glossary_terms(question)
        if french:
            scores = scores + GLOSSARY_WEIGHT * self._bm25.scores(" ".join(french))
        hits = np.flatnonzero(mask & (scores > 0))   # only positive scores are ranked
        return [(int(i), float(scores[i])) for i in _best(hits, scores, n)]

    def query_vector(self, question: str) -> np.ndarray:
        """The question's embedding, as the dense ranking uses it (kept for the next call with the
        same question, so a `retrieve` right after does not encode it again)."""
        return self._query_vector(question)

    def _query_vector(self, query: str) -> np.ndarray:
        with self._lock:
            last = getattr(self, "_last_query", None)
            if last is not None and last[0] == query:   # the answer's domain test asks again
                return last[1]
            vector = self._embedder.encode_query(query)
            self._last_query = (query, vector)
            return vector

    def _bm25_scores(self, question: str) -> np.ndarray:
        """BM25 scores of every passage, remembered for the last question (the answer's domain
        test reads them again)."""
        with self._lock:
            last = getattr(self, "_last_bm25", None)
            if last is not None and last[0] == question:
                return last[1]
            scores = self._bm25.scores(question)
            self._last_bm25 = (question, scores)
            return scores

    def best_sentence_similarity(self, question: str) -> float | None:
        """The highest cosine between the question and any corpus sentence, or None when this
        index has no sentence vectors (the answer's domain test then relies on words alone)."""
        stage = self._sentence_stage()
        if stage is None:
            return None
        return stage.best(self._query_vector(question))

    def sentence_similarities(self, question: str, spans, texts=None) -> np.ndarray | None:
        """Cosines between the question and the indexed sentences at `spans` ((doc_id, start, end)
        each, offsets as `assistant.answer.sentences` gives them): one row per span, columns bare
        sentence and sentence in its context (`ingest.sentences`), NaN where the index holds no such
        sentence. With `texts` (the spans' words), a span the index has no vector for (a table
        row) is encoded now, bare only. None when this index has no sentence vectors. Ranks
        nothing: the answer's quote selector reads them."""
        table = self._sentence_table()
        if table is None:
            return None
        rows, bare, context = table
        vector = np.asarray(self._query_vector(question), dtype=np.float32)
        out = np.full((len(spans), 2), np.nan, dtype=np.float32)
        unknown = []
        for i, key in enumerate(spans):
            row = rows.get(tuple(key))
            if row is None:
                unknown.append(i)
                continue
            out[i, 0] = float(bare[row[0]] @ vector)
            if row[1] is not None:
                out[i, 1] = float(context[row[1]] @ vector)
        if unknown and texts is not None:
            extra = self.__dict__.setdefault("_extra_vectors", {})   # the few table rows met, encoded once
            todo = [texts[i] for i in unknown if texts[i] not in extra]
            if todo:
                with self._lock:
                    extra.update(zip(todo, np.asarray(self._embedder.encode_passages(todo), dtype=np.float32)))
            out[unknown, 0] = np.array([extra[texts[i]] for i in unknown]) @ vector
        return out

    def sentence_neighbours(self, question: str, n: int) -> list[Passage]:
        """The passages holding the question's `n` nearest sentences in the whole corpus (e5
        cosine, bare and in context, one passage per best sentence, nearest first), each with
        that cosine as its score; empty without sentence vectors. The fused ranking can bury a
        passage whose one sentence answers a paraphrased question under passages sharing more
        of its words; `eval/fit_quotes.py --passages 6+N` measures the quote selector reading
        these beside the first retrieved ones (round 15: the gold among the candidates for 3 to 6
        more of 996 tuning questions, none more among the first four picks, so the answer service
        does not read them). Ranks nothing else and applies no filter."""
        if n < 1 or self._sentence_stage() is None:
            return []
        vector = self._query_vector(question)
        best: dict[int, float] = {}
        for context in (False, True):
            stage = self._sentence_stage(context)
            if stage is None:
                continue
            for position, score in stage.ranking(vector, range(len(self._passages)))[:n]:
                best[position] = max(score, best.get(position, -1.0))
        ranked = sorted(best.items(), key=lambda x: (-x[1], x[0]))[:n]
        return [self._passages[i].with_score(score) for i, score in ranked]

    def _sentence_table(self):
        """(span -> (row bare, row in context), bare vectors, context vectors) of the generation's
        sentences, read once; None without sentence vectors."""
        if self._embedder is None or self._store is None:
            return None
        if not hasattr(self, "_sentence_rows"):
            from ingest import sentences
            with self._lock:
                tables = []
                for context in (False, True):
                    name = sentences.collection_name(self.generation.collection, context)
                    if not self._store.has(name):
                        tables.append(None)
                        continue
                    got = self._store.read(name, include=("embeddings", "metadatas"))
                    keys = {(m["doc_id"], int(m["start"]), int(m["end"])): i for i, m in enumerate(got["metadatas"])}
                    tables.append((keys, np.asarray(got["embeddings"], dtype=np.float32)))
                if tables[0] is None:
                    self._sentence_rows = None
                else:
                    ctx_keys, ctx = tables[1] if tables[1] is not None else ({}, np.zeros((0, 1), np.float32))
                    rows = {k: (i, ctx_keys.get(k)) for k, i in tables[0][0].items()}
                    self._sentence_rows = (rows, tables[0][1], ctx)
        return self._sentence_rows

    def domain_signals(self, question: str) -> dict | None:
        """What the retrieval says about how close the question is to the corpus, for the
        answer's abstention model (`assistant.answer.abstention`): the query vector, the best and 10th-best
        sentence cosines, the best BM25 score per query word and the share of the question's
        words (stopwords left out) that the corpus vocabulary holds, and how many passages sit in
        a section the question names ("règle R9", "EXI 28"). None when this index has
        no sentence vectors or no BM25 (the answer then falls back to its word test)."""
        stage = self._sentence_stage()
        if stage is None or self._bm25 is None:
            return None
        from ingest.bm25 import stem, stopwords, words
        vector = self._query_vector(question)
        top = stage.top(vector, 10)
        content = [w for w in words(question) if w not in stopwords() and len(w) > 1]
        vocab = self._bm25.vocabulary()
        known = sum(1 for w in content if stem(w) in vocab)
        bm25 = self._bm25_scores(question)
        named = self._section_ranking(question, np.ones(len(self._passages), dtype=bool))
        return {"query_vector": vector, "named_sections": len(named), "sentence_top1": top[0] if top else -1.0, "sentence_top10": top[-1] if top else -1.0,
                "bm25_per_word": float(bm25.max()) / max(len(content), 1) if len(bm25) else 0.0,
                "vocabulary_share": known / len(content) if content else 0.0}

    def _dense_ranking(self, vector: np.ndarray, where: dict | None, n: int, allowed: int) -> list[tuple[int, float]]:
        if allowed == 0:
            return []
        hits = self._store.query(self.generation.collection, vector, min(n, allowed), where)
        return [(self._position[cid], score) for cid, score in hits if cid in self._position]

    def _sentence_stage(self, context: bool = False):
        """The generation's sentence vectors (`assistant.rerank.SentenceStage`), bare or in
        `context` (`ingest.sentences`), loaded on first use; None when this embedder has no fitted
        second stage or the generation has no such collection (an index built before it:
        `ingest --rebuild` adds it)."""
        from assistant import rerank
        if self._embedder is None or self.embedder_name not in rerank.WEIGHTS:
            return None
        stages = getattr(self, "_sentences", None)
        if stages is None:
            from ingest import sentences
            with self._lock:
                stages = {}
                for ctx in (False, True):
                    loaded = sentences.load(self._store, self.generation.collection, ctx)
                    stages[ctx] = rerank.SentenceStage(*loaded) if loaded is not None else None
                    if loaded is None:
                        logging.getLogger(__name__).warning(
                            "the index generation %s has no sentence vectors%s: part of the second stage "
                            "is off (run hds-assistant ingest --rebuild)", self.generation.name,
                            " in context" if ctx else "")
                self._sentences = stages
        return stages[context]

    def _companion_stage(self):
        """The generation's companion encoder and vectors (`assistant.companion`), loaded on first
        use; None when the embedder has no companion with fitted weights or the generation was
        built without its collections (`ingest` adds them)."""
        from assistant import rerank
        from assistant.companion import CompanionStage
        if self._embedder is None or "companion" not in rerank.WEIGHTS.get(self.embedder_name, {}):
            return None
        if not hasattr(self, "_companion"):
            with self._lock:
                self._companion = CompanionStage.load(self._store, self.generation.collection, self.embedder_name)
                if self._companion is None:
                    logging.getLogger(__name__).warning(
                        "the index generation %s has no companion vectors: that part of the second stage "
                        "is off (run hds-assistant ingest)", self.generation.name)
        return self._companion

    def _section_ranking(self, question: str, mask: np.ndarray) -> list[tuple[int, float]]:
        tests = [make(m) for pattern, make in _REFERENCES for m in pattern.finditer(question)]
        if not tests:
            return []
        named = [positions for section, positions in self._by_section.items() if any(t(section) for t in tests)]
        if not named:
            return []
        hits = np.sort(np.concatenate(named))
        return [(int(i), 1.0) for i in hits[mask[hits]]]

    def _entity_ranking(self, question: str, mask: np.ndarray, scores: np.ndarray | None) -> list[tuple[int, float]]:
        """Passages naming a provider or offer the question names (any of its registry aliases),
        by BM25 score: a question about "OVH" should see the passages about OVHcloud."""
        providers = _named_providers(question)
        if not providers:
            return []
        named = np.zeros(len(self._passages), dtype=bool)
        for provider in providers:
            named |= self._passages_naming(provider)
        hits = np.flatnonzero(named & mask)
        if scores is None:
            return [(int(i), 1.0) for i in hits[:CANDIDATES]]
        return [(int(i), float(scores[i])) for i in _best(hits, scores, CANDIDATES)]

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
        the question names), as far as this retriever has them; and `sentence` and `context`,
        the second stage's rankings by best sentence, bare and in context (`assistant.rerank`),
        when this index has them, and the companion encoder's two (`assistant.companion`)."""
        out, vector, mask = self._first_stage(question, kinds=kinds, date_from=date_from, date_to=date_to, n=n)
        self._second_stage(out, vector, mask, STAGES, question)
        self._exact_dense(out, vector, n)
        return out

    def _first_stage(self, question: str, *, kinds, date_from, date_to, n: int):
        date_from, date_to = _as_date(date_from, "date_from"), _as_date(date_to, "date_to")
        mask = self._mask(kinds, date_from, date_to)
        out = {}
        if self._bm25 is not None:
            own = self._bm25_scores(question)
            out["bm25"] = self._bm25_ranking(question, mask, n, own)
            out["section"] = self._section_ranking(question, mask)
            out["entity"] = self._entity_ranking(question, mask, own)
        vector = None
        if self._embedder is not None:
            # the dense query is the question alone: appending synonyms blurred its embedding
            vector = self._query_vector(question)
            out["dense"] = self._dense_ranking(vector, self._where(kinds, date_from, date_to), n,
                                               int(mask.sum()))
        return out, vector, mask

    def _second_stage(self, ranks: dict, vector, mask: np.ndarray, stages, question: str = "") -> None:
        """Add the `sentence` and `context` rankings of the candidates to `ranks` (in place), and
        the companion encoder's (`companion_dense`, `companion_context`) when `question` is given:
        the candidates are the first stage's best, or every passage the filters allow, as fitted."""
        from assistant import rerank
        sentence = "sentence" in stages and self._sentence_stage() is not None
        companion = "companion" in stages and bool(question) and self._companion_stage() is not None
        if vector is None or not (sentence or companion):
            return
        if rerank.WEIGHTS[self.embedder_name].get("candidates"):
            first = fuse({k: v for k, v in ranks.items() if k in stages}, **self._fusion(stages, question))
            candidates = [i for i, _ in first[:rerank.CANDIDATES]]
        else:
            candidates = np.flatnonzero(mask)
        for name, context in (("sentence", False), ("context", True)):
            stage = self._sentence_stage(context) if sentence else None
            if stage is not None:
                ranks[name] = stage.ranking(vector, candidates)[:CANDIDATES]
        if companion:
            stage = self._companion_stage()
            ranks.update(stage.rankings(stage.encode(question), candidates, CANDIDATES))

    def _exact_dense(self, ranks: dict, vector, n: int) -> None:
        """Replace `ranks["dense"]` (in place) by the exact cosines of the question's vector with
        the stored chunk vectors of every passage some ranking holds (the candidate set: the
        store's approximate nearest neighbours and every other ranking's list), best first, ties
        by position. Chroma's HNSW graph only proposes candidates: two stores of the same
        generation (an embedded one, a server) then order the dense channel alike, whatever
        their graphs (a near-tie of round 4 swapped ranks 2 and 3 between them)."""
        if "dense" not in ranks or vector is None:
            return
        candidates = sorted({i for ranking in ranks.values() for i, _ in ranking})
        if candidates:
            ranks["dense"] = self._chunk_vectors().ranking(vector, candidates)[:n]

    def _chunk_vectors(self):
        """The generation's chunk vectors as a `rerank.SentenceStage` with one row per passage
        (each chunk its own "sentence"), read from the store on first use."""
        from assistant.rerank import SentenceStage
        stage = getattr(self, "_chunk_stage", None)
        if stage is None:
            with self._lock:
                ids, vectors = self.generation.chunk_vectors()
                positions = np.array([self._position[i] for i in ids], dtype=np.int64)
                stage = self._chunk_stage = SentenceStage(vectors, positions)
        return stage

    def _fusion(self, stages, question: str = "") -> dict:
        """RRF k and weights of the fusion: the second stage's fitted set when it runs; the
        companion's weights are those of the question's language (`assistant.language`), and so
        are the overrides of `by_language` (round 7: English questions lean less on BM25)."""
        from assistant.language import detect_language
        from assistant import rerank
        fitted = rerank.WEIGHTS.get(self.embedder_name)
        if fitted is None or not {"sentence", "companion"} & set(stages):
            return {"k": RRF_K, "weights": WEIGHTS}
        language = detect_language(question)
        companion = fitted.get("companion", {}).get(language, {})
        return {"k": fitted["rrf_k"],
                "weights": {**fitted["weights"], "sentence": fitted["sentence"], "context": fitted.get("context", 0.0),
                            "companion_dense": companion.get("dense", 0.0),
                            "companion_context": companion.get("context", 0.0),
                            **fitted.get("by_language", {}).get(language, {})}}

    def retrieve(self, question: str, k: int = 5, *, kinds=None, date_from=None, date_to=None,
                 stages=None) -> list[Passage]:
        """The `k` best passages for `question`, best first, each with its score.

        `stages` (hybrid only) restricts the fusion to some of `STAGES`, to measure what each
        brings (`eval`); by default all that this index has."""
        if not question or not question.strip():
            raise UsageError("the question is empty.")
        if k < 1:
            raise UsageError("k must be at least 1.")
        stages = STAGES if stages is None else tuple(stages)
        if set(stages) - set(STAGES):
            raise UsageError(f"unknown stage(s) {', '.join(sorted(set(stages) - set(STAGES)))}; "
                             f"choose among {', '.join(STAGES)}.")
        ranks, vector, mask = self._first_stage(question, kinds=kinds, date_from=date_from, date_to=date_to,
                                                n=max(CANDIDATES, k))
        if self.strategy == "hybrid":
            self._second_stage(ranks, vector, mask, stages, question)
        self._exact_dense(ranks, vector, max(CANDIDATES, k))
        if self.strategy == "hybrid":
            ranked = fuse({name: r for name, r in ranks.items() if _STAGE_OF.get(name, name) in stages},
                          **self._fusion(stages, question))
        else:
            ranked = ranks[self.strategy]
        return [self._passages[i].with_score(score) for i, score in ranked[:k]]


def _glossary_terms(question: str) -> list[str]:
    """The French glossary terms of an English question (`assistant.crosslingual`); none for a
    French one (its words are the corpus's own)."""
    from assistant.crosslingual import french_terms
    from assistant.language import detect_language
    return french_terms(question) if detect_language(question) == "en" else []


def _named_providers(question: str) -> list[str]:
    """The registry providers the question names (any alias), in order of mention."""
    from assistant.checker.claims import mentions
    from assistant.checker.registry import default_registry

    registry = default_registry()
    return [p for p in dict.fromkeys(m[2] for m in mentions(question)) if registry.provider(p) is not None]


def _best(positions: np.ndarray, scores: np.ndarray, n: int) -> np.ndarray:
    """The `n` positions of highest score, best first, ties in ascending position: what a stable
    sort of all `positions` (ascending) by descending score gives, but sorting only the
    positions scoring at least the n-th best score (a partition finds it), not all of them."""
    values = scores[positions]
    if 0 < n < len(values):
        nth = np.partition(values, len(values) - n)[len(values) - n]
        keep = values >= nth
        positions, values = positions[keep], values[keep]
    return positions[np.argsort(-values, kind="stable")[:n]]


def _positions_by_section(passages: list[Passage]) -> dict[str, np.ndarray]:
    """Each distinct section and the positions of its passages (ascending): a question naming a
    section tests each distinct section once, not every passage."""
    grouped: dict[str, list[int]] = {}
    for i, p in enumerate(passages):
        grouped.setdefault(p.section, []).append(i)
    return {section: np.array(positions, dtype=np.int64) for section, positions in grouped.items()}


def _naming_masks(passages: list[Passage]) -> dict[str, np.ndarray]:
    """For each registry provider, the mask of the passages its pattern (`_provider_pattern`)
    finds in, computed without running the pattern on every passage: a passage can match
    only if one of the provider's aliases (lower case) occurs in its lower-cased text, found by
    `str.find` over all texts joined by NUL; the pattern then decides on those candidates."""
    from assistant.checker.registry import default_registry

    lowered = [p.text.lower() for p in passages]
    starts = np.cumsum([0] + [len(t) + 1 for t in lowered[:-1]]) if lowered else np.zeros(0, int)
    joined = "\x00".join(lowered)
    out = {}
    for record in default_registry().providers:
        rx = _provider_pattern(record.name)
        mask = np.zeros(len(passages), dtype=bool)
        if rx is not None:
            hits = []
            for alias in _aliases(record.name):
                at = joined.find(alias)
                while at != -1:
                    hits.append(at)
                    at = joined.find(alias, at + 1)
            for i in np.unique(np.searchsorted(starts, hits, side="right") - 1) if hits else ():
                mask[i] = rx.search(passages[i].text) is not None
        out[record.name] = mask
    return out


def _aliases(provider: str) -> list[str]:
    from assistant.checker.registry import default_registry

    record = default_registry().provider(provider)
    return sorted({n.lower() for n in (record.name, *record.aliases, *(a for o in record.offers for a in o.aliases))
                   if len(n) > 2})


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


class GenerationGone(Exception):
    """The generation's collections were deleted before it could be loaded (read the catalogue again)."""
