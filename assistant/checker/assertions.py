"""Whether a sentence asserts anything, and with which polarity each clause asserts it.

A small interpreter of `data/claim_language.yaml` (the language data: predicate classes with
their polarity, negations, markers of non-assertions, clause breaks), each pattern
also matching its accented letters typed without accents ("a proscrire", "donnees", as
`folding.tolerant_rx` does for the question readers). Polarity is composed,
not listed: a clause's predicate class gives a base (permit / forbid) and every negation in
the predicate's scope flips it, so "n'est pas interdit" (forbid, one negation) is "eligible"
and "rien n'empêche" too, while "ne peut pas héberger" (permit, one negation) is
"not_eligible". A clause without a predicate ("..., mais pas AWS") takes the class of the
clause before it and applies its own negations. A predicate's negation scope is its
comma-delimited stretch, cut at coordinations ("n'est pas qualifié et ne peut donc pas
héberger": two negated predicates, not a double negation). A sentence-initial concessive "si"
("Si X reste autorisé pour un CHU, il est exclu pour ...") may be a contrast (`concessive_cut`).

It knows nothing of providers, customers or dates (`claims` does that) and checks nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.datafile import read_yaml
from assistant.errors import InputDataError
from assistant.folding import tolerant_rx

LANGUAGE_FILE = Path(__file__).with_name("data") / "claim_language.yaml"
EVALUATIVE_FILE = Path(__file__).with_name("data") / "evaluative_phrases.yaml"
POLARITIES = ("permit", "forbid")


@dataclass(frozen=True)
class Predicate:
    """A predicate found in a clause: its class, base polarity and span (clause offsets)."""
    name: str
    polarity: str
    start: int
    end: int


@dataclass(frozen=True)
class Language:
    predicates: tuple[tuple[str, str, re.Pattern], ...]
    fr_verbal: re.Pattern
    fr_particle: re.Pattern
    fr_bare: re.Pattern
    restrictive: re.Pattern
    en: re.Pattern
    not_an_assertion: tuple[tuple[str, re.Pattern], ...]
    clause_break: re.Pattern
    unlike: re.Pattern
    scope_break: re.Pattern
    concessive: re.Pattern
    attributive: re.Pattern
    hedge_tail: re.Pattern
    relative: re.Pattern
    list_word: re.Pattern
    contrast_open: re.Pattern
    alike: re.Pattern
    exclusive: re.Pattern
    not_yet: re.Pattern
    fact_verb: re.Pattern
    contrast_lead: re.Pattern
    elliptic_open: re.Pattern
    singling_out: re.Pattern
    relative_tail: re.Pattern
    parallel_purpose: re.Pattern
    pronoun_back: re.Pattern
    process: re.Pattern
    would_be: re.Pattern
    would_be_reports: re.Pattern
    verdict_bracket: re.Pattern
    coordinated_decision: re.Pattern
    postposed_aucun: re.Pattern


def _expand(pattern: str, macros: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: macros[m.group(1)], pattern)


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(words) + ")"


def evaluative_classes(path: Path | None = None) -> list[dict]:
    """The predicate classes of the evaluative phrases file (`evaluative_phrases.yaml`), in the
    format of `claim_language.yaml`'s `predicates`: `evaluative_phrase` (permit: "un bon choix",
    "une solution adaptée", "idéal pour", "a sound choice") and `evaluative_phrase_against` (forbid:
    "un mauvais choix", "a poor fit", "the wrong choice", "ill suited to"). It only builds patterns:
    negations and scope are the interpreter's. A bad file raises `InputDataError` naming it."""
    path = Path(path or EVALUATIVE_FILE)
    raw = read_yaml(path, "the evaluative phrases file") or {}
    try:
        article, degree = _alternation(raw["articles"]), _alternation(raw["degree"])
        heads = {lang: _alternation(words) for lang, words in raw["heads"].items()}
        patterns: dict[str, list[str]] = {"permit": [], "forbid": []}
        for group in raw["qualifiers"]:
            words, head = _alternation(group["words"]), heads[group["lang"]]
            if group["place"] == "before":  # "un bon choix", "the wrong choice", "a really poor fit"
                patterns[group["polarity"]].append(
                    rf"\b{article}\s*(?:{degree}\s+)?{words}\s+{head}\b")
            elif group["place"] == "after":  # "une solution adaptée", "un choix judicieux"
                patterns[group["polarity"]].append(rf"\b{head}\s+(?:{degree}\s+|{{DEG}})?{words}(?![\w-])")
            else:
                raise KeyError(f"place {group['place']!r}")
        for group in raw["adjectives"]:  # "idéal pour", "well suited to", "…, NumSpot is well suited."
            words = _alternation(group["words"])
            patterns[group["polarity"]].append(
                rf"\b{{DEG}}{words}(?:(?=\s+(?:pour|à|aux?|au|for|to)\b)|(?=\s*[.;!]?\s*$)|(?<=pour))")
        for group in raw.get("phrases") or []:  # "un cadeau empoisonné", "un pari gagnant"
            patterns[group["polarity"]].append(rf"\b{_alternation(group['words'])}\b")
        if any(group["polarity"] not in POLARITIES
               for group in raw["qualifiers"] + raw["adjectives"] + (raw.get("phrases") or [])):
            raise KeyError("polarity must be permit or forbid")
    except (KeyError, TypeError) as exc:
        raise InputDataError(f"{path}: not a valid evaluative phrases file ({exc.__class__.__name__}: {exc}).") from None
    return [{"class": "evaluative_phrase", "polarity": "permit", "patterns": patterns["permit"]},
            {"class": "evaluative_phrase_against", "polarity": "forbid", "patterns": patterns["forbid"]}]


