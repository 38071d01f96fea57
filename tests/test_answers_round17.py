"""Round 17 (lead): what an answer says about the sensitivity test and about rules the engine never read.

- a State body's data whose sensitivity the question's words deny ("aucun secret protégé par la loi",
  "a leak would harm nobody") are eligible outside SecNumCloud *because* of the test of circular
  6404/SG: that test's passages are cited (the DINUM FAQ's two conditions, 6404/SG as the press quotes
  it), as they are when the words meet it (round 16);
- a rule the engine left unread because another rule already decided the verdict (status null in the
  JSON: a SecNumCloud refusal leaves SREN art. 31 unread) is said to be "non évaluée (sans effet sur le
  verdict)", in every renderer, never an empty status.
Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import re

import pytest

TODAY = "2026-12-03"
SET_BY_6404 = "Il est désormais précisé qu’elles recouvrent"
FAQ_TWO_CONDITIONS = "Deux conditions doivent être réunies"


@pytest.mark.parametrize("question", [
    "Nos comptes rendus de réunion ne relèvent d'aucun secret protégé par la loi et leur fuite ne porterait "
    "atteinte ni à l'ordre public ni à la sécurité : un ministère peut-il les mettre sur Azure ?",
    "Our ministry's meeting notes are covered by no legal secret and a leak would harm nobody: can they go on AWS?",
])
def test_sensitivity_denied_by_the_criteria_cites_the_test(service_on, question):
    service = service_on(TODAY)
    answer = service.ask(question)
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "eligible" and verdict["sensitivity"]["value"] is False
    assert verdict["decisive_bases"] == ["S2023"]
    cited = [(c.doc_id, c.quote) for c in answer.citations]
    assert any(d == "dinum-faq-2024" and FAQ_TWO_CONDITIONS in q for d, q in cited)
    assert any(d == "circulaire-6404-sg-2023-presse" and q.startswith(SET_BY_6404) for d, q in cited)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_data_declared_not_sensitive_cite_no_test(service_on):
    """Declared, not read from criteria: the definition adds nothing the reader said."""
    answer = service_on(TODAY).ask("Un ministère peut-il héberger des données personnelles non sensibles sur Azure ?")
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "eligible"
    assert "S2023" not in verdict["decisive_bases"]


@pytest.mark.parametrize("question,lang,words", [
    ("Un opérateur de l'État peut-il héberger des données d'une sensibilité particulière sur AWS ?", "fr",
     "non évaluée (sans effet sur le verdict)"),
    ("May a State operator host particularly sensitive data on AWS?", "en", "not evaluated (does not change the verdict)"),
])
def test_a_rule_left_unread_is_said_unevaluated(service_on, question, lang, words):
    answer = service_on(TODAY).ask(question)
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "not_eligible"
    unread = [r["id"] for r in verdict["rules"] if r["status"] is None]
    assert "SREN-31" in unread
    line = next(ln for ln in answer.answer.splitlines() if re.match(r"- (règle|rule) SREN-31 ", ln))
    assert line.rstrip(" []0123456789").endswith(words)


def test_checker_and_web_renderers_say_unevaluated():
    from assistant.channels import web_render
    from assistant.checker import check
    from assistant.checker.render import render_verdict
    verdict = check(provider="aws", customer="state_operator", data=["sensitive"], as_of="2026-12-01", lang="fr")
    assert verdict.verdict == "not_eligible" and any(r.id == "SREN-31" and r.status is None for r in verdict.rules)
    text = render_verdict(verdict, "fr")
    assert re.search(r"\[SREN-31\].* — non évaluée \(sans effet sur le verdict\)$", text, re.M)
    assert "not evaluated (does not change the verdict)" in render_verdict(
        check(provider="aws", customer="state_operator", data=["sensitive"], as_of="2026-12-01", lang="en"), "en")
    trace = web_render.rules_trace(verdict.to_json())
    assert "hds-status--unevaluated" in trace and "non évaluée (sans effet sur le verdict)" in trace


def _reserve_line(answer, start: str) -> str:
    return next(ln for ln in answer.answer.splitlines() if ln.startswith(f"- {start}"))


@pytest.mark.parametrize("question,today,start", [
    ("Le 15 janvier 2026, une clinique pouvait-elle héberger ses dossiers patients sur Secure Temple ?", "2026-12-03",
     "Depuis le 16 novembre 2024, selon la presse"),
    ("On 1 March 2025, could a private clinic keep its patient files on OVHcloud Public Cloud?", "2026-12-03",
     "Since 16 November 2024, according to the press"),
])
def test_a_reserve_from_a_note_cites_its_passages(service_on, question, today, start):
    """The reserve on HDS v2's EEA requirement (a checker note) carries [n] for the press quotation that
    dates it and the referential's own requirement (EXI 28), both listed among the sources."""
    service = service_on(today)
    answer = service.ask(question)
    line = _reserve_line(answer, start)
    marks = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
    cited = {c.n: c for c in answer.citations}
    assert [cited[n].doc_id for n in marks] == ["hds-v2-eee-presse", "hds-referentiel-v2"]
    assert "exclusivement au sein de l’Espace Economique Européen" in cited[marks[1]].quote
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote
    assert answer.verdicts[0]["caveats"] and "[" not in answer.verdicts[0]["caveats"][0]  # the JSON keeps the checker's words


