"""English answers end to end: the answer measures of `assistant.answer.evaluation` on the English
rows of question files, and French words in an English answer's own text (developer script).

    python -m eval.english_answers eval/blind6/answers.yaml [more files...] [--show]

For each file, only the questions with `lang: en` are asked (on the file's `today`). Besides the
evaluation's figures it counts the answers whose own words (the text before the sources, quoted
lines and text inside « » or "…" left out: a document's and a rule's own words stay in their
language; document titles too, except on the answer's own "According to <title>" line) hold a
French word (`FRENCH_WORDS`, or a word with a French accent); `--show` prints those lines.
It decides nothing: it reports.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import yaml

# French words that are not English words: a line of an English answer holding one is a leak
# ("non" is left out: English writes "non-EU", "non-personal")
FRENCH_WORDS = frozenset("le la les des du est sont une pour dans avec sur pas ne qui que aux au cette ces selon "
                         "données hébergeur hébergement peut doit être oui dépend éligible et ou".split())
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_WORD = re.compile(r"[a-zà-ÿ]+", re.I)
_ACCENT = re.compile(r"[éèêàùçôîâ]", re.I)


def french_lines(text: str, names: set[str]) -> list[str]:
    """Lines of the answer's own words (before the sources; quotes and quoted text removed) that
    hold a French word, each after the French words found; `names` are the corpus's titles and
    proper names, allowed as they are."""
    own = text.split("\n**Sources")[0]
    out = []
    for line in own.split("\n"):
        if line.lstrip().startswith(">"):
            continue
        bare = _QUOTED.sub(" ", line)
        if not line.lstrip("*- ").startswith("According to"):   # "According to <French title>" is the answer's own line
            for name in names:
                bare = bare.replace(name, " ")
        words = [w for w in _WORD.findall(bare) if w.lower() in FRENCH_WORDS or _ACCENT.search(w)]
        if words:
            out.append(f"[{' '.join(dict.fromkeys(words))}] {line.strip()}")
    return out


def main(argv: list[str]) -> int:
    from assistant.answer.evaluation import _row
    from assistant.answer.service import AnswerService

    show = "--show" in argv
    files = [a for a in argv if not a.startswith("--")]
    service = AnswerService()
    documents = {d.doc_id: d for d in service.documents()}
    names = {d.title for d in documents.values()} | {"Cloud au centre", "Plateforme des données de santé",
                                                     "Health Data Hub", "hébergeur de données de santé"}
    base = service.settings
    total = {"n": 0, "gold": 0, "gold_n": 0, "first": 0, "first_n": 0, "verdict": 0, "verdict_n": 0, "leaks": 0}
    for path in files:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        service.settings = dataclasses.replace(base, today_override=str(raw["today"])) if raw.get("today") else base
        rows = []
        for q in (q for q in raw["questions"] if q.get("lang") == "en"):
            answer = service.ask(q["question"])
            row = _row(q, answer, documents)
            leaks = french_lines(answer.to_json()["answer"], names) + french_lines(answer.to_json()["short_answer"], names)
            row["french"] = leaks
            rows.append(row)
            if show and (leaks or row.get("gold_in_answer") is False or row.get("first_word_right") is False):
                print(f"  {q['id']}: gold={row.get('gold_in_answer')} first={row['first_word']!r} "
                      f"(expected {q.get('expected')!r}) verdicts={row['verdicts_got']}")
                for line in leaks:
                    print(f"      FR: {line[:160]}")
        count = lambda key: (sum(1 for r in rows if r.get(key)), sum(1 for r in rows if r.get(key) is not None))
        g, f, v = count("gold_in_answer"), count("first_word_right"), count("verdict_right")
        leaks = sum(1 for r in rows if r["french"])
        print(f"{path}: {len(rows)} English questions; gold in answer {g[0]}/{g[1]}, first word {f[0]}/{f[1]}, "
              f"verdict {v[0]}/{v[1]}, answers with French in their own words {leaks}")
        for key, (a, b) in (("gold", g), ("first", f), ("verdict", v)):
            total[key] += a
            total[key + "_n"] += b
        total["n"] += len(rows)
        total["leaks"] += leaks
    print(f"all: {total['n']} English questions; gold {total['gold']}/{total['gold_n']}, first word "
          f"{total['first']}/{total['first_n']}, verdict {total['verdict']}/{total['verdict_n']}, "
          f"answers with French in their own words {total['leaks']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