def load_language(path: Path | None = None, evaluative: Path | None = None) -> Language:
    """Read and compile the language file with the evaluative phrases file (`evaluative`, default
    `evaluative_phrases.yaml`); a bad file raises `InputDataError` naming it."""
    path = Path(path or LANGUAGE_FILE)
    raw = read_yaml(path, "the claim language file") or {}
    extra = evaluative_classes(evaluative)
    try:
        macros: dict[str, str] = {}
        for name, body in (raw.get("macros") or {}).items():
            macros[name] = _expand(body, macros)

        def rx(pattern: str) -> re.Pattern:
            return tolerant_rx(_expand(pattern, macros), re.IGNORECASE)

        predicates = []
        for item in raw["predicates"] + extra:
            if item["polarity"] not in POLARITIES:
                raise InputDataError(f"{path}: predicate class {item['class']}: polarity must be permit or forbid.")
            predicates.extend((item["class"], item["polarity"], rx(p)) for p in item["patterns"])
        neg = raw["negations"]
        markers = tuple((kind, rx(p)) for kind, patterns in raw["not_an_assertion"].items() for p in patterns)
        return Language(tuple(predicates), rx(neg["fr_verbal"]), rx(neg["fr_particle"]), rx(neg["fr_bare"]),
                        rx(neg["restrictive"]), rx(neg["en"]), markers, rx(raw["clause_break"]), rx(raw["unlike"]),
                        rx(raw["scope_break"]), rx(raw["concessive"]), rx(raw["attributive"]),
                        rx(raw["hedge_tail"]), rx(raw["relative"]), rx(raw["list_word"]),
                        rx(raw["contrast_open"]), rx(raw["alike"]), rx(raw["exclusive"]), rx(raw["not_yet"]), rx(raw["fact_verb"]),
                        rx(raw["contrast_lead"]), rx(raw["elliptic_open"]), rx(neg["singling_out"]), rx(raw["relative_tail"]), rx(raw["parallel_purpose"]),
                        rx(raw["pronoun_back"]), rx(raw["process"]), rx(raw["would_be"]),
                        re.compile(f"(?:{raw['would_be_reports']})"), rx(raw["verdict_bracket"]), rx(raw["coordinated_decision"]),
                        rx(neg["postposed_aucun"]))
    except (KeyError, TypeError, re.error) as exc:
        raise InputDataError(f"{path}: not a valid claim language file ({exc.__class__.__name__}: {exc}).") from None


