"""One word per verdict in every channel (issue 16): the same checker verdict, rendered by the
web card, the Slack blocks, the Teams card, and the text of `check`, `audit` and `ask`, shows
the same word in each, in French and in English.

Each rendering is produced by the channel's own function from the real checker's output;
the word is read back from where each channel puts the verdict (the card's label, the bold
head of a bot message, the "Verdict :" line, the "vérificateur :" field, the answer's first
line) and compared with the others, not only with the table.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant.answer.render import answer_markdown
from assistant.channels import slack_format, teams_format, web_render
from assistant.checker import check, render_verdict
from assistant.commands.audit import render as audit_text
from support.verdict_cases import VERDICT_CASES

CASES = VERDICT_CASES


def _one(pattern: str, text: str) -> str:
    found = re.findall(pattern, text, re.M)
    assert len(found) == 1, (pattern, text[:400])
    return found[0].strip()


def _answer(verdict_json: dict, lang: str) -> dict:
    as_of = dt.date.fromisoformat(verdict_json["as_of"])
    short, markdown = answer_markdown(lang, as_of, verdicts=[verdict_json])
    return {"question": "q", "language": lang, "as_of": verdict_json["as_of"], "short_answer": short,
            "answer": markdown, "verdict": verdict_json, "verdicts": [verdict_json], "citations": [], "notices": []}


def _audit(verdict_json: dict, lang: str) -> dict:
    claim = {"provider": verdict_json["provider"], "offer": verdict_json.get("offer"), "stated": "eligible",
             "verdict": verdict_json["verdict"], "agrees": verdict_json["verdict"] == "eligible", "checkable": True,
             "text": "x", "start": 0, "end": 1, "data": verdict_json["data"], "customer": verdict_json["customer"],
             "as_of": verdict_json["as_of"], "check": verdict_json}
    return {"as_of": verdict_json["as_of"], "lang": lang, "claims": [claim]}


def renderings(verdict, lang: str) -> dict[str, str]:
    """The verdict's word as each channel shows it."""
    obj = verdict.to_json()
    answer = _answer(obj, lang)
    words = {}
    if lang == "fr":  # the web chat is French only
        words["web card"] = _one(r'<span class="hds-verdict__label">([^<]+)</span>', web_render.verdict_card(obj))
    slack = "\n".join(b["text"]["text"] for b in slack_format.blocks(answer) if b.get("type") == "section")
    words["slack"] = _one(r"^:[a-z_]+: \*([^*]+)\* —", slack)
    teams = "\n".join(b["text"] for b in teams_format.card(answer)["body"] if b.get("type") == "TextBlock")
    words["teams"] = _one(r"^[^\w\s*]+ \*\*([^*]+)\*\* —", teams)
    words["check"] = _one(r"^Verdict ?: (.+)$", render_verdict(verdict, lang).split("\n")[0])
    words["audit"] = _one(r"(?:vérificateur :|checker:) ([^(;]+) \(", audit_text(_audit(obj, lang), lang))
    words["ask"] = _one(r"^\*\*[^*(]+\(([^)]+)\)\*\* —", answer["answer"].split("\n")[0])
    return words


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("expected", list(CASES))
def test_every_channel_shows_the_same_word_for_the_same_verdict(expected, lang):
    verdict = check(**CASES[expected], lang=lang)
    assert verdict.verdict == expected
    words = renderings(verdict, lang)
    assert len(words) == (6 if lang == "fr" else 5)
    assert len({w.casefold() for w in words.values()}) == 1, words
    # and the four verdicts have four different words
    assert next(iter(words.values())).casefold() not in {
        renderings(check(**CASES[other], lang=lang), lang)["check"].casefold() for other in CASES if other != expected}
