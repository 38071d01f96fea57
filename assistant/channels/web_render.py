"""HTML fragments of the web chat, built from the contract's JSON objects (`ask`, `check`,
`audit`) and from corpus `Document`s: the answer view, the verdict card, the rules trace,
numbered sources, the audit table, the documents table and the source page.

Every piece of text is escaped here; the fragments contain no blank line (so that a
Markdown renderer passes them through as one HTML block) and no script. Links are relative
(`source/<doc_id>?...`) so that the app also works behind a path prefix.

It does not call the answer service nor Gradio.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote, urlencode

from assistant.wording import (COMPLETENESS, CUSTOMER_NAMES, CUSTOMER_UNSTATED, DATA_NAMES, DATA_UNSTATED, FACT_CONFIDENCE,
                               KINDS, VERDICT_LABELS, YES_NO, clip, confidence_label, fact_name, french_date, label,
                               month_date)
from assistant.wording import DISCLAIMER as DISCLAIMER_TEXT
from assistant.wording import RULE_STATUS as RULE_STATUS_LABELS

DISCLAIMER = DISCLAIMER_TEXT["fr"]
_CSS = {"eligible": "ok", "not_eligible": "ko", "undetermined": "unknown", "not_applicable": "na"}
VERDICTS = {k: (v["fr"], _CSS[k]) for k, v in VERDICT_LABELS.items()}  # label, css modifier (web.css draws the icon)
RULE_STATUS = {k: v["fr"] for k, v in RULE_STATUS_LABELS.items()}
CLAIM_ACTIONS = {"shown": "confirmée par le vérificateur", "corrected": "corrigée par le vérificateur",
                 "withheld": "non vérifiable, retenue",
                 "quoted": "texte officiel cité, non tranché par les règles"}
DATA_KINDS = {k: v["fr"] for k, v in DATA_NAMES.items()}
CUSTOMERS = {k: v["fr"] for k, v in CUSTOMER_NAMES.items()}

_CITE = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def esc(value) -> str:
    """Escaped text with line breaks as `<br>` (never a blank line in the output)."""
    return html.escape("" if value is None else str(value), quote=True).replace("\n", "<br>")


def source_href(doc_id: str, start: int | None = None, end: int | None = None, q: str | None = None) -> str:
    params = {}
    if start is not None and end is not None:
        params = {"start": int(start), "end": int(end)}
    elif q:
        params = {"q": q[:300]}
    query = ("?" + urlencode(params)) if params else ""
    return f"source/{quote(doc_id, safe='')}{query}#passage"


def _link(href: str, text: str, cls: str = "") -> str:
    cls_attr = f' class="{cls}"' if cls else ""
    return f'<a{cls_attr} href="{esc(href)}" target="_blank" rel="noopener">{text}</a>'


def _inline(line: str, citations: list[dict]) -> str:
    """One escaped line with `**bold**` and `[n]` markers linked to their passage."""
    by_n = {int(c["n"]): c for c in citations if "n" in c}

    def cite(m):
        c = by_n.get(int(m.group(1)))
        if not c:
            return m.group(0)
        return _link(source_href(c["doc_id"], c.get("start"), c.get("end")), f"[{m.group(1)}]", "hds-cite")
    return _CITE.sub(cite, _BOLD.sub(r"<strong>\1</strong>", html.escape(line, quote=True)))


def markdown_lite(text: str, citations: list[dict]) -> str:
    """The answer's Markdown subset (paragraphs, `- ` lists, `**bold**`, `[n]` markers) as HTML.

    >>> markdown_lite("Oui **a** [1]", [{"n": 1, "doc_id": "d", "start": 0, "end": 2}])
    '<p>Oui <strong>a</strong> <a class="hds-cite" href="source/d?start=0&amp;end=2#passage" target="_blank" rel="noopener">[1]</a></p>'
    """
    blocks, items, para = [], [], []

    def flush():
        if para:
            blocks.append("<p>" + "<br>".join(para) + "</p>")
            para.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in (text or "").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "* ", "• ")):
            if para:
                flush()
            items.append(_inline(line[2:].strip(), citations))
        else:
            if items:
                flush()
            para.append(_inline(line.lstrip("#").strip(), citations))
    flush()
    return "".join(blocks)


def lead_text(ask: dict) -> str:
    """The part of the answer's Markdown before its first section heading ("**Sources**"...),
    unless it only repeats the short answer: the sections themselves are rendered from the
    structured fields (verdict, citations, notices)."""
    from assistant.answer.render import T  # the headings the answer service writes

    headings = {f"**{T[key][lang]}**" for key in ("why", "rules", "missing", "conditions", "recommendations",
                                                    "caveats", "offers", "passages", "sources", "notices")
                for lang in T[key]}
    lead = []
    for line in (ask.get("answer") or "").splitlines():
        if line.strip() in headings or (line.startswith("_") and line.rstrip().endswith("_")):
            break
        lead.append(line)
    text = "\n".join(lead).strip()
    short = (ask.get("short_answer") or "").replace("**", "").strip()
    return "" if text.replace("**", "").strip() == short else text


def verdict_card(check: dict) -> str:
    """A coloured card: the verdict in words (colour is never the only signal), the reason in
    plain words, the questions to answer, the per-offer table, conditions, recommendations, and
    the caveats folded under their count."""
    label, mod = VERDICTS.get(check.get("verdict"), ("Verdict inconnu", "unknown"))
    subject = " — ".join(esc(x) for x in (check.get("provider"), check.get("offer")) if x) or "offre non précisée"
    data = ", ".join(DATA_KINDS.get(d, d) for d in check.get("data") or []) or DATA_UNSTATED["fr"]
    customer = CUSTOMERS.get(check.get("customer"), check.get("customer") or CUSTOMER_UNSTATED["fr"])
    parts = [f'<div class="hds-verdict hds-verdict--{mod}" role="status" aria-label="Verdict : {esc(label)}">',
             # The icon is drawn by CSS (`content: "✖" / ""`: no spoken text), since the chat's
             # HTML sanitiser drops aria-hidden; the verdict itself is always written out.
             f'<div class="hds-verdict__head"><span class="hds-verdict__icon"></span>'
             f'<span class="hds-sr">Verdict : </span><span class="hds-verdict__label">{esc(label)}</span></div>',
             f'<div class="hds-verdict__subject">{subject} · données {esc(data)} · client : {esc(customer)}'
             f' · à la date du {esc(french_date(check.get("as_of")))}</div>']
    if check.get("why"):
        parts.append(f'<p class="hds-verdict__why"><strong>Pourquoi :</strong> {esc(check["why"])}</p>')
    basis = confidence_label(check.get("basis_confidence"))
    if basis:
        parts.append(f'<p class="hds-verdict__basis">Fondement décisif : {esc(basis)}.</p>')
    questions = [question_of(m) for m in check.get("missing_facts") or []]
    if questions:
        parts.append('<div class="hds-verdict__list hds-verdict__missing"><strong>À préciser pour conclure :</strong><ul>'
                     + "".join(f"<li>{esc(q)}</li>" for q in questions) + "</ul></div>")
    offers = check.get("offers") or []
    if offers:
        parts.append(offers_table(offers))
    for key, title in (("conditions", "Conditions à remplir"), ("recommendations", "Recommandations")):
        values = [_plain(v) for v in check.get(key) or []]
        if values:
            parts.append(f'<div class="hds-verdict__list"><strong>{title} :</strong><ul>'
                         + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul></div>")
    caveats = [_plain(v) for v in check.get("caveats") or []]
    if caveats:
        parts.append(f'<details class="hds-verdict__caveats"><summary>Réserves ({len(caveats)})</summary><ul>'
                     + "".join(f"<li>{esc(v)}</li>" for v in caveats) + "</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def question_of(missing) -> str:
    """A missing fact as the question to answer (`question`, from the checker), else its reason
    in words; never the fact's variable name alone."""
    if not isinstance(missing, dict):
        return f"À préciser : {fact_name(str(missing))}."
    if missing.get("question"):
        return str(missing["question"])
    why = missing.get("why") or ""
    return f"{fact_name(missing.get('name')).capitalize()} : {why}" if why else f"À préciser : {fact_name(missing.get('name'))}."


