"""The modal sentences of the texts read as duties (`assistant/answer/text_duties.py`, round 10):
the subject and force of a sentence, the lead-in a list item inherits, the place named, and the
first word a sentence gives a question by its modality. Sentences written for these tests, and the
corpus texts themselves; no encoder: the cosines are given (the service's wiring, with the index's
vectors, is measured by eval/firstword10-fresh.yaml)."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import text_duties as td
from assistant.config import settings
from assistant.domain import Passage
from ingest.documents import documents_by_id

DOCS = documents_by_id(settings().corpus_dir)
CHUNKS = [Passage(d.doc_id, d.title, "", d.text, 0, len(d.text)) for d in DOCS.values()]
SENTENCES = td.modal_sentences(CHUNKS, DOCS)
TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize("sentence, expected", [
    ("The processor shall notify the controller without undue delay.", ("processor", "duty")),
    ("In the case of an audit, the controller shall not refuse access to the logs.", ("controller", "prohibition")),
    ("Such a transfer shall not require any approval.", ("transfer", "no_requirement")),
    ("A transfer may take place only if the recipient is bound by the clauses.", ("transfer", "restricted")),
    ("Le prestataire doit chiffrer les sauvegardes.", ("provider", "duty")),
    ("Le prestataire ne doit conserver que les journaux utiles.", ("provider", "restricted")),
    ("Le prestataire ne doit pas divulguer les clés.", ("provider", "prohibition")),
    ("Dans ce cas, l’hébergeur informe son client du changement.", ("host", "duty")),  # present tense binds
    ("Le sous-traitant ne recrute pas un autre sous-traitant sans autorisation.", ("processor", "prohibition")),  # present tense, negated
    ("Member States may maintain further conditions.", ("member_states", "permission")),  # an actor since round 13 (GDPR 9(4))
    ("The Union may maintain further conditions.", None),  # no actor of the data file
    ("Il est recommandé que le prestataire chiffre les flux.", None),  # the subject is no actor
])
def test_a_sentence_is_read_as_a_duty_of_its_subject(sentence, expected):
    assert td.read(sentence) == expected


def _found(doc_id: str, words: str) -> td.ModalSentence:
    hits = [s for s in SENTENCES if s.doc_id == doc_id and words in DOCS[doc_id].text[s.start:s.end]]
    assert hits, words
    return hits[0]


def test_the_corpus_sentences_carry_their_place_and_lead():
    inform = _found("gdpr-extracts", "the processor shall inform the controller of any intended changes")
    assert (inform.actor, inform.force, inform.place["en"]) == ("processor", "duty", "article 28(2) of the GDPR")
    point_d = _found("gdpr-extracts", "respects the conditions referred to in paragraphs 2 and 4")
    assert point_d.place["fr"] == "l'article 28(3)(d) du RGPD" and point_d.lead is not None
    assert DOCS["gdpr-extracts"].text[point_d.lead[0]:point_d.lead[1]].startswith("That contract or other legal act shall stipulate")
    passwords = _found("secnumcloud-v3.2", "ne doit stocker que l’empreinte des mots de passe")
    assert (passwords.force, passwords.place["fr"]) == ("restricted", "le § 10.3.a du référentiel SecNumCloud 3.2")
    storage = _found("hds-referentiel-v2", "stocker ces DSCP exclusivement au sein de l’Espace Economique Européen")
    assert (storage.actor, storage.force) == ("host", "restricted") and "EXI 28" in storage.place["en"]
    no_authorisation = _found("gdpr-extracts", "Such a transfer shall not require any specific authorisation.")
    assert no_authorisation.force == "no_requirement"


def _answer(question: str, sentence: td.ModalSentence, cosine: float = 0.95, lang: str = "fr", as_of: dt.date = TODAY):
    return td.answer(question, [sentence], [cosine], as_of, lang, DOCS)


def test_the_first_word_follows_the_force_and_the_questions_modality():
    inform = _found("gdpr-extracts", "the processor shall inform the controller of any intended changes")
    said = _answer("Notre sous-traitant doit-il nous prévenir avant d'ajouter un sous-traitant ?", inform)
    assert said.key == "yes" and "l'article 28(2) du RGPD" in said.why and "shall inform the controller" in said.why
    assert said.why.startswith("C'est une obligation du sous-traitant") and not said.why.endswith(". ».")
    assert said.bases[0].quote == DOCS["gdpr-extracts"].text[inform.start:inform.end]  # the sentence that settles it, first
    no_authorisation = _found("gdpr-extracts", "Such a transfer shall not require any specific authorisation.")
    assert _answer("Faut-il une autorisation pour transférer des données vers un pays adéquat ?", no_authorisation).key == "no"
    passwords = _found("secnumcloud-v3.2", "ne doit stocker que l’empreinte des mots de passe")
    assert _answer("Le prestataire SecNumCloud doit-il hacher les mots de passe ?", passwords).key is None  # "only …" answers no "must"
    assert _answer("Le prestataire SecNumCloud peut-il garder les mots de passe ?", passwords).key == "depends"
    assert _answer("Le prestataire SecNumCloud ne doit-il pas hacher les mots de passe ?", passwords).key is None  # negated


def test_no_answer_without_the_actor_a_close_sentence_or_the_text_in_force():
    inform = _found("gdpr-extracts", "the processor shall inform the controller of any intended changes")
    assert _answer("Doit-on informer la CNIL de ce changement ?", inform) is None  # no processor named
    assert _answer("Notre sous-traitant doit-il nous prévenir ?", inform, cosine=0.5) is None  # not close enough
    assert _answer("Notre sous-traitant doit-il nous prévenir ?", inform, as_of=dt.date(2017, 1, 1)) is None  # before the GDPR applied
    assert _answer("Quand notre sous-traitant doit-il nous prévenir ?", inform) is None or \
        _answer("Quand notre sous-traitant doit-il nous prévenir ?", inform).key is None
    storage = _found("hds-referentiel-v2", "stocker ces DSCP exclusivement au sein de l’Espace Economique Européen")
    assert _answer("L'hébergeur doit-il stocker les données dans l'EEE ?", storage, as_of=dt.date(2023, 1, 1)) is None


def test_an_english_question_gets_english_words_around_the_quote():
    inform = _found("gdpr-extracts", "the processor shall inform the controller of any intended changes")
    said = _answer("Does our processor have to tell us before it adds a sub-processor?", inform, lang="en")
    assert said.key == "yes" and said.why.startswith("It is a duty of the processor, set by article 28(2) of the GDPR")


def test_two_close_sentences_that_disagree_leave_the_question_unsettled():
    """A sentence about as close as the best one (within MARGIN) that gives another first word:
    no first word (the service then says the texts do not settle it directly)."""
    only = _found("gdpr-extracts", "Any transfer of personal data which are undergoing processing")
    no_authorisation = _found("gdpr-extracts", "Such a transfer shall not require any specific authorisation.")
    question = "Do we need an authorisation to transfer personal data to an adequate country?"
    close = td.answer(question, [only, no_authorisation], [0.95, 0.94], TODAY, "en", DOCS)
    assert close is None or close.key is None
    assert td.answer(question, [only, no_authorisation], [0.90, 0.95], TODAY, "en", DOCS).key == "no"


def test_a_sentence_that_does_not_stand_out_answers_nothing():
    """Cosines of same-language sentences crowd together: the best one answers only when it leads
    the actor's next sentence by DISTINCT (lead, round 10: "La CNIL impose-t-elle un hébergeur
    certifié HDS ?" reached an unrelated HDS v2 duty 0.007 above the next one)."""
    audit = _found("hds-referentiel-v2", "synthèse managériale")
    storage = _found("hds-referentiel-v2", "stocker ces DSCP exclusivement au sein de l’Espace Economique Européen")
    question = "La CNIL impose-t-elle un hébergeur certifié HDS pour les données d'une mutuelle ?"
    assert td.answer(question, [audit, storage], [0.897, 0.890], TODAY, "fr", DOCS) is None
    standing_out = td.answer(question, [audit, storage], [0.897, 0.880], TODAY, "fr", DOCS)
    assert standing_out is not None and standing_out.bases[0].quote.startswith("Sur demande du client")
    assert td.DISTINCT > 0
