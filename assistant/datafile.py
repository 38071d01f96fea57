"""Reading one of the product's YAML data files (rules, registry, vocabulary, entities,
nicknames) with the one error a person gets when it is unreadable.

`read_yaml(path, "the rules file")` returns the parsed content; a missing or unreadable file
or invalid YAML raises `InputDataError` naming the file in one sentence. It checks nothing
about the content: each reader validates its own format.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from assistant.errors import InputDataError


def read_yaml(path, what: str):
    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputDataError(f"{path}: cannot read {what} ({exc.__class__.__name__}).") from None
    except yaml.YAMLError as exc:
        raise InputDataError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}).") from None
