"""Scope and obligation questions ("Une commune est-elle obligée d'utiliser une offre
SecNumCloud ?", "la doctrine s'applique-t-elle aux hôpitaux ?") answered from the checker's
scope rules (`assistant/checker/data/rules.yaml`, kinds `scope` and `rule`) and their passages.

`scope_answer(customer, asks, as_of, lang)` gives the answer key (yes / no / depends), the
reason in plain words and the rules whose basis is quoted, decisive first. It reads the rules;
it adds no rule of its own, and without a customer type it asks which body is meant.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.checker import Basis, default_rules
from assistant.wording import CUSTOMER_NAMES

WHY = {
    ("local_authority", "fr"): "La FAQ de la DINUM exclut les collectivités territoriales du champ de la circulaire « Cloud au centre » ; elles ne sont tenues ni de recourir au cloud ni aux offres qualifiées SecNumCloud, mais elles sont invitées à les utiliser pour leurs systèmes les plus sensibles.",
    ("local_authority", "en"): "DINUM's FAQ puts local authorities outside the scope of the \"Cloud au centre\" circular; they are bound neither to use the cloud nor SecNumCloud-qualified offers, though they are invited to use them for their most sensitive systems.",
    ("state", "fr"): "La doctrine s'applique à l'ensemble des entités de l'administration centrale et aux organismes sous sa tutelle (FAQ DINUM).",
    ("state", "en"): "The doctrine applies to every entity of the central administration and to the bodies under its supervision (DINUM FAQ).",
    ("state_sn", "fr"): "La doctrine s'applique à l'administration centrale et aux organismes sous sa tutelle, mais la règle R9 n'impose une offre qualifiée SecNumCloud et immunisée que pour les données d'une sensibilité particulière ; sinon, elle la recommande.",
    ("state_sn", "en"): "The doctrine applies to the central administration and the bodies under its supervision, but rule R9 requires a SecNumCloud-qualified, immune offer only for data of particular sensitivity; otherwise it recommends one.",
    ("other", "fr"): "Les textes de la doctrine disponibles ne nomment pas {who} dans son champ (administration centrale et organismes sous sa tutelle) ; un établissement public sous la tutelle de l'État doit vérifier s'il en fait partie. Indépendamment de la doctrine, quiconque héberge des données de santé pour le compte d'autrui doit être certifié HDS (article L.1111-8 du code de la santé publique).",
    ("other", "en"): "The doctrine texts available do not name {who} in its scope (central administration and the bodies under its supervision); a public body under State supervision must check whether it belongs to it. Apart from the doctrine, whoever hosts health data on behalf of others must be HDS-certified (article L.1111-8 of the public health code).",
    ("private", "fr"): "La doctrine s'applique à l'administration centrale de l'État et aux organismes sous sa tutelle (FAQ DINUM) : une entreprise privée n'en fait pas partie. Indépendamment de la doctrine, quiconque héberge des données de santé pour le compte d'autrui doit être certifié HDS (article L.1111-8 du code de la santé publique).",
    ("private", "en"): "The doctrine applies to the State's central administration and the bodies under its supervision (DINUM FAQ): a private company is not one of them. Apart from the doctrine, whoever hosts health data on behalf of others must be HDS-certified (article L.1111-8 of the public health code).",
    ("private_care", "fr"): "La doctrine s'applique à l'administration centrale de l'État et aux organismes sous sa tutelle (FAQ DINUM) : un établissement de santé privé n'en fait pas partie. Il reste tenu, s'il externalise l'hébergement de données de santé, de recourir à un hébergeur certifié HDS (article L.1111-8 du code de la santé publique).",
    ("private_care", "en"): "The doctrine applies to the State's central administration and the bodies under its supervision (DINUM FAQ): a private health facility is not one of them. If it outsources the hosting of health data, it must still use an HDS-certified host (article L.1111-8 of the public health code).",
    ("none", "fr"): "La doctrine s'applique à l'administration centrale de l'État et aux organismes sous sa tutelle, pas aux collectivités territoriales.",
    ("none", "en"): "The doctrine applies to the State's central administration and the bodies under its supervision, not to local authorities.",
}
ASK = {"fr": "De quel organisme s'agit-il (ministère, opérateur de l'État, collectivité, établissement de santé, entreprise) ?",
       "en": "Which kind of body is it (ministry, State operator, local authority, health facility, company)?"}
# SCOPE-OTHER's basis is the FAQ's "La doctrine s'applique à l'ensemble des entités de
# l'administration centrale..." (the scope of the doctrine itself). For a health facility the ANS
# FAQ's example of the HDS duty names its own case (HDS-OUTSOURCED: « un établissement de santé
# exploitant un DPI est tenu de recourir à un hébergeur certifié HDS en cas d'externalisation »).
# The HDS duty is one rule per version of L.1111-8 (agrément before 2018, the 2018 text, the text
# as SREN art. 32 left it); the one in force at the question's date is quoted.
_HDS = ["A0", "A", "A-2024"]
_RULES = {"local_authority": ["SCOPE-LOCAL"], "state": ["SCOPE-OTHER"], "state_operator": ["SCOPE-OTHER"],
          "health_facility": ["SCOPE-OTHER", "HDS-OUTSOURCED", *_HDS], "private": ["SCOPE-OTHER", *_HDS],
          None: ["SCOPE-OTHER", "SCOPE-LOCAL"]}


def scope_rule_ids(customer: str | None) -> list[str]:
    """The ids of the rules and notes that say whether the doctrine concerns this customer type
    (for health facilities and companies, every version of the HDS duty: callers keep the one in
    force at their date)."""
    return list(_RULES.get(customer, _RULES[None]))


def scope_why(customer: str, lang: str) -> str | None:
    """Why the doctrine does not concern this customer type, in plain words (None for the State)."""
    if customer == "local_authority":
        return WHY[("local_authority", lang)]
    if customer in ("health_facility", "private"):
        return WHY[("other", lang)].format(who=CUSTOMER_NAMES[customer][lang])
    return None


def rule_items() -> dict:
    """Every rule, definition and note of the checker's rule book by id (each has `basis`, `in_force`)."""
    book = default_rules()
    items = {}
    for group in ("rules", "definitions", "notes"):
        for item in getattr(book, group, None) or []:
            items.setdefault(item.id, item)
    return items


