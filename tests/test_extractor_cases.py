"""Claim extraction on tests/cases/extractor/*.yaml: each sentence's claims (provider,
polarity and the optional fields), a recall/polarity measure over the whole set, offsets,
and the audit object built on it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from assistant.checker import audit, extract_claims

CASES = [c for p in sorted((Path(__file__).parent / "cases" / "extractor").glob("*.yaml"))
         for c in yaml.safe_load(p.read_text(encoding="utf-8"))]
AS_OF = dt.date(2022, 1, 1)


def test_the_set_is_large_and_varied():
    assert len(CASES) >= 60
    kinds = {c["kind"] for c in CASES}
    assert {"negation", "question", "several", "english", "hedge", "none"} <= kinds


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:60] for c in CASES])
def test_sentence(case):
    claims = extract_claims(case["text"], as_of=AS_OF)
    got = sorted((c.provider, c.stated) for c in claims)
    assert got == sorted((e["provider"], e["stated"]) for e in case["claims"])
    for expected in case["claims"]:
        claim = next(c for c in claims if c.provider == expected["provider"] and c.stated == expected["stated"])
        for key in ("offer", "customer", "data"):
            if key in expected:
                assert getattr(claim, key) == expected[key], key
        if "as_of" in expected:
            assert claim.as_of == expected["as_of"]
        assert case["text"][claim.start:claim.end] == claim.text


def test_recall_and_polarity_over_the_set():
    asserted = found = right = 0
    noise = 0
    for case in CASES:
        claims = extract_claims(case["text"], as_of=AS_OF)
        expected = {e["provider"] for e in case["claims"]}
        noise += sum(1 for c in claims if c.provider not in expected)  # every spurious claim counts
        for e in case["claims"]:
            asserted += 1
            hits = [c for c in claims if c.provider == e["provider"]]
            if hits:
                found += 1
                right += any(c.stated == e["stated"] for c in hits)
    recall, polarity = found / asserted, right / max(found, 1)
    print(f"extractor: {asserted} asserted providers, recall {recall:.3f}, polarity {polarity:.3f}, {noise} spurious")
    assert recall >= 0.9 and polarity >= 0.95 and noise == 0


def test_offsets_in_a_longer_text_and_audit():
    text = ("Bonjour. Office 365 est interdit aux ministères depuis le 15 septembre 2021 ! "
            "Est-ce que Azure est conforme ? Oodrive peut héberger les données de santé de l'État.")
    claims = extract_claims(text, as_of=dt.date(2021, 10, 1))
    assert [c.provider for c in claims] == ["Microsoft", "Oodrive"]
    for c in claims:
        assert text[c.start:c.end] == c.text
    result = audit(text, dt.date(2021, 10, 1))
    assert result["as_of"] == "2021-10-01"
    first, second = result["claims"]
    assert first["verdict"] == "not_eligible" and first["agrees"] is True
    # Oodrive named without an offer: a company-level "yes" would rest on a certificate's scope,
    # so the checker asks for the offer and the claim cannot be confirmed (checker v2, issue 11)
    assert second["verdict"] == "undetermined" and second["agrees"] is False
    assert {o["offer"]: o["verdict"] for o in second["check"]["offers"]} == {"SaaS": "eligible"}


def test_audit_flags_a_wrong_claim():
    result = audit("Microsoft Azure peut héberger les données de santé du Health Data Hub.", dt.date(2021, 9, 28))
    (claim,) = result["claims"]
    assert claim["stated"] == "eligible" and claim["verdict"] == "not_eligible" and claim["agrees"] is False


TEST_PART = [c for p in sorted((Path(__file__).parent / "cases" / "extractor" / "test-part").glob("*.yaml"))
             for c in yaml.safe_load(p.read_text(encoding="utf-8"))]


def _sentence_right(case) -> bool:
    """Right when the claims are exactly the expected (provider, polarity) pairs, with the expected
    offer/customer where given; any claim on a non-assertion makes it wrong."""
    claims = extract_claims(case["text"], as_of=AS_OF)
    if sorted((c.provider, c.stated) for c in claims) != sorted((e["provider"], e["stated"]) for e in case["claims"]):
        return False
    for e in case["claims"]:
        if not any(c.provider == e["provider"] and c.stated == e["stated"]
                   and all(getattr(c, k) == e[k] for k in ("offer", "customer") if k in e) for c in claims):
            return False
    return all(case["text"][c.start:c.end] == c.text for c in claims)


def test_held_out_prose_part():
    """The test part (written before tuning, never tuned on): share of sentences read exactly right."""
    assert len(TEST_PART) >= 40
    right = sum(_sentence_right(c) for c in TEST_PART)
    rate = right / len(TEST_PART)
    print(f"extractor test part: {right}/{len(TEST_PART)} sentences right ({rate:.3f})")
    assert rate >= 0.9
