"""Round 22 (lead): a time of the asker's own past said as a clause is not understood, never today.

"Back when we still sent prescriptions by fax", "du temps où notre ancienne cheffe de service était
encore en poste", "quand notre ancienne directrice dirigeait l'établissement": no source dates these,
so `unresolved_date` names them (the answer says "date not understood" and asks back). A case stated in
the present ("when we host data", "quand nous hébergeons", "tant que notre contrat court", "we still
fax today") keeps today. Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.dates import find_date, unresolved_date
from assistant.answer.service import AnswerService
from assistant.config import Settings

TODAY = dt.date(2026, 12, 3)


def _unread(question: str) -> str | None:
    return unresolved_date(question, find_date(question, TODAY))


@pytest.mark.parametrize("question, words", [
    ("Back when our archive still ran on tapes, could we keep scans on Azure?", "Back when our archive still ran on tapes"),
    ("Du temps où notre service comptait trois agents, pouvions-nous utiliser AWS ?", "Du temps où notre service comptait trois agents"),
    ("À l'époque où nos bureaux étaient à Nantes, le ministère pouvait-il utiliser Google Workspace ?",
     "À l'époque où nos bureaux étaient à Nantes"),
    ("Quand notre ancien prestataire gérait la messagerie, pouvions-nous y mettre des ordonnances ?",
     "Quand notre ancien prestataire gérait la messagerie"),
    ("Lorsque nous imprimions encore les résultats, la clinique pouvait-elle les stocker sur Azure ?",
     "Lorsque nous imprimions encore les résultats"),
    ("While our former DPO was still with us, were we allowed to use Microsoft 365 for HR files?",
     "While our former DPO was still with us"),
    ("When we only had one server room, could we put imaging on Scaleway Cloud?", "When we only had one server room"),
])
def test_a_time_of_our_own_past_is_not_understood(question, words):
    assert _unread(question) == words


@pytest.mark.parametrize("question", [
    "Quand nous hébergeons des comptes rendus sur Azure, faut-il un hébergeur certifié HDS ?",
    "When we keep lab results on Hosted Private Cloud, do we need an HDS-certified host?",
    "Tant que notre marché court, pouvons-nous rester sur OVHcloud ?",
    "While we prepare the tender, can the hospital keep imaging on Outscale IaaS?",
    "We still fax prescriptions today; may we keep them on Google Workspace?",
    "Lorsque notre CHU choisit un hébergeur, que doit contenir le contrat ?",
])
def test_a_case_stated_in_the_present_keeps_today(question):
    assert _unread(question) is None
    mention = find_date(question, TODAY)
    assert mention is None or mention.date == TODAY


def test_the_answer_says_the_date_was_not_understood_and_asks_back():
    service = AnswerService(Settings(llm=None, today_override=TODAY.isoformat()))
    answer = service.ask("Back when our archive still ran on tapes, could our clinic keep lab results on Azure?")
    notes = [n for n in answer.notices if n.kind == "not_understood"]
    assert any("Back when our archive still ran on tapes" in n.text and "date not understood" in n.text for n in notes)
    assert answer.as_of == TODAY.isoformat() or str(answer.as_of) == TODAY.isoformat()