@lru_cache(maxsize=1)
def default_language() -> Language:
    return load_language()


def non_assertion(sentence: str, language: Language | None = None) -> str | None:
    """Why the sentence asserts nothing (question, hedge, conditional, recommendation,
    requirement), or None when it may assert. The conditional mood alone (`hearsay`) does not
    count before a judgement (`conditional_judgement`: "X serait un bon choix pour …")."""
    language = language or default_language()
    kinds = [kind for kind, rx in language.not_an_assertion if rx.search(sentence)]
    if kinds and kinds[0] == "hearsay" and conditional_judgement(sentence, language):
        kinds = [kind for kind in kinds if kind != "hearsay"]
    return kinds[0] if kinds else None


def conditional_judgement(sentence: str, language: Language | None = None) -> bool:
    """Whether a conditional copula ("serait", "would be") is followed at once by a predicate the
    rules know ("Oodrive serait un bon choix pour …", "Azure would be compliant for …", "ne serait
    pas conforme"): a judgement in the conditional mood, the writer's, not a report ("Bleu serait
    bientôt qualifié" names a time to come and stays hearsay). It does not look for conditions
    ("si", "if"): `non_assertion` checks them as markers of their own. In French, a bare status after
    "serait" ("Azure serait conforme") is the journalistic conditional, a report (`would_be_reports`)."""
    language = language or default_language()
    for m in language.would_be.finditer(sentence):
        tail, at = sentence[m.start():], m.end() - m.start()
        article = re.match(r"(?:une?|la|le|l['’]|a|an|the)\s+", tail[at:], re.IGNORECASE)
        at += article.end() if article else 0  # "serait une solution adaptée", "would be a sound choice"
        french = m.group().lower().startswith("ser")  # "serait conforme" reports (`would_be_reports`)
        if any(found.start() <= at for name, _pol, rx in language.predicates for found in [rx.search(tail)]
               if found and not (french and language.would_be_reports.fullmatch(name))):
            return True
    return False


def names_process(sentence: str, language: Language | None = None) -> bool:
    """Whether the sentence names a qualification under way ("en cours de qualification", "la
    démarche de qualification", "le jalon J0", "is undergoing qualification", "the qualification
    process"): no eligibility by itself; `claims` gives such a sentence to no model. Whether a
    predicate the rules know decides it anyway is not this function's business."""
    language = language or default_language()
    return bool(language.process.search(sentence))


