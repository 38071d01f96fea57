"""`check()`: may offer O (of provider P) host data D for customer C on date T?

The engine interprets data/rules.yaml; it knows no rule id and no legal date.

1. Inputs become facts (`vocabulary`): the data kinds, the customer type (a type, or an entity
   of entities.yaml), the caller's facts, and the registry's facts about the offer at T.
   What nobody states stays unknown; only a vocabulary `default` fills a gap.
2. Every rule in force at T gets a status from its `when` and `requires` conditions, read
   three-valued. While some status depends on an unknown fact, the engine splits on that
   fact (one "world" per value) and goes on: the leaves are worlds where every status is
   decided. `sensitive` is computed by the definitions in force, unless stated.
3. A world's verdict: a violated rule -> not_eligible; a rule left open by the texts
   (`outcome` / `on_violation: undetermined`) -> undetermined; all not applicable ->
   not_applicable; otherwise eligible. One verdict across worlds is the verdict; several
   make it `undetermined`, and the facts whose value changes a world's verdict are the
   missing facts, each with its question.

An unknown provider is never `eligible`. A provider named without an offer is answered per
offer (`offers`) and is never `eligible` as a company. This module does not extract claims
and does not word answers (`explain` does).
"""
from __future__ import annotations

import copy
import datetime as dt
from collections import OrderedDict

from assistant.checker import conditions, explain
from assistant.checker.entities import default_entities
from assistant.checker.registry import FACT_TYPES, Lookup, Offer, Provider, Registry, default_registry
from assistant.checker.rules import RuleBook, default_rules
from assistant.checker.verdict import RuleResult, Verdict
from assistant.checker.vocabulary import default_vocabulary, read_data
from assistant.errors import UsageError

STALE_DAYS = 365
_CONFIDENCE_ORDER = ("official", "secondary", "press", "draft")


class _Query:
    """The facts of one query at T, and the rules, definitions and notes in force."""

    def __init__(self, book: RuleBook, t: dt.date, given: dict):
        self.book, self.t, self.given = book, t, given
        self.rules = [r for r in book.rules if r.in_force(t)]
        self.definitions = [d for d in book.definitions if d.in_force(t)]
        self.notes = [n for n in book.notes if n.in_force(t)]
        self.exceptions = {r.exception_of: r for r in self.rules if r.exception_of}

    def value(self, name: str, env: dict):
        if name in env:
            return env[name]
        defs = [d for d in self.definitions if d.defines == name]
        if not defs:
            return None
        parts = [conditions.evaluate(d.value, lambda n: self.value(n, env)) for d in defs]
        parts = [None if (p is False and d.establishes_only) else p for p, d in zip(parts, defs)]
        if True in parts:
            return True
        return None if None in parts else False

    def reads(self, name: str, env: dict) -> list[str]:
        """`name`, or the facts its definitions read when it is defined and not stated (then `name`
        itself too when a person can state it: a definition that only establishes it may not settle it)."""
        if name in env or not any(d.defines == name for d in self.definitions):
            return [name]
        out = []
        for d in self.definitions:
            if d.defines == name:
                for n in conditions.facts_of(d.value):
                    out += [m for m in self.reads(n, env) if m not in out]
        if self.book.vocabulary.facts[name].origin != "defined":
            out.append(name)
        return out

    def status(self, rule, env: dict) -> str | None:
        look = lambda n: self.value(n, env)  # noqa: E731
        applies = conditions.evaluate(rule.when, look)
        exception = self.exceptions.get(rule.id)
        if exception is not None and applies is not False:
            overridden = conditions.evaluate(exception.when, look)
            applies = False if overridden else (None if overridden is None else applies)
        if applies is False:
            return "not_applicable"
        if applies is None:
            return None
        if rule.outcome == "undetermined":
            return "open"
        met = conditions.evaluate(rule.requires, look)
        if met is None:
            return None
        if met:
            return "satisfied"
        return "open" if rule.on_violation == "undetermined" else "violated"

    def world(self, env: dict) -> tuple[str | None, dict]:
        statuses = {r.id: self.status(r, env) for r in self.rules}
        values = set(statuses.values())
        if "violated" in values:
            return "not_eligible", statuses
        if None in values:
            return None, statuses
        if "open" in values:
            return "undetermined", statuses
        if values <= {"not_applicable"}:
            return "not_applicable", statuses
        return "eligible", statuses

    def split_on(self, statuses: dict, env: dict) -> str:
        for rule in self.rules:
            if statuses[rule.id] is not None:
                continue
            candidates = rule.facts_read() + ([*conditions.facts_of(self.exceptions[rule.id].when)]
                                              if rule.id in self.exceptions else [])
            for name in candidates:
                for leaf in self.reads(name, env):
                    if leaf not in env:
                        return leaf
        raise RuntimeError("undecided rule without an unknown fact")  # the conditions make this impossible

    def solve(self, env: dict) -> list[tuple[dict, str, dict]]:
        """The leaves below `env`: (assignment, verdict, statuses)."""
        verdict, statuses = self.world(env)
        if verdict is not None:
            return [(env, verdict, statuses)]
        name = self.split_on(statuses, env)
        out = []
        for value in self.book.vocabulary.facts[name].values:
            out += self.solve({**env, name: value})
        return out


