"""Markdown of an answer, in French or English: short answer, why, quotes, sources, date.

Pure formatting of data the other modules decided: it adds no fact. Quotes stay in their
original language; only the frame is translated.
"""
from __future__ import annotations

import datetime as dt

from assistant.domain import Citation
from assistant.wording import DATA_NAMES, DISCLAIMER, RULE_STATUS, VERDICT_LABELS  # noqa: F401  (VERDICT_LABELS re-exported)

STATUS_LABELS = RULE_STATUS
DATA_LABELS = {**DATA_NAMES, "other": {"fr": "non personnelles", "en": "non-personal"}}
CUSTOMER_LABELS = {
    "state": {"fr": "une administration de l'État", "en": "a State administration"},
    "state_operator": {"fr": "un opérateur de l'État", "en": "a State operator"},
    "local_authority": {"fr": "une collectivité territoriale", "en": "a local authority"},
    "health_facility": {"fr": "un établissement de santé", "en": "a health facility"},
    "private": {"fr": "une entreprise privée", "en": "a private company"},
}
T = {
    "why": {"fr": "Pourquoi", "en": "Why"},
    "rules": {"fr": "Règles appliquées", "en": "Rules applied"},
    "missing": {"fr": "Faits manquants", "en": "Missing facts"},
    "conditions": {"fr": "Conditions à vérifier", "en": "Conditions to verify"},
    "recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "caveats": {"fr": "Réserves", "en": "Caveats"},
    "offers": {"fr": "Par offre", "en": "Per offer"},
    "passages": {"fr": "Passages pertinents", "en": "Relevant passages"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "notices": {"fr": "À noter", "en": "Notes"},
    "footer": {"fr": "À la date du {d}. " + DISCLAIMER["fr"], "en": "As of {d}. " + DISCLAIMER["en"]},
    "abstain": {"fr": "Je ne trouve pas de réponse à cette question dans le corpus (textes sur l'hébergement des "
                      "données de santé, la doctrine « Cloud au centre », SecNumCloud, HDS, RGPD). Je préfère ne pas répondre.",
                "en": "I cannot find an answer to this question in the corpus (texts on health-data hosting, the "
                      "\"Cloud au centre\" doctrine, SecNumCloud, HDS, GDPR), so I will not answer it."},
    "according": {"fr": "D'après {title} ({date})", "en": "According to {title} ({date})"},
    "no_quote": {"fr": "Le corpus ne contient pas de passage qui réponde directement ; voir les sources ci-dessous.",
                 "en": "The corpus holds no passage that answers directly; see the sources below."},
}


def t(key: str, lang: str, **kw) -> str:
    return T[key][lang].format(**kw)


def fmt_date(iso: str | None, lang: str) -> str:
    if not iso:
        return "?"
    d = dt.date.fromisoformat(iso)
    return d.strftime("%d/%m/%Y") if lang == "fr" else d.isoformat()


def verdict_headline(verdict: dict, lang: str) -> str:
    """'**Non conforme** — Microsoft Azure, données de santé, un opérateur de l'État, au 28/09/2021.'"""
    label = VERDICT_LABELS[verdict["verdict"]][lang]
    who = " ".join(x for x in (verdict.get("provider"), verdict.get("offer")) if x) or "?"
    data = ", ".join(DATA_LABELS.get(k, {}).get(lang, k) for k in verdict.get("data") or [])
    customer = CUSTOMER_LABELS.get(verdict.get("customer") or "", {}).get(lang, verdict.get("customer") or "?")
    date = fmt_date(verdict.get("as_of"), lang)
    if lang == "fr":
        return f"**{label}** — {who} pour des données {data}, pour {customer}, au {date}."
    return f"**{label}** — {who} for {data} data, for {customer}, as of {date}."


def verdict_section(verdict: dict, lang: str, basis_marks: dict[str, int]) -> list[str]:
    """The reasoning of a `check` object: rules with status and their cited basis."""
    lines = [f"**{t('rules', lang)}**"]
    for rule in verdict.get("rules", []):
        status = STATUS_LABELS.get(rule.get("status"), {}).get(lang, rule.get("status"))
        mark = basis_marks.get(rule.get("id"))
        ref = f" [{mark}]" if mark else ""
        facts = "; ".join(f"{f.get('name')}={f.get('value')}" for f in rule.get("facts", []) if f.get("name"))
        facts = f" ({facts})" if facts else ""
        lines.append(f"- {rule.get('id')} — {rule.get('title', '')} : {status}{facts}{ref}")
    for key in ("missing_facts", "conditions", "recommendations", "caveats"):
        items = verdict.get(key) or []
        if items:
            lines.append(f"\n**{t(key if key != 'missing_facts' else 'missing', lang)}**")
            lines.extend(f"- {_item_text(i)}" for i in items)
    offers = verdict.get("offers") or []
    if offers:
        lines.append(f"\n**{t('offers', lang)}**")
        for o in offers:
            label = VERDICT_LABELS.get(o.get("verdict"), {}).get(lang, o.get("verdict"))
            lines.append(f"- {o.get('offer') or o.get('name')}: {label}")
    return lines


def _item_text(item) -> str:
    if isinstance(item, dict):
        return item.get("text") or item.get("description") or item.get("name") or str(item)
    return str(item)


def source_line(c: Citation, lang: str) -> str:
    parts = [f"[{c.n}] {c.title}"]
    if c.section:
        parts.append(c.section)
    if c.date:
        parts.append(fmt_date(c.date, lang))
    if c.completeness and c.completeness != "full":
        parts.append({"fr": f"texte {c.completeness}", "en": f"{c.completeness} text"}[lang]
                     .replace("partial", "partiel" if lang == "fr" else "partial")
                     .replace("extracts", "extraits" if lang == "fr" else "extracts")
                     .replace("facts", "faits" if lang == "fr" else "facts"))
    if c.url:
        parts.append(c.url)
    return " — ".join(parts)


def quote_line(c: Citation) -> str:
    quote = c.quote.replace("\n", " ")
    line = f"> « {quote} » [{c.n}]"
    if c.note:
        line += f"\n>\n> _{c.note}_"
    return line


def answer_markdown(lang: str, as_of: dt.date, *, verdict, basis_marks, missing, fact_lines, body_text, quotes,
                    notices, citations) -> tuple[str, str]:
    """(short answer, whole Markdown answer). The short answer is, by priority: the verdict,
    the first missing text, the registry's first fact, the LLM's first line, the best quote."""
    date_txt = fmt_date(as_of.isoformat(), lang)
    lines: list[str] = []
    if verdict is not None:
        short = verdict_headline(verdict, lang).replace("**", "")
        lines += [verdict_headline(verdict, lang), ""] + verdict_section(verdict, lang, basis_marks)
    elif missing:
        short = missing[0].notice(lang)
        lines.append(short)
    elif fact_lines:
        head = {"fr": f"Selon le registre des fournisseurs du projet, au {date_txt} :",
                "en": f"According to the project's provider registry, as of {date_txt}:"}[lang]
        short = f"{head} {fact_lines[0]}"
        lines.append(f"**{head}**\n")
        lines.extend(f"- {line}" for line in fact_lines)
    elif body_text:
        short = body_text.split("\n")[0]
        lines.append(body_text)
    elif quotes:
        first = quotes[0]
        short = (f"{t('according', lang, title=first.title, date=fmt_date(first.date, lang))} [{first.n}] : "
                 f"« {' '.join(first.quote.split())} »")
        lines.append(short)
    else:
        short = t("no_quote", lang)
        lines.append(short)
    if quotes:
        lines.append(f"\n**{t('passages', lang)}**\n")
        lines.extend(quote_line(c) + "\n" for c in quotes)
    if notices:
        lines.append(f"**{t('notices', lang)}**")
        lines.extend(f"- {n.text}" for n in notices)
    if citations:
        lines.append(f"\n**{t('sources', lang)}**\n")
        lines.extend(source_line(c, lang) for c in citations)
    lines.append(f"\n_{t('footer', lang, d=date_txt)}_")
    return short, "\n".join(lines).strip()
