"""Nicknames and product names of registry providers ("Teams" -> Microsoft 365), and
approximate names ("azzure" -> Azure, "Secure Tempel" -> Secure Temple).

`nickname_aliases()` reads `data/nicknames.yaml` (each entry with its source and date) into
alias -> (provider, offer), the same shape as `Registry.aliases()`; `claims.mentions()`
merges both. `approximate(text, taken)` finds words close to a one-word alias (rapidfuzz,
one or two typing slips by length, words of 4+ letters, never a common word), and runs of two to four words
close to a several-word alias (each word keeping its first letter, at most two slips in all) and says which name it understood,
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
_ORDINARY = {"cloud", "bleue", "bleus", "orange", "santé", "sante", "office", "offre", "azote", "temple", "public", "private",
             "hosted", "bare", "metal", "drive", "teams", "scale", "space", "outils", "outil", "course", "source", "sauce",
             "active", "aussi", "avoir", "after", "entre", "mail", "mails", "email", "emails", "exchange", "outlook"}
# Provider names found exactly by mentions(), never taken for a near miss of another name.
_EXACT_NAMES = {"google", "amazon", "ovhcloud", "azure"}
_COMMON = _ORDINARY | _EXACT_NAMES
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]{4,}")


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


def names_in_capitals(text: str) -> str:
    """`text` as it is, unless it is written in capitals (no lower-case letter): capitals then tell
    nothing about case, so each word that is a name read only as a proper noun ("TEAMS", "OUTLOOK",
    "BLEU": also ordinary words) is written as that name ("Teams", "Bleu"). Nothing else changes,
    and the text keeps its length (offsets into it stay valid)."""
    if any(c.islower() for c in text):
        return text
    names = {n.name.casefold(): n.name for n in nicknames() if " " not in n.name and is_ordinary_word(n.name)}
    names["bleu"] = "Bleu"  # the provider's own name, read as a proper noun only (claims._alias_patterns)
    return re.sub(r"[^\W\d_]+", lambda m: names.get(m.group(0).casefold(), m.group(0)), text)


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
    """One-word names a near miss may stand for: not an ordinary word ("Teams" would take "team",
    "Exchange" "exchanges") and without digits ("S3NS" would take "sens"; digits are typed as read)."""
    from assistant.checker.registry import default_registry
    table = {**default_registry().aliases(), **nickname_aliases()}
    return tuple((a, p, o) for a, (p, o) in table.items()
                 if " " not in a and len(a) >= 4 and a.casefold() not in _ORDINARY | {"bleu"}
                 and not re.search(r"\d", a))


def allowed_edits(word: str) -> int:
    """How many typing slips (a letter added, dropped, changed, or two swapped) a word of this length
    may carry and still be read as a name: one up to 7 letters, two from 8; none under 4."""
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def is_near(word: str, name: str) -> bool:
    """Whether `word` is `name` with a few typing slips (`allowed_edits`), keeping its first letter
    ("amazone" / "Amazon", "Microsfot" / "Microsoft", "privte" / "private"; not "suite" / "GSuite")."""
    from rapidfuzz.distance import OSA

    a, b = word.casefold(), name.casefold()
    if a == b or not a or not b or a[0] != b[0]:
        return a == b
    edits = allowed_edits(b)
    return edits > 0 and OSA.distance(a, b, score_cutoff=edits) <= edits


def approximate(text: str, taken: list[tuple[int, int]] = ()) -> list[Approximate]:
    """Words of `text` (outside `taken` spans) close to a one-word provider or offer name."""
    from rapidfuzz import fuzz

    aliases = _one_word_aliases()
    choices = [a.casefold() for a, _, _ in aliases]
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word.casefold() in _COMMON or word.isdigit() or any(s <= m.start() < e for s, e in taken):
            continue
        if word.casefold() in choices or re.search(r"c[ôo]te\s+d['’]\s*$", text[max(0, m.start() - 8):m.start()], re.I):
            continue  # exact names are found by mentions(); this is for the near misses
        near = [i for i, choice in enumerate(choices) if is_near(word, choice)]
        if not near:
            continue
        best = max(near, key=lambda i: fuzz.ratio(word.casefold(), choices[i]))
        alias, provider, offer = aliases[best]
        out.append(Approximate(m.start(), m.end(), word, alias, provider, offer, fuzz.ratio(word.casefold(), choices[best])))
    return out + _approximate_phrases(text, list(taken) + [(a.start, a.end) for a in out])


@lru_cache(maxsize=1)
def _phrase_aliases() -> tuple[tuple[tuple[str, ...], str, str, str | None], ...]:
    """Names of two to four words a near miss may stand for ("Secure Tempel" -> Secure Temple), as
    (their words casefolded, alias, provider, offer): without digits, and with a word that is not an
    ordinary word or three words at least ("Hosted Private Cloud"): two ordinary words ("Cloud Avenue"
    aside) could be a slip of anything."""
    from assistant.checker.registry import default_registry
    table = {**default_registry().aliases(), **nickname_aliases()}
    out = []
    for alias, (provider, offer) in table.items():
        words = tuple(w.casefold() for w in _PHRASE_WORD.findall(alias))
        if 2 <= len(words) <= 4 and not re.search(r"\d", alias) and (len(words) >= 3 or any(w not in _ORDINARY for w in words)):
            out.append((words, alias, provider, offer))
    return tuple(out)


_PHRASE_WORD = re.compile(r"[^\W_]+")


def _approximate_phrases(text: str, taken: list[tuple[int, int]]) -> list[Approximate]:
    """Runs of two to four words of `text` (outside `taken`) that are a several-word name with typing
    slips: each word keeps its first letter and carries at most its own `allowed_edits`, the run as a
    whole at most two slips, and at least one word differs (an exact name is found by mentions()); "bleu"
    takes no slip ("une offre bleue" is a colour, as the one-word reading already decides).
    "Secure Tempel" -> Secure Temple, "Hosted Privte Cloud" -> Hosted Private Cloud; "Secure Temple"
    itself, or "cloud public" (word order), are not near misses."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    words = list(_PHRASE_WORD.finditer(text))
    out: list[Approximate] = []
    for words_of_alias, alias, provider, offer in _phrase_aliases():
        n = len(words_of_alias)
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            start, end = run[0].start(), run[-1].end()
            if any(s < end and start < e for s, e in taken + [(a.start, a.end) for a in out]):
                continue
            typed = tuple(m.group(0).casefold() for m in run)
            if typed == words_of_alias or any(t[:1] != w[:1] for t, w in zip(typed, words_of_alias)):
                continue
            slips = [OSA.distance(t, w) for t, w in zip(typed, words_of_alias)]
            if sum(slips) > 2 or any(s > (0 if w == "bleu" else allowed_edits(w)) for s, w in zip(slips, words_of_alias)):
                continue
            phrase = text[start:end]
            out.append(Approximate(start, end, phrase, alias, provider, offer, fuzz.ratio(" ".join(typed), " ".join(words_of_alias))))
    return out


_OFFER_WORDS = Path(__file__).with_name("data") / "offer_words.yaml"


@lru_cache(maxsize=1)
def offer_words() -> tuple[dict[str, re.Pattern], dict[str, str]]:
    """({registry kind: pattern of its words}, {French word: English word of an offer name}) from
    `data/offer_words.yaml` (words for an offer other than its name; see that file)."""
    from assistant.folding import fold, phrase_alternation, tolerant_rx

    raw = read_yaml(_OFFER_WORDS, "the offer words file") or {}
    kinds = {kind: tolerant_rx(rf"(?<![\w-])(?:{phrase_alternation(words)})(?![\w-])", re.I)
             for kind, words in (raw.get("kinds") or {}).items()}
    translations = {fold(w): english for english, words in (raw.get("translations") or {}).items() for w in words}
    return kinds, translations


def names_agent_tools(text: str) -> bool:
    """Whether `text` names a collaborative, office or messaging product ("Teams", "Gmail")."""
    for n in nicknames():
        if n.agent_tools and re.search(rf"(?<![\w-]){re.escape(n.name)}(?![\w-])", text):
            return True
    return False