@dataclass
class ScopeAnswer:
    key: str | None  # yes, no, depends; None: no first word (an obligation without a yes/no answer)
    why: str
    bases: list[Basis] = field(default_factory=list)
    ask: str | None = None


NOT_UNDERSTOOD = {
    "fr": "Aucune source disponible ne dit de quelle catégorie relève « {words} » : la doctrine s'applique à l'administration centrale de l'État et aux organismes sous sa tutelle, pas aux collectivités territoriales.",
    "en": "No available source says which category \"{words}\" belongs to: the doctrine applies to the State's central administration and the bodies under its supervision, not to local authorities.",
}


HDS_DUTY = {
    "fr": "Quiconque héberge des données de santé à caractère personnel pour le compte d'autrui doit être certifié HDS (article L.1111-8 du code de la santé publique), quel que soit l'organisme pour lequel il les héberge.",
    "en": "Whoever hosts personal health data on behalf of others must be HDS-certified (article L.1111-8 of the public health code), whatever the body the data is hosted for.",
}
# The question asks whether the body itself must be certified: the duty binds whoever hosts for
# others (L.1111-8), so not a body hosting its own data; one that entrusts them to a third party
# must choose a certified host (ANS FAQ, note HDS-OUTSOURCED of rules.yaml).
HDS_FOR_BODY = {
    ("self", "fr"): "Pas pour héberger lui-même ses propres données : l'article L.1111-8 du code de la santé publique impose la certification HDS à qui héberge des données de santé à caractère personnel pour le compte d'autrui. S'il confie cet hébergement à un tiers, il doit choisir un hébergeur certifié HDS.",
    ("self", "en"): "Not to host its own data itself: article L.1111-8 of the public health code requires HDS certification of whoever hosts personal health data on behalf of others. If it entrusts that hosting to a third party, it must choose an HDS-certified host.",
    ("body", "fr"): "L'article L.1111-8 du code de la santé publique impose la certification HDS à qui héberge des données de santé à caractère personnel pour le compte d'autrui : un organisme qui héberge lui-même ses propres données n'y est pas tenu ; s'il confie cet hébergement à un tiers, il doit choisir un hébergeur certifié HDS.",
    ("body", "en"): "Article L.1111-8 of the public health code requires HDS certification of whoever hosts personal health data on behalf of others: a body hosting its own data itself is not bound by it; if it entrusts that hosting to a third party, it must choose an HDS-certified host.",
}
HDS_BEFORE_2018 = {
    "fr": "À cette date, l'hébergeur de données de santé devait être agréé (régime d'agrément de l'article L.1111-8, avant le 1er avril 2018), pas certifié.",
    "en": "On that date a health-data host had to be approved (the approval regime of article L.1111-8, before 1 April 2018), not certified.",
}
# R9 by the data's sensitivity: required (2nd indent), not required (3rd indent, and 6404/SG's
# "n'est pas requis" since 2023-05-31).
SNC_FOR_STATE = {
    ("sensitive", "fr"): "Pour des données d'une sensibilité particulière, la règle R9 impose une offre qualifiée SecNumCloud et immunisée contre les réglementations extracommunautaires.",
    ("sensitive", "en"): "For data of particular sensitivity, rule R9 requires a SecNumCloud-qualified offer immune to non-EU regulations.",
    ("not_sensitive", "fr"): "Pour des données qui ne sont pas d'une sensibilité particulière, l'administration choisit la solution adaptée ; une offre SecNumCloud est seulement recommandée.",
    ("not_sensitive", "en"): "For data that is not particularly sensitive, the administration chooses the suitable solution; a SecNumCloud offer is only recommended.",
}
BASED_ON = {"fr": " (fondement : {label})", "en": " (basis: {label})"}


