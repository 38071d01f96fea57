"""Round 9 ("vocab"): one normaliser for the words of the data files and of the question (accents on
either side, capitals, hyphens, apostrophes, a phrase in either number), and data of a kind the
question does not name: the same verdict for every reading is given and says so. Real pipeline
(question reading, checker, registry data), no mocks. The sentences are written for these tests."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from assistant.answer.people_data import names_people_records
from assistant.answer.question import understand
from assistant.answer.record_kinds import may_hold_health, names_non_health_records
from assistant.answer.verdicts import verdicts_for
from assistant.checker import named_data
from assistant.folding import phrase_alternation

TODAY = dt.date(2026, 11, 30)


def _matches(words: list[str], text: str) -> bool:
    return bool(re.search(rf"(?<![\w-])(?:{phrase_alternation(words)})(?![\w-])", text, re.I))


@pytest.mark.parametrize("entry,text", [
    ("état civil", "les registres d'ETAT-CIVIL"),          # accent left out, capitals, hyphen
    ("etat civil", "l'état civil de la commune"),          # the entry without accent, the text with
    ("listes électorales", "la liste electorale"),          # a phrase in the other number
    ("procès-verbal", "les proces verbaux du conseil"),     # -al / -aux, hyphen read as a blank
    ("aide sociale", "le dossier d'aide-sociale"),
    ("accident du travail", "des accidents du travail"),    # "du" keeps its number
    ("l'an dernier", "l’an dernier"),                        # any apostrophe
    ("cœur de métier", "coeur de metier"),
])
def test_a_data_file_phrase_is_read_however_it_is_typed(entry, text):
    assert _matches([entry], text)


@pytest.mark.parametrize("entry,text", [
    ("comptes", "il faut tenir compte du délai"),   # a single word is read as written: its other number is another word
    ("minutes", "in a minute"),
    ("état civil", "état civilisé"),               # a word boundary still ends the phrase
    ("liste électorale", "liste électoraliste"),
])
def test_the_normaliser_does_not_widen_a_word_into_another(entry, text):
    assert not _matches([entry], text)


@pytest.mark.parametrize("question", [
    "une commune, sa liste electorale, sur Azure ?",
    "our town wants to host the civil-status register on Azure",
    "les registres d'ETAT CIVIL de la mairie",
])
def test_records_about_people_in_any_spelling(question):
    assert names_people_records(question)


def test_record_kinds_in_any_spelling():
    assert names_non_health_records("un hopital peut il mettre ses proces verbaux sur Azure ?")
    assert may_hold_health("la mairie peut elle mettre le dossier d'aide-sociale sur Azure ?")


@pytest.mark.parametrize("text,kinds", [
    ("des donnees a caractere personnel", ["personal"]),   # the GDPR's own term, singular, no accents
    ("des données à caractère personnel", ["personal"]),
    ("l'imagerie medicale du service", ["personal", "health"]),
    ("des donnees d’une sensibilite particuliere", ["sensitive"]),
])
def test_checker_data_words_read_without_accents(text, kinds):
    assert named_data(text)[0] == kinds


def test_same_verdict_for_every_reading_names_no_data_kind_and_says_the_readings():
    """Connection logs (a kind no vocabulary names) on a SecNumCloud, HDS, immune offer for the State in
    2024: every reading is eligible, so the verdict is given, not asked back, and the answer does not
    pretend the data are personal."""
    u = understand("Un ministère peut-il mettre ses journaux de connexion sur le Hosted Private Cloud d'OVH en 2024 ?",
                   TODAY, "fr")
    assert u.data_unknown
    v = verdicts_for(u, "fr")[0]
    assert v["verdict"] == "eligible"
    assert v["data"] == []
    assert v["why"].startswith("Quel que soit le type de données, la réponse est la même : personnelles → éligible")
    assert not v.get("missing_facts")


def test_readings_that_differ_are_still_asked_back():
    u = understand("Le département peut-il mettre les données de son SIG sur Google Cloud Platform aujourd'hui ?",
                   TODAY, "fr")
    v = verdicts_for(u, "fr")[0]
    assert v["verdict"] == "undetermined"
    assert [m["name"] for m in v["missing_facts"]][0] == "data_kind"


def test_electoral_list_of_a_commune_is_personal_data_outside_every_rule():
    u = understand("une commune peut-elle mettre sa liste electorale sur le Public Cloud d'OVH ?", TODAY, "fr")
    assert not u.data_unknown
    assert verdicts_for(u, "fr")[0]["verdict"] == "not_applicable"


@pytest.mark.parametrize("question,provider,offer", [
    ("UNE PRÉFECTURE PEUT-ELLE ÉQUIPER SES AGENTS DE TEAMS AUJOURD'HUI ?", "Microsoft", "Microsoft 365"),
    ("BLEU PEUT-IL AUJOURD'HUI HÉBERGER DES DONNÉES SENSIBLES D'UN MINISTÈRE ?", "Bleu", None),
    ("IS BLEU OK FOR A MINISTRY'S PARTICULARLY SENSITIVE DATA NOW?", "Bleu", None),
])
def test_a_question_in_capitals_reads_names_that_are_also_ordinary_words(question, provider, offer):
    u = understand(question, TODAY, "fr" if "UNE" in question or "PEUT" in question else "en")
    assert (u.query["provider"], u.query["offer"]) == (provider, offer)


def test_capitals_in_a_question_with_lower_case_letters_still_decide():
    """Only a text with no lower-case letter loses its case: "our teams" stays people, not the product."""
    from assistant.checker import names_in_capitals
    assert names_in_capitals("Can our teams put staff files on AWS?") == "Can our teams put staff files on AWS?"
    assert names_in_capitals("LE DRAPEAU BLEU SUR TEAMS") == "LE DRAPEAU Bleu SUR Teams"


def test_the_normaliser_keeps_a_letter_s_case_for_names_read_case_sensitively():
    assert re.fullmatch(phrase_alternation(["Outlook"]), "Outlook")
    assert not re.fullmatch(phrase_alternation(["Outlook"]), "outlook")
    assert re.fullmatch(phrase_alternation(["État"]), "Etat")
    assert re.fullmatch(phrase_alternation(["état"]), "ETAT", re.I)
