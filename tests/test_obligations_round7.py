"""Round 7 obligations (`assistant/answer/obligations.yaml`): places as data (EU/EEA member States
against third countries), refinements that turn on the question's own words (a sub-processor
engaged "sans" authorisation, a foreign order "without an international agreement", a CLOUD Act
question asking whether hosting "shields" or whether a provider "is subject"), bodies that may be
bound by a fact the question does not give (`others_depend_on`), and the registry and render parts
of a first word: a yes-no question on a registry fact is not an eligibility verdict, and a yes-no
question nothing grounds says so before its closest passage. No encoder is needed here: each
obligation is answered directly (the matcher is tested in test_obligations.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer import obligations as ob
from assistant.answer import render
from assistant.answer.registry_view import asks_only_a_fact
from assistant.domain import Citation

BY_ID = {o.id: o for o in ob.obligations()}
TODAY = dt.date(2026, 11, 30)


def _key(obligation_id: str, question: str, lang: str = "fr", customer: str | None = None, as_of: dt.date = TODAY):
    return ob.answer(BY_ID[obligation_id], question, as_of, lang, customer).key


@pytest.mark.parametrize("text,kind,expected", [
    ("stocker nos dossiers en Norvège", "eea", True),
    ("un datacenter aux Pays-Bas", "eea", True),
    ("a data centre in switzerland", "third", True),
    ("le support est au Maroc", "third", True),
    ("un prestataire indépendant", "third", False),  # "inde" only as a whole word
    ("a data centre in switzerland", "eea", False),
])
def test_places_are_read_as_whole_country_names(text, kind, expected):
    assert ob.groups_hold([["@" + kind]], text) is expected


def test_storage_follows_the_country_named():
    """After 26 September 2026 health data is stored in the EU or EEA only: Norway yes, Switzerland
    no; before that date no first word (the text was not in force)."""
    assert _key("EU-STORAGE", "Notre hébergeur pourra-t-il stocker nos dossiers patients en Norvège ?") == "yes"
    assert _key("EU-STORAGE", "from october 2026, may our patient data be stored in switzerland?", "en") == "no"
    assert _key("EU-STORAGE", "Peut-on stocker nos données de santé en Norvège ?", as_of=dt.date(2025, 1, 1)) is None


def test_refinements_read_the_questions_own_words():
    assert _key("GDPR-SUBPROCESSOR", "Notre sous-traitant peut-il recruter un autre sous-traitant sans notre accord ?") == "no"
    assert _key("GDPR-SUBPROCESSOR", "Notre sous-traitant peut-il recruter un autre sous-traitant ?") == "depends"
    assert _key("FOREIGN-AUTHORITY-ORDER", "Un juge américain peut-il exiger nos données sans accord international ?") == "no"
    assert _key("FOREIGN-AUTHORITY-ORDER", "Un juge américain peut-il exiger nos données ?") == "depends"
    assert _key("CLOUD-ACT-EXPOSURE", "Does an HDS host in France shield our data from the CLOUD Act?", "en") == "no"
    assert _key("CLOUD-ACT-EXPOSURE", "Les fournisseurs américains sont-ils soumis au Cloud Act ?") == "yes"
    assert _key("CLOUD-ACT-EXPOSURE", "Que dit-on du Cloud Act ?") is None
    assert _key("GDPR-TRANSFER", "without an adequacy decision, can we still transfer personal data outside the EU?", "en") == "depends"
    assert _key("GDPR-TRANSFER", "Can we transfer personal data to a country with an adequacy decision?", "en") == "yes"
    assert _key("R9-DEROGATION", "Une dérogation à la R9 peut-elle être accordée par le ministre seul ?") == "no"
    assert _key("R9-DEROGATION", "Peut-on déroger à la R9 pour des données sensibles ?") == "depends"
    assert _key("R9-DEROGATION", "On peut déroger à la R9 combien de temps, au plus ?") is None  # a duration, not a yes or a no


def test_a_body_that_may_qualify_by_an_unstated_fact_gets_it_depends():
    """ANSSI's help with a tender is for administrative authorities and operators of vital
    importance: a ministry gets "yes", a private company "depends" (is it an OIV?), said in words."""
    question = "Peut-on demander à l'ANSSI de participer au cahier des charges de notre appel d'offres cloud ?"
    assert _key("ANSSI-TENDER-HELP", question, customer="state") == "yes"
    private = ob.answer(BY_ID["ANSSI-TENDER-HELP"], question, TODAY, "fr", "private")
    assert private.key == "depends" and "opérateur d'importance vitale" in private.why and private.why[0].isupper()
    # a duty with no `others_depend_on` asked "must" of a body it does not bind: "no" (round 11)
    assert _key("DINUM-OPINION", "Le CHU doit-il obtenir l'avis de la DINUM ?", customer="health_facility") == "no"


def test_the_version_in_force_decides_the_agrement_question():
    question = "Un hébergeur de données de santé devait-il être agréé ?"
    assert _key("HDS-APPROVAL", question, as_of=dt.date(2016, 6, 15)) == "yes"
    later = ob.answer(BY_ID["HDS-APPROVAL"], question, TODAY, "fr")
    assert later.key is None and "certificat de conformité" in later.why
    assert "agrees" not in str(BY_ID["HDS-APPROVAL"].raw["concepts"])  # "if each patient agrees" is not an agrément


@pytest.mark.parametrize("question,expected", [
    ("OVHcloud Hosted Private Cloud est-il qualifie SecNumCloud ?", True),
    ("is scaleway HDS certified", True),
    ("Bleu était-il qualifié SecNumCloud en 2022 ?", True),
    ("Un CHU peut-il héberger ses données de santé chez OVH ?", False),
    ("Quelles offres sont qualifiées SecNumCloud ?", False),
])
def test_a_registry_fact_question_is_told_from_an_eligibility_question(question, expected):
    assert asks_only_a_fact(question) is expected


def test_an_unsettled_yes_no_question_says_so_before_its_closest_passage():
    quote = Citation(n=1, doc_id="d", title="Doc", section="", quote="Un passage.", start=0, end=11, date="2021-07-05")
    short, text = render.answer_markdown("fr", TODAY, quotes=[quote], citations=[quote], unsettled=True)
    assert short.startswith("Les textes du corpus ne tranchent pas directement cette question.") and "« Un passage. »" in short
    short, _ = render.answer_markdown("en", TODAY, quotes=[quote], citations=[quote], unsettled=False)
    assert short.startswith("According to Doc")


def test_every_concept_stem_is_text():
    """A stem written as a bare number in YAML (6519) is read as an int and breaks the matcher."""
    for o in ob.obligations():
        groups = list(o.raw.get("concepts", [])) + [g for item in o.raw.get("when", []) for g in item.get("concepts", [])]
        assert all(isinstance(stem, str) for group in groups for stem in group), o.id


def test_a_question_on_being_informed_of_changes_gets_the_sentence_that_says_so():
    """GDPR 28(2) has two sentences: asked whether the processor must tell of an intended change
    (round 10), the reason is the second one and its passage comes first, not the authorisation clause."""
    question = "Avec une autorisation générale, notre sous-traitant doit-il nous prévenir avant d'ajouter un sous-traitant ?"
    said = ob.answer(BY_ID["GDPR-SUBPROCESSOR"], question, TODAY, "fr")
    assert said.key == "yes" and "informe le responsable de traitement de tout changement prévu" in said.why
    assert said.bases[0].quote.startswith("In the case of general written authorisation, the processor shall inform")
    english = ob.answer(BY_ID["GDPR-SUBPROCESSOR"], "Must our processor notify us of a new sub-processor?", TODAY, "en")
    assert english.key == "yes" and english.why.startswith("Under a general written authorisation")
    # asked whether it may engage one without telling: no; asked about the authorisation itself: the first sentence
    assert _key("GDPR-SUBPROCESSOR", "Notre sous-traitant peut-il ajouter un sous-traitant sans nous prévenir ?") == "no"
    plain = ob.answer(BY_ID["GDPR-SUBPROCESSOR"], "Notre sous-traitant peut-il recruter un autre sous-traitant sans notre accord ?", TODAY, "fr")
    assert plain.bases[0].quote.startswith("The processor shall not engage another processor")
