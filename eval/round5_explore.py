"""Round 5 retrieval exploration (developer script; the product imports nothing from here).

    python -m eval.round5_explore build     # per-question rankings and vectors -> a pickle
    python -m eval.round5_explore           # every variant below, tune and test parts

Question sets: those of `eval.fit` (since round 5 they include round 4's spent blind set and
round 5's fresh `eval/gold5-tune.yaml`, both tuning material). For every
question it keeps the first-stage rankings (`bm25`, `dense` as Chroma's approximate HNSW
returns it, `section`, `entity`), the exact dense ranking (the question's e5 vector against
every stored chunk vector, `dense_exact`), the second stage's rankings over every passage, the
question's e5 and USE vectors and the five vector matrices. The variants (docs/retrieval.md,
"Round 5"): exact dense ranking; a bonus for agreement among the channels' top k; hubness
reduction (CSLS); a coordinate-ascent refit of every weight on the enlarged tuning
part; the question's last clause as a second query; query-dependent channel weights from each
channel's score gap; a channel of the rules' basis passages, ranked by the question's
similarity to the rules' own sentences (`assistant/checker/data/rules.yaml`). Every choice is
made on the tuning part; the test part is printed beside it.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

from eval import fit

DATA = Path(os.environ.get("HDS_DATA_DIR", ".hds")).resolve()
CACHE = Path(tempfile.gettempdir()) / "hds-round5-cache.pkl"




def build() -> None:
    from assistant import config
    from assistant.companion import CompanionStage
    from assistant.language import detect_language
    from assistant.rerank import SentenceStage
    from assistant.retrieval import Retriever
    from ingest import sentences

    settings = config.Settings(data_dir=DATA, corpus_dir=config.settings().corpus_dir, embedder="e5")
    r = Retriever.open(settings, strategy="hybrid", embedder="e5", build_if_missing=False, watch=False)
    r = r._current   # the generation's Retriever behind the LiveRetriever
    qs = fit.load_all({d.doc_id for d in r.documents()})
    passages = r.passages
    _, chunk_vectors = r.generation.chunks_and_vectors()
    chunk_vectors = np.asarray(chunk_vectors, dtype=np.float32)
    stages = {"sentence": SentenceStage(*sentences.load(r._store, r.generation.collection)),
              "context": SentenceStage(*sentences.load(r._store, r.generation.collection, context=True))}
    companion = r._companion_stage()
    everything = range(len(passages))
    out = []
    for q in qs:
        ranks, vector, _ = r._first_stage(q["question"], kinds=None, date_from=None, date_to=None, n=60)
        sims = chunk_vectors @ np.asarray(vector, dtype=np.float32)
        order = np.argsort(-sims, kind="stable")[:60]
        ranks["dense_exact"] = [(int(i), float(sims[i])) for i in order]
        for name, stage in stages.items():
            ranks[name] = stage.ranking(vector, everything)[:60]
        use_vector = companion.encode(q["question"])
        ranks.update(companion.rankings(use_vector, everything, 60))
        rel = [i for i, p in enumerate(passages) if any(p.doc_id == d and n in p.text for d, n in q["gold"])]
        out.append({**q, "lang_detected": detect_language(q["question"]), "ranks": ranks, "relevant": rel,
                    "e5": np.asarray(vector, dtype=np.float32), "use": np.asarray(use_vector, dtype=np.float32)})
    meta = [{"doc_id": p.doc_id, "section": p.section} for p in passages]
    from ingest import companion as comp
    matrices = {"dense": (chunk_vectors, np.arange(len(passages))),
                "sentence": sentences.load(r._store, r.generation.collection),
                "context": sentences.load(r._store, r.generation.collection, context=True),
                "companion_dense": comp.load(r._store, r.generation.collection, comp.CHUNKS),
                "companion_context": comp.load(r._store, r.generation.collection, comp.CONTEXT)}
    CACHE.write_bytes(pickle.dumps({"questions": out, "passages": meta, "matrices": matrices}))
    print(f"{len(out)} questions cached in {CACHE}")



# ------------------------------------------------------------------ scoring
BASE_WEIGHTS = {"bm25": 1.0, "dense": 0.3, "section": 2.0, "entity": 1.0, "sentence": 0.5, "context": 0.5}
COMPANION = {"en": {"companion_dense": 0.15, "companion_context": 1.0},
             "fr": {"companion_dense": 0.15, "companion_context": 0.0}}
CHANNELS = ("bm25", "dense", "sentence", "context", "companion_dense", "companion_context")
ENCODER = {"dense": "e5", "sentence": "e5", "context": "e5", "companion_dense": "use", "companion_context": "use"}


def rrf(ranks: dict, weights: dict, k: int = 3) -> list[int]:
    fused = defaultdict(float)
    for name, ranking in ranks.items():
        for r, (item, _) in enumerate(ranking, start=1):
            fused[item] += weights.get(name, 0.0) / (k + r)
    return [i for i, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))]


class Bench:
    """The cached questions, their parts, and the default fusion as main runs it."""

    def __init__(self, cache: dict):
        self.qs, self.matrices, self.n = cache["questions"], cache["matrices"], len(cache["passages"])
        self.tune = [a for a, q in enumerate(self.qs) if q["split"] == "tune"]
        self.test = [a for a, q in enumerate(self.qs) if q["split"] == "test"]

    def weights(self, a: int, base=BASE_WEIGHTS, companion=COMPANION) -> dict:
        return {**base, **companion.get(self.qs[a]["lang_detected"], {})}

    def ranks(self, a: int, exact: bool = True) -> dict:
        r = dict(self.qs[a]["ranks"])
        if exact:
            r["dense"] = r["dense_exact"]
        return r

    def figures(self, order_of, idx) -> list[float]:
        ranks = []
        for a in idx:
            rel = set(self.qs[a]["relevant"])
            ranks.append(next((r for r, i in enumerate(order_of(a)[:10], start=1) if i in rel), None))
        n = len(ranks) or 1
        return [sum(1 for r in ranks if r and r <= k) / n for k in (1, 5, 10)] + [sum(1 / r for r in ranks if r) / n]

    def objective(self, order_of) -> float:
        f = self.figures(order_of, self.tune)
        return f[1] + f[3] / 2

    def report(self, name: str, order_of) -> None:
        cell = lambda f: " / ".join(f"{x:.3f}" for x in f)
        groups = {"tune": self.tune, "test": self.test}
        for part in ("tune", "test"):
            for lang in ("en", "fr"):
                groups[f"{part} {lang}"] = [a for a in groups[part] if self.qs[a]["lang"] == lang]
        for name_of_set in ("blind4", "eval"):   # eval = gold5-tune (its folder's name)
            groups[name_of_set] = [a for a, q in enumerate(self.qs) if q["set"] == name_of_set]
        print(f"| {name} | " + " | ".join(cell(self.figures(order_of, idx)) for idx in groups.values()) + " |")

    def ranking(self, name: str, query: np.ndarray, adjust=None) -> list[tuple[int, float]]:
        """Passages by their best row's score in matrix `name` (max-pooling), top 60."""
        vectors, chunks = self.matrices[name]
        scores = vectors @ query if adjust is None else adjust(vectors, query)
        best = np.full(self.n, -np.inf, dtype=np.float32)
        np.maximum.at(best, chunks, scores)
        order = np.argsort(-best, kind="stable")[:60]
        return [(int(i), float(best[i])) for i in order]


