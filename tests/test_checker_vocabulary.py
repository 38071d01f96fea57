"""Words into checker inputs: what a text does not pin down stays unknown; R9's 2021 examples
are read as such; customers come from the sourced entities file; English answers."""
from __future__ import annotations

import pytest

from assistant.checker import check, render_verdict
from assistant.checker.claims import find_customer as old_path_customer, find_data as old_path_data
from assistant.checker.vocabulary import find_customer, find_data, read_data
from assistant.errors import UsageError


def test_the_old_import_path_still_works():
    assert old_path_data is find_data and old_path_customer is find_customer


@pytest.mark.parametrize("text, kinds, facts", [
    ("Peut-on mettre ce système chez AWS ?", [], {}),                       # nothing said: unknown, not "personal"
    ("les données fiscales d'un ministère", ["personal"], {"citizens_data": True, "companies_economic_data": True}),
    ("les données RH des agents", ["personal"], {"agents_business_app": True}),
    ("les données économiques des entreprises françaises", ["other"], {"companies_economic_data": True}),
    ("les données personnelles des citoyens", ["personal"], {"citizens_data": True}),
    ("des dossiers patients", ["personal", "health"], {}),
    ("les résultats des examens d'un laboratoire de biologie médicale", ["personal", "health"], {}),  # round 11: "des"
    ("health insurance claims", ["personal", "health"], {}),                       # claims of care: art. 4(15)
    ("les résultats des élections municipales", [], {}),                            # results, no place of testing
])
def test_find_data_reads_kinds_and_r9_examples(text, kinds, facts):
    assert find_data(text) == (kinds, facts)


@pytest.mark.parametrize("text, customer", [
    ("le Health Data Hub", "state_operator"),     # sourced: a GIP named by SREN art. 31
    ("une ARS", "state_operator"),                # a public establishment of the State (CSP L.1432-1, entities.yaml)
    ("la CNAM", None),
    ("une université", None),
    ("un CHU", "health_facility"),
    ("une commune", "local_authority"),
    ("un ministère", "state"),
    ("Our insurance brokerage keeps client files", "private"),       # round 11: a broker is a company
    ("un courtier en assurances garde ses contrats", "private"),
    ("les données économiques des entreprises françaises", None),   # companies named as data, not as customer
])
def test_find_customer_uses_the_entities_file(text, customer):
    assert find_customer(text) == customer


def test_unknown_data_words_are_refused_and_unknown_is_accepted():
    with pytest.raises(UsageError):
        read_data(["secret"])
    assert read_data(["unknown"]) == ({}, [])
    assert read_data(["sensitive"]) == ({"sensitive": True, "health": False, "personal": False}, ["sensitive"])


def test_english_verdict_and_rendering():
    verdict = check(provider="AWS", data=["données fiscales"], customer="ministry", as_of="2022-01-01", lang="en")
    assert verdict.verdict == "not_eligible"
    assert "CLOUD Act" in verdict.why and "particularly sensitive" in verdict.why
    text = render_verdict(verdict, "en")
    for fragment in ("Verdict: Not eligible", "Why:", "By offer:", "not legal advice"):
        assert fragment in text
    assert "pas un avis" not in text


def test_missing_facts_carry_questions_in_the_answer_language():
    fr = check(provider="Azure", data=["health"], customer="state", as_of="2024-06-01")
    en = check(provider="Azure", data=["health"], customer="state", as_of="2024-06-01", lang="en")
    assert fr.missing_facts[0]["question"].startswith("Une violation")
    assert en.missing_facts[0]["question"].startswith("Would a breach")
    assert set(fr.missing_facts[0]) >= {"name", "subject", "why", "question"}


def test_today_is_an_argument():
    assert check(provider="Azure", data=["health"], customer="state", today="2021-09-28").as_of.isoformat() == "2021-09-28"


# --- round 3: data kinds by word form, sourced health terms, customer words ------------------

@pytest.mark.parametrize("text, kinds", [
    ("Notre CHU veut migrer son PACS chez OVHcloud", ["personal", "health"]),      # a clinical word alone
    ("its imaging archive", ["personal", "health"]),
    ("les archives d'imagerie du service", ["personal", "health"]),
    ("les comptes rendus de radiologie", ["personal", "health"]),
    ("des données de recherche en santé", ["personal", "health"]),                 # a data noun qualified by health
    ("health research data", ["personal", "health"]),
    ("lab test results", ["personal", "health"]),
    ("les comptes rendus d'un CHU", ["personal", "health"]),                       # a report word, with a health facility
    ("les comptes rendus du ministère", []),                                       # the same word elsewhere: unknown
    ("la messagerie du ministère de la Santé", ["personal"]),                      # "Santé" names the body, not the data
    ("La Plateforme des données de santé peut-elle utiliser AWS ?", []),
    ("Une start-up de e-santé peut-elle mettre sa comptabilité sur AWS ?", []),
    ("les données de vidéoprotection", []),                                        # not understood: unknown, never personal
])
def test_data_kinds_by_word_form_and_health_terms(text, kinds):
    assert find_data(text)[0] == kinds


def test_vocabulary_words_match_their_inflections():
    kinds, facts = find_data("les données de ses contrôles fiscaux")
    assert kinds == ["personal"] and facts == {"citizens_data": True, "companies_economic_data": True}


def test_health_terms_sources_are_verbatim():
    from assistant.checker.vocabulary import default_vocabulary
    from assistant.config import REPO_ROOT
    from ingest.documents import load_corpus
    docs = {d.doc_id: d.text for d in load_corpus(REPO_ROOT / "corpus")}
    sources = default_vocabulary().health_terms["sources"]
    assert sources and all(s["quote"] in docs[s["doc_id"]] for s in sources)


@pytest.mark.parametrize("text, customer", [
    ("Was Google Drive fine for State agents' shared files?", "state"),
    ("Can a town's social services keep data on AWS?", "local_authority"),
    ("Is Microsoft 365 allowed for a département's staff email?", "local_authority"),
    ("notre région", "local_authority"),
    ("a university hospital", "health_facility"),                  # not "university" (unsourced)
    ("notre groupement hospitalier de territoire", "health_facility"),
    ("l'EPCI de notre agglomération", None),                        # no source gives its type: asked back
    ("un EHPAD public", None),
    ("un établissement public", None),
    ("la métropole de Lyon", None),
    ("le département informatique du ministère", "state"),          # an IT department is not a département
    ("dans la région France Centre d'Azure", None),                 # a cloud region is not a région
])
def test_customer_words(text, customer):
    assert find_customer(text) == customer
