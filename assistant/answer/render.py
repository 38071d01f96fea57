"""Markdown of an answer, in French or English: short answer, why, quotes, sources, date.

Pure formatting of data the other modules decided: it adds no fact. Quotes stay in their
original language; only the frame is translated.
"""
from __future__ import annotations

import datetime as dt
import re

from assistant.domain import Citation
from assistant.wording import (ANSWER_WORDS, COMPLETENESS, CUSTOMER_NAMES, DATA_NAMES, DISCLAIMER, LATER_TEXT, RULE_STATUS,
                               confidence_label, is_later_text_note, label, verdict_word)

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


ASK_BACK = {"fr": "À préciser", "en": "To clarify"}
RULE_WORD = {"fr": "règle", "en": "rule"}


def who(provider: str | None, offer: str | None) -> str:
    """'Microsoft 365', 'Azure (Microsoft)', 'AWS Cloud (Amazon Web Services)': never a name twice."""
    if not offer:
        return provider or "?"
    if not provider or provider.casefold() in offer.casefold() or offer.casefold() in provider.casefold():
        return offer
    return f"{offer} ({provider})"


DATE_READ = {"fr": " (date lue dans « {words} »)", "en": " (date read from \"{words}\")"}


def verdict_headline(verdict: dict, lang: str, date_words: str | None = None) -> str:
    """'**Non** (non éligible) — Azure (Microsoft), données de santé, pour un opérateur de l'État, au 28/09/2021.'
    With `date_words` (the words the date was read from: "l'an dernier"), the date says so."""
    word = f"{ANSWER_WORDS[verdict['verdict']][lang]} ({verdict_word(verdict['verdict'], lang)})"
    name = who(verdict.get("provider"), verdict.get("offer"))
    data = ", ".join(label(DATA_NAMES, k, lang) for k in verdict.get("data") or [])
    customer = CUSTOMER_NAMES.get(verdict.get("customer") or "", {}).get(lang)
    date = fmt_date(verdict.get("as_of"), lang) + (DATE_READ[lang].format(words=date_words) if date_words else "")
    if lang == "fr":
        parts = [name] + ([f"données {data}"] if data else []) + ([f"pour {customer}"] if customer else []) + [f"au {date}"]
    else:
        parts = [name] + ([f"{data} data"] if data else []) + ([f"for {customer}"] if customer else []) + [f"as of {date}"]
    return f"**{word}** — {', '.join(parts)}."


def same_language(verdict: dict, lang: str) -> bool:
    """Whether the checker wrote this verdict's human text in `lang`."""
    return verdict.get("lang", "fr") == lang


# The checker's own "À préciser : <question> (et n autres points à préciser)" sentence: the answer
# lists every question under its "À préciser" heading, so the first line does not repeat it.
_ASKED_IN_WHY = re.compile(r"\s*(?:À préciser|To settle) ?: [^?]*\?(?: \((?:et|and) [^)]*\))?")


def verdict_reason(verdict: dict, lang: str, marks: list[int]) -> str:
    """The checker's plain reason (`why`) with the [n] of the passages it rests on (the
    questions to ask back are listed apart, not repeated here)."""
    why_lang = verdict.get("why_lang") or verdict.get("lang", "fr")
    why = (verdict.get("why") or "").strip() if why_lang == lang else ""
    if why and missing_questions(verdict, lang):
        why = _ASKED_IN_WHY.sub("", why).strip()
    if not why:
        by = {s: [r["id"] for r in verdict.get("rules", []) if r.get("status") == s] for s in ("violated", "unknown", "satisfied")}
        bits = []
        for status in ("violated", "unknown", "satisfied"):
            if by[status]:
                word = RULE_WORD[lang].capitalize() + ("s" if len(by[status]) > 1 else "")
                bits.append(f"{word} {', '.join(by[status])} : {label(RULE_STATUS, status, lang)}")
        why = "; ".join(bits) + "." if bits else ""
    ref = "".join(f" [{n}]" for n in marks)
    return (why + ref).strip()


def verdict_section(verdict: dict, lang: str, basis_marks: dict[str, int]) -> list[str]:
    """The reasoning of a `check` object: rules with status and their cited basis."""
    native = same_language(verdict, lang)
    lines = [f"**{t('rules', lang)}**" + (f" — {who(verdict.get('provider'), verdict.get('offer'))}" if verdict.get("provider") else "")]
    for rule in verdict.get("rules", []):
        if rule.get("status") == "not_applicable":
            continue
        status = label(RULE_STATUS, rule.get("status"), lang)
        mark = basis_marks.get(rule.get("id"))
        ref = f" [{mark}]" if mark else ""
        title = f" — {rule.get('title', '')}" if native and rule.get("title") else ""
        lines.append(f"- {RULE_WORD[lang]} {rule.get('id')}{title} : {status}{ref}")
    keys = ("conditions", "recommendations", "caveats") if native else ()
    for key in keys:
        items = verdict.get(key) or []
        if items:
            lines.append(f"\n**{t(key, lang)}**")
            lines.extend(f"- {_item_text(i)}" for i in items)
    offers = verdict.get("offers") or []
    if len(offers) > 1:
        lines.append(f"\n**{t('offers', lang)}**")
        for o in offers:
            lines.append(f"- {o.get('offer') or o.get('name')} : {verdict_word(o.get('verdict'), lang)}")
    return lines


