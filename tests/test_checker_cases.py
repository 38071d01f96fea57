"""Runs the checker cases of tests/cases/checker/*.yaml (the 13 cases of rules.md and ours),
and asserts from the data that every rule has a case for each status it can produce and
that every verdict is covered."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.checker import check
from assistant.checker.registry import Registry

CASES_DIR = Path(__file__).parent / "cases" / "checker"
FIXTURE = Registry.load(CASES_DIR / "fixture_registry")
# What each rule can produce (rules.md): rule B1 only lists a condition; B4 only recommends.
PRODUCIBLE = {
    "A": {"satisfied", "violated", "unknown", "not_applicable"},
    "B1": {"satisfied", "not_applicable"},
    "B2": {"satisfied", "violated", "unknown", "not_applicable"},
    "B3": {"satisfied", "violated", "unknown", "not_applicable"},
    "B4": {"satisfied", "not_applicable"},
    "B5": {"satisfied", "not_applicable"},
}
VERDICTS = {"eligible", "not_eligible", "undetermined", "not_applicable"}


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["_file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def run(case: dict):
    return check(provider=case.get("provider"), offer=case.get("offer"), data=case["data"],
                 customer=case.get("customer"), as_of=case["as_of"], facts=case.get("facts"),
                 derogation=case.get("derogation", False),
                 registry=FIXTURE if case.get("registry") == "fixture" else None)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    verdict = run(case)
    expect = case["expect"]
    got = verdict.to_json()
    assert got["verdict"] == expect["verdict"], got["why"]
    statuses = {r["id"]: r["status"] for r in got["rules"]}
    for rid, status in (expect.get("rules") or {}).items():
        assert statuses[rid] == status, f"{rid}: {statuses[rid]} ({[r['note'] for r in got['rules'] if r['id'] == rid]})"
    missing = [m["name"] for m in got["missing_facts"]]
    if "missing" in expect:
        assert sorted(missing) == sorted(expect["missing"])
    for name in expect.get("missing_contains", []):
        assert name in missing
    for key in ("conditions", "recommendations", "caveats"):
        for fragment in expect.get(f"{key}_contain", []):
            assert any(fragment in item for item in got[key]), (key, fragment, got[key])
    for offer, v in (expect.get("offers") or {}).items():
        assert {o["offer"]: o["verdict"] for o in got["offers"]}[offer] == v
    # invariants of every answer
    if got["verdict"] == "eligible":
        assert not got["missing_facts"]
        assert all(r["status"] in ("satisfied", "not_applicable") for r in got["rules"])
    if got["verdict"] == "undetermined":
        assert got["missing_facts"]
    if got["verdict"] == "not_eligible":
        assert any(r["status"] == "violated" for r in got["rules"]) or any(o["verdict"] == "not_eligible" for o in got["offers"])


def test_rules_md_cases_and_enough_own_cases():
    files = {c["_file"] for c in CASES}
    assert "rules-md.yaml" in files
    own = [c for c in CASES if c["_file"] != "rules-md.yaml"]
    assert len(own) >= 40
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_every_rule_status_and_verdict_has_a_case():
    seen: dict[str, set] = {rid: set() for rid in PRODUCIBLE}
    verdicts = set()
    for case in CASES:
        verdicts.add(case["expect"]["verdict"])
        for rid, status in (case["expect"].get("rules") or {}).items():
            seen[rid].add(status)
    assert verdicts == VERDICTS
    for rid, statuses in PRODUCIBLE.items():
        assert statuses <= seen[rid], f"rule {rid} lacks a case for {statuses - seen[rid]}"


def test_provider_alone_is_never_eligible_when_offers_differ():
    verdict = check(provider="OVH", data=["sensitive"], customer="state", as_of="2022-06-01")
    assert verdict.verdict == "undetermined"
    assert {o["verdict"] for o in verdict.offers} >= {"eligible", "not_eligible"}


def test_render_fr_has_every_section():
    from assistant.checker import render_verdict_fr
    text = render_verdict_fr(check(provider="Azure", data=["health"], customer="state", as_of="2024-06-01"))
    for fragment in ("Verdict : INDÉTERMINÉ", "Pourquoi", "Règles", "doctrine-cloud-au-centre-2021", "Faits manquants",
                     "breach_impact", "Réserves", "À la date du 2024-06-01", "pas un avis juridique"):
        assert fragment in text
