"""Round 4's exploration of retrieval directions (issue 12): a developer script, not product code.

    HDS_DATA_DIR=<an e5 data dir> python -m eval.round4_explore build     # cache every channel (minutes)
    python -m eval.round4_explore misses        # classify the misses of main's default (tune, blind)
    python -m eval.round4_explore dirs          # PRF (Rocchio), RM3, companion, document prior, heading: fitted on tune
    python -m eval.round4_explore use           # the companion's weights, score-level fusion
    python -m eval.round4_explore final         # the kept step and its combinations, scored once on test
    python -m eval.round4_explore cands         # the companion restricted to the first stage's top n
    python -m eval.round4_explore misses-after  # the misses left with the companion

`build` reads the index (chunk vectors, sentence vectors, first-stage rankings of every question
of `eval.fit.load_all` plus the spent blind set as tune), encodes chunks, sentences and
headings with USE and the headings with e5, and pickles it all in the temp folder; the other
commands only read that cache. Figures and conclusions: docs/retrieval.md, "Round 4". The
product imports nothing from here; what was kept lives in `ingest.companion` and
`assistant.companion`.
"""
from __future__ import annotations

import itertools
import os
import pickle
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

from assistant import config
from assistant.config import REPO_ROOT
from eval.fit import figures, load_all


DATA = Path(os.environ.get("HDS_DATA_DIR", ".hds")).resolve()
CACHE = Path(tempfile.gettempdir()) / "hds-round4-cache.pkl"


def load_blind(documents):
    out = []
    for q in yaml.safe_load((REPO_ROOT / "eval/blind/retrieval.yaml").read_text())["questions"]:
        gold = [(g["doc_id"], g["needle"]) for g in q["gold"] if g["doc_id"] in documents]
        if gold:
            out.append({"id": q["id"], "set": "blind", "split": "tune", "lang": q["lang"],
                        "question": q["question"], "gold": gold})
    return out


def doc_lang(text):
    w = re.findall(r"\w+", text.lower()[:20000])
    en = sum(w.count(x) for x in ("the", "of", "and", "shall"))
    fr = sum(w.count(x) for x in ("le", "la", "les", "des", "et"))
    return "en" if en > fr else "fr"


def build():
    from assistant.retrieval import Retriever
    from assistant.rerank import SentenceStage
    from ingest import sentences
    from ingest.embedders import get_embedder
    from ingest.pipeline import index_text
    settings = config.Settings(data_dir=DATA, corpus_dir=config.settings().corpus_dir, embedder="e5")
    r = Retriever.open(settings, strategy="hybrid", embedder="e5", build_if_missing=False, watch=False)
    r = r._current
    docs = {d.doc_id: d for d in r.documents()}
    qs = load_all(set(docs)) + load_blind(set(docs))
    passages = r.passages
    col = r.generation.collection
    got = r._store.read(col, include=("embeddings",))
    E = np.zeros((len(passages), len(got["embeddings"][0])), np.float32)
    for cid, v in zip(got["ids"], got["embeddings"]):
        E[r._position[cid]] = v
    sb = sentences.load(r._store, col)
    sc = sentences.load(r._store, col, context=True)
    recs = [(p.title, p.section, p.text) for p in passages]
    # USE vectors
    use = get_embedder("use")
    t = time.time()
    U = use.encode_passages([index_text(*x) for x in recs])
    from ingest.sentences import spans as mkspans
    records = [{"doc_id": p.doc_id, "title": p.title, "section": p.section, "text": p.text, "start": p.start,
                "end": p.end, "kind": p.kind, "date": p.date} for p in passages]
    spans = mkspans(records)
    UB = use.encode_passages([s.text for s in spans])
    UC = use.encode_passages([s.context for s in spans])
    uchunks = np.array([s.chunk for s in spans])
    print("use ingest", time.time() - t, "s", len(spans), "sentences", file=sys.stderr)
    # doc heading vectors (e5): title + distinct sections
    e5 = r._embedder
    doc_ids = sorted(docs)
    heads = []
    for d in doc_ids:
        secs = list(dict.fromkeys(p.section for p in passages if p.doc_id == d))
        heads.append(docs[d].title + "\n" + "\n".join(secs)[:1500])
    DH = e5.encode_passages(heads)
    UH = use.encode_passages(heads)
    uniq = list(dict.fromkeys(f"{p.title}\n{p.section}" for p in passages))
    HV = e5.encode_passages(uniq)
    hpos = {h: i for i, h in enumerate(uniq)}
    PH = HV[[hpos[f"{p.title}\n{p.section}"] for p in passages]]
    per_q = []
    t = time.time()
    for q in qs:
        ranks, vec, _ = r._first_stage(q["question"], kinds=None, date_from=None, date_to=None, n=60)
        uq = use.encode_query(q["question"])
        per_q.append({"ranks": ranks, "vec": vec, "uvec": uq, "bm25": r._bm25_scores(q["question"]).copy()})
    print("queries", time.time() - t, file=sys.stderr)
    relevant = [np.array([any(p.doc_id == d and n in p.text for d, n in q["gold"]) for p in passages]) for q in qs]
    data = dict(PH=PH, qs=qs, per_q=per_q, E=E, sb=sb, sc=sc, U=U, UB=UB, UC=UC, uchunks=uchunks, DH=DH, UH=UH,
                doc_ids=doc_ids, pdoc=[p.doc_id for p in passages], relevant=relevant,
                ptext=[index_text(*x) for x in recs], raw=[p.text for p in passages],
                doclang={d: doc_lang(docs[d].text) for d in docs})
    CACHE.write_bytes(pickle.dumps(data))
    return data




