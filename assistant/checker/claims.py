"""`extract_claims(text)`: the hosting-eligibility assertions of a French or English text.

A claim is a sentence (or clause) that names a provider or offer (registry aliases, word
boundaries) and asserts that it may or may not host data ("peut héberger", "est conforme",
"n'est pas autorisé", "interdit", "cannot", "is allowed"...). One claim per provider named
("ni AWS ni Google ne peuvent..." gives two). Questions, hedges ("pourrait", "il semble",
"might", "it is unclear"...), conditionals ("si...", "if...") and sentences without such a
predicate give none. The data kinds, the customer type and a date in the sentence are
read with the lexicons of `assistant.checker.lexicon`.

Deterministic (regular expressions and lexicons, no model). It does not check claims
(`audit` does).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from assistant.checker.dates import written_date
from assistant.checker.lexicon import DATA_PATTERNS
from assistant.checker.registry import default_registry
from assistant.checker.vocabulary import find_customer, find_data  # noqa: F401  (moved; imported from here by callers)

_I = re.IGNORECASE


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


# --- what makes a sentence an assertion ------------------------------------------------------

_QUESTION = re.compile(
    r"\?\s*$|^\s*(?:est-ce\s+que?|peut-on|pourquoi|comment|quel(?:le)?s?|qui|où|can|could|is|are|does|do|may|should|will|which|what|why|how)\b", _I)
_HEDGE = re.compile(
    r"\b(?:pourrai(?:t|ent)|pourra(?:it)?|il\s+semble(?:rait)?|semble(?:nt|rait)?|semblerai(?:t|ent)|peut-être|peut\s+être\s+que"
    r"|probablement|sans\s+doute|éventuellement|apparemment|il\s+est\s+possible|il\s+se\s+peut|serai(?:t|ent)|devrai(?:t|ent)"
    r"|(?:je|nous)\s+(?:crois|pense|pensons|croyons|suppose)|pas\s+(?:sûr|certain|clair)|on\s+ne\s+sait\s+pas|reste\s+à\s+(?:voir|confirmer)"
    r"|might|maybe|perhaps|possibly|probably|apparently|reportedly|supposedly|unclear|not\s+sure|not\s+clear|seems?|would|could"
    r"|it\s+is\s+(?:said|rumou?red)|allegedly|aurait|auraient|(?:we|I)\s+(?:believe|think|expect|assume)|will\s+be\s+able|pourra|sera)\b", _I)
_CONDITIONAL = re.compile(r"^\s*(?:si|s['’]il|s['’]ils|if|unless|à\s+condition|provided\s+that|dès\s+que|lorsque|when)\b", _I)

_NEG = re.compile(
    r"\bne\s+(?:peu(?:t|vent)|pouvai(?:t|ent)|pourr?(?:a|ont))\b|\bn['’]\s*(?:est|sont|a|ont)\s+(?:pas|plus|jamais|aucunement)\b|\bne\s+(?:sont|respecte(?:nt)?|remplit|remplissent|satisfai(?:t|ont)|peut|doit|doivent)\s+(?:pas|plus)\b"
    r"|\bn['’]\s*(?:est|sont)\s+(?:pas|plus)\b|\binterdit(?:e|es|s)?\b|\binterdiction\b|\bproscrit\w*|\bexclu(?:e|es|s)?\b|\bpersona\s+non\s+grata\b"
    r"|\bà\s+(?:proscrire|éviter|bannir)\b|\bdéconseillée?s?\b|\b(?:should\s+be|to\s+be)\s+avoided\b|\boff\s+the\s+table\b|\bno[\s-]go\b"
    r"|\bnon[\s-](?:conforme|éligible|autorisé|qualifié|certifié)\w*|\bpas\s+(?:conforme|éligible|autorisé|qualifié)\w*|\bfaire\s+une\s+croix\b"
    r"|\bcannot\b|\bcan['’]?t\b|\bcan\s+not\b|\bno\s+(?:\w+\s+){1,3}(?:can|may|is\s+allowed\s+to|is\s+permitted\s+to)\s+(?:\w+\s+)?(?:host|store|use|entrust|put|rely)\b|\b(?:is|are|was|were)\s*n['’]?o?t\s+(?:SecNumCloud\s+|HDS\s+)?(?:allowed|permitted|compliant|eligible|authori[sz]ed|qualified|certified|suitable|an?\s+option)"
    r"|\bisn['’]t\b|\baren['’]t\b|\bnot\s+(?:allowed|permitted|compliant|eligible)\b|\bforbidden\b|\bprohibited\b|\bbanned\b|\bruled\s+out\b"
    r"|\bmay\s+not\b|\bmust\s+not\b|\bmustn['’]t\b|\bneither\b.*\bnor\b|\bni\b.+\bni\b.+\bne\b|\baucun\w*\b.*\bne\s+(?:peu|sont|est)", _I)
_POS = re.compile(
    r"\bp(?:eu(?:t|vent)|ouvai(?:t|ent))\s+(?:\w+\s+){0,2}?(?:héberger|accueillir|stocker|utiliser|recourir|confier|choisir|retenir|migrer|être\s+(?:utilisé|retenu|choisi|hébergé)\w*|servir)"
    r"|\b(?:est|sont|reste|restent|demeure)\s+(?:\w+\s+){0,2}?(?:conformes?|autorisée?s?|qualifiée?s?|éligibles?|certifiée?s?|compatibles?|permise?s?|adaptée?s?|acceptables?|habilitée?s?|agréée?s?)"
    r"|\b(?:respecte(?:nt)?|satisfai(?:t|ont)|remplit|remplissent|répond(?:ent)?\s+aux?)\b|\ba\s+le\s+droit\b|\bpermet(?:tent)?\s+d['’]héberger"
    r"|\bcan\s+(?:\w+\s+){0,2}?(?:host|store|use|rely|be\s+used)|\bmay\s+(?:\w+\s+)?(?:host|store|use|be\s+used)"
    r"|\b(?:is|are)\s+(?:\w+\s+){0,2}?(?:allowed|permitted|compliant|eligible|authori[sz]ed|qualified|certified|suitable|approved|an?\s+option)"
    r"|\bcomplies\b|\bcomply\b|\bmeets?\s+the\b|\bis\s+fine\b|\bhas\s+the\s+right\b|\bheberge\b|\bhéberge(?:nt)?\s+(?:légalement|valablement)", _I)
_UNLIKE = re.compile(r"\b(?:contrairement\s+(?:à|aux?)|à\s+la\s+différence\s+d[eu']|unlike|as\s+opposed\s+to)\s+([^,;]+)", _I)
_CLAUSE_SPLIT = re.compile(r",?\s+(?:mais|alors\s+que|tandis\s+que|but|whereas|while)\b|;", _I)
_BARE_NEG = re.compile(r"\b(?:pas|non|not|no|jamais|never)\b", _I)


# "n'est pas interdit", "rien n'interdit", "nothing prevents": a negated prohibition allows.
_DOUBLE_NEG = re.compile(
    r"\bn['’]\s*(?:est|sont)\s+(?:pas|nullement|aucunement)\s+(?:interdite?s?|proscrite?s?|impossible|exclue?s?|prohibée?s?)"
    r"|\brien\s+n['’]\s*(?:interdit|empêche|s['’]oppose)|\baucun\s+texte\s+n['’]\s*interdit|\bne\s+(?:sont|est)\s+pas\s+interdite?s?"
    r"|\b(?:is|are|was|were)\s*(?:not|n['’]t)\s+(?:forbidden|prohibited|banned|ruled\s+out|illegal)|\bnothing\s+(?:prevents|forbids|prohibits|stops)", _I)
# Indicative and evaluative statements: "héberge en toute conformité", "convenait parfaitement à".
_POS_PROSE = re.compile(
    r"\bhéberge(?:nt|ait|aient)?\s+(?:\w+\s+){0,1}?(?:en\s+toute\s+conformité|légalement|valablement|conformément)"
    r"|\bconv(?:ient|iennent|enait|enaient)\s+(?:\w+\s+)?(?:parfaitement|tout\s+à\s+fait|pleinement|bien)?\s*(?:à|aux?|pour)\b"
    r"|\bconv(?:ient|iennent|enait|enaient)\s+(?:parfaitement|tout\s+à\s+fait|pleinement)\b"
    r"|\b(?:est|sont|était|étaient)\s+(?:tout\s+à\s+fait\s+|parfaitement\s+|pleinement\s+)?(?:adaptée?s?|approprié\w*|compatible\w*)\s+(?:à|aux?|pour)"
    r"|\brépond(?:ent|ait)?\s+(?:pleinement\s+|parfaitement\s+|entièrement\s+)?aux?\s+(?:exigences|règles|critères)"
    r"|\b(?:les\s+)?seul(?:e?s)?\s+(?:hébergeurs?|prestataires?|offres?|fournisseurs?|acteurs?)\s+(?:autorisé|qualifié|agréé|habilité|conforme|éligible)\w*"
    r"|\bseule?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?:peut|est)\b"
    r"|\bhosts?\s+(?:[\w'’]+\s+){0,5}?in\s+(?:full\s+)?complian\w*|\b(?:was|were|is|are)\s+(?:perfectly\s+|fully\s+|entirely\s+)?(?:suitable|appropriate|fit)\s+for"
    r"|\b(?:fully\s+)?meets?\s+(?:all\s+)?the\s+requirements|\bthe\s+only\s+(?:hosts?|providers?|offers?)\s+(?:authori[sz]ed|allowed|approved|qualified|certified)"
    r"|\bonly\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*\s+(?:may|can|is)\b", re.IGNORECASE)


def _polarity(clause: str) -> str | None:
    if _DOUBLE_NEG.search(clause):
        return "eligible"
    if _POS_PROSE.search(clause) and not re.search(r"\b(?:pas|not|no|ne|n['’])\b", clause, _I):
        return "eligible"
    if _NEG.search(clause):
        return "not_eligible"
    if _POS.search(clause):
        return "eligible"
    return None


# --- providers -------------------------------------------------------------------------------

def _alias_patterns():
    """(regex, provider, offer) longest aliases first; 'Bleu' only as a proper noun."""
    from assistant.checker.nicknames import nickname_aliases

    items = []
    registry = default_registry().aliases()
    nicknames = {a: po for a, po in nickname_aliases().items() if a not in registry}
    for alias, (provider, offer) in {**registry, **nicknames}.items():
        if alias.casefold() == "bleu":
            continue
        body = re.escape(alias).replace(r"\ ", r"[\s\u00a0]+")
        body = re.sub(r"['’]", "['’]", body)
        key = alias.split()[0].lower().replace("’", "'").split("'")[0]  # a match needs its first word: a cheap filter before the regex
        # a one-word product name ("Teams", "Outlook") only as a proper noun, not "our teams"
        flags = 0 if alias in nicknames and " " not in alias else _I
        items.append((len(alias), re.compile(rf"(?<![\w-]){body}(?![\w-])", flags), provider, offer, key))
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
    lowered = sentence.lower()
    for rx, provider, offer, key in _PATTERNS:
        if key not in lowered:
            continue
        for m in rx.finditer(sentence):
            s, e = m.start(), m.end()
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

def _clauses(sentence: str) -> list[tuple[int, int]]:
    cuts = [0] + [m.start() for m in _CLAUSE_SPLIT.finditer(sentence)] + [len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]


def extract_claims(text: str, as_of: dt.date | None = None) -> list[Claim]:
    """Every hosting-eligibility claim of `text` (offsets point into `text`)."""
    claims: list[Claim] = []
    for s, e in sentences(text or ""):
        sentence = text[s:e]
        if _QUESTION.search(sentence) or _HEDGE.search(sentence) or _CONDITIONAL.search(sentence):
            continue
        found = mentions(sentence)
        if not found:
            continue
        clauses = _clauses(sentence)
        sentence_polarity = _polarity(sentence) or next(
            (p for p in (_polarity(sentence[a:b]) for a, b in clauses) if p), None)
        if sentence_polarity is None:
            continue
        clause_pol: list[str | None] = []
        previous = None
        for a, b in clauses:
            pol = _polarity(sentence[a:b])
            if pol is None and previous is not None:
                pol = ("not_eligible" if previous == "eligible" else "eligible") if _BARE_NEG.search(sentence[a:b]) else previous
            clause_pol.append(pol)
            previous = pol or previous
        unlike = [(m.start(1), m.end(1)) for m in _UNLIKE.finditer(sentence)]
        data, facts = find_data(sentence)
        customer = find_customer(sentence)
        when = find_date(sentence, as_of)
        clause_customer = [find_customer(sentence[a:b]) for a, b in clauses]
        clause_data = [find_data(sentence[a:b])[0] if len(clauses) > 1 and any(
            DATA_PATTERNS[k].search(sentence[a:b]) for k in ("health", "sensitive", "personal")) else None
            for a, b in clauses]
        seen: dict[str, Claim] = {}
        for ms, _me, provider, offer in found:
            i = next((i for i, (a, b) in enumerate(clauses) if a <= ms < b), None)
            pol = (clause_pol[i] if i is not None else None) or sentence_polarity
            if any(a <= ms < b for a, b in unlike):
                pol = "not_eligible" if pol == "eligible" else "eligible"
            own_customer = customer
            if i is not None and len(clauses) > 1 and clause_customer[i]:
                own_customer = clause_customer[i]
            key = provider
            if key in seen and (seen[key].offer is not None or offer is None) and seen[key].stated == pol:
                continue
            own_data = clause_data[i] if i is not None and clause_data[i] else data
            seen[key if key not in seen or seen[key].stated == pol else f"{key}#{ms}"] = Claim(
                text=sentence, start=s, end=e, provider=provider, offer=offer, data=list(own_data),
                customer=own_customer, stated=pol, as_of=when, facts=dict(facts))
        # A contrast clause without a provider ("..., mais pas pour les ministères", "but not for
        # health data") states its own polarity for the providers of the clause before it, for its
        # own customer or data.
        for i, (a, b) in enumerate(clauses):
            if i == 0 or any(a <= ms < b for ms, _, _, _ in found) or clause_pol[i] is None:
                continue
            new_customer = clause_customer[i] and clause_customer[i] != clause_customer[i - 1]
            new_data = clause_data[i] and clause_data[i] != clause_data[i - 1]
            if not (new_customer or new_data):
                continue
            pa, pb = clauses[i - 1]
            for ms, _me, provider, offer in found:
                if pa <= ms < pb:
                    seen[f"{provider}@{i}"] = Claim(
                        text=sentence, start=s, end=e, provider=provider, offer=offer,
                        data=list(clause_data[i] if new_data else (clause_data[i - 1] or data)),
                        customer=clause_customer[i] if new_customer else (clause_customer[i - 1] or customer),
                        stated=clause_pol[i], as_of=when, facts=dict(facts))
        claims.extend(seen.values())
    return claims
