"""One language per answer: French words in an English answer's own text (or English words in a French one).

The measure reads the answer's text *outside the quotes*: quote lines ("> « … »"), «…», "…" and “…”
spans (a document's or the user's own words), URLs, and the registry's provider and offer names and
aliases ("Cloud de confiance Bleu" is a name, not French prose) are removed first. What is left is
what the product wrote: labels, reasons, caveats, notices, titles, "as of" lines. A word counts as
foreign when it is in a short list of function and domain words of the other language that are not
words of the answer's language ("données", "selon", "règle" in English; "the", "unknown", "according"
in French). It is a measure, not a language identifier: a foreign word it does not list is missed.

    python -m eval.language_mix eval/blind7/answers.yaml eval/answer-test.yaml … [--lang en] [--cache FILE] [--show N]

Without `--cache` every question of the answer's language is asked (AnswerService, on the file's
`today`); with `--cache FILE` the answers are written there (or read from it with `--from-cache`).
"""
from __future__ import annotations

import dataclasses
import json
import re
import sys
from pathlib import Path

import yaml

FRENCH = set("""le la les un une des du au aux est sont selon pour avec dans sur chez et ou où mais donc ni
ne pas plus leur leurs cette ces ce cet qui que quoi dont été être avoir a-t-il peut peuvent doit doivent
données donnée santé règle règles appliquée appliquées respectée respectées violée violées inconnu inconnue
fournisseur fournisseurs registre qualifié qualifiée qualifiées certifié certifiée soumis droit hébergement
hébergeur hébergeurs hébergé hébergées offre offres oui réserves réserve conditions vérifier préciser
depuis moins déclaration officielle secondaire source sourcé aucun aucune fait faits couvre date connue
seulement mois année période tombe absent désignée porte lois loi ministère ministre collectivités
collectivité territoriales établissement établissements public publique publics publiques opérateur
opérateurs État l'État particulière sensibilité sensibles sensible personnelles personnel personnels
circulaire doctrine passage passages pertinents noter manquants manquant textes texte corpus contient
directement tranchent cette question proche d'après lue catégorie comprise comprendre compris
éligible éligibles applicable applicables ça dépend extraits cités citée cité presse tribune
version partiel partielle annexe publiées publiée code article paragraphe lecture aide juridique
vérifiez avant relever jour""".split())
# "conseil" is left out: English text names the "Conseil d'État" as such.
# Words also English or names in English answers ("a", "on", "or", "conditions", "passage", "passages",
# "source", "version", "article", "code", "public", "date", "question", "corpus", "applicable", "doctrine",
# "annexe"-less forms): dropped from the French list so that only words foreign to English count.
FRENCH -= set("conditions passage passages source version article code public date question corpus applicable "
              "doctrine".split())

ENGLISH = set("""the of and with is are was were not unknown since least according provider provider's providers
registry qualified certified subject law yes no data health which this that these those from has have been
known only covers offer offers per rule rules applied met violated missing facts verify caveats
why official secondary claim press quoted extracts partial text here closest settle
directly holds answers below reading aid legal advice check before relying them""".split())
ENGLISH -= set("date source question".split())

_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_GUILLEMETS = re.compile(r"«[^«»]*»")  # innermost first, so that « … « … » … » goes whole
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ'’]+")


def _names() -> list[str]:
    """Provider and offer names and aliases of the registry, longest first."""
    from assistant.checker import default_registry

    out = set()
    for p in default_registry().providers:
        out |= {p.name, *getattr(p, "aliases", ())}
        for o in p.offers:
            out |= {o.name, *getattr(o, "aliases", ())}
    return sorted((n for n in out if n), key=len, reverse=True)


def own_text(answer: str, names: list[str]) -> str:
    """The answer's own words: without quote lines, quoted spans, URLs and registry names."""
    text = "\n".join(line for line in answer.split("\n") if not line.lstrip().startswith(">"))
    while _GUILLEMETS.search(text):
        text = _GUILLEMETS.sub(" ", text)
    text = re.sub(r"«[^\n]*", " ", text)  # a quote cut inside its own « (a clipped excerpt): to the end of its line
    text = _URL.sub(" ", _QUOTED.sub(" ", text))
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    return text


def foreign_words(answer: str, lang: str, names: list[str]) -> list[str]:
    """The words of the other language in the answer's own text (each once, in order)."""
    vocabulary = FRENCH if lang == "en" else ENGLISH
    words = []
    for w in _WORD.findall(own_text(answer, names)):
        w = w.replace("’", "'").lower()
        parts = [w] + (w.split("'", 1)[1:] if "'" in w else [])  # "d'après" -> also "après"
        if any(p in vocabulary for p in parts):
            words.append(w)
    return list(dict.fromkeys(words))


def ask_all(paths: list[str], lang: str) -> dict[str, dict]:
    """{set/id: {"lang", "question", "answer"}} for every question of `lang` in the files."""
    from assistant.answer.service import AnswerService

    service = AnswerService()
    base = service.settings
    out = {}
    for path in paths:
        raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        today = raw.get("today")
        service.settings = dataclasses.replace(base, today_override=str(today)) if today else base
        for i, q in enumerate(raw.get("questions") or []):
            if q.get("lang") != lang:
                continue
            key = f"{path}#{q.get('id') or i}"
            out[key] = {"lang": lang, "question": q["question"], "split": q.get("split"),
                        "answer": service.ask(q["question"]).to_json()["answer"]}
    return out


def report(answers: dict[str, dict], show: int = 0) -> dict[str, tuple[int, int]]:
    """{file: (answers with a foreign word, answers)}, printed per file and in total."""
    names = _names()
    per: dict[str, list[int]] = {}
    shown = 0
    for key, a in answers.items():
        path = key.split("#")[0]
        bad = foreign_words(a["answer"], a["lang"], names)
        per.setdefault(path, [0, 0])
        per[path][1] += 1
        per[path][0] += bool(bad)
        if bad and shown < show:
            shown += 1
            print(f"  {key}: {', '.join(bad[:12])}")
    for path, (bad, n) in per.items():
        print(f"{path}: {bad}/{n} answers with a foreign word")
    total = [sum(v[0] for v in per.values()), sum(v[1] for v in per.values())]
    print(f"TOTAL: {total[0]}/{total[1]}")
    return {p: tuple(v) for p, v in per.items()}


def main(argv: list[str]) -> int:
    lang = argv[argv.index("--lang") + 1] if "--lang" in argv else "en"
    cache = argv[argv.index("--cache") + 1] if "--cache" in argv else None
    show = int(argv[argv.index("--show") + 1]) if "--show" in argv else 0
    skip = {lang, cache, str(show)}
    paths = [a for a in argv if not a.startswith("--") and a not in skip]
    if cache and "--from-cache" in argv:
        answers = json.loads(Path(cache).read_text(encoding="utf-8"))
    else:
        answers = ask_all(paths, lang)
        if cache:
            Path(cache).write_text(json.dumps(answers, ensure_ascii=False, indent=1), encoding="utf-8")
    report(answers, show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