if sys.argv[1:2] != ["build"]:
    from assistant.rerank import SentenceStage
    D = pickle.loads(CACHE.read_bytes())
    QS, PQ, REL = D["qs"], D["per_q"], D["relevant"]
    N = len(D["pdoc"])
    PDOC = np.array(D["pdoc"])
    DOCIDX = {d: i for i, d in enumerate(D["doc_ids"])}
    PDOCI = np.array([DOCIDX[d] for d in D["pdoc"]])
    ALL = range(N)
    SB, SC = SentenceStage(*D["sb"]), SentenceStage(*D["sc"])
    UB, UC = SentenceStage(D["UB"], D["uchunks"]), SentenceStage(D["UC"], D["uchunks"])
    E, U = D["E"], D["U"]
    BASE_W = {"bm25": 1.0, "dense": 0.3, "section": 1.5, "entity": 1.0, "sentence": 0.5, "context": 0.5}
    K = 3




def top(scores, n=60):
    o = np.argsort(-scores, kind="stable")[:n]
    return [(int(i), float(scores[i])) for i in o]


def fuse(rankings, weights, k=K, doc=None):
    f = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 0.0)
        if not w:
            continue
        for rank, (item, _s) in enumerate(ranking, start=1):
            f[item] = f.get(item, 0.0) + w / (k + rank)
    if doc is not None:
        wd, kd, drank = doc
        for item in list(f):
            f[item] += wd / (kd + drank[PDOCI[item]])
    return [i for i, _ in sorted(f.items(), key=lambda kv: (-kv[1], kv[0]))]


def rank_of(order, rel):
    for r, i in enumerate(order[:10], 1):
        if rel[i]:
            return r
    return None


def base_rankings(a, vec=None):
    p = PQ[a]
    vec = p["vec"] if vec is None else vec
    out = dict(p["ranks"])
    out["sentence"] = SB.ranking(vec, ALL)[:60]
    out["context"] = SC.ranking(vec, ALL)[:60]
    return out


BASE = [base_rankings(a) for a in range(len(QS))]
BASE_ORDER = [fuse(BASE[a], BASE_W) for a in range(len(QS))]
TUNE = [a for a, q in enumerate(QS) if q["split"] == "tune"]
TEST = [a for a, q in enumerate(QS) if q["split"] == "test"]
BLIND = [a for a, q in enumerate(QS) if q["set"] == "blind"]


def cell(idx, orders):
    f = figures([rank_of(orders[a], REL[a]) for a in idx])
    return f"{f['n']}: " + " / ".join(f"{f[m]:.3f}" for m in ("recall@1", "recall@5", "recall@10", "mrr@10"))


def obj(idx, orders):
    f = figures([rank_of(orders[a], REL[a]) for a in idx])
    return f["recall@5"] + f["mrr@10"] / 2


