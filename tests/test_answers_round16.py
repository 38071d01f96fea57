"""Round 16 (lead): every rule an eligibility answer lists keeps its source, and the text that set the
criteria of "données d'une sensibilité particulière" is cited where the verdict turns on them. Seen on
blind15 (spent) and tested here on questions written for these tests.

- a rule the verdict found met (health data stored in the EEA: HDS v2 EXI 28, decree 2026-209), beside
  the rule it turns on, keeps its [n] and its source when the four quotes are taken, instead of being
  listed without a reference;
- a State body's data found particularly sensitive from the question's words (a legal secret, serious
  harm from a leak), or waiting on that test in one reading of data of unknown kind, cite the
  definition in force: the DINUM FAQ's two conditions and circular 6404/SG as the press quotes it.
"""
from __future__ import annotations

import re

import pytest

from assistant.answer.service import MAX_QUOTES

TODAY = "2026-12-02"
SET_BY_6404 = "Il est désormais précisé qu’elles recouvrent, d’une part, les données qui relèvent de secrets protégés par la loi"


def _rule_mark(answer, rule_id: str) -> int | None:
    m = re.search(rf"{re.escape(rule_id)} —[^\n]*\[(\d+)\]\s*$", answer.answer, re.M)
    return int(m.group(1)) if m else None


def _shown_quotes(answer) -> int:
    return len(re.findall(r"^> «", answer.answer, re.M))


@pytest.mark.parametrize("question", [
    "Une clinique privée peut-elle héberger ses dossiers patients chez Cloud Temple (Secure Temple) ?",
    "Can a private hospital keep its patient records on Secure Temple by Cloud Temple?",
])
def test_a_met_rule_keeps_its_source_when_the_quotes_are_taken(service_on, question):
    answer = service_on(TODAY).ask(question)
    verdict = answer.verdicts[0]
    status = {r["id"]: r["status"] for r in verdict["rules"]}
    assert verdict["verdict"] == "undetermined" and status["A-2024"] == "unknown"
    assert status["HDS-V2-EEE"] == "satisfied"
    n = _rule_mark(answer, "HDS-V2-EEE")
    assert n is not None, "the met rule's line has no source"
    cited = {c.n: c for c in answer.citations}
    assert cited[n].doc_id == "hds-referentiel-v2" and "exclusivement au sein de l’Espace Economique Européen" in cited[n].quote
    assert _shown_quotes(answer) <= MAX_QUOTES
    service = service_on(TODAY)
    for c in answer.citations:  # every citation, shown or only listed, is its document's own words
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


@pytest.mark.parametrize("question", [
    "Les comptes rendus du conseil de défense, couverts par le secret de la défense nationale et dont la fuite "
    "porterait gravement atteinte à la sécurité nationale : un ministère peut-il les mettre sur PREMI3NS ?",
    "Our ministry's tax-audit files are covered by a secret protected by law and a leak would seriously harm "
    "public order. May we host them on S3NS's PREMI3NS?",
])
def test_sensitivity_read_from_the_criteria_cites_the_text_that_set_them(service_on, question):
    answer = service_on(TODAY).ask(question)
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "eligible" and verdict["sensitivity"]["value"] is True
    assert "S2023" in verdict["decisive_bases"]
    quotes = [(c.doc_id, c.quote) for c in answer.citations]
    assert any(d == "circulaire-6404-sg-2023-presse" and q.startswith(SET_BY_6404) for d, q in quotes)
    assert any(d == "dinum-faq-2024" and "Deux conditions doivent être réunies" in q for d, q in quotes)


def test_a_reading_waiting_on_sensitivity_cites_its_definition(service_on):
    answer = service_on(TODAY).ask("Un ministère peut-il mettre les dossiers de ses agents sur Google Cloud ? "
                                   "Ils sont assez confidentiels.")
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "undetermined" and verdict["by_data"]
    assert {"breach_impact", "sensitive_by_nature_or_use"} & set(verdict["readings_missing"])
    assert [m["name"] for m in verdict["missing_facts"]] == ["data_kind"]  # still asked: the data kind
    assert any(c.doc_id == "circulaire-6404-sg-2023-presse" and c.quote.startswith(SET_BY_6404) for c in answer.citations)


def test_a_health_reading_alone_cites_no_sensitivity_definition(service_on):
    """Open world both ways: a hospital's records wait on the host's certification, not on the State's
    sensitivity test, which binds no hospital."""
    answer = service_on(TODAY).ask("Un CHU peut-il héberger ses dossiers patients sur Google Cloud ?")
    # round 17: the reserve on the doctrine's scope may cite 6404/SG's scope sentence ("ne s'applique qu'aux
    # acteurs de l'Etat"), never its sensitivity definition
    assert not any(c.quote.startswith(SET_BY_6404) or "Deux conditions doivent être réunies" in c.quote
                   for c in answer.citations)
    assert "S2023" not in (answer.verdicts[0].get("decisive_bases") or [])


@pytest.mark.parametrize("question,lang,n", [
    ("For our clinic's patient files we shortlisted Oodrive SaaS, Google Cloud and the NumSpot cloud: a verdict for each, please.", "en", 3),
    ("Cabinet de radiologie : pour nos comptes rendus, Scaleway ou le SaaS d'Oodrive, quel verdict ?", "fr", 2),
])
def test_a_verdict_asked_about_named_offers_is_an_eligibility_question(question, lang, n):
    """Round 16 (blind15, spent): "Give me a verdict for each" has no verb of hosting; it asks verdicts."""
    import datetime as dt

    from assistant.answer.question import understand
    u = understand(question, dt.date(2026, 12, 2), lang)
    assert len(u.queries) == n and all("health" in q["data"] for q in u.queries)


@pytest.mark.parametrize("question,health", [
    ("Laboratoire privé : pour nos résultats d'analyses, Scaleway convient-il ?", True),
    ("Un laboratoire privé peut-il conserver les comptes rendus d'analyses de ses patients sur OVHcloud ?", True),
    ("Un laboratoire privé de chimie peut-il stocker ses résultats d'analyses sur Scaleway ?", False),
    ("Notre laboratoire privé de recherche en matériaux garde ses résultats d'analyses sur Scaleway : est-ce permis ?", False),
])
def test_a_private_lab_s_analysis_results_are_health_data_unless_it_is_no_medical_lab(question, health):
    """Round 16 (blind15 and multioffer15's tune part, spent): « laboratoire d'analyses » is the everyday
    name of a medical lab, whose results are health data (GDPR recital 35); a chemistry or research lab's
    are not known to be (open world: the kind stays unknown, both readings are tried)."""
    import datetime as dt

    from assistant.answer.question import understand
    u = understand(question, dt.date(2026, 12, 2), "fr")
    assert u.queries
    if health:
        assert "health" in u.queries[0]["data"] and not u.data_unknown
    else:
        assert "health" not in u.queries[0]["data"] and u.data_unknown
