"""Layers that read one way (issue 16): channels do not import command modules, the checker
reads no environment (its "today" is an argument), bench and answer code use other packages'
public names only."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lines(folder: str):
    for p in sorted((ROOT / folder).rglob("*.py")):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            yield f"{p.relative_to(ROOT)}:{n}", line


def test_channels_do_not_import_command_modules():
    """Layers read one way: commands use channels, never the reverse (issue 16)."""
    offenders = [where for where, line in _lines("assistant/channels")
                 if re.search(r"from assistant\.commands|import assistant\.commands", line)]
    assert not offenders, offenders


def test_the_checker_reads_no_environment():
    offenders = [where for where, line in _lines("assistant/checker")
                 if re.search(r"os\.environ|getenv|from assistant\.config|import assistant\.config", line.split("#")[0])]
    assert not offenders, offenders


def test_no_private_name_is_imported_across_packages():
    """`from x import _name` is a reach into another module's internals (was: bench importing
    `_metadata` and `_write_json_atomic`)."""
    offenders = [where for folder in ("assistant", "ingest", "scripts")
                 for where, line in _lines(folder) if re.search(r"^\s*from [\w.]+ import .*\b_[a-z]\w*", line)]
    assert not offenders, offenders


def test_answer_code_uses_the_checkers_public_surface():
    """`assistant.answer`, channels, commands and bench import the checker's names from
    `assistant.checker` (its `__all__`), never from its modules."""
    import assistant.checker as checker
    offenders = [where for folder in ("assistant/answer", "assistant/channels", "assistant/commands", "assistant/bench")
                 for where, line in _lines(folder) if re.search(r"from assistant\.checker\.\w+ import", line)]
    assert not offenders, offenders
    for name in checker.__all__:
        assert getattr(checker, name) is not None, name
