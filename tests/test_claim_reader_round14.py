"""Round 14 of the claim reader, after blind14's end measure (tuning: blind14 is spent): idioms of
hitting the target ("fait mouche", "is spot on", "hits the mark") grade a use as fit; "archive …
légalement" is an indicative claim like "héberge … légalement"; "rien ne s'y oppose" is a denied
obstacle. The sentences are written for these tests (not copied from blind14).
"""
from __future__ import annotations

import pytest

from assistant.checker import extract_claims


def _read(text):
    return sorted((c.provider, c.stated) for c in extract_claims(text))


@pytest.mark.parametrize("text, provider", [
    ("Pour les comptes rendus de la clinique, le SaaS d'Oodrive fait mouche.", "Oodrive"),
    ("For the prefecture's sensitive archives, NumSpot is spot on.", "NumSpot"),
    ("Cloud Temple hits the mark for the ministry's sensitive files.", "Cloud Temple"),
    ("La mutuelle archive légalement les dossiers de ses adhérents sur le SaaS d'Oodrive.", "Oodrive"),
    ("Mettre les dossiers du CHU sur le Hosted Private Cloud d'OVHcloud, rien ne s'y oppose.", "OVHcloud"),
])
def test_new_idioms_and_verbs_are_permissions(text, provider):
    assert (provider, "eligible") in _read(text)


@pytest.mark.parametrize("text", [
    "La cible du projet fait mouche auprès des agents.",        # no provider: no claim
    "Is NumSpot spot on for the prefecture's archives?",          # a question asks, it does not claim
])
def test_no_claim_without_a_provider_or_in_a_question(text):
    assert _read(text) == []
