"""`render_verdict_fr(verdict)`: a French text a reader can paste into a note.

Sections: verdict, pourquoi, règles avec leur passage, faits manquants, conditions,
recommandations, réserves, offres, the date basis and "aide à la décision, pas un avis
juridique". It renders a `Verdict`; it decides nothing.
"""
from __future__ import annotations

from assistant.checker.verdict import Verdict

VERDICT_FR = {
    "eligible": "ÉLIGIBLE",
    "not_eligible": "NON ÉLIGIBLE",
    "undetermined": "INDÉTERMINÉ",
    "not_applicable": "NON APPLICABLE (aucune règle encodée ne s'applique)",
}
STATUS_FR = {"satisfied": "satisfaite", "violated": "non respectée", "unknown": "indéterminée",
             "not_applicable": "non applicable"}
CUSTOMER_FR = {"state": "administration centrale de l'État", "state_operator": "opérateur / organisme sous tutelle de l'État",
               "local_authority": "collectivité territoriale", "health_facility": "établissement de santé",
               "private": "entreprise privée", None: "client non précisé"}
DATA_FR = {"personal": "personnelles", "health": "de santé", "sensitive": "d'une sensibilité particulière",
           "other": "autres (non personnelles)"}


def _fact_line(fact: dict) -> str:
    if fact.get("value") is None:
        return f"      · {fact['name']} : inconnu ({fact.get('why', '')})"
    period = fact.get("valid_from") or "date de début non précisée"
    if fact.get("start_known") is False:
        period = f"connu au {period} (début inconnu)"
    if fact.get("valid_to"):
        period += f" → {fact['valid_to']}"
    src = fact.get("source", "")
    quote = f" « {fact['quote'].strip()} »" if fact.get("quote") else ""
    return f"      · {fact['name']} = {fact['value']} ({period} ; {src}{quote} ; confiance : {fact.get('confidence')})"


def render_verdict_fr(verdict: Verdict) -> str:
    v = verdict
    what = v.provider or "fournisseur inconnu"
    if v.offer:
        what += f" — offre {v.offer}"
    lines = [f"Verdict : {VERDICT_FR[v.verdict]}",
             f"Question : {what} peut-il héberger des données {', '.join(DATA_FR[d] for d in v.data)} "
             f"pour : {CUSTOMER_FR.get(v.customer, v.customer)} ?",
             f"À la date du {v.as_of.isoformat()}.",
             "", f"Pourquoi : {v.why}"]
    if v.offers:
        lines += ["", "Par offre :"]
        lines += [f"  - {o['offer']} : {VERDICT_FR[o['verdict']]}" for o in v.offers]
    lines += ["", "Règles :"]
    for r in v.rules:
        lines.append(f"  [{r.id}] {r.title} — {STATUS_FR[r.status]}" + (f" ({r.note})" if r.note else ""))
        if r.status != "not_applicable":
            b = r.basis
            lines.append(f"      Texte : {b['doc_id']}, {b['section']} : « {b['quote'].strip()} »")
            lines += [_fact_line(f) for f in r.facts if f.get("name") != "particularly_sensitive"]
    for title, items in (("Faits manquants", [f"{m['name']} ({m['subject']}) : {m['why']}" for m in v.missing_facts]),
                         ("Conditions à vérifier", v.conditions), ("Recommandations", v.recommendations),
                         ("Réserves", v.caveats)):
        if items:
            lines += ["", f"{title} :"] + [f"  - {item}" for item in items]
    lines += ["", "Aide à la décision, pas un avis juridique : vérifiez les textes cités et la situation à la date "
                  "qui vous concerne."]
    return "\n".join(lines)
