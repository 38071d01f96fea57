"""Whether a question's data are records about people, hence personal data (GDPR art. 4(1)).

Reads `people_data.yaml`: a record noun tied to a noun of people ("les dossiers de nos
locataires", "pupils' records", "the files of our members") or a phrase that names such records
on its own ("état civil", "contact details"). Used by question understanding only when the
checker's vocabulary names no data kind; it says "personal", never "health" or "sensitive",
and nothing about claims (the checker's own vocabulary reads those).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import phrase_alternation, tolerant_rx

_FILE = Path(__file__).with_name("people_data.yaml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    people, records = phrase_alternation(raw["people"]), phrase_alternation(raw["records"])
    owner = r"(?:(?:(?:de|des|du|of)\s+|d['’]\s*)(?:(?:la|le|les|l['’]|nos|notre|ses|leurs|leur|vos|votre|mes|the|our|its|their|your|all)\s+)?(?:[\w-]+\s+)?)"
    tied = (rf"\b(?:{records})\s+(?:[\w-]+\s+){{0,4}}?{owner}(?:{people})\b"  # "dossiers (administratifs) de nos locataires", "fichier des cartes grises des usagers"
            rf"|\b(?:{people})['’]s?\s+(?:[\w-]+\s+)?(?:{records})\b"  # "pupils' records", "staff's personal files"
            rf"|\b(?:{people})['’]\s*\w+"  # any noun owned by people: "customers' order history"
            rf"|\b(?:{people})\s+(?:{records})\b"  # "tenant files", "customer data"
            rf"|\b(?:{records})\s+(?:{people})\b")  # French apposition: "fichiers clients", "dossiers usagers"
    phrases = phrase_alternation(raw["phrases"])
    return tolerant_rx(tied, re.IGNORECASE), tolerant_rx(rf"\b(?:{phrases})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _public() -> re.Pattern:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    words = phrase_alternation(raw["public"])
    return tolerant_rx(rf"\b(?:{words})\b", re.IGNORECASE)


def names_public_records(question: str) -> bool:
    """Whether the records about people are about members of the public (taxpayers, users,
    claimants…): what R9 (2021) calls "données personnelles des citoyens" (not the body's staff)."""
    tied, _ = _patterns()
    return any(_public().search(m.group(0)) for m in tied.finditer(question))


def names_people_records(question: str) -> bool:
    """Whether the question names records about people (personal data by GDPR art. 4(1))."""
    tied, phrases = _patterns()
    return bool(tied.search(question) or phrases.search(question))