def _pivotal(query: _Query, leaves, base: dict) -> list[str]:
    """Facts, unknown in `base`, whose value changes the verdict of some world."""
    out: list[str] = []
    for env, verdict, _ in leaves:
        for name in env:
            if name in base or name in out:
                continue
            for alt in query.book.vocabulary.facts[name].values:
                if alt == env[name]:
                    continue
                if any(v != verdict for _, v, _ in query.solve({**env, name: alt})):
                    out.append(name)
                    break
    return out


def _lookups(provider: Provider | None, offer: Offer | None, t: dt.date, offer_unknown: bool) -> dict[str, Lookup]:
    names = [n for n in default_vocabulary().facts if n in FACT_TYPES]  # the facts a registry record can hold
    out = {n: Registry.fact_at(provider, offer, n, t) for n in names}
    if offer_unknown:
        out["secnumcloud"] = Lookup("secnumcloud", None, None, "offre absente du registre")
    return out


def normalise_customer(value) -> tuple[str | None, dict, str | None]:
    """(customer type or None, entity facts, entity name) for a type, a synonym or an entity name."""
    from assistant.checker.lexicon import customer_type
    if value in (None, ""):
        return None, {}, None
    kind = customer_type(value)
    if kind:
        return kind, {}, None
    entity = default_entities().find(str(value))
    if entity is None:
        from assistant.checker.entities import CUSTOMER_TYPES
        raise UsageError(f"unknown customer type {value!r}: use {', '.join(CUSTOMER_TYPES)}.")
    return entity.type, dict(entity.facts), entity.name


def _caller_facts(facts) -> dict:
    from assistant.checker.lexicon import normalise_facts
    out = normalise_facts(facts)
    if "particularly_sensitive" in out:
        out["sensitive"] = out.pop("particularly_sensitive")
    return out


def evaluate_offer(provider: Provider | None, offer: Offer | None, *, provider_name: str | None, given: dict,
                   kinds: list[str], customer: str | None, t: dt.date, book: RuleBook, lang: str,
                   offer_unknown: bool = False, entity: str | None = None) -> Verdict:
    vocab = book.vocabulary
    lookups = _lookups(provider, offer, t, offer_unknown)
    known = dict(given)
    for name, lookup in lookups.items():
        if lookup.known and name not in known:
            known[name] = lookup.value
    kind_facts = (vocab.offer_kinds.get(offer.kind) or {}).get("facts", {}) if offer else {}
    for name, value in kind_facts.items():
        known.setdefault(name, value)
    for name, spec in vocab.facts.items():
        if name not in known and spec.default is not None:
            known[name] = spec.default
    query = _Query(book, t, known)
    leaves = query.solve(dict(known))
    verdicts = {v for _, v, _ in leaves}
    verdict = verdicts.pop() if len(verdicts) == 1 else "undetermined"
    pivotal = _pivotal(query, leaves, known) if len({v for _, v, _ in leaves}) > 1 else []

    who = explain.holder(provider, offer, provider_name, lang)
    missing: list[dict] = []
    for name in pivotal:
        spec = vocab.facts[name]
        _add_missing(missing, spec.ask, _subject(name, spec.origin, who, lang),
                     explain.lookup_why(lookups[name].why if name in lookups else "", lang), vocab.question(name, lang))
    for env, v, statuses in leaves:
        for rule in query.rules:
            if statuses[rule.id] == "open" and v == "undetermined":
                point = rule.open_point
                _add_missing(missing, point["name"], rule.title[lang], point["why"][lang], point["question"][lang])

    results = _results(query, leaves, {n: lk for n, lk in lookups.items() if lk.known or n not in known}, lang)
    decisive = _decisive(query, leaves, verdict)
    if provider is None and verdict in ("eligible", "undetermined"):
        verdict = "undetermined"  # nothing is known of an unregistered provider: never "eligible"
        for name in ("hds_certified", "secnumcloud", "subject_to_non_eu_law"):
            _add_missing(missing, name, who, explain.lookup_why(lookups[name].why, lang), vocab.question(name, lang))
    conditions_, recos = _conditions(query, leaves, known, lang)
    caveats = _caveats(query, known, lookups, provider, offer, provider_name, offer_unknown, customer, entity,
                       kinds, results, lang)
    confidence = _confidence(query, decisive, known)
    out = Verdict(verdict=verdict, provider=provider.name if provider else provider_name,
                  offer=offer.name if offer else None, data=list(kinds), customer=customer, as_of=t,
                  rules=results, missing_facts=missing, conditions=conditions_, recommendations=recos,
                  caveats=caveats, facts={k: v for k, v in given.items()}, lang=lang,
                  basis_confidence=confidence, known_provider=provider is not None,
                  derogation=bool(known.get("derogation")),
                  sensitivity={"value": query.value("sensitive", known),
                               "basis": [d.id for d in query.definitions]})
    out.why = explain.why(out, query, decisive, lookups, who, lang)
    return out


