"""Questions about obligations and procedures ("le contrat HDS doit-il indiquer où sont les
serveurs ?", "l'avis de la DINUM est-il obligatoire ?"), answered from `obligations.yaml`.

`match(question, embed)` finds the obligation a question asks about: every concept group of
the obligation is in the question, and the question's e5 vector is close enough (cosine >=
THRESHOLD, fitted on the tuning part by `python -m eval.fit_obligations`) to one of the
obligation's descriptions. Without vectors (an index without an encoder) it matches nothing: the
extractive answer stays. `answer(obligation, question, as_of, lang)` gives a `ScopeAnswer`: the
first word by the question's modality (none when the question is negated, asks who / when / how,
or the obligation has no yes/no answer for that modality), the plain reason of the version in
force at `as_of` (or what the texts said before it), and the obligation's own passages, the
decisive one first. It invents no text or date: everything comes from the data file, whose
needles the tests find verbatim in the corpus.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from assistant.checker import Basis
from assistant.folding import fold

_DATA = Path(__file__).with_name("obligations.yaml")
_PLACES = Path(__file__).with_name("obligations_places.yaml")
# Cosine between the question's e5 vector and the closest description of an obligation, at or
# above which the obligation is taken (fitted by eval/fit_obligations.py on tuning questions only).
THRESHOLD = 0.86
# The question forms an obligation answers unless its `forms` says otherwise: a yes/no question,
# or one asking who / when / how / which ("qui contrôle… ?", "depuis quand… ?").
FORMS = ("yes_no", "wh")
# Basis of a source passage -> the confidence a citation shows (labels.yaml `confidence`).
CONFIDENCE = {"official_text": "official", "official_page": "official", "press": "press", "secondary": "secondary"}


@dataclass(frozen=True)
class Obligation:
    id: str
    raw: dict

    @property
    def descriptions(self) -> list[str]:
        return [self.raw["asks"]["fr"], self.raw["asks"]["en"], *self.raw.get("describes", [])]

    def concepts_hold(self, question: str) -> bool:
        return groups_hold(self.raw.get("concepts", []), question)

    def version(self, as_of: dt.date) -> dict | None:
        for v in self.raw["versions"]:
            if v["from"] <= as_of and (v.get("until") is None or as_of <= v["until"]):
                return v
        return None


@lru_cache(maxsize=4096)
def _stem(stem: str) -> re.Pattern:
    """A stem matches at the start of a word; one of three letters or fewer ("ue", "eu") or ending
    in "=" ("appli=", not "applique") only as a whole word. A hyphen in a stem is written as people
    type it: a hyphen, a space or nothing ("sous-trait" reads "sous traitant" and "soustraitant")."""
    whole = len(stem) <= 3 or stem.endswith("=")
    body = r"[-\s]?".join(re.escape(part) for part in stem.rstrip("=").split("-"))
    return re.compile(r"(?<![a-z0-9])" + body + (r"(?![a-z0-9])" if whole else ""))


def groups_hold(groups: list[list[str]], question: str) -> bool:
    """Whether every group has a stem in the question (accents and case folded); a stem "@eea" or
    "@third" stands for any country of that list in `obligations_places.yaml`."""
    folded = fold(question)
    return all(any(country_pattern(stem[1:]).search(folded) if stem.startswith("@") else _stem(stem).search(folded)
                   for stem in group) for group in groups)


@lru_cache(maxsize=4)
def country_pattern(kind: str) -> re.Pattern:
    """Any country name of the `kind` list ("eea", "third") as whole words; a pattern matching
    nothing for an unknown list."""
    rows = yaml.safe_load(_PLACES.read_text(encoding="utf-8")).get(kind) or []
    names = sorted((n for row in rows for n in row), key=len, reverse=True)
    if not names:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(n) for n in names) + r")(?![a-z0-9])")


@lru_cache(maxsize=1)
def obligations() -> list[Obligation]:
    """Every obligation of the data file, in file order, then every duty of `duties.yaml` whose
    passage the corpus holds (`duties.py`: one per enumerated point of a text)."""
    from assistant.answer.duties import corpus_obligations

    rows = yaml.safe_load(_DATA.read_text(encoding="utf-8")) + corpus_obligations()
    return [Obligation(row["id"], row) for row in rows]


# -- reading the question -------------------------------------------------------------------
_FORBIDDEN = re.compile(r"\binterdit\w*|\binterdiction\b|\bprohib\w*|\bforbidden\b|\bbanned\b|\billegal\b|\bd[ée]fendu", re.I)
_MAY = re.compile(r"\bpeu[tx]\b|\bpeuvent\b|\bpouvons\b|\bpourr\w+|\bpouvai\w+|\ble\s+droit\b|\bpossible\b|\bautoris\w*|\bpermis\b"
                  r"|\bjouable\b|\bok\b|\bcan\b|\bcould\b|\bmay\b|\ballowed\b|\blegal\b|\bpermitted\b", re.I)
_MUST = re.compile(r"\bdoi[st]\b|\bdoivent\b|\bdevons\b|\bdevr\w+|\bdevai\w+|\bfaut\b|\bfaudr\w+|\bfallait\b|\boblig\w*|\btenue?s?\b"
                   r"|\brequi[st]\w*|\bn[ée]cessaire|\bcens[ée]e?s?\b|\bimpos\w*|\bmust\b|\bhave\s+to\b|\bhas\s+to\b|\bneeds?\b"
                   r"|\brequired?\b|\bmandatory\b|\bshould\b|\bsupposed\b|\bencourag\w*", re.I)
# A negated question ("n'est-il pas obligé", "doesn't it have to") reverses the answer: no first word.
# Read in the question's own clause (after its last colon or semicolon: "Nos données ne sont pas
# sensibles : doit-on…" states a fact first); a negation after "qui / que" or "that / which / who"
# is a relative clause ("des données qui ne sont pas sensibles"), not the question's.
_NEGATED = re.compile(r"(?<!qui\s)(?<!que\s)\bne\s+\S+\s+(?:pas|plus|jamais)\b|(?<!qui\s)(?<!que\s)\bn['’]\S+\s+(?:pas|plus|jamais)\b|\bpas\s+besoin\b|\bno\s+need\b|\bsans\s+(?:avoir|être|etre)\b"
                      r"|(?<!that\s)(?<!which\s)(?<!who\s)\b(?:do|does|did|is|are|was|were|must|should|can|could|may|need|have|has)(?:n['’]t|\s+not)\b"
                      r"|\bnot\s+(?:need|have\s+to|required|obliged|allowed|permitted|mandatory)\b", re.I)
_WH = re.compile(r"(?:^|[,:;.?!]\s+|[,:;]|\bc['’]est\s+)(?:[àa]\s+)?(?:qui|quand|comment|combien|quel(?:le)?s?|o[ùu]|pourquoi|que|qu['’](?=\w)|who|when|how|where|what|which|why)\b"
                 r"|\b(?:depuis|à\s+partir\s+de|a\s+partir\s+de|avant|jusqu['’]à)\s+(?:quand|quelle)\b|\b(?:by|from|until|as\s+of)\s+(?:when|what)\b|\bsince\s+when\b", re.I)
_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*(?:%|pour\s*cent|percent|per\s+cent)", re.I)
_AMOUNT = re.compile(r"(\d+(?:[ .,\u202f\u00a0]\d{3})*(?:[.,]\d+)?)\s*(millions?|million|m|k|mds?|milliards?)?\s*(?:d['’]\s*)?(?:€|euros?|eur\b|m€|k€)"
                     r"|(?:€|eur\s*)(\d+(?:[.,]\d+)?)\s*(m|k|million)?\b", re.I)


# A duty asked in the negative (round 14): "peut-il se dispenser de / se passer de / échapper à
# l'obligation de…", "can X skip / avoid / do without…" (a "may" word first: "a team skipping cloud…
# does it have to…?" asks a must): the answer is the opposite of "must".
# "échapper" only before an obligation ("échapper au Cloud Act" asks about protection, not a duty).
_SKIP = re.compile(r"\b(?:peu[tx]|peuvent|pouvons|pourr\w+|pouvai\w+|possible\s+de|le\s+droit\s+de|can|could|may|allowed\s+to|ok\s+to)\b"
                   r"[^?]{0,40}?(?:\bse\s+dispenser\b|\bse\s+passer\s+d|\bs['’]affranchir\s+d|\bs['’]exon[ée]rer\s+d"
                   r"|\b[ée]chapper\s+(?:[àa]\s+l['’]|aux\s+)(?:obligations?|exigences?|r[èe]gles?)\b"
                   r"|\bskip\b|\bavoid\b|\bdo\s+without\b|\bdispense\s+with\b|\bopt\s+out\s+of\b|\bget\s+out\s+of\b"
                   r"|\bforgo\b|\bwaive\b)", re.I)


def modality(question: str) -> str:
    """"skip", "forbidden", "must", "may" or "plain" (no modal word), in that order of precedence."""
    for name, rx in (("skip", _SKIP), ("forbidden", _FORBIDDEN), ("must", _MUST), ("may", _MAY)):
        if rx.search(question):
            return name
    return "plain"


# A clause of time or condition opening the question and closed by a comma ("quand un patient
# exerce ses droits, le sous-traitant doit-il… ?", "when the contract ends, does…?"): its "quand" /
# "when" does not ask when; the question is what follows the comma.
_LEADING_CLAUSE = re.compile(r"^\s*(?:quand|lorsqu\w*|when|whenever|once|si|s['’]il|if)\b[^,?;:]*,\s*", re.I)


# A question asking when ("depuis quand", "à partir de quelle date", "since when", "by when").
_WHEN = re.compile(r"\b(?:depuis|à\s+partir\s+de|a\s+partir\s+de|jusqu['’]à|avant|dès)\s+(?:quand|quelle\s+date)\b|\bquand\b|\bà\s+quelle\s+date\b|\bquelle\s+(?:est\s+la\s+)?date\b|\bdate\s+limite\b|\béchéance\b"
                   r"|\b(?:since|from|by|until|as\s+of)\s+(?:when|what\s+date)\b|\bwhen\b|\bwhat\s+(?:is\s+the\s+)?date\b|\bdeadline\b", re.I)


def asks_when(question: str) -> bool:
    """A wh-question that asks when ("Depuis quand… ?", "From what date…?"); False for a yes/no
    question whose clause of time opens it ("quand un patient…, doit-il… ?")."""
    return not asks_yes_no(question) and bool(_WHEN.search(_LEADING_CLAUSE.sub("", question.strip(), count=1)))


def asks_yes_no(question: str) -> bool:
    """False for a question that asks who, when, how, how long, which ("qui contrôle… ?")."""
    return not _WH.search(_LEADING_CLAUSE.sub("", question.strip(), count=1))


def percent(question: str) -> float | None:
    m = _PERCENT.search(question)
    return float(m.group(1).replace(",", ".")) if m else None


def amount(question: str) -> float | None:
    """An amount in euros written in the question ("500 000 €", "4 millions d'euros", "3 M€", "€2m")."""
    m = _AMOUNT.search(question)
    if not m:
        return None
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    whole = m.group(0).lower()
    value = float(re.sub(r"[ .\u202f\u00a0](?=\d{3})", "", number).replace(",", "."))
    unit = (unit or "").lower()
    if unit.startswith(("md", "milliard")):
        return value * 1e9
    if unit.startswith("m") or "m€" in whole:
        return value * 1e6
    if unit == "k" or "k€" in whole:
        return value * 1e3
    return value


# -- matching --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Match:
    obligation: Obligation
    score: float


_VECTORS: dict[str, np.ndarray] = {}


def scores(question: str, embed) -> list[Match]:
    """Every obligation that answers the question's form and whose concepts the question holds,
    with its best cosine, best first (empty when `embed` gives no vector)."""
    form = "yes_no" if asks_yes_no(question) else "wh"
    candidates = [o for o in obligations() if form in o.raw.get("forms", FORMS) and o.concepts_hold(question)]
    if not candidates:
        return []
    q = _vector(question, embed, cache=False)
    if q is None:
        return []
    out = []
    for o in candidates:
        vectors = [v for v in (_vector(d, embed) for d in o.descriptions) if v is not None]
        if vectors:
            out.append(Match(o, max(float(q @ v) for v in vectors)))
    return sorted(out, key=lambda m: -m.score)


def answers_despite_provider(obligation: Obligation, question: str) -> bool:
    """Whether the obligation answers a question that names a provider instead of an eligibility
    verdict: its `named_provider` entry says so ("Le support de Scaleway peut-il accéder aux
    données depuis le Maroc ?" asks about remote access, not whether Scaleway may host them), and
    none of the entry's `unless` stems (a hosting action: "héberger", "stocker") is in the question."""
    rule = obligation.raw.get("named_provider")
    return bool(rule) and not (rule.get("unless") and groups_hold([rule["unless"]], question))


def match(question: str, embed, threshold: float = THRESHOLD) -> Match | None:
    """The obligation the question asks about, or None when no obligation is close enough."""
    return choose(scores(question, embed), threshold)


def choose(ranked: list[Match], threshold: float) -> Match | None:
    """The best match at or above `threshold`; a general obligation yields to a point of its text
    whose guard also holds (a duty listing it in `refines`: "un transfert pour se défendre en
    justice" is GDPR 49(1)(e), not the general transfer rule)."""
    close = [m for m in ranked if m.score >= threshold]
    refined = {r for m in close for r in m.obligation.raw.get("refines", ())}
    close = [m for m in close if m.obligation.id not in refined] or close
    return close[0] if close else None


def _vector(text: str, embed, cache: bool = True) -> np.ndarray | None:
    if cache and text in _VECTORS:
        return _VECTORS[text]
    try:
        v = np.asarray(embed(text), dtype=np.float32)
    except Exception:  # noqa: BLE001 - an index without an encoder (BM25 only): no vector, no match
        return None
    norm = float(np.linalg.norm(v))
    if not norm:
        return None
    v = v / norm
    if cache:
        _VECTORS[text] = v
    return v


# -- answering -------------------------------------------------------------------------------
# YAML reads a bare yes / no as a boolean: both spellings give the answer key.
_KEYS = {True: "yes", False: "no", "yes": "yes", "no": "no", "depends": "depends"}
_LEADING_WORD = re.compile(r"^(?:Oui|Non|Ça\s+dépend|Yes|No|It\s+depends)\s*[:,]\s*", re.I)


def answer_key(answers: dict, question: str) -> str | None:
    """The first word an entry's `answers` table gives the question's modality; "is it forbidden
    to…?" of an entry that only says what may be done is the opposite of its "may" (round 12: "Les
    ministères ont-ils l'interdiction de proposer… ?" of R12's permission is "no"); "can X skip…?"
    is the opposite of its "must" (round 14)."""
    mode = modality(question)
    if mode == "skip" and "skip" not in answers:  # "can X skip…?": the opposite of "must X…?"
        return {"yes": "no", "no": "yes", "depends": "depends"}.get(_KEYS.get(answers.get("must")))
    if mode == "forbidden" and "forbidden" not in answers:
        return {"yes": "no", "no": "yes"}.get(_KEYS.get(answers.get("may")))
    return _KEYS.get(answers.get(mode))


# Customer types a body of another type may also be (scope_rules.WHY "other": "un établissement
# public sous la tutelle de l'État doit vérifier s'il en fait partie"): a public health facility may
# be a body under State supervision, so a duty binding State operators is not ruled out for it.
_MAY_ALSO_BE = {"health_facility": ("state_operator",)}


@dataclass
class ObligationAnswer:
    key: str | None  # yes, no, depends; None: no first word
    why: str
    bases: list[Basis]
    missing: list[str]  # ids of missing_texts.yaml the answer must name


def _refinement(raw: dict, question: str, as_of: dt.date | None = None) -> dict | None:
    """The first `when` item whose concepts, percent and amount conditions all hold (and whose
    `from` day, when it has one, is not after `as_of`)."""
    for item in raw.get("when", []):
        if item.get("from") and as_of is not None and as_of < item["from"]:
            continue
        if not groups_hold(item.get("concepts", []), question):
            continue
        if "percent" in item and not _in_range(percent(question), item["percent"]):
            continue
        if "amount" in item and not _in_range(amount(question), item["amount"]):
            continue
        return item
    return None


def _in_range(value: float | None, bounds: dict) -> bool:
    if value is None:
        return False
    return ("above" not in bounds or value > bounds["above"]) and ("upto" not in bounds or value <= bounds["upto"])


def answer(ob: Obligation, question: str, as_of: dt.date, lang: str, customer: str | None = None,
           not_types: tuple = ()) -> ObligationAnswer:
    """The answer of obligation `ob` to `question` at `as_of` (see the module docstring). A
    question naming a body of a customer type the obligation does not bind (`customers`) gets
    "no" when it asks whether the body must (or plainly whether the duty applies to it), no first
    word otherwise or when the body may also be of a bound type (`_MAY_ALSO_BE`), and the reason
    starts with whom the obligation binds; unless the obligation says
    such a body may still be bound by a fact the question does not give (`others_depend_on`: a
    private company may be an operator of vital importance), which answers "depends" and says so.
    A body of unknown type whose legal nature rules out every type the obligation binds
    (`not_types`, entities.yaml: an EPCI is never the State) is answered as a body of another type."""
    raw = ob.raw
    version = ob.version(as_of)
    missing = [raw["missing"]] if raw.get("missing") else []
    if version is None:  # before the text (or after its end): say so, quote the text it became
        nearest = min(raw["versions"], key=lambda v: abs((v["from"] - as_of).days))
        first_from = min(v["from"] for v in raw["versions"])
        why = (raw.get("before") or {}).get(lang) if as_of < first_from else None
        before_key = None  # a first word only where the source dates the duty's start (`before.answers`)
        if why is None:
            why = {"fr": "À cette date, le texte qui fonde cette réponse n'était pas en vigueur (à partir du {d}).",
                   "en": "On that date the text this answer rests on was not in force (from {d})."}[lang].format(d=nearest["from"].isoformat())
        elif asks_yes_no(question) and not _NEGATED.search(re.split(r"[:;]", question)[-1]):
            before_key = _KEYS.get((raw["before"].get("answers") or {}).get(modality(question)))
        return ObligationAnswer(before_key, why, _bases(nearest["sources"]), missing + ([nearest["missing"]] if nearest.get("missing") else []))
    if version.get("missing"):
        missing.append(version["missing"])
    item = _refinement(raw, question, as_of) or {}
    answers = item["answers"] if "answers" in item else version.get("answers", raw.get("answers", {}))
    says = (item.get("says") or version["says"])[lang]
    key = None
    if asks_yes_no(question) and not _NEGATED.search(re.split(r"[:;]", question)[-1]):
        key = answer_key(answers, question)
    sources = list(item.get("sources") or version["sources"])  # a refinement may rest on the one sentence that settles it
    if item.get("first"):
        sources.insert(0, sources.pop(item["first"] - 1))
    why = _LEADING_WORD.sub("", says, count=1)
    why = why[:1].upper() + why[1:]
    if customer is None and not_types and raw.get("customers") and set(raw["customers"]) <= set(not_types):
        customer = "unbound"  # a body its legal nature keeps out of every type the obligation binds
    if customer is not None and raw.get("customers") and customer not in raw["customers"]:
        if raw.get("others_depend_on") and key is not None:  # another body may still qualify by a fact the question does not give
            said = _LEADING_WORD.sub("", raw["others_depend_on"][lang])
            return ObligationAnswer("depends", said[:1].upper() + said[1:] + " " + why, _bases(sources), missing)
        # a duty asked of a body it does not bind ("une mairie doit-elle demander l'avis de la DINUM ?"):
        # "no", unless that body may also be of a type it binds (a public health facility may be a
        # body under State supervision) or the question asks what it may do (not bound is not forbidden)
        maybe_bound = set(_MAY_ALSO_BE.get(customer, ())) & set(raw["customers"])
        mode = modality(question)
        key = ({"must": "no", "plain": "no", "skip": "yes"}.get(mode) if key is not None and not maybe_bound else None)
        why = {"fr": "Cette obligation vise {who} ; l'organisme de la question n'en fait pas partie. ",
               "en": "This obligation binds {who}; the body in the question is not one of them. "}[lang].format(
                   who=raw["applies_to"][lang]) + why
    return ObligationAnswer(key, why, _bases(sources), missing)


def _bases(sources: list[dict]) -> list[Basis]:
    return [Basis(doc_id=s["doc_id"], section="", quote=s["quote"], confidence=CONFIDENCE[s["basis"]]) for s in sources]
