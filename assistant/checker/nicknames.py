"""Nicknames and product names of registry providers ("Teams" -> Microsoft 365), and
approximate names ("azzure" -> Azure).

`nickname_aliases()` reads `data/nicknames.yaml` (each entry with its source and date) into
alias -> (provider, offer), the same shape as `Registry.aliases()`; `claims.mentions()`
merges both. `approximate(text, taken)` finds words close to a one-word alias (rapidfuzz,
a high cutoff, words of 4+ letters, never a common word) and says which name it understood,
so that the answer can tell the reader ("compris : Azure"). Neither decides anything.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
import re


from assistant.datafile import read_yaml
from assistant.errors import InputDataError

_DATA = Path(__file__).with_name("data") / "nicknames.yaml"
# Words that look like a provider's name but are ordinary words of the questions.
_COMMON = {"cloud", "bleue", "bleus", "orange", "santé", "sante", "office", "offre", "azote", "google", "amazon",
           "ovhcloud", "temple", "public", "private", "hosted", "bare", "metal", "drive", "teams", "scale", "space",
           "outils", "outil", "course", "source", "sauce", "active", "azure", "aussi", "avoir", "after", "entre",
           "mail", "mails", "email", "emails", "exchange", "outlook"}
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]{4,}")
CUTOFF = 84.0


@dataclass(frozen=True)
class Nickname:
    name: str
    provider: str
    offer: str | None
    source: str
    date: str
    agent_tools: bool = False


@lru_cache(maxsize=1)
def nicknames(path: Path = _DATA) -> tuple[Nickname, ...]:
    rows = read_yaml(path, "the nicknames file") or []
    out = []
    for i, row in enumerate(rows, start=1):
        missing = [k for k in ("names", "provider", "source", "date") if not row.get(k)]
        if missing:
            raise InputDataError(f"{path}: entry {i} lacks {', '.join(missing)}.")
        out.extend(Nickname(str(n), row["provider"], row.get("offer"), row["source"], str(row["date"]),
                            bool(row.get("agent_tools"))) for n in row["names"])
    return tuple(out)


def is_ordinary_word(name: str) -> bool:
    """Whether a one-word product name is also an ordinary word of the questions ("Teams" / "our
    teams", "Outlook" / "an outlook", "Exchange"): such a name is read as a proper noun, or in
    lower case only after a word of use ("sur outlook", "use teams"); others ("gmail", "onedrive")
    in any case."""
    return name.casefold() in _COMMON


def nickname_aliases() -> dict[str, tuple[str, str | None]]:
    """Nickname as written -> (provider, offer or None)."""
    return {n.name: (n.provider, n.offer) for n in nicknames()}


@dataclass(frozen=True)
class Approximate:
    start: int
    end: int
    word: str
    alias: str
    provider: str
    offer: str | None
    score: float


@lru_cache(maxsize=1)
def _one_word_aliases() -> tuple[tuple[str, str, str | None], ...]:
    from assistant.checker.registry import default_registry
    table = {**default_registry().aliases(), **nickname_aliases()}
    return tuple((a, p, o) for a, (p, o) in table.items()
                 if " " not in a and len(a) >= 4 and a.casefold() not in ("bleu",))


def approximate(text: str, taken: list[tuple[int, int]] = ()) -> list[Approximate]:
    """Words of `text` (outside `taken` spans) close to a one-word provider or offer name."""
    from rapidfuzz import fuzz, process, utils

    aliases = _one_word_aliases()
    choices = [a.casefold() for a, _, _ in aliases]
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word.casefold() in _COMMON or word.isdigit() or any(s <= m.start() < e for s, e in taken):
            continue
        if word.casefold() in choices or re.search(r"c[ôo]te\s+d['’]\s*$", text[max(0, m.start() - 8):m.start()], re.I):
            continue  # exact names are found by mentions(); this is for the near misses
        best = process.extractOne(word.casefold(), choices, scorer=fuzz.ratio, processor=utils.default_process,
                                  score_cutoff=CUTOFF)
        if best is None:
            continue
        alias, provider, offer = aliases[best[2]]
        out.append(Approximate(m.start(), m.end(), word, alias, provider, offer, best[1]))
    return out


def names_agent_tools(text: str) -> bool:
    """Whether `text` names a collaborative, office or messaging product ("Teams", "Gmail")."""
    for n in nicknames():
        if n.agent_tools and re.search(rf"(?<![\w-]){re.escape(n.name)}(?![\w-])", text):
            return True
    return False
