"""Embedder names: which names exist and the folder/collection key of each.

Kept apart from `ingest.embedders` so that checking an index (a no-op ingest, opening a
retriever) needs neither LangChain nor a model.

>>> check_name("use"), check_name("st:/models/x")
('use', 'st:/models/x')
>>> index_key("use"), index_key("st:/models/My Model")
('use', 'st-models-my-model-86e85673')
"""
from __future__ import annotations

import hashlib
import re

from assistant.errors import UsageError

BUILTIN = ("use", "e5", "minilm")


def check_name(name: str | None) -> str:
    """The embedder name, stripped; `UsageError` when it is not `use`, `e5`, `minilm` or `st:<path>`."""
    name = (name or "").strip()
    if name.startswith("st:"):
        if not name[3:].strip():
            raise UsageError("the embedder 'st:' needs a model path or name, e.g. st:/models/my-model.")
        return name
    if name not in BUILTIN:
        raise UsageError(f"unknown embedder {name!r}; choose one of {', '.join(BUILTIN)} or st:<path>.")
    return name


def index_key(name: str) -> str:
    """A folder- and collection-safe key for an embedder name."""
    if name in BUILTIN:
        return name
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-")
    return f"{slug}-{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"