def header() -> None:
    print("| variant | tune | test | tune en | tune fr | test en | test fr | blind4 | gold5 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def agreement(b: Bench) -> None:
    def order(beta, top):
        def of(a):
            r, w = b.ranks(a), b.weights(a)
            fused = defaultdict(float)
            for name, ranking in r.items():
                for i, (item, _) in enumerate(ranking, start=1):
                    fused[item] += w.get(name, 0.0) / (3 + i)
            votes = defaultdict(int)
            for name in CHANNELS:
                if w.get(name):
                    for item, _ in r.get(name, [])[:top]:
                        votes[item] += 1
            for item, v in votes.items():
                fused[item] += beta * max(v - 1, 0)
            return [i for i, _ in sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))]
        return of
    best = max(((beta, top) for beta in (0.02, 0.05, 0.1, 0.2) for top in (3, 5, 10, 20)),
               key=lambda p: b.objective(order(*p)))
    b.report(f"agreement bonus {best}", order(*best))


def hubness(b: Bench) -> None:
    hub = {}
    for name, (vectors, _) in b.matrices.items():
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, -np.inf)
        hub[name] = np.sort(sims, axis=1)[:, -10:].mean(axis=1)
    for lam in (0.25, 0.5):
        def of(a, lam=lam):
            r = b.ranks(a)
            for name in ENCODER:
                r[name] = b.ranking(name, b.qs[a][ENCODER[name]], lambda v, q, n=name: v @ q - lam * hub[n])
            return rrf(r, b.weights(a))
        b.report(f"CSLS hubness {lam}", of)


def refit(b: Bench) -> None:
    point = {"base": dict(BASE_WEIGHTS), "companion": {k: dict(v) for k, v in COMPANION.items()}, "k": 3}
    order = lambda p: lambda a: rrf(b.ranks(a), b.weights(a, p["base"], p["companion"]), p["k"])
    best = b.objective(order(point))
    grid = {"bm25": (0.5, 0.75, 1.0, 1.5), "dense": (0, 0.15, 0.3, 0.6), "sentence": (0.25, 0.5, 0.75, 1.0),
            "context": (0.25, 0.5, 0.75, 1.0), "entity": (0.5, 1.0, 1.5)}
    for _ in range(2):
        candidates = [{**point, "base": {**point["base"], n: v}} for n, vals in grid.items() for v in vals]
        candidates += [{**point, "k": k} for k in (2, 3, 5, 10)]
        candidates += [{**point, "companion": {**point["companion"], lang: {**point["companion"][lang], n: v}}}
                       for lang in ("en", "fr") for n in ("companion_dense", "companion_context")
                       for v in (0, 0.15, 0.3, 0.6, 1.0)]
        for c in candidates:
            s = b.objective(order(c))
            if s > best + 1e-9:
                best, point = s, c
    print("refit:", point)
    b.report("coordinate-ascent refit", order(point))


