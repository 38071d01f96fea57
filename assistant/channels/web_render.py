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

from assistant.wording import COMPLETENESS, CUSTOMER_NAMES, DATA_NAMES, KINDS, VERDICT_LABELS
from assistant.wording import DISCLAIMER as DISCLAIMER_TEXT
from assistant.wording import RULE_STATUS as RULE_STATUS_LABELS

DISCLAIMER = DISCLAIMER_TEXT["fr"]
_CSS = {"eligible": "ok", "not_eligible": "ko", "undetermined": "unknown", "not_applicable": "na"}
VERDICTS = {k: (v["fr"], _CSS[k]) for k, v in VERDICT_LABELS.items()}  # label, css modifier (web.css draws the icon)
RULE_STATUS = {k: v["fr"] for k, v in RULE_STATUS_LABELS.items()}
CLAIM_ACTIONS = {"shown": "confirmée par le vérificateur", "corrected": "corrigée par le vérificateur",
                 "withheld": "non vérifiable, retenue"}
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
    """A coloured card with icon and the verdict in words (colour is never the only signal)."""
    label, mod = VERDICTS.get(check.get("verdict"), ("Verdict inconnu", "unknown"))
    subject = " — ".join(esc(x) for x in (check.get("provider"), check.get("offer")) if x) or "offre non précisée"
    data = ", ".join(DATA_KINDS.get(d, d) for d in check.get("data") or []) or "non précisées"
    customer = CUSTOMERS.get(check.get("customer"), check.get("customer") or "non précisé")
    parts = [f'<div class="hds-verdict hds-verdict--{mod}" role="status" aria-label="Verdict : {esc(label)}">',
             # The icon is drawn by CSS (`content: "✖" / ""`: no spoken text), since the chat's
             # HTML sanitiser drops aria-hidden; the verdict itself is always written out.
             f'<div class="hds-verdict__head"><span class="hds-verdict__icon"></span>'
             f'<span class="hds-sr">Verdict : </span><span class="hds-verdict__label">{esc(label)}</span></div>',
             f'<div class="hds-verdict__subject">{subject} · données {esc(data)} · client : {esc(customer)}'
             f' · à la date du {esc(check.get("as_of"))}</div>']
    sections = (("missing_facts", "Faits manquants"), ("conditions", "Conditions à vérifier"),
                ("recommendations", "Recommandations"), ("caveats", "Réserves"))
    for key, title in sections:
        values = [_plain(v) for v in check.get(key) or []]
        if values:
            parts.append(f'<div class="hds-verdict__list"><strong>{title} :</strong><ul>'
                         + "".join(f"<li>{esc(v)}</li>" for v in values) + "</ul></div>")
    offers = check.get("offers") or []
    if offers:
        parts.append('<div class="hds-verdict__list"><strong>Offres du fournisseur :</strong><ul>'
                     + "".join(f"<li>{_offer_line(o)}</li>" for o in offers) + "</ul></div>")
    parts.append("</div>")
    return "".join(parts)


def _plain(value) -> str:
    """A list entry that may be a string or an object (a missing fact: name, subject, why)."""
    if isinstance(value, dict):
        head = value.get("name") or value.get("fact") or value.get("id") or ""
        if head and value.get("subject"):
            head = f"{head} ({value['subject']})"
        tail = value.get("why") or value.get("reason") or value.get("text") or value.get("description") or ""
        return f"{head} : {tail}" if head and tail else str(head or tail or value)
    return str(value)


def _offer_line(offer) -> str:
    if not isinstance(offer, dict):
        return esc(offer)
    name = offer.get("offer") or offer.get("name") or "?"
    verdict = offer.get("verdict")
    label = VERDICTS.get(verdict, (verdict or "",))[0]
    why = f" — {esc(offer['why'])}" if offer.get("why") else ""
    return f"<strong>{esc(name)}</strong>" + (f" : {esc(label)}" if label else "") + why


def _fact_line(fact: dict) -> str:
    """'secnumcloud = True depuis 2021-09-28 (secondary ; source : doc-id)', or 'inconnu'."""
    value = fact.get("value")
    line = f"{esc(fact.get('name'))} = {esc('inconnu' if value is None else value)}"
    if fact.get("valid_from"):
        line += f" depuis {esc(fact['valid_from'])}"
    where = " ; ".join(x for x in (esc(fact.get("confidence") or ""),
                                   f"source : {esc(fact['source'])}" if fact.get("source") else "") if x)
    return line + (f" ({where})" if where else "")


