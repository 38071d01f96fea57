"""Shared helpers of the commands: JSON output, `--batch` files, dates.

`run_batch` reads one query per line and writes one JSON object per line, in order; a bad
line yields `{"line": n, "error": "..."}` and the other lines still run.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Callable

from assistant.errors import InputDataError, UsageError, one_sentence
from assistant.isodate import to_date


def emit_json(obj, stream=None) -> None:
    stream = stream or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def parse_date(value: str | None, flag: str = "--as-of") -> dt.date | None:
    try:
        return to_date(value)
    except ValueError:
        raise UsageError(f"{flag} takes a date as YYYY-MM-DD, not {value!r}.") from None


def read_batch_lines(path: str) -> list[str]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputDataError(f"cannot read the batch file {path} ({exc.strerror}).") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputDataError(f"the batch file {path} is not valid UTF-8.") from None
    return text.splitlines()


def run_batch(path: str, handle: Callable[[str], dict], stream=None) -> int:
    """Apply `handle` to each non-blank line; write JSON Lines; return the number of errors."""
    stream = stream or sys.stdout
    errors = 0
    for n, line in enumerate(read_batch_lines(path), start=1):
        if not line.strip():
            continue
        try:
            result = handle(line)
        except Exception as exc:  # one bad line must not stop the batch
            errors += 1
            result = {"line": n, "input": line[:500], "error": one_sentence(exc)}
        stream.write(json.dumps(result, ensure_ascii=False) + "\n")
        stream.flush()
    return errors


