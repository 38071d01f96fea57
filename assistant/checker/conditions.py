"""The condition language of the rules: a few YAML shapes, read three-valued.

A condition is one of
    true                                   always holds
    {fact: NAME, is: VALUE}                the fact NAME has VALUE
    {fact: NAME, in: [V1, V2]}             the fact NAME has one of the values
    {all: [C1, C2, ...]}                   every Ci holds
    {any: [C1, C2, ...]}                   some Ci holds
    {not: C}                               C does not hold

`evaluate(cond, lookup)` answers True, False or None (unknown) with Kleene's logic: `lookup`
gives a fact's value, or None when unknown; `{all}` is False as soon as one part is False,
`{any}` True as soon as one part is True. `facts_of(cond)` lists the names a condition reads;
`parse(raw, where, known)` refuses an unknown fact name or a malformed shape, naming `where`.

    >>> evaluate({"any": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"b": True}.get)
    True
    >>> evaluate({"all": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"b": True}.get) is None
    True

This module knows no rule and no fact; it only reads conditions.
"""
from __future__ import annotations

from typing import Callable

from assistant.errors import InputDataError


def parse(raw, where: str, known: dict[str, tuple]) -> object:
    """The condition `raw`, checked against `known` (fact name -> allowed values)."""
    if raw is True:
        return True
    if not isinstance(raw, dict) or len(raw) == 0:
        raise InputDataError(f"{where}: a condition is true, {{fact, is}}, {{fact, in}}, {{all}}, {{any}} or {{not}}, "
                             f"not {raw!r}.")
    if "fact" in raw:
        name = raw["fact"]
        if name not in known:
            raise InputDataError(f"{where}: unknown variable {name!r} (the vocabulary has: {', '.join(known)}).")
        extra = set(raw) - {"fact", "is", "in"}
        if extra or (("is" in raw) == ("in" in raw)):
            raise InputDataError(f"{where}: a fact condition takes 'fact' and one of 'is' or 'in'.")
        values = raw["in"] if "in" in raw else [raw["is"]]
        if not isinstance(values, list) or not values:
            raise InputDataError(f"{where}: 'in' takes a non-empty list of values.")
        for value in values:
            if value not in known[name]:
                raise InputDataError(f"{where}: {value!r} is not a value of {name!r} ({known[name]}).")
        return {"fact": name, "in": list(values)}
    if len(raw) != 1:
        raise InputDataError(f"{where}: one operator per condition, not {sorted(raw)}.")
    (op, body), = raw.items()
    if op in ("all", "any"):
        if not isinstance(body, list) or not body:
            raise InputDataError(f"{where}: '{op}' takes a non-empty list of conditions.")
        return {op: [parse(part, where, known) for part in body]}
    if op == "not":
        return {"not": parse(body, where, known)}
    raise InputDataError(f"{where}: unknown operator {op!r}.")


def evaluate(cond, lookup: Callable[[str], object]) -> bool | None:
    """True, False or None (unknown) for a parsed condition."""
    if cond is True:
        return True
    if "fact" in cond:
        value = lookup(cond["fact"])
        if value is None:
            return None
        return value in cond["in"]
    if "not" in cond:
        inner = evaluate(cond["not"], lookup)
        return None if inner is None else not inner
    parts = [evaluate(c, lookup) for c in (cond.get("all") or cond.get("any"))]
    if "all" in cond:
        if False in parts:
            return False
        return None if None in parts else True
    if True in parts:
        return True
    return None if None in parts else False


def facts_of(cond) -> list[str]:
    """The fact names a condition reads, in order of first use."""
    if cond is True:
        return []
    if "fact" in cond:
        return [cond["fact"]]
    if "not" in cond:
        return facts_of(cond["not"])
    out: list[str] = []
    for part in cond.get("all") or cond.get("any"):
        out += [n for n in facts_of(part) if n not in out]
    return out
