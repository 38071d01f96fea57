"""Where each missed gold passage was lost between retrieval and the answer (a developer tool).

    python -m eval.gold_losses eval/blind6/answers.yaml [more sets] [--json]

For every question with gold needles whose answer holds none of them, one class, in the order of
the answer's path:
- `not_in_corpus`: no document holds the needle (a typo in the set);
- `never_retrieved`: no passage read for the answer (the first `service.READ_PASSAGES`
  retrieved, and the rules' passages) holds it; `deeper` says when it is in the top 30;
- `across_sentences`: a passage read holds it, but no quotable sentence (or merged pair) does;
- `not_chosen`: a quotable sentence holds it but the composer did not pick it among its 8, or
  dropped it below the quote model's fitted floor (`min_score`);
- `dropped`: picked, but not shown (off-topic filter of verdict answers, the claim gate, the
  cap of four quotes, or its section already cited by another span);
- `cut`: a quote of the answer overlaps the needle without holding all of it.
It changes nothing; it reads the service's stages as the service calls them.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

from assistant.answer import compose
from assistant.answer import service as service_module


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def needles(q: dict) -> list[str]:
    return [fold(g["needle"] if isinstance(g, dict) else g) for g in q.get("gold") or []]


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Offsets of the needle in a document text, whitespace-folded on both sides."""
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def classify(service, q: dict, texts: dict[str, str]) -> dict:
    captured: dict = {}
    original = service_module.choose

    def spy(*args, **kwargs):
        out = original(*args, **kwargs)
        captured["evidence"] = out
        captured["candidates"] = args[1] if len(args) > 1 else kwargs.get("passages")
        return out

    service_module.choose = spy
    try:
        answer = service.ask(q["question"])
    finally:
        service_module.choose = original
    data = answer.to_json()
    hay = fold(" ".join([data["answer"]] + [c["quote"] for c in data["citations"]]))
    ns = needles(q)
    row = {"id": q["id"], "question": q["question"], "verdicts": [v["verdict"] for v in data.get("verdicts") or []]}
    if any(n in hay for n in ns):
        return {**row, "class": "hit"}
    where = [(doc, a, b) for n in ns for doc, text in texts.items() for a, b in _spans(text, n)]
    if not where:
        return {**row, "class": "not_in_corpus"}
    cites = data["citations"]
    row["quotes"] = [(c["doc_id"], c["section"], c["quote"][:90]) for c in cites]
    row["needle_docs"] = sorted({d for d, _, _ in where})
    if any(c["doc_id"] == d and c["start"] < b and a < c["end"] for d, a, b in where for c in cites):
        return {**row, "class": "cut"}
    read = captured.get("candidates") or []
    in_read = [(d, a, b) for d, a, b in where for p in read if p.doc_id == d and p.start <= a and b <= p.end]
    if not in_read:
        deep = service.retriever.retrieve(q["question"], k=30)
        rank = next((i + 1 for i, p in enumerate(deep) for d, a, b in where if p.doc_id == d and p.start <= a and b <= p.end), None)
        return {**row, "class": "never_retrieved", "deeper": rank}
    found = compose.candidates(read)
    holding = [s for _, s in found for d, a, b in in_read if s.passage.doc_id == d and s.start <= a and b <= s.end]
    if not holding:
        return {**row, "class": "across_sentences"}
    evidence = captured.get("evidence") or []
    picked = [e for e in evidence if any(e.sentence is s for s in holding)]
    if not picked:
        return {**row, "class": "not_chosen", "holding": holding[0].text[:120]}
    position = evidence.index(picked[0]) + 1
    return {**row, "class": "dropped", "position": position, "holding": holding[0].text[:120]}


def main(argv: list[str]) -> int:
    from assistant.answer.service import AnswerService
    import dataclasses

    paths = [a for a in argv if not a.startswith("--")]
    service = AnswerService()
    texts = {d.doc_id: d.text for d in service.documents()}
    rows = []
    for path in paths:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        if raw.get("today"):
            service.settings = dataclasses.replace(service.settings, today_override=str(raw["today"]))
        for q in raw["questions"]:
            if q.get("gold"):
                rows.append({"set": path, "split": q.get("split"), **classify(service, q, texts)})
    if "--json" in argv:
        print(json.dumps(rows, ensure_ascii=False, indent=1, default=str))
    else:
        print(dict(Counter(r["class"] for r in rows)))
        for r in rows:
            if r["class"] != "hit":
                extra = {k: r[k] for k in ("deeper", "position", "holding") if k in r}
                print(f"{r['id']} [{r['class']}] {r['question'][:80]} {extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
