"""The rules as data: `data/rules.yaml` loaded into `Rule`, `Definition` and `Note` records.

A rule has a validity period, a `when` and a `requires` condition over the vocabulary's facts
(`conditions`), a basis (doc_id, section, verbatim quote, confidence), optional further
bases (`also`), the sentences that explain each status (French, English), and optionally a
condition, a recommendation, an `exception_of` another rule, an `outcome` or `on_violation`
of `undetermined` with the `open_point` it leaves. A definition computes a fact
(`sensitive`) when nobody states it; a note adds a caveat or recommendation.

The loader refuses, naming the file and the record: a missing field, an unknown variable
(fact name) or value, a bad date, an unknown confidence, and two rules in force at the same
time whose requirements contradict each other whenever both apply, unless one declares
itself the exception of the other (both ids are named).

This module does not evaluate rules (see `engine`) nor check quotes against the corpus.
"""
from __future__ import annotations

import datetime as dt
import functools
import itertools
from dataclasses import dataclass, field
from pathlib import Path


from assistant.checker import conditions
from assistant.checker.dates import in_force
from assistant.checker.vocabulary import Vocabulary, default_vocabulary
from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.isodate import to_date

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.yaml"
CONFIDENCES = ("official", "press", "secondary", "draft")
STATUSES = ("satisfied", "violated", "unknown")
RULE_KEYS = {"when", "requires", "explain", "condition", "recommendation", "exception_of", "outcome", "on_violation",
             "open_point", "text_note"}


@dataclass(frozen=True)
class Basis:
    doc_id: str
    section: str
    quote: str
    confidence: str = "official"
    via: str | None = None  # a compilation of data/sources/ when no corpus document carries the words
    since: dt.date | None = None  # the day the passage itself speaks from, when later or earlier than its document's date
    with_every_verdict: bool = False  # an `also` text carrying the rule today: cited with a satisfied rule too

    def to_json(self) -> dict:
        out = {"doc_id": self.doc_id, "section": self.section, "quote": self.quote, "confidence": self.confidence}
        if self.via:
            out["via"] = self.via
        if self.since:
            out["since"] = self.since.isoformat()
        return out


class _InForce:
    """Rules, definitions and notes hold between `valid_from` and `valid_to` (None: open)."""
    valid_from: dt.date | None
    valid_to: dt.date | None

    def in_force(self, t: dt.date) -> bool:
        return in_force(t, self.valid_from, self.valid_to)


@dataclass
class _Dated(_InForce):
    id: str
    title: dict
    basis: Basis
    valid_from: dt.date | None
    valid_to: dt.date | None
    when: object


@dataclass
class Rule(_Dated):
    requires: object = True
    also: tuple[Basis, ...] = ()
    explain: dict = field(default_factory=dict)
    condition: dict | None = None
    recommendation: dict | None = None
    exception_of: str | None = None
    outcome: str | None = None
    on_violation: str | None = None
    open_point: dict | None = None
    text_note: dict | None = None
    has_requirement: bool = False
    condition_versions: tuple = ()  # ConditionVersion, when the condition's wording changed with a text

    def condition_on(self, t: dt.date) -> dict | None:
        """The condition (fr, en) listed at `t`: the undated one, or the dated version in force."""
        if self.condition is not None:
            return self.condition
        return next((v.text for v in self.condition_versions if in_force(t, v.valid_from, v.valid_to)), None)

    def facts_read(self) -> list[str]:
        names = conditions.facts_of(self.when) + conditions.facts_of(self.requires)
        return list(dict.fromkeys(names))


@dataclass(frozen=True)
class ConditionVersion:
    """A rule's condition as a text words it from `valid_from` to `valid_to` (None: open), with the
    passage it rests on (`basis`, verbatim in the corpus: tests/test_checker_sources.py checks it)."""
    valid_from: dt.date | None
    valid_to: dt.date | None
    text: dict
    basis: Basis


@dataclass
class Definition(_InForce):
    id: str
    defines: str
    title: dict
    basis: Basis
    valid_from: dt.date | None
    valid_to: dt.date | None
    value: object
    also: tuple[Basis, ...] = ()
    explain: dict = field(default_factory=dict)
    establishes_only: bool = False  # True: the definition can show the fact true, never false


@dataclass
class Note(_Dated):
    caveat: dict | None = None
    recommendation: dict | None = None
    also: tuple[Basis, ...] = ()  # other texts saying the same (a scope note restated by a later circular)


