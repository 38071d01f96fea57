"""Round 20 ("text20"): yes/no questions about what a text says, answered from the decisive sentence.

`assistant/answer/text_statements.py` reads the corpus sentences that state, deny or limit a
proposition ("n'est pas requis", "n'est pas systématiquement obligatoire", "shall not require",
"l'interdiction pour l'Hébergeur d'utiliser", "does not adopt", "including in electronic form") and
answers a yes/no question from the closest one, quoted first; a word only when that sentence settles
it. Questions written for these tests, not taken from an eval set.
"""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import text_statements as ts

TODAY = "2026-12-03"


@pytest.mark.parametrize("sentence, kind", [
    ("Lorsque les données d’un service ou d’un opérateur de l’Etat sont hébergées ou traitées sur hébergement en nuage "
     "commercial, le recours à une offre dite « de confiance » n’est pas systématiquement obligatoire.", "no_requirement"),
    ("La doctrine mise à jour établit simplement que le recours à une offre SecNumCloud « n’est pas requis ».", "no_requirement"),
    ("Such a transfer shall not require any specific authorisation.", "no_requirement"),
    ("Conformément au 11° de l’article R.1111-11 du CSP, le contrat d’hébergement conclu entre l’Hébergeur et son Client doit "
     "rappeler l'interdiction pour l'Hébergeur d'utiliser les données de santé hébergées à d'autres fins.", "prohibition"),
    ("On this point, the decree does not adopt the requirements of the SecNumCloud framework promoted by the SREN law.", "denial"),
    ("Les dispositions de cette loi ne s'appliquent que lorsqu'un système d'information a recours à un service commercial.", "condition"),
    ("The contract or the other legal act referred to in paragraphs 3 and 4 shall be in writing, including in electronic form.",
     "inclusion"),
    ("La déclaration d’applicabilité doit être disponible en langue française pour les auditeurs qui en feront la demande.", "duty"),
    ("Le prestataire peut réaliser des opérations de support aux commanditaires depuis un État hors de l’Union Européenne.",
     "permission"),
])
def test_each_kind_of_sentence_is_read_from_its_words(sentence, kind):
    assert ts.kind_of(sentence) == kind


def test_a_negation_inside_a_leading_condition_is_not_what_the_sentence_says():
    """"Si vous pensez que le cloud n'est pas pour votre projet, contactez-nous" denies nothing (the
    DINUM FAQ sentence answered a question on the doctrine's scope "No" before this rule)."""
    assert ts.kind_of("Si vous pensez que le cloud n'est pas pour votre projet, contactez-nous et parlons-en !") is None
    assert ts.kind_of("Si les données sont sensibles au sens de la règle [R9], il n'est pas approprié de chercher à "
                      "déroger à la règle.") == "prohibition"


class _Doc:
    def __init__(self, doc_id, text):
        self.doc_id, self.text, self.title, self.date, self.confidence = doc_id, text, doc_id, "2024-01-01", "official"


def _one(text, kind, cosine, question, lang="en", extra=()):
    docs = {"a": _Doc("a", text)}
    candidates = [ts.Statement("a", 0, len(text), kind)]
    cosines = [cosine]
    for i, (t, k, c) in enumerate(extra):
        docs[f"b{i}"] = _Doc(f"b{i}", t)
        candidates.append(ts.Statement(f"b{i}", 0, len(t), k))
        cosines.append(c)
    return ts.answer(question, candidates, cosines, dt.date(2026, 12, 3), lang, docs)


NOT_REQUIRED = "Such a transfer shall not require any specific authorisation."


def test_a_sentence_saying_a_thing_is_not_required_answers_a_must_question_no_and_is_quoted():
    said = _one(NOT_REQUIRED, "no_requirement", 0.90, "Does such a transfer need a specific authorisation?")
    assert said.key == "no"
    assert NOT_REQUIRED in said.why and said.bases[0].quote == NOT_REQUIRED


def test_a_negated_question_gets_no_word_but_the_sentence_first():
    said = _one(NOT_REQUIRED, "no_requirement", 0.90, "Doesn't such a transfer need a specific authorisation?")
    assert said.key is None
    assert said.why.startswith("The texts here do not settle this question directly") and NOT_REQUIRED in said.why


def test_below_the_floor_nothing_is_answered():
    assert _one(NOT_REQUIRED, "no_requirement", ts.FLOOR - 0.01, "Does such a transfer need a specific authorisation?") is None


def test_a_yes_needs_a_closer_sentence_than_a_no():
    duty = "La déclaration d’applicabilité doit être disponible en langue française."
    question = "La déclaration d'applicabilité doit-elle être en français ?"
    assert _one(duty, "duty", ts.YES_FLOOR, question, "fr").key == "yes"
    assert _one(duty, "duty", ts.YES_FLOOR - 0.005, question, "fr").key is None


