"""Round 21: claim shapes (`assistant.checker.claim_shapes`) and the postposed "aucun" of the negation counter.

Sentences written for these tests (not taken from a fresh or blind set)."""
import datetime as dt

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import negations
from assistant.checker.claim_shapes import answer, answered, report_judgement, reported_from

AS_OF = dt.date(2022, 1, 1)


def _read(text):
    return sorted((c.provider, c.offer, c.stated, c.customer) for c in extract_claims(text, as_of=AS_OF))


@pytest.mark.parametrize("text, said", [
    ("Oui, bien sûr.", "yes"), ("yes", "yes"), ("Certainly not.", "no"), ("Absolument pas !", "no"),
    ("Non.", "no"), ("Never, under the current doctrine.", "no"), ("Bien sûr que non.", "no"),
    ("Non seulement le prix…", None), ("No rule blocks it.", None), ("Oui pour la mairie", None), ("Peut-être.", None),
])
def test_answer_particles(text, said):
    assert answer(text) == said


def test_question_answered_in_the_next_sentence_states_the_contrary_on_no():
    assert _read("La mairie peut-elle mettre ses dossiers de santé sur Azure ? Non.") == [
        ("Microsoft", "Azure", "not_eligible", "local_authority")]


def test_question_answered_after_a_dash_states_it_on_yes():
    assert _read("May the clinic keep its scans on Oodrive's SaaS — yes, of course.") == [
        ("Oodrive", "SaaS", "eligible", "health_facility")]


def test_a_question_on_a_ban_answered_yes_states_the_ban():
    assert _read("Is AWS Cloud forbidden for the ministry's particularly sensitive data? Yes.") == [
        ("Amazon Web Services", "AWS Cloud", "not_eligible", "state")]


def test_an_unanswered_question_and_a_question_answered_by_a_hedge_state_nothing():
    assert _read("Le GHT peut-il héberger ses dossiers sur Bleu ?") == []
    assert _read("Le GHT peut-il héberger ses dossiers sur Bleu ? Nous verrons.") == []


def test_a_dash_after_an_assertion_is_no_question():
    assert answered("Scaleway est retenu pour la clinique — oui, enfin.") is None


def test_verdict_slot_filled_by_an_answer():
    assert _read("Verdict on Secure Temple for the CHU's patient files: no.") == [
        ("Cloud Temple", "Secure Temple", "not_eligible", "health_facility")]
    assert _read("The DPO was asked about NumSpot for the prefecture's sensitive files and said yes.") == [
        ("NumSpot", None, "eligible", "state")]


def test_a_rejected_report_turns_its_claim_and_an_endorsed_one_keeps_it():
    assert _read("The sales rep says Microsoft 365 suits the CHU's patient files, which is untrue.") == [
        ("Microsoft", "Microsoft 365", "not_eligible", "health_facility")]
    assert _read("Le consultant soutient que Secure Temple convient aux dossiers de la clinique, et il a raison.") == [
        ("Cloud Temple", "Secure Temple", "eligible", "health_facility")]


def test_report_judgement_offsets():
    text = "Selon la presse, X serait interdit ; c'est faux."
    cut, kind = report_judgement(text)
    assert kind == "rejected" and text[cut:].lstrip(" ;").startswith("c'est faux")
    assert report_judgement("Rien à signaler.") is None
    assert reported_from("Le vendeur affirme que X convient") == len("Le vendeur affirme que ")


def test_postposed_aucun_after_sans_is_no_second_negation():
    assert negations("sans risque aucun") == negations("sans aucun risque")
    assert negations("aucun hébergeur") == 1
