"""Round 12: shorter, plainer words before the quotes.

A body of unknown category gets one clause per outcome ("indéterminé pour un ministère ou une
administration centrale, un opérateur de l'État ; hors périmètre pour une collectivité territoriale
ou une entreprise privée"), not one per category; "de" elides before a name opening with a vowel
("l'offre d'Amazon Web Services"). Written for these tests.
"""
from __future__ import annotations

from assistant.answer.verdicts import _by_outcome
from assistant.checker.explain import offer_question
from assistant.wording import elide


def test_categories_are_grouped_by_outcome_in_the_order_first_met():
    names = ["un ministère ou une administration centrale", "un opérateur de l'État",
             "une collectivité territoriale", "une entreprise privée"]
    verdicts = [{"verdict": v} for v in ("undetermined", "undetermined", "not_applicable", "not_applicable")]
    text = _by_outcome(names, verdicts, "fr")
    assert text == ("indéterminé pour un ministère ou une administration centrale, un opérateur de l'État ; "
                    "hors périmètre pour une collectivité territoriale ou une entreprise privée")
    en = _by_outcome(["a ministry", "a State operator", "a company"],
                     [{"verdict": "undetermined"}, {"verdict": "eligible"}, {"verdict": "undetermined"}], "en")
    assert en.startswith("undetermined for a ministry or a company; ") and en.count(";") == 1


def test_de_elides_before_a_vowel_only():
    assert elide("Quelle offre de Amazon Web Services ? de OVHcloud, de Google") == \
        "Quelle offre d'Amazon Web Services ? d'OVHcloud, de Google"
    assert offer_question("Amazon Web Services", ["AWS Cloud"], "fr").startswith("Quelle offre d'Amazon Web Services")
    assert offer_question("Amazon Web Services", [], "en").startswith("Which offer of Amazon Web Services")
