"""`hds-assistant check`: the rule checker alone (contract `check` object with --json).

    hds-assistant check --provider NAME [--offer NAME] --data KIND[,KIND] [--customer TYPE]
                        [--as-of DATE] [--fact name=value ...] [--derogation] [--json] [--batch FILE]

Batch lines are JSON objects with keys provider, offer, data (a list; empty = unknown),
customer, as_of (and optionally facts, derogation, lang); output is JSON Lines, a bad line gives an `error` object.
Exit codes: 0 success, 2 bad kind/customer/date/fact, 3 bad or unreadable batch file (also
when some batch lines failed: the other lines are still written).
"""
from __future__ import annotations

import json


def register(subparsers) -> None:
    p = subparsers.add_parser("check", help="vérificateur de règles déterministe (HDS, doctrine Cloud au centre)",
                              description="Une offre peut-elle héberger ces données pour ce client à cette date ?")
    p.add_argument("--provider", help="fournisseur ou offre (alias acceptés : OVH, Azure, O365, AWS, Bleu, S3NS...)")
    p.add_argument("--offer", help="offre du fournisseur (ex. « Hosted Private Cloud »)")
    p.add_argument("--data", help="personal, health, sensitive, other, ou un mot du vocabulaire (fiscal, RH...) ; "
                                  "'unknown' si la nature des données n'est pas connue")
    p.add_argument("--customer", help="state, state_operator, local_authority, health_facility, private")
    p.add_argument("--as-of", dest="as_of", help="date AAAA-MM-JJ (défaut : aujourd'hui, ou HDS_TODAY)")
    p.add_argument("--fact", action="append", default=[], metavar="NAME=VALUE",
                   help="fait sur la sensibilité, ex. breach_impact=true (voir assistant.checker.lexicon)")
    p.add_argument("--derogation", action="store_true", help="le projet bénéficie d'une dérogation transitoire (R9)")
    p.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue des raisons et des questions (fr, en)")
    p.add_argument("--json", action="store_true", help="sortie JSON (objet `check` du contrat)")
    p.add_argument("--batch", metavar="FILE", help="une requête JSON par ligne ; sortie JSON Lines")
    p.set_defaults(handler=handle)


def _facts(pairs: list[str]) -> dict:
    from assistant.errors import UsageError
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--fact takes NAME=VALUE, not {pair!r}.")
        out[name.strip()] = value.strip()
    return out


def _one_line(line: str, default_date) -> dict:
    from assistant.checker import check
    from assistant.commands.io import parse_date
    from assistant.errors import InputDataError
    try:
        query = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputDataError(f"not a JSON object ({exc.msg}).") from None
    if not isinstance(query, dict):
        raise InputDataError("each line must be a JSON object with provider, offer, data, customer, as_of.")
    unknown = set(query) - {"provider", "offer", "data", "customer", "as_of", "facts", "derogation", "lang"}
    if unknown:
        raise InputDataError(f"unknown key(s) {', '.join(sorted(unknown))}.")
    data = query.get("data")
    if not isinstance(data, (list, str)):
        raise InputDataError("'data' must be a list of kinds (an empty list: unknown).")
    return check(provider=query.get("provider"), offer=query.get("offer"), data=data, customer=query.get("customer"),
                 as_of=parse_date(query.get("as_of"), "as_of") or default_date, facts=query.get("facts"),
                 derogation=bool(query.get("derogation")), lang=query.get("lang") or "fr").to_json()


def handle(args) -> int:
    from assistant.checker import check
    from assistant.checker import render_verdict
    from assistant.commands.io import emit_json, parse_date, run_batch
    from assistant.config import settings
    from assistant.errors import UsageError
    default_date = parse_date(args.as_of) or settings().today()
    if args.batch:
        errors = run_batch(args.batch, lambda line: _one_line(line, default_date))
        return 3 if errors else 0
    if not args.provider and not args.offer:
        raise UsageError("check needs --provider NAME (or --offer NAME).")
    if not args.data:
        raise UsageError("check needs --data KIND[,KIND] (personal, health, sensitive, other).")
    verdict = check(provider=args.provider, offer=args.offer, data=args.data, customer=args.customer,
                    as_of=default_date, facts=_facts(args.fact), derogation=args.derogation, lang=args.lang)
    if args.json:
        emit_json(verdict.to_json())
    else:
        print(render_verdict(verdict, args.lang))
    return 0
