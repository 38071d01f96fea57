"""Quotes as whole units (`assistant.answer.sentences.whole_unit`): a rule's basis or a registry
fact's quote, cut inside a sentence, is cited as the sentence it was cut from, with the clause chain
its lead-in announces and the rest of a quotation it opens; never past the limit, never across an
unrelated paragraph; always offsets into the document's own text."""
from __future__ import annotations

import pytest

from assistant.answer.sentences import whole_unit
from ingest.documents import load_corpus
from assistant.config import REPO_ROOT


@pytest.fixture(scope="module")
def texts():
    return {d.doc_id: d.text for d in load_corpus(REPO_ROOT / "corpus")}


def _unit(text: str, quote: str, limit: int | None = None) -> str:
    start = text.index(quote)
    a, b = whole_unit(text, start, start + len(quote), **({"limit": limit} if limit else {}))
    assert a <= start and start + len(quote) <= b  # the cut span stays inside its unit
    return text[a:b]


def test_a_lead_in_is_cited_with_the_two_criteria_it_announces(texts):
    unit = _unit(texts["dinum-faq-2024"], "Deux conditions doivent être réunies pour que les données soient quali")
    assert unit.startswith("Deux conditions doivent être réunies")
    assert "d’une part, elles doivent être sensibles soit par nature" in unit
    assert unit.endswith("la vie des personnes ou la propriété intellectuelle.")
    assert "Notes importantes" not in unit  # the next paragraph is not announced by the lead-in


def test_a_quotation_opened_in_the_sentence_is_cited_to_its_end(texts):
    unit = _unit(texts["dinum-note-2021-09-15"], "Les solutions collaboratives, bureautiques et de messagerie proposées")
    assert unit.startswith("« Les solutions collaboratives")
    assert unit.endswith("n’est pas conforme à la doctrine Cloud au Centre »")


def test_a_clause_cut_from_a_list_item_is_cited_as_the_whole_item(texts):
    unit = _unit(texts["doctrine-cloud-au-centre-2021"], "l’offre de cloud commercial retenue devra impérativement")
    assert unit.startswith("Si le système ou l’application informatique manipule des données d’une sensibilité particulière")
    assert unit.endswith("être immunisée contre toute réglementation extracommunautaire.")
    assert "•" not in unit  # the bullet itself is left out, as sentences() does


def test_a_long_chain_stops_before_the_item_that_would_pass_the_limit(texts):
    text = texts["csp-r1111-11"]
    unit = _unit(text, "Il contient au moins les clauses suivantes", limit=400)
    assert unit.startswith("Il contient au moins les clauses suivantes :") and len(unit) <= 400
    assert "1° L'indication du périmètre du certificat" in unit


def test_a_sentence_longer_than_the_limit_keeps_the_cut_span():
    text = "Intro.\n" + "Une phrase très longue " * 50 + "qui finit ici.\n"
    quote = "phrase très longue Une"
    assert _unit(text, quote, limit=100) == quote


def test_the_unit_does_not_reach_into_the_next_paragraph():
    text = "Titre\n\nLe premier paragraphe dit ceci, et rien de plus. Il continue.\n\nUn autre paragraphe."
    assert _unit(text, "dit ceci") == "Le premier paragraphe dit ceci, et rien de plus."
    lead = "Le texte prévoit :\n\nce qui est annoncé ;\n\nUne autre idée sans puce."
    assert _unit(lead, "Le texte prévoit") == "Le texte prévoit :\n\nce qui est annoncé ;"


def test_a_sentence_that_points_back_is_cited_with_the_sentence_it_points_to(texts):
    # the ANS FAQ: "Cette confiance…" says who must be certified only through the sentence before it (the line above)
    unit = _unit(texts["esante-faq-hds"], "Cette confiance dans les tiers agissant pour le compte de ces acteurs")
    assert unit.startswith("Par cet encadrement, le législateur souhaite garantir la confiance dans les tiers auxquels des structures")
    assert unit.endswith("l’obligation d’être certifiés « HDS ».")


def test_pointing_back_stops_at_the_paragraph_and_leaves_impersonal_il_alone():
    text = ("## Titre\n\nCe texte ouvre le paragraphe et ne renvoie à rien de ce qui précède le titre.\n\n"
            "Le prestataire stocke les données dans l'Union européenne. Il est interdit de les transférer sans accord.\n\n"
            "- Une liste dont l'élément est assez long pour être une phrase.\nCes éléments suivent la liste et la reprennent.")
    assert _unit(text, "Ce texte ouvre").startswith("Ce texte ouvre")  # a heading and a blank line stop it
    assert _unit(text, "Il est interdit").startswith("Il est interdit")  # "Il" is often impersonal
    assert _unit(text, "Ces éléments suivent").startswith("Ces éléments suivent")  # never into a list item
    with_such = "The provider stores the data in the European Union only. Such storage is a requirement of the scheme."
    assert _unit(with_such, "Such storage") == with_such


def test_pointing_back_never_passes_the_limit():
    first = "Le prestataire " + "garantit la disponibilité des données " * 10 + "en toute circonstance."
    text = first + " Cette garantie figure au contrat."
    assert _unit(text, "Cette garantie", limit=120) == "Cette garantie figure au contrat."
    assert _unit(text, "Cette garantie").startswith("Le prestataire")


# Round 17: a sentence copied with its line breaks (a hard-wrapped quotation) is one unit.
_WRAPPED = ("## Note\n\n"
            "Décret n° 2099-1 du 1er janvier 2099\n"
            "crée l'article R1 du code, en vigueur le 2099-06-01 :\n"
            "« Lorsque l'activité donne lieu à un stockage de ces données, il est mis en œuvre\n"
            "exclusivement sur le territoire d'un État membre de l'Union européenne ou partie à\n"
            "l'accord sur l'Espace économique européen. »\n"
            "Une autre phrase suit, qui commence une nouvelle ligne.\n\n"
            "- un point de liste qui ne finit pas sa phrase\n"
            "- un second point de liste, qui ne s'y joint pas\n")


def test_a_hard_wrapped_sentence_is_quoted_whole():
    from assistant.answer.sentences import whole_unit
    text = _WRAPPED
    cut = "exclusivement sur le territoire d'un État membre de l'Union européenne ou partie à"
    i = text.index(cut)
    a, b = whole_unit(text, i, i + len(cut))
    assert text[a:b].startswith("« Lorsque l'activité") and text[a:b].endswith("Espace économique européen. »")
    assert "Une autre phrase" not in text[a:b]


def test_a_line_ending_its_sentence_is_not_joined_to_the_next():
    from assistant.answer.sentences import whole_unit
    text = _WRAPPED
    s = "Une autre phrase suit, qui commence une nouvelle ligne."
    i = text.index(s)
    assert whole_unit(text, i, i + len(s)) == (i, i + len(s))
    lead = "crée l'article R1 du code, en vigueur le 2099-06-01 :"  # the line above ends with ":" (a lead-in)
    j = text.index("« Lorsque")
    a, _ = whole_unit(text, j, j + 10)
    assert a == j and lead not in text[a:j]


def test_a_list_item_is_not_joined_to_the_next_item():
    from assistant.answer.sentences import whole_unit
    text = _WRAPPED
    first = "un point de liste qui ne finit pas sa phrase"
    i = text.index(first)
    a, b = whole_unit(text, i, i + len(first))
    assert text[a:b] == first