def _subject(name: str, origin: str, who: str, lang: str) -> str:
    if origin == "registry" or name in FACT_TYPES:
        return who
    return {"fr": "client" if name == "customer" else "données", "en": "customer" if name == "customer" else "data"}[lang]


def _add_missing(missing: list, name: str, subject: str, why: str, question: str) -> None:
    if any(m["name"] == name for m in missing):
        return
    missing.append({"name": name, "subject": subject, "why": why or question, "question": question})


def _results(query: _Query, leaves, lookups: dict, lang: str) -> list[RuleResult]:
    results = []
    for rule in query.rules:
        seen = {statuses[rule.id] for _, _, statuses in leaves}
        if len(seen) == 1:
            status = seen.pop()
            status = "unknown" if status == "open" else status
        elif seen <= {"satisfied", "not_applicable"}:
            status = "satisfied"
        else:
            status = "unknown"
        used = [_fact_used(query, n, lookups, lang) for n in rule.facts_read() if n in lookups]
        note = (rule.explain.get(status) or {}).get(lang, "")
        basis = rule.basis.to_json()
        also = list(rule.also)
        dated = next((v for v in rule.condition_versions if status == "satisfied" and v.text == rule.condition_on(query.t)), None)
        if dated is not None and dated.basis != rule.basis:  # the passage of the condition's wording at T
            also.append(dated.basis)
        if also:
            basis["also"] = [b.to_json() for b in also]
        results.append(RuleResult(rule.id, rule.title[lang], status, basis, used, note))
    return results


def _fact_used(query: _Query, name: str, lookups: dict, lang: str) -> dict:
    """A rule's fact in its trace: the registry's record, or, when no record gives it and a definition
    settles it (EU storage from a SecNumCloud qualification), the derived value with that definition."""
    lookup = lookups[name]
    value = None if lookup.known else query.value(name, query.given)
    if value is None:
        return explain.fact_json(lookup)
    look = lambda n: query.value(n, query.given)  # noqa: E731
    defs = [d for d in query.definitions if d.defines == name
            and (value is not True or conditions.evaluate(d.value, look) is True)]  # the ones that settled it
    return {"name": name, "value": value, "derived_by": [d.id for d in defs],
            "why": "; ".join(d.explain[lang] for d in defs if d.explain)}


def _conditions(query: _Query, leaves, known: dict, lang: str) -> tuple[list[str], list[str]]:
    conditions_, recos = [], []
    look = lambda n: query.value(n, known)  # noqa: E731
    for _, verdict, statuses in leaves:
        for rule in query.rules:
            if statuses[rule.id] != "satisfied":
                continue
            said = rule.condition_on(query.t)
            if said and said[lang] not in conditions_:
                conditions_.append(said[lang])
            reco = rule.recommendation
            if reco and conditions.evaluate(reco["unless"], look) is not True and reco[lang] not in recos:
                recos.append(reco[lang])
    for note in query.notes:
        reco = note.recommendation
        if reco and conditions.evaluate(note.when, look) is not False \
                and conditions.evaluate(reco["unless"], look) is not True and reco[lang] not in recos:
            recos.append(reco[lang])
    return conditions_, recos


NAMED_ONLY = ("agent_tools", "derogation")
CUSTOMER_UNSAID = {"fr": "Type de client non précisé : la réponse a été évaluée pour chaque type de client.",
                   "en": "Customer type not given: the answer was evaluated for every customer type."}


