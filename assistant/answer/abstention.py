"""The abstention model: is a question inside the corpus's domain, judged from what the
retrieval measured rather than from a list of domain words?

A logistic model over what retrieval computes anyway: the question's e5 query vector (its
topic) and a few scores (best sentence cosine, its margin over the 10th best, best BM25 score
per query word, share of the question's words the corpus vocabulary holds, share of its
content words found in the top passages). Its
coefficients are data (`abstention_model.yaml`, with how and on what they were fitted:
`python -m eval.fit_abstention`). The threshold leans towards answering: a real question
refused costs more than an off-topic one answered with a "no relevant passage" note.

It reads features; it does not retrieve (the retriever's `domain_signals`) and does not decide
what to do about a refused question (the service does).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.datafile import read_yaml
from assistant.errors import InputDataError

MODEL_FILE = Path(__file__).with_name("abstention_model.yaml")
FEATURES = ("sentence_top1", "sentence_margin", "bm25_per_word", "vocabulary_share", "overlap")


def features(signals: dict, overlap: float) -> dict[str, float]:
    """The model's features from the retriever's `domain_signals` and the passages' word overlap."""
    return {"sentence_top1": signals["sentence_top1"],
            "sentence_margin": signals["sentence_top1"] - signals["sentence_top10"],
            "bm25_per_word": signals["bm25_per_word"],
            "vocabulary_share": signals["vocabulary_share"],
            "overlap": overlap}


@dataclass(frozen=True)
class DomainModel:
    intercept: float
    weights: dict[str, float]
    vector_weights: tuple[float, ...]  # one per dimension of the query vector
    threshold: float

    def fits(self, vector) -> bool:
        """Whether the model reads this index's query vectors (same dimension as fitted)."""
        return vector is not None and len(vector) == len(self.vector_weights)

    def probability(self, values: dict[str, float], vector) -> float:
        """P(in the domain) for the features `values` and the query vector."""
        z = self.intercept + sum(w * values[name] for name, w in self.weights.items())
        z += sum(w * float(x) for w, x in zip(self.vector_weights, vector))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def in_domain(self, values: dict[str, float], vector) -> bool:
        return self.probability(values, vector) >= self.threshold


def load_model(path: Path | None = None) -> DomainModel:
    path = Path(path or MODEL_FILE)
    raw = read_yaml(path, "the abstention model") or {}
    try:
        weights = {name: float(raw["weights"][name]) for name in FEATURES}
        vector_weights = tuple(float(w) for w in raw["query_vector_weights"])
        return DomainModel(float(raw["intercept"]), weights, vector_weights, float(raw["threshold"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputDataError(f"{path}: not a valid abstention model ({exc.__class__.__name__}: {exc}).") from None


@lru_cache(maxsize=1)
def default_model() -> DomainModel:
    return load_model()
