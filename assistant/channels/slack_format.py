"""Slack Block Kit rendering of an answer (the contract's `ask` object plus `short_answer`,
`language`, `notices`).

Gives one message: the short answer, the checker's verdict with an emoji, the answer text,
notices, numbered sources with links and quotes, "à la date du ...", and the disclaimer;
plus a plain-text fallback for notifications. It only reshapes the JSON: it does not compute
answers, call Slack, or shorten a quote other than with a visible "…".
"""
from __future__ import annotations

import re

from assistant.wording import CUSTOMER_NAMES, DATA_NAMES, VERDICT_LABELS, clip, french_date
from assistant.wording import DISCLAIMER as DISCLAIMER_TEXT

SECTION_MAX = 2900  # Slack refuses a section text over 3000 characters
QUOTE_MAX = 280
MAX_SOURCES = 8

_EMOJI = {"eligible": ":white_check_mark:", "not_eligible": ":no_entry:", "undetermined": ":grey_question:",
          "not_applicable": ":heavy_minus_sign:"}
VERDICTS = {k: (_EMOJI[k], v["fr"]) for k, v in VERDICT_LABELS.items()}
CUSTOMERS = {k: v["fr"] for k, v in CUSTOMER_NAMES.items()}
DATA = {k: v["fr"] for k, v in DATA_NAMES.items()}
DISCLAIMER = DISCLAIMER_TEXT["fr"]


def escape(text: str) -> str:
    """Slack's three control characters, escaped as its docs require."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_mrkdwn(markdown: str) -> str:
    """The subset of Markdown our answers use (bold, links, headings, quotes) in Slack's mrkdwn."""
    text = escape(markdown)
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)
    text = re.sub(r"^&gt;", ">", text, flags=re.MULTILINE)  # a quote line stays a Slack quote
    return re.sub(r"^#{1,6}\s*(.+)$", r"*\1*", text, flags=re.MULTILINE)


def _item(value) -> str:
    if isinstance(value, dict):
        return str(value.get("text") or value.get("reason") or value.get("name") or value)
    return str(value)


def verdict_line(verdict: dict) -> str:
    emoji, label = VERDICTS.get(verdict.get("verdict"), (":grey_question:", str(verdict.get("verdict"))))
    subject = " — ".join(x for x in (verdict.get("provider"), verdict.get("offer")) if x) or "offre non identifiée"
    data = ", ".join(DATA.get(d, d) for d in verdict.get("data") or [])
    customer = CUSTOMERS.get(verdict.get("customer"), verdict.get("customer") or "client non précisé")
    line = f"{emoji} *Verdict : {label}* — {escape(subject)}"
    details = [f"données {data}" if data else "", customer]
    return line + " (" + " ; ".join(d for d in details if d) + ")"


def source_line(citation: dict) -> str:
    title = escape(str(citation.get("title") or citation.get("doc_id") or "source"))
    url = citation.get("url")
    head = f"<{url}|{title}>" if url else f"*{title}*"
    section = citation.get("section")
    quote = clip(" ".join(str(citation.get("quote") or "").split()), QUOTE_MAX)
    line = f"*[{citation.get('n')}]* {head}" + (f", {escape(str(section))}" if section else "")
    return line + (f"\n> « {escape(quote)} »" if quote else "")


def blocks(answer: dict) -> list[dict]:
    """The Block Kit blocks of one answer."""
    out: list[dict] = []
    short = answer.get("short_answer") or answer.get("answer") or "Pas de réponse."
    out.append(_section("*" + clip(escape(short), SECTION_MAX) + "*"))
    verdict = answer.get("verdict")
    if verdict:
        text = verdict_line(verdict)
        for title, key in (("Faits manquants", "missing_facts"), ("Conditions", "conditions"),
                           ("Réserves", "caveats")):
            items = verdict.get(key) or []
            if items:
                text += f"\n_{title}_ : " + " ; ".join(escape(_item(i)) for i in items)
        out.append(_section(clip(text, SECTION_MAX)))
    body = answer.get("answer") or ""
    if body and body.strip() != short.strip():
        out.append(_section(clip(to_mrkdwn(body), SECTION_MAX)))
    for notice in answer.get("notices") or []:
        out.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": ":warning: " + clip(escape(_item(notice)), SECTION_MAX)}]})
    citations = answer.get("citations") or []
    if citations:
        out.append({"type": "divider"})
        out.append(_section("*Sources*"))
        for citation in citations[:MAX_SOURCES]:
            out.append(_section(clip(source_line(citation), SECTION_MAX)))
        if len(citations) > MAX_SOURCES:
            out.append(_section(f"_… et {len(citations) - MAX_SOURCES} autres sources._"))
    out.append({"type": "context", "elements": [{"type": "mrkdwn", "text": (
        f"À la date du {french_date(answer.get('as_of'))}. {DISCLAIMER}")}]})
    return out


def fallback_text(answer: dict) -> str:
    """The notification text (shown where blocks are not)."""
    short = answer.get("short_answer") or answer.get("answer") or "Pas de réponse."
    return clip(f"{short} (à la date du {french_date(answer.get('as_of'))})", 3000)


def message(answer: dict) -> dict:
    """Keyword arguments for `chat.postMessage` / `respond` (without channel and thread)."""
    return {"text": fallback_text(answer), "blocks": blocks(answer), "unfurl_links": False}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}
