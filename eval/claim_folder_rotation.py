"""Leave-one-folder-out rotation of the claim reader: rules alone, the polarity model alone, and the two combined.

    python -m eval.claim_folder_rotation [--cache DIR] [--penalty P] [--only FOLDER ...]

Folders: every spent folder of `tests/cases/extractor/` (blind, blind4 to blind19, fresh4 to fresh21, train5,
train6, test-part's round-3 prose file); never blind20 (held back) nor fresh22 (round 22's own fresh set: its test
half is a measure). For each folder, a polarity model is fitted (`eval.fit_claim_model.fit`, the shipped fitter) on
the clauses of every other folder and of the top-level files (`examples`; never a `test` half, never `test-part/`),
then the folder's sentences are read four ways (the test-part rule of `eval.blind.measure_audit`):

- `lexicon`: the rules alone (no model: `fit_claim_model._Silent`);
- `shipped`: the rules with the shipped weights (fitted on `fit_claim_model.SOURCES`: in-sample for those folders);
- `combined`: the rules with the fold's model where the rules read nothing (the shipped arrangement: the rules'
  predicates win, the model decides the rest at the shipped threshold);
- `model`: the fold's model decides every clause it is asked about (its most likely label: it fills in, vetoes a
  rule claim it reads as no claim, turns one it reads the other way).

The penalty is chosen once, before the rotation, by a 5-group cross-validation of clause labels over the same
material (groups = folders by a hash of their name): the left-out folder took part in choosing that one number.
The rules were tuned on every spent folder after its measure, so `lexicon` is in-sample: the rotation compares
models, not readers on unseen prose. e5 vectors are cached in `--cache` (a pickle keyed by text). Prints figures
per folder and totals; writes nothing else.
"""
from __future__ import annotations

import argparse
import hashlib
import pickle
from pathlib import Path

import numpy as np
import yaml

from assistant.checker.claim_model import LABELS, PolarityModel, default_model, e5_encoder
from eval.fit_claim_model import CASES, _design, _right, _Silent, examples, fit, is_unfitted

PENALTIES = (0.000001, 0.00003, 0.0001, 0.001)  # 1e-6: the shipped one
HELD_BACK = ("blind20", "fresh22")  # never read here


def folders() -> dict[str, list[Path]]:
    """Spent folder name -> its case files (test-part: the round-3 prose file only)."""
    out = {}
    for d in sorted(p for p in CASES.iterdir() if p.is_dir() and p.name not in HELD_BACK):
        files = sorted(d.glob("*.yaml"))
        if d.name == "test-part":
            files = [f for f in files if f.name == "sentences-prose.yaml"]
        if files:
            out[d.name] = files
    return out


def _cases(files: list[Path]) -> list[dict]:
    return [c for p in files for c in yaml.safe_load(p.read_text(encoding="utf-8"))]


def _training(files: list[Path], folder: str) -> list[dict]:
    """The training cases of a folder: never test-part, never a test half."""
    return [] if folder == "test-part" else [c for c in _cases(files) if not is_unfitted(c)]


class CachedEncoder:
    """e5 with a pickle cache keyed by text (`path`); `save` writes it."""

    def __init__(self, path: Path):
        self.path = path
        self.cache = pickle.loads(path.read_bytes()) if path.exists() else {}
        self._encode = None

    def __call__(self, texts):
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            self._encode = self._encode or e5_encoder()
            self.cache.update(zip(todo, self._encode(todo)))
        return np.stack([self.cache[t] for t in texts])

    def save(self):
        self.path.write_bytes(pickle.dumps(self.cache))


class ModelDecides(PolarityModel):
    """The model's most likely label decides every clause it is asked about."""

    def __init__(self, weights, encode):
        super().__init__(weights, encode, threshold=0.0, veto=0.0, overrule=0.0)

    def _best(self, text: str) -> str:
        return LABELS[int(np.argmax(self.probabilities([text])[0]))]

    def polarity(self, text):
        best = self._best(text)
        return None if best == "none" else best

    def vetoes(self, text, stated):
        return self._best(text) == "none"

    def overrules(self, text, stated):
        best = self._best(text)
        return best if best not in ("none", stated) else None


