"""The body a question is about ("Une mutuelle peut-elle…", "Is a university required…"), and
whether the project's data give it a customer type.

`customer_named(question)` returns a `CustomerMention`: the customer type when `entities.yaml`
gives one (with its source or definition), else the words that name the body when the question
names one: an entity the data list without a type (EPCI, EHPAD, university…), or the subject of
the question's verb when no entity matches ("Une mutuelle peut-elle", "Can an SDIS store").
Such a body is *not understood*: the answer says so and asks which category it belongs to; its
type is never defaulted. It decides nothing about eligibility and adds no customer type.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from assistant.folding import tolerant_rx

_I = re.IGNORECASE
_WORD = r"[^\s?!,;:.]+"
# French subject + inverted verb ("Une mutuelle peut-elle", "Notre syndicat intercommunal est-il").
_FR_SUBJECT = tolerant_rx(
    rf"(?:^|[\s(«\"])(?:(?:une?|notre|nos|votre|vos|leur|leurs|mon|ma|mes|le|la|les|cette|ce|cet)\s+|l['’]\s*)(?P<words>{_WORD}(?:\s+{_WORD}){{0,5}}?)"
    r"\s+(?:peu(?:t|vent)|pouvai(?:t|ent)|pourrai(?:t|ent)|est|sont|étai(?:t|ent)|doi(?:t|vent)|devai(?:t|ent)|a|ont|aurai(?:t|ent))"
    r"-(?:t-)?(?:il|elle|ils|elles)\b", _I)
# English subject after an auxiliary ("Can an SDIS (fire and rescue service) store", "Is a university required").
_EN_SUBJECT = tolerant_rx(
    rf"\b(?:can|could|may|might|must|should|is|are|was|were|does|do|did)\s+(?:a|an|our|the|my|your|their|this)\s+(?P<words>{_WORD}(?:\s+{_WORD}){{0,5}}?)"
    r"\s+(?:store|host|keep|use|put|move|run|have|need|be|follow|apply|comply|required|obliged|allowed|permitted|subject|bound"
    r"|covered|go|pick|choose|migrate|rely|still|legally|really|also|now)\b", _I)
# The subject of a verb of intent ("Notre chambre d'agriculture veut…", "Our regional chamber of agriculture wants to…").
_INTENT_SUBJECT = tolerant_rx(
    rf"(?:^|[\s(«\"])(?:notre|nos|une?|la|le|l['’]|our|my|an?|the)\s*(?P<words>{_WORD}(?:\s+{_WORD}){{0,5}}?)"
    r"\s+(?:veu(?:t|lent)|voudrai(?:t|ent)|souhaite(?:nt|rait)?|compte(?:nt)?|envisage(?:nt|ait)?|prévoi(?:t|ent)|aimerai(?:t|ent)"
    r"|wants?|would\s+like|plans?|is\s+planning|intends?|needs?\s+to|is\s+thinking)\b", _I)
# Subjects that are not a body: the data, the offer, the text, a pronoun ("Les données de santé peuvent-elles…").
_NOT_A_BODY = tolerant_rx(
    r"^(?:données|data|donnée|offres?|offers?|hébergeurs?|hosts?|hosting|providers?|fournisseurs?|prestataires?|clouds?|solutions?"
    r"|systèmes?|systems?|applications?|apps?|projets?|projects?|doctrine|circulaires?|circulars?|règles?|rules?|textes?|texts?|lois?|laws?"
    r"|qualifications?|certifications?|certificats?|SecNumCloud|HDS|contrats?|contracts?|migrations?|messageries?|dossiers?|records?|fichiers?"
    r"|files?|informations?|on|il|elle|it|they|we|I|ce|cela|ça|hébergement|stockage|storage|choix|choice|service|services)\b", _I)

ASK = {"fr": "De quelle catégorie relève « {words} » : administration centrale de l'État, opérateur ou organisme sous tutelle de l'État, collectivité territoriale, établissement de santé, entreprise privée ?",
       "en": "Which category does \"{words}\" belong to: State central administration, State operator or body under State supervision, local authority, health facility, private company?"}
NOT_UNDERSTOOD = {
    "fr": "« {words} » : type d'organisme non compris (aucune source du corpus ne le range dans une catégorie) ; il n'est pas supposé : la réponse vaut pour chaque catégorie possible.",
    "en": "\"{words}\": kind of body not understood (no source in the corpus puts it in a category); it is not assumed: the answer holds for every possible category.",
}


@dataclass(frozen=True)
class CustomerMention:
    kind: str | None = None  # the checker's customer type, when the data give one
    words: str | None = None  # the words naming a body whose type the data do not give
    facts: tuple = ()  # the named entity's facts (("sren31_listed", True),)
    not_types: tuple = ()  # customer types the body's legal nature rules out (entities.yaml `not_types`)
    not_because: str | None = None
    near: tuple = ()  # (word as typed, word read) when the body was read through a typing slip ("minsitere")
    private_law: bool = False  # a body of private law by its name (entities.yaml `private_law`: a private clinic)

    @property
    def candidates(self) -> tuple[str, ...]:
        """The customer types a body named but not understood may have (every type but those its
        legal nature rules out); () when the type is known or no body is named."""
        from assistant.checker import CUSTOMER_TYPES
        return tuple(t for t in CUSTOMER_TYPES if t not in self.not_types) if self.not_understood else ()

    @property
    def not_understood(self) -> bool:
        return self.kind is None and bool(self.words)

    def notice(self, lang: str) -> str:
        return NOT_UNDERSTOOD[lang].format(words=self.words)

    def question(self, lang: str) -> str:
        return ASK[lang].format(words=self.words)


# A body named as the owner or subject of the data, not as the one asking ("les contacts entreprises",
# "les données des hôpitaux", "hospital activity statistics", "company data").
_DATA_NOUN = (r"(?:données|donnée|dossiers?|fichiers?|statistiques?|contacts?|informations?|registres?|listes?|data|records?|files?"
              r"|statistics|figures|reports?|information|details)")
_OWNED_BEFORE = tolerant_rx(rf"\b{_DATA_NOUN}\s+(?:[\w-]+\s+)?(?:(?:de\s+la|de\s+l['’]|des|du|de|d['’]|of\s+the|of)\s*)?$", _I)
_OWNED_AFTER = tolerant_rx(rf"^['’]?s?\s+(?:[\w-]+\s+)?{_DATA_NOUN}\b", _I)


# The asker's body named by the asker's role ("Je suis DSI d'une CCI", "DPO of a chamber of commerce").
_ASKER_BODY = tolerant_rx(
    rf"\b(?:DSI|DPO|RSSI|DRH|DAF|CIO|CISO|CTO|IT\s+director|directeur|directrice|responsable|acheteur|acheteuse|buyer)\s+"
    rf"(?:(?:informatique|juridique|achats?)\s+)?(?:d['’]une?\s+|d['’]|de\s+la\s+|de\s+l['’]|du\s+|of\s+(?:an?\s+|the\s+)?|at\s+(?:an?\s+|the\s+)?)"
    rf"(?P<words>{_WORD}(?:\s+{_WORD}){{0,3}}?)(?=\s*(?:[,;:.?!]|$|\s+(?:et|and|je|on|nous|we|I)\b))", _I)


def _body_entity(question: str):
    """The entity the question names first as a body (file order between mentions at the same place),
    preferring a mention that is not the owner of the data ("Le ministère… les statistiques des
    hôpitaux": the ministry) over one that is; a body named only as the data's owner is still the body
    ("les données d'un hôpital")."""
    from assistant.checker import default_entities

    owned, first = None, None
    for entity in default_entities().entities:
        for m in entity.pattern.finditer(question):
            if _OWNED_BEFORE.search(question[:m.start()]) or _OWNED_AFTER.search(question[m.end():]):
                owned = owned or entity
                continue
            if first is None or m.start() < first[0]:
                first = (m.start(), entity)
            break
    # round 10: the body named first is the one that hosts, asks or acts ("La région veut héberger les dossiers
    # de subventions aux associations": the région, not the associations the data are about); file order
    # decides between bodies named at the same place
    if first is not None:
        return first[1], False
    return owned, owned is not None


_BODY_WORDS = Path(__file__).with_name("body_words.yaml")


@lru_cache(maxsize=1)
def body_words() -> tuple[str, ...]:
    """The category words of `body_words.yaml` (spellings entities.yaml reads)."""
    return tuple(yaml.safe_load(_BODY_WORDS.read_text(encoding="utf-8"))["words"])


def _near_body_word(word: str) -> str | None:
    """The body word `word` stands for with a typing slip, or None (see body_words.yaml)."""
    from rapidfuzz.distance import OSA

    from assistant.checker import is_near
    from assistant.folding import fold

    folded = fold(word)
    words = {fold(w): w for w in body_words()}
    if folded in words or len(folded) < 4:
        return None
    for key, written in words.items():
        if key.startswith(folded) or folded.startswith(key):
            continue  # another form of the word, or another word ("commun", "communal"), not a slip
        if len(key) >= 7 and is_near(folded, key):
            return written
        if len(key) < 7 and len(folded) == len(key) and folded[0] == key[0] and OSA.distance(folded, key) == 1 \
                and sorted(folded) == sorted(key):
            return written  # two adjacent letters swapped ("ephad")
    return None


def customer_named(question: str) -> CustomerMention:
    """The customer type the question names, or the words of a body it names without a type; when
    nothing is read, a body word typed with a slip ("minsitere") is read as the word, and said."""
    found = _customer_named(question)
    if found.kind is not None or (found.words and not found.not_understood):
        return found
    for m in re.finditer(r"[^\W\d_]{4,}", question):
        near = _near_body_word(m.group(0))
        if near:
            again = _customer_named(question[:m.start()] + near + question[m.end():])
            if again.kind is not None or again.words != found.words:
                return CustomerMention(again.kind, again.words, again.facts, again.not_types, again.not_because,
                                       near=(m.group(0), near), private_law=again.private_law)
    return found


def _customer_named(question: str) -> CustomerMention:
    from assistant.checker import default_entities, mentions

    entity, owned = _body_entity(question)
    asker = _ASKER_BODY.search(question)
    if asker and (entity is None or owned) and not default_entities().find(asker.group("words")) and not mentions(asker.group("words")):
        return CustomerMention(words=asker.group("words").strip(" «»\"'’"))
    if entity is not None:
        if entity.type is not None:
            return CustomerMention(kind=entity.type, facts=tuple(sorted(entity.facts.items())), private_law=entity.private_law)
        m = entity.pattern.search(question)
        return CustomerMention(words=m.group(0).strip(), not_types=entity.not_types, not_because=entity.not_because)
    for rx in (_FR_SUBJECT, _EN_SUBJECT, _INTENT_SUBJECT):
        for m in rx.finditer(question):
            words = m.group("words").split("(")[0].strip(" «»\"'’")
            if _NOT_A_BODY.match(words) or mentions(words):
                continue
            return CustomerMention(words=words)
    return CustomerMention()


def ask_about_body(verdict: dict, mention: CustomerMention, lang: str) -> dict:
    """The verdict with its missing customer type asked about the body the question named
    ("De quelle catégorie relève « mutuelle » … ?") instead of the checker's general question, and
    without the checker's "customer type not given" caveat (it was given, and not understood)."""
    if not mention.not_understood:
        return verdict
    from assistant.checker import CUSTOMER_UNSAID
    # the body was named, not left unsaid: the answer's notice says which words were not understood
    caveats = [c for c in verdict.get("caveats") or [] if c not in CUSTOMER_UNSAID.values()]
    asked = [{**m, "question": mention.question(lang)} if m.get("name") == "customer" else m
             for m in verdict.get("missing_facts") or []]
    return {**verdict, "missing_facts": asked, "caveats": caveats, "customer_words": mention.words}