def report(name, orders):
    en = [a for a in TUNE if QS[a]["lang"] == "en"]
    print(f"{name:40s} tune {cell(TUNE, orders)} | blind {cell(BLIND, orders)} | tune-en {cell(en, orders)}")


def report_test(name, orders):
    en = [a for a in TEST if QS[a]["lang"] == "en"]
    fr = [a for a in TEST if QS[a]["lang"] == "fr"]
    st = [a for a in TEST if QS[a]["set"] == "strangers"]
    print(f"TEST {name:35s} {cell(TEST, orders)} | en {cell(en, orders)} | fr {cell(fr, orders)} | strangers {cell(st, orders)}")


# ------------------------------------------------------------ miss classes
def classify(idx, orders, label):
    from ingest.bm25 import words, stem, stopwords
    from difflib import SequenceMatcher
    sw = stopwords()
    c = Counter()
    rows = []
    for a in idx:
        q = QS[a]
        order = orders[a]
        if any(REL[a][i] for i in order[:5]):
            continue
        tags = []
        gdocs = {d for d, _ in q["gold"]}
        glang = {D["doclang"][d] for d in gdocs}
        if q["lang"] not in glang:
            tags.append("cross-language")
        # gold sentence words vs question words (stems)
        needle = " ".join(n for _, n in q["gold"])
        qs_ = {stem(w) for w in words(q["question"]) if w not in sw and len(w) > 2}
        ns_ = {stem(w) for w in words(needle) if w not in sw and len(w) > 2}
        if q["lang"] in glang and not (qs_ & ns_):
            tags.append("paraphrase")
        ql = " " + q["question"].lower() + " "
        if any(f" {m} " in ql.replace("'", " ").replace("?", " ").replace(",", " ") for m in
               ("notre", "nos", "on", "je", "mon", "ma", "mes", "nous", "we", "our", "us", "my", "i")):
            tags.append("situation")
        top5docs = {PDOC[i] for i in order[:5]}
        if not (top5docs & gdocs):
            tags.append("wrong-document")
        else:
            tags.append("wrong-section")
        # near-duplicate: a top-5 passage that is not gold yet close to the gold needle
        for i in order[:5]:
            if REL[a][i]:
                continue
            best = max(SequenceMatcher(None, n.lower(), D["raw"][i].lower()).find_longest_match().size / max(len(n), 1)
                       for _, n in q["gold"])
            if best >= 0.5:
                tags.append("near-duplicate-above")
                break
        r = None
        for rr, i in enumerate(order, 1):
            if REL[a][i]:
                r = rr
                break
        tags.append("rank 6-10" if r and r <= 10 else ("rank 11-60" if r else "rank >60"))
        c.update(tags)
        rows.append((q["id"], q["lang"], r, tags, q["question"][:90]))
    n_miss = len(rows)
    print(f"\n{label}: {n_miss} misses of {len(idx)}")
    for t, n in c.most_common():
        print(f"  {t:22s} {n}")
    return rows


def oracle(idx, chans):
    """share of questions whose gold is in the top 5 of at least one channel"""
    hit = 0
    for a in idx:
        rk = chans[a]
        if any(any(REL[a][i] for i, _ in r[:5]) for r in rk.values()):
            hit += 1
    return hit / len(idx)


if __name__ == "__main__" and sys.argv[1:] == ["misses"]:
    report("base (main default)", BASE_ORDER)
    rows = classify([a for a in TUNE if QS[a]["set"] != "blind"], BASE_ORDER, "tune misses (without blind)")
    rowsb = classify(BLIND, BASE_ORDER, "blind misses")
    for r in rowsb + rows:
        print(r)


# ------------------------------------------------------------ directions
def unit(v):
    return v / (np.linalg.norm(v) + 1e-9)


def prf_rankings(a, m, alpha, source):
    q = PQ[a]["vec"]
    if source == "chunk":
        f = E[BASE_ORDER[a][:m]].mean(0)
    elif source == "ctx-sent":   # the top-m in-context sentences of the corpus
        s = SC._vectors @ q
        f = SC._vectors[np.argsort(-s)[:m]].mean(0)
    elif source == "ctx-of-top":   # best in-context sentence of each of the fused top m
        s = SC._vectors @ q
        vs = []
        for c in BASE_ORDER[a][:m]:
            lo, hi = SC._bounds[c], SC._bounds[c + 1]
            if hi > lo:
                vs.append(SC._vectors[lo + int(np.argmax(s[lo:hi]))])
        f = np.mean(vs, 0)
    q2 = unit(q + alpha * unit(f))
    out = dict(BASE[a])
    out["dense"] = top(E @ q2)
    out["sentence"] = SB.ranking(q2, ALL)[:60]
    out["context"] = SC.ranking(q2, ALL)[:60]
    return out


