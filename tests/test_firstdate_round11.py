"""Round 11 ("firstdate"): the first word of answers to non-eligibility questions and dates given in
words. A question asking when / which / who never opens with Oui / Non; a duty asked of a body it
does not bind is answered "Non"; "depuis quand… stocker dans l'UE ?" gets the dated rules; an event's
Journal officiel publication is its `published` day (events.yaml, with its source) or not understood;
a day and month without a year ("le 1er octobre dernier") is the last such day. Questions written
for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import obligations as ob
from assistant.answer.dates import find_date, source_in, unresolved_date
from assistant.answer.scope_rules import eu_storage_answer

TODAY = dt.date(2026, 12, 1)
BY_ID = {o.id: o for o in ob.obligations()}


# -- dates: the Journal officiel ------------------------------------------------------------------

@pytest.mark.parametrize("question, day", [
    ("Le jour de la parution au Journal officiel du décret 2026-209, le CHU devait-il stocker en Europe ?", dt.date(2026, 3, 26)),
    ("The day after decree 2026-209 was published in the Official Journal, could a clinic use AWS?", dt.date(2026, 3, 27)),
    ("Une semaine après la publication de la loi SREN au JORF, une préfecture pouvait-elle utiliser Azure ?", dt.date(2024, 5, 29)),
    ("La veille de la parution du référentiel HDS v2 au JO, un hôpital pouvait-il choisir OVH ?", dt.date(2024, 5, 15)),
])
def test_a_journal_officiel_publication_is_the_published_day_with_its_source(question, day):
    mention = find_date(question, TODAY)
    assert mention.precision == "event" and mention.date == day
    assert "Journal officiel" in mention.source or "JORF" in mention.source


@pytest.mark.parametrize("question, day", [
    ("Le jour de l'entrée en vigueur du décret 2026-209, un CHU pouvait-il garder ses dossiers chez AWS ?", dt.date(2026, 9, 26)),
    ("On the day decree 2026-209 came into force, could a clinic keep its patient files on Azure?", dt.date(2026, 9, 26)),
    ("Depuis l'entree en vigueur du decret 2026-209, une clinique peut-elle utiliser GCP ?", dt.date(2026, 9, 26)),
])
def test_the_entry_into_force_of_a_text_is_its_sourced_in_force_day(question, day):
    # round 11, lead: decree 2026-209 was signed on 24 March 2026; the article it creates is « en vigueur le 2026-09-26 »
    mention = find_date(question, TODAY)
    assert mention is not None and mention.date == day, mention
    assert "2026-209" in mention.source and ("en vigueur le 2026-09-26" in mention.source or "26 septembre 2026" in mention.source)


def test_the_signature_day_stays_when_no_journal_officiel_is_named():
    mention = find_date("Le jour de la parution du décret 2026-209, un hôpital devait-il stocker en Europe ?", TODAY)
    assert mention.date == dt.date(2026, 3, 24)


def test_an_english_answer_gets_the_publication_source_in_english():
    mention = find_date("On the day decree 2026-209 was published in the Official Journal, was it binding?", TODAY)
    assert "published in the Official Journal on March 26, 2026" in source_in(mention.source, "en")
    assert "selon" not in source_in(mention.source, "en")


def test_a_publication_no_source_dates_is_not_understood_never_the_signature_day():
    question = "Le lendemain de la parution au JO du décret 2026-272, un ministère pouvait-il garder Azure ?"
    mention = find_date(question, TODAY)
    assert mention.precision == "unread" and mention.date == TODAY
    assert unresolved_date(question, mention) == mention.text


# -- dates: a day and a month without a year ------------------------------------------------------

@pytest.mark.parametrize("question, day", [
    ("Le 1er octobre dernier, un CHU pouvait-il héberger chez Scaleway ?", dt.date(2026, 10, 1)),
    ("le 2 décembre dernier, la préfecture pouvait-elle rester sur Azure ?", dt.date(2025, 12, 2)),
    ("le 3 mars de l'année dernière, un hôpital pouvait-il utiliser OVH ?", dt.date(2025, 3, 3)),
    ("On October 1st last year, could a clinic store records on Azure?", dt.date(2025, 10, 1)),
    ("last 14 July, could a ministry use Google Cloud?", dt.date(2026, 7, 14)),
    ("On June 5 this year, was Outscale qualified?", dt.date(2026, 6, 5)),
])
def test_a_day_without_a_year_is_the_last_such_day(question, day):
    mention = find_date(question, TODAY)
    assert (mention.precision, mention.date) == ("day", day)
    assert mention.reading == str(day.year)


def test_a_day_with_its_year_and_an_impossible_day_keep_their_readings():
    assert find_date("le 1er octobre 2025, un CHU pouvait-il ?", TODAY).date == dt.date(2025, 10, 1)
    assert find_date("le 30 février, un CHU pouvait-il ?", TODAY).precision == "unread"
    assert find_date("le 3 mai prochain, un CHU pourra-t-il ?", TODAY).precision == "future"


# -- question forms -----------------------------------------------------------------------------

@pytest.mark.parametrize("question, yes_no, when", [
    ("Depuis quand l'hébergement HDS doit-il être en Europe ?", False, True),
    ("From what date must hosts keep health data in the EEA?", False, True),
    ("What is the deadline for certified hosts to move to the v2 standard?", False, True),
    ("Qui décide si nos données sont sensibles ?", False, False),
    ("Quand un patient demande ses données, l'hébergeur doit-il répondre ?", True, False),
    ("Un hébergeur doit-il stocker les données de santé en Europe ?", True, False),
])
def test_question_forms(question, yes_no, when):
    assert (ob.asks_yes_no(question), ob.asks_when(question)) == (yes_no, when)


# -- first words ----------------------------------------------------------------------------------

def test_a_duty_asked_of_a_body_it_does_not_bind_is_no_and_what_it_may_do_has_no_word():
    opinion = BY_ID["DINUM-OPINION"]
    must = ob.answer(opinion, "Une commune doit-elle obtenir l'avis de la DINUM pour son cloud ?", TODAY, "fr", "local_authority")
    assert must.key == "no" and must.why.startswith("Cette obligation vise les ministères")
    may = ob.answer(opinion, "Une commune peut-elle solliciter l'avis de la DINUM pour son cloud ?", TODAY, "fr", "local_authority")
    assert may.key is None


def test_a_body_that_may_also_be_bound_gets_no_word():
    """A duty binding State operators, asked of a hospital (which may be a body under State supervision)."""
    bound = [o for o in ob.obligations() if "state_operator" in (o.raw.get("customers") or ()) and o.raw.get("answers", {}).get("must")]
    assert bound
    said = ob.answer(bound[0], "L'hôpital doit-il le faire ?", TODAY, "fr", "health_facility")
    assert said.key is None


def test_before_a_duty_the_source_dates_must_is_no():
    opinion = BY_ID["DINUM-OPINION"]
    said = ob.answer(opinion, "Un ministère devait-il demander l'avis de la DINUM pour un achat cloud ?", dt.date(2024, 5, 21), "fr", "state")
    assert said.key == "no" and "31 mai 2025" in said.why
    asked_when = ob.answer(opinion, "Depuis quand un ministère doit-il demander l'avis de la DINUM ?", dt.date(2024, 5, 21), "fr", "state")
    assert asked_when.key is None


@pytest.mark.parametrize("lang, dates", [("fr", ("16 mai 2026", "26 septembre 2026")), ("en", ("16 May 2026", "26 September 2026"))])
def test_since_when_eu_storage_gives_every_rule_with_its_date(lang, dates):
    said = eu_storage_answer(TODAY, lang, dated=True)
    assert said.key is None
    assert said.why.index(dates[0]) < said.why.index(dates[1])  # oldest first
    assert any("à partir du 26 septembre 2026" in b.quote for b in said.bases)
    assert eu_storage_answer(TODAY, lang).key == "yes"


@pytest.fixture(scope="module")
def service(service_on):
    return service_on("2026-12-01")


def test_a_wh_question_never_opens_with_a_yes_no_word(service):
    answer = service.ask("Depuis quand les données de santé doivent-elles être hébergées en Europe ?", as_of="2026-12-01")
    assert not answer.short_answer.startswith(("Oui", "Non", "Ça dépend"))
    assert "26 septembre 2026" in answer.short_answer


def test_a_journal_officiel_day_no_source_gives_is_said(service):
    answer = service.ask("Le jour de la parution au JO du décret 2026-272, un ministère devait-il demander l'avis de la DINUM pour son cloud ?")
    said = [n.text for n in answer.notices if n.kind == "not_understood"]
    assert said and "Journal officiel" in said[0]


@pytest.mark.parametrize("question, day", [
    ("The day after the DINUM note of 15 September 2021, could a ministry keep its mail on Gmail?", dt.date(2021, 9, 16)),
    ("La veille de la circulaire du 5 juillet 2021, une préfecture pouvait-elle utiliser AWS ?", dt.date(2021, 7, 4)),
])
def test_a_date_naming_the_event_leaves_the_relation_to_it(question, day):
    """The written day is the event's own ("la note DINUM du 15 septembre 2021"): the relation counts."""
    assert find_date(question, TODAY).date == day


def test_a_body_whose_legal_nature_rules_out_every_bound_type_is_answered_no():
    """An EPCI (entities.yaml: type unknown, never the State nor one of its operators) asked whether
    it must get DINUM's opinion, which binds ministries: "no"; a body whose nature rules out nothing is left as before."""
    opinion = BY_ID["DINUM-OPINION"]
    question = "Une communauté de communes doit-elle demander l'avis de la DINUM avant d'acheter du cloud ?"
    said = ob.answer(opinion, question, TODAY, "fr", None, ("state", "state_operator"))
    assert said.key == "no" and said.why.startswith("Cette obligation vise les ministères")
    assert ob.answer(opinion, question, TODAY, "fr", None, ()).key == "yes"
