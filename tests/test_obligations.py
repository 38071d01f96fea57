"""Obligations as sourced data (`assistant/answer/obligations.yaml`), their interpreter and matcher:
every needle is the corpus's own words, every date and answer key is well formed, the question is
read for its modality, numbers and negation, the version in force at the question's date answers,
and the matcher makes no wrong match on the test part of the fresh obligation set."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.answer import obligations as ob
from assistant.answer.scope import missing_by_id

REPO = Path(__file__).resolve().parents[1]
BY_ID = {o.id: o for o in ob.obligations()}


@pytest.fixture(scope="module")
def documents(corpus_dir):
    from ingest.documents import load_corpus
    return {d.doc_id: d for d in load_corpus(corpus_dir)}


@pytest.mark.parametrize("obligation", ob.obligations(), ids=lambda o: o.id)
def test_every_needle_is_verbatim_in_its_document(obligation, documents):
    for version in obligation.raw["versions"]:
        for source in version["sources"]:
            assert source["quote"] in documents[source["doc_id"]].text, (obligation.id, source["quote"][:60])
            assert source["basis"] in ob.CONFIDENCE


@pytest.mark.parametrize("obligation", ob.obligations(), ids=lambda o: o.id)
def test_every_obligation_is_complete_and_dated(obligation):
    raw = obligation.raw
    for lang in ("fr", "en"):
        assert raw["asks"][lang] and raw["applies_to"][lang]
        assert all(v["says"][lang] for v in raw["versions"])
    starts = [v["from"] for v in raw["versions"]]
    assert all(isinstance(d, dt.date) for d in starts) and starts == sorted(starts)
    for v in raw["versions"]:
        assert v.get("until") is None or v["until"] >= v["from"]
    for answers in ([raw.get("answers", {})] + [i.get("answers", {}) for i in raw.get("when", [])]
                    + [v.get("answers", {}) for v in raw["versions"]] + [(raw.get("before") or {}).get("answers", {})]):
        assert set(answers) <= {"must", "may", "forbidden", "plain", "skip"}
        assert all(ob._KEYS.get(k) for k in answers.values())
    for item in raw.get("when", []):
        if item.get("first"):
            assert all(1 <= item["first"] <= len(v["sources"]) for v in raw["versions"])
    named = [raw.get("missing")] + [v.get("missing") for v in raw["versions"]]
    for text_id in filter(None, named):
        assert missing_by_id([text_id]), text_id


@pytest.mark.parametrize("question,expected", [
    ("Le contrat doit-il indiquer les lieux d'hébergement ?", "must"),
    ("Peut-on vendre nos données de santé ?", "may"),
    ("Est-il interdit de vendre des données de santé ?", "forbidden"),
    ("Our host is HDS certified, so we are SecNumCloud compliant too?", "plain"),
    ("Do we need DINUM's opinion?", "must"),
    # round 14: a duty asked in the negative, after a "may" word
    ("Un prestataire peut-il se dispenser de désigner un RSSI ?", "skip"),
    ("Can the host skip the yearly audit?", "skip"),
    ("L'hébergeur peut-il échapper à l'obligation de chiffrer ?", "skip"),
    ("a team skipping cloud on a big project - does it have to justify itself?", "must"),  # no "may" word
    ("SecNumCloud permet-il d'échapper au Cloud Act ?", "plain"),  # not an obligation escaped
])
def test_modality(question, expected):
    assert ob.modality(question) == expected


@pytest.mark.parametrize("answers,question,key", [
    ({"must": True, "plain": True}, "Can the host skip the yearly audit?", "no"),
    ({"must": False, "plain": False}, "Un prestataire peut-il se passer de cette étude ?", "yes"),
    ({"plain": False, "must": False, "may": False, "skip": False}, "Peut-on se dispenser de la certification HDS ?", "no"),
    ({"may": True}, "Can the host skip it?", None),  # a permission says nothing of skipping
])
def test_a_duty_asked_in_the_negative_is_the_opposite_of_must(answers, question, key):
    assert ob.answer_key(answers, question) == key


def test_reading_numbers_and_question_kinds():
    assert ob.percent("une refonte d'environ 30% de l'appli") == 30
    assert ob.amount("Projet cloud a 4 millions d'euros") == 4e6
    assert ob.amount("un projet à 500 000 € dans un ministère") == 5e5
    assert ob.amount("un projet cloud de 3 M€") == 3e6
    assert ob.amount("aucun montant") is None
    assert not ob.asks_yes_no("Pour un projet à 500 000 €, qui contrôle la doctrine ?")
    assert not ob.asks_yes_no("By what date must hosts be recertified?")
    assert ob.asks_yes_no("Un prestataire qui garde nos fichiers doit-il être certifié HDS ?")  # "qui" relative
    # round 12: "que" / "qu'" opening a question asks what, not whether ("Que dit la règle R9 ?")
    assert not ob.asks_yes_no("Que prévoit la règle R12 pour les logiciels ?")
    assert not ob.asks_yes_no("Qu'exige le référentiel HDS d'un hébergeur ?")
    assert ob.asks_yes_no("Est-ce que la doctrine vise les communes ?")
    assert ob.asks_yes_no("Une mairie peut-elle dire que ses données sont sensibles ?")  # "que" inside, not opening


def test_the_version_in_force_answers():
    snc = BY_ID["SNC-PREFERENCE"]
    question = "Doit-on privilégier SecNumCloud pour des données ordinaires ?"
    before = ob.answer(snc, question, dt.date(2022, 6, 1), "fr")
    after = ob.answer(snc, question, dt.date(2024, 6, 1), "fr")
    assert (before.key, after.key) == ("yes", "no")
    assert before.bases[0].doc_id == "doctrine-cloud-au-centre-2021"
    assert after.bases[0].doc_id == "circulaire-6404-sg-2023-presse" and after.missing == ["circulaire-6404-sg"]
    too_early = ob.answer(BY_ID["EU-STORAGE"], "Doit-on stocker les données de santé dans l'UE ?", dt.date(2024, 6, 1), "fr")
    assert too_early.key is None and "26 septembre 2026" in too_early.why and "16 novembre 2024" in too_early.why
    # round 11: from 16 November 2024 HDS v2 requires EEA storage of the hosts certified under it
    v2_only = ob.answer(BY_ID["EU-STORAGE"], "Doit-on stocker les données de santé dans l'UE ?", dt.date(2025, 1, 1), "fr")
    assert v2_only.key == "depends" and v2_only.bases[0].doc_id == "hds-v2-eee-presse"
    outside_early = ob.answer(BY_ID["EU-STORAGE"], "Notre hébergeur peut-il stocker nos données de santé aux États-Unis ?", dt.date(2025, 1, 1), "fr")
    assert "depuis le 26 septembre 2026" not in outside_early.why  # the decree's refinement binds from its day


def test_refinements_by_number_concept_and_negation():
    scope = BY_ID["PROJECT-SCOPE"]
    q30 = "Notre projet est une refonte de 30 % de l'existant : la doctrine cloud s'applique-t-elle ?"
    q70 = "Notre projet est une refonte de 70 % de l'existant : la doctrine cloud s'applique-t-elle ?"
    today = dt.date(2026, 11, 30)
    assert ob.answer(scope, q30, today, "fr").key == "no"
    assert ob.answer(scope, q70, today, "fr").key == "yes"
    control = ob.answer(BY_ID["CONTROL-BY-COST"], "Projet cloud à 4 millions d'euros : qui fait le contrôle ?", today, "fr")
    assert control.key is None and "étude comparative" in control.bases[0].quote
    contract = ob.answer(BY_ID["HDS-CONTRACT"], "Le contrat HDS doit-il dire où sont les serveurs ?", today, "fr")
    assert contract.key == "yes" and "lieux d'hébergement" in contract.bases[0].quote
    sale = BY_ID["HEALTH-DATA-SALE"]
    assert ob.answer(sale, "Peut-on vendre des données de santé pseudonymisées ?", today, "fr").key == "no"
    assert ob.answer(sale, "Est-il interdit de vendre des données de santé ?", today, "fr").key == "yes"
    assert ob.answer(sale, "Ne peut-on pas vendre des données de santé ?", today, "fr").key is None
    snc = BY_ID["SNC-PREFERENCE"]  # a relative clause's negation is not the question's
    assert ob.answer(snc, "Doit-on privilégier SecNumCloud pour des données qui ne sont pas sensibles ?", today, "fr").key == "no"
    outside = ob.answer(BY_ID["EU-STORAGE"], "Notre hébergeur peut-il stocker nos données de santé aux États-Unis ?", today, "fr")
    assert outside.key == "no"


def test_short_stems_are_whole_words():
    assert ob.groups_hold([["ue"]], "stocker dans l'UE")
    assert not ob.groups_hold([["eu"]], "peut-il le faire")
    assert not ob.groups_hold([["appli="]], "la doctrine s'applique-t-elle")


def test_administration_privileges_are_no_preference():
    # blind13 (spent), after its end measure: "privileg" caught "administration privileges" and the
    # question on background checks opened "Yes" from the 2023 "SecNumCloud is not required"
    preference = next(o for o in ob.obligations() if o.raw["id"] == "SNC-PREFERENCE")
    assert not preference.concepts_hold("Can SecNumCloud staff with elevated administration privileges skip the checks?")
    assert preference.concepts_hold("Doit-on encore privilégier SecNumCloud pour des données ordinaires ?")
    assert preference.concepts_hold("La doctrine invitait-elle à une offre SecNumCloud en privilégiant le cloud ?")


@pytest.fixture(scope="module")
def encode():
    from assistant.config import Settings
    from ingest.embedders import get_embedder
    if Settings().embedder != "e5":
        pytest.skip("the matcher's threshold is fitted for the e5 encoder")
    return get_embedder("e5").encode_query


def test_matcher_precision_on_the_fresh_test_part(encode):
    """No wrong match on the test part of eval/obligations-fresh6.yaml (questions labelled by their
    gold needles, eval/fit_obligations.py), and most of its labelled questions found."""
    from eval.fit_obligations import label, labels
    raw = yaml.safe_load((REPO / "eval/obligations-fresh6.yaml").read_text(encoding="utf-8"))
    test = [q for q in raw["questions"] if q["split"] == "test"]
    matched = [(q, ob.match(q["question"], encode)) for q in test]
    matched = [(q, m) for q, m in matched if m is not None]
    wanted = [q for q in test if label(q["gold"], ob.obligations())]
    assert matched and all(m.obligation.id in labels(q["gold"], ob.obligations()) for q, m in matched)
    assert len(matched) >= 0.8 * len(wanted)


def test_a_count_question_is_not_a_yes_no_obligation(encode):
    """HDS-IS-NOT-SNC settles "is an HDS host SecNumCloud too?", not how many hosts are both."""
    found = ob.match("Combien d'hébergeurs qualifiés SecNumCloud sont aussi certifiés HDS selon la tribune DSIH ?", encode)
    assert found is None or found.obligation.id != "HDS-IS-NOT-SNC"
    assert ob.match("Our cloud is HDS-certified, does that make it SecNumCloud-qualified as well?", encode).obligation.id == "HDS-IS-NOT-SNC"


def test_no_match_without_an_encoder():
    def no_encoder(text):
        raise RuntimeError("BM25-only index")
    assert ob.match("Le contrat HDS doit-il dire où sont les serveurs ?", no_encoder) is None


@pytest.fixture(scope="module")
def service(data_dir_ingested, corpus_dir):
    from assistant.answer.service import AnswerService
    from assistant.config import Settings
    return AnswerService(Settings(data_dir=data_dir_ingested, corpus_dir=corpus_dir, llm=None, today_override="2026-11-30"))


@pytest.mark.parametrize("question,word,doc", [
    ("Le contrat avec notre hébergeur de données de santé doit-il préciser où se trouvent les serveurs ?", "Oui", "csp-r1111-11"),
    ("Can we sell pseudonymised patient data to a drug company if patients agree?", "No", "csp-l1111-8-vii"),
    ("Qui décide si nos données sont d'une sensibilité particulière ?", None, "dinum-faq-2024"),
    ("En 2022, fallait-il privilégier SecNumCloud pour des données pas particulièrement sensibles ?", "Oui", "doctrine-cloud-au-centre-2021"),
    # DINUM's opinion binds ministries: a CHU asking gets no "Oui" (round 6, lead's stranger check),
    # but "Non" (round 11: the duty does not bind it)
    ("le CHU doit-il obtenir l'avis de la DINUM avant d'acheter du cloud ?", "Non", None),
])
def test_the_answer_starts_with_the_obligation(service, question, word, doc):
    """First line: the word (or none for a who / when question), the plain reason with its [n];
    the obligation's own passage is the first quote, verbatim; each source once."""
    import re
    answer = service.ask(question)
    if word:
        assert answer.short_answer.startswith(word + ".")
    else:
        assert not re.match(r"(?:Oui|Non|Ça dépend|Yes|No|It depends)\.", answer.short_answer)
    assert "[1]" in answer.short_answer
    assert doc is None or answer.citations[0].doc_id == doc
    for c in answer.citations:
        assert service.document(c.doc_id).text[c.start:c.end] == c.quote
    assert len({(c.doc_id, c.section) for c in answer.citations}) == len(answer.citations)


