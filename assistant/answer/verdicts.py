"""The checker's verdicts for an understood question: one per provider named.

`verdicts_for(understanding, lang)` calls `assistant.checker.check` (the public surface) once
per query. When the question names no data kind, the query is checked for personal, health
and particularly sensitive data (or, for records that may hold health data, "social case notes",
"reimbursements", for personal and for health data): the same verdict for all is the answer;
otherwise the verdict is `undetermined` and the data kind is a missing fact with the question to
ask back (never a silent "personal"). It never turns a verdict into "eligible" on its own.
"""
from __future__ import annotations

from assistant.wording import DATA_NAMES, verdict_word

DATA_CANDIDATES = (("personal",), ("personal", "health"), ("personal", "sensitive"))
DATA_QUESTION = {
    "fr": "Quelles données seraient hébergées : des données personnelles, des données de santé, des données d'une sensibilité particulière ?",
    "en": "Which data would be hosted: personal data, health data, data of particular sensitivity?",
}
HEALTH_QUESTION = {
    "fr": "Ces données (« {words} ») comportent-elles des informations de santé (soins, maladie, handicap, suivi médical ou médico-social) ?",
    "en": "Do these data (\"{words}\") include health information (care, illness, disability, medical or social-care follow-up)?",
}
DATA_WHY = {
    "fr": "La réponse change selon le type de données : {detail}.",
    "en": "The answer changes with the kind of data: {detail}.",
}


def check_json(lang: str, **query) -> dict:
    """`check(**query)` as JSON, its human text in `lang`."""
    from assistant.checker import check
    out = check(**query, lang=lang).to_json()
    out.setdefault("lang", lang)
    return out


SENSITIVE_QUESTION = {
    "fr": "Ces données sont-elles d'une sensibilité particulière (secret protégé par la loi ou mission essentielle de l'État, et une violation porterait atteinte à l'ordre public, la sécurité, la santé ou la vie des personnes) ?",
    "en": "Is this data of particular sensitivity (secret protected by law or an essential State mission, and a breach would harm public order, security, health or lives)?",
}
SENSITIVE_WHY = {
    "fr": "La question ne dit pas si les données sont d'une sensibilité particulière : si elles le sont, la réponse devient « {other} ».",
    "en": "The question does not say whether the data is particularly sensitive: if it is, the answer becomes \"{other}\".",
}


def _never_eligible_by_default(verdict: dict, query: dict, lang: str) -> dict:
    """An "eligible" that rests on something the question left open becomes "undetermined" with
    the question to ask back: whether the data of a State body is particularly sensitive (open
    world: "personal" is not "not sensitive"). A company named without its offer is the checker's
    to decide (`offers`, and "which offer?" when a certificate or qualification decides)."""
    if verdict.get("verdict") != "eligible":
        return verdict
    facts = query.get("facts") or {}
    if _criteria_decided(query, lang):
        return verdict
    if (query.get("customer") in ("state", "state_operator", None) and "sensitive" not in (query.get("data") or [])
            and "particularly_sensitive" not in facts):
        other = check_json(lang, **{**query, "data": list(query.get("data") or ["personal"]) + ["sensitive"]})
        if other["verdict"] != "eligible":
            why = SENSITIVE_WHY[lang].format(other=verdict_word(other["verdict"], lang))
            return {**verdict, "verdict": "undetermined", "why": why, "why_lang": lang,
                    "missing_facts": list(verdict.get("missing_facts") or []) + [
                        {"name": "particularly_sensitive", "subject": "données" if lang == "fr" else "data",
                         "why": why, "question": SENSITIVE_QUESTION[lang]}]}
    return verdict


# The criteria of particular sensitivity a question may state or deny (6404/SG, DINUM FAQ 2024).
SENSITIVITY_CRITERIA = ("sensitive_by_nature", "sensitive_by_use", "breach_impact")


