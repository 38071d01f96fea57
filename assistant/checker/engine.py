"""`check()`: may offer O (of provider P) host data D for customer C on date T?

How it decides. Registry facts and the data's sensitivity are looked up as of T; each may be
true, false or unknown. The rules (A, B1..B5; see data/rules.yaml) are evaluated in every
*world*, i.e. every assignment of the unknown inputs. If all worlds give the same verdict,
that is the verdict and the unknowns are not missing facts (case 10: an unknown that cannot
change the outcome). Otherwise the verdict is `undetermined` and `missing_facts` names the
unknowns whose value changes the outcome. So the checker never says `eligible` while a
fact that matters is missing.

A provider named without an offer is answered per offer (`offers`); the top verdict is the
offers' common verdict, or `undetermined` when they differ (never "eligible" for a company).

Conventions (documented, not guessed facts): an offer of a registered provider is a
commercial offer unless the registry records `commercial_offer: false` (the State's internal
clouds); an unknown provider is taken as commercial and is never `eligible` (its HDS,
SecNumCloud and non-EU-law facts are listed as missing); a missing customer type is
evaluated for every type and is a missing fact only when the answer depends on it.

This module does not extract claims from text nor render answers.
"""
from __future__ import annotations

import datetime as dt
import itertools

from assistant.checker.lexicon import CUSTOMER_TYPES, normalise_customer, normalise_data, normalise_facts
from assistant.checker.registry import Lookup, Offer, Provider, Registry, default_registry
from assistant.checker.rules import Rule, default_rules
from assistant.checker.sensitivity import Sensitivity, assess
from assistant.checker.verdict import RuleResult, Verdict
from assistant.errors import UsageError

HDS_CERTIFICATION = dt.date(2018, 4, 1)
DOCTRINE = dt.date(2021, 7, 10)
STALE_DAYS = 365
STATE = ("state", "state_operator")
RULE_IDS = ("A", "B1", "B2", "B3", "B4", "B5")
_VARS = ("hds_certified", "secnumcloud", "subject_to_non_eu_law", "sensitive", "customer")


def _rule_result(rule: Rule, status: str, note: str = "", facts=None) -> dict:
    return {"status": status, "note": note}


def _evaluate(world: dict, t: dt.date, data: list[str], derogation: bool, commercial: bool,
              rules: dict[str, Rule]) -> tuple[str, dict, list, list, list]:
    """Rule statuses and verdict in one world (every input known)."""
    st: dict[str, tuple[str, str]] = {}
    conditions: list[str] = []
    recos: list[str] = []
    inherent: list[dict] = []
    health, personal = "health" in data, "personal" in data
    if not health:
        st["A"] = ("not_applicable", "pas de données de santé")
    elif t < HDS_CERTIFICATION:
        st["A"] = ("unknown", "avant le 1er avril 2018 : régime de l'agrément, hors du champ des règles encodées")
        inherent.append({"name": "hds_regime", "subject": "régime de l'agrément",
                         "why": "agrément regime, out of scope : avant le 1er avril 2018 l'hébergement de données de "
                                "santé relevait d'un agrément, que les règles encodées ne couvrent pas"})
    elif world["hds_certified"]:
        st["A"] = ("satisfied", "hébergeur certifié HDS à la date demandée")
        conditions.append(rules["A"].condition["text"])
    else:
        st["A"] = ("violated", "hébergeur non certifié HDS à la date demandée")

    customer = world["customer"]
    if t < DOCTRINE:
        for rid in RULE_IDS[1:]:
            st[rid] = ("not_applicable", "doctrine « Cloud au centre » en vigueur à partir du 10 juillet 2021")
    elif customer not in STATE:
        why = ("collectivités territoriales hors du champ de la doctrine (FAQ DINUM)" if customer == "local_authority"
               else "client non nommé par les textes de la doctrine disponibles")
        for rid in RULE_IDS[1:]:
            st[rid] = ("not_applicable", why)
        if customer == "local_authority" and not (world["secnumcloud"] and not world["subject_to_non_eu_law"]):
            recos.append(rules["SCOPE-LOCAL"].recommendation)
    elif not commercial:
        for rid in RULE_IDS[1:]:
            st[rid] = ("not_applicable", "cloud interne de l'État : R9 ne vise que les offres de cloud commercial")
    else:
        trusted = world["secnumcloud"] and not world["subject_to_non_eu_law"]
        if personal:
            st["B1"] = ("satisfied", "condition : conformité au RGPD")
            conditions.append(rules["B1"].condition["text"])
        else:
            st["B1"] = ("not_applicable", "pas de données personnelles")
        st["B2"] = (st["A"][0], "renvoie à la règle A") if health else ("not_applicable", "pas de données de santé")
        if not world["sensitive"]:
            st["B3"] = ("not_applicable", "données non tenues pour d'une sensibilité particulière")
            st["B4"] = ("satisfied", "libre choix de l'administration")
            if not trusted:
                recos.append(rules["B4"].recommendation)
        else:
            st["B4"] = ("not_applicable", "données d'une sensibilité particulière : B3 s'applique")
            if trusted:
                st["B3"] = ("satisfied", "offre qualifiée SecNumCloud et non soumise à un droit extra-européen")
            elif derogation:
                st["B3"] = ("not_applicable", "exigence reportée par la dérogation déclarée (B5)")
            else:
                why = []
                if not world["secnumcloud"]:
                    why.append("offre non qualifiée SecNumCloud")
                if world["subject_to_non_eu_law"]:
                    why.append("fournisseur soumis à un droit extra-européen")
                st["B3"] = ("violated", " ; ".join(why))
        if derogation:
            st["B5"] = ("satisfied", "dérogation transitoire déclarée : une condition")
            conditions.append(rules["B5"].condition["text"])
            for rid in ("B5-NOTE", "B5-FAQ"):
                if rules[rid].in_force(t):
                    conditions.append(rules[rid].condition["text"])
        else:
            st["B5"] = ("not_applicable", "aucune dérogation déclarée")
    statuses = [s for s, _ in st.values()]
    if "violated" in statuses:
        verdict = "not_eligible"
    elif "unknown" in statuses:
        verdict = "undetermined"
    elif all(s == "not_applicable" for s in statuses):
        verdict = "not_applicable"
    else:
        verdict = "eligible"
    return verdict, st, conditions, recos, inherent


