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


def _data(claim: dict, lang: str) -> str:
    from assistant.wording import DATA_NAMES, DATA_UNSTATED, label
    return ", ".join(label(DATA_NAMES, d, lang) for d in claim["data"]) or DATA_UNSTATED[lang]


def _customer(claim: dict, lang: str) -> str:
    from assistant.wording import CUSTOMER_NAMES, CUSTOMER_UNSTATED
    return CUSTOMER_NAMES.get(claim["customer"], CUSTOMER_UNSTATED)[lang]


def render_fr(result: dict) -> str:
    from assistant.wording import DECISION_DISCLAIMER, verdict_word
    claims = result["claims"]
    if not claims:
        return f"Aucune affirmation d'éligibilité trouvée (à la date du {result['as_of']})."
    lines = [f"{len(claims)} affirmation(s) trouvée(s), vérifiées à la date du {result['as_of']} :"]
    for n, c in enumerate(claims, 1):
        who = c["provider"] + (f" / {c['offer']}" if c["offer"] else "")
        mark = "OK" if c["agrees"] else ("À VÉRIFIER" if not c["checkable"] else "CONTREDIT")
        lines += ["", f"{n}. [{mark}] « {c['text']} » (caractères {c['start']}–{c['end']})",
                  f"   {who} — affirmé : {verdict_word(c['stated'], 'fr')} ; vérificateur : {verdict_word(c['verdict'], 'fr')} "
                  f"(données : {_data(c, 'fr')} ; client : {_customer(c, 'fr')} ; date : {c['as_of']})",
                  f"   Pourquoi : {c['check']['why']}"]
        if c["check"]["missing_facts"]:
            lines.append("   Faits manquants : " + ", ".join(m["name"] for m in c["check"]["missing_facts"]))
    lines += ["", DECISION_DISCLAIMER["fr"]]
    return "\n".join(lines)


def render_en(result: dict) -> str:
    """The English text of an audit of an English text (the checker's reasons as it gives them)."""
    from assistant.wording import DECISION_DISCLAIMER, verdict_word
    claims = result["claims"]
    if not claims:
        return f"No eligibility claim found (as of {result['as_of']})."
    lines = [f"{len(claims)} claim(s) found, checked as of {result['as_of']}:"]
    for n, c in enumerate(claims, 1):
        who = c["provider"] + (f" / {c['offer']}" if c["offer"] else "")
        mark = "OK" if c["agrees"] else ("TO CHECK" if not c["checkable"] else "CONTRADICTED")
        lines += ["", f"{n}. [{mark}] \"{c['text']}\" (characters {c['start']}-{c['end']})",
                  f"   {who}: stated {verdict_word(c['stated'], 'en')}; checker: {verdict_word(c['verdict'], 'en')} "
                  f"(data: {_data(c, 'en')}; customer: {_customer(c, 'en')}; date: {c['as_of']})"]
        if c["check"].get("lang") == "en" and c["check"].get("why"):
            lines.append(f"   Why: {c['check']['why']}")
    lines += ["", DECISION_DISCLAIMER["en"]]
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
        print(render_en(result) if result.get("lang") == "en" else render_fr(result))
    return 0
