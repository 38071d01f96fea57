"""A fact no registry record gives but a definition settles is shown as derived, with the definition.

The EU/EEA storage rules of 2026 (HDS v2, décret 2026-209) read `eu_eea_storage`; the registry has
no record of it for any offer, but SecNumCloud 3.2 (requirement 19.2.b) makes a qualified offer
store the data in the EU. The verdict must then say so in its reason and in its trace, rather than
"and it is the case" over an empty fact; an unqualified offer stays undetermined on that point.
"""
from __future__ import annotations

import datetime as dt

from assistant.checker import check

TODAY = dt.date(2026, 11, 29)


def _rule(verdict: dict, rule_id: str) -> dict:
    return next(r for r in verdict["rules"] if r["id"] == rule_id)


def test_storage_derived_from_qualification_is_shown_with_its_definition():
    v = check(provider="OVHcloud", offer="Hosted Private Cloud", data=["health"], customer="health_facility", as_of=TODAY).to_json()
    assert v["verdict"] == "eligible"
    fact = _rule(v, "L1111-8-IV-EEE")["facts"][0]
    assert fact["name"] == "eu_eea_storage" and fact["value"] is True
    assert fact["derived_by"] == ["EEE-SNC"]
    assert "19.2.b" in v["why"]


def test_storage_unknown_without_qualification_stays_missing():
    v = check(provider="Microsoft", offer="Azure", data=["health"], customer="health_facility", as_of=TODAY).to_json()
    assert v["verdict"] == "undetermined"
    fact = _rule(v, "L1111-8-IV-EEE")["facts"][0]
    assert fact["value"] is None and "derived_by" not in fact
    assert any(m["name"] == "eu_eea_storage" for m in v["missing_facts"])


def test_reason_in_english_names_the_definition():
    v = check(provider="OVHcloud", offer="Hosted Private Cloud", data=["health"], customer="health_facility", as_of=TODAY, lang="en").to_json()
    assert "SecNumCloud-qualified offer stores" in v["why"]
