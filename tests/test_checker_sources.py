"""Every rule, definition, note and entity quote is verbatim in the normalised corpus; every
registry quote is verbatim in the corpus or in the compilations kept in
assistant/checker/data/sources/; every fact has a source; malformed registry and rule files
are refused by name."""
from __future__ import annotations

import pytest

from assistant.checker.entities import default_entities
from assistant.checker.registry import SOURCES_DIR, Registry, load_provider
from assistant.checker.rules import load_rules
from assistant.config import REPO_ROOT
from assistant.errors import InputDataError
from ingest.documents import load_corpus

DOCS = {d.doc_id: d.text for d in load_corpus(REPO_ROOT / "corpus")}
RULES = load_rules()
COMPILATIONS = {p.name: p.read_text(encoding="utf-8") for p in SOURCES_DIR.iterdir()}
REGISTRY = Registry.load()


def _bases():
    for rec in (*RULES.rules, *RULES.definitions, *RULES.notes):
        for basis in (rec.basis, *getattr(rec, "also", ())):
            yield pytest.param(basis, id=f"{rec.id}:{basis.doc_id}")
        for version in getattr(rec, "condition_versions", ()):
            yield pytest.param(version.basis, id=f"{rec.id}:condition:{version.valid_from}")
        condition = getattr(rec, "condition", None)
        if condition and condition.get("quote"):
            yield pytest.param(type(rec.basis)(condition["doc_id"], "condition", condition["quote"]), id=f"{rec.id}:condition")
    for entity in default_entities().entities:
        for source in (entity.source, entity.also):
            if source and source.get("doc_id"):
                yield pytest.param(type(RULES.rules[0].basis)(source["doc_id"], "entity", source["quote"]), id=f"entity:{entity.name}")


def _all_facts():
    for p in REGISTRY.providers:
        yield from p.facts
        for o in p.offers:
            yield from o.facts


@pytest.mark.parametrize("basis", list(_bases()))
def test_rule_quotes_are_verbatim(basis):
    if getattr(basis, "via", None):
        assert basis.quote in COMPILATIONS[basis.via]
        return
    assert basis.doc_id in DOCS, f"{basis.doc_id} is not in corpus/"
    assert basis.quote in DOCS[basis.doc_id]


def test_registry_quotes_are_verbatim_and_every_fact_is_sourced():
    facts = list(_all_facts())
    assert len(facts) >= 25
    for fact in facts:
        sources = (fact.source, *fact.also)
        for s in sources:
            assert s.doc_id or (s.url and (s.published or s.via)), fact
            if s.doc_id:
                assert s.quote in DOCS[s.doc_id], (fact.holder, fact.name, s.quote)
            elif s.via:
                assert s.quote in COMPILATIONS[s.via], (fact.holder, fact.name, s.quote)
            assert s.doc_id not in ("providers-registry-notes", "facts-timeline"), "compilations left the corpus"
        assert fact.confidence in ("official", "secondary", "claimed")
        assert fact.last_reviewed


def test_aliases_cover_the_usual_names():
    for alias in ("OVH", "OVHcloud", "O365", "Office 365", "Microsoft 365", "Azure", "GCP", "Google Workspace", "AWS",
                  "Bleu", "S3NS", "Outscale", "3DS Outscale", "Oodrive", "Scaleway", "Cloud Temple", "NumSpot"):
        assert REGISTRY.resolve(alias) is not None, alias
    assert REGISTRY.resolve("office365")[1].name == "Microsoft 365"


GOOD = """provider: Test
facts:
  - name: hds_certified
    value: true
    valid_from: 2020-01-01
    source: {doc_id: csp-l1111-8, quote: "x"}
    confidence: official
    last_reviewed: 2024-01-01
"""


@pytest.mark.parametrize("bad, words", [
    (GOOD.replace("    source: {doc_id: csp-l1111-8, quote: \"x\"}\n", ""), "source"),
    (GOOD.replace("confidence: official", "confidence: sure"), "confidence"),
    (GOOD.replace("value: true", "value: yes please"), "value"),
    (GOOD.replace("valid_from: 2020-01-01", "valid_from: 01/2020"), "valid_from"),
    (GOOD.replace("hds_certified", "secnumcloud"), "offer"),
    (GOOD.replace("last_reviewed: 2024-01-01", "last_reviewed: 2024"), "last_reviewed"),
    ("provider: [", "YAML"),
])
def test_malformed_registry_file_is_refused_with_file_and_record(tmp_path, bad, words):
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputDataError) as err:
        load_provider(path)
    message = str(err.value)
    assert str(path) in message and words in message
    if words != "YAML":
        assert "record Test" in message


def test_overlapping_contradictory_records_are_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(GOOD + GOOD.split("facts:\n")[1].replace("value: true", "value: false"), encoding="utf-8")
    with pytest.raises(InputDataError, match="overlap"):
        load_provider(path)


def test_malformed_rules_file_is_refused(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - id: X\n    title: {fr: t, en: t}\n    basis: {doc_id: a}\n", encoding="utf-8")
    with pytest.raises(InputDataError, match=r"record X: 'basis'"):
        load_rules(path)
