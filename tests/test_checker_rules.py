"""The rules are the data the engine runs: generated boundary cases for every validity date,
a moved date moves verdicts, and the loader refuses unknown variables and contradictions."""
from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import yaml

from assistant.checker import check, conditions
from assistant.checker.engine import _Query
from assistant.checker.entities import load_entities
from assistant.checker.rules import RULES_FILE, default_rules, load_rules
from assistant.errors import InputDataError

BOOK = default_rules()
DOMAINS = BOOK.vocabulary.domains()
DEFAULTS = {n: s.default for n, s in BOOK.vocabulary.facts.items() if s.default is not None}


def _breaking_world(rule) -> dict | None:
    """An assignment of the facts the rule reads where it applies and is not satisfied."""
    names = [n for n in rule.facts_read() if n != "sensitive"] + (["sensitive"] if "sensitive" in rule.facts_read() else [])
    for values in itertools.product(*(DOMAINS[n] for n in names)):
        world = dict(zip(names, values))
        if conditions.evaluate(rule.when, world.get) and (rule.outcome or not conditions.evaluate(rule.requires, world.get)):
            return {**DEFAULTS, **world}
    return None


def _bounds():
    for rule in BOOK.rules:
        if rule.valid_from:
            yield pytest.param(rule, rule.valid_from - dt.timedelta(days=1), rule.valid_from,
                               id=f"{rule.id}-from-{rule.valid_from}")
        if rule.valid_to:
            yield pytest.param(rule, rule.valid_to + dt.timedelta(days=1), rule.valid_to, id=f"{rule.id}-to-{rule.valid_to}")


@pytest.mark.parametrize("rule, outside, inside", list(_bounds()))
def test_generated_boundary_cases(rule, outside, inside):
    """On its last day out of force the rule is not read; on its first (or last) day in force
    it decides a world where it applies and its requirement fails."""
    world = _breaking_world(rule)
    if world is None:  # a rule without a requirement: it can only be satisfied or not applicable
        assert rule.requires is True and not rule.outcome
        world = next({**DEFAULTS, **dict(zip(rule.facts_read(), v))} for v in itertools.product(*(DOMAINS[n] for n in rule.facts_read()))
                     if conditions.evaluate(rule.when, dict(zip(rule.facts_read(), v)).get))
    on = _Query(BOOK, inside, dict(world))
    verdict, statuses = on.world(dict(world))
    expected = "satisfied" if rule.requires is True and not rule.outcome else (
        "open" if rule.outcome or rule.on_violation else "violated")
    assert statuses[rule.id] == expected
    if expected != "satisfied":
        assert verdict != "eligible"
    off = _Query(BOOK, outside, dict(world))
    assert rule.id not in {r.id for r in off.rules}


def test_every_rule_has_a_dated_boundary():
    assert all(r.valid_from or r.valid_to for r in BOOK.rules)


def _copy_with(tmp_path: Path, rid: str, **changes) -> Path:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    for rule in raw["rules"]:
        if rule["id"] == rid:
            rule.update(changes)
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_moving_a_rules_dates_moves_the_verdicts(tmp_path):
    """Case 2 of rules.md (Azure, health, Health Data Hub, 2021) rests on B3: move B3 to 2030
    in a copy of the data and the same query is no longer refused."""
    query = dict(provider="Microsoft", offer="Azure", data=["health"], customer="state_operator", as_of="2021-09-28")
    assert check(**query).verdict == "not_eligible"
    moved = load_rules(_copy_with(tmp_path, "B3", valid_from=dt.date(2030, 1, 1)))
    assert check(**query, rules=moved).verdict == "eligible"
    assert check(**{**query, "as_of": "2030-01-01"}, facts={"breach_impact": True}, rules=moved).verdict == "not_eligible"
    # and the décret's date: move it a year earlier, a 2025 query now needs the storage place
    later = dict(provider="AWS", offer="AWS Cloud", data=["health"], customer="private", as_of="2025-10-01")
    assert check(**later).verdict == "eligible"
    earlier = load_rules(_copy_with(tmp_path, "L1111-8-IV-EEE", valid_from=dt.date(2025, 9, 26)))
    moved_verdict = check(**later, rules=earlier)
    assert moved_verdict.verdict == "undetermined"
    assert [m["name"] for m in moved_verdict.missing_facts] == ["eu_eea_storage"]


def test_unknown_variable_is_refused(tmp_path):
    path = _copy_with(tmp_path, "B3", when={"fact": "data_is_scary", "is": True})
    with pytest.raises(InputDataError, match=r"record B3.*unknown variable 'data_is_scary'"):
        load_rules(path)


def test_unknown_value_is_refused(tmp_path):
    path = _copy_with(tmp_path, "B1", when={"fact": "customer", "in": ["state", "martians"]})
    with pytest.raises(InputDataError, match="'martians' is not a value of 'customer'"):
        load_rules(path)


