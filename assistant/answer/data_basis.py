"""The passages a question's reading of its data rests on, to be quoted with the verdict.

When the question does not say "données de santé" or "personal data" but the reading decides the
kind from its words, the answer shows why with the text the reading rests on:

- data read as health data from words of care, testing or disease ("résultats des tests",
  "historique de délivrance de mes patients"): the passage the vocabulary's health terms come from
  (GDPR recital 35); not for the names of health records everyone knows (the checker's
  `DATA_PATTERNS`: "données de santé", "dossiers médicaux", "DPI", "imagerie médicale");
- data that may or may not be health data, asked back ("les remboursements", "les données de nos
  clients"): the GDPR's definition of data concerning health (art. 4(15)), what the question asks;
- data named only by the identifiers of GDPR art. 4(1) ("noms, téléphones"): that definition.

Each basis is a `DataBasis` (doc_id, section, quote) read from the data files of the readings
(`assistant/checker/data/vocabulary.yaml`, `record_kinds.yaml`, `people_data.yaml`); it decides
nothing and locates nothing (the answer service locates the quote in its document).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class DataBasis:
    doc_id: str
    section: str
    quote: str


def _basis(raw: dict) -> DataBasis:
    return DataBasis(raw["doc_id"], raw.get("section") or "", raw["quote"])


@lru_cache(maxsize=1)
def _files() -> tuple[dict, dict]:
    load = lambda name: yaml.safe_load((_HERE / name).read_text(encoding="utf-8"))  # noqa: E731
    return load("record_kinds.yaml"), load("people_data.yaml")


def health_words_basis() -> list[DataBasis]:
    """Why words of care, testing or disease are health data: the vocabulary's first health source."""
    from assistant.checker import health_terms_sources
    return [_basis(s) for s in health_terms_sources()[:1]]


def health_definition_basis() -> list[DataBasis]:
    """What "data concerning health" are (GDPR art. 4(15)): asked when data may or may not be so."""
    records, _ = _files()
    return [_basis(records["source"])]


def identifiers_basis() -> list[DataBasis]:
    """Why names, numbers and addresses are personal data (GDPR art. 4(1))."""
    _, people = _files()
    return [_basis(s) for s in (people.get("identifiers_sources") or [])[:1]]