def test_a_press_only_text_is_said(service):
    answer = service.ask("Depuis 2023, doit-on encore privilégier SecNumCloud pour des données qui ne sont pas sensibles ?")
    assert any(n.kind == "missing_text" and "6404" in n.text for n in answer.notices)


def test_a_body_the_obligation_does_not_bind_is_answered_no():
    """DINUM's opinion binds ministries: asked whether a CHU (a health facility) must get it, the
    answer is "Non" (round 11; round 6 gave no first word) and says whom the obligation binds;
    asked for a ministry it keeps its "Oui"."""
    opinion = next(o for o in ob.obligations() if o.id == "DINUM-OPINION")
    question = "Le CHU doit-il obtenir l'avis de la DINUM avant d'acheter du cloud ?"
    for_chu = ob.answer(opinion, question, dt.date(2026, 11, 30), "fr", "health_facility")
    assert for_chu.key == "no"
    assert for_chu.why.startswith("Cette obligation vise les ministères")
    for_ministry = ob.answer(opinion, question, dt.date(2026, 11, 30), "fr", "state")
    assert for_ministry.key == "yes"
    unknown = ob.answer(opinion, question, dt.date(2026, 11, 30), "fr", None)
    assert unknown.key == "yes" and not unknown.why.startswith("Cette obligation")
