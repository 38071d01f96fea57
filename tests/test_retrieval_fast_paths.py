"""The first stage's rankings computed without a Python loop over every passage give exactly
what their plain definitions give (issue 15: the tail at 100k chunks).

Each plain definition below is the straightforward loop the retriever used before: BM25 sorted
over every passage, each passage's section tested in turn, entity hits sorted by a Python key.
They are compared, ranking by ranking (positions and scores), on every question of
`eval/questions.yaml` and `tests/data/retrieval_questions.yaml`, with and without filters, on
the real index and on a synthetic index of 2,000 chunks built as the bench builds its own
(`assistant.bench.scale`: many repeated sections and texts, so many ties).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import yaml

from assistant.retrieval import (_REFERENCES, CANDIDATES, GLOSSARY_WEIGHT, SYNONYM_WEIGHT, Retriever, _best,
                                 _glossary_terms, _named_providers)
from tests.conftest import REPO_ROOT

FILTERS = ({}, {"kinds": ["law", "doctrine"]}, {"date_from": dt.date(2018, 1, 1)},
           {"kinds": "referentiel", "date_to": dt.date(2024, 12, 31)})


def _questions() -> list[str]:
    from eval.questions import load_questions
    own = yaml.safe_load((REPO_ROOT / "tests/data/retrieval_questions.yaml").read_text(encoding="utf-8"))
    return [q.question for q in load_questions()] + [q["q"] for q in own["questions"]]


def _plain_bm25(r, question, mask, n, scores):
    from assistant.synonyms import expansions
    extra = expansions(question)
    if extra:
        scores = scores + SYNONYM_WEIGHT * r._bm25.scores(" ".join(extra))
    french = _glossary_terms(question)   # an English question's French glossary terms (none for French)
    if french:
        scores = scores + GLOSSARY_WEIGHT * r._bm25.scores(" ".join(french))
    scores = np.where(mask, scores, -np.inf)
    order = np.argsort(-scores, kind="stable")[:n]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


def _plain_section(r, question, mask):
    tests = [make(m) for pattern, make in _REFERENCES for m in pattern.finditer(question)]
    if not tests:
        return []
    return [(i, 1.0) for i, p in enumerate(r._passages) if mask[i] and any(t(p.section) for t in tests)]


def _plain_entity(r, question, mask, scores):
    providers = _named_providers(question)
    if not providers:
        return []
    named = np.zeros(len(r._passages), dtype=bool)
    for provider in providers:
        named |= r._passages_naming(provider)
    hits = [int(i) for i in np.flatnonzero(named & mask)]
    hits.sort(key=lambda i: -scores[i])
    return [(i, float(scores[i])) for i in hits[:CANDIDATES]]


def _compare(r, questions) -> dict[str, int]:
    nonempty = {"bm25": 0, "section": 0, "entity": 0}
    for question in questions:
        own = r._bm25.scores(question)
        for filters in FILTERS:
            mask = r._mask(filters.get("kinds"), filters.get("date_from"), filters.get("date_to"))
            for n in (CANDIDATES, 8):
                got = r._bm25_ranking(question, mask, n, own)
                assert got == _plain_bm25(r, question, mask, n, own), (question, filters, n)
            section = r._section_ranking(question, mask)
            assert section == _plain_section(r, question, mask), (question, filters)
            entity = r._entity_ranking(question, mask, own)
            assert entity == _plain_entity(r, question, mask, own), (question, filters)
            nonempty["bm25"] += bool(got)
            nonempty["section"] += bool(section)
            nonempty["entity"] += bool(entity)
    return nonempty


def test_best_is_a_stable_sort_of_all_positions():
    rng = np.random.default_rng(7)
    for trial in range(300):
        size = int(rng.integers(0, 400))
        scores = rng.integers(0, 6, size).astype(np.float32) / 3   # few distinct values: many ties
        positions = np.flatnonzero(rng.random(size) < 0.7)
        n = int(rng.integers(1, 80))
        expected = positions[np.argsort(-scores[positions], kind="stable")[:n]]
        assert _best(positions, scores, n).tolist() == expected.tolist(), trial


def test_rankings_equal_their_plain_definitions_on_the_real_index(data_dir_ingested, corpus_dir):
    from assistant.config import Settings
    r = Retriever.open(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir), strategy="bm25",
                       build_if_missing=False, watch=False).current
    nonempty = _compare(r, _questions())
    assert min(nonempty.values()) > 20, nonempty   # every ranking was exercised, not only empty ones


@pytest.fixture(scope="module")
def synthetic(data_dir_ingested, corpus_dir, tmp_path_factory):
    from assistant.bench import scale
    from assistant.config import Settings
    from assistant.live_index import LiveRetriever
    settings = Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir)
    real = Retriever.open(settings, strategy="bm25", build_if_missing=False, watch=False)
    folder = tmp_path_factory.mktemp("syn")
    scale.build(real.generation, 2000, folder)
    live = LiveRetriever.open(Retriever, Settings(data_dir=folder, embedder=settings.embedder, chroma_url=None),
                              strategy="bm25", embedder=settings.embedder, build_if_missing=False, watch=False,
                              key=scale.synthetic_key(settings.embedder, 2000))
    yield live.current
    live.close()
    scale.remove(2000, settings.embedder, folder, None)


def test_rankings_equal_their_plain_definitions_on_a_synthetic_index(synthetic):
    assert len(synthetic.passages) == 2000
    nonempty = _compare(synthetic, _questions())
    assert min(nonempty.values()) > 20, nonempty
