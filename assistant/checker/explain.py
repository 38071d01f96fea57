"""The reason of a verdict in plain words (`why`), in French or English.

One to three sentences built from the decisive rules and the facts they read: each registry
fact with its source and date in words ("selon la tribune DSIH du 28 septembre 2021"), the
rule's own explanation from rules.yaml, and, when the verdict rests on a press or secondary
basis, a sentence that says so. No internal names (fact or rule ids) appear. Also: the
question that asks for an offer, and the reason of a provider named without an offer.

This module words verdicts; it decides nothing.
"""
from __future__ import annotations

from assistant.checker import conditions
from assistant.checker.registry import Lookup
from assistant.checker.vocabulary import default_vocabulary, source_words
from assistant.wording import CUSTOMER_NAMES, MONTHS, confidence_label, elide, verdict_word

# Whom the doctrine's rules concern when the question names no customer.
DEFAULT_CUSTOMER = {"fr": "l'État ou ses opérateurs", "en": "the State or its operators"}


LOOKUP_WHY_EN = {
    "fournisseur absent du registre": "provider not in the registry",
    "aucune offre désignée (la qualification porte sur une offre)": "no offer named (a qualification applies to an offer)",
    "date connue seulement au mois ou à l'année : la date demandée tombe dans cette période":
        "date known only to the month or year, and the date asked falls within it",
    "aucun fait sourcé ne couvre cette date": "no sourced fact covers that date",
    "offre absente du registre": "offer not in the registry",
}


def lookup_why(why: str, lang: str) -> str:
    """A registry lookup's reason in the answer's language."""
    return LOOKUP_WHY_EN.get(why, why) if lang == "en" else why


def holder(provider, offer, name, lang: str) -> str:
    if provider is None:
        return name or {"fr": "ce fournisseur", "en": "this provider"}[lang]
    return f"{provider.name} {offer.name}" if offer and not offer.name.startswith(provider.name) else \
        (offer.name if offer else provider.name)


def fact_json(lookup: Lookup) -> dict:
    if lookup.fact is not None and lookup.known:
        return lookup.fact.to_json()
    out = {"name": lookup.name, "value": None, "why": lookup.why}
    if lookup.fact is not None:
        out["imprecise_record"] = lookup.fact.to_json()
    return out


def date_words(partial, lang: str) -> str:
    """A registry date in words: "28 septembre 2021", "mars 2018", "2024"."""
    month = MONTHS[lang][partial.first.month - 1]
    if partial.precision == "day":
        return ("le " if lang == "fr" else "") + f"{partial.first.day} {month} {partial.first.year}"
    if partial.precision == "month":
        return f"{month} {partial.first.year}"
    return str(partial.first.year)


def _source(lookup: Lookup, lang: str) -> str:
    fact = lookup.fact
    src = fact.source
    words = source_words(src.doc_id, lang) if src.doc_id else None
    if words is None:
        words = (src.title or src.url or "") + (f" ({src.published})" if src.published else "")
    if fact.valid_from:
        day = date_words(fact.valid_from, lang)
        when = ({"fr": f"depuis {day}", "en": f"since {day}"} if fact.start_known else
                {"fr": f"au moins depuis {day}", "en": f"at least since {day}"})[lang]
    else:
        when = ""
    return {"fr": f"selon {words}" + (f", {when}" if when else ""),
            "en": f"according to {words}" + (f", {when}" if when else "")}[lang]


def fact_sentence(lookup: Lookup, who: str, lang: str, with_source: bool = False) -> str:
    phrases = default_vocabulary().fact_phrases.get(lookup.name, {})
    text = phrases.get(lookup.value, {}).get(lang) or f"{who}: {lookup.name} = {lookup.value}"
    reason = ""
    if lookup.fact is not None:
        reason = (lookup.fact.reason_fr if lang == "fr" and lookup.fact.reason_fr else lookup.fact.reason) or ""
    text = text.format(who=who, reason=reason).replace(" ()", "")
    if with_source and lookup.fact is not None:
        text += f" ({_source(lookup, lang)})"
    return text


