"""Is the data « d'une sensibilité particulière » at date T? Three answers: yes, no, unknown.

Two dated regimes (rules S2021 / S2021-NOTE and S2023 / S2023-HDS in data/rules.yaml):

- 2021-07-10 to 2023-05-30 (R9 wording): sensitive when declared so, or when it is personal
  data of French citizens, economic data of French companies or a business application about
  State agents; health data held by a State system is personal data of citizens, hence
  sensitive. From the DINUM note of 2021-09-15, collaborative, office and messaging tools
  for agents are sensitive systems.
- From 2023-05-31 (FAQ's two criteria): (1) sensitive by nature (legal secret, e.g. medical
  secrecy: health data meets it) or by use (essential State mission) AND (2) a breach would
  harm public order, security, health, lives or intellectual property. Health (HDS) or GDPR
  art. 9 status alone is not enough: when (2) is not given, sensitivity is unknown and
  `breach_impact` is the missing fact.

When nothing in the query points at sensitivity (no `sensitive` kind, no health data, no
fact, not an agents' collaboration suite), the data is taken as not declared sensitive: the
project entity does this analysis (FAQ), and the caller is told so in a caveat. The caller's
own assessment (`particularly_sensitive`) overrides everything.

This module does not know offers or verdicts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NOTE_DATE = dt.date(2021, 9, 15)
UPDATE_2023 = dt.date(2023, 5, 31)


@dataclass
class Sensitivity:
    value: bool | None
    basis: list[str] = field(default_factory=list)   # rule ids it rests on
    missing: list[tuple[str, str]] = field(default_factory=list)  # (fact name, why)
    notes: list[str] = field(default_factory=list)    # French explanations / caveats


def _and3(a: bool | None, b: bool | None) -> bool | None:
    if a is False or b is False:
        return False
    if a is True and b is True:
        return True
    return None


def assess(t: dt.date, data: list[str], facts: dict[str, bool], collaboration_suite: bool = False) -> Sensitivity:
    if facts.get("particularly_sensitive") is not None:
        value = facts["particularly_sensitive"]
        return Sensitivity(value, ["S-ENTITY"], notes=[
            "sensibilité particulière " + ("déclarée" if value else "écartée") + " par l'entité porteuse du projet"])
    if "sensitive" in data:
        return Sensitivity(True, ["S-ENTITY"], notes=["données déclarées « d'une sensibilité particulière »"])
    agent_tools = facts.get("agent_tools")
    if agent_tools is None and collaboration_suite:
        agent_tools = True
    if t < UPDATE_2023:
        return _regime_2021(t, data, facts, agent_tools)
    return _regime_2023(data, facts, agent_tools)


def _regime_2021(t, data, facts, agent_tools) -> Sensitivity:
    named = [k for k in ("citizens_data", "companies_economic_data", "agents_business_app") if facts.get(k)]
    if named:
        return Sensitivity(True, ["S2021"], notes=["R9 (2021) : " + ", ".join(named)])
    if "health" in data and facts.get("citizens_data") is not False:
        return Sensitivity(True, ["S2021"], notes=[
            "R9 (2021) : des données de santé dans un système de l'État sont des données personnelles de citoyens, "
            "donc d'une sensibilité particulière"])
    if agent_tools:
        if t >= NOTE_DATE:
            return Sensitivity(True, ["S2021-NOTE"], notes=[
                "note DINUM du 15 septembre 2021 : outils collaboratifs, bureautiques et de messagerie des agents"])
        return Sensitivity(None, ["S2021"], missing=[(
            "particularly_sensitive",
            "outil collaboratif des agents avant la note DINUM du 15 septembre 2021 : sensibilité à établir par l'entité")])
    notes = []
    if "personal" in data:
        notes.append("R9 (2021) cite les données personnelles des citoyens français comme données d'une sensibilité "
                     "particulière : si c'est le cas, indiquez citizens_data=true")
    return Sensitivity(False, ["S2021"], notes=notes)


def _regime_2023(data, facts, agent_tools) -> Sensitivity:
    by_nature, by_use, impact = facts.get("sensitive_by_nature"), facts.get("sensitive_by_use"), facts.get("breach_impact")
    pointed = "health" in data or agent_tools or any(v for v in (by_nature, by_use, impact))
    if not pointed:
        return Sensitivity(False, ["S2023"], notes=[
            "aucun élément ne rend les données particulièrement sensibles au sens des deux critères de la FAQ DINUM "
            "(à confirmer par l'entité porteuse du projet)"])
    if by_nature is None and "health" in data:
        by_nature = True  # medical secrecy is a legal secret
    if by_nature or by_use:
        c1 = True
    elif by_nature is False and by_use is False:
        c1 = False
    else:
        c1 = None
    value = _and3(c1, impact)
    basis = ["S2023"] + (["S2023-HDS"] if "health" in data else [])
    missing = []
    if value is None:
        if impact is None and c1 is not False:
            missing.append(("breach_impact", "critère 2 : une violation porterait-elle atteinte à l'ordre public, la "
                            "sécurité publique, la santé, la vie des personnes ou la propriété intellectuelle ?"))
        if c1 is None and impact is not False:
            missing.append(("sensitive_by_nature_or_use", "critère 1 : données sensibles par nature (secret légal) "
                            "ou par leur emploi (mission essentielle de l'État) ?"))
    notes = []
    if "health" in data and impact is None:
        notes.append("FAQ DINUM : le statut HDS ne suffit pas, le second critère doit aussi être rempli")
    return Sensitivity(value, basis, missing, notes)
