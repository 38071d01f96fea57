"""Runs the checker cases of tests/cases/checker/*.yaml (the cases of rules.md, the red-team
open-world cases, the 2023–2026 law at its boundaries, and ours), and asserts from the rules
data that every rule has a case for each status it can produce and that every verdict is
covered."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.checker import check
from assistant.checker.registry import Registry
from assistant.checker.rules import default_rules

CASES_DIR = Path(__file__).parent / "cases" / "checker"
FIXTURE = Registry.load(CASES_DIR / "fixture_registry")


def producible(rule) -> set[str]:
    """The statuses a rule can produce, read from its data: a rule without a requirement is only
    satisfied or not applicable; one left open by the texts is unknown; a violation the texts
    do not allow to assert is unknown too."""
    if rule.outcome == "undetermined":
        return {"unknown", "not_applicable"}
    if not rule.has_requirement:
        return {"satisfied", "not_applicable"}
    out = {"satisfied", "unknown", "not_applicable"}
    if rule.on_violation != "undetermined":
        out.add("violated")
    return out


PRODUCIBLE = {rule.id: producible(rule) for rule in default_rules().rules}
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
                 derogation=case.get("derogation", False), lang=case.get("lang", "fr"),
                 registry=FIXTURE if case.get("registry") == "fixture" else None)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    verdict = run(case)
    expect = case["expect"]
    got = verdict.to_json()
    assert got["verdict"] == expect["verdict"], got["why"]
    statuses = {r["id"]: r["status"] for r in got["rules"]}
    for rid, status in (expect.get("rules") or {}).items():
        assert rid in statuses, f"{rid} not in force at {got['as_of']}"
        assert statuses[rid] == status, f"{rid}: {statuses[rid]} ({[r['note'] for r in got['rules'] if r['id'] == rid]})"
    missing = [m["name"] for m in got["missing_facts"]]
    if "missing" in expect:
        assert sorted(missing) == sorted(expect["missing"])
    for name in expect.get("missing_contains", []):
        assert name in missing
    for key in ("conditions", "recommendations", "caveats"):
        for fragment in expect.get(f"{key}_contain", []):
            assert any(fragment in item for item in got[key]), (key, fragment, got[key])
    for fragment in expect.get("caveats_not_contain", []):
        assert not any(fragment in item for item in got["caveats"]), (fragment, got["caveats"])
    if "recommendations" in expect:
        assert got["recommendations"] == expect["recommendations"]
    for fragment in expect.get("why_contains", []):
        assert fragment in got["why"], (fragment, got["why"])
    if "basis_confidence" in expect:
        assert got["basis_confidence"] == expect["basis_confidence"]
    for offer, v in (expect.get("offers") or {}).items():
        assert {o["offer"]: o["verdict"] for o in got["offers"]}[offer] == v
    # invariants of every answer
    if got["verdict"] == "eligible":
        assert not got["missing_facts"]
        assert all(r["status"] in ("satisfied", "not_applicable") for r in got["rules"])
    if got["verdict"] == "undetermined":
        assert got["missing_facts"]
        assert all(m["question"] for m in got["missing_facts"])
    if got["offer"] is None and got["offers"]:
        # a provider named alone: never eligible when the answer rests on an offer's certificate
        assert got["verdict"] != "eligible" or not any(
            r["status"] == "satisfied" and default_rules().rule(r["id"]).has_requirement for r in got["rules"])
    assert got["why"] and "_" not in got["why"] and "règle A" not in got["why"], got["why"]
    if got["verdict"] == "not_eligible":
        assert any(r["status"] == "violated" for r in got["rules"]) or any(o["verdict"] == "not_eligible" for o in got["offers"])


def test_rules_md_cases_and_enough_own_cases():
    files = {c["_file"] for c in CASES}
    assert "rules-md.yaml" in files
    own = [c for c in CASES if c["_file"] != "rules-md.yaml"]
    assert len(own) >= 80
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
    from assistant.checker import render_verdict
    text = render_verdict(check(provider="Azure", data=["health"], customer="state", as_of="2024-06-01"))
    for fragment in ("Verdict : Indéterminé", "Pourquoi", "Règles", "doctrine-cloud-au-centre-2021", "À préciser",
                     "porterait-elle atteinte", "Réserves", "2024-06-01", "pas un avis juridique"):
        assert fragment in text
