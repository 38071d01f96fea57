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


@pytest.mark.parametrize("question,lang", [
    ("Is our municipality obliged to use SecNumCloud offers for its most sensitive information systems?", "en"),
    ("Notre région est-elle tenue d'utiliser une offre SecNumCloud pour les informations de ses systèmes les plus sensibles ?", "fr"),
])
def test_a_scope_question_naming_a_customer_is_not_answered_by_a_provider_duty(service_on, question, lang):
    """Round 15 (blind15, spent): SecNumCloud 19.1.k (a qualified provider may not dispose of its
    customer's data) answered a local authority's scope question, read from "use" and "information"."""
    answer = service_on("2026-12-02").ask(question)
    assert answer.short_answer.startswith(("No", "Non"))
    assert "19.1.k" not in answer.short_answer
    assert any(c.doc_id == "dinum-faq-2024" for c in answer.citations)


def test_a_provider_duty_question_still_gets_the_duty(service_on):
    answer = service_on("2026-12-02").ask("Un prestataire qualifié SecNumCloud peut-il revendre les données de ses clients ?")
    assert "19.1.k" in answer.short_answer
