"""The claim reader's round-4 constructions (issue 13), one test per construction: negation
scope cut at coordinations, a clause-initial "ni", concessive "si" contrasts, offers named
beside their provider, a technology's maker, evaluative copulas, clause spans, approximate
names; and the reading rate on the tuning prose sets (fresh4/, blind/ of round 3, now tuning)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.checker import extract_claims
from assistant.checker.assertions import clause_polarities, clauses
from eval.blind.measure_audit import judge, load_cases

AS_OF = dt.date(2022, 1, 1)
CASES = Path(__file__).parent / "cases" / "extractor"


def read(text):
    return sorted((c.provider, c.offer, c.stated) for c in extract_claims(text, as_of=AS_OF))


@pytest.mark.parametrize("clause,expected", [
    # two negated predicates joined by "et" / "and" are not a double negation
    ("X n'est pas qualifié SecNumCloud et ne peut donc pas héberger ces données", "not_eligible"),
    ("X is not SecNumCloud qualified and therefore cannot host these data", "not_eligible"),
    # one negation still reaches a predicate after a coordinated subject
    ("X et Y ne sont pas autorisés", "not_eligible"),
    ("No rule prevents a town hall from using X", "eligible"),
])
def test_negation_scope_is_cut_at_coordinations(clause, expected):
    assert clause_polarities(clause, [(0, len(clause))]) == [expected]


def test_a_clause_opening_on_ni_negates_once():
    sentence = "Parmi les hyperscalers, aucun n'est qualifié SecNumCloud : ni AWS, ni Azure, ni Google Cloud."
    assert read(sentence) == [("Amazon Web Services", None, "not_eligible"), ("Google", None, "not_eligible"),
                              ("Microsoft", "Azure", "not_eligible")]


def test_a_concessive_si_with_two_customers_is_a_contrast():
    text = "Si Azure reste autorisé pour un CHU, il est exclu pour le Health Data Hub."
    claims = extract_claims(text, as_of=AS_OF)
    assert [(c.stated, c.customer) for c in claims] == [("eligible", "health_facility"),
                                                       ("not_eligible", "state_operator")]
    assert [text[c.clause_start:c.clause_end] for c in claims] == ["Si Azure reste autorisé pour un CHU",
                                                                   "il est exclu pour le Health Data Hub."]


@pytest.mark.parametrize("text", [
    "Si Azure n'est pas qualifié, il est exclu.",                                     # same scope: a condition
    "Si NumSpot obtient la qualification, la préfecture pourra y migrer ses applications.",
    "Si Scaleway est certifié HDS, il peut héberger les données d'une clinique.",     # same polarity
])
def test_a_conditional_si_asserts_nothing(text):
    assert read(text) == []


@pytest.mark.parametrize("text,offer", [
    ("Le Public Cloud d'OVH ne convient pas aux ministères.", "Public Cloud"),
    ("L'offre IaaS d'Outscale convient aux ministères.", "IaaS"),
    ("It is not unlawful for a ministry to use Oodrive's SaaS.", "SaaS"),
    ("OVHcloud's Hosted Private Cloud holds the SecNumCloud qualification.", "Hosted Private Cloud"),
])
def test_an_offer_named_beside_its_provider(text, offer):
    (claim,) = extract_claims(text, as_of=AS_OF)
    assert claim.offer == offer


def test_an_offer_name_binds_only_to_its_own_provider():
    (claim,) = extract_claims("L'offre SaaS d'Amazon est exclue pour les ministères.", as_of=AS_OF)
    assert (claim.provider, claim.offer) == ("Amazon Web Services", None)


@pytest.mark.parametrize("text,provider", [
    ("Bleu, qui s'appuie sur une technologie Microsoft, n'est pas encore qualifié SecNumCloud.", "Bleu"),
    ("S3NS, construit avec les technologies de Google, est qualifié SecNumCloud.", "S3NS"),
    ("Bleu, built on Microsoft technology, has not yet obtained the SecNumCloud qualification.", "Bleu"),
])
def test_a_technologys_maker_is_not_a_subject(text, provider):
    assert [c.provider for c in extract_claims(text, as_of=AS_OF)] == [provider]


def test_a_maker_alone_is_still_the_subject():
    assert read("La technologie Microsoft est interdite pour les données sensibles des ministères.") == [
        ("Microsoft", None, "not_eligible")]


@pytest.mark.parametrize("text,stated", [
    ("Google Workspace constitue un choix pleinement adapté pour les services de l'État.", "eligible"),
    ("NumSpot s'avère tout à fait approprié pour les données sensibles du ministère.", "eligible"),
    ("La solution Microsoft 365 s'est révélée idéale pour la messagerie des agents.", "eligible"),
    ("Oodrive turned out to be entirely suitable for patient files.", "eligible"),
    ("Scaleway's HDS certification makes it a sound choice for a clinic's patient records.", "eligible"),
    ("Google Cloud was an excellent fit for the ministry's sensitive workloads.", "eligible"),
    ("Pour la DSI du CHU, AWS ne présente pas les garanties requises pour héberger les données de santé.", "not_eligible"),
    ("Les données de santé de l'hôpital n'ont pas leur place sur un Google Drive.", "not_eligible"),
    ("Cloud Temple héberge, dans le respect de la réglementation, les dossiers des patients.", "eligible"),
    ("Cloud Temple et OVHcloud sont les seuls prestataires retenus par le ministère.", "eligible"),
])
def test_evaluative_and_indicative_wording(text, stated):
    claims = extract_claims(text, as_of=AS_OF)
    assert claims and {c.stated for c in claims} == {stated}


def test_each_claim_of_a_contrast_has_its_own_clause():
    text = "Bonjour. Microsoft 365 reste permis pour une entreprise privée, mais pas pour un ministère."
    first, second = extract_claims(text, as_of=AS_OF)
    assert (first.stated, second.stated) == ("eligible", "not_eligible")
    assert text[first.start:first.end] == first.text == text[second.start:second.end]
    assert text[first.clause_start:first.clause_end] == "Microsoft 365 reste permis pour une entreprise privée"
    assert text[second.clause_start:second.clause_end] == "mais pas pour un ministère."
    assert first.to_json()["clause_start"] == first.clause_start


def test_unlike_gives_its_own_span():
    text = "Contrairement à Microsoft 365, la suite d'Oodrive bénéficie de la qualification SecNumCloud."
    by_provider = {c.provider: text[c.clause_start:c.clause_end] for c in extract_claims(text, as_of=AS_OF)}
    assert by_provider["Microsoft"] == "Contrairement à Microsoft 365"


def test_an_approximate_proper_noun_is_read_but_not_a_common_word():
    assert read("Azur est tout indiqué pour héberger les données de santé d'un CHU.") == [
        ("Microsoft", "Azure", "eligible")]
    assert read("Le bleu azur du logo est conforme à la charte.") == []
    assert clauses("X est conforme") == [(0, 14)]


@pytest.mark.parametrize("folder", ["fresh4", "blind"])
def test_tuning_prose_sets_are_read(folder):
    """Tuning material (fresh4: written before any run this round; blind: round 3's blind set,
    spent): nearly every sentence read exactly right, and each claim in its own clause."""
    rows = [judge(c) for c in load_cases(CASES / folder)]
    right = sum(r["right"] for r in rows)
    assert len(rows) >= 40 and right / len(rows) >= 0.95, f"{right}/{len(rows)}"
    assert sum(r["spans_right"] for r in rows) == sum(r["spans"] for r in rows)


def test_the_audit_object_gives_each_claim_its_clause():
    from assistant.checker import audit

    text = "Azure is compliant for hospitals but not for ministries."
    claims = audit(text, dt.date(2024, 1, 1))["claims"]
    assert [c["clause"] for c in claims] == ["Azure is compliant for hospitals", "but not for ministries."]
    assert all(text[c["clause_start"]:c["clause_end"]] == c["clause"] for c in claims)


@pytest.mark.parametrize("text,expected", [
    ("Amazon Web Services est certifié HDS. Il ne peut cependant pas héberger les données sensibles d'un ministère.",
     [("Amazon Web Services", None, "eligible"), ("Amazon Web Services", None, "not_eligible")]),
    ("Oodrive holds the SecNumCloud qualification. It may therefore host the ministry's sensitive files.",
     [("Oodrive", None, "eligible"), ("Oodrive", None, "eligible")]),
    # a plural pronoun stands for every provider of the claim before, a singular one for one only
    ("OVHcloud et Scaleway sont certifiés HDS. Ils peuvent héberger des données de santé.",
     [("OVHcloud", None, "eligible")] * 2 + [("Scaleway", None, "eligible")] * 2),
    ("OVHcloud et Scaleway sont certifiés HDS. Il peut héberger des données de santé.",
     [("OVHcloud", None, "eligible"), ("Scaleway", None, "eligible")]),
    # the impersonal "il" names nobody; after a plain fact the pronoun's antecedent is unknown
    ("Azure est certifié HDS. Il est interdit de stocker des données sensibles hors UE.",
     [("Microsoft", "Azure", "eligible")]),
    ("AWS a ouvert une région à Paris. Elle est conforme à la doctrine.", []),
])
def test_a_pronoun_goes_on_about_the_claim_before(text, expected):
    assert read(text) == sorted(expected)


@pytest.mark.parametrize("text,stated", [
    ("Pour la messagerie des agents du ministère, Gmail est clairement à exclure.", "not_eligible"),
    ("AWS ne figure pas sur la liste des prestataires qualifiés SecNumCloud.", "not_eligible"),
])
def test_verbs_take_adverbs_and_negations(text, stated):
    (claim,) = extract_claims(text, as_of=AS_OF)
    assert claim.stated == stated


@pytest.mark.parametrize("text,stated", [
    ("Cloud de confiance : S3NS décroche enfin la qualification SecNumCloud pour PREMI3NS.", "eligible"),
    ("OVHcloud a reçu sa certification HDS.", "eligible"),  # round 8: dated in the past it is history
    ("Health data: France's regulator rules Azure out for the Health Data Hub.", "not_eligible"),
    ("There is no legal obstacle to a clinic storing its records with Scaleway.", "eligible"),
    ("Il n'y a aucun obstacle à ce qu'une clinique choisisse Scaleway.", "eligible"),
])
def test_obtaining_ruling_out_and_a_denied_obstacle(text, stated):
    claims = extract_claims(text, as_of=AS_OF)
    assert claims and {c.stated for c in claims} == {stated}


def test_an_obstacle_without_a_negation_is_no_claim():
    assert read("Le principal obstacle à l'adoption d'Azure est le coût.") == []


def test_a_concessive_si_with_a_tolerance():
    text = "Si Microsoft 365 est toléré dans les entreprises, il est proscrit pour la messagerie des ministères."
    assert [(c.stated, c.customer) for c in extract_claims(text, as_of=AS_OF)] == [
        ("eligible", "private"), ("not_eligible", "state")]


@pytest.mark.parametrize("text,stated", [
    ("Scaleway est en conformité avec le référentiel HDS.", "eligible"),
    ("OVHcloud a reçu l'aval de la DINUM pour les données sensibles.", "eligible"),
    ("Scaleway se conforme aux exigences du référentiel HDS.", "eligible"),
    ("Le recours à Teams n'est pas souhaitable pour les agents de l'État.", "not_eligible"),
    ("Google Workspace pose problème pour la messagerie des ministères.", "not_eligible"),
    ("Azure fails to meet the SecNumCloud requirements.", "not_eligible"),
    ("Gmail is off-limits for ministry email.", "not_eligible"),
])
def test_conformity_approval_and_failure_words(text, stated):
    claims = extract_claims(text, as_of=AS_OF)
    assert claims and {c.stated for c in claims} == {stated}


def test_an_offer_refused_is_no_eligibility_claim():
    assert read("Le ministère a rejeté l'offre d'AWS pour des raisons de coût.") == []


def test_a_forbid_word_qualifying_a_noun_is_not_the_predicate():
    text = ("Les données de santé de la clinique ne peuvent en aucun cas être confiées à un hébergeur "
            "non certifié comme Amazon.")
    assert read(text) == [("Amazon Web Services", None, "not_eligible")]


def test_a_comma_and_pas_pour_open_a_contrast():
    text = "Azure convient pour les données personnelles d'une entreprise, pas pour les données sensibles d'un ministère."
    assert [(c.stated, c.customer) for c in extract_claims(text, as_of=AS_OF)] == [
        ("eligible", "private"), ("not_eligible", "state")]


@pytest.mark.parametrize("text,stated", [
    ("Our review found Outscale fully compliant with the doctrine.", "eligible"),
    ("Google Drive n'est en aucun cas une solution acceptable pour les dossiers médicaux de l'hôpital.", "not_eligible"),
])
def test_a_judgement_on_an_object_and_en_aucun_cas(text, stated):
    (claim,) = extract_claims(text, as_of=AS_OF)
    assert claim.stated == stated


@pytest.mark.parametrize("text,stated", [
    ("Scaleway is HDS-certified for hospitals.", "eligible"),
    ("Outscale is a SecNumCloud-qualified provider.", "eligible"),
    ("Oodrive obtained HDS certification.", "eligible"),  # round 8: dated in the past it is history
    ("Cloud Temple est le bon choix pour les données sensibles du ministère.", "eligible"),
    ("Scaleway fait parfaitement l'affaire pour une clinique.", "eligible"),
    ("NumSpot est labellisé SecNumCloud.", "eligible"),
    ("AWS est soumis au Cloud Act, ce qui l'exclut des données sensibles de l'État.", "not_eligible"),
    ("Ministries are barred from using Gmail.", "not_eligible"),
    ("Bleu n'a pas vocation à héberger les données de santé.", "not_eligible"),
])
def test_more_forms_of_the_known_classes(text, stated):
    (claim,) = extract_claims(text, as_of=AS_OF)
    assert claim.stated == stated


def test_a_clause_with_its_own_predicate_and_the_other_polarity_is_a_second_claim():
    text = "Amazon Web Services est certifiée HDS mais non qualifiée SecNumCloud."
    claims = extract_claims(text, as_of=AS_OF)
    assert [(c.stated, text[c.clause_start:c.clause_end]) for c in claims] == [
        ("eligible", "Amazon Web Services est certifiée HDS"), ("not_eligible", "mais non qualifiée SecNumCloud.")]


def test_a_claim_is_not_repeated_per_clause():
    assert read("Office 365 : interdit dans les ministères.") == [("Microsoft", "Microsoft 365", "not_eligible")]


@pytest.mark.parametrize("text", [
    "Cloud Temple's Secure Temple offer is well suited to the State's sensitive workloads.",
    "Since 2022, NumSpot has lawfully hosted the patient records of several hospitals.",
    "L'offre Cloud Avenue d'Orange Business apparaît comme une solution conforme pour les cliniques.",
])
def test_suited_lawfully_hosted_and_apparait_comme(text):
    (claim,) = extract_claims(text, as_of=AS_OF)
    assert claim.stated == "eligible"


@pytest.mark.parametrize("text,expected", [
    ("Scaleway est certifié HDS, mais pourrait perdre son certificat.", [("Scaleway", None, "eligible")]),
    ("OVHcloud est certifié HDS ; son renouvellement sera examiné en 2026.", [("OVHcloud", None, "eligible")]),
    ("Microsoft 365 est interdit dans les ministères, même si la situation pourrait évoluer.",
     [("Microsoft", "Microsoft 365", "not_eligible")]),
    ("AWS is not qualified, although this might change.", [("Amazon Web Services", None, "not_eligible")]),
    # the hedge's own clause asserts nothing, nor does an elliptic clause leaning on it
    ("Selon certains, Azure est conforme.", []),
    ("Azure serait conforme, mais pas pour les ministères.", []),
])
def test_a_hedge_holds_in_its_own_clause(text, expected):
    assert read(text) == expected


def test_a_predicate_in_another_providers_stretch_is_not_this_ones():
    text = "Outscale a été retenu pour les données sensibles du ministère, Azure ayant été écarté faute de qualification."
    assert read(text) == [("Microsoft", "Azure", "not_eligible")]
    # a bare list item still takes the list's predicate
    assert read("AWS, Azure et GCP sont écartés pour les données sensibles des ministères.") == [
        ("Amazon Web Services", None, "not_eligible"), ("Google", "Google Cloud Platform", "not_eligible"),
        ("Microsoft", "Azure", "not_eligible")]


def test_a_relative_clauses_predicate_is_not_the_main_one():
    assert read("OVHcloud, qui est certifié HDS, ne peut pas héberger les données sensibles des ministères.") == [
        ("OVHcloud", None, "not_eligible")]


def test_a_passive_indicative_with_a_comma_set_complement():
    assert read("Nos données de santé sont hébergées chez Cloud Temple, dans le respect du référentiel HDS.") == [
        ("Cloud Temple", None, "eligible")]


@pytest.mark.parametrize("text,expected", [
    # round 5, after the blind end measure: a last stretch opening on a bare negation names the
    # provider the first clause's predicate is denied to
    ("Scaleway est autorisé pour les données de santé de nos cliniques, pas AWS.",
     [("Amazon Web Services", None, "not_eligible"), ("Scaleway", None, "eligible")]),
    ("Outscale is fine for our hospital's health data, but not Google.",
     [("3DS Outscale", None, "eligible"), ("Google", None, "not_eligible")]),
    # a negation opening a stretch with a preposition stays a contrast of customers
    ("Azure est autorisé pour le CHU, pas pour le ministère.",
     [("Microsoft", "Azure", "eligible"), ("Microsoft", "Azure", "not_eligible")]),
])
def test_a_last_stretch_opening_on_a_negation_denies_its_provider(text, expected):
    assert read(text) == expected