def _plain(value) -> str:
    """A list entry that may be a string or an object (text, reason, description)."""
    if isinstance(value, dict):
        return str(value.get("text") or value.get("reason") or value.get("why") or value.get("description")
                   or fact_name(value.get("name")) or value)
    return str(value)


def offers_table(offers: list) -> str:
    """One row per offer of the provider: offer, verdict in words, reason, questions to answer."""
    rows = []
    for o in offers:
        if not isinstance(o, dict):
            rows.append(f"<tr><td>{esc(o)}</td><td></td><td></td></tr>")
            continue
        label = VERDICTS.get(o.get("verdict"), (o.get("verdict") or "",))[0]
        missing = [question_of(m) if isinstance(m, dict) else f"À préciser : {fact_name(m)}."
                   for m in o.get("missing_facts") or []]
        why = esc(o.get("why") or "") + ("".join(f"<br>{esc(q)}" for q in missing) if missing else "")
        rows.append(f'<tr><td><strong>{esc(o.get("offer") or o.get("name") or "?")}</strong></td>'
                    f"<td>{esc(label)}</td><td>{why}</td></tr>")
    return ('<div class="hds-verdict__offers"><strong>Par offre :</strong><table class="hds-offers"><thead><tr>'
            "<th>Offre</th><th>Verdict</th><th>Pourquoi</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def fact_words(fact: dict) -> str:
    """A fact in words: 'Microsoft : certifié HDS — oui, depuis novembre 2018 (source :
    providers-registry-notes, déclaration du fournisseur)'; an unknown value says so."""
    value = fact.get("value")
    words = YES_NO[value]["fr"] if value is None or isinstance(value, bool) else str(value)
    holder = f"{fact['holder']} : " if fact.get("holder") else ""
    line = f"{holder}{fact_name(fact.get('name'))} — {words}"
    if fact.get("valid_from"):
        line += f", depuis {month_date(fact['valid_from'])}"
    if fact.get("valid_to"):
        line += f", jusqu'à {month_date(fact['valid_to'])}"
    confidence = FACT_CONFIDENCE.get(fact.get("confidence"), {}).get("fr") or confidence_label(fact.get("confidence"))
    where = ", ".join(x for x in (f"source : {fact['source']}" if fact.get("source") else "", confidence) if x)
    return esc(line + (f" ({where})" if where else ""))


def rules_trace(check: dict) -> str:
    """The rules applied, in words: title, status, legal basis (quote linked to its text) and
    the facts used with their dates and sources. No variable names."""
    rules = check.get("rules") or []
    rows = []
    for r in rules:
        basis = r.get("basis") or {}
        basis_html = ""
        if basis.get("doc_id"):
            where = " ".join(esc(x) for x in (basis.get("doc_id"), basis.get("section")) if x)
            quote_html = f" « {esc(basis['quote'])} »" if basis.get("quote") else ""
            basis_html = _link(source_href(basis["doc_id"], q=basis.get("quote")), where) + quote_html
        facts = "".join(f"<li>{fact_words(f)}</li>" for f in r.get("facts") or [])
        status = r.get("status") or "unevaluated"
        rows.append(f'<tr><td>{esc(r.get("title") or r.get("id"))}</td>'
                    f'<td class="hds-status hds-status--{esc(status)}">{esc(RULE_STATUS.get(status, status))}'
                    f'{"<br><small>" + esc(r["note"]) + "</small>" if r.get("note") else ""}</td>'
                    f'<td>{basis_html}</td><td>{"<ul>" + facts + "</ul>" if facts else "—"}</td></tr>')
    table = ('<table><thead><tr><th>Règle</th><th>Statut</th><th>Fondement</th>'
             '<th>Faits utilisés</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>") if rows \
        else "<p>Aucune règle appliquée.</p>"
    return (f'<details class="hds-trace"><summary>Règles appliquées ({len(rules)})</summary>{table}</details>')


def claims_block(claims: list[dict]) -> str:
    if not claims:
        return ""
    items = "".join(
        f'<li><q>{esc(c.get("text"))}</q> : {esc(CLAIM_ACTIONS.get(c.get("action"), c.get("action")))}'
        f' (verdict : {esc(VERDICTS.get(c.get("verdict"), (c.get("verdict"),))[0])})</li>' for c in claims)
    return (f'<details class="hds-trace"><summary>Affirmations vérifiées ({len(claims)})</summary>'
            f'<ul>{items}</ul></details>')


def sources_list(citations: list[dict]) -> str:
    if not citations:
        return ""
    items = []
    for c in citations:
        title = esc(c.get("title") or c.get("doc_id"))
        section = f" — {esc(c['section'])}" if c.get("section") else ""
        meta = " · ".join(esc(x) for x in (c.get("date"), label(COMPLETENESS, c.get("completeness"))) if x)
        link = _link(source_href(c["doc_id"], c.get("start"), c.get("end")), f"{title}{section}", "hds-source")
        note = f' <em>{esc(c["note"])}</em>' if c.get("note") else ""
        confidence = confidence_label(c.get("confidence"))
        meta = " · ".join(x for x in (meta, f'<strong class="hds-confidence">{esc(confidence)}</strong>' if confidence else "") if x)
        items.append(f'<li value="{int(c.get("n", 0))}">{link} <span class="hds-meta">{meta}</span>'
                     f'<blockquote>{esc(c.get("quote"))}</blockquote>{note}</li>')
    return f'<div class="hds-sources"><strong>Sources</strong><ol>{"".join(items)}</ol></div>'


def notices_block(notices: list[dict]) -> str:
    if not notices:
        return ""
    return '<ul class="hds-notices">' + "".join(
        f'<li class="hds-notice hds-notice--{esc(n.get("kind"))}">{esc(n.get("text"))}</li>' for n in notices) + "</ul>"


def footer(as_of: str | None) -> str:
    return (f'<p class="hds-footer">Réponse établie à la date du {esc(as_of or "jour")}. '
            f'{esc(DISCLAIMER)}</p>')


def verdicts_of(ask: dict) -> list[dict]:
    """Every checker verdict of an answer: `verdicts` (one per provider named), else `verdict`."""
    verdicts = [v for v in ask.get("verdicts") or [] if isinstance(v, dict)]
    return verdicts or ([ask["verdict"]] if isinstance(ask.get("verdict"), dict) else [])


def answer_html(ask: dict) -> str:
    """The whole answer: short answer first, one verdict card per provider, notes, rules
    applied, sources, date, disclaimer."""
    citations = ask.get("citations") or []
    short = ask.get("short_answer") or ""
    verdicts = verdicts_of(ask)
    parts = [f'<div class="hds-answer" lang="{esc(ask.get("language") or "fr")}">']
    if short:
        parts.append(f'<p class="hds-short">{_inline(short, citations)}</p>')
    for verdict in verdicts:
        parts.append(verdict_card(verdict))
    lead = lead_text(ask)
    if lead:
        parts.append(f'<div class="hds-body">{markdown_lite(lead, citations)}</div>')
    notices = [n for n in ask.get("notices") or [] if (n.get("text") or "").strip() != short.strip()]
    parts.append(notices_block(notices))
    for verdict in verdicts:
        parts.append(rules_trace(verdict))
    parts.append(claims_block(ask.get("claims") or []))
    parts.append(sources_list(citations))
    parts.append(footer(ask.get("as_of")))
    parts.append("</div>")
    return "".join(parts)


def check_html(check: dict, plain_text: str | None = None) -> str:
    """The checker's verdict card and trace; `plain_text` (the checker's own French rendering)
    goes in a block to copy into a note."""
    copy = (f'<details class="hds-trace"><summary>Texte à copier</summary>'
            f'<pre class="hds-copy">{html.escape(plain_text)}</pre></details>') if plain_text else ""
    return (f'<div class="hds-answer">{verdict_card(check)}{rules_trace(check)}{copy}'
            f'{footer(check.get("as_of"))}</div>')


def agreement_mark(claim: dict) -> str:
    """Three states: the checker agrees, contradicts, or cannot decide (`checkable` false:
    the verdict is undetermined or out of scope, so the claim is neither confirmed nor refuted)."""
    if claim.get("checkable") is False or claim.get("agrees") not in (True, False):
        return '<span class="hds-agree hds-agree--undecided">? le vérificateur ne peut pas trancher</span>'
    if claim["agrees"]:
        return '<span class="hds-agree hds-agree--yes">✔ concorde</span>'
    return '<span class="hds-agree hds-agree--no">✖ contredit</span>'


def audit_html(audit: dict) -> str:
    claims = audit.get("claims") or []
    if not claims:
        body = ("<p>Aucune affirmation d'éligibilité trouvée dans ce texte (questions, hypothèses "
                "et phrases sans affirmation d'hébergement ne sont pas retenues).</p>")
    else:
        rows = []
        for c in claims:
            mark = agreement_mark(c)
            stated = VERDICTS.get(c.get("stated"), (c.get("stated"),))[0]
            verdict = VERDICTS.get(c.get("verdict"), (c.get("verdict"),))[0]
            check = c.get("check") or {}
            detail = (f'<details><summary>Détail</summary>{verdict_card(check)}{rules_trace(check)}</details>'
                      if check else "")
            rows.append(f"<tr><td><q>{esc(c.get('clause') or c.get('text'))}</q></td><td>{esc(stated)}</td>"
                        f"<td>{esc(verdict)}</td><td>{mark}</td><td>{detail}</td></tr>")
        body = ('<table class="hds-audit"><thead><tr><th>Affirmation</th><th>Affirmé</th><th>Vérificateur</th>'
                '<th>Accord</th><th></th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return (f'<div class="hds-answer"><p class="hds-short">{len(claims)} affirmation(s) vérifiée(s).</p>'
            f'{body}{footer(audit.get("as_of"))}</div>')


def documents_html(documents) -> str:
    rows = []
    for d in sorted(documents, key=lambda d: (d.date or "", d.doc_id), reverse=True):
        link = _link(source_href(d.doc_id), esc(d.title))
        origin = _link(d.url, "original") if d.url else "—"
        rows.append(f"<tr><td>{link}<br><code>{esc(d.doc_id)}</code></td><td>{esc(label(KINDS, d.kind))}</td>"
                    f"<td>{esc(d.date)}</td><td>{esc(label(COMPLETENESS, d.completeness))}</td>"
                    f"<td>{esc(d.licence or '—')}</td><td>{origin}</td></tr>")
    return ('<table class="hds-documents"><thead><tr><th>Titre</th><th>Nature</th><th>Date</th>'
            '<th>Complétude</th><th>Licence</th><th>Lien</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table>")


def source_page(doc, start: int | None, end: int | None, css: str = "") -> str:
    """A standalone page: the document's normalised text, the passage in `<mark id="passage">`."""
    text = doc.text
    if start is None or end is None:
        body = html.escape(text)
        found = ""
    else:
        body = (html.escape(text[:start]) + '<mark id="passage">' + html.escape(text[start:end])
                + "</mark>" + html.escape(text[end:]))
        found = f"<p>Passage cité : caractères {start} à {end}.</p>"
    origin = (f'<a href="{esc(doc.url)}" rel="noopener">{esc(doc.url)}</a>' if doc.url else "non indiqué")
    return ("<!doctype html>\n"
            f'<html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(doc.title)}</title>'
            f"<style>{css}</style></head><body class=\"hds-source-page\">"
            f"<header><h1>{esc(doc.title)}</h1><p>Date : {esc(doc.date)} · "
            f"{esc(label(COMPLETENESS, doc.completeness))} · nature : {esc(label(KINDS, doc.kind))}"
            f" · licence : {esc(doc.licence or 'non indiquée')}</p><p>Source : {origin}</p>{found}"
            f'<p class="hds-footer">{esc(DISCLAIMER)}</p></header>'
            f'<pre class="hds-doc-text">{body}</pre></body></html>\n')


def answer_page(ask: dict, css: str = "") -> str:
    """A standalone page: the question, then the whole answer (`answer_html`)."""
    lang = esc(ask.get("language") or "fr")
    return ("<!doctype html>\n"
            f'<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(clip(str(ask.get('question') or ''), 120))}</title><style>{css}</style></head>"
            f'<body class="hds-source-page"><header><h1>{esc(ask.get("question"))}</h1></header>'
            f"{answer_html(ask)}</body></html>\n")