def _noted(why: str, basis: Basis | None, lang: str) -> str:
    """`why` with the basis's confidence said before its last full stop."""
    note = _basis_note(basis, lang)
    return why[:-1] + note + "." if note and why.endswith(".") else why + note


def _basis_note(basis: Basis | None, lang: str) -> str:
    """" (fondement : cité par la presse)" when the decisive passage is not the official text."""
    from assistant.wording import confidence_label
    label = confidence_label(basis.confidence, lang) if basis is not None else ""
    return BASED_ON[lang].format(label=label) if label else ""


SREN31_WHY = {
    ("yes", "fr"): "Pour des données d'une sensibilité particulière confiées à une offre de cloud commerciale, l'article 31 de la loi SREN impose une protection contre l'accès des autorités d'États tiers.",
    ("yes", "en"): "For data of particular sensitivity entrusted to a commercial cloud offer, article 31 of the SREN law requires protection against access by third-country authorities.",
    ("depends", "fr"): "L'article 31 de la loi SREN vise les administrations de l'État et certains de ses opérateurs (dont le Health Data Hub), pour des données d'une sensibilité particulière ; les sources disponibles ne disent pas si cet organisme en fait partie.",
    ("depends", "en"): "Article 31 of the SREN law covers State administrations and some State operators (the Health Data Hub among them), for data of particular sensitivity; the available sources do not say whether this body is one of them.",
    ("no", "fr"): "L'article 31 de la loi SREN vise les administrations de l'État et certains de ses opérateurs, pas {who}.",
    ("no", "en"): "Article 31 of the SREN law covers State administrations and some State operators, not {who}.",
    ("before", "fr"): "À cette date, la loi SREN (21 mai 2024) n'existait pas encore.",
    ("before", "en"): "On that date the SREN law (21 May 2024) did not exist yet.",
}


