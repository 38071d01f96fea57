"""`hds-assistant audit`: find every hosting-eligibility claim of a text and check each.

    hds-assistant audit TEXT | --file F [--as-of DATE] [--json] [--batch FILE]

With --batch, each line is a text; output is JSON Lines (contract `audit` objects).
Exit codes: 0 success, 2 usage error, 3 unreadable file or batch file (or failed lines).
"""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="trouve et vérifie les affirmations d'éligibilité d'un texte")
    p.add_argument("text", nargs="?", help="le texte à auditer")
    p.add_argument("--file", help="lire le texte dans un fichier (UTF-8)")
    p.add_argument("--as-of", dest="as_of", help="date AAAA-MM-JJ (défaut : aujourd'hui, ou HDS_TODAY)")
    p.add_argument("--json", action="store_true", help="sortie JSON (objet `audit` du contrat)")
    p.add_argument("--batch", metavar="FILE", help="un texte par ligne ; sortie JSON Lines")
    p.set_defaults(handler=handle)


TEXT = {  # the frame of the audit text; verdict, data and customer words come from assistant/wording.py
    "none": {"fr": "Aucune affirmation d'éligibilité trouvée (à la date du {as_of}).",
             "en": "No eligibility claim found (as of {as_of})."},
    "found": {"fr": "{n} affirmation(s) trouvée(s), vérifiées à la date du {as_of} :",
              "en": "{n} claim(s) found, checked as of {as_of}:"},
    "marks": {"fr": ("OK", "À VÉRIFIER", "CONTREDIT"), "en": ("OK", "TO CHECK", "CONTRADICTED")},
    "claim": {"fr": "{n}. [{mark}] « {text} » (caractères {start}–{end})",
              "en": "{n}. [{mark}] \"{text}\" (characters {start}-{end})"},
    "detail": {"fr": "   {who} — affirmé : {stated} ; vérificateur : {verdict} (données : {data} ; client : {customer} ; "
                     "date : {as_of})",
               "en": "   {who}: stated {stated}; checker: {verdict} (data: {data}; customer: {customer}; date: {as_of})"},
    "why": {"fr": "   Pourquoi : {why}", "en": "   Why: {why}"},
    "missing": {"fr": "   Faits manquants : {names}", "en": "   Missing facts: {names}"},
}


def render(result: dict, lang: str = "fr") -> str:
    """The text of an audit in `lang` (the language of the audited text); the checker's reasons
    are shown when it gave them in that language."""
    from assistant.wording import (CUSTOMER_NAMES, CUSTOMER_UNSTATED, DATA_NAMES, DATA_UNSTATED, DECISION_DISCLAIMER,
                                   label, verdict_word)
    claims = result["claims"]
    if not claims:
        return TEXT["none"][lang].format(as_of=result["as_of"])
    lines = [TEXT["found"][lang].format(n=len(claims), as_of=result["as_of"])]
    ok, to_check, contradicted = TEXT["marks"][lang]
    for n, c in enumerate(claims, 1):
        mark = ok if c["agrees"] else (to_check if not c["checkable"] else contradicted)
        lines += ["", TEXT["claim"][lang].format(n=n, mark=mark, text=c.get("clause") or c["text"],
                                                start=c.get("clause_start", c["start"]),
                                                end=c.get("clause_end", c["end"])),
                  TEXT["detail"][lang].format(
                      who=c["provider"] + (f" / {c['offer']}" if c["offer"] else ""),
                      stated=verdict_word(c["stated"], lang), verdict=verdict_word(c["verdict"], lang),
                      data=", ".join(label(DATA_NAMES, d, lang) for d in c["data"]) or DATA_UNSTATED[lang],
                      customer=CUSTOMER_NAMES.get(c["customer"], CUSTOMER_UNSTATED)[lang], as_of=c["as_of"])]
        check = c["check"]
        if check.get("why") and check.get("lang", "fr") == lang:
            lines.append(TEXT["why"][lang].format(why=check["why"]))
        if check.get("missing_facts"):
            lines.append(TEXT["missing"][lang].format(names=", ".join(m["name"] for m in check["missing_facts"])))
    lines += ["", DECISION_DISCLAIMER[lang]]
    return "\n".join(lines)


def handle(args) -> int:
    from pathlib import Path

    from assistant.checker import audit
    from assistant.commands.io import emit_json, parse_date, run_batch
    from assistant.config import settings
    from assistant.errors import InputDataError, UsageError
    as_of = parse_date(args.as_of) or settings().today()
    if args.batch:
        errors = run_batch(args.batch, lambda line: audit(line, as_of))
        return 3 if errors else 0
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputDataError(f"cannot read {args.file} ({exc.strerror}).") from None
        except UnicodeDecodeError:
            raise InputDataError(f"{args.file} is not valid UTF-8.") from None
    elif args.text:
        text = args.text
    else:
        raise UsageError("audit needs a TEXT or --file F.")
    result = audit(text, as_of)
    if args.json:
        emit_json(result)
    else:
        print(render(result, "en" if result.get("lang") == "en" else "fr"))
    return 0