def _caveats(query, known, lookups, provider, offer, provider_name, offer_unknown, customer, entity, kinds,
             results, lang) -> list[str]:
    out: list[str] = []
    say = lambda fr, en: out.append({"fr": fr, "en": en}[lang]) if {"fr": fr, "en": en}[lang] not in out else None  # noqa: E731
    if provider is None:
        say(f"« {provider_name} » est absent du registre : aucun fait sourcé sur sa certification HDS, sa qualification "
            "SecNumCloud ni son exposition à un droit extra-européen.",
            f"\"{provider_name}\" is not in the registry: no sourced fact on its HDS certification, SecNumCloud "
            "qualification or exposure to non-EU law.")
    elif offer_unknown:
        say("Offre absente du registre : seuls les faits sur le fournisseur sont connus ; la qualification SecNumCloud "
            "porte sur une offre, pas sur une entreprise.",
            "Offer not in the registry: only facts about the provider are known; SecNumCloud qualifies an offer, "
            "not a company.")
    if entity and customer is None:
        say(f"Aucune source disponible ne dit de quel type d'organisme relève « {entity} » : la réponse a été évaluée "
            "pour chaque type.", f"No available source says what kind of body \"{entity}\" is: the answer was "
            "evaluated for every kind.")
    elif customer is None:
        say(CUSTOMER_UNSAID["fr"], CUSTOMER_UNSAID["en"])
    if not kinds:
        say("Nature des données non précisée : elle n'est pas supposée.", "Kind of data not given: it is not assumed.")
    look = lambda n: query.value(n, known)  # noqa: E731
    # Facts a query has only when it names them (agents' tools, a derogation): a note about them is
    # not shown to a query that does not (the verdict itself still reads them as unknown).
    said = lambda n: False if n in NAMED_ONLY and look(n) is None else look(n)  # noqa: E731
    for note in query.notes:
        if note.caveat and conditions.evaluate(note.when, said) is not False:
            say(note.caveat["fr"], note.caveat["en"])
    for rule, result in zip(query.rules, results):
        if rule.text_note and result.status != "not_applicable":
            say(rule.text_note["fr"], rule.text_note["en"])
    for lookup in lookups.values():
        fact = lookup.fact
        if fact is None or not lookup.known:
            continue
        if (query.t - fact.last_reviewed).days > STALE_DAYS:
            say(f"Fait sur {fact.holder} vérifié pour la dernière fois le {fact.last_reviewed.isoformat()}, plus d'un an "
                "avant la date demandée : il peut avoir changé.",
                f"Fact about {fact.holder} last checked on {fact.last_reviewed.isoformat()}, more than a year before "
                "the date asked: it may have changed.")
        if fact.confidence == "claimed":
            say(f"{explain.fact_sentence(lookup, fact.holder, 'fr')} : déclaration du fournisseur, non confirmée par "
                "une source officielle.",
                f"{explain.fact_sentence(lookup, fact.holder, 'en')}: the vendor's own statement, not confirmed by an "
                "official source.")
    return out


def _decisive(query: _Query, leaves, verdict: str) -> list:
    """The rules a verdict rests on: violated ones for not_eligible; for undetermined, those left
    open by the texts or violated in some world; for eligible, those whose requirement is met."""
    out = []
    for rule in query.rules:
        seen = [(statuses[rule.id], v) for _, v, statuses in leaves]
        if verdict == "not_eligible" and any(s == "violated" for s, _ in seen):
            out.append(rule)
        elif verdict == "undetermined" and any(s == "violated" or (s == "open" and v == "undetermined") for s, v in seen):
            out.append(rule)
        elif verdict == "eligible" and rule.has_requirement and any(s == "satisfied" for s, _ in seen):
            out.append(rule)
    return out


def _confidence(query: _Query, decisive: list, known: dict) -> str:
    bases = []
    for rule in decisive:
        bases.append(rule.basis.confidence)
        for name in rule.facts_read():
            if name in known or query.book.vocabulary.facts[name].origin != "defined":
                continue
            value = query.value(name, known)
            bases += [d.basis.confidence for d in query.definitions if d.defines == name
                      and ((v := conditions.evaluate(d.value, lambda n: query.value(n, known))) is True
                           or (value is None and v is None))]
    for level in ("press", "secondary", "draft"):
        if level in bases:
            return level
    return "official"


_MEMO: OrderedDict = OrderedDict()
_MEMO_SIZE = 4096


