"""`extract_claims(text)`: the hosting-eligibility assertions of a French or English text.

A claim is a sentence (or clause) that names a provider or offer (registry aliases, word
boundaries) and asserts that it may or may not host data ("peut héberger", "est conforme",
"n'est pas autorisé", "interdit", "cannot", "is allowed"...). One claim per provider named
("ni AWS ni Google ne peuvent..." gives two). Questions, hedges ("pourrait", "il semble",
"might", "it is unclear"...), conditionals ("si...", "if...") and sentences without such a
predicate give none. The data kinds, the customer type and a date in the sentence are
read with the lexicons of `assistant.checker.lexicon`. Each claim keeps its sentence
(`start`/`end`, `text`) and its own clause (`clause_start`/`clause_end`), both offsets into
the input: the two claims of "X est conforme pour les hôpitaux, mais pas pour les ministères"
share a sentence and have a clause each. An offer named beside its provider ("le Public Cloud
d'OVH") is the claim's offer; a provider named only as a technology's maker ("une technologie
Microsoft") is not a claim's subject (`mention_context`).

Rules first (regular expressions and lexicons over `data/claim_language.yaml`); a sentence
they read no claim in, which names a provider beside a data kind, a customer or a hosting
notion, is read by the polarity model of `claim_model` (a logistic regression over the
clause's sentence vector, weights shipped as data): wording no list holds ("is a
non-starter", "reste une impasse"); the same model may veto a rule claim it reads otherwise
(`claim_model.PolarityModel.vetoes`, threshold by cross-validation). Deterministic: the same text gives the same claims. It
does not check claims (`audit` does).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from assistant.checker.assertions import (bound_elsewhere, clause_polarities, clause_predicate, clauses, concessive_cut,
                                          default_language, elliptic, hedged_clauses, names_process, negations,
                                          non_assertion, opens_contrast, plain_fact, predicate, unlike_spans,
                                          verdict_follows)
from assistant.checker.claim_shapes import Answered, answer, answered, report_judgement, reported_from, taken_up
from assistant.checker.claim_model import NEUTRAL_NAME, NEVER, default_model, is_candidate, masked
from assistant.checker.dates import written_date
from assistant.checker.lexicon import DATA_PATTERNS
from assistant.checker.mention_context import (anaphor, compared, customer_words, makers, offer_beside, owners,
                                                possessive_offers, under_review)
from assistant.checker.registry import default_registry
from assistant.checker.vocabulary import find_customer, find_data  # noqa: F401  (moved; imported from here by callers)
from assistant.folding import fold, phrase_alternation

_I = re.IGNORECASE
MAX_MENTIONS_BOUND = 20  # provider mentions in one clause up to which each is bound to its own stretch


@dataclass
class Claim:
    text: str
    start: int
    end: int
    provider: str
    offer: str | None
    data: list[str]
    customer: str | None
    stated: str  # "eligible" or "not_eligible"
    as_of: dt.date | None = None
    facts: dict = field(default_factory=dict)
    clause_start: int | None = None  # the claim's own clause, offsets into the input
    clause_end: int | None = None

    def to_json(self) -> dict:
        out = asdict(self)
        out["as_of"] = self.as_of.isoformat() if self.as_of else None
        return out


# --- sentences -------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\w))+(?:[.!?]+|$)", re.M)
_ABBREV_JOIN = re.compile(r"\b(?:art|n°|cf|p|ex|M|Mme|Dr|St|vs|e\.g|i\.e)\.$", _I)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; does not split after 'art.', 'cf.', 'e.g.'."""
    spans: list[list[int]] = []
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        if spans and _ABBREV_JOIN.search(text[spans[-1][0]:spans[-1][1]]) and text[spans[-1][1]:s].strip() == "":
            spans[-1][1] = e
            continue
        spans.append([s, e])
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_topic(sentence: str) -> bool:
    """Whether a sentence is a topic put as a question, to be followed by its verdict ("Docaposte ?",
    "azure pour les donnees de sante de l'ehpad ?", "Microsoft 365 pour les courriels du ministère ?"):
    it ends on a question mark, names a provider, and without the mark asserts and asks nothing and
    has no predicate (a verbless noun phrase, not "AWS est-il conforme ?")."""
    bare = sentence.rstrip().rstrip("?").rstrip()
    return (sentence.rstrip().endswith("?") and len(bare.split()) <= 15 and bool(mentions(bare))
            and non_assertion(bare) is None and predicate(bare) is None)


