"""The claim reader's polarity model: what a clause naming a provider states, without a word list.

A clause that names a provider or offer beside a data kind, a customer or a hosting /
compliance notion is a candidate claim (`is_candidate`). When the rules of `assertions` find
no predicate they know in it ("offre un cadre parfaitement sûr", "is a non-starter", "reste
une impasse"), this model gives its polarity: `eligible`, `not_eligible` or `none` (no claim:
a fact, history, a hedge...). Features: the clause's e5 vector (multilingual-e5-small, the
index's own encoder, `ingest.embedders`: under 0.1 s to load, about 12 ms a clause; it read
held-out clauses better than the USE companion, 0.91 against 0.88 in cross-validation),
with provider names replaced by one neutral name so that the model learns wording, not which
provider is usually refused, and seven structural features (negation count and parity, a
question mark, the count of the language file's hedge/conditional markers, a judgment on an
action in the conditional mood, a provider singled out, a negated fact dated "not yet"). A multinomial
logistic regression over them; its weights are data (`data/claim_polarity.npz`, provenance and
training sets in `data/claim_polarity.yaml`), fitted by `python -m eval.fit_claim_model`,
deterministically, on the tuning sentences only (never `tests/cases/extractor/test-part/`).

The same model may veto a claim the rules read (`PolarityModel.vetoes`): when it gives the
clause the other polarity or "no claim" at least its veto threshold (chosen by cross-validation
with the other settings; above 1: never). It only scores clauses; which clauses are asked and
what becomes a claim is `claims`'s job.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.checker.assertions import default_language, negations
from assistant.errors import InputDataError

MODEL_FILE = Path(__file__).with_name("data") / "claim_polarity.npz"
LABELS = ("eligible", "not_eligible", "none")
NEVER = 1.01  # a veto threshold no probability reaches
NEUTRAL_NAME = "Nimbus"  # what a provider mention reads as (not a registry name)
_NOTION = re.compile(r"\b(?:h[ée]berg\w*|stock\w*|accueil\w*|conform\w*|qualifi\w*|certifi\w*|doctrine|HDS|SecNumCloud|"
                     r"RGPD|GDPR|donn[ée]es|data|hosts?|hosting|stor(?:e|es|ed|ing)|complian\w*|souverain\w*|"
                     r"sovereign\w*|cloud\s+act|messagerie|e-?mail|dossiers?|records?|files?|fichiers?|archives?)\b", re.I)


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each (start, end) provider mention replaced by the neutral name."""
    out, last = [], 0
    for s, e in sorted(spans):
        if s < last:
            continue
        out.append(text[last:s])
        out.append(NEUTRAL_NAME)
        last = e
    out.append(text[last:])
    return "".join(out)


def is_candidate(text: str, data: list[str], customer: str | None) -> bool:
    """Whether a clause naming a provider may state its eligibility: it also names a data kind,
    a customer or a hosting / compliance notion."""
    return bool(data or customer or _NOTION.search(text))


def structural(text: str) -> np.ndarray:
    """Negation count, its parity, a question mark, hedge / conditional markers, the
    judgment on an action in the conditional mood ("Confier X à Y serait une faute"), a
    provider singled out ("seul X", "il n'y a qu'X qui", "only X"), a negated fact dated as a
    state of things ("n'utilise pas encore", "not ... so far": a fact, not a refusal)."""
    language = default_language()
    flips = negations(text, language)
    markers = sum(1 for kind, rx in language.not_an_assertion if kind in ("hedge", "hearsay", "conditional") and rx.search(text))
    mood = any(kind == "mood" and rx.search(text) for kind, rx in language.not_an_assertion)
    exclusive = bool(language.exclusive.search(text))
    not_yet = bool(flips and language.not_yet.search(text))
    return np.array([min(flips, 3) / 3.0, flips % 2, float("?" in text), min(markers, 2) / 2.0, float(mood),
                     float(exclusive), float(not_yet)])


def features(texts: list[str], encode) -> np.ndarray:
    """One row per text: its vector (`encode(list) -> (n, d)`), structural features, a bias."""
    if not texts:
        return np.zeros((0, 0))
    vectors = np.asarray(encode(texts), dtype=np.float64)
    extra = np.stack([structural(t) for t in texts])
    return np.hstack([vectors, extra, np.ones((len(texts), 1))])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class PolarityModel:
    """Weights (features x labels), the encoder that makes the features, the threshold at which
    its reading is taken, the one at which it vetoes a claim the rules read (`vetoes`; above 1:
    never), and the one at which it turns a rule claim to the other polarity (`overrules`;
    above 1: never)."""

    def __init__(self, weights: np.ndarray, encode, threshold: float, veto: float = NEVER, overrule: float = NEVER):
        self.weights = weights
        self.encode = encode
        self.threshold = threshold
        self.veto = veto
        self.overrule = overrule

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """(n, 3) probabilities in `LABELS` order."""
        return softmax(features(texts, self.encode) @ self.weights)

    def polarity(self, text: str) -> str | None:
        """`eligible` / `not_eligible` when the model gives it at least `threshold`, else None."""
        p = self.probabilities([text])[0]
        best = int(np.argmax(p))
        return LABELS[best] if LABELS[best] != "none" and p[best] >= self.threshold else None

    def vetoes(self, text: str, stated: str) -> bool:
        """Whether the model reads the clause, at least at `veto`, as stating the other polarity
        than `stated` or no claim at all (a predicate the rules know, used in a sense they do
        not: "n'utilise pas encore" is no refusal)."""
        if self.veto > 1.0:
            return False
        p = self.probabilities([text])[0]
        other = LABELS.index("not_eligible" if stated == "eligible" else "eligible")
        return bool(p[other] >= self.veto or p[LABELS.index("none")] >= self.veto)

    def overrules(self, text: str, stated: str) -> str | None:
        """The other polarity than `stated` when the model gives it at least `overrule` (the
        rules' predicate read in a sense they do not know: "serait un coup de maître" is praise),
        else None."""
        if self.overrule > 1.0:
            return None
        other = "not_eligible" if stated == "eligible" else "eligible"
        return other if self.probabilities([text])[0][LABELS.index(other)] >= self.overrule else None


def e5_encoder():
    """The batch function of the project's e5 encoder (multilingual-e5-small, 4-bit, `query:`
    prefix; the model loads on the first call)."""
    from ingest.embedders import get_embedder
    embedder = get_embedder("e5")
    return lambda texts: np.stack([embedder.encode_query(t) for t in texts])


def load_model(path: Path | None = None, encode=None) -> PolarityModel:
    """The model of a weights file; a missing or malformed file raises `InputDataError`."""
    path = Path(path or MODEL_FILE)
    try:
        with np.load(path) as f:
            weights, threshold, labels = f["weights"], float(f["threshold"]), tuple(str(x) for x in f["labels"])
            veto = float(f["veto"]) if "veto" in f.files else NEVER
    except (OSError, KeyError, ValueError) as exc:
        raise InputDataError(f"{path}: not a valid claim polarity model ({exc.__class__.__name__}: {exc}).") from None
    if labels != LABELS or weights.ndim != 2 or weights.shape[1] != len(LABELS):
        raise InputDataError(f"{path}: not a valid claim polarity model (labels {labels}, shape {weights.shape}).")
    return PolarityModel(weights, encode or e5_encoder(), threshold, veto)


@lru_cache(maxsize=1)
def default_model() -> PolarityModel:
    return load_model()