def _sren31_answer(customer: str | None, facts: dict, as_of: dt.date, lang: str, words: str | None) -> ScopeAnswer:
    """Whether article 31 of the SREN law binds this kind of body: the rule's own condition (the
    SREN-31 rule in force, or SREN-31-PENDING before its decree), read for sensitive data on a
    commercial offer; its basis is a press quotation, and the answer says so."""
    from assistant.checker import conditions
    rules = rule_items()
    rule = next((rules[i] for i in ("SREN-31", "SREN-31-PENDING") if i in rules and rules[i].in_force(as_of)), None)
    if rule is None:
        return ScopeAnswer("no", SREN31_WHY[("before", lang)])
    world = {"customer": customer, "commercial_offer": True, "sensitive": True, **facts}
    holds = conditions.evaluate(rule.when, world.get) if customer else None
    key = {True: "yes", False: "no", None: "depends"}[holds]
    if customer is None and words:
        why = NOT_UNDERSTOOD[lang].format(words=words).split(":")[0] + " : " + SREN31_WHY[("depends", lang)] if lang == "fr" \
            else NOT_UNDERSTOOD[lang].format(words=words).split(":")[0] + ": " + SREN31_WHY[("depends", lang)]
    else:
        why = SREN31_WHY[(key, lang)].format(who=CUSTOMER_NAMES.get(customer or "", {}).get(lang, ""))
    why = _noted(why, rule.basis, lang)
    open_point = getattr(rule, "open_point", None)
    if key != "no" and open_point:  # before the decree, the binding date itself is open
        key = "depends"
        why += " " + _cap(open_point["why"][lang]) + "."
    return ScopeAnswer(key, why, [rule.basis])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


SENSITIVITY_WHY = {
    ("S2023", "fr"): "Depuis la circulaire 6404/SG du 31 mai 2023, la nature des données ne suffit pas : deux conditions doivent être réunies (un secret protégé par la loi ou une mission essentielle de l'État, et une violation qui porterait atteinte à l'ordre public, la sécurité publique, la santé, la vie des personnes ou la propriété intellectuelle) ; être des données de santé relevant du HDS ou de l'article 9 du RGPD ne suffit pas.",
    ("S2023", "en"): "Since circular 6404/SG of 31 May 2023 the kind of data is not enough: two conditions must both hold (a secret protected by law or an essential State mission, and a breach that would harm public order, public security, health, people's lives or intellectual property); being health data under HDS or GDPR article 9 is not enough.",
    ("S2021", "fr"): "De juillet 2021 à mai 2023, la règle R9 range notamment parmi les données d'une sensibilité particulière les données personnelles des citoyens français (dont leurs données de santé), les données économiques des entreprises françaises et les applications métiers relatives aux agents de l'État.",
    ("S2021", "en"): "From July 2021 to May 2023, rule R9 counts among particularly sensitive data notably French citizens' personal data (their health data included), French companies' economic data and business applications about State agents.",
    ("none", "fr"): "À cette date, la doctrine « Cloud au centre » et sa notion de données d'une sensibilité particulière n'étaient pas encore en vigueur (10 juillet 2021).",
    ("none", "en"): "On that date the \"Cloud au centre\" doctrine and its notion of particularly sensitive data were not yet in force (10 July 2021).",
}


def sensitivity_answer(kinds: list[str], as_of: dt.date, lang: str) -> ScopeAnswer:
    """Whether data of these kinds are particularly sensitive for the State as such ("des données de
    santé sont-elles forcément sensibles ?"), from the definition in force: since 6404/SG never by
    their kind alone ("no"); under R9's 2021 wording yes for citizens' personal and health data,
    else "depends". The definition's passages are quoted, its note on health data first for them;
    the press-quoted 6519/SG reading (health data among them) is added as the note it is."""
    rules = rule_items()
    definition = next((rules[i] for i in ("S2023", "S2021") if i in rules and rules[i].in_force(as_of)), None)
    if definition is None:
        return ScopeAnswer("depends", SENSITIVITY_WHY[("none", lang)])
    bases = [definition.basis, *getattr(definition, "also", ())]
    if definition.id == "S2023":
        key = "no"
        if "health" in kinds:  # the FAQ's note on health data is what answers
            bases.sort(key=lambda b: "santé" not in b.quote)
    else:
        key = "yes" if set(kinds) & {"personal", "health"} else "depends"
    why = SENSITIVITY_WHY[(definition.id, lang)]
    note = rules.get("NOTE-6519")
    if "health" in kinds and note is not None and note.in_force(as_of) and note.caveat:
        why += " " + note.caveat[lang]
        bases.append(note.basis)
    return ScopeAnswer(key, why, bases)


