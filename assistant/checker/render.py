"""`render_verdict_fr(verdict)` / `render_verdict_en(verdict)` / `render_verdict(verdict, lang)`:
a text a reader can paste into a note, or read aloud.

Order: the verdict and the question it answers, the reason in plain words, what to settle
(each missing fact as a question), the offers when no offer was named, conditions,
recommendations, reservations, then the rules with their passage and facts (for the
record), the date basis and "aid, not legal advice". It renders a `Verdict`; it decides
nothing.
"""
from __future__ import annotations

from assistant.checker.verdict import Verdict
from assistant.wording import confidence_label

WORDS = {
    "fr": {
        "verdict": {"eligible": "ÉLIGIBLE", "not_eligible": "NON ÉLIGIBLE", "undetermined": "INDÉTERMINÉ",
                    "not_applicable": "NON APPLICABLE (aucune règle encodée ne s'applique)"},
        "status": {"satisfied": "satisfaite", "violated": "non respectée", "unknown": "indéterminée",
                   "not_applicable": "non applicable"},
        "customer": {"state": "un ministère ou une administration centrale", "state_operator": "un opérateur de l'État",
                     "local_authority": "une collectivité territoriale", "health_facility": "un établissement de santé",
                     "private": "une entreprise privée", None: "un client non précisé"},
        "data": {"personal": "personnelles", "health": "de santé", "sensitive": "d'une sensibilité particulière",
                 "other": "autres (non personnelles)"},
        "unknown_data": "dont la nature n'est pas précisée",
        "question": "{what} peut-il héberger des données {data} pour {customer} ?",
        "offer": "offre", "unknown_provider": "fournisseur inconnu", "as_of": "À la date du {date}.",
        "why": "Pourquoi", "settle": "À préciser", "offers": "Par offre", "conditions": "Conditions à vérifier",
        "recommendations": "Recommandations", "caveats": "Réserves", "rules": "Règles examinées",
        "text": "Texte", "fact": "Fait", "unknown": "inconnu", "since": "depuis", "until": "jusqu'au",
        "confidence": "confiance",
        "footer": "Aide à la décision, pas un avis juridique : vérifiez les textes cités et la situation à la date qui "
                  "vous concerne.",
    },
    "en": {
        "verdict": {"eligible": "ELIGIBLE", "not_eligible": "NOT ELIGIBLE", "undetermined": "UNDETERMINED",
                    "not_applicable": "NOT APPLICABLE (no encoded rule applies)"},
        "status": {"satisfied": "met", "violated": "not met", "unknown": "undetermined", "not_applicable": "not applicable"},
        "customer": {"state": "a ministry or central administration", "state_operator": "a State operator",
                     "local_authority": "a local authority", "health_facility": "a health facility",
                     "private": "a private company", None: "an unspecified customer"},
        "data": {"personal": "personal", "health": "health", "sensitive": "particularly sensitive",
                 "other": "other (non-personal)"},
        "unknown_data": "of an unspecified kind",
        "question": "May {what} host {data} data for {customer}?",
        "offer": "offer", "unknown_provider": "unknown provider", "as_of": "As of {date}.",
        "why": "Why", "settle": "To settle", "offers": "By offer", "conditions": "Conditions to verify",
        "recommendations": "Recommendations", "caveats": "Reservations", "rules": "Rules examined",
        "text": "Text", "fact": "Fact", "unknown": "unknown", "since": "since", "until": "until",
        "confidence": "confidence",
        "footer": "A decision aid, not legal advice: check the texts cited and the situation at the date that concerns you.",
    },
}


def _fact_line(fact: dict, w: dict) -> str:
    if fact.get("value") is None:
        return f"      · {w['fact']} : {w['unknown']} ({fact.get('why', '')})"
    period = f"{w['since']} {fact['valid_from']}" if fact.get("valid_from") else ""
    if fact.get("valid_to"):
        period += f" {w['until']} {fact['valid_to']}"
    quote = f" « {fact['quote'].strip()} »" if fact.get("quote") else ""
    return (f"      · {fact.get('holder', '')} — {fact['name']} = {fact['value']} {period} "
            f"({fact.get('source', '')}{quote} ; {w['confidence']} : {fact.get('confidence')})")


def render_verdict(verdict: Verdict, lang: str = "fr") -> str:
    w = WORDS[lang]
    v = verdict
    what = v.provider or w["unknown_provider"]
    if v.offer:
        what += f" — {w['offer']} {v.offer}"
    data = ", ".join(w["data"][d] for d in v.data) or w["unknown_data"]
    lines = [f"Verdict : {w['verdict'][v.verdict]}" if lang == "fr" else f"Verdict: {w['verdict'][v.verdict]}",
             w["question"].format(what=what, data=data, customer=w["customer"].get(v.customer, v.customer)),
             w["as_of"].format(date=v.as_of.isoformat()), "", f"{w['why']} : {v.why}" if lang == "fr" else f"{w['why']}: {v.why}"]
    colon = " :" if lang == "fr" else ":"
    sections = [(w["settle"], [m["question"] for m in v.missing_facts]),
                (w["offers"], [f"{o['offer']}{colon} {w['verdict'][o['verdict']]}" for o in v.offers]),
                (w["conditions"], v.conditions), (w["recommendations"], v.recommendations), (w["caveats"], v.caveats)]
    for title, items in sections:
        if items:
            lines += ["", f"{title}{colon}"] + [f"  - {item}" for item in items]
    lines += ["", f"{w['rules']}{colon}"]
    for r in v.rules:
        if r.status == "not_applicable":
            continue
        lines.append(f"  [{r.id}] {r.title} — {w['status'][r.status]}")
        b = r.basis
        label = confidence_label(b.get("confidence"), lang)
        lines.append(f"      {w['text']}{colon} {b['doc_id']}, {b['section']}{colon} « {b['quote'].strip()} »"
                     + (f" ({label})" if label else ""))
        lines += [_fact_line(f, w) for f in r.facts]
    lines += ["", w["footer"]]
    return "\n".join(lines)


def render_verdict_fr(verdict: Verdict) -> str:
    return render_verdict(verdict, "fr")


def render_verdict_en(verdict: Verdict) -> str:
    return render_verdict(verdict, "en")
