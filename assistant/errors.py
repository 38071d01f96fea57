"""The project's error hierarchy, documented once; each error maps to a CLI exit code.

    HdsError                    exit 1  (anything we raise on purpose)
    ├── UsageError              exit 2  bad arguments or flags
    ├── InputDataError          exit 3  bad corpus file, registry/rule file or batch file
    │   └── CorpusError                 a corpus file (names it)
    └── BackendUnavailable      exit 4  index missing/corrupt, Chroma server down, store down

Messages are one clear sentence meant for a person; no traceback is shown for these.
`one_sentence(exc)` is how every command and channel shows an error: its first line, ending
with a full stop.
"""
from __future__ import annotations


class HdsError(Exception):
    exit_code = 1


class UsageError(HdsError):
    exit_code = 2


class InputDataError(HdsError):
    exit_code = 3


class CorpusError(InputDataError):
    """A corpus file is malformed; the message names the file."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class BackendUnavailable(HdsError):
    exit_code = 4


def one_sentence(exc: BaseException) -> str:
    """The first line of the message, ending with a full stop ("bad date" -> "bad date."); the
    class name when the message is empty."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return text if text.endswith((".", "!", "?")) else text + "."