def test_contradictory_rules_are_refused_unless_one_is_an_exception(tmp_path):
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    raw["rules"].append({
        "id": "X-CLOUD-ACT-ONLY", "title": {"fr": "t", "en": "t"}, "valid_from": dt.date(2022, 1, 1),
        "when": {"fact": "sensitive", "is": True}, "requires": {"fact": "secnumcloud", "is": False},
        "basis": {"doc_id": "dinum-faq-2024", "section": "s", "quote": "q"}})
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        load_rules(path)
    assert "B3" in str(err.value) and "X-CLOUD-ACT-ONLY" in str(err.value) and "exception_of" in str(err.value)
    raw["rules"][-1]["exception_of"] = "B3"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert load_rules(path).rule("X-CLOUD-ACT-ONLY").exception_of == "B3"


@pytest.mark.parametrize("change, words", [
    ({"basis": {"doc_id": "x", "section": "y"}}, "basis"),
    ({"valid_from": "yesterday"}, "valid_from"),
    ({"outcome": "maybe"}, "outcome"),
    ({"title": {"fr": "seulement en français"}}, "title"),
    ({"exception_of": "NOPE"}, "exception_of"),
    ({"requirez": True}, "unknown field"),
])
def test_malformed_rule_records_are_refused(tmp_path, change, words):
    with pytest.raises(InputDataError, match=words):
        load_rules(_copy_with(tmp_path, "B4", **change))


def test_no_rule_id_and_no_legal_date_in_the_engine():
    source = (Path(__file__).parents[1] / "assistant" / "checker" / "engine.py").read_text(encoding="utf-8")
    for rule in BOOK.rules:
        assert f'"{rule.id}"' not in source and f"'{rule.id}'" not in source
    assert "dt.date(" not in source and "date(20" not in source


def test_an_entity_with_a_type_needs_a_source(tmp_path):
    path = tmp_path / "entities.yaml"
    path.write_text("entities:\n  - {name: Agence X, pattern: 'Agence X', type: state_operator}\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="Agence X: a type needs a source"):
        load_entities(path)
    path.write_text("entities:\n  - {name: Agence X, pattern: 'Agence X', type: null}\n", encoding="utf-8")
    assert load_entities(path).find("l'Agence X").type is None


def test_a_note_on_a_fact_the_query_never_names_is_not_shown():
    """The note on agents' tools after 6404/SG speaks to a question about those tools: a query
    that names none (health data, customer type unsaid) does not get it; one that does, does."""
    note = next(n for n in BOOK.notes if n.id == "NOTE-AGENT-TOOLS-2023")
    plain = check(provider="Outscale", offer="Outscale IaaS", data=["health"], as_of="2026-11-29").to_json()
    tools = check(provider="Microsoft", offer="Microsoft 365", data=["personal"], customer="state", as_of="2026-11-29",
                  facts={"agent_tools": True}).to_json()
    assert note.caveat["fr"] not in plain["caveats"]
    assert note.caveat["fr"] in tools["caveats"]
    assert tools["verdict"] == "undetermined"  # the verdict still reads the sensitivity as unknown


def _derogation(as_of: str):
    return check(provider="Microsoft", offer="Azure", data=["sensitive"], customer="state", as_of=as_of, derogation=True)


def test_the_derogations_condition_follows_the_text_in_force_at_t():
    """B5's condition is dated (round 10): before DINUM's FAQ of 2024-02-23 the 2021 wording (the
    minister's responsibility); from that day the FAQ's three requirements (proof that SecNumCloud's
    guarantees are met, the minister's responsibility, the Prime Minister's approval), with the FAQ's
    passage among the rule's bases."""
    before, after = _derogation("2023-06-01"), _derogation("2025-01-01")
    said_before = " ".join(before.conditions)
    assert "ministre dont relève le projet" in said_before and "Premier ministre" not in said_before
    said_after = " ".join(after.conditions)
    assert all(w in said_after for w in ("Premier ministre", "garanties de SecNumCloud", "ministre dont relève le projet"))
    b5 = next(r for r in after.rules if r.id == "B5")
    assert any(b["doc_id"] == "dinum-faq-2024" and "validation du Premier ministre" in b["quote"] for b in b5.basis["also"])
    b5_before = next(r for r in before.rules if r.id == "B5")
    assert "also" not in b5_before.basis
    # the day before and the day of the FAQ
    assert "Premier ministre" not in " ".join(_derogation("2024-02-22").conditions)
    assert "Premier ministre" in " ".join(_derogation("2024-02-23").conditions)


@pytest.mark.parametrize("versions, words", [
    ([{"valid_from": dt.date(2021, 7, 10), "valid_to": None, "fr": "seul"}], "fr, en"),
    ([{"valid_from": dt.date(2021, 7, 10), "valid_to": None, "fr": "a", "en": "a"}], "basis"),
    ([{"valid_from": dt.date(2021, 7, 10), "valid_to": dt.date(2022, 1, 1), "fr": "a", "en": "a",
       "basis": {"doc_id": "d", "section": "s", "quote": "q"}},
      {"valid_from": dt.date(2022, 3, 1), "valid_to": None, "fr": "b", "en": "b",
       "basis": {"doc_id": "d", "section": "s", "quote": "q"}}], "day after day"),
])
def test_malformed_dated_conditions_are_refused(tmp_path, versions, words):
    with pytest.raises(InputDataError, match=words):
        load_rules(_copy_with(tmp_path, "B5", condition=versions))