def statements(text: str) -> list[tuple[int, int]]:
    """`sentences`, with a topic put as a question joined to the sentence after it when that one
    names no provider and asks nothing ("Docaposte ? Pas question pour les données du ministère.":
    one statement, the verdict on the topic)."""
    out: list[tuple[int, int]] = []
    for s, e in sentences(text):
        if out and _is_topic(text[out[-1][0]:out[-1][1]]) and not mentions(text[s:e]) and non_assertion(text[s:e]) is None:
            out[-1] = (out[-1][0], e)
            continue
        # round 21: a question answered by the next sentence ("… sur X ? Jamais de la vie."): one statement
        if out and text[out[-1][0]:out[-1][1]].rstrip().endswith("?") and not mentions(text[s:e]) \
                and answer(text[s:e]) is not None:
            out[-1] = (out[-1][0], e)
            continue
        out.append((s, e))
    return out


# --- providers -------------------------------------------------------------------------------

# Words after which an ordinary word is a product's name ("passer sur teams", "use outlook").
_USE_WORDS = r"sur|via|dans|vers|avec|à|sous|utiliser|utilise|utilisent|on|onto|into|to|use|uses|using|with"
# Words after which an ordinary word is a product's name ("outlook en ligne", "teams online").
_PRODUCT_QUALIFIERS = r"en\s+ligne|online|web|mobile"


def _alias_patterns():
    """(regex, provider, offer) longest aliases first; 'Bleu' only as a proper noun."""
    from assistant.checker.nicknames import is_ordinary_word, nickname_aliases

    items = []
    registry = default_registry().aliases()
    nicknames = {a: po for a, po in nickname_aliases().items() if a not in registry}
    for alias, (provider, offer) in {**registry, **nicknames}.items():
        if alias.casefold() == "bleu":
            continue
        body = phrase_alternation([alias], either_number=False)  # any accent, apostrophe, blank or hyphen (folding.py)
        key = fold(alias.split()[0]).split("'")[0]  # a match needs its first word: a cheap filter before the regex
        if alias in nicknames and " " not in alias and is_ordinary_word(alias):
            # also an ordinary word ("our teams", "an outlook"): the proper noun, the word after a word
            # of use, or the word before a product's qualifier ("outlook en ligne", "teams online")
            rx = re.compile(rf"(?<![\w-])(?:(?P<name>{body})|(?i:{_USE_WORDS})\s+(?P<used>(?i:{body}))(?!\s+(?i:of|de|du|des|d['’])\b)"
                            rf"|(?i:{body})(?=\s+(?i:{_PRODUCT_QUALIFIERS})\b))(?![\w-])")
        else:
            rx = re.compile(rf"(?<![\w-]){body}(?![\w-])", _I)
        items.append((len(alias), rx, provider, offer, key))
    # Bleu: the capitalised proper noun (not the colour), or after offre/consortium/cloud.
    bleu = re.compile(r"(?:\b(?:offre|consortium|cloud|projet)\s+(?:«\s*)?[Bb]leu\b|(?<![\w-])(?<!drapeau\s)Bleu\b(?!\s*,\s*blanc)|«\s*Bleu\s*»)")
    items.append((4, bleu, "Bleu", None, "bleu"))
    items.sort(key=lambda x: -x[0])
    return [(rx, p, o, key) for _, rx, p, o, key in items]


_PATTERNS = None