def scope_answer(customer: str | None, asks: str, as_of: dt.date, lang: str, words: str | None = None,
                 sensitivity: str | None = None, facts: dict | None = None, kinds=(), subject: str | None = None,
                 dated: bool = False, private_law: bool = False) -> ScopeAnswer:
    """The scope answer for a customer type (None: not said, or `words` naming a body whose type no
    source gives: then the answer says so and asks which category it belongs to). `asks` "hds": the
    HDS duty, whoever the customer, on the host; when the question's `subject` is the body itself
    ("body", or "self" when it hosts its own data) the answer says the duty binds whoever hosts for
    others; "secnumcloud" for the State with `sensitivity` ("sensitive" / "not_sensitive") said:
    R9's indent for that data. `dated`: the question asks when (the EU storage rules' dates).
    `private_law`: the body is of private law by its name (a private clinic): outside the doctrine."""
    rules = rule_items()
    if asks == "eu_storage":
        return eu_storage_answer(as_of, lang, dated=dated)
    if asks == "sensitivity":
        return sensitivity_answer(list(kinds or ()), as_of, lang)
    if asks == "sren31":
        answer = _sren31_answer(customer, facts or {}, as_of, lang, words)
        answer.ask = _which_body(words, lang) if customer is None else None
        return answer
    if asks == "hds":
        in_force = [rules[i] for i in _HDS if i in rules and rules[i].in_force(as_of)]
        approval = "A0" in rules and rules["A0"].in_force(as_of)  # before 2018-04-01: an approval, not a certificate
        why = (HDS_BEFORE_2018 if approval else HDS_DUTY)[lang]
        why = _noted(why, in_force[0].basis if in_force else None, lang)
        text_note = getattr(in_force[0], "text_note", None) if in_force else None
        if text_note:  # the text in force is not in the corpus: say what attests the duty
            why += " " + text_note[lang]
        outsourced = rules.get("HDS-OUTSOURCED")
        if subject in ("self", "body") and not approval and outsourced is not None and outsourced.in_force(as_of):
            return ScopeAnswer("no" if subject == "self" else "depends", HDS_FOR_BODY[(subject, lang)],
                               [outsourced.basis] + [r.basis for r in in_force])
        # before 2018 the answer to "devait-il être certifié ?" is no: an approval was required instead
        return ScopeAnswer("no" if approval else "yes", why, [r.basis for r in in_force])
    if asks == "secnumcloud" and customer in ("state", "state_operator") and sensitivity:
        ids = ["B3"] if sensitivity == "sensitive" else ["B4-2023", "B4"]
        bases = [rules[i].basis for i in ids if i in rules and rules[i].in_force(as_of)]
        if bases:
            key = "yes" if sensitivity == "sensitive" else "no"
            return ScopeAnswer(key, _noted(SNC_FOR_STATE[(sensitivity, lang)], bases[0], lang), bases)
    ids = list(_RULES.get(customer, _RULES[None]))
    if customer in ("state", "state_operator") and asks == "secnumcloud":
        # the sensitivity is what the answer waits for: its definition in force comes first
        ids = ["S2023", "S2021", "B3"] + ids
    bases = [rules[i].basis for i in ids if i in rules and rules[i].in_force(as_of)]
    bases += _notes_other_sources([rules[i] for i in ids if i in rules and rules[i].in_force(as_of)], as_of)
    if asks == "hds":
        bases.sort(key=lambda b: b not in [rules[i].basis for i in _HDS if i in rules])  # the HDS duty first
    if customer == "local_authority":
        key, why = "no", WHY[("local_authority", lang)]
    elif customer in ("state", "state_operator"):
        key, why = ("depends", WHY[("state_sn", lang)]) if asks == "secnumcloud" else ("yes", WHY[("state", lang)])
    elif customer == "private" and asks == "doctrine":  # a company is neither the central administration nor a body under its supervision
        key, why = "no", WHY[("private", lang)]
    elif customer == "health_facility" and private_law and asks == "doctrine":  # nor is a private clinic
        key, why = "no", WHY[("private_care", lang)]
    elif customer in ("health_facility", "private"):  # a company may still sell to a body the doctrine binds
        key, why = "depends", WHY[("other", lang)].format(who=CUSTOMER_NAMES[customer][lang])
    elif words:
        key, why = "depends", NOT_UNDERSTOOD[lang].format(words=words)
    else:
        key, why = "depends", WHY[("none", lang)]
    if not bases:  # the question's date is before the doctrine: no scope rule in force
        key = "depends"
        why = {"fr": "À cette date, la doctrine « Cloud au centre » n'était pas encore en vigueur (10 juillet 2021).",
               "en": "On that date the \"Cloud au centre\" doctrine was not yet in force (10 July 2021)."}[lang]
    ask = None
    if customer in ("state", "state_operator") and asks == "secnumcloud" and bases:
        from assistant.answer.verdicts import SENSITIVE_QUESTION
        ask = SENSITIVE_QUESTION[lang]
    if customer is None:
        ask = _which_body(words, lang)
    return ScopeAnswer(key, why, bases, ask)