def choose_penalty(design: dict[str, tuple], encode) -> tuple[float, dict]:
    """The penalty with the most clause labels right in a 5-group cross-validation (groups: folders by a hash of
    their name); `design`: folder -> (features, labels)."""
    group = {f: hashlib.sha256(f.encode()).digest()[0] % 5 for f in design}
    scores = {}
    for penalty in PENALTIES:
        right = 0
        for g in range(5):
            train = [design[f] for f in design if group[f] != g and len(design[f][1])]
            held = [design[f] for f in design if group[f] == g and len(design[f][1])]
            w = fit(np.vstack([x for x, _ in train]), np.concatenate([y for _, y in train]), penalty)
            right += sum(int((np.argmax(x @ w, axis=1) == y).sum()) for x, y in held)
        scores[penalty] = right
    return max(PENALTIES, key=lambda p: (scores[p], p)), scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/audit22"))
    parser.add_argument("--penalty", type=float, help="skip the penalty's cross-validation")
    parser.add_argument("--only", nargs="*", help="rotate over these folders only")
    parser.add_argument("--shipped", action="store_true", help="also read with the shipped weights (slow)")
    parser.add_argument("--threshold", type=float, default=None, help="the combined reading's threshold (default: shipped)")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    encode = CachedEncoder(args.cache / "e5-clauses.pkl")
    by_folder = folders()
    top = [c for p in sorted(CASES.glob("*.yaml")) for c in yaml.safe_load(p.read_text(encoding="utf-8"))]
    train_by_folder = {f: _training(files, f) for f, files in by_folder.items()}
    train_by_folder["(top-level files)"] = top
    design = {f: _design(cs, encode) for f, cs in train_by_folder.items()}
    encode.save()
    if args.penalty:
        penalty = args.penalty
    else:
        penalty, scores = choose_penalty(design, encode)
        print("penalty by 5-group clause cross-validation: " + ", ".join(f"{p}: {s}" for p, s in scores.items())
              + f" -> {penalty}", flush=True)
    shipped = default_model()
    threshold = args.threshold if args.threshold is not None else shipped.threshold
    shipped = PolarityModel(shipped.weights, encode, shipped.threshold, shipped.veto)
    totals = dict.fromkeys(("n", "lexicon", "shipped", "combined", "model", "clauses", "clauses_right"), 0)
    totals["shipped_clauses_right"] = 0
    for folder, files in by_folder.items():
        rows = [design[f] for f in design if f != folder and len(design[f][1])]
        w = fit(np.vstack([x for x, _ in rows]), np.concatenate([y for _, y in rows]), penalty)
        cases = _cases(files)
        hx, hy = _design(cases, encode)
        row = {"clauses": len(hy), "clauses_right": int((np.argmax(hx @ w, axis=1) == hy).sum()) if len(hy) else 0,
               "shipped_clauses_right": int((np.argmax(hx @ shipped.weights, axis=1) == hy).sum()) if len(hy) else 0}
        line = f"{folder:<10} clauses {row['clauses']:>3}: refit {row['clauses_right']:>3}, shipped {row['shipped_clauses_right']:>3}"
        if not args.only or folder in args.only:
            row.update({"n": len(cases), "lexicon": sum(_right(c, _Silent()) for c in cases),
                        "shipped": sum(_right(c, shipped) for c in cases) if args.shipped else 0,
                        "combined": sum(_right(c, PolarityModel(w, encode, threshold)) for c in cases),
                        "model": sum(_right(c, ModelDecides(w, encode)) for c in cases)})
            line += (f" | sentences {row['n']:>3}: lexicon {row['lexicon']:>3}, combined {row['combined']:>3}, "
                     f"model {row['model']:>3}" + (f", shipped {row['shipped']:>3}" if args.shipped else ""))
        for k in totals:
            totals[k] += row.get(k, 0)
        print(line, flush=True)
        encode.save()
    print(f"TOTAL clauses {totals['clauses']}: refit {totals['clauses_right']}, shipped {totals['shipped_clauses_right']} | "
          f"sentences {totals['n']}: lexicon {totals['lexicon']}, combined {totals['combined']}, model {totals['model']}"
          + (f", shipped {totals['shipped']}" if args.shipped else "") + f" (penalty {penalty}, threshold {threshold})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
