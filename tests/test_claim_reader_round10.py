"""Round 10 of the claim reader (issue 13): decisions on a use by their verb or noun, idioms of
ease and of risk, a negated relative clause on the predicate's head, restrictive "ne … que" on a
verb of choosing, "ne pourra plus" / "no longer", future possibilities open in time, an offer
named by its words before the provider's name, elliptic contrasts after a topic or a parallel purpose, the pluperfect dated by a year.

- Approve / ratify / validate / sign off on X *for* a use permits it; reject / refuse / veto /
  turn down X *for* a use forbids it; refused for its price, nothing is said of where data may go.
- "un pari risqué que la doctrine ne permet pas": the relative's negation is its own verb's.
- "ne pourra plus" ends a present permission at a date: a claim; a bare "pourra" still hedges.
The sentences are written for these tests (not copied from the training, fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import negations, non_assertion


def _read(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, stated", [
    # decisions on a use, both languages, both polarities
    ("Le comité a ratifié le recours à Scaleway pour les dossiers patients du CHU.", "eligible"),
    ("Scaleway homologué pour les comptes rendus de la clinique.", "eligible"),
    ("La direction a approuvé Scaleway comme hébergeur des dossiers de la clinique.", "eligible"),
    ("The board endorsed Scaleway for the clinic's patient records.", "eligible"),
    ("Legal signed off on Scaleway for the hospital's lab results.", "eligible"),
    ("Avis favorable du DPO pour loger les dossiers de la clinique chez Scaleway.", "eligible"),
    ("Le RSSI a rejeté Scaleway pour les dossiers sensibles du ministère.", "not_eligible"),
    ("The CISO vetoed Scaleway for the ministry's sensitive files.", "not_eligible"),
    ("Avis défavorable de la DPO sur Scaleway pour les dossiers du CHU.", "not_eligible"),
    # idioms of ease and of risk
    ("Loger les dossiers du CHU chez Scaleway, ça roule comme sur des roulettes.", "eligible"),
    ("Hosting the clinic's records on Scaleway is a walk in the park for compliance.", "eligible"),
    ("Pour les dossiers sensibles du ministère, Scaleway, c'est un terrain miné.", "not_eligible"),
    # a negated relative clause on a head of risk
    ("Confier les dossiers du ministère à Scaleway est un pari que le référentiel n'autorise pas.", "not_eligible"),
    ("Moving the ministry's files to Scaleway is a gamble the rules do not allow.", "not_eligible"),
    # restrictive "ne … que" on a verb of choosing
    ("Pour ses dossiers patients, la clinique n'a validé que Scaleway.", "eligible"),
    ("La DPO ne fait confiance qu'à Scaleway pour les dossiers du CHU.", "eligible"),
    # the end of a permission at a date
    ("À compter de 2026, le ministère ne pourra plus héberger ses fichiers sensibles chez Scaleway.", "not_eligible"),
    ("Once the exemption lapses, the ministry can no longer keep its sensitive files on Scaleway.", "not_eligible"),
])
def test_round10_claims(text, stated):
    assert _read(text) == [("Scaleway", None, stated)], text


@pytest.mark.parametrize("text", [
    "Le CHU a rejeté Scaleway pour son prix.",                                  # refused for its price
    "The clinic turned Scaleway down for cost reasons.",
    "Le ministère pourra plus tard migrer ses fichiers chez Scaleway.",         # "plus tard": a hedge
    "The ministry may one day move its files to Scaleway.",                    # a possibility open in time
    "Le CHU peut un jour confier ses dossiers à Scaleway.",
    "Once Scaleway is certified, the clinic can move its records there.",     # a clause of time, no end
    "Nous attendons encore le feu vert de la DPO pour Scaleway.",              # waiting for a decision
    "We are waiting on the CISO's sign-off for Scaleway.",
    "Les candidats indiqueront si leur offre, par exemple Scaleway, est certifiée HDS.",  # an indirect question
    "In 2019, the clinic had Scaleway approved for its records.",               # the pluperfect dated: history
    "Le directeur de Scaleway travaille pour le groupe depuis dix ans.",        # no purpose parallel, no claim
])
def test_round10_no_claim(text):
    assert extract_claims(text) == [], text


def test_a_negated_relative_is_not_the_predicates_negation():
    from assistant.checker.assertions import _scope, default_language, predicate
    clause = "Confier les dossiers à Scaleway est un pari risqué que la doctrine ne permet pas."
    pred = predicate(clause)
    assert pred is not None and pred.polarity == "forbid"
    assert negations(_scope(clause, pred, default_language())) == 0
    # the restrictive "que" of "n'est autorisé que pour" keeps its scope: no negation
    clause = "Scaleway n'est autorisé que pour les dossiers de la clinique."
    pred = predicate(clause)
    assert negations(_scope(clause, pred, default_language())) == 0


def test_the_end_of_a_permission_is_not_a_hedge():
    assert non_assertion("Le CHU ne pourra plus confier ses dossiers à Scaleway.") is None
    assert non_assertion("Le CHU pourra confier ses dossiers à Scaleway.") == "hedge"
    assert non_assertion("Dès que Scaleway sera certifié, le CHU pourra y migrer.") is not None


def test_an_offer_named_by_its_words_before_the_provider():
    claims = extract_claims("Le cloud de confiance Bleu est retenu pour les fichiers sensibles du ministère.")
    assert [(c.provider, c.offer, c.stated) for c in claims] == [("Bleu", "Cloud de confiance Bleu", "eligible")]


def test_elliptic_contrasts_give_two_claims():
    for text, granted, denied in (
            ("Scaleway: fine for the clinics, not for the ministries.", "fine for the clinics", "not for the ministries"),
            ("Scaleway works for the clinic's newsletters, but not for the ministry's sensitive files.",
             "works for the clinic's", "not for the ministry's"),
            ("Scaleway, ça marche pour la clinique mais pas pour le ministère.", "marche pour la clinique",
             "pas pour le ministère")):
        claims = extract_claims(text)
        assert sorted((c.provider, c.stated, c.customer) for c in claims) == [
            ("Scaleway", "eligible", "health_facility"), ("Scaleway", "not_eligible", "state")], text
        clause = {c.stated: text[c.clause_start:c.clause_end] for c in claims}
        assert granted in clause["eligible"] and denied not in clause["eligible"], text
        assert denied in clause["not_eligible"] and granted not in clause["not_eligible"], text