def _b3_violation(lookups: dict[str, Lookup]) -> str:
    """Why B3 fails, from the facts actually known (not from a hypothetical world)."""
    why = []
    if lookups["secnumcloud"].value is False:
        why.append("offre non qualifiée SecNumCloud")
    if lookups["subject_to_non_eu_law"].value is True:
        why.append(f"fournisseur soumis à un droit extra-européen ({lookups['subject_to_non_eu_law'].fact.reason})")
    return " ; ".join(why) or "offre ni qualifiée SecNumCloud ni immunisée"


def _fact_json(lookup: Lookup) -> dict:
    if lookup.fact is not None and lookup.known:
        return lookup.fact.to_json()
    out = {"name": lookup.name, "value": None, "why": lookup.why}
    if lookup.fact is not None:
        out["imprecise_record"] = lookup.fact.to_json()
    return out


def _holder(provider: Provider | None, offer: Offer | None, name: str | None) -> str:
    if provider is None:
        return name or "fournisseur inconnu"
    return f"{provider.name} / {offer.name}" if offer else provider.name


def _add(items: list, new) -> None:
    if new and new not in items:
        items.append(new)


def evaluate_offer(provider: Provider | None, offer: Offer | None, *, provider_name: str | None, data: list[str],
                   customer: str | None, t: dt.date, facts: dict, derogation: bool,
                   rules: dict[str, Rule], offer_unknown: bool = False) -> Verdict:
    lookups = {name: Registry.fact_at(provider, offer, name, t)
               for name in ("hds_certified", "secnumcloud", "subject_to_non_eu_law")}
    if offer_unknown:
        lookups["secnumcloud"] = Lookup("secnumcloud", None, None, "offre absente du registre")
    commercial_lookup = Registry.fact_at(provider, offer, "commercial_offer", t)
    commercial = commercial_lookup.value if commercial_lookup.known else True
    sens: Sensitivity = assess(t, data, facts, collaboration_suite=bool(offer and offer.kind == "collaboration_suite"))

    domains = {
        "hds_certified": [lookups["hds_certified"].value] if lookups["hds_certified"].known else [True, False],
        "secnumcloud": [lookups["secnumcloud"].value] if lookups["secnumcloud"].known else [True, False],
        "subject_to_non_eu_law": ([lookups["subject_to_non_eu_law"].value] if lookups["subject_to_non_eu_law"].known
                                  else [True, False]),
        "sensitive": [sens.value] if sens.value is not None else [True, False],
        "customer": [customer] if customer else list(CUSTOMER_TYPES),
    }
    outcomes = {}
    for combo in itertools.product(*(domains[v] for v in _VARS)):
        world = dict(zip(_VARS, combo))
        outcomes[combo] = (world, _evaluate(world, t, data, derogation, commercial, rules))
    verdicts = {out[0] for _, out in outcomes.values()}
    verdict = verdicts.pop() if len(verdicts) == 1 else "undetermined"

    pivotal = set()
    for combo, (_, out) in outcomes.items():
        for i, var in enumerate(_VARS):
            for alt in domains[var]:
                other = combo[:i] + (alt,) + combo[i + 1:]
                if outcomes[other][1][0] != out[0]:
                    pivotal.add(var)
    holder = _holder(provider, offer, provider_name)
    missing: list[dict] = []
    for var in _VARS:
        if var not in pivotal:
            continue
        if var == "sensitive":
            for name, why in sens.missing or [("particularly_sensitive", "sensibilité particulière des données à établir")]:
                _add(missing, {"name": name, "subject": "données", "why": why})
        elif var == "customer":
            _add(missing, {"name": "customer", "subject": "client",
                           "why": "type de client non précisé (ministère, opérateur, collectivité, établissement de "
                                  "santé, entreprise) : la réponse en dépend"})
        else:
            _add(missing, {"name": var, "subject": holder, "why": lookups[var].why})
    conditions: list[str] = []
    recos: list[str] = []
    for _, (_, out) in outcomes.items():
        for item in out[2]:
            _add(conditions, item)
        for item in out[3]:
            _add(recos, item)
        for item in out[4]:
            _add(missing, item)

    results = []
    for rid in RULE_IDS:
        seen = [out[1][rid] for _, out in outcomes.values()]
        statuses = {s for s, _ in seen}
        if len(statuses) == 1:
            status, note = seen[0]
            if status == "violated" and rid == "B3":
                note = _b3_violation(lookups)
        elif statuses <= {"satisfied", "not_applicable"}:
            status = "satisfied"
            note = next(n for s, n in seen if s == "satisfied") + " (dans les cas où la règle s'applique)"
        else:
            status = "unknown"
            note = "dépend de : " + ", ".join(sorted({m["name"] for m in missing})) if missing else "dépend de faits inconnus"
        used = []
        if rid in ("A", "B2"):
            used = [_fact_json(lookups["hds_certified"])]
        elif rid in ("B3", "B4"):
            used = [_fact_json(lookups["secnumcloud"]), _fact_json(lookups["subject_to_non_eu_law"])]
            if status != "not_applicable" or rid == "B3":
                used.append({"name": "particularly_sensitive", "value": sens.value, "basis": sens.basis,
                             "why": "; ".join(sens.notes)})
        elif rid == "B1" and commercial_lookup.fact is not None:
            used = [_fact_json(commercial_lookup)]
        if status == "not_applicable" and rid not in ("B3",):
            used = [f for f in used if f.get("name") == "commercial_offer"]
        rule = rules[rid]
        results.append(RuleResult(rid, rule.title, status, rule.basis.to_json(), used, note))

    if provider is None and verdict in ("eligible", "undetermined"):
        # Nothing is known of an unregistered provider: never "eligible" on its behalf.
        verdict = "undetermined"
        for name in ("hds_certified", "secnumcloud", "subject_to_non_eu_law"):
            if not any(m["name"] == name for m in missing):
                _add(missing, {"name": name, "subject": holder, "why": lookups[name].why})
    caveats = _caveats(t, data, customer, lookups, provider, offer, provider_name, sens, rules, offer_unknown,
                       commercial_lookup)
    why = _why(verdict, results, missing)
    return Verdict(verdict=verdict, provider=provider.name if provider else provider_name,
                   offer=offer.name if offer else None, data=list(data), customer=customer, as_of=t,
                   rules=results, missing_facts=missing, conditions=conditions, recommendations=recos,
                   caveats=caveats, why=why, facts=dict(facts), derogation=derogation,
                   sensitivity={"value": sens.value, "basis": sens.basis, "notes": sens.notes},
                   known_provider=provider is not None)


