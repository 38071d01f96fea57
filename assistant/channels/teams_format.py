"""Microsoft Teams rendering of an answer: an Adaptive Card and a plain-text fallback.

The card holds the short answer, the checker's verdict as a FactSet, the answer text, notices,
numbered sources with links and quotes, "à la date du ..." and the disclaimer. `reply()` wraps
it in a message activity (a JSON dict usable both as a Bot Framework reply and as the body of
an outgoing-webhook response). It only reshapes the answer JSON: it computes nothing and
sends nothing.
"""
from __future__ import annotations

import re

from assistant.wording import CUSTOMER_NAMES, DATA_NAMES, VERDICT_LABELS, clip, french_date
from assistant.wording import DISCLAIMER as DISCLAIMER_TEXT

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
QUOTE_MAX = 280
MAX_SOURCES = 8
TEXT_MAX = 6000

_ICONS = {"eligible": "✅", "not_eligible": "⛔", "undetermined": "❓", "not_applicable": "➖"}
VERDICTS = {k: f"{_ICONS[k]} {v['fr']}" for k, v in VERDICT_LABELS.items()}
CUSTOMERS = {k: v["fr"] for k, v in CUSTOMER_NAMES.items()}
DATA = {k: v["fr"] for k, v in DATA_NAMES.items()}
DISCLAIMER = DISCLAIMER_TEXT["fr"]


def _item(value) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or value.get("reason") or value.get("name") or value)
    return str(value)


def verdict_facts(verdict: dict) -> list[dict]:
    """The FactSet rows of a checker verdict (the contract's `check` object)."""
    facts = [{"title": "Verdict", "value": VERDICTS.get(verdict.get("verdict"), str(verdict.get("verdict")))}]
    subject = " — ".join(x for x in (verdict.get("provider"), verdict.get("offer")) if x)
    facts.append({"title": "Offre", "value": subject or "non identifiée"})
    if verdict.get("data"):
        facts.append({"title": "Données", "value": ", ".join(DATA.get(d, d) for d in verdict["data"])})
    facts.append({"title": "Client", "value": CUSTOMERS.get(verdict.get("customer"),
                                                            verdict.get("customer") or "non précisé")})
    if verdict.get("as_of"):
        facts.append({"title": "À la date du", "value": french_date(verdict["as_of"])})
    for title, key in (("Faits manquants", "missing_facts"), ("Conditions", "conditions"), ("Réserves", "caveats")):
        if verdict.get(key):
            facts.append({"title": title, "value": " ; ".join(_item(i) for i in verdict[key])})
    return facts


def source_text(citation: dict) -> str:
    """`[n] [title](url), section : « quote »` in the Markdown subset Adaptive Cards render."""
    title = str(citation.get("title") or citation.get("doc_id") or "source").replace("]", ")")
    head = f"[{title}]({citation['url']})" if citation.get("url") else f"**{title}**"
    section = f", {citation['section']}" if citation.get("section") else ""
    quote = clip(" ".join(str(citation.get("quote") or "").split()), QUOTE_MAX)
    return f"**[{citation.get('n')}]** {head}{section}" + (f" : « {quote} »" if quote else "")


def _text(text: str, **style) -> dict:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def card(answer: dict) -> dict:
    """The Adaptive Card (schema 1.4, which Teams renders) of one answer."""
    short = answer.get("short_answer") or answer.get("answer") or "Pas de réponse."
    body: list[dict] = [_text(short, weight="Bolder", size="Medium")]
    if answer.get("verdict"):
        body.append({"type": "FactSet", "facts": verdict_facts(answer["verdict"])})
    text = answer.get("answer") or ""
    if text and text.strip() != short.strip():
        body.append(_text(clip(re.sub(r"^#{1,6}\s*(.+)$", r"**\1**", text, flags=re.MULTILINE), TEXT_MAX)))
    for notice in answer.get("notices") or []:
        body.append(_text("⚠️ " + _item(notice), color="Warning", size="Small"))
    citations = answer.get("citations") or []
    if citations:
        body.append(_text("Sources", weight="Bolder", separator=True))
        body.extend(_text(source_text(c), size="Small") for c in citations[:MAX_SOURCES])
        if len(citations) > MAX_SOURCES:
            body.append(_text(f"… et {len(citations) - MAX_SOURCES} autres sources.", size="Small"))
    body.append(_text(f"À la date du {french_date(answer.get('as_of'))}. {DISCLAIMER}",
                      isSubtle=True, size="Small", separator=True))
    return {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": "1.4", "body": body, "fallbackText": plain_text(answer), "msteams": {"width": "Full"}}


def plain_text(answer: dict) -> str:
    """The whole answer as plain text, for clients that cannot render the card."""
    lines = [answer.get("short_answer") or answer.get("answer") or "Pas de réponse."]
    if answer.get("verdict"):
        lines.append(" ; ".join(f"{f['title']} : {f['value']}" for f in verdict_facts(answer["verdict"])))
    for c in (answer.get("citations") or [])[:MAX_SOURCES]:
        lines.append(f"[{c.get('n')}] {c.get('title')}" + (f", {c['section']}" if c.get("section") else "")
                     + (f" — {c['url']}" if c.get("url") else ""))
    lines.append(f"À la date du {french_date(answer.get('as_of'))}. {DISCLAIMER}")
    return clip("\n".join(line for line in lines if line), TEXT_MAX)


def reply(answer: dict) -> dict:
    """A message activity: the card as attachment, the short answer as text, the rest as summary."""
    short = answer.get("short_answer") or answer.get("answer") or "Pas de réponse."
    return {"type": "message", "text": short, "textFormat": "plain", "summary": clip(plain_text(answer), 1000),
            "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": card(answer)}]}


def notice(text: str) -> dict:
    """A plain message activity (usage, timeout, error)."""
    return {"type": "message", "text": text, "textFormat": "plain"}