def use_channels(a):
    uq = PQ[a]["uvec"]
    return {"use_dense": top(U @ uq), "use_sentence": UB.ranking(uq, ALL)[:60],
            "use_context": UC.ranking(uq, ALL)[:60]}


if sys.argv[1:2] != ["build"]:
    USE = [use_channels(a) for a in range(len(QS))]

_DOCMEAN = None


def doc_ranks(a, how):
    global _DOCMEAN
    if how == "e5-heads":
        s = D["DH"] @ PQ[a]["vec"]
    elif how == "use-heads":
        s = D["UH"] @ PQ[a]["uvec"]
    elif how == "e5-mean":
        if _DOCMEAN is None:
            M = np.zeros((len(D["doc_ids"]), E.shape[1]), np.float32)
            np.add.at(M, PDOCI, E)
            _DOCMEAN = M / np.linalg.norm(M, axis=1, keepdims=True)
        s = _DOCMEAN @ PQ[a]["vec"]
    elif how == "ctx-max":   # best in-context sentence of the document
        ss = SC._vectors @ PQ[a]["vec"]
        s = np.full(len(D["doc_ids"]), -9.0)
        np.maximum.at(s, PDOCI[SC._chunks], ss)
    order = np.argsort(-s, kind="stable")
    drank = np.empty(len(s), int)
    drank[order] = np.arange(1, len(s) + 1)
    return drank


_BM = None


def bm25_index():
    global _BM
    if _BM is None:
        from ingest.bm25 import BM25Index
        _BM = BM25Index.build(D["ptext"])
    return _BM


def rm3_ranking(a, m, nterms, beta):
    """BM25 of the question plus `beta` x BM25 of the `nterms` best expansion terms of the fused
    top `m` passages (term weight: mean relative frequency x log idf), as an RM3 would."""
    from ingest.bm25 import words, stem, stopwords
    from assistant.synonyms import expansions
    bm = bm25_index()
    sw = stopwords()
    q = QS[a]["question"]
    qst = {stem(w) for w in words(q)}
    weights = Counter()
    surface = {}
    for i in BASE_ORDER[a][:m]:
        ws = [w for w in words(D["ptext"][i]) if w not in sw and len(w) > 2 and not w.isdigit()]
        for w in ws:
            surface.setdefault(stem(w), w)
        for s, n in Counter(stem(w) for w in ws).items():
            weights[s] += n / len(ws)
    if not hasattr(rm3_ranking, "DF"):
        rm3_ranking.DF = Counter()
        for t in D["ptext"]:
            rm3_ranking.DF.update({stem(w) for w in words(t)})
    DF = rm3_ranking.DF
    scored = sorted(((w * np.log(1 + bm.size / (1 + DF[s])), s) for s, w in weights.items() if s not in qst),
                    reverse=True)[:nterms]
    base = PQ[a]["bm25"]
    extra = expansions(q)
    sc = base.copy()
    if extra:
        sc = sc + 0.15 * bm.scores(" ".join(extra))
    if scored:
        sc = sc + beta * bm.scores(" ".join(surface[s] for _, s in scored))
    pos = np.flatnonzero(sc > 0)
    o = pos[np.argsort(-sc[pos], kind="stable")][:60]
    return [(int(i), float(sc[i])) for i in o]


def best_of(name, configs, make_orders):
    best = None
    for cfg in configs:
        orders = make_orders(cfg)
        s = obj(TUNE, orders)
        if best is None or s > best[0] + 1e-9:
            best = (s, cfg, orders)
    report(f"{name} {best[1]}", best[2])
    return best