def _notes_other_sources(items, as_of: dt.date) -> list[Basis]:
    """The first `also` passage of another document than its basis of each scope note among `items`,
    when it speaks from a day on or before `as_of` (its `since`; an undated one from the note's own
    start): the later text that restates the doctrine's scope (circular 6404/SG's « ne s'applique
    qu'aux acteurs de l'Etat »). Rules are left out: a verdict cites their other sources itself."""
    from assistant.checker import Note
    out = []
    for item in items:
        if not isinstance(item, Note):
            continue
        other = next((b for b in item.also if b.doc_id != item.basis.doc_id and (b.since is None or b.since <= as_of)), None)
        if other is not None and other not in out:
            out.append(other)
    return out


def _which_body(words: str | None, lang: str) -> str:
    """The question to ask back when the customer type is unknown: about the words the question
    used for the body when it named one, else the general one."""
    from assistant.answer.customer import ASK as ASK_CATEGORY
    return ASK_CATEGORY[lang].format(words=words) if words else ASK[lang]


EU_STORAGE_NONE = {
    "fr": "À cette date, aucune règle disponible n'imposait encore à tout hébergeur de stocker les données de santé dans l'UE ou l'EEE ; à venir : {rules}.",
    "en": "On that date no available rule yet required every host to store health data in the EU or EEA; to come: {rules}.",
}


EU_STORAGE_DATES = {
    "fr": "Dates des règles disponibles sur le stockage des données de santé dans l'UE ou l'EEE : {rules}.",
    "en": "Dates of the available rules on storing health data in the EU or EEA: {rules}.",
}


def eu_storage_answer(as_of: dt.date, lang: str, dated: bool = False) -> ScopeAnswer:
    """Whether a health-data host must store the data in the EU/EEA ("Notre hébergeur doit-il garder
    nos données dans l'UE ?"): "yes" when a rule that requires EU/EEA storage (`requires` reads
    `eu_eea_storage`) is in force, its own sentence and passage, most recent first; else "depends",
    with the rules to come and their dates (new HDS v2 certificates are not told apart: a caveat of
    the rule book). `dated`: a question asking when ("depuis quand… ?", "since when…?") gets no
    first word but every such rule's title, which gives its date and its text, oldest first, each
    rule's passages quoted."""
    from assistant.checker import conditions
    from assistant.wording import french_date
    rules = [r for r in rule_items().values()
             if getattr(r, "requires", None) is not None and "eu_eea_storage" in conditions.facts_of(r.requires)]
    rules.sort(key=lambda r: r.valid_from, reverse=True)
    if dated and rules:
        listed = " ; ".join(r.title[lang] for r in reversed(rules)) if lang == "fr" else "; ".join(r.title[lang] for r in reversed(rules))
        return ScopeAnswer(None, EU_STORAGE_DATES[lang].format(rules=listed),
                           [b for r in rules for b in (r.basis, *getattr(r, "also", ()))])
    in_force = [r for r in rules if r.in_force(as_of)]
    if in_force:
        sentence = in_force[0].explain["unknown"][lang].split(" ; ")[0].split("; ")[0].rstrip(".") + "."
        bases = [b for r in in_force for b in (r.basis, *getattr(r, "also", ()))]
        return ScopeAnswer("yes", sentence, bases)
    later = [r for r in reversed(rules) if r.valid_from > as_of]
    day = (lambda d: french_date(d.isoformat())) if lang == "fr" else (lambda d: d.isoformat())
    listed = ", ".join(f"{r.title[lang]} ({day(r.valid_from)})" for r in later)
    return ScopeAnswer("depends", EU_STORAGE_NONE[lang].format(rules=listed or "—"), [r.basis for r in later])