def _caveats(t, data, customer, lookups, provider, offer, provider_name, sens, rules, offer_unknown,
             commercial_lookup) -> list[str]:
    out: list[str] = []
    state_possible = customer in (None, *STATE)
    if provider is None:
        _add(out, f"« {provider_name} » est absent du registre : aucun fait sourcé sur sa certification HDS, "
                  "sa qualification SecNumCloud ni son exposition à un droit extra-européen.")
    elif offer_unknown:
        _add(out, "Offre absente du registre : seuls les faits sur le fournisseur sont connus ; la qualification "
                  "SecNumCloud porte sur une offre, pas sur une entreprise.")
    if customer is None:
        _add(out, "Type de client non précisé : la réponse a été évaluée pour chaque type de client.")
    if t >= DOCTRINE and customer in ("health_facility", "private"):
        _add(out, rules["SCOPE-OTHER"].caveat)
    for rid in ("CAV-DOCTRINE-2018", "CAV-6404", "CAV-SREN", "CAV-L1111-8-2024", "CAV-DECRET-2026"):
        rule = rules[rid]
        if not rule.in_force(t):
            continue
        if rid in ("CAV-L1111-8-2024", "CAV-DECRET-2026") and "health" not in data:
            continue
        if rid in ("CAV-DOCTRINE-2018", "CAV-6404") and not state_possible:
            continue
        _add(out, rule.text)
    if t >= DOCTRINE and state_possible:
        for note in sens.notes:
            if "indiquez" in note or "confirmer" in note:
                _add(out, note[0].upper() + note[1:] + ".")
    for lookup in (*lookups.values(), commercial_lookup):
        fact = lookup.fact
        if fact is None or not lookup.known:
            continue
        if (t - fact.last_reviewed).days > STALE_DAYS:
            _add(out, f"Fait « {fact.name} » de {fact.holder} vérifié pour la dernière fois le "
                      f"{fact.last_reviewed.isoformat()}, plus d'un an avant la date demandée : il peut avoir changé.")
        if fact.confidence == "claimed":
            _add(out, f"Fait « {fact.name} » de {fact.holder} : déclaration du fournisseur, non confirmée par une "
                      "source officielle.")
    return out


