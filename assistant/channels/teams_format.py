"""Microsoft Teams rendering of an answer: an Adaptive Card (schema 1.4) and a short plain-text
fallback, built for Teams: the short answer once, each verdict with its reason and the
questions to answer, at most three quotes (whole, each linked to its passage), a "voir la
réponse complète" action when the web chat has a public URL, the date and one disclaimer, in
the answer's language (`bot_digest`). The card stays under `CARD_MAX_BYTES` (6 kB of JSON):
quotes are dropped, last first, rather than cut; when not even the first quote fits whole, the
numbered sources stay without their words (round 12: an answer must keep its references).

`reply()` wraps it in a message activity (a JSON dict usable both as a Bot Framework reply and
as the body of an outgoing-webhook response). It computes nothing and sends nothing.
"""
from __future__ import annotations

import json

from assistant.channels.bot_digest import Digest, digest
from assistant.wording import clip

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
CARD_MAX_BYTES = 6000
TEXT_MAX = 1000
_ICONS = {"eligible": "✅", "not_eligible": "⛔", "undetermined": "❓", "not_applicable": "➖"}


def _text(text: str, **style) -> dict:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _md(text: str) -> str:
    """Plain text safe in the card's Markdown subset (no accidental emphasis or links)."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


def _colon(d: Digest) -> str:
    return " :" if d.lang == "fr" else ":"


def verdict_blocks(d: Digest, i: int) -> list[dict]:
    v = d.verdicts[i]
    out = [_text(f"{_ICONS.get(v.verdict, '❓')} **{_md(v.label)}** — {_md(v.subject)}", separator=True)]
    if v.why:
        out.append(_text(f"**{d.word('why')}{_colon(d)}** {_md(clip(v.why, TEXT_MAX))}"))
    if v.questions:
        out.append(_text(f"**{d.word('ask')}{_colon(d)}**\n" + "\n".join(f"- {_md(q)}" for q in v.questions)))
    if v.offers:
        out.append(_text(f"_{d.word('offers')}_{_colon(d)} " + " ; ".join(_md(o) for o in v.offers), size="Small"))
    return out


def quote_block(d: Digest, i: int, words: bool = True) -> dict:
    """Source `i` of the card: its number, title and section, and its quote unless `words` is False."""
    q = d.quotes[i]
    title = _md(q.title + (f", {q.section}" if q.section else ""))
    head = f"**[{q.n}]** " + (f"[{title}]({q.href})" if q.href else f"**{title}**")
    if q.label:
        head += f" _({_md(q.label)})_"
    return _text(head + (f" : « {_md(q.quote)} »" if q.quote and words else ""), size="Small")


def card(answer: dict, environ=None, max_bytes: int = CARD_MAX_BYTES) -> dict:
    """The Adaptive Card of one answer, under `max_bytes` of JSON."""
    d = digest(answer, environ)
    for keep in range(len(d.quotes), 0, -1):
        built = _card(d, keep)
        if size(built) < max_bytes:
            return built
    for keep in range(len(d.quotes), -1, -1):  # no quote fits whole: the numbered sources, without their words
        built = _card(d, keep, words=False)
        if size(built) < max_bytes:
            return built
    return built  # the short answer, verdicts and footer alone: kept whole


def _card(d: Digest, quotes: int, words: bool = True) -> dict:
    body: list[dict] = [_text(_md(clip(d.short, TEXT_MAX)), weight="Bolder", size="Medium")]
    for i in range(len(d.verdicts)):
        body.extend(verdict_blocks(d, i))
    if quotes:
        body.append(_text(d.word("sources"), weight="Bolder", separator=True))
        body.extend(quote_block(d, i, words) for i in range(quotes))
    if d.notices:
        body.append(_text(_md(" · ".join(d.notices)), size="Small", isSubtle=True))
    body.append(_text(_md(d.footer), isSubtle=True, size="Small", separator=True))
    out = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
           "version": "1.4", "body": body, "fallbackText": plain_text_of(d), "msteams": {"width": "Full"}}
    if d.full_url:
        out["actions"] = [{"type": "Action.OpenUrl", "title": d.word("full"), "url": d.full_url}]
    return out


def size(obj: dict) -> int:
    """Bytes of the JSON as sent."""
    return len(json.dumps(obj, ensure_ascii=False).encode("utf-8"))


def plain_text_of(d: Digest) -> str:
    """The short answer, each verdict's reason, the full-answer link and the date: for clients
    that cannot render the card."""
    lines = [clip(d.short, TEXT_MAX)]
    lines += [f"{v.label} — {v.subject}. {clip(v.why, 400)}".strip() for v in d.verdicts]
    if d.full_url:
        lines.append(f"{d.word('full')} : {d.full_url}" if d.lang == "fr" else f"{d.word('full')}: {d.full_url}")
    lines.append(d.footer.split(". ")[0] + ".")
    return "\n".join(lines)


def reply(answer: dict, environ=None) -> dict:
    """A message activity: the card as attachment, the short answer as text; under 6 kB of JSON."""
    d = digest(answer, environ)
    activity = {"type": "message", "text": clip(d.short, TEXT_MAX), "textFormat": "plain",
                "attachments": [{"contentType": CARD_CONTENT_TYPE, "content": {}}]}
    budget = CARD_MAX_BYTES - size(activity)  # the whole activity, not only the card, stays under 6 kB
    activity["attachments"][0]["content"] = card(answer, environ, budget)
    return activity


def notice(text: str) -> dict:
    """A plain message activity (usage, timeout, error)."""
    return {"type": "message", "text": text, "textFormat": "plain"}