def _criteria_decided(query: dict, lang: str) -> bool:
    """Whether the sensitivity criteria the question stated ("sa fuite ne porterait atteinte ni à
    l'ordre public…") are what made the checker's verdict eligible: without them it would not be. Then
    the sensitivity is not left open, the question settled it by the definition in force; criteria
    the definition in force does not read (the 2021 wording has no breach criterion) decide nothing."""
    facts = query.get("facts") or {}
    if not any(k in facts for k in SENSITIVITY_CRITERIA):
        return False
    rest = {k: v for k, v in facts.items() if k not in SENSITIVITY_CRITERIA}
    return check_json(lang, **{**query, "facts": rest or None})["verdict"] != "eligible"


SENSITIVITY_ASKS = ("particularly_sensitive", "breach_impact", "sensitive_by_nature_or_use")


def decisive_bases(verdict: dict) -> list[str]:
    """Ids of rule-book items, other than the verdict's rules, whose passage the answer turns on
    and cites with the rules: the sensitivity definitions in force when the data's sensitivity is
    what the verdict (or one reading of data of unknown kind) waits for, or what decided it (R9 in
    2021, the two criteria of circular 6404/SG since 2023: a ministry's notes covered by a legal
    secret whose leak would harm public security are eligible on a SecNumCloud offer *because* they
    meet them, or *because* the words deny one); the scope notes when no rule applies to the customer (the FAQ's "Périmètre")."""
    import datetime as dt

    from assistant.answer.scope_rules import rule_items, scope_rule_ids
    items = rule_items()
    if verdict.get("verdict") == "not_applicable" and verdict.get("customer"):
        as_of = dt.date.fromisoformat(str(verdict["as_of"]))
        return [i for i in scope_rule_ids(verdict["customer"])
                if i.startswith("SCOPE") and i in items and items[i].in_force(as_of)]
    sensitivity = verdict.get("sensitivity") or {}
    ids = sensitivity.get("basis") or []
    asks = {m.get("name") for m in verdict.get("missing_facts") or []} | set(verdict.get("readings_missing") or ())
    refused_as_sensitive = verdict.get("verdict") == "not_eligible" and sensitivity.get("value") is True
    # eligible *because* the criteria hold: read from the question's words, not declared ("particularly
    # sensitive data", where the definition adds nothing the reader said)
    # (round 18: or read from the stated criteria alone, the kind then set from them)
    criteria_said = any((verdict.get("facts") or {}).get(k) is True for k in SENSITIVITY_CRITERIA)
    read_as_sensitive = (verdict.get("verdict") == "eligible" and sensitivity.get("value") is True
                         and ((verdict.get("facts") or {}).get("sensitive") is not True or criteria_said))
    # eligible because the words deny a criterion ("aucun secret protégé par la loi", "sa fuite ne
    # porterait pas atteinte à l'ordre public"): the test in force decided it, its passage is cited
    facts = verdict.get("facts") or {}
    denied_by_criteria = (verdict.get("verdict") == "eligible" and sensitivity.get("value") is False
                          and any(facts.get(k) is False for k in SENSITIVITY_CRITERIA))
    if not (asks & set(SENSITIVITY_ASKS) or refused_as_sensitive or read_as_sensitive or denied_by_criteria):
        return []
    return [i for i in ids if getattr(items.get(i), "defines", None) == "sensitive"]


def _scope_reason(verdict: dict, lang: str) -> dict:
    """No rule applies to this customer: the reason starts with why (the doctrine's scope)."""
    from assistant.answer.scope_rules import scope_why
    if verdict.get("verdict") != "not_applicable" or not verdict.get("customer"):
        return verdict
    why = scope_why(verdict["customer"], lang)
    return {**verdict, "why": f"{why} {verdict.get('why') or ''}".strip(), "why_lang": lang} if why else verdict


def _offers_reason(verdict: dict) -> dict:
    """A company named without its offer, every registry offer of which is undetermined: the
    reason is what leaves the offers undetermined (the data's sensitivity, EU storage...), with
    its questions after "which offer?"; listing "AWS Cloud: undetermined" says nothing."""
    offers = verdict.get("offers") or []
    if verdict.get("verdict") != "undetermined" or not offers or any(o["verdict"] != "undetermined" for o in offers):
        return verdict
    first = offers[0]
    missing = list(verdict.get("missing_facts") or [])
    names = {m.get("name") for m in missing}
    missing += [m for m in first.get("missing_facts") or [] if m.get("name") not in names]
    return {**verdict, "why": first.get("why") or verdict.get("why"), "missing_facts": missing}


