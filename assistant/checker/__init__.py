"""Deterministic eligibility checker: rules as data, a sourced registry, claim extraction.

    check(provider=None, offer=None, data=[...], customer=None, as_of=date, facts=None, derogation=False) -> Verdict
    render_verdict_fr(verdict) -> str
    extract_claims(text, as_of=None) -> list[Claim]
    audit(text, as_of) -> dict
    Registry / default_registry(): aliases and dated facts; lexicon: data, customer and fact names

No model, no network: the same input always gives the same answer.
"""
from assistant.checker.engine import check
from assistant.checker.registry import Registry, default_registry
from assistant.checker.verdict import Verdict

__all__ = ["check", "Verdict", "Registry", "default_registry", "render_verdict_fr", "extract_claims", "audit", "Claim"]


def __getattr__(name):
    # render, claims and audit load on first use so that `check` stays light
    if name == "render_verdict_fr":
        from assistant.checker.render import render_verdict_fr
        return render_verdict_fr
    if name in ("extract_claims", "Claim"):
        from assistant.checker import claims
        return getattr(claims, name)
    if name == "audit":
        from assistant.checker.auditor import audit
        return audit
    raise AttributeError(name)
