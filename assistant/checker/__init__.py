"""Deterministic eligibility checker: rules as data, a sourced registry, claim extraction.

    check(provider=None, offer=None, data=[...], customer=None, as_of=date, facts=None, derogation=False,
          lang="fr") -> Verdict   (rules: data/rules.yaml, read by `engine`; format: docs/rules-format.md)
    render_verdict(verdict, lang="fr") -> str
    extract_claims(text, as_of=None) -> list[Claim];  audit(text, as_of, lang=None) -> dict
    mentions(text) (providers and offers named), find_data(text), named_data(text), find_customer(text),
    approximate(text) (nicknames and misspellings), is_near(word, name), names_agent_tools(text),
    names_in_capitals(text) (a text in capitals: names read only as proper nouns get their capital)
    Registry / default_registry(): aliases and dated facts;  default_rules() / Basis / Note: the rule book
    DATA_PATTERNS, MONTHS: the words of data kinds and months in free text; written_date(text)
    default_entities(): named bodies and their customer types; CUSTOMER_UNSAID: the checker's
    "customer type not given" caveat, per language

No network: the same input always gives the same answer. `check` uses no model; the claim
reader behind `extract_claims` / `audit` asks a small shipped polarity model (`claim_model`,
weights as data, e5 vectors) about sentences its rules read no claim in.
"""
from assistant.checker.engine import check
from assistant.checker.registry import Registry, default_registry
from assistant.checker.verdict import Verdict

# The public surface: other packages import these names from `assistant.checker`, never
# from its modules. Modules other than the engine load on first use so that `check` stays light.
_LAZY = {
    "render_verdict": "render",
    "extract_claims": "claims", "Claim": "claims", "mentions": "claims", "find_customer": "claims",
    "find_data": "claims", "named_data": "vocabulary", "health_terms_sources": "vocabulary", "kinds_for_facts": "vocabulary", "read_data": "vocabulary", "audit": "auditor", "DATA_PATTERNS": "lexicon", "MONTHS": "lexicon",
    "approximate": "nicknames", "is_near": "nicknames", "names_in_capitals": "nicknames", "offer_words": "nicknames", "names_agent_tools": "nicknames", "Basis": "rules", "Note": "rules", "default_rules": "rules",
    "written_date": "dates", "default_entities": "entities", "CUSTOMER_TYPES": "entities", "CUSTOMER_UNSAID": "engine",
}
__all__ = ["check", "Verdict", "Registry", "default_registry", *_LAZY]


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f"assistant.checker.{_LAZY[name]}"), name)
    raise AttributeError(name)
