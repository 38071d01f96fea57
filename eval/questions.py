"""The evaluation set: load `eval/questions.yaml` into `Question` objects and validate it.

Each question has an `id`, a `lang` (`fr`/`en`), the `question` as a user would type it, a
`category` and, depending on the category:

- `factual` / `eligibility`: `gold`, a list of `{doc_id, needle}` where `needle` is a short
  verbatim substring (15-120 characters) of the normalised text (`Document.text`) of the
  passage that answers the question;
- `eligibility`: also `expected_verdict`, `as_of` and `check` (`provider`, `offer`, `data`,
  `customer`: how the question should be understood by the rule checker);
- `out_of_scope`: nothing more (the assistant must abstain);
- `missing_text`: `missing`, the short name of the text the corpus lacks.

`split` (`tune` or `test`) is the question's part, set by the fixed rule of `eval/split.py`
(or `test` for a set written as a test set); nothing is fitted on the test part.
`fast: true` marks the questions of the regression-gate subset. Validation errors are one
sentence naming the question id. This module does not run retrieval or answers.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.isodate import to_date
from assistant.errors import InputDataError

QUESTIONS_PATH = Path(__file__).resolve().parent / "questions.yaml"
STRANGERS_PATH = Path(__file__).resolve().parent / "strangers.yaml"
# The sets `hds-assistant eval` reads by default: the project's set, then the stranger-style
# questions (tuning part, then test part).
DEFAULT_SETS = (QUESTIONS_PATH, STRANGERS_PATH.with_name("strangers-tune.yaml"), STRANGERS_PATH)
LANGS = ("fr", "en")
CATEGORIES = ("factual", "eligibility", "out_of_scope", "missing_text")
IN_SCOPE = ("factual", "eligibility")
VERDICTS = ("eligible", "not_eligible", "undetermined", "not_applicable")
CUSTOMERS = ("state", "state_operator", "local_authority", "health_facility", "private")
DATA_KINDS = ("personal", "health", "sensitive", "other")
NEEDLE_MIN, NEEDLE_MAX = 15, 120
_KEYS = {"id", "lang", "question", "category", "as_of", "gold", "expected_verdict", "check",
         "missing", "fast", "note", "split"}
SPLITS = ("tune", "test")


class EvalSetError(InputDataError):
    """The question file is malformed; the message names the question."""


@dataclass(frozen=True)
class Gold:
    doc_id: str
    needle: str


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    question: str
    category: str
    as_of: dt.date | None = None
    gold: tuple[Gold, ...] = ()
    expected_verdict: str | None = None
    check: dict = field(default_factory=dict, compare=False)
    missing: str | None = None
    fast: bool = False
    note: str | None = None
    split: str = "tune"

    @property
    def in_scope(self) -> bool:
        return self.category in IN_SCOPE


def _date(qid: str, value) -> dt.date | None:
    try:
        return to_date(value)
    except ValueError:
        raise EvalSetError(f"question {qid}: as_of {value!r} is not a date YYYY-MM-DD.") from None


def _gold(qid: str, raw, documents: dict | None) -> tuple[Gold, ...]:
    if not isinstance(raw, list) or not raw:
        raise EvalSetError(f"question {qid}: 'gold' must be a non-empty list of {{doc_id, needle}}.")
    golds = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("doc_id"), str) \
                or not isinstance(item.get("needle"), str):
            raise EvalSetError(f"question {qid}: each gold item needs a text 'doc_id' and 'needle'.")
        needle = item["needle"]
        if not NEEDLE_MIN <= len(needle) <= NEEDLE_MAX:
            raise EvalSetError(f"question {qid}: needle {needle[:40]!r} has {len(needle)} characters "
                               f"(allowed {NEEDLE_MIN}-{NEEDLE_MAX}).")
        if documents is not None:
            doc = documents.get(item["doc_id"])
            if doc is None:
                raise EvalSetError(f"question {qid}: unknown doc_id {item['doc_id']!r}.")
            if needle not in doc.text:
                raise EvalSetError(f"question {qid}: needle {needle[:60]!r} is not verbatim in "
                                   f"the text of {item['doc_id']}.")
        golds.append(Gold(item["doc_id"], needle))
    return tuple(golds)


def _check(qid: str, raw) -> dict:
    if not isinstance(raw, dict):
        raise EvalSetError(f"question {qid}: 'check' must be a mapping with provider, offer, data, customer.")
    missing = {"provider", "offer", "data", "customer"} - set(raw)
    if missing:
        raise EvalSetError(f"question {qid}: 'check' lacks {', '.join(sorted(missing))}.")
    data = raw["data"]
    if not isinstance(data, list) or not data or any(d not in DATA_KINDS for d in data):
        raise EvalSetError(f"question {qid}: check.data must be a non-empty list of {', '.join(DATA_KINDS)}.")
    if raw["customer"] is not None and raw["customer"] not in CUSTOMERS:
        raise EvalSetError(f"question {qid}: check.customer {raw['customer']!r} is not one of {', '.join(CUSTOMERS)}.")
    if raw["provider"] is not None and not isinstance(raw["provider"], str):
        raise EvalSetError(f"question {qid}: check.provider must be text or null.")
    if raw["offer"] is not None and not isinstance(raw["offer"], str):
        raise EvalSetError(f"question {qid}: check.offer must be text or null.")
    return dict(raw)


def parse_question(raw, documents: dict | None = None, position: int = 0) -> Question:
    """One question from its YAML mapping; `documents` (doc_id -> Document) enables needle checks."""
    if not isinstance(raw, dict):
        raise EvalSetError(f"item {position} of the question file is not a mapping.")
    qid = raw.get("id")
    if not isinstance(qid, str) or not qid.strip():
        raise EvalSetError(f"item {position} of the question file has no text 'id'.")
    unknown = set(raw) - _KEYS
    if unknown:
        raise EvalSetError(f"question {qid}: unknown field(s) {', '.join(sorted(unknown))}.")
    if raw.get("lang") not in LANGS:
        raise EvalSetError(f"question {qid}: lang must be one of {', '.join(LANGS)}.")
    if not isinstance(raw.get("question"), str) or not raw["question"].strip():
        raise EvalSetError(f"question {qid}: 'question' is missing or empty.")
    category = raw.get("category")
    if category not in CATEGORIES:
        raise EvalSetError(f"question {qid}: category must be one of {', '.join(CATEGORIES)}.")
    if raw.get("split") not in SPLITS:
        raise EvalSetError(f"question {qid}: split must be one of {', '.join(SPLITS)}.")
    as_of = _date(qid, raw.get("as_of"))
    gold: tuple[Gold, ...] = ()
    if category in IN_SCOPE:
        gold = _gold(qid, raw.get("gold"), documents)
    elif raw.get("gold"):
        raise EvalSetError(f"question {qid}: a {category} question has no gold passage.")
    verdict, check = raw.get("expected_verdict"), {}
    if category == "eligibility":
        if verdict not in VERDICTS:
            raise EvalSetError(f"question {qid}: expected_verdict must be one of {', '.join(VERDICTS)}.")
        if as_of is None:
            raise EvalSetError(f"question {qid}: an eligibility question needs an as_of date.")
        check = _check(qid, raw.get("check"))
    elif verdict is not None or raw.get("check") is not None:
        raise EvalSetError(f"question {qid}: only eligibility questions carry expected_verdict/check.")
    missing = raw.get("missing")
    if category == "missing_text" and (not isinstance(missing, str) or not missing.strip()):
        raise EvalSetError(f"question {qid}: a missing_text question names the missing text in 'missing'.")
    if category != "missing_text" and missing is not None:
        raise EvalSetError(f"question {qid}: only missing_text questions carry 'missing'.")
    return Question(id=qid, lang=raw["lang"], question=raw["question"].strip(), category=category,
                    as_of=as_of, gold=gold, expected_verdict=verdict, check=check, missing=missing,
                    fast=bool(raw.get("fast", False)), note=raw.get("note"), split=raw["split"])


def load_questions(path: Path | str = QUESTIONS_PATH, documents: dict | None = None) -> list[Question]:
    """Every question of the file, validated; ids must be unique."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalSetError(f"cannot read the question file {path} ({exc.strerror}).") from None
    except yaml.YAMLError as exc:
        raise EvalSetError(f"the question file {path} is not valid YAML ({str(exc).splitlines()[0]}).") from None
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise EvalSetError(f"the question file {path} holds no list of questions.")
    questions, seen = [], set()
    for n, raw in enumerate(items, start=1):
        q = parse_question(raw, documents, n)
        if q.id in seen:
            raise EvalSetError(f"question {q.id}: the id is used twice.")
        seen.add(q.id)
        questions.append(q)
    return questions


def load_sets(paths, documents: dict | None = None) -> list[Question]:
    """The questions of several files, in order; ids must be unique across them."""
    questions, seen = [], set()
    for path in paths:
        for q in load_questions(path, documents):
            if q.id in seen:
                raise EvalSetError(f"question {q.id}: the id is used twice (again in {Path(path).name}).")
            seen.add(q.id)
            questions.append(q)
    return questions


def part(questions: list[Question], split: str) -> list[Question]:
    """The questions of one part (`tune` or `test`)."""
    if split not in SPLITS:
        raise EvalSetError(f"unknown part {split!r}; choose one of {', '.join(SPLITS)}.")
    return [q for q in questions if q.split == split]


def fast_subset(questions: list[Question]) -> list[Question]:
    """The regression-gate subset (`fast: true`)."""
    return [q for q in questions if q.fast]
