"""Round 12: "Depuis quand … ?" asked of an eligibility is answered by the day, not by yes or no.

The verdict at the question's date is kept; the checker is asked again at every day a rule or a
registry fact changes (period_verdicts.since_when), back to the day that verdict began. The first
line says that day and the verdict before it; a day that is only the first source's of a registry
fact (`start_known: false`) is said as "au moins depuis". Questions written for these tests.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.period_verdicts import since_when
from assistant.answer.question import understand
from assistant.answer.render import since_words, verdict_headline
from assistant.answer.verdicts import verdicts_for
from assistant.checker import default_registry

TODAY = dt.date(2026, 12, 1)


def _fact(provider_name: str, name: str):
    provider = next(p for p in default_registry().providers if p.name == provider_name)
    return next(f for f in provider.facts if f.name == name)


def test_the_day_a_verdict_began_is_the_day_its_registry_fact_is_first_known():
    q = "Depuis quand un CHU peut-il héberger ses données de santé chez OVHcloud Hosted Private Cloud ?"
    [v] = since_when(understand(q, TODAY, "fr"), TODAY, "fr", verdicts_for)
    fact = _fact("OVHcloud", "hds_certified")
    assert v["verdict"] == "eligible"
    assert v["since"]["from"] == fact.valid_from.first.isoformat()
    assert v["since"]["at_least"] is (not fact.start_known)
    assert since_words(v, "fr").startswith("Au moins depuis le ")
    assert verdict_headline(v, "fr").startswith("**Au moins depuis le ")


def test_the_verdict_is_the_one_at_the_date_asked():
    q = "Depuis quand une clinique ne peut-elle plus héberger ses données de santé sur AWS Cloud ?"
    u = understand(q, TODAY, "fr")
    assert [v["verdict"] for v in since_when(u, TODAY, "fr", verdicts_for)] == [v["verdict"] for v in verdicts_for(u, "fr")]


@pytest.mark.parametrize("lang,head", [("fr", "Depuis le 26/09/2026 : non éligible (avant : éligible)"),
                                       ("en", "Since 2026-09-26: not eligible (before: eligible)")])
def test_words_of_a_run_that_began_on_a_known_day(lang, head):
    v = {"verdict": "not_eligible", "since": {"from": "2026-09-26", "before": "eligible", "always": False, "at_least": False}}
    assert since_words(v, lang) == head


def test_a_verdict_that_never_changed_says_so():
    v = {"verdict": "not_applicable", "since": {"from": "2016-01-27", "before": None, "always": True, "at_least": False}}
    assert since_words(v, "fr").startswith("Hors périmètre à toute date vérifiée")


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-01")


def test_a_since_when_question_never_opens_with_yes_or_no(service):
    answer = service.ask("Since when may a hospital keep its health data on OVHcloud Hosted Private Cloud?")
    assert answer.verdict["verdict"] == "eligible"
    assert answer.short_answer.startswith("Since ") and not answer.short_answer.startswith(("Yes", "No"))
