"""Customers as sourced facts: data/entities.yaml loaded into `Entity` records.

An entity is a named body (the Health Data Hub, the CNAM...) or a category word ("ministère",
"CHU") with the customer type it has, the source that says so (or, for a category word, the
definition it rests on), and optional facts the rules read (`sren31_listed`). A named body
without a source has no type: the checker treats its type as unknown and asks; it may still
rule out some types by its legal nature (`not_types`, with `not_because`: a local public
establishment is never the State), which the answer service reads. The loader
refuses an entity with a type but neither a source nor a definition, or an unknown type.

This module finds entities in text; it does not decide eligibility.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path


from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.folding import accent_tolerant

ENTITIES_FILE = Path(__file__).resolve().parent / "data" / "entities.yaml"
CUSTOMER_TYPES = ("state", "state_operator", "local_authority", "health_facility", "private")
ENTITY_FACTS = ("sren31_listed",)


@dataclass(frozen=True)
class Entity:
    name: str
    pattern: re.Pattern
    type: str | None
    facts: dict = field(default_factory=dict)
    source: dict | None = None
    also: dict | None = None
    note: str | None = None
    not_types: tuple[str, ...] = ()  # customer types the body's legal nature rules out (type unknown otherwise)
    not_because: str | None = None
    care_setting: bool = False  # a place of care that is not a health facility (EHPAD): its reports are health data
    animal_care: bool = False  # care is given to animals only (a veterinary clinic): its clients' files are no health data of persons
    private_law: bool = False  # a body of private law by its name (a private clinic): never the State nor under its supervision


@dataclass
class Entities:
    entities: list[Entity]

    def find(self, text: str) -> Entity | None:
        """The first entity (file order: named bodies before categories) the text names."""
        for entity in self.entities:
            if entity.pattern.search(text or ""):
                return entity
        return None


def load_entities(path: Path | None = None) -> Entities:
    path = Path(path or ENTITIES_FILE)
    raw = read_yaml(path, "the entities file")
    out = []
    for n, item in enumerate(raw.get("entities") or [], 1):
        name = item.get("name") or f"#{n}"
        kind = item.get("type")
        if kind is not None and kind not in CUSTOMER_TYPES:
            raise InputDataError(f"{path}: entity {name}: type must be one of {', '.join(CUSTOMER_TYPES)} or null.")
        source = item.get("source")
        if kind is not None and not source and not item.get("by_definition"):
            raise InputDataError(f"{path}: entity {name}: a type needs a source (or a category's by_definition).")
        if source and not (source.get("quote") and (source.get("doc_id") or source.get("url"))):
            raise InputDataError(f"{path}: entity {name}: a source needs a doc_id or url, and a verbatim quote.")
        try:
            pattern = re.compile(accent_tolerant(item["pattern"]), re.IGNORECASE)
        except (KeyError, re.error) as exc:
            raise InputDataError(f"{path}: entity {name}: bad or missing pattern ({exc}).") from None
        facts = {k: item[k] for k in ENTITY_FACTS if k in item}
        not_types = tuple(item.get("not_types") or ())
        if not_types and (kind is not None or not item.get("not_because") or set(not_types) - set(CUSTOMER_TYPES)):
            raise InputDataError(f"{path}: entity {name}: not_types go with type null, customer types and a not_because.")
        out.append(Entity(name, pattern, kind, facts, source, item.get("also"), item.get("note"), not_types, item.get("not_because"),
                          bool(item.get("care_setting")), bool(item.get("animal_care")), bool(item.get("private_law"))))
    return Entities(out)


@functools.lru_cache(maxsize=1)
def default_entities() -> Entities:
    return load_entities()