def rules_trace(check: dict) -> str:
    """The rules applied, each with status, legal basis (quote linked to its text) and facts."""
    rules = check.get("rules") or []
    rows = []
    for r in rules:
        basis = r.get("basis") or {}
        basis_html = ""
        if basis.get("doc_id"):
            where = " ".join(esc(x) for x in (basis.get("doc_id"), basis.get("section")) if x)
            quote_html = f" « {esc(basis['quote'])} »" if basis.get("quote") else ""
            basis_html = _link(source_href(basis["doc_id"], q=basis.get("quote")), where) + quote_html
        facts = "".join(f"<li>{_fact_line(f)}</li>" for f in r.get("facts") or [])
        status = r.get("status", "")
        rows.append(f'<tr><td>{esc(r.get("id"))}</td><td>{esc(r.get("title"))}</td>'
                    f'<td class="hds-status hds-status--{esc(status)}">{esc(RULE_STATUS.get(status, status))}'
                    f'{"<br><small>" + esc(r["note"]) + "</small>" if r.get("note") else ""}</td>'
                    f'<td>{basis_html}</td><td>{"<ul>" + facts + "</ul>" if facts else "—"}</td></tr>')
    table = ('<table><thead><tr><th>Règle</th><th>Intitulé</th><th>Statut</th><th>Fondement</th>'
             '<th>Faits utilisés</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>") if rows \
        else "<p>Aucune règle appliquée.</p>"
    return (f'<details class="hds-trace"><summary>Trace des règles ({len(rules)})</summary>{table}</details>')


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
        meta = " · ".join(esc(x) for x in (c.get("date"), COMPLETENESS.get(c.get("completeness"), c.get("completeness"))) if x)
        link = _link(source_href(c["doc_id"], c.get("start"), c.get("end")), f"{title}{section}", "hds-source")
        note = f' <em>{esc(c["note"])}</em>' if c.get("note") else ""
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


def answer_html(ask: dict) -> str:
    """The whole answer: short answer first, verdict card, notes, trace, sources, date, disclaimer."""
    citations = ask.get("citations") or []
    short = ask.get("short_answer") or ""
    parts = ['<div class="hds-answer">']
    if short:
        parts.append(f'<p class="hds-short">{_inline(short, citations)}</p>')
    if ask.get("verdict"):
        parts.append(verdict_card(ask["verdict"]))
    lead = lead_text(ask)
    if lead:
        parts.append(f'<div class="hds-body">{markdown_lite(lead, citations)}</div>')
    notices = [n for n in ask.get("notices") or [] if (n.get("text") or "").strip() != short.strip()]
    parts.append(notices_block(notices))
    if ask.get("verdict"):
        parts.append(rules_trace(ask["verdict"]))
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


def audit_html(audit: dict) -> str:
    claims = audit.get("claims") or []
    if not claims:
        body = ("<p>Aucune affirmation d'éligibilité trouvée dans ce texte (questions, hypothèses "
                "et phrases sans affirmation d'hébergement ne sont pas retenues).</p>")
    else:
        rows = []
        for c in claims:
            agrees = c.get("agrees")
            mark = ('<span class="hds-agree hds-agree--yes">✔ concorde</span>' if agrees is True
                    else '<span class="hds-agree hds-agree--no">✖ contredit</span>' if agrees is False
                    else '<span class="hds-agree">? non vérifiable</span>')
            stated = VERDICTS.get(c.get("stated"), (c.get("stated"),))[0]
            verdict = VERDICTS.get(c.get("verdict"), (c.get("verdict"),))[0]
            check = c.get("check") or {}
            detail = (f'<details><summary>Détail</summary>{verdict_card(check)}{rules_trace(check)}</details>'
                      if check else "")
            rows.append(f"<tr><td><q>{esc(c.get('text'))}</q></td><td>{esc(stated)}</td>"
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
        rows.append(f"<tr><td>{link}<br><code>{esc(d.doc_id)}</code></td><td>{esc(KINDS.get(d.kind, d.kind))}</td>"
                    f"<td>{esc(d.date)}</td><td>{esc(COMPLETENESS.get(d.completeness, d.completeness))}</td>"
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
            f'<html lang="fr"><head><meta charset="utf-8"><title>{esc(doc.title)}</title>'
            f"<style>{css}</style></head><body class=\"hds-source-page\">"
            f"<header><h1>{esc(doc.title)}</h1><p>Date : {esc(doc.date)} · "
            f"{esc(COMPLETENESS.get(doc.completeness, doc.completeness))} · nature : {esc(KINDS.get(doc.kind, doc.kind))}"
            f" · licence : {esc(doc.licence or 'non indiquée')}</p><p>Source : {origin}</p>{found}"
            f'<p class="hds-footer">{esc(DISCLAIMER)}</p></header>'
            f'<pre class="hds-doc-text">{body}</pre></body></html>\n')