def last_clause(question: str) -> str | None:
    parts = [p.strip() for p in re.split(r"\s*[,:;]\s+|\s+[-–—]\s+", question) if p.strip()]
    return parts[-1] if len(parts) > 1 and len(parts[-1].split()) >= 3 else None


def clause_channels(b: Bench) -> None:
    from ingest.embedders import get_embedder
    encoders = {"e5": get_embedder("e5"), "use": get_embedder("use")}
    clause = {a: last_clause(q["question"]) for a, q in enumerate(b.qs)}
    vectors = {(a, e): np.asarray(encoders[e].encode_query(c), dtype=np.float32)
               for a, c in clause.items() if c for e in encoders}
    for w in (0.25, 0.5, 1.0):
        def of(a, w=w):
            r, wts = b.ranks(a), b.weights(a)
            if clause[a]:
                for name, enc in ENCODER.items():
                    r[name + "_clause"] = b.ranking(name, vectors[a, enc])
                    wts[name + "_clause"] = wts.get(name, 0.0) * w
            return rrf(r, wts)
        b.report(f"last clause as more channels, x{w}", of)


def score_gap_weights(b: Bench) -> None:
    def gap(ranking):
        return ranking[0][1] - ranking[9][1] if len(ranking) >= 10 else None
    median = {c: float(np.median([g for a in b.tune if (g := gap(b.ranks(a).get(c, []))) is not None] or [1.0]))
              for c in CHANNELS}
    def order(gamma):
        def of(a):
            r, w = b.ranks(a), b.weights(a)
            for c in CHANNELS[1:]:
                g = gap(r.get(c, []))
                if g is not None and w.get(c):
                    w[c] *= min(3.0, max(1 / 3, (g / median[c]) ** gamma))
            return rrf(r, w)
        return of
    gamma = max((0.25, 0.5, 1.0, 2.0), key=lambda g: b.objective(order(g)))
    b.report(f"weights by score gap, gamma {gamma}", order(gamma))


def rule_channel(b: Bench, passages_text: list[str]) -> None:
    import yaml
    from assistant.config import REPO_ROOT
    from ingest.embedders import get_embedder
    raw = yaml.safe_load((REPO_ROOT / "assistant/checker/data/rules.yaml").read_text(encoding="utf-8"))
    text = lambda v, lang: v.get(lang, "") if isinstance(v, dict) else ""
    items = []
    for rule in raw["rules"] + (raw.get("notes") or []):
        quotes = [x["quote"] for x in [rule.get("basis") or {}, *(rule.get("also") or []), rule.get("condition") or {}]
                  if "quote" in x]
        where = sorted({i for qt in quotes for i, t in enumerate(passages_text) if qt in t})
        if where and "title" in rule:
            for lang in ("fr", "en"):
                words = [text(rule["title"], lang), *(text(v, lang) for v in (rule.get("explain") or {}).values()),
                         text(rule.get("condition") or {}, lang)]
                items.append((rule["id"], " ".join(words), where))
    e5 = np.asarray(get_embedder("e5").encode_passages([t for _, t, _ in items]), dtype=np.float32)
    use = np.asarray(get_embedder("use").encode_passages([t for _, t, _ in items]), dtype=np.float32)

    def ranking(a, top):
        sims = e5 @ b.qs[a]["e5"] + use @ b.qs[a]["use"]
        out, rules = [], []
        for j in np.argsort(-sims):
            if items[j][0] not in rules:
                rules.append(items[j][0])
                out += [(p, float(sims[j])) for p in items[j][2] if p not in {i for i, _ in out}]
            if len(rules) == top:
                return out
        return out
    best = max(((w, top) for w in (0.25, 0.5, 1.0) for top in (1, 2, 3)),
               key=lambda p: b.objective(lambda a: rrf({**b.ranks(a), "rules": ranking(a, p[1])},
                                                       {**b.weights(a), "rules": p[0]})))
    b.report(f"rules' basis channel (weight, rules) {best}",
             lambda a: rrf({**b.ranks(a), "rules": ranking(a, best[1])}, {**b.weights(a), "rules": best[0]}))


def explore() -> None:
    from assistant import config
    from assistant.retrieval import Retriever
    b = Bench(pickle.loads(CACHE.read_bytes()))
    header()
    b.report("main (Chroma's HNSW dense order)", lambda a: rrf(b.ranks(a, exact=False), b.weights(a)))
    b.report("exact dense ranking (round 5)", lambda a: rrf(b.ranks(a), b.weights(a)))
    agreement(b)
    hubness(b)
    refit(b)
    score_gap_weights(b)
    clause_channels(b)
    settings = config.Settings(data_dir=DATA, corpus_dir=config.settings().corpus_dir, embedder="e5")
    r = Retriever.open(settings, strategy="bm25", embedder="e5", build_if_missing=False, watch=False)
    rule_channel(b, [p.text for p in r.passages])


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        build()
    else:
        explore()
