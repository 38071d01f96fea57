"""Decide what the corpus cannot answer: texts it lacks, and questions outside its domain.

`missing_texts(question)` names each text of `missing_texts.yaml` the question asks about.
`in_domain(question, passages)` is the abstention test: a question is answered only when it
uses the domain's vocabulary *and* the retrieved passages share enough of its content
words. It does not judge whether the passages are right: the composer and gate do that.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.domain import Passage

_DATA = Path(__file__).with_name("missing_texts.yaml")

# Words that put a question in the corpus's domain (accents folded, lowercase, stems).
DOMAIN_TERMS = [
    "cloud", "nuage", "heberg", "host", "donnee", "data", "sante", "health", "hds", "secnumcloud",
    "snc", "anssi", "rgpd", "gdpr", "dinum", "doctrine", "circulaire", "circular", "cloud act",
    "fisa", "souverain", "sovereign", "extracommunautaire", "extra-europe", "non-eu", "qualif",
    "certif", "saas", "iaas", "paas", "caas", "offre", "prestataire", "provider", "fournisseur",
    "cnil", "conseil d'etat", "health data hub", "hdh", "plateforme des donnees", "l1111", "l.1111",
    "r1111", "r.1111", "article 9", "article 28", "article 48", "art. 48", "transfer", "transfert",
    "sous-traitant", "processor", "controller", "responsable de traitement", "messagerie",
    "office 365", "o365", "microsoft 365", "m365", "azure", "aws", "amazon", "google", "gcp", "ovh",
    "outscale", "oodrive", "bleu", "s3ns", "scaleway", "cloud temple", "numspot", "docaposte",
    "microsoft", "gafam", "hyperscal", "exi ", "exigence", "referentiel", "sensib", "ministere",
    "ministry", "administration", "collectivit", "hopital", "hospital", "chu", "ght", "clinique",
    "dpi", "snap", "ugap", "reversibil", "portabilit", "schrems", "privacy shield", "emc2",
    "datacent", "data cent", "localisation", "eee", "eea", "immunis", "immune", "derogation",
    "operateur", "r9", "regle", "rule", "secret medical", "medical", "patient", "archivage",
    "agrement", "ans ", "esante", "securite", "security", "cyber", "chiffrement", "encryption",
    "incident", "audit", "conform", "complian", "eligib", "sren",
]
_FOLD_TABLE = str.maketrans("’‘", "''")


def fold(text: str) -> str:
    """Lowercase without accents: 'Hébergé' -> 'heberge'."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class MissingText:
    id: str
    name_fr: str
    name_en: str
    instead: tuple[str, ...]
    instead_fr: str
    instead_en: str

    def notice(self, lang: str) -> str:
        if lang == "en":
            return (f"Not in the corpus: {self.name_en}. This answer relies on what the corpus "
                    f"holds instead: {self.instead_en}.")
        return (f"Texte absent du corpus : {self.name_fr}. La réponse s'appuie sur ce que le "
                f"corpus contient à la place : {self.instead_fr}.")


@lru_cache(maxsize=1)
def _missing_table() -> list[tuple[MissingText, list[re.Pattern]]]:
    rows = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    table = []
    for row in rows:
        text = MissingText(row["id"], row["name_fr"], row["name_en"], tuple(row["instead"]),
                           row["instead_fr"], row["instead_en"])
        table.append((text, [re.compile(p, re.I) for p in row["patterns"]]))
    return table


def missing_texts(question: str) -> list[MissingText]:
    """Texts absent from the corpus that the question names, in table order."""
    return [text for text, patterns in _missing_table() if any(p.search(question) for p in patterns)]


def domain_hits(question: str) -> list[str]:
    folded = f" {fold(question)} "
    return [term for term in DOMAIN_TERMS if term in folded]


_TOKEN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_STOP = set(fold(
    "le la les un une des du de d l est sont a au aux et ou en dans sur pour par avec que qui quoi quel "
    "quelle quels quelles ce cet cette ces il elle ils on nous vous je tu mon ma mes notre nos votre vos "
    "se sa son ses leur leurs pas ne n y peut peuvent faut doit doivent comment pourquoi quand est-ce "
    "the a an of to in on for with is are be can could should would what which who how when why do "
    "does did it its this that these those my our your their and or not from by as at me us i"
).split())


def content_words(text: str) -> set[str]:
    """Folded content words, cut to 5 characters as a cheap stem ('hébergement' -> 'heber');
    references with digits ('r9', '19.6.c', 'l1111-8') are kept whole, however short."""
    return {w[:5] if not any(c.isdigit() for c in w) else w
            for w in _TOKEN.findall(fold(text))
            if w not in _STOP and (len(w) > 2 or any(c.isdigit() for c in w))}


def overlap(question: str, passages: list[Passage]) -> float:
    """Share of the question's content words found in the passages (0..1)."""
    words = content_words(question)
    if not words:
        return 0.0
    seen = set().union(*(content_words(p.text + " " + p.section + " " + p.title) for p in passages)) if passages else set()
    return len(words & seen) / len(words)


def in_domain(question: str, passages: list[Passage], min_overlap: float = 0.34) -> bool:
    """True when the question is about the corpus's domain and the passages cover it."""
    if not domain_hits(question):
        return False
    return overlap(question, passages) >= min_overlap
