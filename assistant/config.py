"""All configuration in one typed place, read from the environment, with offline defaults.

| variable | default | meaning |
| --- | --- | --- |
| HDS_DATA_DIR | `.hds` under the working directory | index, feedback database, caches |
| HDS_CORPUS_DIR | the repository's `corpus/` | texts to ingest |
| HDS_EMBEDDER | `e5` | dense backend: `e5`, `use`, `minilm`, or `st:<path or model name>` (only `e5` has the sentence second stage: docs/retrieval.md) |
| HDS_RETRIEVAL | `hybrid` | `hybrid`, `bm25` or `dense` |
| HDS_CHROMA_URL | unset (embedded Chroma) | `http://host:port` of a Chroma server |
| HDS_FEEDBACK_URL | unset (SQLite in the data dir) | `postgresql://...` for a shared feedback store |
| HDS_LLM | unset (extractive answers) | `openai` (OpenAI-compatible endpoint) or `ollama` |
| HDS_LLM_URL, HDS_LLM_MODEL, HDS_LLM_API_KEY, HDS_LLM_TIMEOUT | -, -, -, 20 | LLM endpoint settings |
| HDS_TODAY | the system date | the default "as of" date (tests pin it) |

It does not read files or open connections: callers do.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or default


@dataclass(frozen=True)
class Settings:
    data_dir: Path = field(default_factory=lambda: Path(_env("HDS_DATA_DIR", ".hds")).resolve())
    corpus_dir: Path = field(default_factory=lambda: Path(_env("HDS_CORPUS_DIR", str(REPO_ROOT / "corpus"))).resolve())
    embedder: str = field(default_factory=lambda: _env("HDS_EMBEDDER", "e5"))
    retrieval: str = field(default_factory=lambda: _env("HDS_RETRIEVAL", "hybrid"))
    chroma_url: str | None = field(default_factory=lambda: _env("HDS_CHROMA_URL"))
    feedback_url: str | None = field(default_factory=lambda: _env("HDS_FEEDBACK_URL"))
    llm: str | None = field(default_factory=lambda: _env("HDS_LLM"))
    llm_url: str | None = field(default_factory=lambda: _env("HDS_LLM_URL"))
    llm_model: str | None = field(default_factory=lambda: _env("HDS_LLM_MODEL"))
    llm_api_key: str | None = field(default_factory=lambda: _env("HDS_LLM_API_KEY"))
    llm_timeout: float = field(default_factory=lambda: float(_env("HDS_LLM_TIMEOUT", "20")))
    today_override: str | None = field(default_factory=lambda: _env("HDS_TODAY"))

    def today(self) -> dt.date:
        if self.today_override:
            return dt.date.fromisoformat(self.today_override)
        return dt.date.today()


def settings() -> Settings:
    """Fresh settings from the current environment (cheap; tests change the environment)."""
    return Settings()
