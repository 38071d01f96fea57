"""`hds-assistant ask QUESTION [--as-of DATE] [--json] [--batch FILE]`: the full answer."""
from __future__ import annotations

import sys

from assistant.commands.io import emit_json, parse_date, run_batch


def register(sub) -> None:
    p = sub.add_parser("ask", help="answer a question with cited passages and checked claims")
    p.add_argument("question", nargs="?", help="the question (French or English)")
    p.add_argument("--as-of", help="date the answer is about (YYYY-MM-DD); default today or the date in the question")
    p.add_argument("--json", action="store_true", help="print the contract's JSON object")
    p.add_argument("--batch", metavar="FILE", help="one question per line; JSON Lines out")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from assistant.answer.service import AnswerService
    from assistant.errors import UsageError

    as_of = parse_date(args.as_of)
    if not args.batch and not args.question:
        raise UsageError("give a QUESTION or --batch FILE.")
    service = AnswerService()
    if args.batch:
        errors = run_batch(args.batch, lambda line: service.ask(line, as_of=as_of).to_json())
        return 0 if not errors else 3
    answer = service.ask(args.question, as_of=as_of)
    if args.json:
        emit_json(answer.to_json())
    else:
        sys.stdout.write(answer.answer + "\n")
    return 0