def clauses(sentence: str, language: Language | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentence's clauses, split at contrasts and semicolons, and at the
    first comma of a sentence opening on a contrast ("Whereas X is qualified …, Y is not")."""
    language = language or default_language()
    breaks = [m.start() for m in language.clause_break.finditer(sentence)]
    lead = sentence.find(",") if language.contrast_lead.search(sentence) else -1
    cuts = [0] + sorted(set(breaks + ([lead] if lead > 0 else []))) + [len(sentence)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if sentence[a:b].strip()]


def opens_contrast(clause: str, language: Language | None = None) -> bool:
    """Whether a clause opens on a contrast ("mais", "tandis que", "whereas", a semicolon...)
    and does not say its subject is alike ("aussi", "également", "too"): its subject, when another
    provider than the clause before's, may state the other polarity in words no list holds."""
    language = language or default_language()
    return bool(language.contrast_open.search(clause)) and not language.alike.search(clause)


def elliptic(clause: str, language: Language | None = None) -> bool:
    """Whether a clause opens on a bare negation and a preposition (", not for its social
    services", ", pas pour le ministère"): a contrast on another object than the clause before's."""
    language = language or default_language()
    return bool(language.elliptic_open.search(clause))


def plain_fact(clause: str, language: Language | None = None) -> bool:
    """Whether a clause without a predicate the lists know negates a use or a move dated as a
    state of things ("n'utilise pas encore", "has not moved … so far", "à ce jour"): what
    someone did or did not do yet, not whether it is allowed ("n'offre pas encore un niveau
    suffisant" is a judgment: no verb of use)."""
    language = language or default_language()
    return (predicate(clause, language) is None and negations(clause, language) % 2 == 1
            and bool(language.not_yet.search(clause)) and bool(language.fact_verb.search(clause)))


def hedged_clauses(sentence: str, language: Language | None = None) -> list[tuple[int, int]]:
    """The clauses of a sentence that holds a hedge, with concessive tails (", même si la
    situation pourrait évoluer", ", although ...") apart, so that the hedge's own clause can
    be set aside and the others still read."""
    language = language or default_language()
    out = []
    for a, b in clauses(sentence, language):
        cuts = [a] + [m.start() for m in language.hedge_tail.finditer(sentence, a, b)] + [b]
        out.extend((x, y) for x, y in zip(cuts, cuts[1:]) if sentence[x:y].strip())
    return out


def concessive_cut(sentence: str, language: Language | None = None) -> int | None:
    """Where a sentence opening on a concessive "si" splits into its two halves (the first
    comma), or None. Whether it is a contrast is the caller's test (both halves assert, with
    opposite polarities, for different customers or data)."""
    language = language or default_language()
    if not language.concessive.search(sentence):
        return None
    comma = sentence.find(",")
    return comma if comma != -1 else None


def unlike_spans(sentence: str, language: Language | None = None) -> list[tuple[int, int]]:
    """Spans of what "contrairement à" / "unlike" sets apart (it gets the opposite polarity),
    from the marker on ("Contrairement à Microsoft 365"). An "other than X" / "autre que X" that
    restricts a negative quantifier ("no host other than X", "aucune offre autre que X") sets
    nothing apart: it singles X out (`negations`)."""
    language = language or default_language()
    singled = [(m.start(), m.end()) for m in language.singling_out.finditer(sentence)]
    return [(m.start(), m.end(1)) for m in language.unlike.finditer(sentence)
            if not any(a <= m.start() < b for a, b in singled)]


def predicate(clause: str, language: Language | None = None) -> Predicate | None:
    """The clause's deciding predicate: the first forbid one, else the first permit one. A
    forbid word qualifying a noun ("confiées à un hébergeur non certifié comme X") is an
    attribute, not the predicate, when the clause has another one; so is a predicate inside a
    comma-set relative clause ("OVHcloud, qui est certifié HDS, ne peut pas ...")."""
    language = language or default_language()
    found = [Predicate(name, pol, m.start(), m.end())
             for name, pol, rx in language.predicates for m in [rx.search(clause)] if m]
    if not found:
        return None
    verbal = [p for p in found if not (p.polarity == "forbid" and language.attributive.search(clause[:p.start]))]
    found = verbal or found
    main = [p for p in found if not language.relative.search(clause[clause.rfind(",", 0, p.start) + 1:p.start])]
    found = main or found
    forbid = [p for p in found if p.polarity == "forbid"]
    return min(forbid or found, key=lambda p: p.start)


def _stretch(clause: str, at: int) -> tuple[int, int]:
    start = clause.rfind(",", 0, at) + 1
    end = clause.find(",", at)
    return start, end if end != -1 else len(clause)


def bound_elsewhere(clause: str, at: int, others: list[int], pred: Predicate | None,
                    language: Language | None = None) -> bool:
    """Whether the clause's predicate belongs to another provider's comma stretch, not to the
    mention at `at` ("Outscale a été retenu …, Azure ayant été écarté faute de qualification":
    "écarté" is Azure's). A mention whose stretch is a bare list item ("AWS, Azure et GCP sont
    écartés") still takes it. Offsets are the clause's; `others`: other providers' mentions;
    `pred`: the clause's `predicate` (computed once per clause by the caller)."""
    language = language or default_language()
    if pred is None:
        return False
    here, there = _stretch(clause, at), _stretch(clause, pred.start)
    if here == there or not any(there[0] <= o < there[1] for o in others):
        return False
    rest = [w for w in re.findall(r"[\w'’-]+", clause[here[0]:here[1]]) if not language.list_word.fullmatch(w)]
    return len(rest) > 3


def negations(scope: str, language: Language | None = None) -> int:
    """How many negations the text holds: "ne ... pas" once, "ni ... ni ... ne" once, a bare
    "pas" only without "ne", restrictive "ne ... que" none, English "not"/"never"/"nothing".
    A negative quantifier restricted to one name ("aucune offre autre que X n'a été retenue",
    "no provider other than X is acceptable") is exclusivity like "ne ... que": it says X is,
    so neither the quantifier nor the "ne" that goes with it counts."""
    language = language or default_language()
    singled = language.singling_out.search(scope)
    scope = language.singling_out.sub(lambda m: " " * len(m.group()), scope)
    # round 21: "sans souci aucun" is "sans aucun souci": a postposed "aucun" reinforces "sans", it denies nothing more
    scope = language.postposed_aucun.sub(lambda m: m.group()[:m.start(1) - m.start()] + " " * len(m.group(1)), scope)
    verbal = len(language.fr_verbal.findall(scope))
    if verbal and not language.fr_particle.search(scope) and (singled or language.restrictive.search(scope)):
        verbal = 0
    french = verbal or len(language.fr_bare.findall(scope))
    return french + len(language.en.findall(scope))


def _scope(clause: str, pred: Predicate, language: Language) -> str:
    """The stretch of the clause around the predicate, between commas and coordinations ("Le
    ministère, dont les données sont sensibles, ne peut pas ..." keeps the relative clause's
    words out; "X n'est pas qualifié et ne peut donc pas ..." gives each predicate its own), and
    before a negated relative clause on the predicate's head ("un pari risqué que la doctrine ne
    permet pas", "a gamble the doctrine does not allow": that negation is the relative's verb's)."""
    start = clause.rfind(",", 0, pred.start) + 1
    end = clause.find(",", pred.end)
    end = end if end != -1 else len(clause)
    for m in language.scope_break.finditer(clause, start, end):
        if m.end() <= pred.start:
            start = m.end()
        elif m.start() >= pred.end:
            end = m.start()
            break
    for m in language.relative_tail.finditer(clause, pred.end, end):
        tail = clause[m.start():end]
        if language.fr_verbal.search(tail) or language.en.search(tail):
            end = m.start()  # "un pari risqué que la doctrine ne permet pas": the relative's own negation
        break
    return clause[start:end]


def refers_back(clause: str, language: Language | None = None) -> bool:
    """Whether a clause refers back to a provider by a pronoun ("…, mais la mairie ne doit pas s'en
    servir", "le ministère ne peut pas l'utiliser", "must not rely on it", "…, il est exclu pour …")."""
    language = language or default_language()
    return bool(language.pronoun_back.search(clause))


def _shared_purpose(sentence: str, spans: list[tuple[int, int]], i: int, language: Language) -> Predicate | None:
    """The predicate of clause `i` read with the purpose of the clause before, when clause `i` opens on
    a contrast, or on a second verb of decision after ", and" (round 17), and names none of its own ("Azure est refusé pour le HDH ; à l'inverse, PREMI3NS est
    retenu", "X was accepted for the ministry's data, whereas Y was rejected"): a verb of decision needs
    a purpose (`PURPOSE`), and the contrast answers the clause before on the same one. The predicate's
    offsets stay inside the clause."""
    if i == 0:
        return None
    clause, prior = sentence[spans[i][0]:spans[i][1]], sentence[spans[i - 1][0]:spans[i - 1][1]]
    purpose = language.parallel_purpose.search(prior)
    contrast = language.contrast_open.search(clause) and not language.alike.search(clause)
    # round 17: a second decision coordinated after a comma ("…, and rejected both Azure and Google Workspace")
    if purpose is None or language.parallel_purpose.search(clause) or not (contrast or language.coordinated_decision.search(clause)):
        return None
    body = clause.rstrip(" .!;")
    pred = predicate(body + " " + prior[purpose.start():].rstrip(" .!;"), language)
    if pred is None or pred.start >= len(body):
        return None
    return Predicate(pred.name, pred.polarity, pred.start, min(pred.end, len(body)))


def clause_predicate(sentence: str, spans: list[tuple[int, int]], i: int,
                     language: Language | None = None) -> Predicate | None:
    """The predicate of clause `i`: its own, else one it shares the purpose of the clause before
    with (`_shared_purpose`: "…; à l'inverse, PREMI3NS est retenu")."""
    language = language or default_language()
    a, b = spans[i]
    return predicate(sentence[a:b], language) or _shared_purpose(sentence, spans, i, language)


def _result(base: str, flips: int) -> str:
    permit = (base == "permit") == (flips % 2 == 0)
    return "eligible" if permit else "not_eligible"


def verdict_follows(sentence: str, spans: list[tuple[int, int]], i: int, language: Language | None = None) -> bool:
    """Whether clause `i` is followed by its verdict: after a colon ("- Microsoft 365: not OK for …"), or in a
    bracket that opens on a verdict, its copula left out (round 17: "… moved the payroll to Docaposte (fully
    compliant for …)", "… vers Azure (non conforme à la doctrine)"). Whether clause `i` has a predicate of its
    own is the caller's test."""
    if i + 1 >= len(spans):
        return False
    language = language or default_language()
    after = sentence[spans[i + 1][0]:spans[i + 1][1]]
    return after.lstrip().startswith(":") or bool(language.verdict_bracket.match(after))


def _topic_of(sentence: str, spans: list[tuple[int, int]], i: int, bases: list) -> bool:
    """Whether clause `i` is the topic of a verdict that follows it (`verdict_follows`)."""
    return i + 1 < len(spans) and bases[i + 1] is not None and verdict_follows(sentence, spans, i)


def _parallel_contrast(sentence: str, spans: list[tuple[int, int]], flips: list[int],
                       language: Language) -> int | None:
    """The index of an elliptic clause denying a purpose ("…, but not for the prefecture") right after
    a clause naming a purpose with the same preposition ("Gmail works for the town hall's
    newsletters"), in a sentence with no predicate the lists know; None when there is none. The
    contrast presupposes that the first clause grants what the second denies."""
    for i in range(1, len(spans)):
        clause, prior = sentence[spans[i][0]:spans[i][1]], sentence[spans[i - 1][0]:spans[i - 1][1]]
        if (flips[i] % 2 == 1 and language.elliptic_open.search(clause) and flips[i - 1] == 0
                and language.parallel_purpose.search(clause) and language.parallel_purpose.search(prior)):
            return i
    return None


def clause_polarities(sentence: str, spans: list[tuple[int, int]],
                      language: Language | None = None) -> list[str | None]:
    """The stated polarity ("eligible" / "not_eligible" / None) of each clause span."""
    language = language or default_language()
    bases: list[str | None] = []
    flips: list[int] = []
    for i, (a, b) in enumerate(spans):
        clause = sentence[a:b]
        pred = clause_predicate(sentence, spans, i, language)
        bases.append(pred.polarity if pred else None)
        flips.append(negations(_scope(clause, pred, language) if pred else clause, language))
    known = [i for i, base in enumerate(bases) if base]
    if not known:
        parallel = _parallel_contrast(sentence, spans, flips, language)
        if parallel is None:
            return [None] * len(spans)
        bases[parallel - 1] = bases[parallel] = "permit"
        known = [parallel - 1, parallel]
    out: list[str | None] = []
    for i, base in enumerate(bases):
        if base is None and not flips[i] and _topic_of(sentence, spans, i, bases):
            # a topic before a colon ("- Microsoft 365: not OK for …") takes its verdict whole
            out.append(_result(bases[i + 1], flips[i + 1]))
            continue
        if base is None and language.process.search(sentence[spans[i][0]:spans[i][1]]):
            out.append(None)  # round 13: "Bleu est en cours de qualification, mais …": a process states nothing
            continue
        if base is None:  # elliptic clause: the class of the nearest clause before (else after)
            before = [j for j in known if j < i]
            after = sentence[spans[known[0]][0]:spans[known[0]][1]]
            if not before and not flips[i] and refers_back(after, language):
                # "Gmail est pratique, mais la mairie ne doit pas s'en servir …": the clause after speaks
                # of this clause's provider by a pronoun; this one states nothing by itself
                out.append(None)
                continue
            base = bases[before[-1] if before else known[0]]
        out.append(_result(base, flips[i]))
    return out