def test_a_reserve_not_from_a_note_gets_no_mark(service_on):
    """A vendor's own statement is a registry fact, not a note with a passage: no [n] is invented."""
    answer = service_on(TODAY).ask("Un ministère peut-il utiliser Microsoft 365 pour la messagerie de ses agents ?")
    line = _reserve_line(answer, "Microsoft est certifié HDS")
    assert not re.search(r"\[\d+\]", line)


@pytest.mark.parametrize("question,lang,first,needle", [
    ("Notre hébergeur de données de santé doit-il nous indiquer dans quel pays sont nos dossiers patients ?", "fr", "Oui",
     "L’Hébergeur documente et communique au Client la localisation de ce stockage."),
    ("Is a health data host certified HDS obliged to disclose to its client where the patient records are kept?", "en", "Yes",
     "L’Hébergeur documente et communique au Client la localisation de ce stockage."),
    ("Must our HDS host make public the list of its transfers of health data to countries outside the EEA?", "en", "Yes",
     "L’Hébergeur doit rendre publique et mettre à jour la cartographie des transferts des DSCP"),
])
def test_hds_referential_duties_of_information_answer_from_their_requirement(service_on, question, lang, first, needle):
    """Round 17: the HDS v2 referential's duties of information (EXI 28 location told, EXI 31 public map of
    transfers) answer from the requirement's own paragraph, quoted verbatim."""
    service = service_on(TODAY)
    answer = service.ask(question)
    assert answer.short_answer.startswith(first)
    assert any(c.doc_id == "hds-referentiel-v2" and needle in c.quote for c in answer.citations)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


@pytest.mark.parametrize("question", [
    "Le support de notre hébergeur HDS peut-il accéder à distance aux données depuis l'Inde ?",
    "Nos sous-traitants peuvent-ils consulter les dossiers patients depuis les États-Unis ?",
])
def test_depuis_a_country_is_a_place_not_a_date(service_on, question):
    """"depuis l'Inde" is where from, not since when: no "date not understood" notice, the answer is for today."""
    answer = service_on(TODAY).ask(question)
    assert answer.as_of == TODAY
    assert not any(n.kind == "not_understood" and "date" in n.text for n in answer.notices)


def test_depuis_an_undated_event_is_still_not_understood():
    from assistant.answer.dates import unresolved_date
    assert unresolved_date("Depuis la fusion des deux hôpitaux, peut-on rester sur AWS ?", None) == "Depuis la fusion des"
    assert unresolved_date("After the United Kingdom left, could we host there?", None) == "After the United Kingdom"