def verdict_for(query: dict, options: tuple, lang: str, words: str | None = None) -> dict:
    """The verdict of `query`; when `options` (tuples of data kinds) is not empty, the data kind is
    unknown and each option is tried (`words`: the data as the question names them, asked about)."""
    verdict = _scope_reason(_offers_reason(_verdict_for(query, options, lang, words)), lang)
    verdict["decisive_bases"] = decisive_bases(verdict)
    return verdict


# Eligible for some readings and outside every rule for the others (round 11): two different verdicts,
# so the unknown fact changes the answer and is asked back ("Ça dépend"), never "eligible" by default
# (round 7 answered "eligible … whatever the kind of data"; rules.md does not settle it, the open-world
# rule of the brief does: an unknown that changes the verdict is a missing fact).


def _one_answer(verdicts: list[dict]) -> bool:
    """True when `verdicts` give the same answer: one verdict and, when it is `undetermined`, the same
    facts missing (a State body's sensitivity and a company's EU storage are two different questions,
    not "the same answer whatever the category": round 10)."""
    if len({v["verdict"] for v in verdicts}) != 1:
        return False
    if verdicts[0]["verdict"] != "undetermined":
        return True
    facts = {frozenset(m.get("name") for m in v.get("missing_facts") or []) for v in verdicts}
    readings = {tuple(sorted((v.get("by_data") or {}).items())) for v in verdicts}  # what each data kind gives
    return len(facts) == 1 and len(readings) == 1


def _verdict_for(query: dict, options: tuple, lang: str, words: str | None) -> dict:
    if not options:
        return _never_eligible_by_default(check_json(lang, **query), query, lang)
    tried = [(kinds, _never_eligible_by_default(check_json(lang, **{**query, "data": list(kinds)}),
                                                {**query, "data": list(kinds)}, lang)) for kinds in options]
    detail = "; ".join(f"{DATA_NAMES[kinds[-1]][lang]} → {verdict_word(v['verdict'], lang)}" for kinds, v in tried)
    if _one_answer([v for _, v in tried]):
        return _same_for_every_reading(tried[0][1], DATA_SAME[lang].format(detail=detail), lang)
    base = dict(tried[1][1])
    question = HEALTH_QUESTION[lang].format(words=words) if words else DATA_QUESTION[lang]
    base.update({
        "verdict": "undetermined", "data": [], "why_lang": lang, "rules": merged_rules([v for _, v in tried]),
        "why": DATA_WHY[lang].format(detail=detail),
        "missing_facts": [{"name": "data_kind", "subject": base.get("provider") or "", "why": DATA_WHY[lang].format(detail=detail),
                           "question": question}],
        "by_data": {kinds[-1]: v["verdict"] for kinds, v in tried},
        # what each reading waits for (a ministry's personal reading: the data's sensitivity): not
        # asked back (the data kind is), but its definition's passage is cited (`decisive_bases`)
        "readings_missing": sorted({m.get("name") for _, v in tried for m in v.get("missing_facts") or []} - {None}),
        "offers": [],
    })
    return base


# The same verdict for every reading of data the question does not name: the verdict is given, with the
# readings it did not need said (the data kind stays unknown: the headline names none).
DATA_SAME = {
    "fr": "Quel que soit le type de données, la réponse est la même : {detail}.",
    "en": "Whatever the kind of data, the answer is the same: {detail}.",
}


def _same_for_every_reading(verdict: dict, why: str, lang: str) -> dict:
    """`verdict` (one reading's) as the answer for data of unknown kind: no data kind named, each reading said."""
    return {**verdict, "data": [], "why": f"{why} {verdict.get('why') or ''}".strip(), "why_lang": lang}


