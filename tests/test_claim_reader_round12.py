"""Round 12 of the claim reader (issue 13): contrasts across a clause break, pronoun objects, evaluative
idioms, exclusivity phrased negatively, provisos and doubt.

- A sentence opening on a concessive ("Bien que / Quoique / Même si X …, il …", "Although / Even though
  X …, it …") is two clauses, one claim each; so is a clause after "; à l'inverse" / "; by contrast",
  which shares the purpose of the clause before ("…; à l'inverse, X est retenu").
- A clause that refers back by a pronoun ("ne peut pas l'utiliser", "s'en servir", "rely on it") is the
  claim of the provider named before; the clause that named it states nothing by itself.
- "aucune autre offre que X n'est conforme", "nul autre … qu'X", "pas d'autre solution que X": X is the one.
- A proviso ("sous réserve que", "subject to", "provided that") makes a conditional; doubt ("unsure",
  "ne sait pas si", "hésite") hedges its own clause only.
The sentences are written for these tests (not copied from the fresh or blind batches).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import non_assertion


def _read(text):
    return sorted((c.provider, c.stated, c.customer) for c in extract_claims(text))


def _clauses(text):
    return sorted((c.provider, c.stated, text[c.clause_start:c.clause_end]) for c in extract_claims(text))


@pytest.mark.parametrize("text", [
    "Bien que NumSpot convienne aux dossiers de l'hôpital, il est interdit pour les fichiers sensibles de la préfecture.",
    "Quoique NumSpot soit conforme pour l'hôpital, il n'est pas autorisé pour les fichiers sensibles de la préfecture.",
    "Although NumSpot is suitable for the hospital's records, it is not allowed for the prefecture's sensitive files.",
    "Even though NumSpot is approved for the hospital, it is banned for the prefecture's sensitive files.",
])
def test_a_concessive_opening_gives_one_claim_per_clause(text):
    claims = _clauses(text)
    assert [(p, s) for p, s, _c in claims] == [("NumSpot", "eligible"), ("NumSpot", "not_eligible")], claims
    allowed, denied = claims
    assert "hôpital" in allowed[2] or "hospital" in allowed[2]
    assert "préfecture" in denied[2] or "prefecture" in denied[2]
    assert "hôpital" not in denied[2] and "hospital" not in denied[2]


@pytest.mark.parametrize("text", [
    "Scaleway est refusé pour les archives du ministère ; à l'inverse, NumSpot est retenu.",
    "Scaleway was rejected for the ministry's archive; by contrast, NumSpot was selected.",
    "Scaleway was turned down for the ministry's archive, whereas NumSpot was approved.",
])
def test_a_contrast_shares_the_purpose_of_the_clause_before(text):
    assert sorted((p, s) for p, s, _c in _read(text)) == [("NumSpot", "eligible"), ("Scaleway", "not_eligible")]


@pytest.mark.parametrize("text, stated", [
    ("Oodrive est sympathique, mais le ministère ne doit pas l'utiliser pour ses fichiers sensibles.", "not_eligible"),
    ("Oodrive est sympathique, mais le ministère ne doit pas s'en servir pour ses fichiers sensibles.", "not_eligible"),
    ("Oodrive is friendly, but the ministry must not rely on it for its sensitive files.", "not_eligible"),
    ("Nous avons rencontré Oodrive : le ministère peut l'employer pour ses fichiers sensibles.", "eligible"),
])
def test_a_pronoun_object_takes_the_provider_named_before(text, stated):
    assert _read(text) == [("Oodrive", stated, "state")], text


@pytest.mark.parametrize("text, stated", [
    ("Pour le ministère, le dossier de conformité de Docaposte est un sans-faute.", "eligible"),
    ("Docaposte a fait carton plein à l'audit du ministère.", "eligible"),
    ("Docaposte's review for the ministry was a clean sweep.", "eligible"),
    ("Docaposte passed the ministry's audit with flying colours.", "eligible"),
])
def test_evaluative_idioms(text, stated):
    assert [(p, s) for p, s, _c in _read(text)] == [("Docaposte", stated)], text


@pytest.mark.parametrize("text", [
    "Aucune autre offre que NumSpot n'est autorisée pour les dossiers sensibles du ministère.",
    "Pour le ministère, nul autre prestataire que NumSpot n'est qualifié.",
    "Il n'y a pas d'autre solution que NumSpot pour les fichiers sensibles du ministère.",
    "There is no other option than NumSpot for the ministry's sensitive files.",
])
def test_exclusivity_phrased_negatively(text):
    assert _read(text) == [("NumSpot", "eligible", "state")], text


def test_a_bare_negative_quantifier_still_denies():
    text = "Aucune offre n'est autorisée pour les dossiers sensibles du ministère, pas même NumSpot."
    assert _read(text) == [("NumSpot", "not_eligible", "state")]


@pytest.mark.parametrize("text, kind", [
    ("Docaposte peut héberger les dossiers de l'hôpital sous réserve que la convention soit signée.", "conditional"),
    ("Sous réserve d'un contrat signé, l'hôpital migrera chez Docaposte.", "conditional"),
    ("Docaposte may host the hospital's records, subject to a signed contract.", "conditional"),
    ("Docaposte may host the hospital's records provided that the contract is signed.", "conditional"),
    ("Le DPO ne sait pas si Docaposte est autorisé pour les dossiers de l'hôpital.", "question"),
    ("The DPO is unsure if Docaposte is allowed for the hospital's records.", "hedge"),
    ("La DSI hésite encore sur Docaposte pour l'hôpital.", "hedge"),
])
def test_provisos_and_doubt_assert_nothing(text, kind):
    assert non_assertion(text) == kind
    assert extract_claims(text) == []


def test_a_fact_subject_to_a_law_is_no_proviso():
    """"subject to" after no comma names what a provider is under, not a condition of the claim."""
    assert non_assertion("Docaposte is subject to French law and is certified for the hospital's records.") is None


@pytest.mark.parametrize("text, expected", [
    ("The CISO is unsure about Scaleway, but NumSpot is approved for the prefecture's files.",
     [("NumSpot", "eligible", "state")]),
    ("NumSpot est retenu pour la préfecture ; la DSI hésite encore sur Scaleway pour la mairie.",
     [("NumSpot", "eligible", "state")]),
])
def test_doubt_holds_in_its_own_clause_only(text, expected):
    assert _read(text) == expected


def test_not_forbidden_is_still_allowed():
    assert _read("Il n'est pas interdit à l'hôpital de stocker ses dossiers chez NumSpot.") == [
        ("NumSpot", "eligible", "health_facility")]
