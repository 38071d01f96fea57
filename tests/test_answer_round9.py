"""Round 9 ("firstline"): the answer's first word derived from what decides it. The SecNumCloud 3.2
chapter-19 points are duties read from the text (a question with no modal word still gets its yes
or no); a registry fact unknown since its last sourced value ended answers "it depends" with that
value; providers with different verdicts get one line per verdict, not the first one's yes or no.
Questions written for this test, not taken from an evaluation set."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import duties as du
from assistant.answer import obligations as ob
from assistant.answer import registry_view
from assistant.answer.render import answer_markdown, per_offer_line

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def encode():
    from assistant.config import Settings
    from ingest.embedders import get_embedder
    if Settings().embedder != "e5":
        pytest.skip("the matcher's threshold is fitted for the e5 encoder")
    return get_embedder("e5").encode_query


def test_every_secnumcloud_chapter_19_duty_quotes_its_own_point(corpus_dir):
    """Each chapter-19 duty is served with the words of the point it names, read from the text."""
    from ingest.documents import documents_by_id
    served = {o["id"]: o for o in du.as_obligations(documents_by_id(corpus_dir))}
    ours = [d for d in du.duties() if d["id"].startswith("SNC-19-")]
    assert len(ours) >= 15
    text = documents_by_id(corpus_dir)["secnumcloud-v3.2"].text
    for d in ours:
        quote = served[d["id"]]["versions"][0]["sources"][0]["quote"]
        heading = text.index("#### " + d["ref"]["section"])
        assert text.index(quote, heading) < text.find("\n#### ", heading + 5), d["id"]
        assert d["overrides"] == ["secnumcloud"] and "19." in d["says"]["fr"] and "19." in d["says"]["en"]


@pytest.mark.parametrize("question,duty,word", [
    ("quand on resilie, le cloud qualifie secnumcloud peut il supprimer nos fichiers du jour au lendemain ?", "SNC-19-4-A-ERASURE", "no"),
    ("once the contract is over, does our secnumcloud vendor wipe our data?", "SNC-19-4-A-ERASURE", "yes"),
    ("may the hotline of a secnumcloud qualified host sit in morocco?", "SNC-19-2-E-SUPPORT-ABROAD", "yes"),
    ("les admins d'un cloud qualifie secnumcloud peuvent ils gerer la plateforme depuis le canada ?", "SNC-19-2-C-ADMINISTRATION-FROM-EU", "no"),
    ("a chinese group holding 35 % of a secnumcloud provider, is that ok?", "SNC-19-6-B-FOREIGN-CAPITAL", "no"),
])
def test_a_secnumcloud_point_is_found_and_answered_by_modality(encode, question, duty, word):
    found = ob.match(question, encode)
    assert found is not None and found.obligation.id == duty, (found and found.obligation.id)
    lang = "en" if any(w in question.split() for w in ("the", "our", "a", "of")) else "fr"
    assert ob.answer(found.obligation, question, TODAY, lang).key == word


def test_a_fact_unknown_since_its_last_source_ended_answers_it_depends():
    question = "is NumSpot's trusted cloud SecNumCloud certified today?"
    lines = registry_view.describe("NumSpot", None, TODAY, "en", question=question)
    assert registry_view.answer_word(lines, question) == "depends"
    short, _ = answer_markdown("en", TODAY, fact_lines=[line.text for line in lines],
                               fact_word=registry_view.answer_word(lines, question))
    assert short.startswith("It depends. ") and "unknown after 2025-09-03" in short and "last sourced fact: no" in short
    inside = registry_view.describe("NumSpot", None, dt.date(2024, 3, 1), "en", question=question)
    assert registry_view.answer_word(inside, question) == "no"  # while the source held, its value


def test_a_fact_no_source_ever_gave_still_gets_no_word():
    question = "Bleu est-il certifié HDS ?"  # no HDS fact for Bleu, ever: unknown, not "it depends"
    lines = registry_view.describe("Bleu", None, TODAY, "fr", question=question)
    assert [line.value for line in lines if line.name == "hds_certified"] == [None]
    assert registry_view.answer_word(lines, question) is None


def _verdict(provider, offer, verdict):
    return {"provider": provider, "offer": offer, "verdict": verdict, "data": ["sensitive"],
            "customer": "state", "as_of": TODAY.isoformat(), "rules": []}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_providers_with_different_verdicts_get_no_yes_or_no(lang):
    verdicts = [_verdict("OVHcloud", "Hosted Private Cloud", "eligible"), _verdict("Microsoft", "Azure", "not_eligible"),
                _verdict("Amazon Web Services", "AWS Cloud", "not_eligible")]
    line = per_offer_line(verdicts, lang)
    first = line.split("—")[0]
    assert not first.startswith(("Oui", "Non", "Yes", "No ", "Ça dépend", "It depends"))
    assert ("Azure (Microsoft), AWS Cloud (Amazon Web Services)" in first) and first.count("OVHcloud") == 1
    short, _ = answer_markdown(lang, TODAY, verdicts=verdicts)
    assert short == line
    same, _ = answer_markdown(lang, TODAY, verdicts=verdicts[1:])  # one verdict for all: its word stays
    assert same.startswith(("Non", "No"))