def _atoms(cond) -> list[dict]:
    if cond is True:
        return []
    if "fact" in cond:
        return [cond]
    if "not" in cond:
        return _atoms(cond["not"])
    return [a for part in (cond.get("all") or cond.get("any")) for a in _atoms(part)]


def _facts_for(rule, lookups: dict, who: str, lang: str, good: bool) -> list[str]:
    out = []
    for atom in _atoms(rule.requires):
        lookup = lookups.get(atom["fact"])
        if lookup is None or not lookup.known:
            continue
        if (lookup.value in atom["in"]) == good:
            holder = who
            if lookup.fact is not None and lookup.fact.holder:
                provider, _, offer = lookup.fact.holder.partition(" / ")
                holder = offer if offer.startswith(provider) else f"{provider} {offer}".strip()
            sentence = fact_sentence(lookup, holder, lang, with_source=True)
            if sentence not in out:
                out.append(sentence)
    return out


def _derived_for(rules: list, query, lookups: dict, lang: str) -> list[str]:
    """The definitions that settled a fact these rules require when no registry fact gave it (e.g. EU
    storage from a SecNumCloud qualification), each as its plain-words explanation."""
    look = lambda n: query.value(n, query.given)  # noqa: E731
    out = []
    for rule in rules:
        for atom in _atoms(rule.requires):
            name = atom["fact"]
            lookup = lookups.get(name)
            if name in query.given or (lookup is not None and lookup.known) or look(name) not in atom["in"]:
                continue
            for d in query.definitions:
                if d.defines == name and d.explain and conditions.evaluate(d.value, look) is True \
                        and d.explain[lang] not in out:
                    out.append(d.explain[lang])
    return out


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + {"fr": " et ", "en": " and "}[lang] + parts[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def why(verdict, query, decisive: list, lookups: dict, who: str, lang: str) -> str:
    sentences: list[str] = []
    customer = CUSTOMER_NAMES.get(verdict.customer, DEFAULT_CUSTOMER)[lang]
    fmt = lambda text: text.replace("{customer}", customer)  # noqa: E731
    if verdict.verdict == "not_eligible":
        violated = decisive
        facts = [f for r in violated for f in _facts_for(r, lookups, who, lang, good=False)]
        if facts:
            sentences.append(_cap(_join(list(dict.fromkeys(facts)), lang)) + ".")
        rule = violated[0] if violated else None
        if rule is not None:
            sentences.append(fmt(rule.explain.get("violated", {}).get(lang, rule.title[lang])))
            defined = [n for n in rule.facts_read() if n not in query.given
                       and query.book.vocabulary.facts[n].origin == "defined"]
            if defined:
                look = lambda n: query.value(n, query.given)  # noqa: E731
                wanted = {True} if any(query.value(n, query.given) for n in defined) else {True, None}
                defs = [d for d in query.definitions if d.defines in defined and d.explain
                        and conditions.evaluate(d.value, look) in wanted]
                if defs:
                    sentences.append({"fr": "Ces données sont d'une sensibilité particulière : ",
                                      "en": "These data are particularly sensitive: "}[lang]
                                     + _join([d.explain[lang] for d in defs][:2], lang) + ".")
    elif verdict.verdict == "undetermined":
        unknown = decisive
        if not verdict.known_provider:
            sentences.append({"fr": f"« {who} » est absent du registre : rien n'est connu de sa certification HDS, de sa "
                                    "qualification SecNumCloud ni de son exposition à un droit extra-européen.",
                              "en": f"\"{who}\" is not in the registry: nothing is known of its HDS certification, "
                                    "SecNumCloud qualification or exposure to non-EU law."}[lang])
        elif unknown:
            rule = _rule_asking(unknown, verdict.missing_facts, query)
            sentences.append(fmt(rule.explain.get("unknown", {}).get(lang, rule.title[lang])))
        questions = [m["question"] for m in verdict.missing_facts]
        if questions:
            more = len(questions) - 1
            tail = {"fr": f" (et {more} autre point à préciser)" if more == 1 else f" (et {more} autres points à préciser)",
                    "en": f" (and {more} more point{'s' if more > 1 else ''} to settle)"}[lang] if more else ""
            sentences.append({"fr": "À préciser : ", "en": "To settle: "}[lang] + questions[0] + tail)
    elif verdict.verdict == "eligible":
        met = decisive
        facts = [f for r in met for f in _facts_for(r, lookups, who, lang, good=True)]
        if facts:
            sentences.append(_cap(_join(list(dict.fromkeys(facts))[:3], lang)) + ".")
        derived = _derived_for(met, query, lookups, lang)
        if derived:
            sentences.append(_cap(_join(derived[:2], lang)) + ".")
        free = [r for r in query.rules if not r.has_requirement and r.explain.get("satisfied")
                and any(res.id == r.id and res.status == "satisfied" for res in verdict.rules)]
        if not facts and free:
            sentences.append(fmt(free[-1].explain["satisfied"][lang]))
        sentences.append({"fr": "Toutes les règles applicables sont respectées à cette date"
                                + (" ; restent à vérifier les conditions listées." if verdict.conditions else "."),
                          "en": "Every applicable rule is met at that date"
                                + ("; the listed conditions remain to be verified." if verdict.conditions else ".")}[lang])
    else:
        commercial = lookups.get("commercial_offer")
        if commercial is not None and commercial.value is False:  # the reason the doctrine's rules stay silent
            sentences.append({"fr": f"{who} n'est pas une offre de cloud commerciale : la règle R9 de la doctrine ne vise que le recours à une offre commerciale.",
                              "en": f"{who} is not a commercial cloud offer: rule R9 of the doctrine only governs the use of a commercial offer."}[lang])
        sentences.append({"fr": f"Aucune règle encodée ne s'applique à {customer} pour ces données à cette date.",
                          "en": f"No encoded rule applies to {customer} for these data at that date."}[lang])
    sentences = [x.strip() for x in sentences if x.strip()][:3]
    if sentences and verdict.basis_confidence != "official" and verdict.verdict != "not_applicable":
        label = confidence_label(verdict.basis_confidence, lang)
        note = {"fr": f"Ce verdict repose sur un texte connu seulement par une source « {label} ».",
                "en": f"This verdict rests on a text known only from a source \"{label}\"."}[lang]
        if len(sentences) < 3:
            sentences.append(note)
        else:
            sentences[-1] = sentences[-1].rstrip(".") + {"fr": f" (source « {label} »).", "en": f" (source \"{label}\")."}[lang]
    return " ".join(sentences)


def _rule_asking(rules: list, missing: list[dict], query) -> object:
    """The rule among `rules` that waits for the first missing fact (so that the reason and the
    first question asked back speak of the same thing); the first rule when none does."""
    if not missing:
        return rules[0]
    first = missing[0].get("name")
    facts = query.book.vocabulary.facts
    for rule in rules:
        leaves = {leaf for name in rule.facts_read() for leaf in query.reads(name, query.given)}
        if first in {facts[leaf].ask for leaf in leaves if leaf in facts} or first == (rule.open_point or {}).get("name"):
            return rule
    return rules[0]


def offer_question(provider: str, offers: list[str], lang: str) -> str:
    listed = ", ".join(offers)
    if not offers:
        return {"fr": elide(f"Quelle offre de {provider} est visée ? Le registre n'en connaît aucune."),
                "en": f"Which offer of {provider} is meant? The registry knows none."}[lang]
    return {"fr": elide(f"Quelle offre de {provider} est visée ({listed}, ou une autre) ?"),
            "en": f"Which offer of {provider} is meant ({listed}, or another)?"}[lang]


def company_why(provider: str, offers: list[dict], lang: str) -> str:
    table = "; ".join(f"{o['offer']} : {verdict_word(o['verdict'], lang)}" if lang == "fr"
                      else f"{o['offer']}: {verdict_word(o['verdict'], lang)}" for o in offers)
    if lang == "fr":
        head = elide(f"La qualification SecNumCloud et la certification portent sur une offre, pas sur une entreprise : "
                     f"nommez l'offre de {provider} visée.")
        return head + (f" Offres connues du registre — {table}." if table else " Le registre ne connaît aucune de ses offres.")
    head = f"SecNumCloud qualification and certification apply to an offer, not a company: name the offer of {provider}."
    return head + (f" Offers in the registry — {table}." if table else " The registry knows none of its offers.")

