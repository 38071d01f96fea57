"""Round 15 (lead): two readings of multi-offer questions, seen on multioffer15-fresh's tune part and
tested here on questions written for these tests.

- two offers of one provider ("OVH Public Cloud or the Bare Metal Pod") are two queries, each with its
  own verdict (one query per provider kept only the first offer); a provider named beside one of its
  offers ("le Hosted Private Cloud d'OVHcloud") stays one query;
- "without any health data" rules health data out, as "without health data" did.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.question import understand

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("question,lang,offers", [
    ("May a ministry keep its particularly sensitive data in OVHcloud Public Cloud or in a Bare Metal Pod?", "en",
     [("OVHcloud", "Public Cloud"), ("OVHcloud", "Bare Metal Pod")]),
    ("Pour un ministère, Azure ou Microsoft 365 : lequel peut héberger des données sensibles ?", "fr",
     [("Microsoft", "Azure"), ("Microsoft", "Microsoft 365")]),
])
def test_two_offers_of_one_provider_are_two_queries(question, lang, offers):
    u = understand(question, TODAY, lang)
    assert [(q["provider"], q["offer"]) for q in u.queries] == offers


@pytest.mark.parametrize("question,lang,offer", [
    ("Notre CHU peut-il confier ses comptes rendus au Hosted Private Cloud d'OVHcloud ?", "fr", "Hosted Private Cloud"),
    ("Can our clinic put its lab results on Teams, i.e. Microsoft 365?", "en", "Microsoft 365"),
])
def test_a_provider_named_beside_its_offer_stays_one_query(question, lang, offer):
    u = understand(question, TODAY, lang)
    assert [q["offer"] for q in u.queries] == [offer]


@pytest.mark.parametrize("question", [
    "A State operator holds particularly sensitive data without any health data: can it use Outscale IaaS?",
    "For particularly sensitive files with no health data at all, may a ministry use PREMI3NS?",
])
def test_without_any_health_data_rules_health_data_out(question):
    u = understand(question, TODAY, "en")
    assert u.queries and all("health" not in q["data"] for q in u.queries)
    assert all("sensitive" in q["data"] for q in u.queries)
