"""The rules as data: `data/rules.yaml` loaded into `Rule` records.

Each record names its legal basis (a corpus passage: doc_id, section, verbatim quote), its
validity period, and optionally the condition, recommendation or caveat text it adds to an
answer. The loader refuses a malformed record with an `InputDataError` naming the file and
the record id.

This module does not evaluate rules (see `engine`) nor check quotes against the corpus
(tests/test_checker_sources.py does).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant.isodate import to_date
from assistant.checker.dates import in_force
from assistant.errors import InputDataError

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"
KINDS = ("rule", "scope", "sensitivity", "caveat")


@dataclass(frozen=True)
class Basis:
    doc_id: str
    section: str
    quote: str

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "section": self.section, "quote": self.quote}


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    title: str
    basis: Basis
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    applies: str = ""
    requires: str = ""
    condition: dict | None = None
    recommendation: str | None = None
    caveat: str | None = None
    text: str | None = None

    def in_force(self, t: dt.date) -> bool:
        return in_force(t, self.valid_from, self.valid_to)


def _date(path, rid, value, key):
    try:
        return to_date(value)
    except ValueError:
        raise InputDataError(f"{path}: record {rid}: '{key}' is not a date (YYYY-MM-DD).") from None


def load_rules(path: Path | None = None) -> dict[str, Rule]:
    path = Path(path or RULES_FILE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputDataError(f"{path}: cannot read the rules file ({exc.__class__.__name__}).") from None
    except yaml.YAMLError as exc:
        raise InputDataError(f"{path}: not valid YAML ({str(exc).splitlines()[0]}).") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise InputDataError(f"{path}: the file must hold a 'rules' list.")
    rules: dict[str, Rule] = {}
    for n, r in enumerate(raw["rules"], 1):
        rid = r.get("id") if isinstance(r, dict) else None
        label = rid or f"#{n}"
        if not rid or not isinstance(rid, str):
            raise InputDataError(f"{path}: record {label}: 'id' is missing.")
        if rid in rules:
            raise InputDataError(f"{path}: record {rid}: the id is used twice.")
        if r.get("kind") not in KINDS:
            raise InputDataError(f"{path}: record {rid}: 'kind' must be one of {', '.join(KINDS)}.")
        basis = r.get("basis") or {}
        if not all(isinstance(basis.get(k), str) and basis[k].strip() for k in ("doc_id", "section", "quote")):
            raise InputDataError(f"{path}: record {rid}: 'basis' needs doc_id, section and a verbatim quote.")
        if not r.get("title"):
            raise InputDataError(f"{path}: record {rid}: 'title' is missing.")
        if r["kind"] == "caveat" and not r.get("text"):
            raise InputDataError(f"{path}: record {rid}: a caveat needs its 'text'.")
        rules[rid] = Rule(
            id=rid, kind=r["kind"], title=r["title"], basis=Basis(basis["doc_id"], basis["section"], basis["quote"]),
            valid_from=_date(path, rid, r.get("valid_from"), "valid_from"),
            valid_to=_date(path, rid, r.get("valid_to"), "valid_to"),
            applies=r.get("applies", ""), requires=r.get("requires", ""), condition=r.get("condition"),
            recommendation=r.get("recommendation"), caveat=r.get("caveat"), text=r.get("text"))
    return rules


@functools.lru_cache(maxsize=1)
def default_rules() -> dict[str, Rule]:
    return load_rules(RULES_FILE)
