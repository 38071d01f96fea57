"""Choose text_duties.THRESHOLD on tuning questions only (never a `test` row).

For each tuning question with an expected first word, of the sets named on the command line, that
no data entry and no verdict answers (the service's own order), it finds the modal sentence the
service would take at threshold 0 and its cosine, then prints, for each threshold, how many such
questions get the right first word, a wrong one, or none. It writes nothing: the threshold is
copied by hand into assistant/answer/text_duties.py with the figures in the commit message.

Usage: python -m eval.fit_text_duties eval/firstword10-fresh.yaml eval/answer-tune.yaml ...
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

_WORDS = {"oui": "yes", "yes": "yes", "non": "no", "no": "no", "ça dépend": "depends", "it depends": "depends"}


def _tuning(path: str) -> list[dict]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = raw["questions"] if isinstance(raw, dict) else raw
    return [q for q in rows if q.get("expected") and (q.get("part") or q.get("split") or "tune") != "test"]


def _answered_otherwise(service, question: str, lang: str) -> bool:
    """Whether a verdict, a named provider, a scope answer or a data entry answers it first (the
    service's order): the modal sentence is never asked then."""
    from assistant.answer.obligations import match
    from assistant.answer.question import understand

    u = understand(question, service.settings.today(), lang)
    if u.queries or u.provider_named is not None or u.scope is not None:
        return True
    return match(question, service.retriever.query_vector) is not None


def main(argv: list[str]) -> int:
    from assistant.answer import text_duties
    from assistant.answer.service import AnswerService

    service = AnswerService()
    documents = {d.doc_id: d for d in service.retriever.documents()}
    candidates = service._modal_sentences(documents)
    found = []
    for path in argv:
        for q in _tuning(path):
            question = q["question"]
            if not text_duties.question_actors(question) or _answered_otherwise(service, question, q["lang"]):
                continue
            cos = service._sentence_similarities(question, [(c.doc_id, c.start, c.end) for c in candidates],
                                                 [documents[c.doc_id].text[c.start:c.end] for c in candidates])
            best = [float(max(r[0], r[1])) if r[1] == r[1] else float(r[0]) for r in cos]
            said = text_duties.answer(question, candidates, best, service.settings.today(), q["lang"], documents, threshold=0.0)
            if said is None:
                continue
            want = _WORDS.get(str(q["expected"]).casefold())
            found.append((said.score, said.key, want, q.get("id", question[:40])))
    for t in [x / 100 for x in range(80, 93)]:
        taken = [f for f in found if f[0] >= t and f[1] is not None]
        right = sum(1 for f in taken if f[1] == f[2])
        print(f"{t:.2f}: right {right}, wrong {len(taken) - right}, none {len(found) - len(taken)}")
    for f in sorted(found, reverse=True):
        print(f"  {f[0]:.3f} got={f[1]} want={f[2]} {f[3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