if __name__ == "__main__" and sys.argv[1:] == ["dirs"]:
    report("base (main default)", BASE_ORDER)
    results = {}
    # 1a PRF Rocchio on the e5 vector
    prf_cache = {}
    for source in ("chunk", "ctx-sent", "ctx-of-top"):
        def mk(cfg, source=source):
            m, alpha = cfg
            key = (source, m, alpha)
            chans = prf_cache.setdefault(key, [prf_rankings(a, m, alpha, source) for a in range(len(QS))])
            return [fuse(chans[a], BASE_W) for a in range(len(QS))]
        results[f"prf-{source}"] = best_of(f"prf {source}", itertools.product((3, 5, 10), (0.3, 0.6, 1.0)), mk)
    # 1b RM3 on BM25
    rm3_cache = {}
    def mk(cfg):
        m, nt, beta = cfg
        chans = rm3_cache.setdefault(cfg, [{**BASE[a], "bm25": rm3_ranking(a, m, nt, beta)} for a in range(len(QS))])
        return [fuse(chans[a], BASE_W) for a in range(len(QS))]
    results["rm3"] = best_of("rm3", itertools.product((3, 5), (5, 10, 20), (0.1, 0.25, 0.5)), mk)
    # 2 USE channels beside e5
    def mk(cfg):
        wd, ws, wc = cfg
        w = {**BASE_W, "use_dense": wd, "use_sentence": ws, "use_context": wc}
        return [fuse({**BASE[a], **USE[a]}, w) for a in range(len(QS))]
    results["use"] = best_of("use channels", itertools.product((0, 0.15, 0.3, 0.6), (0, 0.25, 0.5), (0, 0.25, 0.5, 1.0)), mk)
    # 3 document prior
    for how in ("e5-heads", "use-heads", "e5-mean", "ctx-max"):
        drs = [doc_ranks(a, how) for a in range(len(QS))]
        def mk(cfg, drs=drs):
            wd, kd = cfg
            return [fuse(BASE[a], BASE_W, doc=(wd, kd, drs[a])) for a in range(len(QS))]
        results[f"doc-{how}"] = best_of(f"doc prior {how}", itertools.product((0.1, 0.25, 0.5, 1.0), (1, 3, 10)), mk)
    # 5 heading channel: the question against each passage's title + section path
    heads = [top(D["PH"] @ PQ[a]["vec"]) for a in range(len(QS))]
    def mk(cfg):
        return [fuse({**BASE[a], "heading": heads[a]}, {**BASE_W, "heading": cfg}) for a in range(len(QS))]
    results["heading"] = best_of("heading channel", (0.1, 0.25, 0.5, 1.0), mk)
    pickle.dump({k: (v[0], v[1]) for k, v in results.items()}, open(Path(tempfile.gettempdir()) / "hds-round4-results.pkl", "wb"))
    print("oracle (any channel top5) tune:", oracle(TUNE, [{**BASE[a], **USE[a]} for a in range(len(QS))]),
          "base only:", oracle(TUNE, BASE))


def dual_ranking(a, which, lam=1.0):
    """score-level fusion of the two encoders over the same sentences (z-scored per question)"""
    S = SC if which == "ctx" else SB
    US = UC if which == "ctx" else UB
    # both stages sort rows by chunk the same way (stable argsort on the same chunk list)
    e = S._vectors @ PQ[a]["vec"]
    u = US._vectors @ PQ[a]["uvec"]
    s = (e - e.mean()) / e.std() + lam * (u - u.mean()) / u.std()
    best = np.full(S._size, -np.inf)
    starts = S._bounds[:-1]
    has = S._bounds[1:] > starts
    best[has] = np.maximum.reduceat(s, starts[has])
    return top(best)


if __name__ == "__main__" and sys.argv[1:] == ["use"]:
    assert (SC._chunks == UC._chunks).all()
    report("base (main default)", BASE_ORDER)
    # refine: USE weights with the base weights also varied
    def mk(cfg):
        bm, de, se, co, ud, us, uc = cfg
        w = {**BASE_W, "bm25": bm, "dense": de, "sentence": se, "context": co,
             "use_dense": ud, "use_sentence": us, "use_context": uc}
        return [fuse({**BASE[a], **USE[a]}, w) for a in range(len(QS))]
    grid = itertools.product((1.0,), (0.3,), (0.25, 0.5), (0.5, 1.0), (0.15, 0.3, 0.5), (0, 0.25), (0.25, 0.5, 0.75, 1.0))
    b = best_of("use + base regrid", grid, mk)
    # score-level dual encoder over the in-context sentences
    for lam in (0.5, 1.0):
        duals = [dual_ranking(a, "ctx", lam) for a in range(len(QS))]
        dualb = [dual_ranking(a, "bare", lam) for a in range(len(QS))]
        def mk(cfg, duals=duals, dualb=dualb):
            wd, wb, ud = cfg
            return [fuse({**BASE[a], "use_dense": USE[a]["use_dense"], "dual_ctx": duals[a], "dual_bare": dualb[a]},
                         {**BASE_W, "context": 0.0 if wd else 0.5, "sentence": 0.0 if wb else 0.5,
                          "dual_ctx": wd, "dual_bare": wb, "use_dense": ud}) for a in range(len(QS))]
        best_of(f"dual lam={lam}", itertools.product((0, 0.5, 1.0), (0, 0.5), (0, 0.3)), mk)


