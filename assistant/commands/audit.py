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


VERDICT_FR = {"eligible": "éligible", "not_eligible": "non éligible", "undetermined": "indéterminé",
              "not_applicable": "non applicable"}


def render_fr(result: dict) -> str:
    claims = result["claims"]
    if not claims:
        return f"Aucune affirmation d'éligibilité trouvée (à la date du {result['as_of']})."
    lines = [f"{len(claims)} affirmation(s) trouvée(s), vérifiées à la date du {result['as_of']} :"]
    for n, c in enumerate(claims, 1):
        who = c["provider"] + (f" / {c['offer']}" if c["offer"] else "")
        mark = "OK" if c["agrees"] else ("À VÉRIFIER" if not c["checkable"] else "CONTREDIT")
        lines += ["", f"{n}. [{mark}] « {c['text']} » (caractères {c['start']}–{c['end']})",
                  f"   {who} — affirmé : {VERDICT_FR[c['stated']]} ; vérificateur : {VERDICT_FR[c['verdict']]} "
                  f"(données : {', '.join(c['data'])} ; client : {c['customer'] or 'non précisé'} ; date : {c['as_of']})",
                  f"   Pourquoi : {c['check']['why']}"]
        if c["check"]["missing_facts"]:
            lines.append("   Faits manquants : " + ", ".join(m["name"] for m in c["check"]["missing_facts"]))
    lines += ["", "Aide à la décision, pas un avis juridique."]
    return "\n".join(lines)


VERDICT_EN = {"eligible": "eligible", "not_eligible": "not eligible", "undetermined": "undetermined",
              "not_applicable": "not applicable"}


def render_en(result: dict) -> str:
    """The English text of an audit of an English text (the checker's reasons as it gives them)."""
    claims = result["claims"]
    if not claims:
        return f"No eligibility claim found (as of {result['as_of']})."
    lines = [f"{len(claims)} claim(s) found, checked as of {result['as_of']}:"]
    for n, c in enumerate(claims, 1):
        who = c["provider"] + (f" / {c['offer']}" if c["offer"] else "")
        mark = "OK" if c["agrees"] else ("TO CHECK" if not c["checkable"] else "CONTRADICTED")
        lines += ["", f"{n}. [{mark}] \"{c['text']}\" (characters {c['start']}-{c['end']})",
                  f"   {who}: stated {VERDICT_EN[c['stated']]}; checker: {VERDICT_EN[c['verdict']]} "
                  f"(data: {', '.join(c['data'])}; customer: {c['customer'] or 'not given'}; date: {c['as_of']})"]
        if c["check"].get("lang") == "en" and c["check"].get("why"):
            lines.append(f"   Why: {c['check']['why']}")
    lines += ["", "A decision aid, not legal advice."]
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
