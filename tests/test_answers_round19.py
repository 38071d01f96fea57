"""Round 19 (lead): a duty asked of a named provider is answered as the duty, not as an eligibility verdict.

"Le support de Scaleway peut-il accéder à nos données de santé depuis le Maroc ?" asks whether remote
access from a third country is allowed (HDS v2, decree 2026-209: an adequacy decision or GDPR art. 46
safeguards), not whether Scaleway may host the data. The obligation's `named_provider` entry in
`obligations.yaml` says so; a question asking whether to host there ("peut-il héberger …") keeps its
verdict. Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import pytest

TODAY = "2026-12-03"
ADEQUACY = "En cas d’accès à distance depuis des pays tiers, une décision d’adéquation de la Commission européenne est nécessaire."


@pytest.mark.parametrize("question, first", [
    ("Les ingénieurs d'astreinte d'OVHcloud en Tunisie peuvent-ils se connecter à distance aux dossiers patients "
     "que nous hébergeons chez eux ?", "Ça dépend"),
    ("Can Google Cloud's support staff in India remotely access the health records our clinic keeps with them?", "It depends"),
])
def test_remote_access_by_a_named_provider_is_the_remote_access_duty(service_on, question, first):
    service = service_on(TODAY)
    answer = service.ask(question)
    assert answer.verdicts == []
    assert answer.answer.startswith(f"**{first}.**")
    assert any(c.doc_id == "hds-v2-eee-presse" and c.quote == ADEQUACY for c in answer.citations)
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote


def test_asking_whether_to_host_keeps_the_verdict(service_on):
    answer = service_on(TODAY).ask("Une clinique peut-elle héberger ses dossiers patients chez AWS, "
                                   "dont le support technique est en Inde ?")
    assert answer.verdicts and answer.verdicts[0]["provider"] == "Amazon Web Services"


@pytest.mark.parametrize("question, first, point", [
    ("Does the GDPR let an employer process an employee's health data to meet its labour-law duties?", "Yes", "(b)"),
    ("Les urgences peuvent-elles consulter le dossier médical d'un patient inconscient pour lui sauver la vie ?", "Oui", "(c)"),
    ("Un journaliste peut-il traiter des informations de santé qu'un élu a lui-même rendues publiques sur les réseaux sociaux ?",
     "Oui", "(e)"),
    ("Can a hospital use a patient's medical file to defend itself in a malpractice lawsuit?", "Yes", "(f)"),
    ("Le RGPD autorise-t-il le traitement de données sensibles pour un motif d'intérêt public important ?", "Oui", "(g)"),
])
def test_each_case_of_gdpr_9_2_is_answered_from_its_point(service_on, question, first, point):
    """GDPR art. 9(2)(b), (c), (e), (f), (g) (round 19; (a), (d), (h), (i), (j) since round 18): the
    answer opens with its first word and quotes the point itself first."""
    service = service_on(TODAY)
    answer = service.ask(question)
    assert answer.answer.startswith(f"**{first}.**")
    assert f"article 9(2){point}" in answer.answer
    top = answer.citations[0]
    assert top.doc_id == "gdpr-extracts" and top.quote.startswith(point)
    assert service.document(top.doc_id).text[top.start:top.end] == top.quote


def test_a_secnumcloud_requirement_named_by_its_number_is_quoted(service_on):
    """"l'exigence 19.6.d" names SecNumCloud's requirement 19.6.d (named_articles.yaml's
    secnumcloud-requirement entry): its own sentence is quoted first."""
    service = service_on(TODAY)
    answer = service.ask("D'après l'exigence 19.6.d du référentiel SecNumCloud, que doivent garantir les sociétés tierces ?")
    top = answer.citations[0]
    assert top.doc_id == "secnumcloud-v3.2" and top.quote.startswith("Dans le cadre de l’exigence 19.6.c, toute société tierce")


def test_a_duty_of_another_point_does_not_answer_a_question_naming_a_point(service_on):
    """A question naming requirement 19.6.d is not answered by the duty of 19.2.c (administration
    from the EU), however close the words ("exploitation", "administration"): no first word from it."""
    service = service_on(TODAY)
    answer = service.ask("Selon l'exigence 19.6.d de SecNumCloud, l'administration du service doit-elle garantir "
                         "une autonomie d'exploitation ?")
    assert "19.2.c" not in answer.answer
    assert not any(c.quote.startswith("Les opérations d’administration et de supervision") for c in answer.citations)
