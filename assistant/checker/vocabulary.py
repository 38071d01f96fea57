"""The checker's closed vocabulary (data/vocabulary.yaml) and the readers that turn words into inputs.

- `Vocabulary`: the facts the rules may read, each with its values, who gives it, its
  default (only where a rule says silence means "no") and the question that asks for it.
- `read_data(kinds)`: data kinds as given to `check` (contract kinds or the words of
  `data_words`) -> (facts about the data, kinds for display). An empty list, `None` or
  "unknown" leave the kind of data unknown; a word not in the vocabulary is refused.
- `named_data(text)`, `find_data(text)`, `find_customer(text)`: the same, from free text
  (questions, claims); `find_data` adds the kind a standard named implies (HDS -> health).
  A text that names no data kind gives `[]` (unknown, never "personal"); a body whose type
  no source gives yields `None` (unknown, asked back).
- `source_words(doc_id, lang)`: how a sentence names a source.

This module reads words; it decides nothing.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path


from assistant.datafile import read_yaml
from assistant.errors import InputDataError, UsageError
from assistant.folding import fold_key

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.yaml"
DATA_KINDS = ("personal", "health", "sensitive", "other")
ORIGINS = ("query", "registry", "entity", "defined")


@dataclass(frozen=True)
class FactSpec:
    name: str
    values: tuple
    origin: str
    ask: str
    question: dict
    default: object = None


@dataclass
class Vocabulary:
    facts: dict[str, FactSpec]
    data_words: list[dict] = field(default_factory=list)
    sources: dict[str, dict] = field(default_factory=dict)
    offer_kinds: dict[str, dict] = field(default_factory=dict)
    fact_phrases: dict[str, dict] = field(default_factory=dict)
    health_terms: dict = field(default_factory=dict)

    def domains(self) -> dict[str, tuple]:
        return {name: spec.values for name, spec in self.facts.items()}

    def question(self, name: str, lang: str) -> str:
        return self.facts[name].question.get(lang) or self.facts[name].question["fr"]


def load_vocabulary(path: Path | None = None) -> Vocabulary:
    path = Path(path or VOCABULARY_FILE)
    raw = read_yaml(path, "the vocabulary")
    facts = {}
    for name, spec in (raw.get("facts") or {}).items():
        if spec.get("from") not in ORIGINS or not spec.get("values") or not spec.get("question", {}).get("fr"):
            raise InputDataError(f"{path}: fact {name}: needs values, from ({', '.join(ORIGINS)}) and a French question.")
        if "default" in spec and not spec.get("default_why"):
            raise InputDataError(f"{path}: fact {name}: a default needs its 'default_why'.")
        facts[name] = FactSpec(name, tuple(spec["values"]), spec["from"], spec.get("ask", name), spec["question"],
                               spec.get("default"))
    words = raw.get("data_words") or []
    for entry in words:
        unknown = set(entry.get("facts") or {}) - set(facts)
        if unknown or not set(entry.get("kinds", [])) <= set(DATA_KINDS):
            raise InputDataError(f"{path}: data word {entry.get('words')}: unknown fact or kind.")
    for kind, spec in (raw.get("offer_kinds") or {}).items():
        if set(spec.get("facts") or {}) - set(facts):
            raise InputDataError(f"{path}: offer kind {kind}: unknown fact.")
    health = raw.get("health_terms") or {}
    if health and not all(src.get("doc_id") and src.get("quote") for src in health.get("sources") or [{}]):
        raise InputDataError(f"{path}: health_terms: needs sources, each with a doc_id and a verbatim quote.")
    return Vocabulary(facts, words, raw.get("source_words") or {}, raw.get("offer_kinds") or {},
                      raw.get("fact_phrases") or {}, health)


@functools.lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return load_vocabulary()


# --- data kinds -----------------------------------------------------------------------------

def _data_facts(kinds: set[str], extra: dict) -> dict:
    """Facts about the data from a complete list of kinds (the kinds named are all there is)."""
    facts = dict(extra)
    if "sensitive" in kinds:
        facts["sensitive"] = True
    if kinds:
        facts.setdefault("health", "health" in kinds)
        facts.setdefault("personal", bool(kinds & {"personal", "health"}))
    return facts


def read_data(kinds) -> tuple[dict, list[str]]:
    """(facts, kinds for display) for the `data` argument of `check`.

    >>> read_data(["santé"])
    ({'health': True, 'personal': True}, ['personal', 'health'])
    >>> read_data([])
    ({}, [])
    """
    if kinds is None:
        kinds = []
    if isinstance(kinds, str):
        kinds = [k for k in re.split(r"[,;]", kinds) if k.strip()]
    index = {fold_key(w): entry for entry in default_vocabulary().data_words for w in entry["words"]}
    found: set[str] = set()
    extra: dict = {}
    for raw in kinds:
        entry = index.get(fold_key(raw))
        if entry is None:
            raise UsageError(f"unknown data kind {raw!r}: use {', '.join(DATA_KINDS)} (or 'unknown').")
        found |= set(entry["kinds"])
        extra.update(entry.get("facts") or {})
    if len(found) > 1:
        found.discard("other")
    return _data_facts(found, extra), [k for k in DATA_KINDS if k in found]


def named_data(text: str) -> tuple[list[str], dict]:
    """(data kinds, facts) that the words of a free text name; `([], {})` when it names none.

    The names of customers are blanked first ("Plateforme des données de santé", "ministère de
    la Santé" name a body, not its data). Listed phrases first (`DATA_PATTERNS`, the words of
    `data_words`, compared by word form: "contrôles fiscaux" has "fiscal"), then the health
    terms of the vocabulary (`data_terms.health_term`)."""
    from assistant.checker.data_terms import has_words, health_term
    from assistant.checker.lexicon import AGENT_TOOLS_PATTERN, DATA_PATTERNS
    context, facility = _without_customers(text)
    kinds = [k for k in ("health", "sensitive", "personal") if DATA_PATTERNS[k].search(context)]
    facts: dict = {}
    if AGENT_TOOLS_PATTERN.search(context):
        facts["agent_tools"] = True
    for entry in default_vocabulary().data_words:
        if not entry.get("facts"):
            continue
        for word in entry["words"]:
            if len(word) > 1 and "_" not in word and has_words(context, word):
                facts.update(entry["facts"])
                kinds += [k for k in entry["kinds"] if k not in kinds and k != "other"]
                break
    if "health" not in kinds and health_term(context, facility):
        kinds.append("health")
    if not kinds and facts:
        kinds = ["personal"] if facts.get("citizens_data") or facts.get("agents_business_app") else ["other"]
    if "health" in kinds and "personal" not in kinds:
        kinds.append("personal")
    return [k for k in DATA_KINDS if k in kinds], facts


def find_data(text: str) -> tuple[list[str], dict]:
    """`named_data`, and for a claim that names no kind, the kind its standard implies: a
    SecNumCloud qualification is asked for sensitive data, HDS for health data."""
    kinds, facts = named_data(text)
    if not kinds:
        if re.search(r"\bSecNumCloud\b", text, re.I) and re.search(r"\bqualifi|qualified", text, re.I):
            kinds = ["sensitive"]
        elif re.search(r"\bHDS\b", text):
            kinds = ["health", "personal"]
    return [k for k in DATA_KINDS if k in kinds], facts


def kinds_for_facts(facts: dict) -> list[str]:
    """The data kinds the vocabulary's words give with these facts (a product of agents' tools,
    "Teams", holds what "messagerie" holds: personal data); [] when no word sets them."""
    kinds: list[str] = []
    for entry in default_vocabulary().data_words:
        if entry.get("facts") and all(facts.get(k) == v for k, v in entry["facts"].items()):
            kinds += [k for k in entry["kinds"] if k not in kinds]
    return [k for k in DATA_KINDS if k in kinds]


def _without_customers(text: str) -> tuple[str, bool]:
    """(the text with every customer name of entities.yaml blanked, whether a health facility or
    another place of care (`care_setting`: an EHPAD) is named)."""
    from assistant.checker.entities import default_entities
    out, facility = text or "", False
    for entity in default_entities().entities:
        if (entity.type == "health_facility" or entity.care_setting) and entity.pattern.search(out):
            facility = True
        out = entity.pattern.sub(lambda m: " " * len(m.group(0)), out)
    return out, facility


# --- customers ------------------------------------------------------------------------------

def find_customer(text: str) -> str | None:
    """The customer type a text names, from entities.yaml; None when not named or not sourced."""
    from assistant.checker.entities import default_entities
    entity = default_entities().find(text)
    return entity.type if entity else None


def source_words(doc_id: str | None, lang: str) -> str | None:
    words = default_vocabulary().sources.get(doc_id or "")
    return (words.get(lang) or words.get("fr")) if words else None


def health_terms_sources() -> list[dict]:
    """The passages the vocabulary's health terms rest on (GDPR recital 35, L.1111-8 I): each a dict
    with `doc_id`, `section`, `quote`."""
    return list(default_vocabulary().health_terms.get("sources") or [])
