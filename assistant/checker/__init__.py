"""Deterministic eligibility checker: rules as data, a sourced registry, claim extraction.

    check(provider=None, offer=None, data=[...], customer=None, as_of=date, facts=None, derogation=False,
          lang="fr") -> Verdict   (rules: data/rules.yaml, read by `engine`; format: docs/rules-format.md)
    render_verdict_fr(verdict) / render_verdict_en(verdict) -> str
    extract_claims(text, as_of=None) -> list[Claim]
    audit(text, as_of) -> dict
    Registry / default_registry(): aliases and dated facts; vocabulary: the facts rules may read,
    data words, find_data / find_customer; entities: customers as sourced facts

No model, no network: the same input always gives the same answer.
"""
from assistant.checker.engine import check
from assistant.checker.registry import Registry, default_registry
from assistant.checker.verdict import Verdict

__all__ = ["check", "Verdict", "Registry", "default_registry", "render_verdict_fr", "render_verdict_en", "extract_claims",
           "audit", "Claim"]


def __getattr__(name):
    # render, claims and audit load on first use so that `check` stays light
    if name in ("render_verdict_fr", "render_verdict_en"):
        from assistant.checker import render
        return getattr(render, name)
    if name in ("extract_claims", "Claim"):
        from assistant.checker import claims
        return getattr(claims, name)
    if name == "audit":
        from assistant.checker.auditor import audit
        return audit
    raise AttributeError(name)
