"""Does more training material make the claim reader's polarity model read unseen prose better?

    python -m eval.claim_model_rotation            # every comparison below
    python -m eval.claim_model_rotation --quick    # the unfitted halves only (no rotation)

Two comparisons, both at the shipped penalty and threshold (`data/claim_polarity.yaml`), each
printing sentences read right (the test-part rule of `eval.blind.measure_audit`) by the rules
alone, by the rules with the shipped model and by the rules with a model fitted on
`eval.fit_claim_model.ENLARGED` (the shipped sources, the spent blind sets of rounds 7-16 and the
tuning halves of the fresh batches; less what is measured):

1. **Unfitted sentences**: `test-part/`, `fresh7/` and the `test` halves of the fresh batches.
   No model, shipped or refitted, was fitted on them.
2. **Rotation over the spent blind sets** (rounds 7 to 16): for each, a model fitted on every
   source but that set, measured on it, beside the shipped model (never fitted on any of them).
   The rules were tuned on these sets after their measure, so the figures compare models, not
   readers on unseen prose.

It prints figures only and writes nothing; `eval.fit_claim_model` writes the weights. Round 19's
run (README): unfitted sentences 308/319 shipped, 306/319 enlarged; spent blind sets 636/643
shipped, 634/643 rotated: more of the same material does not read unseen wording better.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from assistant.checker.claim_model import PolarityModel, default_model, e5_encoder
from eval.fit_claim_model import (CASES, ENLARGED, PROVENANCE_FILE, _design, _Memo, _right, _Silent, cases_of, fit,
                                  is_unfitted, training_files)

SPENT = tuple(f"blind{n}" for n in range(7, 17))


def unfitted_cases() -> dict[str, list[dict]]:
    """The sentences no model was fitted on, by folder."""
    out = {"test-part": [c for p in sorted((CASES / "test-part").glob("*.yaml"))
                         for c in yaml.safe_load(p.read_text(encoding="utf-8"))],
           "fresh7": [c for p in sorted((CASES / "fresh7").glob("*.yaml"))
                      for c in yaml.safe_load(p.read_text(encoding="utf-8"))]}
    for p in sorted(CASES.glob("fresh*/*.yaml")):
        halves = [c for c in yaml.safe_load(p.read_text(encoding="utf-8")) if is_unfitted(c)]
        if halves:
            out.setdefault("fresh test halves", []).extend(halves)
    return out


def _score(cases: list[dict], model) -> int:
    return sum(_right(c, model) for c in cases)


def _line(name: str, cases: list[dict], models: dict) -> str:
    n = len(cases)
    cells = [f"{label} {_score(cases, m)}/{n} = {_score(cases, m) / n:.3f}" for label, m in models.items()]
    return f"  {name:<18} " + "; ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the unfitted halves only")
    args = parser.parse_args(argv)
    shipped = yaml.safe_load(PROVENANCE_FILE.read_text(encoding="utf-8"))
    penalty, threshold = shipped["penalty"], shipped["threshold"]
    encode = _Memo(e5_encoder())
    files = training_files(ENLARGED)
    every = [c for p in files for c in cases_of(p)]
    x, y = _design(every, encode)
    refit = PolarityModel(fit(x, y, penalty), encode, threshold)
    old = default_model()
    print(f"training sources: {len(files)} files, {len(every)} sentences, {len(y)} clause examples; "
          f"penalty {penalty}, threshold {threshold}")
    print("unfitted sentences (no model fitted on them):")
    pooled = []
    for name, cases in unfitted_cases().items():
        pooled += cases
        print(_line(name, cases, {"rules": _Silent(), "shipped": old, "refit": refit}))
    print(_line("all unfitted", pooled, {"rules": _Silent(), "shipped": old, "refit": refit}))
    if args.quick:
        return 0
    print("rotation over the spent blind sets (model fitted without the set measured):")
    pooled = {"rules": 0, "shipped": 0, "rotated": 0, "n": 0}
    for name in SPENT:
        inside = [p for p in files if p.parent.name == name]
        train = [c for p in files if p not in inside for c in cases_of(p)]
        test = [c for p in inside for c in cases_of(p)]
        tx, ty = _design(train, encode)
        rotated = PolarityModel(fit(tx, ty, penalty), encode, threshold)
        models = {"rules": _Silent(), "shipped": old, "rotated": rotated}
        print(_line(name, test, models))
        for label, m in models.items():
            pooled[label] += _score(test, m)
        pooled["n"] += len(test)
    n = pooled.pop("n")
    print("  all spent          " + "; ".join(f"{k} {v}/{n} = {v / n:.3f}" for k, v in pooled.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
