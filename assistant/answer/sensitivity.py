"""The two criteria of particular sensitivity (circular 6404/SG) as a question states them.

`sensitivity_criteria(question)` returns {criterion: True | False} for `sensitive_by_nature`
(a secret protected by law, or data about a matter whose secret CRPA L.311-5 protects, as
circular 6404/SG names them: "télégrammes diplomatiques"), `sensitive_by_use` (an essential State mission) and
`breach_impact` (a breach would harm public order, security, health, lives or intellectual
property), read from `sensitivity.yaml` clause by clause: a cue is affirmed when no negation of
its clause comes before it ("couvertes par le secret médical"; a harm that names what it harms,
"des gens pourraient en mourir", affirms the second criterion alone), denied when one does ("qui ne
relèvent d'aucun secret", "leur fuite n'aurait aucune conséquence grave"). A criterion the
question does not speak of is absent (unknown), never False. It decides nothing about
eligibility: the checker's rules combine the criteria.

`declared_not_sensitive(question)` reads sensitivity said absent in the question's own words
("sans enjeu de sensibilité", "nothing confidential or sensitive"): "plain" (the everyday word,
which in the GDPR's sense also rules out health data), "particular" (the doctrine's term only) or
None. It never reads a sensitive word that a negation does not govern.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import fold, phrase_alternation, tolerant_rx

_FILE = Path(__file__).with_name("sensitivity.yaml")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    crit = raw["criteria"]
    word = lambda alt: tolerant_rx(rf"(?<![\w-])(?:{alt})(?![\w-])", re.I)  # noqa: E731
    matters = [w for words in (crit["sensitive_by_nature"].get("matters") or {}).values() for w in words]
    nature = word(rf"{phrase_alternation(crit['sensitive_by_nature']['cues'] + matters)}"
                  rf"|secrets?\s+(?:{phrase_alternation(crit['sensitive_by_nature']['secret_of'])})"
                  rf"|(?:{phrase_alternation(crit['sensitive_by_nature']['secret_of'])})\s+secre(?:cy|ts?)")
    return {
        "sensitive_by_nature": nature,
        "nature_denied": word(phrase_alternation(crit["sensitive_by_nature"].get("denied_by") or ["(?!)"])),
        "sensitive_by_use": word(phrase_alternation(crit["sensitive_by_use"]["cues"])),
        "harm": word(phrase_alternation(crit["breach_impact"]["harms"])),
        "harmed": word(phrase_alternation(crit["breach_impact"]["harmed"])),
        "grave_harm": word(phrase_alternation(crit["breach_impact"]["grave_harms"])),
        "harm_denied": word(phrase_alternation(crit["breach_impact"]["harms"] + crit["breach_impact"]["denied_by"]
                                               + crit["breach_impact"]["grave_harms"])),
        "negation": tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(raw['negations'])})(?![\w-])|n['’]|\w+n['’]t\b", re.I),
        "clause_end": tolerant_rx(rf"[.;!?:]|(?<![\w-])(?:{phrase_alternation([w for w in raw['clause_ends'] if w[0].isalpha()])})(?![\w-])", re.I),
    }


def clauses(question: str) -> list[str]:
    """The question cut where a negation stops reaching ("…, mais leur fuite…", "; but…")."""
    p = _patterns()
    out, start = [], 0
    for m in p["clause_end"].finditer(question):
        out.append(question[start:m.start()])
        start = m.end()
    out.append(question[start:])
    return [c for c in out if c.strip()]


def _state(clause: str, rx: re.Pattern) -> bool | None:
    """True when a cue of `rx` is in `clause` with no negation before it, False when negated, else None."""
    p = _patterns()
    m = rx.search(clause)
    if not m:
        return None
    return not p["negation"].search(clause, 0, m.start())


def sensitivity_criteria(question: str) -> dict[str, bool]:
    """{criterion: affirmed (True) or denied (False)} for each criterion the question speaks of."""
    p = _patterns()
    out: dict[str, bool] = {}
    for clause in clauses(question):
        for name in ("sensitive_by_nature", "sensitive_by_use"):
            state = _state(clause, p[name])
            if state is not None:
                out[name] = out.get(name, False) or state
        if "sensitive_by_nature" not in out and _state(clause, p["nature_denied"]) is False:  # "aucun secret"
            out["sensitive_by_nature"] = False
        if _state(clause, p["harm_denied"]) is False:
            out["breach_impact"] = out.get("breach_impact", False)
        elif _state(clause, p["harm"]) and p["harmed"].search(clause) or _state(clause, p["grave_harm"]):
            out["breach_impact"] = True
    return out


_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*'?|[.;:!?]")


@lru_cache(maxsize=1)
def _declared() -> dict:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))["declared"]
    words = lambda key: {fold(w) for phrase in raw[key] for w in phrase.split()}  # noqa: E731
    return {"negations": {fold(w) for w in raw["negations"]}, "between": words("between"),
            "max_between": int(raw["max_between"]), "plain": {fold(w) for w in raw["plain"]},
            "particular": [fold(w).split() for w in raw["particular"]]}


def declared_not_sensitive(question: str) -> str | None:
    """"plain" or "particular" when a negation governs a word naming the data's sensitivity, with
    only words of `declared.between` in between (see sensitivity.yaml); None otherwise."""
    d = _declared()
    tokens = _TOKEN.findall(re.sub(r"n't\b", " not", fold(question)))
    found = None
    for i, token in enumerate(tokens):
        if token not in d["negations"]:
            continue
        for j in range(i + 1, min(len(tokens), i + 2 + d["max_between"])):
            ahead = tokens[j:j + 2]
            if any(ahead[:len(p)] == p for p in d["particular"]) or (
                    ahead and ahead[0] in d["plain"] and ahead[1:2] == ["particuliere"]):
                found = found or "particular"
                break
            if tokens[j] in d["plain"]:
                return "plain"
            if tokens[j] not in d["between"] and tokens[j] not in d["negations"]:
                break
    return found


@lru_cache(maxsize=1)
def _withheld() -> re.Pattern:
    raw = yaml.safe_load(_FILE.read_text(encoding="utf-8"))["withheld"]
    verbs = "|".join(sorted(raw["verbs"], key=len, reverse=True))
    heads = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(raw["heads"], key=len, reverse=True))
    after = int(raw["max_after"])
    return tolerant_rx(
        rf"(?:\bne\s+(?:(?:les?|la|l['’]|leur|nous|vous|se|s['’])\s*){{0,2}}(?:(?:a|ont|avons|avez|ai|sont|est|seront|sera)\s+)?"
        rf"(?:{verbs})\w*\s+(?:pas|jamais|point)\b"
        rf"|\bne\s+(?:(?:les?|la|l['’]|leur|nous|vous|se|s['’])\s*){{0,2}}(?:a|ont|avons|avez|ai|sont|est|seront|sera)\s+(?:pas|jamais)\s+(?:été\s+)?(?:{verbs})\w*"
        rf"|\b(?:not|never|n['’]t|sans|non)\s+(?:to\s+|be\s+|been\s+|(?:les?|la|l['’])\s*)?(?:{verbs})\w*)"
        rf"[^.;:?!]{{0,{after}}}?(?<!\w)(?:{heads})", re.I)


def declaration_withheld(question: str) -> bool:
    """Whether the question says a declaration of sensitivity is not made ("Si nous ne déclarons pas
    ces données d'une sensibilité particulière", "decided not to classify them as particularly
    sensitive"): its sensitivity words are then no declaration, and no denial either (sensitivity.yaml
    `withheld`). Reads the words only; what follows from it is the reader's."""
    return bool(_withheld().search(question))