@dataclass
class RuleBook:
    rules: list[Rule]
    definitions: list[Definition]
    notes: list[Note]
    vocabulary: Vocabulary

    def rule(self, rid: str) -> Rule:
        return next(r for r in self.rules if r.id == rid)


class _Reader:
    def __init__(self, path: Path, vocabulary: Vocabulary):
        self.path, self.vocabulary = path, vocabulary
        self.domains = vocabulary.domains()

    def bad(self, rid: str, reason: str) -> InputDataError:
        return InputDataError(f"{self.path}: record {rid}: {reason}")

    def date(self, rid, raw, key):
        try:
            return to_date(raw.get(key))
        except ValueError:
            raise self.bad(rid, f"'{key}' is not a date (YYYY-MM-DD).") from None

    def basis(self, rid, raw) -> Basis:
        if isinstance(raw, dict) and raw.get("via") and not raw.get("doc_id"):
            raw = {**raw, "doc_id": raw["via"]}
        if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) and raw[k].strip()
                                                for k in ("doc_id", "section", "quote")):
            raise self.bad(rid, "'basis' needs doc_id (or via), section and a verbatim quote.")
        confidence = raw.get("confidence", "official")
        if confidence not in CONFIDENCES:
            raise self.bad(rid, f"basis confidence must be one of {', '.join(CONFIDENCES)}.")
        return Basis(raw["doc_id"], raw["section"], raw["quote"], confidence, raw.get("via"),
                     self.date(rid, raw, "since") if raw.get("since") else None, bool(raw.get("with_every_verdict")))

    def cond(self, rid, raw, key, required=True):
        if key not in raw:
            if required:
                raise self.bad(rid, f"'{key}' is missing.")
            return True
        return conditions.parse(raw[key], f"{self.path}: record {rid}: '{key}'", self.domains)

    def text(self, rid, raw, key):
        value = raw.get(key)
        if value is not None and not (isinstance(value, dict) and value.get("fr") and value.get("en")):
            raise self.bad(rid, f"'{key}' needs its French and English text (fr, en).")
        return value

    def common(self, raw, n, keys):
        rid = raw.get("id") if isinstance(raw, dict) else None
        if not rid:
            raise InputDataError(f"{self.path}: record #{n}: 'id' is missing.")
        unknown = set(raw) - keys - {"id", "title", "valid_from", "valid_to", "basis", "also", "note"}
        if unknown:
            raise self.bad(rid, f"unknown field(s) {sorted(unknown)}.")
        title = self.text(rid, raw, "title")
        if not title:
            raise self.bad(rid, "'title' (fr, en) is missing.")
        valid_from, valid_to = self.date(rid, raw, "valid_from"), self.date(rid, raw, "valid_to")
        if valid_from and valid_to and valid_from > valid_to:
            raise self.bad(rid, "valid_from is after valid_to.")
        also = tuple(self.basis(rid, b) for b in raw.get("also") or [])
        return rid, title, self.basis(rid, raw.get("basis")), valid_from, valid_to, also

    def rule(self, raw, n) -> Rule:
        rid, title, basis, start, end, also = self.common(raw, n, RULE_KEYS)
        explain = raw.get("explain") or {}
        for status, text in explain.items():
            if status not in STATUSES or not (isinstance(text, dict) and text.get("fr") and text.get("en")):
                raise self.bad(rid, f"'explain' takes {', '.join(STATUSES)} with fr and en texts.")
        for key in ("outcome", "on_violation"):
            if raw.get(key) not in (None, "undetermined"):
                raise self.bad(rid, f"'{key}' can only be 'undetermined'.")
        if (raw.get("outcome") or raw.get("on_violation")) and not raw.get("open_point"):
            raise self.bad(rid, "an undetermined outcome needs its 'open_point' (name, question, why).")
        recommendation = self.text(rid, raw, "recommendation")
        if recommendation:
            recommendation = {**recommendation, "unless": self.cond(rid, recommendation, "unless", required=False)}
        versions = self.condition_versions(rid, raw, start, end)
        return Rule(rid, title, basis, start, end, self.cond(rid, raw, "when"),
                    self.cond(rid, raw, "requires", required=False), also, explain,
                    None if versions else self.text(rid, raw, "condition"), recommendation, raw.get("exception_of"),
                    raw.get("outcome"), raw.get("on_violation"), raw.get("open_point"),
                    self.text(rid, raw, "text_note"), "requires" in raw, versions)

    def condition_versions(self, rid, raw, start, end) -> tuple:
        """A `condition` written as a list of dated wordings ({valid_from, valid_to, fr, en, basis}):
        consecutive, without gap or overlap, covering the rule's own validity, each with its basis."""
        value = raw.get("condition")
        if not isinstance(value, list):
            return ()
        out = []
        for item in value:
            if not isinstance(item, dict) or not (item.get("fr") and item.get("en")):
                raise self.bad(rid, "each dated 'condition' needs its French and English text (fr, en).")
            out.append(ConditionVersion(self.date(rid, item, "valid_from"), self.date(rid, item, "valid_to"),
                                        {"fr": item["fr"], "en": item["en"]}, self.basis(rid, item.get("basis"))))
        if out[0].valid_from != start or out[-1].valid_to != end or any(
                a.valid_to is None or b.valid_from is None or (b.valid_from - a.valid_to).days != 1 for a, b in zip(out, out[1:])):
            raise self.bad(rid, "the dated 'condition' wordings must follow one another day after day over the rule's validity.")
        return tuple(out)

    def definition(self, raw, n) -> Definition:
        rid, title, basis, start, end, also = self.common(raw, n, {"defines", "value", "explain", "establishes_only"})
        defines = raw.get("defines")
        spec = self.vocabulary.facts.get(defines)
        if spec is None or spec.origin not in ("defined", "query"):
            raise self.bad(rid, f"'defines' must name a fact of the vocabulary from the query or 'defined', not {defines!r}.")
        if spec.origin == "query" and raw.get("establishes_only") is not True:
            raise self.bad(rid, "a definition of a fact the person asking can state must be 'establishes_only: true'.")
        return Definition(rid, defines, title, basis, start, end, self.cond(rid, raw, "value"), also,
                          self.text(rid, raw, "explain") or {}, bool(raw.get("establishes_only")))

    def note(self, raw, n) -> Note:
        rid, title, basis, start, end, also = self.common(raw, n, {"when", "caveat", "recommendation"})
        recommendation = self.text(rid, raw, "recommendation")
        if recommendation:
            recommendation = {**recommendation, "unless": self.cond(rid, recommendation, "unless", required=False)}
        return Note(rid, title, basis, start, end, self.cond(rid, raw, "when"), self.text(rid, raw, "caveat"),
                    recommendation, also)