def merged_rules(verdicts: list[dict]) -> list[dict]:
    """The rules of verdicts computed for each possible data kind, as one list: a rule whose
    status differs between kinds is "unknown" (the data kind decides it); the rules the data
    kind decides come first, those violated for some kind before the others, so that the
    passages cited first are the ones the missing data kind turns on (not, say, HDS v2 when
    nobody spoke of health data)."""
    by_id: dict[str, dict] = {}
    statuses: dict[str, list[str]] = {}
    for verdict in verdicts:
        for rule in verdict.get("rules") or []:
            by_id.setdefault(rule["id"], dict(rule))
            statuses.setdefault(rule["id"], []).append(rule.get("status"))
    out = []
    for rid, rule in by_id.items():
        seen = set(statuses[rid]) | ({"not_applicable"} if len(statuses[rid]) < len(verdicts) else set())
        rule["status"] = seen.pop() if len(seen) == 1 else "unknown"
        out.append(rule)
    rank = lambda r: (0 if "violated" in statuses[r["id"]] else 1 if r["status"] == "unknown" else 2)  # noqa: E731
    return sorted(out, key=rank)


def verdicts_for(understanding, lang: str) -> list[dict]:
    options = (understanding.data_options or DATA_CANDIDATES) if understanding.data_unknown else ()
    words = understanding.data_words
    candidates = understanding.customer.candidates
    if candidates:
        return [verdict_for_candidates(q, options, lang, understanding.customer, words) for q in understanding.queries]
    return [verdict_for(q, options, lang, words) for q in understanding.queries]


CANDIDATES_WHY = {
    "fr": "Quelle que soit la catégorie de « {words} » ({types}), la réponse est la même. {why}",
    "en": "Whatever the category of \"{words}\" ({types}), the answer is the same. {why}",
}
CANDIDATES_DIFFER = {
    "fr": "La réponse dépend de la catégorie de « {words} » : {detail}.",
    "en": "The answer depends on the category of \"{words}\": {detail}.",
}


def _by_outcome(names: list[str], verdicts: list[dict], lang: str) -> str:
    """The categories grouped by the verdict each gives, in the order first met: "indéterminé pour
    un ministère ou un opérateur de l'État ; hors périmètre pour une collectivité territoriale ou une
    entreprise privée" (one clause per outcome, not one per category)."""
    groups: dict[str, list[str]] = {}
    for name, v in zip(names, verdicts):
        groups.setdefault(verdict_word(v["verdict"], lang), []).append(name)
    conj = {"fr": " ou ", "en": " or "}[lang]

    def join(xs: list[str]) -> str:  # "a, b ou c"; only commas when a name holds "ou" itself
        if len(xs) == 1 or any(conj in x for x in xs):
            return ", ".join(xs)
        return ", ".join(xs[:-1]) + conj + xs[-1]

    word = {"fr": "pour", "en": "for"}[lang]
    return " ; ".join(f"{outcome} {word} {join(group)}" for outcome, group in groups.items()) if lang == "fr" \
        else "; ".join(f"{outcome} {word} {join(group)}" for outcome, group in groups.items())


def verdict_for_candidates(query: dict, options: tuple, lang: str, mention, words: str | None = None) -> dict:
    """A body named whose type is not known but whose legal nature rules some types out (an EHPAD,
    a métropole: never the State): the verdict for each type left; the same for all is the answer
    (said as such), otherwise `undetermined` with the body's category asked among those types."""
    from assistant.wording import CUSTOMER_NAMES
    tried = [(kind, verdict_for({**query, "customer": kind}, options, lang, words)) for kind in mention.candidates]
    names = [CUSTOMER_NAMES[kind][lang] for kind, _ in tried]
    if _one_answer([v for _, v in tried]):
        first = dict(tried[0][1])
        why = CANDIDATES_WHY[lang].format(words=mention.words, types=", ".join(names), why=first.get("why") or "")
        return {**first, "customer": None, "why": why.strip(), "why_lang": lang, "customer_candidates": list(mention.candidates)}
    detail = _by_outcome(names, [v for _, v in tried], lang)
    base = dict(verdict_for(query, options, lang, words))
    why = CANDIDATES_DIFFER[lang].format(words=mention.words, detail=detail)
    missing = [m for m in base.get("missing_facts") or [] if m.get("name") != "customer"]
    return {**base, "verdict": "undetermined", "why": why, "why_lang": lang, "customer": None,
            "missing_facts": [{"name": "customer", "subject": mention.words, "why": why, "question": mention.question(lang)}, *missing],
            "customer_candidates": list(mention.candidates)}

