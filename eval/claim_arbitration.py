"""Arbitration between the claim reader's rules and its polarity model, on sentences the model was never fitted on.

    python -m eval.claim_arbitration                 # every set below
    python -m eval.claim_arbitration blind17 fresh20-tune   # some of them

Today the rules decide and the model (`data/claim_polarity.npz`, fitted on `eval.fit_claim_model.SOURCES`
only) speaks where they read nothing (the fill-in threshold, shipped 0.7), with no veto and no overrule. This
measures three other arbitrations at several thresholds, each against the shipped one, in sentences right
(the test-part rule of `eval.blind.measure_audit`) with the rows gained and lost:

- `veto v`: the model drops a rule claim when it gives its clause the other polarity or "no claim" >= v;
- `overrule o`: the model turns a rule claim to the other polarity when it gives that one >= o;
- `fill t`: the model's reading is taken where the rules read nothing at t instead of 0.7 (a higher t lets the
  rules' silence overrule a less confident model).

Sets: the spent blind folders of rounds 7 to 17 (the model was never fitted on them; the rules were tuned on all
but blind17 after their measure, so there the figures mostly count what an arbitration loses), `test-part/`,
`fresh7/`, the `test` halves of the fresh batches of rounds 8 to 19 (nothing was fitted on them) and fresh20's
tune half. A recording pass reads every sentence once with the shipped setting, noting the model's
probabilities where a setting could act; a setting then re-reads only the sentences it can change (the others
read as recorded). It writes nothing.
"""
from __future__ import annotations

import sys
import time

import yaml

from assistant.checker.claim_model import LABELS, PolarityModel, default_model, e5_encoder
from eval.fit_claim_model import CASES, _Memo, _right, is_unfitted

VETOES = (0.99, 0.95, 0.9, 0.8)
OVERRULES = (0.99, 0.95, 0.9, 0.8, 0.7)
FILLS = (0.5, 0.6, 0.8, 0.9)


def _folder(name: str) -> list[dict]:
    return [c for p in sorted((CASES / name).glob("*.yaml")) for c in yaml.safe_load(p.read_text(encoding="utf-8"))]


def sets() -> dict[str, list[dict]]:
    out = {"blind17": _folder("blind17"),
           "fresh-test-halves": [c for p in sorted(CASES.glob("fresh*/*.yaml"))
                                 if p.parent.name not in ("fresh7", "fresh20")
                                 for c in yaml.safe_load(p.read_text(encoding="utf-8")) if is_unfitted(c)],
           "test-part": _folder("test-part"), "fresh7": _folder("fresh7"),
           "fresh20-tune": [c for c in _folder("fresh20") if c.get("split") == "tune"]}
    out.update({f"blind{n}": _folder(f"blind{n}") for n in range(7, 17)})
    return out


class _Recorder(PolarityModel):
    """The shipped model and setting, noting the strongest disagreement with a rule claim (`vetoes` is asked
    of every rule claim when the veto is on: here it is, and always answers no) and the strongest fill-in."""

    def __init__(self, shipped, encode):
        super().__init__(shipped.weights, encode, shipped.threshold, veto=0.0)
        self.seen = {"veto": 0.0, "other": 0.0, "fill": 0.0}

    def vetoes(self, text, stated):
        p = self.probabilities([text])[0]
        other = p[LABELS.index("not_eligible" if stated == "eligible" else "eligible")]
        self.seen["veto"] = max(self.seen["veto"], float(max(other, p[LABELS.index("none")])))
        self.seen["other"] = max(self.seen["other"], float(other))
        return False

    def polarity(self, text):
        p = self.probabilities([text])[0]
        self.seen["fill"] = max(self.seen["fill"], float(max(p[0], p[1])))
        return super().polarity(text)


def settings(shipped, encode) -> dict[str, tuple]:
    """name -> (model, whether a sentence's record lets it act)."""
    w, t = shipped.weights, shipped.threshold
    out = {f"veto {v}": (PolarityModel(w, encode, t, veto=v), lambda s, v=v: s["veto"] >= v) for v in VETOES}
    out.update({f"overrule {o}": (PolarityModel(w, encode, t, overrule=o), lambda s, o=o: s["other"] >= o)
                for o in OVERRULES})
    out.update({f"fill {f}": (PolarityModel(w, encode, f), lambda s, f=f: min(f, t) <= s["fill"])
                for f in FILLS})
    return out


def main(argv: list[str]) -> int:
    shipped = default_model()
    encode = _Memo(e5_encoder())
    chosen = {k: v for k, v in sets().items() if not argv or k in argv}
    arms = settings(shipped, encode)
    pooled = {name: [0, 0] for name in ["shipped", *arms]}
    for name, cases in chosen.items():
        t0 = time.time()
        base, seen = [], []
        for c in cases:
            rec = _Recorder(shipped, encode)
            base.append(bool(_right(c, rec)))
            seen.append(rec.seen)
        pooled["shipped"][0] += sum(base)
        pooled["shipped"][1] += len(cases)
        print(f"{name}: shipped {sum(base)}/{len(cases)}", flush=True)
        for arm, (model, acts) in arms.items():
            right = [bool(_right(c, model)) if acts(s) else b for c, s, b in zip(cases, seen, base)]
            gained = [c["text"] for c, r, b in zip(cases, right, base) if r and not b]
            lost = [c["text"] for c, r, b in zip(cases, right, base) if b and not r]
            pooled[arm][0] += sum(right)
            pooled[arm][1] += len(cases)
            if gained or lost:
                print(f"  {arm}: {sum(right)}/{len(cases)}" + "".join(f"\n    + {g}" for g in gained)
                      + "".join(f"\n    - {x}" for x in lost), flush=True)
        print(f"  ({time.time() - t0:.0f} s)", flush=True)
    print("pooled: " + "; ".join(f"{k} {r}/{n}" for k, (r, n) in pooled.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
