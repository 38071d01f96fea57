"""The `hds-assistant` command line (also `python -m assistant`), per the contract.

Exit codes: 0 success, 2 usage error, 3 bad input data, 4 index or backend unavailable.
Errors go to stderr as one sentence; a traceback is shown only with HDS_DEBUG=1.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from assistant import __version__
from assistant.commands import COMMAND_MODULES
from assistant.errors import HdsError, one_sentence


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hds-assistant",
        description="Assistant sur l'hébergement des données de santé et la doctrine « Cloud au centre » "
                    "(citations vérifiées, vérificateur de règles déterministe).")
    parser.add_argument("--version", action="version", version=f"hds-assistant {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"assistant.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.handler(args) or 0)
    except HdsError as exc:
        print(f"hds-assistant: {one_sentence(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("hds-assistant: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: one sentence, never a bare traceback
        if os.environ.get("HDS_DEBUG"):
            raise
        print(f"hds-assistant: unexpected error ({exc.__class__.__name__}): {one_sentence(exc)}", file=sys.stderr)
        return 1


# Commands that only read (the index, the rule book): once their output is flushed, their process ends
# with os._exit, so that no native library's teardown runs after the answer is written. chromadb's Rust
# bindings (1.5.x) may crash in interpreter teardown: round 11's CI saw `ask --json` print its whole
# answer, then die of SIGSEGV (exit -11); chroma-core/chroma#6984 reports such background-thread crashes.
# Commands that write (ingest, feedback) and servers exit normally.
READ_ONLY = frozenset({"ask", "retrieve", "check", "audit"})


def run() -> None:
    """The process entry (`hds-assistant`, `python -m assistant`): `main`, then the exit (above)."""
    argv = sys.argv[1:]
    code = main(argv)
    if next((a for a in argv if not a.startswith("-")), None) in READ_ONLY:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":
    run()
