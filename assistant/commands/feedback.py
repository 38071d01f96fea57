"""`hds-assistant feedback export --format csv|json [--out FILE]`: dump the feedback store
(SQLite in the data dir, or `HDS_FEEDBACK_URL`) for review. It never deletes anything."""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("feedback", help="the feedback left on answers in the web chat")
    actions = p.add_subparsers(dest="feedback_action", metavar="ACTION")
    e = actions.add_parser("export", help="write every feedback as CSV or JSON")
    e.add_argument("--format", choices=("csv", "json"), default="json", help="output format (default json)")
    e.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    e.set_defaults(handler=export)
    p.set_defaults(handler=lambda args: _usage(p))


def _usage(parser) -> int:
    parser.print_help(sys.stderr)
    return 2


def export(args) -> int:
    from pathlib import Path

    from assistant.channels.feedback import EXPORTERS, open_feedback_store
    from assistant.config import settings
    from assistant.errors import UsageError

    with open_feedback_store(settings()) as store:
        records = store.all()
    text = EXPORTERS[args.format](records)
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.out).write_text(text, encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"cannot write {args.out} ({exc.strerror}).") from None
    print(f"hds-assistant: {len(records)} feedback record(s) written to {args.out}.", file=sys.stderr)
    return 0