def _overlap(a, b) -> bool:
    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    end = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return start <= end


def _check_contradictions(path, rules: list[Rule], domains: dict) -> None:
    """Two rules in force together must be satisfiable together wherever both apply."""
    for a, b in itertools.combinations(rules, 2):
        if a.exception_of == b.id or b.exception_of == a.id or not _overlap(a, b):
            continue
        if a.requires is True or b.requires is True:
            continue
        names = list(dict.fromkeys(a.facts_read() + b.facts_read()))
        both_apply = together = False
        for values in itertools.product(*(domains[n] for n in names)):
            world = dict(zip(names, values))
            if conditions.evaluate(a.when, world.get) and conditions.evaluate(b.when, world.get):
                both_apply = True
                if conditions.evaluate(a.requires, world.get) and conditions.evaluate(b.requires, world.get):
                    together = True
                    break
        if both_apply and not together:
            raise InputDataError(f"{path}: rules {a.id} and {b.id} apply at the same time with contradictory "
                                 f"requirements; declare one the exception of the other (exception_of).")


def load_rules(path: Path | None = None, vocabulary: Vocabulary | None = None) -> RuleBook:
    path = Path(path or RULES_FILE)
    vocabulary = vocabulary or default_vocabulary()
    raw = read_yaml(path, "the rules file")
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise InputDataError(f"{path}: the file must hold a 'rules' list.")
    reader = _Reader(path, vocabulary)
    rules = [reader.rule(r, n) for n, r in enumerate(raw["rules"], 1)]
    definitions = [reader.definition(r, n) for n, r in enumerate(raw.get("definitions") or [], 1)]
    notes = [reader.note(r, n) for n, r in enumerate(raw.get("notes") or [], 1)]
    ids = [r.id for r in (*rules, *definitions, *notes)]
    for rid in ids:
        if ids.count(rid) > 1:
            raise InputDataError(f"{path}: record {rid}: the id is used twice.")
    for rule in rules:
        if rule.exception_of and rule.exception_of not in ids:
            raise InputDataError(f"{path}: record {rule.id}: exception_of names an unknown rule {rule.exception_of!r}.")
    _check_contradictions(path, rules, vocabulary.domains())
    return RuleBook(rules, definitions, notes, vocabulary)


@functools.lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    return load_rules(RULES_FILE)