def _why(verdict: str, results: list[RuleResult], missing: list[dict]) -> str:
    if verdict == "not_eligible":
        return "Règle(s) non respectée(s) : " + " ; ".join(f"{r.id} ({r.note})" for r in results if r.status == "violated")
    if verdict == "undetermined":
        names = ", ".join(m["name"] for m in missing) or "faits inconnus"
        return f"Aucune règle n'est violée, mais la réponse dépend de faits manquants : {names}."
    if verdict == "eligible":
        return "Toutes les règles applicables sont satisfaites par des faits valides à la date demandée : " + \
            ", ".join(r.id for r in results if r.status == "satisfied") + "."
    return "Aucune règle encodée ne s'applique à ce client et à ces données à cette date."


def check(provider: str | None = None, offer: str | None = None, data=("personal",), customer: str | None = None,
          as_of: dt.date | str | None = None, facts: dict | None = None, derogation: bool = False,
          registry: Registry | None = None) -> Verdict:
    """The checker's answer for one query (see the module docstring)."""
    registry = registry or default_registry()
    rules = default_rules()
    kinds, implied = normalise_data(list(data) if not isinstance(data, str) else data)
    caller_facts = {**implied, **normalise_facts(facts)}
    customer = normalise_customer(customer)
    if as_of is None:
        from assistant.config import settings
        as_of = settings().today()
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
    kwargs = dict(provider_name=provider or offer, data=kinds, customer=customer, t=as_of, facts=caller_facts,
                  derogation=derogation, rules=rules)
    if prov is None or off is not None or offer_unknown or not prov.offers:
        verdict = evaluate_offer(prov, off, offer_unknown=offer_unknown, **kwargs)
        if offer_unknown:
            verdict.offer = offer
        return verdict
    per_offer = [evaluate_offer(prov, o, **kwargs) for o in prov.offers]
    summary = [{"offer": v.offer, "verdict": v.verdict, "why": v.why,
                "missing_facts": [m["name"] for m in v.missing_facts],
                "rules": {r.id: r.status for r in v.rules}} for v in per_offer]
    common = {v.verdict for v in per_offer}
    if len(common) == 1:
        top = per_offer[0]
        top.offer = None
        top.offers = summary
        _add(top.caveats, f"Verdict identique pour toutes les offres de {prov.name} connues du registre ("
                          + ", ".join(o.name for o in prov.offers) + ") ; une offre absente du registre peut différer.")
        return top
    top = evaluate_offer(prov, None, **kwargs)
    top.verdict = "undetermined"
    top.offers = summary
    top.missing_facts = [m for m in top.missing_facts if m["name"] != "secnumcloud"]
    top.missing_facts.insert(0, {"name": "offer", "subject": prov.name,
                                 "why": "la réponse dépend de l'offre : " + "; ".join(
                                     f"{s['offer']} : {s['verdict']}" for s in summary)})
    top.why = (f"La réponse dépend de l'offre de {prov.name} (la qualification SecNumCloud porte sur une offre, "
               "pas sur une entreprise) : " + "; ".join(f"{s['offer']} → {s['verdict']}" for s in summary) + ".")
    return top