def test_the_eu_storage_rule_quotes_r1111_9_1_whole(service_on):
    """Round 17 (post-measure, blind16 spent): décret 2026-209's note quotes R.1111-9-1 over four lines; the
    rule's quote is the whole sentence, never cut at "ou partie à" by a line break."""
    service = service_on(TODAY)
    answer = service.ask("Une clinique peut-elle héberger ses dossiers patients sur Secure Temple ?")
    rule = next(r for r in answer.verdicts[0]["rules"] if r["id"] == "L1111-8-IV-EEE")
    assert rule["basis"]["doc_id"] == "decret-2026-209-secondaire"
    cited = [c for c in answer.citations if c.doc_id == "decret-2026-209-secondaire"]
    assert any(c.quote.startswith("« Lorsque l'activité d'hébergement")
               and " ".join(c.quote.split()).endswith("ou partie à l'accord sur l'Espace économique européen. »") for c in cited)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


# -- round 18 (lead, after blind16's end measure: spent) ------------------------------------------

@pytest.mark.parametrize("question", [
    "Notre ministère tient des notes sur les délibérations du Gouvernement ; leur divulgation porterait atteinte à "
    "l'ordre public. Peut-on les héberger sur PREMI3NS ?",
    "Our ministry keeps memos on the conduct of France's foreign policy, whose leak would harm public security: "
    "may they go on PREMI3NS?",
])
def test_data_named_by_the_criteria_they_meet_are_particularly_sensitive(service_on, question):
    """Both 6404/SG criteria stated of data no other word names: their kind is particular sensitivity,
    no health reading is tried, and the test's passages are cited."""
    answer = service_on(TODAY).ask(question)
    verdict = answer.verdicts[0]
    assert verdict["verdict"] == "eligible" and verdict["sensitivity"]["value"] is True
    assert not verdict.get("by_data") and "S2023" in verdict["decisive_bases"]


@pytest.mark.parametrize("question,lang", [
    ("Une compagnie d'assurance peut-elle héberger les questionnaires de santé de ses assurés sur Scaleway ?", "fr"),
    ("Can the emergency room of our clinic keep its records on Scaleway?", "en"),
])
def test_health_questionnaires_and_emergency_records_are_health_data(question, lang):
    import datetime as dt

    from assistant.answer.question import understand
    u = understand(question, dt.date(2026, 12, 3), lang)
    assert "health" in u.queries[0]["data"] and not u.data_unknown


def test_a_satisfaction_questionnaire_is_no_health_data():
    import datetime as dt

    from assistant.answer.question import understand
    u = understand("Notre questionnaire de satisfaction client peut-il aller sur Scaleway ?", dt.date(2026, 12, 3), "fr")
    assert "health" not in u.queries[0]["data"]


@pytest.mark.parametrize("question,first,point", [
    ("Can a church process its members' religious beliefs as part of its legitimate activities under the GDPR?", "Yes", "(d) processing is carried out"),
    ("Le RGPD permet-il à un service de santé au travail de traiter les données de santé des salariés pour la médecine du travail ?", "Oui", "(h) processing is necessary for the purposes of preventive or occupational medicine"),
    ("Under the GDPR, may health data be processed for epidemiological research?", "Yes", "(j) processing is necessary for archiving purposes"),
])
def test_gdpr_9_2_points_answer_from_their_own_words(service_on, question, first, point):
    """Round 18: the cases of GDPR art. 9(2) that lift the ban on health and other special-category data
    answer from their point, quoted verbatim."""
    service = service_on(TODAY)
    answer = service.ask(question)
    assert answer.short_answer.startswith(first)
    assert any(c.doc_id == "gdpr-extracts" and point in c.quote for c in answer.citations)  # one quote per section: a neighbouring point may widen it
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_the_public_health_code_named_is_no_public_health_purpose(service_on):
    """"le code de la santé publique" names a code, not GDPR 9(2)(i)'s public-interest purpose: a question
    about it that asks no processing is not answered from that point."""
    answer = service_on(TODAY).ask("Que prévoit l'article R.1111-9 du code de la santé publique pour les hébergeurs ?")
    assert not answer.short_answer.startswith("Oui")
    assert not any(c.doc_id == "gdpr-extracts" and "(i) processing is necessary" in c.quote for c in answer.citations)