def missing_questions(verdict: dict, lang: str) -> list[str]:
    """The questions to ask back for the verdict's missing facts (checker wording when given)."""
    out = []
    for f in verdict.get("missing_facts") or []:
        q = f.get("question") if isinstance(f, dict) else None
        if q and (same_language(verdict, lang) or verdict.get("why_lang") == lang):
            out.append(q)
    return list(dict.fromkeys(out))


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
        parts.append(label(COMPLETENESS, c.completeness, lang))
    confidence = confidence_label(getattr(c, "confidence", "official") or "official", lang)
    if confidence:
        parts.append(confidence)
    if is_later_text_note(c.note):
        parts.append(LATER_TEXT["short"][lang])
    if c.url:
        parts.append(c.url)
    return " — ".join(parts)


def quote_line(c: Citation, lang: str = "fr") -> str:
    quote = c.quote.replace("\n", " ")
    confidence = confidence_label(getattr(c, "confidence", "official") or "official", lang)
    line = f"> « {quote} » [{c.n}]" + (f" ({confidence})" if confidence else "")
    if c.note:
        line += f"\n>\n> _{c.note}_"
    return line


def answer_markdown(lang: str, as_of: dt.date, *, verdicts=(), basis_marks=None, scope=None, scope_marks=(),
                    missing=(), fact_lines=(), body_text=None, quotes=(), notices=(), citations=(),
                    asked_back=(), date_words: str | None = None) -> tuple[str, str]:
    """(short answer, whole Markdown answer). First line: Oui / Non / Ça dépend (the verdict or the
    scope answer) with the checker's reason and its [n]; then the questions to ask back, at most
    four quotes, the rules applied, notes and sources (`date_words`: the words of the question the
    date was read from, said next to the date). Without a verdict the first line is, by
    priority: the registry's facts, the first missing text, the LLM's first line, the best quote."""
    date_txt = fmt_date(as_of.isoformat(), lang)
    basis_marks = basis_marks or [{} for _ in verdicts]
    lines: list[str] = []
    ask = list(asked_back)
    if verdicts:
        heads = []
        for v, marks in zip(verdicts, basis_marks):
            decisive = [n for rid, n in marks.items()
                        if any(r.get("id") == rid and r.get("status") in ("violated", "unknown") for r in v.get("rules", []))
                        or rid in (v.get("decisive_bases") or ())]
            decisive = list(dict.fromkeys(decisive or marks.values()))
            heads.append(f"{verdict_headline(v, lang, date_words)} {verdict_reason(v, lang, decisive[:3])}".strip())
            ask.extend(missing_questions(v, lang))
        short = heads[0].replace("**", "")
        lines.extend(heads)
    elif scope is not None:
        head = f"**{ANSWER_WORDS[scope.key][lang]}.** {scope.why}" + "".join(f" [{n}]" for n in scope_marks)
        short = head.replace("**", "")
        lines.append(head)
        if scope.ask:
            ask.append(scope.ask)
    elif fact_lines:
        head = {"fr": f"Selon le registre des fournisseurs du projet, au {date_txt} :",
                "en": f"According to the project's provider registry, as of {date_txt}:"}[lang]
        short = f"{head} {fact_lines[0]}"
        lines.append(f"**{head}**\n")
        lines.extend(f"- {line}" for line in fact_lines)
    elif missing:
        short = missing[0].notice(lang)
        lines.append(short)
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
    if ask:
        lines.append(f"\n**{ASK_BACK[lang]}**")
        lines.extend(f"- {q}" for q in dict.fromkeys(ask))
    if verdicts and body_text:
        lines.append("\n" + body_text)
    if quotes:
        lines.append(f"\n**{t('passages', lang)}**\n")
        lines.extend(quote_line(c, lang) + "\n" for c in quotes)
    for v, marks in zip(verdicts, basis_marks):
        lines.append("")
        lines.extend(verdict_section(v, lang, marks))
    if notices:
        lines.append(f"\n**{t('notices', lang)}**")
        lines.extend(f"- {n.text}" for n in notices)
    if citations:
        lines.append(f"\n**{t('sources', lang)}**\n")
        lines.extend(source_line(c, lang) for c in citations)
    lines.append(f"\n_{t('footer', lang, d=date_txt)}_")
    return short, "\n".join(lines).strip()
