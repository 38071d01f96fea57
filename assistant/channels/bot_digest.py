"""What a chat bot message says, before any Slack or Teams syntax: the short answer once, each
verdict with its reason and the questions to answer, at most three quotes (each whole, with a
link to the passage and its confidence label), the user-facing notices, a link to the full
answer, the date and one disclaimer, all in the answer's language.

Links: with `HDS_PUBLIC_URL` (the web chat's public address) a quote links to the web source
page with the passage highlighted and "voir la réponse complète" to `/answer?q=...`; without it,
a quote links to the document's own URL (when known) and there is no full-answer link.

It reshapes the answer JSON only: no Slack/Teams syntax, no answer computed, no quote cut.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from assistant.titles import source_title
from assistant.wording import (CUSTOMER_NAMES, DATA_NAMES, DISCLAIMER, VERDICT_LABELS, confidence_label, fact_name,
                               french_date)

MAX_QUOTES = 3
MAX_FULL_LINK_QUESTION = 1500  # longer questions get no "full answer" link (URL length)
WORDS = {
    "fr": {"why": "Pourquoi", "ask": "À préciser", "offers": "Par offre", "full": "Voir la réponse complète",
           "as_of": "À la date du", "none": "Pas de réponse.", "sources": "Passages cités",
           "long": "passage long : voir le texte", "unnamed": "offre non précisée"},
    "en": {"why": "Why", "ask": "To be confirmed", "offers": "By offer", "full": "See the full answer",
           "as_of": "As of", "none": "No answer.", "sources": "Passages quoted",
           "long": "long passage: see the text", "unnamed": "offer not named"},
}
NOTICE_KINDS = ("assumption", "missing_text")


@dataclass
class VerdictDigest:
    verdict: str
    label: str
    subject: str
    why: str
    questions: list[str] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)


@dataclass
class QuoteDigest:
    n: int
    title: str
    section: str
    quote: str
    href: str | None
    label: str  # "cité par la presse", … ("" for an official text)


@dataclass
class Digest:
    lang: str
    short: str
    verdicts: list[VerdictDigest]
    quotes: list[QuoteDigest]
    notices: list[str]
    full_url: str | None
    footer: str

    def word(self, key: str) -> str:
        return WORDS[self.lang][key]


def public_url(environ=None) -> str | None:
    value = ((environ if environ is not None else os.environ).get("HDS_PUBLIC_URL") or "").strip()
    return value.rstrip("/") if value.startswith(("http://", "https://")) else None


def passage_url(base: str | None, citation: dict) -> str | None:
    if base and citation.get("doc_id"):
        params = ({"start": int(citation["start"]), "end": int(citation["end"])}
                  if citation.get("start") is not None and citation.get("end") is not None else {})
        query = ("?" + urlencode(params)) if params else ""
        return f"{base}/source/{quote(str(citation['doc_id']), safe='')}{query}#passage"
    url = citation.get("url")
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None


def full_answer_url(base: str | None, answer: dict) -> str | None:
    question = answer.get("question") or ""
    if not base or not question or len(question) > MAX_FULL_LINK_QUESTION:
        return None
    params = {"q": question}
    if answer.get("as_of"):
        params["as_of"] = answer["as_of"]
    return f"{base}/answer?{urlencode(params)}"


def _lang(answer: dict) -> str:
    return answer.get("language") if answer.get("language") in WORDS else "fr"


def _question(missing, lang: str) -> str:
    if isinstance(missing, dict):
        if missing.get("question"):
            return str(missing["question"])
        return f"{fact_name(missing.get('name'), lang)} : {missing['why']}" if missing.get("why") \
            else fact_name(missing.get("name"), lang)
    return fact_name(str(missing), lang)


def verdict_digest(verdict: dict, lang: str) -> VerdictDigest:
    label = VERDICT_LABELS.get(verdict.get("verdict"), {}).get(lang) or str(verdict.get("verdict"))
    who = " — ".join(str(x) for x in (verdict.get("provider"), verdict.get("offer")) if x) or WORDS[lang]["unnamed"]
    data = ", ".join(DATA_NAMES.get(d, {}).get(lang, d) for d in verdict.get("data") or [])
    customer = CUSTOMER_NAMES.get(verdict.get("customer"), {}).get(lang) or verdict.get("customer") or ""
    subject = who + (f" ({'; '.join(x for x in (data, customer) if x)})" if data or customer else "")
    offers = []
    for o in verdict.get("offers") or []:
        if isinstance(o, dict):
            o_label = VERDICT_LABELS.get(o.get("verdict"), {}).get(lang) or str(o.get("verdict") or "")
            offers.append(f"{o.get('offer') or '?'}{' :' if lang == 'fr' else ':'} {o_label}")
    return VerdictDigest(verdict=str(verdict.get("verdict")), label=label, subject=subject,
                         why=str(verdict.get("why") or ""),
                         questions=[_question(m, lang) for m in verdict.get("missing_facts") or []], offers=offers)


def digest(answer: dict, environ=None) -> Digest:
    lang = _lang(answer)
    base = public_url(environ)
    verdicts = [v for v in answer.get("verdicts") or [] if isinstance(v, dict)] or \
        ([answer["verdict"]] if isinstance(answer.get("verdict"), dict) else [])
    quotes = []
    for c in (answer.get("citations") or [])[:MAX_QUOTES]:
        quotes.append(QuoteDigest(n=int(c.get("n") or len(quotes) + 1),
                                  title=source_title(str(c.get("doc_id") or ""), str(c.get("title") or c.get("doc_id") or "source"),
                                                     lang, short=True),
                                  section=str(c.get("section") or ""),
                                  quote=" ".join(str(c.get("quote") or "").split()),
                                  href=passage_url(base, c), label=confidence_label(c.get("confidence"), lang)))
    short = " ".join((answer.get("short_answer") or answer.get("answer") or WORDS[lang]["none"]).split())
    notices = [str(n.get("text")) for n in answer.get("notices") or []
               if isinstance(n, dict) and n.get("kind") in NOTICE_KINDS and n.get("text")
               and str(n.get("text")).strip() != short.strip()]
    return Digest(lang=lang, short=short, verdicts=[verdict_digest(v, lang) for v in verdicts], quotes=quotes,
                  notices=notices[:2], full_url=full_answer_url(base, answer),
                  footer=f"{WORDS[lang]['as_of']} {french_date(answer.get('as_of')) if lang == 'fr' else answer.get('as_of')}. "
                         f"{DISCLAIMER[lang]}")