def mentions(sentence: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, provider, offer) of each provider/offer mention, longest alias wins."""
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _alias_patterns()
    taken: list[tuple[int, int, str, str | None]] = []
    # one byte per character, set where a longer alias already matched: the overlap test is
    # a scan of the match's own span, not of every earlier mention (a long text of provider
    # names made the old pairwise test quadratic)
    occupied = bytearray(len(sentence))
    lowered = fold(sentence)
    for rx, provider, offer, key in _PATTERNS:
        if key not in lowered:
            continue
        for m in rx.finditer(sentence):
            s, e = m.span("used") if "used" in rx.groupindex and m["used"] else m.span()
            if occupied.find(1, s, e) != -1:
                continue
            occupied[s:e] = b"\x01" * (e - s)
            taken.append((s, e, provider, offer))
    return sorted(taken)


# --- data, customer, date --------------------------------------------------------------------


def find_date(sentence: str, default: dt.date | None) -> dt.date | None:
    """A date stated in the sentence; a month or year gives `default` if inside it, else its last day."""
    written = written_date(sentence)
    if written is None:
        return default
    period = written[0]
    if period.precision == "day":
        return period.first
    return default if default and period.first <= default <= period.last else period.last


# --- the extractor ---------------------------------------------------------------------------

def _clause_data(clause: str, several: bool):
    """The data kinds a clause names itself (only read when the sentence has several clauses)."""
    if several and any(DATA_PATTERNS[k].search(clause) for k in ("health", "sensitive", "personal")):
        return find_data(clause)[0]
    return None


def subjects(sentence: str) -> list[tuple[int, int, str, str | None]]:
    """The sentence's provider mentions that may be a claim's subject, each with the offer
    named beside it; a technology's maker beside another provider, and the owners an apposition
    names ("S3NS, la filiale commune de Thales et de Google, …"), are left out. A sentence
    naming no provider exactly may name one approximately ("Azur"): a capitalised word close
    to a one-word name (`nicknames.approximate`, the answer service's "compris : Azure")."""
    from assistant.checker.nicknames import approximate

    found = mentions(sentence) or [(a.start, a.end, a.provider, a.offer) for a in approximate(sentence)
                                   if a.word[:1].isupper()]
    aside = makers(sentence, found) | owners(sentence, found)
    return [(ms, me, provider, offer_beside(sentence, (ms, me, provider, offer)))
            for i, (ms, me, provider, offer) in enumerate(found) if i not in aside]


def _concessive_contrast(sentence: str) -> list[tuple[int, int]] | None:
    """The two halves of "Si X reste autorisé pour un CHU, il est exclu pour le HDH" when they
    assert opposite polarities for different customers, data or providers ("Si PREMI3NS est admis
    …, Google Cloud Platform en demeure exclu"); else None (a conditional)."""
    cut = concessive_cut(sentence)
    if cut is None:
        return None
    halves = [(0, cut), (cut, len(sentence))]
    first, second = clause_polarities(sentence, halves)
    if not (first and second and first != second):
        return None
    customers = [find_customer(sentence[a:b]) for a, b in halves]
    data = [_clause_data(sentence[a:b], True) for a, b in halves]
    named = [{p for _s, _e, p, _o in mentions(sentence[a:b])} for a, b in halves]
    differ = ((customers[1] and customers[0] != customers[1]) or (data[1] and data[0] != data[1])
              or (named[0] and named[1] and not named[0] & named[1]))
    return halves if differ else None


def _distinct(found) -> list[Claim]:
    """The claims of one sentence without repeats (same provider, offer, polarity, customer and
    data): "Office 365 : interdit dans les ministères" is one claim, not one per clause; a
    provider's claim without an offer beside the same claim on one of its offers is a repeat."""
    out: dict[tuple, Claim] = {}
    for c in found:
        out.setdefault((c.provider, c.offer, c.stated, c.customer, tuple(c.data)), c)
    # "the Bare Metal Pod from OVHcloud is …": the provider's bare name beside its offer adds nothing
    named = {(c.provider, c.stated, c.customer, tuple(c.data)) for c in out.values() if c.offer}
    return [c for c in out.values() if c.offer or (c.provider, c.stated, c.customer, tuple(c.data)) not in named]


def _clause_spans(sentence: str) -> list[tuple[int, int]] | None:
    """The sentence's clauses when it may assert, else None (question, conditional,
    recommendation...); the conditional mood alone ("serait une faute") is left to the model
    (`extract_claims`). A hedge holds only in its own clause: "Scaleway est certifié HDS,
    mais pourrait perdre son certificat" keeps its first clause (`hedged_clauses`), but not the
    topic of a hedge after a colon ("NumSpot pour le ministère : à confirmer")."""
    kind = non_assertion(sentence)
    if kind is None:
        return clauses(sentence)
    if kind in ("hedge", "hearsay"):
        spans = hedged_clauses(sentence)
        kept = [(a, b) for i, (a, b) in enumerate(spans) if not non_assertion(sentence[a:b])
                and not (_topic(sentence, spans, i) and non_assertion(sentence[slice(*spans[i + 1])]))]
        return kept or None
    if kind == "mood":
        return clauses(sentence)
    return _concessive_contrast(sentence) if kind == "conditional" else None


def _cover(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """`spans` with the gaps between them (and before and after) as spans of their own, in order,
    covering 0..size."""
    out, at = [], 0
    for a, b in sorted(spans):
        if a > at:
            out.append((at, a))
        out.append((a, b))
        at = b
    return out + ([(at, size)] if at < size else [])


def _inherited_turned(sentence: str, spans, clause_pol: list, found, model) -> list:
    """The clause polarities with those the rules only inherited corrected by the model: a clause
    with no predicate and no negation of its own takes the class of the clause before it (the
    first clause: of the one after), "X a été validé pour la clinique, mais refusé par le
    ministère" ("refusé" is in no list), "La région a adopté X, mais a écarté Y" ("adopté"
    neither); the model, reading the clause with provider names masked, turns it when it gives
    the other polarity. A clause that says nothing besides its names ("Office 365 : interdit …":
    no data, customer or hosting notion of its own) keeps the inherited polarity, unless it opens
    on a contrast and names another provider than the clause before ("Cloud Temple répond aux
    exigences, tandis qu'AWS en reste loin": the contrast is between the two providers). A clause
    before a colon is the topic of the verdict after it and is not turned (`_topic`)."""
    out = list(clause_pol)
    if len(spans) < 2:
        return out
    for i, (a, b) in enumerate(spans):
        clause = sentence[a:b]
        names = [(ms - a, me - a) for ms, me, _p, _o in found if a <= ms < b]
        rest = masked(clause, names).replace(NEUTRAL_NAME, " ")  # what the clause says besides its names
        if (out[i] is None or clause_predicate(sentence, spans, i) is not None or negations(clause)
                or _topic(sentence, spans, i)):
            continue
        if not is_candidate(rest, find_data(rest)[0], find_customer(rest)) and not _other_subject(i, spans, found, clause):
            continue
        pol = (model or default_model()).polarity(masked(clause, names))
        if pol is not None and pol != out[i]:
            out[i] = pol
    return out


def _topic(sentence: str, spans, i: int) -> bool:
    """Whether clause `i` is the topic of a verdict given after a colon ("Stocker les dossiers
    du CHU chez AWS : à éviter") or in a bracket that opens on a verdict (round 17: "… vers Azure
    (non conforme à la doctrine)"): it has no polarity of its own to turn (`verdict_follows`)."""
    return verdict_follows(sentence, spans, i)


def _other_subject(i: int, spans, found, clause: str) -> bool:
    """Whether clause `i` opens on a contrast and names a provider, or an offer, the clause
    before does not ("…, tandis qu'AWS en reste loin", "…, alors que son Public Cloud a été
    refusé")."""
    if i == 0 or not _names_in(found, spans[i]) or not opens_contrast(clause):
        return False
    return bool({(p, o) for _s, _e, p, o in _names_in(found, spans[i])}
                - {(p, o) for _s, _e, p, o in _names_in(found, spans[i - 1])})


def _names_in(found, span) -> list:
    """The mentions of `found` that fall inside `span`."""
    a, b = span
    return [m for m in found if a <= m[0] < b]


def _elliptic(clause: str, before: str, model) -> str | None:
    """The polarity of a clause without a predicate of its own after a clause read `before`:
    its own negation turns it ("..., though not for ministries"), else the model reads it
    ("..., mais refusé par le ministère": a predicate no list holds)."""
    if predicate(clause) is None and negations(clause) % 2:
        return "not_eligible" if before == "eligible" else "eligible"
    return model.polarity(clause)


def _model_readings(sentence: str, spans: list[tuple[int, int]], found, model) -> list[tuple]:
    """(provider, offer, polarity, span, clause index) for a sentence the rules read no claim in:
    each clause naming a provider is scored by the polarity model (provider names masked); a
    clause naming none after a claim clause ("..., though not for a ministry's data") states its
    own polarity for that clause's providers when it names its own customer or data and the
    model gives it the other polarity. A mention set apart by "contrairement à" / "unlike" gets
    the opposite polarity. A negation dated as a state of things in a clause without a predicate
    ("Le ministère n'utilise pas encore X", "We have not moved to X so far") is a plain fact,
    not a refusal (`plain_fact`)."""
    unlike = unlike_spans(sentence)
    out: list[tuple] = []
    last: tuple[int, str, list] | None = None  # the last claim clause: index, polarity, mentions
    for i, (a, b) in enumerate(spans):
        inside = [m for m in found if a <= m[0] < b]
        if inside:
            pol = model.polarity(masked(sentence[a:b], [(ms - a, me - a) for ms, me, _p, _o in inside]))
            if pol == "not_eligible" and plain_fact(sentence[a:b]):
                pol = None
            if pol is None:
                last = None
                continue
            for ms, _me, provider, offer in inside:
                apart = next(((x, y) for x, y in unlike if x <= ms < y), None)
                flipped = ("not_eligible" if pol == "eligible" else "eligible") if apart else pol
                out.append((provider, offer, flipped, apart or (a, b), i))
            last = (i, pol, inside)
        elif last is not None:
            own = find_customer(sentence[a:b]) or _clause_data(sentence[a:b], True)
            pol = _elliptic(sentence[a:b], last[1], model) if own else None
            if pol is not None and pol != last[1]:
                out.extend((provider, offer, pol, (a, b), i) for _ms, _me, provider, offer in last[2])
    return out


def _veto(sentence: str, found, model):
    """`vetoed(span, stated)`: whether the polarity model, reading the clause `span` with its
    provider names masked, vetoes the rules' reading `stated` (`PolarityModel.vetoes`). Only a
    clause with a predicate of its own is put to the model: an elliptic one ("…, mais pas pour
    les ministères") says too little for it. Each clause is read once."""
    memo: dict[tuple, bool] = {}

    def vetoed(span: tuple[int, int], stated: str) -> bool:
        a, b = span
        if model.veto > 1.0 or predicate(sentence[a:b]) is None:
            return False
        if (span, stated) not in memo:
            names = [(ms - a, me - a) for ms, me, _p, _o in found if a <= ms < b]
            memo[(span, stated)] = model.vetoes(masked(sentence[a:b], names), stated)
        return memo[(span, stated)]
    return vetoed


def _overruled(sentence: str, found, model):
    """`turned(span, stated)`: the polarity the model gives the clause `span` (provider names
    masked) instead of the rules' `stated` when it reads the other one at least at its `overrule`
    threshold (`PolarityModel.overrules`), else `stated`. As for the veto, only a clause with a
    predicate of its own is put to the model; a model without the setting never overrules."""
    memo: dict[tuple, str] = {}

    def turned(span: tuple[int, int], stated: str) -> str:
        a, b = span
        if getattr(model, "overrule", NEVER) > 1.0 or predicate(sentence[a:b]) is None:
            return stated
        if (span, stated) not in memo:
            names = [(ms - a, me - a) for ms, me, _p, _o in found if a <= ms < b]
            memo[(span, stated)] = model.overrules(masked(sentence[a:b], names), stated) or stated
        return memo[(span, stated)]
    return turned


# Round 20, structural (no word class): a label stated as a state of a past named by a year ("En 2021, Oodrive
# figurait parmi les trois hébergeurs qualifiés", "En 2021, X fut le premier à décrocher la qualification", "In 2020 X
# was among the certified hosts") tells what was then; with no use, no customer and no data of its own it states no
# verdict on what may be hosted now. Each condition is written in the grammar, not in words: a label noun or
# participle, a year, a finite verb in a past tense (the French imperfect and passé simple by their endings, "was",
# "were", "had"), and nothing else the reader would take as the object of a verdict. Measured on every folder's 365
# sentences with a label word (docs/claim-reader.md, Round 20): 3 rows gained, none lost; the label-only rule without
# the year and the tense lost 48 (the sets read "X est qualifié SecNumCloud" as a claim).
_LABEL = re.compile(r"\b(?:(?:qualifi|certifi|labell?is)\w*|labels?|certificats?|certificates?|"
                    r"SecNumCloud(?:\s+\d(?:\.\d)?)?|HDS)\b", re.IGNORECASE)
_HOSTS = re.compile(r"\bh[ée]bergeurs?\b|\bhosting\s+providers?\b", re.IGNORECASE)  # a noun, not the verb of use
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_PAST = re.compile(r"\b(?!\w*(?:fait|trait|souhait|lait)\b)\w{2,}(?:ait|aient)\b|\b(?:fut|furent|was|were|had)\b",
                   re.IGNORECASE)


def past_label_fact(sentence: str, found: list | None = None) -> bool:
    """Whether the sentence only states a label held or won in a past named by a year (see above): a label word, a
    year, a finite verb in a past tense, and, with the provider and offer names (`found`, else `subjects`), the
    label words and the noun "hébergeur" / "hosting provider" set aside, no verb of use, no customer and no data
    kind. Not a present state with a date ("X est qualifié SecNumCloud depuis 2021" is a claim), not a past use
    ("En 2021, le CHU hébergeait ses dossiers chez X": a verb of use, the rules read it)."""
    if not (_LABEL.search(sentence) and _YEAR.search(sentence) and _PAST.search(sentence)):
        return False
    rest = masked(sentence, [(s, e) for s, e, _p, _o in (subjects(sentence) if found is None else found)])
    rest = _LABEL.sub(" ", _HOSTS.sub(" ", rest.replace(NEUTRAL_NAME, " ")))
    return not (default_language().fact_verb.search(rest) or find_customer(rest) or find_data(rest)[0])


def _shifted(found: list[Claim], by: int, turn: bool) -> list[Claim]:
    """Claims read in a stretch of a text, with offsets into the text (`by`: the stretch's start), turned if asked."""
    out = []
    for c in found:
        stated = ("not_eligible" if c.stated == "eligible" else "eligible") if turn else c.stated
        out.append(Claim(**{**c.__dict__, "stated": stated, "start": c.start + by, "end": c.end + by,
                            "clause_start": None if c.clause_start is None else c.clause_start + by,
                            "clause_end": None if c.clause_end is None else c.clause_end + by}))
    return out


def _topic_taken_up(sentence: str) -> Answered | None:
    """Round 22: a statement joined from a topic put as a question and a sentence taking it up by a pronoun object of
    a modal ("AWS Cloud? The operator of the State may not touch it for …"; `claim_shapes.taken_up`), when the
    rules read no verdict in that sentence: the topic and the sentence's verdict."""
    q = sentence.find("?")
    if q <= 0 or not _is_topic(sentence[:q + 1]):
        return None
    after = sentence[q + 1:]
    spans = _clause_spans(after)
    if not spans or any(clause_polarities(after, spans)):
        return None
    stated = taken_up(after)
    return Answered((0, q), stated) if stated else None


def _shape_claims(text: str, s: int, e: int, as_of, model) -> list[Claim] | None:
    """Round 21: the claims of a statement read by its shape (`claim_shapes`), or None when it has none the rules do
    not already read. A report judged by its writer: the report alone, turned when rejected. An answered question or
    a filled verdict slot: one claim per provider named before the answer (the answer decides: "Verdict on X: no")."""
    sentence = text[s:e]
    judged = report_judgement(sentence)
    if judged:
        cut, kind = judged
        head = extract_claims(sentence[:cut], as_of, model)
        if not head:  # a report at a distance ("affirme que", "claims that") the writer takes a side on: its content
            start = reported_from(sentence[:cut])
            head = [] if start is None else _shifted(extract_claims(sentence[start:cut], as_of, model), start, False)
            head = [Claim(**{**c.__dict__, "text": sentence[:cut], "start": 0, "end": cut}) for c in head]
        return _shifted(head, s, kind == "rejected") if head else None
    shaped = answered(sentence) or _topic_taken_up(sentence)
    if shaped is None:
        return None
    a, b = shaped.topic
    found = [m for m in subjects(sentence) if a <= m[0] < b]
    if not found:
        return None
    found = sorted(found + possessive_offers(sentence, [(a, b)], found))
    data, facts = find_data(sentence)
    customer = find_customer(customer_words(sentence, found))
    when = find_date(sentence, as_of)
    return list(_distinct(Claim(text=sentence, start=s, end=e, provider=p, offer=o, data=list(data), customer=customer,
                                stated=shaped.stated, as_of=when, facts=dict(facts), clause_start=s, clause_end=e)
                          for _ms, _me, p, o in found))


def extract_claims(text: str, as_of: dt.date | None = None, model=None) -> list[Claim]:
    """Every hosting-eligibility claim of `text` (offsets point into `text`). The rules of
    `assertions` read each sentence first; a sentence they read no claim in, that names a
    provider and a data kind, customer or hosting notion, is read by the polarity model
    (`claim_model`; `model`: another `PolarityModel`, e.g. one fitted on other folds). A statement with a shape of
    `claim_shapes` (answered question, verdict slot, judged report) is read by it first."""
    claims: list[Claim] = []
    # the subjects of the statement just before, for a pronoun ("Il ne peut pas ..."): round 19 (fresh10's tune part:
    # "Nous avons étudié Google Workspace pour la préfecture. Il n'est pas conforme pour …", "We reviewed Cloud
    # Avenue last week. It is not compliant …") also of a statement that asserts no eligibility itself but puts
    # its provider under review (`under_review`); a question or a hedge still cuts it
    before: list = []
    for s, e in statements(text or ""):
        sentence = text[s:e]
        shaped = _shape_claims(text, s, e, as_of, model)
        if shaped is not None:
            claims.extend(shaped)
            before = []
            continue
        spans = _clause_spans(sentence)
        if not spans:
            before = []
            continue
        clause_pol = clause_polarities(sentence, spans)
        found = subjects(sentence) or (anaphor(sentence, before) if any(clause_pol) else [])
        found = sorted(found + possessive_offers(sentence, spans, found))
        before = found if any(clause_pol) or under_review(sentence) else []
        if not found:
            continue
        if past_label_fact(sentence, found):
            before = []
            continue
        # round 16: the standard of a comparison ("Bleu, plus sûr que Microsoft 365, est retenu …") is read
        # like every mention (the polarity model's clauses stay as it was fitted on) but gets no claim
        standard = compared(sentence, found)
        standard = ({found[i][2] for i in standard}
                    - {p for j, (_s, _e, p, _o) in enumerate(found) if j not in standard})
        unlike = unlike_spans(sentence)
        data, facts = find_data(sentence)
        own_words = customer_words(sentence, found)  # without the providers' own regions and owners
        # the customer of the clauses read (a hedged clause set aside names none: "X est retenu pour la
        # préfecture ; la DSI hésite encore sur Y pour la mairie")
        customer = find_customer("".join(own_words[a:b] if (a, b) in spans else " " * (b - a)
                                         for a, b in _cover(spans, len(sentence))))
        when = find_date(sentence, as_of)
        clause_customer = [find_customer(own_words[a:b]) for a, b in spans]
        clause_data = [_clause_data(sentence[a:b], len(spans) > 1) for a, b in spans]

        def claim(provider, offer, stated, own_data, own_customer, span):
            a, b = span
            while a < b and not (sentence[a].isalnum() or sentence[a] in "«\"'’("):
                a += 1
            return Claim(text=sentence, start=s, end=e, provider=provider, offer=offer, data=list(own_data),
                         customer=own_customer, stated=stated, as_of=when, facts=dict(facts),
                         clause_start=s + a, clause_end=s + b)

        if non_assertion(sentence) == "mood":
            # a judgment on an action in the conditional mood: a predicate the rules know decides its
            # clause ("Using X for … would breach the doctrine"); the model reads the others
            clause_pol = [pol if predicate(sentence[a:b]) is not None else None
                          for pol, (a, b) in zip(clause_pol, spans)]
        clause_pol = _inherited_turned(sentence, spans, clause_pol, found, model)
        if not any(clause_pol):
            if not is_candidate(sentence, data, customer) or names_process(sentence):
                continue  # round 13: a qualification under way ("en cours de qualification") states no eligibility
            readings = _model_readings(sentence, spans, found, model or default_model())
            before = found if readings or under_review(sentence) else []
            claims.extend(_distinct(
                claim(provider, offer, pol, clause_data[i] or data,
                      clause_customer[i] if len(spans) > 1 and clause_customer[i] else customer, span)
                for provider, offer, pol, span, i in readings if provider not in standard))
            continue
        vetoed = _veto(sentence, found, model or default_model())
        overruled = _overruled(sentence, found, model or default_model())
        seen: dict[str, Claim] = {}
        # which mention a predicate belongs to, in prose-sized clauses (a pasted list of
        # hundreds of names keeps the clause's reading: the test is per mention)
        in_clause = [[(o, p) for o, _e, p, _o in found if a <= o < b] for a, b in spans]
        preds = [predicate(sentence[a:b]) if 1 < len(m) <= MAX_MENTIONS_BOUND else None
                 for (a, b), m in zip(spans, in_clause)]
        for ms, _me, provider, offer in found:
            i = next((i for i, (a, b) in enumerate(spans) if a <= ms < b), None)
            pol = clause_pol[i] if i is not None else None
            if pol is None:
                continue
            span = spans[i]
            if _topic(sentence, spans, i) and predicate(sentence[span[0]:span[1]]) is None:
                span = (span[0], spans[i + 1][1])  # a topic and its verdict after the colon: one clause
            apart = next(((a, b) for a, b in unlike if a <= ms < b), None)
            others = [o - span[0] for o, p in in_clause[i] if p != provider] if preds[i] else []
            if not apart and others and bound_elsewhere(sentence[span[0]:span[1]], ms - span[0], others, preds[i]):
                continue
            if apart:
                pol = "not_eligible" if pol == "eligible" else "eligible"
                span = apart
            elif vetoed(span, pol):
                continue
            else:
                pol = overruled(span, pol)
            # customer and data: the clause's own, else the sentence's (a contrast clause
            # "alors qu'AWS ne l'est pas" inherits the main clause's customer)
            own_customer = clause_customer[i] if len(spans) > 1 and clause_customer[i] else customer
            own_data = clause_data[i] or data
            key = provider if offer is None or all(c.offer in (None, offer) for c in seen.values() if c.provider == provider) \
                else f"{provider}/{offer}"  # two offers of one provider ("son Public Cloud") are two claims
            if key in seen and (seen[key].offer is not None or offer is None) and seen[key].stated == pol:
                continue
            seen[key if key not in seen or seen[key].stated == pol else f"{key}#{ms}"] = claim(
                provider, offer, pol, own_data, own_customer, span)
        # A contrast clause without a provider ("..., mais pas pour les ministères", "but not for
        # health data") states its own polarity for the providers of the clause before it, for its
        # own customer or data; so does one with its own predicate and the other polarity
        # ("X est certifié HDS mais non qualifié SecNumCloud"), or opening on a bare negation and
        # a preposition (", not for its social services records": an object the lexicons miss).
        for i, (a, b) in enumerate(spans):
            if i == 0 or any(a <= ms < b for ms, _, _, _ in found) or clause_pol[i] is None:
                continue
            new_customer = clause_customer[i] and clause_customer[i] != clause_customer[i - 1]
            new_data = clause_data[i] and clause_data[i] != clause_data[i - 1]
            turned = clause_pol[i] != clause_pol[i - 1] and (predicate(sentence[a:b]) is not None
                                                             or elliptic(sentence[a:b]))
            if not (new_customer or new_data or turned):
                continue
            # the providers of the nearest clause before that names some ("Oodrive: fine for the
            # hospitals, not for the ministries": the topic before the colon)
            named = [j for j in range(i - 1, -1, -1) if any(spans[j][0] <= ms < spans[j][1] for ms, _, _, _ in found)]
            pa, pb = spans[named[0]] if named else spans[i - 1]
            if vetoed((a, b), clause_pol[i]):
                continue
            for ms, _me, provider, offer in found:
                if pa <= ms < pb:
                    seen[f"{provider}@{i}"] = claim(
                        provider, offer, clause_pol[i], clause_data[i] if new_data else (clause_data[i - 1] or data),
                        clause_customer[i] if new_customer else (clause_customer[i - 1] or customer), (a, b))
        claims.extend(_distinct(c for c in seen.values() if c.provider not in standard))
    return claims
