"""`render_verdict(verdict, lang)` ("fr" or "en"):
a text a reader can paste into a note, or read aloud.

Order: the verdict and the question it answers, the reason in plain words, what to settle
(each missing fact as a question), the offers when no offer was named, conditions,
recommendations, reservations, then the rules with their passage and facts (for the
record), the date basis and "aid, not legal advice". It renders a `Verdict`; it decides
nothing.
"""
from __future__ import annotations

from assistant.checker.verdict import Verdict
from assistant.wording import (CUSTOMER_NAMES, CUSTOMER_UNSTATED, DATA_NAMES, DECISION_DISCLAIMER, DATA_UNSTATED, RULE_STATUS,
                               confidence_label, label, verdict_label)

_TEXT = {  # the frame of the text, per key in both languages; labels come from assistant/wording.py
    "question": {"fr": "{what} peut-il héberger des données {data} pour {customer} ?",
                 "en": "May {what} host {data} data for {customer}?"},
    "offer": {"fr": "offre", "en": "offer"}, "unknown_provider": {"fr": "fournisseur inconnu", "en": "unknown provider"},
    "as_of": {"fr": "À la date du {date}.", "en": "As of {date}."}, "why": {"fr": "Pourquoi", "en": "Why"},
    "settle": {"fr": "À préciser", "en": "To settle"}, "offers": {"fr": "Par offre", "en": "By offer"},
    "conditions": {"fr": "Conditions à vérifier", "en": "Conditions to verify"},
    "recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "caveats": {"fr": "Réserves", "en": "Reservations"}, "rules": {"fr": "Règles examinées", "en": "Rules examined"},
    "text": {"fr": "Texte", "en": "Text"}, "fact": {"fr": "Fait", "en": "Fact"},
    "unknown": {"fr": "inconnu", "en": "unknown"}, "since": {"fr": "depuis", "en": "since"},
    "until": {"fr": "jusqu'au", "en": "until"}, "confidence": {"fr": "confiance", "en": "confidence"},
}
WORDS = {lang: {key: text[lang] for key, text in _TEXT.items()} for lang in ("fr", "en")}


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
    data = ", ".join(label(DATA_NAMES, d, lang) for d in v.data) or DATA_UNSTATED[lang]
    customer = CUSTOMER_NAMES.get(v.customer, CUSTOMER_UNSTATED)[lang]
    lines = [f"Verdict : {verdict_label(v.verdict, lang)}" if lang == "fr" else f"Verdict: {verdict_label(v.verdict, lang)}",
             w["question"].format(what=what, data=data, customer=customer),
             w["as_of"].format(date=v.as_of.isoformat()), "", f"{w['why']} : {v.why}" if lang == "fr" else f"{w['why']}: {v.why}"]
    colon = " :" if lang == "fr" else ":"
    sections = [(w["settle"], [m["question"] for m in v.missing_facts]),
                (w["offers"], [f"{o['offer']}{colon} {verdict_label(o['verdict'], lang)}" for o in v.offers]),
                (w["conditions"], v.conditions), (w["recommendations"], v.recommendations), (w["caveats"], v.caveats)]
    for title, items in sections:
        if items:
            lines += ["", f"{title}{colon}"] + [f"  - {item}" for item in items]
    lines += ["", f"{w['rules']}{colon}"]
    for r in v.rules:
        if r.status == "not_applicable":
            continue
        lines.append(f"  [{r.id}] {r.title} — {label(RULE_STATUS, r.status or 'unevaluated', lang)}")
        b = r.basis
        confidence = confidence_label(b.get("confidence"), lang)
        lines.append(f"      {w['text']}{colon} {b['doc_id']}, {b['section']}{colon} « {b['quote'].strip()} »"
                     + (f" ({confidence})" if confidence else ""))
        lines += [_fact_line(f, w) for f in r.facts]
    lines += ["", DECISION_DISCLAIMER[lang]]
    return "\n".join(lines)
