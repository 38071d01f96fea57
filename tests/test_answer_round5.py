"""Round 5 of issue 13: the rules' passages as quote candidates, scope wording, the EU/EEA storage
obligation, bodies no text classifies, and reasons several providers share said once.

Unit level over the real rule book, entities and corpus texts (no index): each test states what
the answer must do and why, from the texts."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.answer.question import customer_named, scope_question
from assistant.answer.rule_passages import basis_passages, basis_quotes, basis_spans, chunk_holding
from assistant.answer.scope_rules import scope_answer
from assistant.domain import Passage

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _texts() -> dict[str, str]:
    from ingest.documents import load_corpus
    return {d.doc_id: d.text for d in load_corpus(CORPUS)}


def test_every_rule_passage_is_found_verbatim_in_its_document():
    """The candidates are the documents' own words: every basis, also and condition passage of the
    rule book is at its offsets in its document (a quote is always doc.text[start:end])."""
    texts = _texts()
    spans = basis_spans(texts)
    quotes = basis_quotes()
    assert any("fait l'objet d'un contrat" in q for _, q in quotes)  # rule A's condition passage
    found = sum(len(v) for v in spans.values())
    assert found == sum(1 for doc_id, q in quotes if q in texts.get(doc_id, ""))
    for doc_id, ranges in spans.items():
        for start, end in ranges:
            assert (doc_id, texts[doc_id][start:end]) in quotes


def test_basis_passages_are_the_chunks_that_hold_the_rules_passages():
    texts = _texts()
    doc_id = "dinum-faq-2024"
    quote = "Les collectivités ne rentrant pas dans le champ d’application de la circulaire"
    start = texts[doc_id].find(quote)
    holding = Passage(doc_id, "FAQ", "Périmètre > Les collectivités…", texts[doc_id][start - 10:start + 400], start - 10, start + 390)
    other = Passage(doc_id, "FAQ", "Premiers pas", texts[doc_id][:100], 0, 100)
    assert chunk_holding([other, holding], doc_id, start, start + len(quote)) == holding
    assert holding in basis_passages([other, holding], texts)
    assert other not in basis_passages([other, holding], texts)


@pytest.mark.parametrize("as_of,key,first_doc", [
    (dt.date(2026, 11, 30), "yes", "decret-2026-209-secondaire"),   # décret 2026-209 from 2026-09-26
    # HDS v2 EEA hosting from 2026-05-17; its basis is EXI 28 of the référentiel since round 14 (was its press quotation)
    (dt.date(2026, 6, 1), "yes", "hds-referentiel-v2"),
    (dt.date(2025, 1, 1), "depends", "hds-referentiel-v2"),          # nothing yet binds every host: the rules to come
])
def test_the_eu_storage_obligation_is_answered_from_the_rules_that_require_it(as_of, key, first_doc):
    answer = scope_answer(None, "eu_storage", as_of, "fr")
    assert answer.key == key
    assert answer.bases[0].doc_id == first_doc
    if key == "depends":
        assert "17 mai 2026" in answer.why and "26 septembre 2026" in answer.why


@pytest.mark.parametrize("question,asks", [
    ("Does our health data host have to keep the data stored inside the EU now?", "eu_storage"),
    ("Depuis septembre 2026, notre hébergeur doit-il garder nos données de santé dans l'UE ?", "eu_storage"),
    ("Je bosse à la DSI d'un CCAS, la doctrine cloud au centre nous concerne-t-elle ?", "doctrine"),
    ("I'm the CIO of a university: does the Cloud au centre doctrine bind us?", "doctrine"),
    ("Un département est-il obligé de passer au cloud ?", "doctrine"),
    ("La loi SREN s'applique-t-elle au Health Data Hub ?", "sren31"),
    ("On est un GIP, la loi SREN nous oblige-t-elle à passer en SecNumCloud ?", "sren31"),
    ("L'article 31 de la loi SREN s'impose-t-il déjà aux départements ?", "sren31"),
])
def test_scope_and_obligation_wordings(question, asks):
    assert scope_question(question)["asks"] == asks


@pytest.mark.parametrize("question", [
    "Que dit la doctrine sur les données qui concernent la santé ?",   # "concernent" has no body as object
    "Le ministère oblige ses agents à utiliser Teams",                 # no text named as what binds
])
def test_a_verb_alone_does_not_make_a_scope_question(question):
    assert scope_question(question) is None


@pytest.mark.parametrize("text,words", [
    ("un SDIS", "SDIS"), ("le CCAS de ma ville", "CCAS"),  # a mutuelle is private since round 6 (code de la mutualité L.111-1)
    ("un syndicat mixte", "syndicat mixte"), ("On est un GIP", "GIP"),
])
def test_bodies_no_text_classifies_stay_unknown_and_are_named(text, words):
    """No corpus text gives these bodies one of the checker's customer types: unknown, never a
    default, and named so that the answer can ask about them."""
    named = customer_named(text)
    assert named.kind is None and named.words == words


def test_the_health_data_hub_keeps_its_sourced_type_before_the_gip_entry():
    assert customer_named("le Health Data Hub").kind == "state_operator"


def test_a_body_hosting_its_own_data_in_its_walls_is_not_bound_to_hds():
    q = "Notre EHPAD garde ses dossiers de soins sur son propre serveur, dans nos murs : doit-on être certifiés HDS ?"
    scope = scope_question(q)
    assert scope["asks"] == "hds" and scope["subject"] == "self"
    assert scope_answer(scope["customer"], "hds", dt.date(2026, 11, 30), "fr", words=scope["words"], subject="self").key == "no"


def test_a_reason_several_providers_share_is_said_once():
    """Bleu's reason says R9's requirement before its own consequence, Google's says it after "Or,"
    with the rule named: one line says it once, for both, and each provider keeps its own clause."""
    from assistant.answer.render import several_headlines
    rule = "pour un ministère, des données d'une sensibilité particulière exigent une offre qualifiée SecNumCloud"
    base = {"data": ["sensitive"], "customer": "state", "as_of": "2026-11-30", "lang": "fr", "rules": []}
    bleu = {**base, "provider": "Bleu", "offer": None, "verdict": "undetermined",
            "why": f"{rule[:1].upper() + rule[1:]} ; la réponse dépend donc de la sensibilité des données."}
    google = {**base, "provider": "Google", "offer": None, "verdict": "not_eligible",
              "why": f"Google n'est pas qualifiée SecNumCloud. Or, {rule} (règle R9 de la doctrine)."}
    lines = several_headlines([bleu, google], [[1], [2]], "fr")
    text = "\n".join(lines)
    assert text.count("exigent une offre qualifiée SecNumCloud") == 1
    assert "(règle R9 de la doctrine)" in text
    # the premise is said below, once: the own clause drops its "donc" (changed on purpose, round 10)
    assert any("Bleu" in line and "La réponse dépend de la sensibilité" in line for line in lines)
    assert "donc" not in text
    assert any("Google" in line and "n'est pas qualifiée SecNumCloud" in line for line in lines)


@pytest.mark.parametrize("question,sensitivity", [
    ("Un ministère est-il obligé de prendre une offre SecNumCloud pour des données qui ne sont pas d'une sensibilité particulière ?", "not_sensitive"),
    ("Is a ministry obliged to use SecNumCloud for data that are not particularly sensitive?", "not_sensitive"),
    ("Un ministère doit-il prendre du SecNumCloud pour des données d'une sensibilité particulière ?", "sensitive"),
])
def test_data_said_not_to_be_particularly_sensitive_are_read_so(question, sensitivity):
    """"ne sont pas d'une sensibilité particulière" is R9's third indent (SecNumCloud not required),
    not its second."""
    assert scope_question(question)["sensitivity"] == sensitivity


def test_a_regional_council_is_a_local_authority_in_english_too():
    assert scope_question("Is a regional council bound by the Cloud au centre doctrine?")["customer"] == "local_authority"


def test_three_providers_name_each_offer_once_and_keep_each_reason():
    """Round 10 (length): a provider's own reason opening with the offer's name is said after the
    name on the same line ("Secure Temple (Cloud Temple) is …"), an English "; " splits clauses like
    the French " ; ", so the rule two verdicts share is said once; every verdict keeps its own reason."""
    from assistant.answer.render import several_headlines
    rule = "for a ministry, particularly sensitive data need a SecNumCloud-qualified offer"
    base = {"data": ["sensitive"], "customer": "state", "as_of": "2026-11-30", "lang": "en", "rules": []}
    temple = {**base, "provider": "Cloud Temple", "offer": "Secure Temple", "verdict": "eligible",
              "why": "Cloud Temple Secure Temple is SecNumCloud-qualified (press, 2022)."}
    google = {**base, "provider": "Google", "offer": "Workspace", "verdict": "not_eligible",
              "why": f"Google Workspace is not SecNumCloud-qualified. Yet {rule} (rule R9)."}
    avenue = {**base, "provider": "Orange", "offer": "Cloud Avenue", "verdict": "undetermined",
              "why": f"{rule[:1].upper() + rule[1:]}; the answer therefore depends on how sensitive the data are."}
    lines = several_headlines([temple, google, avenue], [[1], [2], [3]], "en")
    text = "\n".join(lines)
    assert text.count("need a SecNumCloud-qualified offer") == 1 and "therefore" not in text
    assert any(line.startswith("- **Yes") and "Secure Temple (Cloud Temple) is SecNumCloud-qualified (press, 2022)" in line for line in lines)
    assert any(line.startswith("- **No") and "is not SecNumCloud-qualified" in line for line in lines)
    assert any(line.startswith("- **It depends") and "depends on how sensitive the data are" in line for line in lines)
    assert text.count("Cloud Temple") == 1