if __name__ == "__main__" and sys.argv[1:] == ["final"]:
    UW = {**BASE_W, "use_dense": 0.3, "use_sentence": 0.0, "use_context": 0.5}
    withuse = [{**BASE[a], **USE[a]} for a in range(len(QS))]
    o_use = [fuse(withuse[a], UW) for a in range(len(QS))]
    # combos on tune with USE fixed
    rm3 = [rm3_ranking(a, 5, 10, 0.1) for a in range(len(QS))]
    o_rm3 = best_of("use + rm3", (0.5, 1.0), lambda w: [fuse({**withuse[a], "bm25": rm3[a]}, {**UW, "bm25": w}) for a in range(len(QS))])
    drs = [doc_ranks(a, "use-heads") for a in range(len(QS))]
    o_doc = best_of("use + doc prior use-heads", itertools.product((0.1, 0.25, 0.5, 1.0), (3, 10)),
                    lambda c: [fuse(withuse[a], UW, doc=(c[0], c[1], drs[a])) for a in range(len(QS))])
    heads = [top(D["PH"] @ PQ[a]["vec"]) for a in range(len(QS))]
    o_head = best_of("use + heading", (0.1, 0.25, 0.5),
                     lambda w: [fuse({**withuse[a], "heading": heads[a]}, {**UW, "heading": w}) for a in range(len(QS))])
    print("oracle tune base", oracle(TUNE, BASE), "with use", oracle(TUNE, withuse),
          "| test base", oracle(TEST, BASE), "with use", oracle(TEST, withuse))
    print()
    report_test("base (main default)", BASE_ORDER)
    report_test("+ USE (dense 0.3, context 0.5)", o_use)
    report_test("+ USE + rm3", o_rm3[2])
    report_test("+ USE + doc prior", o_doc[2])
    report_test("+ USE + heading", o_head[2])
    # single directions alone on test (their tune-best configs)
    report_test("rm3 alone (5,10,0.1)", [fuse({**BASE[a], "bm25": rm3[a]}, BASE_W) for a in range(len(QS))])
    pickle.dump({"o_use": o_use}, open(Path(tempfile.gettempdir()) / "hds-round4-final.pkl", "wb"))


if __name__ == "__main__" and sys.argv[1:] == ["cands"]:
    UW = {**BASE_W, "use_dense": 0.3, "use_sentence": 0.0, "use_context": 0.5}
    for n in (20, 30, 50, 100):
        def restricted(a):
            keep = set(BASE_ORDER[a][:n])
            return {name: [(i, s) for i, s in r if i in keep] for name, r in USE[a].items()}
        R = [restricted(a) for a in range(len(QS))]
        best_of(f"use within base top {n}", itertools.product((0.3, 0.6), (0.5, 1.0)),
                lambda c: [fuse({**BASE[a], **R[a]}, {**UW, "use_dense": c[0], "use_context": c[1]}) for a in range(len(QS))])


if __name__ == "__main__" and sys.argv[1:] == ["misses-after"]:
    UW = {**BASE_W, "use_dense": 0.3, "use_sentence": 0.0, "use_context": 0.5}
    o = [fuse({**BASE[a], **USE[a]}, UW) for a in range(len(QS))]
    classify([a for a in TUNE if QS[a]["set"] != "blind"], o, "tune misses after (without blind)")
    classify(BLIND, o, "blind misses after")


if __name__ == "__main__" and sys.argv[1:] == ["build"]:
    build()
