"""Round 21 ("reading21"): user wording shapes the sets rarely used — a month said as the time of a
planned act, chat-style questions joined by symbols, payslips and disciplinary files, a claimed ban
asked about ("X prétend que … ne peut pas … Est-ce vrai ?"), a declaration of sensitivity said not to
be made. Real pipeline (question reading, checker, registry and data files), no mocks. The questions
are written for these tests, none is copied from an evaluation set."""
from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assistant.answer.dates import find_date
from assistant.answer.prohibition import asks_if_forbidden, claims_a_ban
from assistant.answer.question import understand
from assistant.answer.sensitivity import declaration_withheld
from assistant.answer.verdicts import verdicts_for

TODAY = dt.date(2026, 12, 3)


def _read(question: str, lang: str):
    return understand(question, TODAY, lang)


# --- 1. a month said as the time of a planned act is a future date ----------------------------------

@pytest.mark.parametrize("question", [
    "Une clinique peut-elle passer sur Azure ? La bascule est prévue en avril.",
    "Can our hospital use Google Cloud? Go-live is scheduled for May.",
    "Le déménagement des serveurs se fera en juin : est-ce permis ?",
    "Pourrons-nous migrer en février prochain ?",
])
def test_a_month_of_a_planned_act_is_answered_as_of_today(question):
    m = find_date(question, TODAY)  # ("for May" is no date the reader knows: today as well)
    assert m is None or (m.precision == "future" and m.date == TODAY)


@pytest.mark.parametrize("question, month", [
    ("En avril, notre clinique a basculé sur Azure. Était-ce permis ?", 4),
    ("In May our town hall moved its files to AWS. Was that allowed?", 5),
])
def test_a_month_of_a_past_act_stays_the_last_such_month(question, month):
    m = find_date(question, TODAY)
    assert m.precision == "month" and (m.date.year, m.date.month) == (2026, month)


def test_a_planned_month_no_longer_borrows_a_past_months_eligible():
    # read as 30 April 2026 this gave Azure "eligible" for a clinic's patient files (before 2026-09-26's decree)
    question = "Une clinique peut-elle mettre ses dossiers médicaux sur Azure ? La migration est prévue en avril."
    m = find_date(question, TODAY)
    u = understand(question, m.date, "fr")
    assert [v["verdict"] for v in verdicts_for(u, "fr")] == ["undetermined"]


# --- 2. chat style: a symbol joins the customer or the data to the host ------------------------------

@pytest.mark.parametrize("question, lang", [
    ("mairie -> Azure ?", "fr"),
    ("CHU → OVH HPC ?", "fr"),
    ("county council + Google Workspace ?", "en"),
])
def test_a_customer_joined_to_a_host_by_a_symbol_asks_for_a_verdict(question, lang):
    assert _read(question, lang).queries


def test_a_customer_and_a_host_without_a_symbol_or_a_verb_ask_nothing():
    assert not _read("OVHcloud a-t-il un contrat avec la mairie ?", "fr").queries


# --- 3. payslips and disciplinary files are personal data (HR records of a person) ------------------

@pytest.mark.parametrize("question, lang", [
    ("Can a logistics company keep payslips on AWS?", "en"),
    ("Une PME peut-elle garder les fiches de paie sur Azure ?", "fr"),
    ("Can a retailer store disciplinary records on Google Cloud?", "en"),
])
def test_payslips_and_disciplinary_files_are_personal_not_unknown(question, lang):
    u = _read(question, lang)
    assert not u.data_unknown and u.queries[0]["data"] == ["personal"]


def test_a_town_halls_payslips_in_chat_style_are_outside_every_rule_set():
    u = _read("mairie, fiches de paie -> Google Workspace ?", "fr")
    assert [v["verdict"] for v in verdicts_for(u, "fr")] == ["not_applicable"]


def test_the_hr_entry_says_why_payslips_are_personal():
    raw = yaml.safe_load(open("assistant/checker/data/vocabulary.yaml", encoding="utf-8"))
    entry = next(e for e in raw["data_words"] if "payslips" in e.get("words", []))
    assert entry["kinds"] == ["personal"] and "art. 4(1)" in entry["why"]


# --- 4. a claimed ban asked about -----------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "Notre prestataire affirme qu'un CHU ne peut pas utiliser le Bare Metal Pod. A-t-il raison ?",
    "The consultant told us that a clinic cannot keep scans on Outscale IaaS. Is that correct?",
    "Mon chef dit que c'est interdit pour une mairie d'aller sur AWS. C'est vrai ?",
])
def test_a_claimed_ban_asked_about_is_answered_as_a_ban(question):
    assert claims_a_ban(question) and asks_if_forbidden(question)


@pytest.mark.parametrize("question", [
    "Notre prestataire affirme qu'un CHU peut utiliser le Bare Metal Pod. A-t-il raison ?",   # a claimed permission
    "Can a clinic use Azure? My colleague says it is not allowed.",                        # asks the permission itself
    "Notre prestataire affirme qu'un CHU ne peut pas utiliser AWS.",                         # no "is it true"
])
def test_other_claims_keep_the_verdicts_word(question):
    assert not claims_a_ban(question)


# --- 5. a declaration of sensitivity said not to be made ------------------------------------------

@pytest.mark.parametrize("question", [
    "Si le ministère ne déclare pas ces dossiers d'une sensibilité particulière, peut-il les mettre sur AWS ?",
    "Should the ministry choose not to classify these records as particularly sensitive, could it use Azure?",
    "Le ministère ne les a pas qualifiées de sensibles ; Azure est-il possible ?",
])
def test_a_withheld_declaration_leaves_the_sensitivity_unknown(question):
    lang = "fr" if "ministère" in question else "en"
    assert declaration_withheld(question)
    u = _read(question, lang)
    assert "sensitive" not in u.queries[0]["data"]
    assert (u.queries[0].get("facts") or {}).get("particularly_sensitive") is not False
    assert [v["verdict"] for v in verdicts_for(u, lang)] == ["undetermined"]


@pytest.mark.parametrize("question", [
    "Si le ministère déclare ces dossiers d'une sensibilité particulière, peut-il les mettre sur AWS ?",
    "We have not decided yet; our particularly sensitive files would go on Azure. Can the ministry do that?",
])
def test_a_declaration_made_is_still_read(question):
    lang = "fr" if "ministère" in question else "en"
    assert not declaration_withheld(question)
    u = _read(question, lang)
    assert "sensitive" in u.queries[0]["data"]
    assert [v["verdict"] for v in verdicts_for(u, lang)] == ["not_eligible"]


# --- 6. the language of a chat-style question without function words ------------------------------

@pytest.mark.parametrize("question, lang", [
    ("town hall payslips -> google workspace?", "en"),
    ("county council, staff files -> AWS??", "en"),
    ("mairie + fichiers RH -> AWS ?", "fr"),
    ("hopital, resultats -> Azure ??", "fr"),
])
def test_a_chat_style_question_is_answered_in_its_language(question, lang):
    from assistant.language import detect_language
    assert detect_language(question) == lang


def test_a_french_question_with_english_terms_stays_french():
    from assistant.language import detect_language
    assert detect_language("Notre clinique veut passer ses patient records sur Azure, c'est compliant ?") == "fr"
