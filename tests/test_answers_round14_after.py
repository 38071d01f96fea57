"""Round 14, after blind14's end measure (tuning: blind14 is spent): five readings that gave wrong
verdicts, each tested on questions written for these tests.

- "quel verdict pour chacun ?" / "what verdict for each?" asks the verdicts (it used to be read as a
  wh-question asking a fact, and got no verdict at all);
- a clinic's or a company's files in mail or drive tools are of a kind the question does not say (the
  DINUM note's "personal data" reading of agents' tools is the State's);
- a provider named inside a text's name ("the DINUM's note on Office 365") is not asked about when
  another provider is named; "on the date of X" and "the DINUM's note" are read;
- "the revised HDS framework" is HDS v2; "pending before the courts" is no time;
- "a leak would disturb public order" affirms the 6404/SG test's second criterion.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.dates import find_date, unresolved_date
from assistant.answer.question import provider_mentions, understand
from assistant.answer.sensitivity import sensitivity_criteria

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("question,n", [
    ("Notre GHT hésite entre OVH Hosted Private Cloud et Google Cloud pour ses résultats d'examens : quel verdict pour chacun ?", 2),
    ("Our biotech start-up weighs Outscale IaaS and AWS for its trial participants' health files: what verdict for each?", 2),
])
def test_asking_the_verdict_for_each_offer_gives_one_query_each(question, n):
    u = understand(question, TODAY, "fr" if "Notre" in question else "en")
    assert len(u.queries) == n


@pytest.mark.parametrize("question", [
    "Le cabinet de radiologie peut-il mettre ses documents dans OneDrive ?",
    "Can our private clinic keep its files in Gmail?",
])
def test_files_in_agent_tools_of_a_body_other_than_the_state_are_of_an_unknown_kind(question):
    u = understand(question, TODAY, "fr")
    assert u.queries and u.queries[0]["data"] == [] and u.data_unknown


def test_the_state_keeps_the_notes_reading_of_agent_tools():
    u = understand("Un ministère peut-il mettre la messagerie de ses agents sur Gmail ?", TODAY, "fr")
    assert u.queries[0]["data"] == ["personal"]


def test_a_provider_inside_a_texts_name_is_not_asked_about_when_another_is_named():
    found, _ = provider_mentions("The day after the DINUM's note on Office 365, could a prefecture move its mail to Google Workspace?", "en")
    assert [f[2] for f in found] == ["Google"]
    alone, _ = provider_mentions("Après la note de la DINUM sur Office 365, un ministère pouvait-il l'utiliser ?", "fr")
    assert [f[2] for f in alone] == ["Microsoft"]  # the only provider named stays


@pytest.mark.parametrize("text,day", [
    ("On the date of the DINUM's note, could a ministry use Gmail?", dt.date(2021, 9, 15)),
    ("On the day the updated HDS standard was published in the Official Journal, could a CHU use Teams?", dt.date(2024, 5, 16)),
    ("Le jour où le référentiel HDS révisé a été publié au Journal officiel, un CHU pouvait-il utiliser Teams ?", dt.date(2024, 5, 16)),
])
def test_texts_named_otherwise_are_dated(text, day):
    mention = find_date(text, TODAY)
    assert mention is not None and mention.date == day, mention


def test_pending_before_the_courts_is_no_time():
    text = "Our ministry holds files on disputes pending before the courts; may they go on Azure?"
    mention = find_date(text, TODAY)
    assert mention is None and unresolved_date(text, mention) is None


def test_a_leak_that_would_disturb_public_order_meets_the_second_criterion():
    criteria = sensitivity_criteria("These files are protected by law and a leak would disturb public order.")
    assert criteria.get("breach_impact") is True and criteria.get("sensitive_by_nature") is True


def test_a_quote_inside_a_line_is_not_a_name_the_answer_doubled():
    """The evaluation's doubled-name count reads the answer's own words: a document's « au cas par cas
    par » quoted inline by a "closest passage" answer is not one (blind14's only doubled name)."""
    from assistant.answer.evaluation import _DOUBLED, _own_words
    text = "Passage le plus proche [1] : « analyse au cas par cas par l'administrateur »"
    assert not _DOUBLED.search(_own_words(text))
    assert _DOUBLED.search(_own_words("Microsoft Microsoft 365 n'est pas qualifié."))
