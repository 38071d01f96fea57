"""Decide what the corpus cannot answer: texts it lacks, and questions outside its domain.

`missing_texts(question)` names each text of `missing_texts.yaml` the question asks about.
`in_domain(question, passages, signals=...)` is the abstention test: the abstention model
(`abstention.py`, over retrieval's measures, no word list) when the index has sentence
vectors; else a word test (domain vocabulary *and* enough of the question's content words in
the passages). It does not judge whether the passages are right: the composer and gate do that.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.domain import Passage
from assistant.folding import fold

_DATA = Path(__file__).with_name("missing_texts.yaml")

# Words that put a question in the corpus's domain (accents folded, lowercase, stems).
# Strong terms alone make a question in-domain; weak ones need a second term.
DOMAIN_STRONG = [
    "cloud", "nuage", "heberg", "hds", "secnumcloud", "snc", "anssi", "rgpd", "gdpr", "dinum", "doctrine",
    "circulaire", "circ ", "6282", "6404", "cloud act", "fisa", "souverain", "sovereign", "extracommunautaire",
    "extra-europe", "non-eu", "health data", "donnees de sante", "donnees sensibles", "sensitive data",
    "cnil", "conseil d'etat", "health data hub", "hdh", "plateforme des donnees", "l1111", "l.1111", "r1111",
    "r.1111", "schrems", "privacy shield", "emc2", "sren", "saas", "iaas", "paas", "caas", "office 365", "o365",
    "microsoft 365", "m365", "azure", "aws", "amazon web", "google cloud", "gcp", "google workspace", "ovh",
    "outscale", "oodrive", "bleu", "s3ns", "premi3ns", "scaleway", "cloud temple", "numspot", "docaposte",
    "gafam", "hyperscal", "referentiel", "exi ", "adequacy", "adequation", "binding corporate", "processor",
    "sous-traitant", "responsable de traitement", "data controller", "transfert de donnees", "data transfer",
    "donnees personnelles", "personal data", "secret medical", "medical secrecy", "dpi", "snap", "ugap",
    "[r", "regle r", "rule r", "regle 1", "regle 2", "regle 3", "regle 4", "regle 5", "regle 6", "regle 7",
    "regle 8", "regle 9", "rule 1", "rule 9",
]
DOMAIN_WEAK = [
    "host", "donnee", "data", "sante", "health", "qualif", "certif", "offre", "prestataire", "provider",
    "fournisseur", "transfer", "messagerie", "microsoft", "google", "amazon", "exigence", "sensib", "ministere",
    "ministry", "administration", "collectivit", "hopital", "hospital", "chu", "ght", "clinique", "reversibil",
    "portabilit", "datacent", "data cent", "localisation", "eee", "eea", "immunis", "immune", "derogation",
    "operateur", "r9", "medical", "patient", "archivage", "agrement", "securite", "security",
    "cyber", "chiffrement", "encryption", "incident", "audit", "conform", "complian", "eligib", "resilien",
    "pca", "pra", "continuite", "reprise d'activite", "zones", "europe", "etat", "state", "contrat",
    "contract", "sanction", "controller", "logiciel", "software", "open source", "violation", "breach", "faq",
    "prestation", "presta", "recette", "production",
]
@dataclass(frozen=True)
class MissingText:
    id: str
    name_fr: str
    name_en: str
    instead: tuple[str, ...]
    instead_fr: str
    instead_en: str
    status: str = "absent"  # absent, press, secondary, partial

    def notice(self, lang: str) -> str:
        head = {
            ("absent", "fr"): "Texte absent du corpus", ("absent", "en"): "Not in the corpus",
            ("press", "fr"): "Texte officiel absent du corpus ; citations de presse seulement",
            ("press", "en"): "Official text not in the corpus; press quotations only",
            ("secondary", "fr"): "Texte officiel absent du corpus ; sources secondaires seulement",
            ("secondary", "en"): "Official text not in the corpus; secondary sources only",
            ("partial", "fr"): "Texte officiel partiel dans le corpus", ("partial", "en"): "Official text only in part in the corpus",
        }[(self.status, lang)]
        if lang == "en":
            return f"{head}: {self.name_en}. This answer relies on what the corpus holds: {self.instead_en}."
        return f"{head} : {self.name_fr}. La réponse s'appuie sur ce que le corpus contient : {self.instead_fr}."


@lru_cache(maxsize=1)
def _missing_table() -> list[tuple[MissingText, list[re.Pattern]]]:
    rows = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    table = []
    for row in rows:
        text = MissingText(row["id"], row["name_fr"], row["name_en"], tuple(row["instead"]),
                           row["instead_fr"], row["instead_en"], row.get("status", "absent"))
        table.append((text, [re.compile(p, re.I) for p in row["patterns"]]))
    return table


def missing_texts(question: str) -> list[MissingText]:
    """Texts absent from the corpus that the question names, in table order."""
    return [text for text, patterns in _missing_table() if any(p.search(question) for p in patterns)]


def missing_by_id(ids) -> list[MissingText]:
    """The texts of `missing_texts.yaml` with these ids, in the order given (unknown ids skipped)."""
    table = {text.id: text for text, _ in _missing_table()}
    return [table[i] for i in ids if i in table]


_LISTS = (("anssi-list", re.compile(r"SecNumCloud|\bSNC\b|qualifi", re.I)),
          ("ans-hds-list", re.compile(r"\bHDS\b|certifi", re.I)))


def lists_behind_registry(question: str) -> list[MissingText]:
    """The official lists (ANSSI's qualified services, ANS's certified hosts) that an answer from
    the provider registry stands in for, by what the question asks about."""
    table = {text.id: text for text, _ in _missing_table()}
    return [table[i] for i, rx in _LISTS if i in table and rx.search(question)]


def domain_hits(question: str) -> list[str]:
    """Domain terms of the question: every strong one, and the weak ones when there are two."""
    folded = f" {fold(question)} "
    strong = [t for t in DOMAIN_STRONG if t in folded]
    weak = [t for t in DOMAIN_WEAK if t in folded]
    return strong + weak if strong or len(weak) >= 2 else []


_TOKEN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_STOP = set(fold(
    "le la les un une des du de d l est sont a au aux et ou en dans sur pour par avec que qui quoi quel "
    "quelle quels quelles ce cet cette ces il elle ils on nous vous je tu mon ma mes notre nos votre vos "
    "se sa son ses leur leurs pas ne n y peut peuvent faut doit doivent comment pourquoi quand est-ce "
    "the a an of to in on for with is are be can could should would what which who how when why do "
    "does did it its this that these those my our your their and or not from by as at me us i"
).split())


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16384)
def content_words(text: str) -> frozenset[str]:
    """Folded content words, cut to 5 characters as a cheap stem ('hébergement' -> 'heber');
    references with digits ('r9', '19.6.c', 'l1111-8') are kept whole, however short.

    Memoised: the composer and the abstention test read the same passages and sentences
    again and again (one ask computed them about 70 times; the index's texts never change).
    """
    words = set()
    for w in _TOKEN.findall(fold(text)):
        if w in _STOP:
            continue
        if _DIGIT.search(w):
            words.add(w)
        elif len(w) > 2:
            words.add(w[:5])
    return frozenset(words)


def overlap(question: str, passages: list[Passage]) -> float:
    """Share of the question's content words found in the passages (0..1)."""
    words = content_words(question)
    if not words:
        return 0.0
    seen = set().union(*(content_words(p.text + " " + p.section + " " + p.title) for p in passages)) if passages else set()
    return len(words & seen) / len(words)


# Indexes without sentence vectors (BM25 only) keep the word test: a question without any
# domain term is then in the domain only when `similarity()` (the best sentence cosine, when
# the caller has one) reaches this; fitted on the tuning part (its out-of-scope questions reach
# at most 0.858).
SIMILAR_ENOUGH = 0.86


def in_domain(question: str, passages: list[Passage], min_overlap: float = 0.34,
              similarity=None, signals=None) -> bool:
    """True when the question is about the corpus's domain and the passages cover it.

    With `signals()` (the retriever's `domain_signals`, or None) a question naming a section of
    the corpus is in the domain, and otherwise the abstention model decides
    (`assistant.answer.abstention`: no word list; fitted on the tuning part, leaning towards
    answering). Without them (an index without sentence vectors, or a model fitted for another
    embedder) the word test decides: the question is read with its known synonyms ("PCA" ->
    "plan de continuité"), a question with a strong domain term needs less overlap than one
    with weak terms only, and one without a domain term needs `similarity()` >= SIMILAR_ENOUGH.
    """
    from assistant.answer.abstention import default_model, features
    from assistant.synonyms import expand

    measured = signals() if signals is not None else None
    model = default_model()
    if measured is not None and model.fits(measured.get("query_vector")):
        if measured.get("named_sections"):  # it names a section of the corpus ("Que dit la règle R9 ?")
            return True
        return model.in_domain(features(measured, overlap(question, passages)), measured["query_vector"])
    hits = domain_hits(question)
    if not hits:
        best = similarity() if similarity is not None else None
        return best is not None and best >= SIMILAR_ENOUGH
    strong = any(t in DOMAIN_STRONG for t in hits)
    needed = min_overlap * (0.6 if strong else 1.0)
    return max(overlap(question, passages), overlap(expand(question), passages)) >= needed