def check(provider: str | None = None, offer: str | None = None, data=None, customer: str | None = None,
          as_of: dt.date | str | None = None, facts: dict | None = None, derogation: bool = False,
          registry: Registry | None = None, lang: str = "fr", rules: RuleBook | None = None,
          today: dt.date | None = None) -> Verdict:
    """The checker's answer for one query (see the module docstring).

    `data` lists the kinds (an empty list or None: unknown); `as_of` defaults to `today`,
    the caller's date (the checker reads no environment: commands pass `settings().today()`,
    which honours HDS_TODAY), else the system clock. The answer is a pure function of the
    arguments, the registry and the rules: repeated queries (a long text's claims) are
    answered from a small memo, each caller getting its own copy."""
    registry = registry or default_registry()
    book = rules or default_rules()
    if as_of is None:  # the caller's "today" (commands pass settings().today()); else the clock
        as_of = today or dt.date.today()
    try:
        key = (provider, offer, tuple(data) if isinstance(data, (list, tuple)) else data, customer, str(as_of),
               tuple(sorted((facts or {}).items())), bool(derogation), lang, id(registry), id(book))
        hash(key)
    except TypeError:
        key = None
    if key is not None and key in _MEMO:
        _MEMO.move_to_end(key)
        return copy.deepcopy(_MEMO[key][2])
    verdict = _check(provider, offer, data, customer, as_of, facts, derogation, registry, lang, book)
    if key is not None:
        _MEMO[key] = (registry, book, copy.deepcopy(verdict))  # the references keep the ids from being reused
        if len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return verdict


def _check(provider, offer, data, customer, as_of, facts, derogation, registry: Registry, lang: str,
           book: RuleBook) -> Verdict:
    if lang not in ("fr", "en"):
        raise UsageError(f"lang takes 'fr' or 'en', not {lang!r}.")
    data_facts, kinds = read_data(data)
    ctype, entity_facts, entity = normalise_customer(customer)
    given = {**data_facts, **entity_facts, **_caller_facts(facts)}
    if ctype:
        given["customer"] = ctype
    if derogation:
        given["derogation"] = True
    if isinstance(as_of, str):
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"as_of takes a date as YYYY-MM-DD, not {as_of!r}.") from None
    if not (provider or offer):
        raise UsageError("name a provider or an offer (--provider NAME).")
    prov, off, offer_unknown = None, None, False
    hit = registry.resolve(provider) if provider else None
    if hit:
        prov, off = hit
    if offer:
        found = prov.offer(offer) if prov else None
        if found is None:
            other = registry.resolve(offer)
            if other and (prov is None or other[0] is prov) and other[1] is not None:
                prov, found = other
        if found is None and prov is not None:
            offer_unknown = True
        off = found or off
    kwargs = dict(provider_name=provider or offer, given=given, kinds=kinds, customer=ctype, t=as_of, book=book,
                  lang=lang, entity=entity)
    if prov is None or off is not None or offer_unknown:
        verdict = evaluate_offer(prov, off, offer_unknown=offer_unknown, **kwargs)
        if offer_unknown:
            verdict.offer = offer
        return verdict
    return _company(prov, kwargs)


def _company(prov: Provider, kwargs: dict) -> Verdict:
    """A provider named without an offer: its company-level verdict and one verdict per offer."""
    lang = kwargs["lang"]
    top = evaluate_offer(prov, None, **kwargs)
    per_offer = [evaluate_offer(prov, o, **kwargs) for o in prov.offers]
    top.offers = [{"offer": v.offer, "verdict": v.verdict, "why": v.why, "missing_facts": v.missing_facts,
                   "rules": [{"id": r.id, "status": r.status} for r in v.rules]} for v in per_offer]
    book = kwargs["book"]
    rests_on_a_certificate = any(r.status == "satisfied" and book.rule(r.id).has_requirement for r in top.rules)
    if top.verdict in ("not_eligible", "not_applicable") or (top.verdict == "eligible" and not rests_on_a_certificate):
        # decided without any offer's certificate or qualification: true of every offer, listed or not
        return top
    top.verdict = "undetermined"
    names = [o.name for o in prov.offers]
    top.missing_facts = [m for m in top.missing_facts if m["name"] != "secnumcloud"]
    question = explain.offer_question(prov.name, names, lang)
    top.missing_facts.insert(0, {"name": "offer", "subject": prov.name, "why": question, "question": question})
    top.why = explain.company_why(prov.name, top.offers, lang)
    return top