def test_a_question_about_every_case_never_gets_yes_from_one_sentence():
    duty = "Le prestataire doit stocker les données au sein de l’Union Européenne."
    assert _one(duty, "duty", 0.95, "Le prestataire doit-il systématiquement stocker les données dans l'UE ?", "fr") is None
    assert _one(duty, "duty", 0.95, "Must the provider always store the data in the EU?") is None
    assert _one(duty, "duty", 0.95, "Le prestataire doit-il quand même stocker les données dans l'UE ?", "fr").key == "yes"
    always = "Le prestataire doit toujours stocker les données au sein de l’Union Européenne."
    assert _one(always, "duty", 0.95, "Le prestataire doit-il systématiquement stocker les données dans l'UE ?", "fr").key == "yes"


def test_another_text_about_as_close_saying_otherwise_leaves_it_unsettled():
    other = ("Le recours à une offre SecNumCloud est obligatoire pour les données sensibles.", "duty", 0.895)
    said = _one(NOT_REQUIRED, "no_requirement", 0.90, "Is the use of a SecNumCloud offer required?", extra=[other])
    assert said.key is None


def test_a_prohibition_answers_may_no_and_forbidden_yes():
    text = "The processor shall not engage another processor without prior authorisation of the controller."
    assert _one(text, "prohibition", 0.90, "Can the processor engage another processor without authorisation?").key == "no"
    assert _one(text, "prohibition", 0.90, "Is the processor forbidden to engage another processor without authorisation?").key == "yes"


def test_a_wh_question_is_not_read():
    assert _one(NOT_REQUIRED, "no_requirement", 0.95, "Which transfers need no specific authorisation?") is None
    assert _one(NOT_REQUIRED, "no_requirement", 0.95, "Le vade-mecum se réfère à quelle loi ?", "fr") is None


def test_a_denial_needs_a_closer_sentence_than_a_thing_not_required():
    denial = "On this point, the decree does not adopt the requirements of the SecNumCloud framework."
    question = "Does the decree adopt the SecNumCloud requirements?"
    assert _one(denial, "denial", 0.885, question).key is None
    assert _one(denial, "denial", 0.895, question).key == "no"
    assert _one(NOT_REQUIRED, "no_requirement", 0.875, "Does such a transfer need a specific authorisation?").key == "no"


# -- through the real service and index ---------------------------------------------------------------

def test_after_the_2023_update_securing_non_sensitive_data_needs_no_secnumcloud(service_on):
    """The matched obligation said "Oui" (a SecNumCloud provider's EU storage duty); the 6404/SG
    press quotation says SecNumCloud « n'est pas requis » outside sensitive data: Non, quoted first."""
    service = service_on(TODAY)
    answer = service.ask("Depuis l'actualisation de la doctrine en 2023, un ministère dont les données ne sont pas "
                         "d'une sensibilité particulière est-il encore obligé de choisir une offre SecNumCloud ?")
    assert answer.answer.startswith("**Non.**")
    top = answer.citations[0]
    assert top.doc_id == "circulaire-6404-sg-2023-presse" and "n’est pas requis" in top.quote
    assert service.document(top.doc_id).text[top.start:top.end] == top.quote


def test_a_duty_of_a_subject_that_is_no_actor_is_read(service_on):
    """"La déclaration d'applicabilité" is no actor of text_duties.yaml: HDS v2 EXI 08's sentence answers.
    (A question naming "un hébergeur HDS" as its subject is a text duty of the host, read elsewhere.)"""
    service = service_on(TODAY)
    answer = service.ask("Faut-il que la déclaration d'applicabilité soit en français quand les auditeurs la demandent ?")
    assert answer.answer.startswith("**Oui.**")
    top = answer.citations[0]
    assert top.doc_id == "hds-referentiel-v2" and top.quote.startswith("La déclaration d’applicabilité doit être disponible")


def test_what_a_decree_does_not_adopt_is_quoted_first_and_never_a_yes(service_on):
    """Delsol's "the decree does not adopt the requirements of the SecNumCloud framework" is the deciding
    sentence: quoted first; "Non" when it is 0.89 close, else not settled (a denial below 0.89 gives no word)."""
    service = service_on(TODAY)
    answer = service.ask("Le décret n° 2026-209 reprend-il à son compte les exigences de la qualification SecNumCloud ?")
    assert answer.answer.startswith(("**Non.**", "Les textes du corpus ne tranchent pas directement cette question"))
    top = answer.citations[0]
    assert "does not adopt the requirements of the SecNumCloud framework" in top.quote
    assert service.document(top.doc_id).text[top.start:top.end] == top.quote
