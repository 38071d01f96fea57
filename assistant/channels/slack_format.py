"""Slack Block Kit rendering of an answer (the contract's `ask` object), built for Slack: the
short answer once, each verdict with its reason and the questions to answer, at most three
quotes (whole, each linked to its passage), a "voir la réponse complète" link when the web chat
has a public URL, the date and one disclaimer, in the answer's language (`bot_digest`).

Within Slack's limits: at most 50 blocks, 3,000 characters per section text; a quote is never
cut: one too long for a section is replaced by a link to the passage. It only reshapes the
JSON: it does not compute answers nor call Slack.
"""
from __future__ import annotations

from assistant.channels.bot_digest import Digest, digest
from assistant.wording import clip

SECTION_MAX = 3000  # Slack refuses a section text over 3000 characters
MESSAGE_MAX = 3000  # the notification text
CONTEXT_MAX = 2000  # a context element's text
_EMOJI = {"eligible": ":white_check_mark:", "not_eligible": ":no_entry:", "undetermined": ":grey_question:",
          "not_applicable": ":heavy_minus_sign:"}


def escape(text: str) -> str:
    """Slack's three control characters, escaped as its docs require."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link(href: str | None, text: str) -> str:
    return f"<{href}|{escape(text).replace('|', '/')}>" if href else f"*{escape(text)}*"


def verdict_text(d: Digest, i: int) -> str:
    v = d.verdicts[i]
    lines = [f"{_EMOJI.get(v.verdict, ':grey_question:')} *{escape(v.label)}* — {escape(v.subject)}"]
    if v.why:
        lines.append(f"*{d.word('why')} :* {escape(v.why)}" if d.lang == "fr" else f"*{d.word('why')}:* {escape(v.why)}")
    if v.questions:
        lines.append(f"*{d.word('ask')} :*" if d.lang == "fr" else f"*{d.word('ask')}:*")
        lines.extend(f"• {escape(q)}" for q in v.questions)
    if v.offers:
        lines.append(f"_{d.word('offers')}_{' :' if d.lang == 'fr' else ':'} " + " ; ".join(escape(o) for o in v.offers))
    return clip("\n".join(lines), SECTION_MAX)


def quote_text(d: Digest, i: int) -> str:
    q = d.quotes[i]
    head = f"*[{q.n}]* " + _link(q.href, q.title + (f", {q.section}" if q.section else ""))
    if q.label:
        head += f" _({escape(q.label)})_"
    body = f"\n> « {escape(q.quote)} »" if q.quote else ""
    if len(head) + len(body) > SECTION_MAX:  # never cut a quote: point to it instead
        body = f"\n> _({d.word('long')})_"
    return head + body


def blocks(answer: dict, environ=None) -> list[dict]:
    """The Block Kit blocks of one answer."""
    d = digest(answer, environ)
    out: list[dict] = [_section("*" + clip(escape(d.short), SECTION_MAX - 2) + "*")]
    out.extend(_section(verdict_text(d, i)) for i in range(len(d.verdicts[:10])))
    if d.quotes:
        out.append(_context(f"*{d.word('sources')}*"))
        out.extend(_section(quote_text(d, i)) for i in range(len(d.quotes)))
    if d.notices:
        out.append(_context(clip(" · ".join(escape(n) for n in d.notices), CONTEXT_MAX)))
    footer = escape(d.footer)
    if d.full_url:
        footer = f"<{d.full_url}|{d.word('full')}> · " + footer
    out.append(_context(footer))
    return out


def fallback_text(answer: dict) -> str:
    """The notification text (shown where blocks are not): the short answer and the date."""
    d = digest(answer)
    return clip(f"{d.short} ({d.footer.split('. ')[0]})", MESSAGE_MAX)


def message(answer: dict, environ=None) -> dict:
    """Keyword arguments for `chat.postMessage` / `respond` (without channel and thread)."""
    return {"text": fallback_text(answer), "blocks": blocks(answer, environ), "unfurl_links": False}


def _section(text: str) -> dict:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}
