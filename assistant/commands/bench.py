"""`hds-assistant bench [--quick] [--json] [--out FILE] [--skip STEP,...]`: speed, scale and
memory figures with their ratios to a bare baseline, measured in one run (see `assistant.bench`).

Exit 0 whether or not the targets are met: the figures are the output, not a verdict.
"""
from __future__ import annotations

import json
import sys


def register(sub) -> None:
    p = sub.add_parser("bench", help="measure latency, cold start, ingest throughput, scale and load")
    p.add_argument("--quick", action="store_true", help="shorter run: 1 round, 1k/10k synthetic chunks, 50x4 load")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--out", metavar="FILE", help="also write the JSON result to FILE")
    p.add_argument("--skip", default="", help="comma-separated steps to skip: ask, cold, audit, ingest, scale, load")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from assistant.bench import report, runner
    from assistant.commands.io import emit_json
    from assistant.errors import UsageError

    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    unknown = skip - set(runner.STEPS)
    if unknown:
        raise UsageError(f"unknown bench step {sorted(unknown)[0]!r}; steps are {', '.join(runner.STEPS)}.")
    out_file = None
    if args.out:
        try:
            out_file = open(args.out, "w", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.out} ({exc.strerror}).") from None

    def progress(message: str) -> None:
        print(f"bench: {message}…", file=sys.stderr, flush=True)

    result = runner.run(quick=args.quick, skip=skip, progress=progress)
    if out_file:
        with out_file:
            json.dump(result, out_file, ensure_ascii=False, indent=2)
            out_file.write("\n")
    if args.json:
        emit_json(result)
    else:
        sys.stdout.write(report.render(result))
    return 0
