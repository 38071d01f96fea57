"""Round 10 ("reading"): how the question reader turns data, bodies, secrets, dates and offers said in
plain words into the checker's facts. Real pipeline (question reading, checker, registry and data files),
no mocks. The questions are written for these tests, none is copied from an evaluation set."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assistant.answer.customer import customer_named
from assistant.answer.dates import find_date
from assistant.answer.people_data import identifier_spans, itemised_identifiers, owner_named_records
from assistant.answer.question import MAYBE_HEALTH, understand
from assistant.answer.sensitivity import sensitivity_criteria
from assistant.answer.verdicts import verdicts_for
from assistant.checker import named_data
from assistant.checker.registry import load_provider
from assistant.errors import InputDataError

TODAY = dt.date(2026, 11, 30)


def _read(question: str, as_of: dt.date = TODAY):
    lang = "en" if any(w in question.split() for w in ("Can", "Could", "the", "its", "our")) else "fr"
    return understand(question, as_of, lang), lang


# --- 1. data named by whose they are -------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Une fondation peut-elle mettre les dossiers de ses donateurs sur Azure ?",   # owner noun, no kind
    "Can a booking startup keep its users' data on Azure?",
    "Une caisse de retraite peut-elle héberger les informations de ses affiliés ou de ses assurés chez AWS ?",
])
def test_data_named_only_by_their_owner_are_of_unknown_kind_and_may_be_health(question):
    u, _ = _read(question)
    assert u.data_unknown and u.data_options == MAYBE_HEALTH and u.data_words


def test_owner_only_data_are_asked_whether_they_hold_health_data_when_the_readings_differ():
    u, lang = _read("Une mutuelle pouvait-elle mettre les fichiers de ses assurés chez Scaleway en 2023 ?", dt.date(2023, 6, 1))
    verdict = verdicts_for(u, lang)[0]
    assert verdict["verdict"] == "undetermined"
    assert verdict["by_data"] == {"personal": "not_applicable", "health": "undetermined"}
    assert "santé" in verdict["missing_facts"][0]["question"] and "fichiers de ses assurés" in verdict["missing_facts"][0]["question"]


@pytest.mark.parametrize("question", [
    "Une commune peut-elle mettre les dossiers cantine des familles sur Azure ?",        # the files are named by what they are
    "Le département peut-il mettre les données de ses usagers des bus sur Azure ?",    # people named by the activity
    "Can a regional council keep its secondary-school pupils' records on Azure?",
    "Une clinique vétérinaire peut-elle garder les dossiers de ses clients sur Azure ?",  # care to animals only
])
def test_data_said_by_what_they_are_about_are_not_owner_only(question):
    assert owner_named_records(question) is None or "vétérinaire" in question
    u, _ = _read(question)
    assert not u.data_options and u.query["data"] == ["personal"]


def test_a_veterinary_clinic_is_a_private_body_of_its_own():
    assert customer_named("Un cabinet vétérinaire peut-il …").kind == "private"


# --- 2. GDPR art. 4(1) identifiers ---------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Une commune peut-elle mettre les prénoms et numéros de portable de ses agents sur AWS ?",
    "Can a company keep its staff's employee IDs and home addresses on Azure?",
    "Une entreprise peut-elle héberger les positions GPS de ses commerciaux chez Azure ?",
    "Can a retailer store its customers' IP addresses and login IDs on AWS?",
])
def test_data_named_only_by_identifiers_are_personal_not_health(question):
    u, _ = _read(question)
    assert u.query["data"] == ["personal"] and not u.data_unknown


def test_identifiers_beside_a_health_word_are_health_data():
    u, _ = _read("Un centre de vaccination peut-il mettre les noms et téléphones des patients sur AWS ?")
    assert "health" in u.query["data"]


def test_identifiers_beside_data_named_by_their_owner_leave_the_kind_open():
    u, _ = _read("Une mutuelle peut-elle mettre les noms et les dossiers de ses adhérents sur Azure ?")
    assert u.data_unknown and u.data_options == MAYBE_HEALTH


def test_itemised_identifiers_are_the_data_even_after_records_that_may_hold_health():
    question = "Le service de prise de rendez-vous de la sous-préfecture (noms, numéros de téléphone) peut-il aller sur AWS ?"
    assert itemised_identifiers(question)
    u, _ = _read(question)
    assert u.query["data"] == ["personal"] and not u.data_options


def test_an_email_address_is_an_identifier_not_a_messaging_tool():
    u, _ = _read("Le ministère peut-il mettre les adresses e-mail des usagers sur AWS en 2022 ?", dt.date(2022, 6, 1))
    assert not (u.query.get("facts") or {}).get("agent_tools")
    assert identifier_spans("les adresses e-mail des usagers")


def test_identifier_words_are_sourced_by_the_gdpr_definitions():
    raw = yaml.safe_load(open("assistant/answer/people_data.yaml", encoding="utf-8"))
    corpus = open("corpus/gdpr-extracts.md", encoding="utf-8").read()
    assert all(src["quote"] in corpus for src in raw["identifiers_sources"])


# --- 3. bodies and health words --------------------------------------------------------------------------

@pytest.mark.parametrize("question,kind", [
    ("La région veut stocker les dossiers des associations sportives sur Azure", "local_authority"),   # the body that hosts
    ("Le département peut-il héberger les fichiers des entreprises qu'il aide chez AWS ?", "local_authority"),
    ("Pour l'état civil de notre commune, peut-on aller chez Azure ?", "local_authority"),            # "l'état civil" is no State
    ("Un cabinet d'ophtalmologie peut-il mettre ses dossiers sur Azure ?", "private"),
    ("Can a dermatology practice keep its records on Azure?", "private"),
    ("Un centre d'imagerie privé peut-il …", "private"),
])
def test_the_customer_is_the_body_named_first_and_practices_are_private(question, kind):
    assert customer_named(question).kind == kind


@pytest.mark.parametrize("question", [
    "Can a group of GPs store their consultation records on Azure?",
    "Un cabinet de kinésithérapie peut-il garder ses plans de traitement sur Azure ?",
])
def test_consultation_and_treatment_notes_where_care_is_given_are_health_data(question):
    assert "health" in named_data(question)[0]


def test_a_bodys_grants_hold_no_health_data():
    u, _ = _read("La région peut-elle mettre les demandes de subvention des clubs sur Azure ?")
    assert u.query["data"] == ["other"] and u.query["customer"] == "local_authority"


# --- 4. secrets protected by law named by their matter -------------------------------------------------

@pytest.mark.parametrize("question", [
    "Le ministère peut-il héberger ses dépêches diplomatiques chez AWS ? Une fuite mettrait des personnes en danger.",
    "Can a ministry keep intelligence reports on Azure, a breach would endanger people?",
    "Des notes sur des procédures judiciaires en cours, dont la fuite porterait atteinte à l'ordre public, sur Azure ?",
    "Des dossiers couverts par un secret prévu par la loi, dont la fuite nuisait gravement à la sécurité publique ?",
])
def test_matters_whose_secret_the_law_protects_read_as_the_first_limb(question):
    assert sensitivity_criteria(question) == {"sensitive_by_nature": True, "breach_impact": True}


def test_a_matter_named_under_a_negation_denies_the_first_limb():
    assert sensitivity_criteria("Ces fichiers ne touchent ni à la défense nationale ni à la politique étrangère")["sensitive_by_nature"] is False


def test_the_matters_are_those_the_circular_quotation_names():
    raw = yaml.safe_load(open("assistant/answer/sensitivity.yaml", encoding="utf-8"))
    source = raw["criteria"]["sensitive_by_nature"]["matters_source"]
    assert source["quote"] in open("corpus/circulaire-6404-sg-2023-presse.md", encoding="utf-8").read()


def test_a_ministry_refused_for_diplomatic_cables_on_a_us_offer_when_a_leak_harms():
    u, lang = _read("Can the ministry host diplomatic telegrams on Azure in 2025? A leak would threaten public security.", dt.date(2025, 6, 1))
    assert verdicts_for(u, lang)[0]["verdict"] == "not_eligible"


# --- 5. a span narrowed by an event inside it -----------------------------------------------------------

def test_a_month_after_an_event_inside_it_starts_on_the_event():
    m = find_date("En septembre 2021, juste après la note DINUM, un ministère pouvait-il passer sur Teams ?", TODAY)
    assert (m.start, m.last) == (dt.date(2021, 9, 15), dt.date(2021, 9, 30))


def test_a_month_before_an_event_inside_it_ends_the_day_before():
    m = find_date("In September 2021, before the DINUM note, could a ministry use Office 365?", TODAY)
    assert (m.start, m.last) == (dt.date(2021, 9, 1), dt.date(2021, 9, 14))


def test_an_event_outside_the_span_changes_nothing():
    m = find_date("En mars 2022, après la note DINUM, un ministère pouvait-il passer sur Teams ?", TODAY)
    assert (m.start, m.last) == (dt.date(2022, 3, 1), dt.date(2022, 3, 31))


# --- 6. offers described by a source's words ----------------------------------------------------------

def test_an_offer_named_by_the_words_a_source_describes_it_with():
    u, _ = _read("Un ministère peut-il mettre des données sensibles sur le cloud de confiance de S3NS en 2026 ?", dt.date(2026, 2, 1))
    assert (u.query["provider"], u.query["offer"]) == ("S3NS", "PREMI3NS")


def test_a_description_without_a_source_quote_is_refused(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("provider: X\noffers:\n  - name: Y\n    described_as:\n      - words: [cloud de confiance]\n        source: {title: t}\n",
                    encoding="utf-8")
    with pytest.raises(InputDataError):
        load_provider(path)


def test_of_particular_sensitivity_is_the_doctrines_kind_in_english():
    assert "sensitive" in named_data("data of particular sensitivity")[0]
    assert "sensitive" not in named_data("data of no particular sensitivity")[0]


def test_the_audit_reads_an_offer_described_by_a_source_as_the_question_does():
    from assistant.checker import extract_claims
    claims = extract_claims("Le cloud de confiance de S3NS convient aux données sensibles d'un ministère.", dt.date(2026, 2, 1))
    assert [(c.provider, c.offer) for c in claims] == [("S3NS", "PREMI3NS")]


def test_identifiers_that_decide_the_kind_are_said_in_the_questions_language():
    u, _ = _read("Une commune peut-elle mettre les noms et numéros de téléphone de ses agents sur AWS ?")
    assert any("article 4(1) du RGPD" in a and "noms" in a for a in u.assumptions)
    u, _ = _read("Can a company store its employees' names and badge numbers on Google Cloud?")
    assert any("GDPR article 4(1)" in a for a in u.assumptions)


def test_identifiers_kept_where_care_is_given_may_be_the_patients():
    u, _ = _read("Un CHU peut-il mettre les noms et numéros de téléphone sur AWS ?")
    assert u.data_unknown and u.data_options == MAYBE_HEALTH
    u, _ = _read("Un CHU peut-il mettre les noms et numéros de téléphone de ses agents sur AWS ?")
    assert u.query["data"] == ["personal"]


def test_every_offer_description_quotes_its_source_verbatim():
    from pathlib import Path
    folder = Path("assistant/checker/data")
    seen = 0
    for path in sorted((folder / "registry").glob("*.yaml")):
        for offer in yaml.safe_load(path.read_text(encoding="utf-8")).get("offers") or []:
            for entry in offer.get("described_as") or []:
                source = entry["source"]
                assert source["quote"] in (folder / "sources" / source["via"]).read_text(encoding="utf-8")
                seen += 1
    assert seen
