"""`AnswerService`: the one answer pipeline every channel calls (CLI, web chat, Slack, Teams).

ask(): understand the question (language, date, eligibility query) -> retrieve passages ->
check the eligibility query with the rule checker -> compose (extractive, or the optional
LLM with extractive fallback) -> gate every eligibility claim of the draft -> locate every
quote in its document -> render. Also exposes the checker (`check`, `audit`) and the corpus
(`documents`, `document`) so that channels need nothing else.

It never lets a quote through that is not `document.text[start:end]`, and never lets a
verdict come from anything but the checker.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
import time

from assistant import config
from assistant.answer import render
from assistant.answer.compose import choose, default_model, leads_into
from assistant.answer.sentences import whole_unit
from assistant.answer.customer import ask_about_body, customer_named
from assistant.answer.dates import find_date, source_in, unresolved_date
from assistant.answer.period_verdicts import since_when, span_asked, verdicts_over
from assistant.answer.points import unit_section
from assistant.answer.rule_passages import explaining_items
from assistant.answer.quote_order import beside_best, existing_first
from assistant.answer.gate import gate_text
from assistant.language import detect_language
from assistant.answer.model import Answer, Notice
from assistant.answer.question import understand
from assistant.answer.relevance import bears_on
from assistant.answer.obligations import asks_when, asks_yes_no
from assistant.answer.prohibition import asks_if_forbidden
from assistant.answer.claim_asked import claim_stated, fact_claim_word, scope_claim_word
from assistant.answer.registry_view import answer_word, asks_for_facts, asks_only_a_fact, describe, mentions_qualified_hosts, snapshot, states_qualified_hosts
from assistant.answer.scope import in_domain, lists_behind_registry, missing_texts
from assistant.answer.scope_rules import ScopeAnswer, scope_answer
from assistant.answer.definitions import asks_meaning
from assistant.answer.verdicts import verdicts_for
from assistant.domain import Citation, Passage
from assistant.answer.text_versions import version_note
from assistant.answer import text_claims, text_statements
from assistant.answer.text_names import named_texts
from assistant.wording import is_later_text_note, later_text_note

MAX_QUESTION_CHARS = 4000
MAX_QUOTES = 4
LLM_PASSAGES = 6  # retrieved passages numbered for the optional LLM
READ_PASSAGES = 6  # retrieved passages whose sentences the composer scores (eval/fit_quotes.py --passages)
STALE_DAYS = 180
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# Kinds whose text speaks as of the document's own date (compilations such as `facts` mix dates).
DATED_KINDS = ("press_article", "note")


@dataclasses.dataclass
class StatementScope(ScopeAnswer):
    """A ScopeAnswer read from the decisive sentence of a text (text_statements.py), with that
    sentence's cosine to the question and its kind."""
    score: float = 0.0
    kind: str = ""


def clean_question(text: str) -> tuple[str, bool]:
    """Drop control and bidi characters, fold blank space, cap the length."""
    text = _CONTROL.sub(" ", str(text or ""))
    text = re.sub(r"\s+", " ", text).strip()
    truncated = len(text) > MAX_QUESTION_CHARS
    return text[:MAX_QUESTION_CHARS], truncated


class AnswerService:
    # Whether a yes/no question nothing else answered is read against the decisive sentence of the
    # texts (text_statements.py, round 20); off only to measure what that reader changes.
    read_statements = True

    def __init__(self, settings: config.Settings | None = None, *, retriever=None, chat_model=None):
        self.settings = settings or config.settings()
        self._retriever = retriever
        self._chat_model = chat_model
        self._lock = threading.Lock()

    # -- the parts, loaded once -------------------------------------------------------
    @property
    def retriever(self):
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    from assistant.retrieval import Retriever
                    self._retriever = Retriever.open(self.settings)
        return self._retriever

    @property
    def chat_model(self):
        if self._chat_model is None and self.settings.llm:
            from assistant.answer.llm import make_chat_model
            self._chat_model = make_chat_model(self.settings)
        return self._chat_model

    def documents(self):
        return self.retriever.documents()

    def document(self, doc_id: str):
        return self.retriever.document(doc_id)

    def check(self, provider=None, offer=None, data=(), customer=None, as_of=None, facts=None, derogation=False):
        from assistant.checker import check
        return check(provider=provider, offer=offer, data=list(data), customer=customer,
                     as_of=as_of or self.settings.today(), facts=facts, derogation=derogation)

    def audit(self, text: str, as_of: dt.date | None = None) -> dict:
        from assistant.checker import audit
        return audit(text, as_of or self.settings.today())

    # -- ask --------------------------------------------------------------------------
    def ask(self, question: str, as_of: dt.date | str | None = None) -> Answer:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        question, truncated = clean_question(question)
        lang = detect_language(question) if question else "fr"
        today = self.settings.today()
        notices: list[Notice] = []
        if truncated:
            notices.append(Notice("assumption", {"fr": f"Question tronquée à {MAX_QUESTION_CHARS} caractères.",
                                                 "en": f"Question cut to {MAX_QUESTION_CHARS} characters."}[lang]))
        if isinstance(as_of, str):
            as_of = dt.date.fromisoformat(as_of)
        asked_back: list[str] = []
        date_words = span = None
        if as_of is None and question:
            mention = find_date(question, today)
            # a date the question gives as a day is the "as of" itself: no "(date lue dans …)", no note
            if mention and mention.precision not in ("today", "unread", "day"):
                date_words = mention.text
            if mention:
                as_of = mention.date
                notices.extend(Notice("assumption", text) for text in _date_notes(mention, lang, today))
            vague = unresolved_date(question, mention)
            span = span_asked(mention, vague, today)
            if vague:
                why = _UNREAD_WHY.get(mention.reading or "", {}).get(lang, "") if mention and mention.precision == "unread" else ""
                notices.append(Notice("not_understood", {
                    "fr": f"« {vague} » : date non comprise{why} ; la réponse est donnée au {render.fmt_date((as_of or today).isoformat(), 'fr')}.",
                    "en": f"\"{vague}\": date not understood{why}; the answer is given as of {(as_of or today).isoformat()}."}[lang]))
                asked_back.append({"fr": f"À quelle date précise pensez-vous (« {vague} ») ?",
                                   "en": f"Which date do you mean (\"{vague}\")?"}[lang])
        as_of = as_of or today
        if not question or not re.search(r"\w", question):
            return self._abstain(question, as_of, lang, notices, timings, started, empty=True)

        t = time.perf_counter()
        passages = self.retriever.retrieve(question, k=max(8, READ_PASSAGES))
        timings["retrieve"] = (time.perf_counter() - t) * 1000

        missing = missing_texts(question)
        understanding = understand(question, as_of, lang)
        notices.extend(Notice("assumption", a) for a in understanding.assumptions)

        t = time.perf_counter()
        # "X est-il qualifié SecNumCloud ?" names no data and no customer: the registry answers it, not a verdict
        fact_only = understanding.data_unknown and understanding.customer.kind is None and asks_only_a_fact(question)
        verdicts = []
        # a duty asked of a named provider ("Le support de Scaleway peut-il accéder … depuis le Maroc ?"): its answer, no verdict
        duty, duty_missing = self._provider_duty(question, as_of, lang) if understanding.queries and not fact_only else (None, [])
        missing = missing + [m for m in duty_missing if m not in missing]
        wants_verdicts = bool(understanding.queries) and not fact_only and duty is None
        if wants_verdicts and span is not None:  # a span of days: the verdict over all of it
            verdicts, same = verdicts_over(understanding, *span, lang, verdicts_for)
            notices.extend([Notice("assumption", same)] if same else [])
        elif wants_verdicts and asks_when(question):  # since when: the day the verdict began
            verdicts = since_when(understanding, as_of, lang, verdicts_for)
        elif wants_verdicts:
            verdicts = verdicts_for(understanding, lang)
        verdicts = [ask_about_body(v, understanding.customer, lang) for v in verdicts]
        verdict = verdicts[0] if verdicts else None
        scope = duty
        if understanding.scope is not None and duty is None:
            scope = scope_answer(understanding.scope["customer"], understanding.scope["asks"], as_of, lang,
                                 words=understanding.scope.get("words"), sensitivity=understanding.scope.get("sensitivity"),
                                 facts=understanding.scope.get("facts"), kinds=understanding.scope.get("kinds") or (),
                                 subject=understanding.scope.get("subject"), dated=asks_when(question),
                                 private_law=bool(understanding.scope.get("private_law")))
        # round 22: a yes/no question or a quoted claim on what a text states (its scope, a requirement, a
        # GDPR article's rule, its date): the text's own statement answers (text_claims.py), before the readers
        # of duties and obligations; no statement matched: those readers as before
        stated = None
        if not verdicts and duty is None and understanding.provider_named is None and self.read_statements:
            stated = self._text_claim(question, lang, dated=as_of != today)
            if stated is not None:
                scope = stated
        defined = None
        if not verdicts and scope is None and understanding.provider_named is None:
            defined = self._definition(question, lang)  # what a defined term covers (definitions.yaml)
            if defined is not None and (defined.key is not None or asks_meaning(question)):
                scope = defined
            else:
                defined = None
        if not verdicts and defined is None and stated is None and understanding.provider_named is None:  # an obligation (obligations.yaml)
            named = understanding.customer if understanding.customer.kind or understanding.customer.not_types else customer_named(question)
            said, more = self._obligation(question, as_of, lang, (understanding.scope or {}).get("asks"),
                                          named.kind, named.not_types)
            if said is not None:
                scope = said
                missing = missing + [m for m in more if m not in missing]
                if said.key in (None, "yes") and self.read_statements:
                    # an entry matched by its wording affirms (or leaves open) what a text close to the
                    # question denies ("n'est pas requis", "sans perdre"): the text's words answer
                    read = self._text_statement(question, as_of, lang)
                    if (read is not None and read.key == "no" and read.score >= text_statements.OVERRIDE
                            and (said.key is None or (read.kind in text_statements.CONTRADICTS_YES
                                                      and read.score >= self._closest_basis(question, said.bases) + text_statements.DISTINCT))):
                        # a "yes" gives way only to a text saying it is not required, clearly closer to the
                        # question than the obligation's own passages
                        scope = read
                    elif (said.key == "yes" and text_statements.asks_every_case(question)
                          and not any(text_statements.says_every_case(b.quote) for b in said.bases)):
                        # "is it always / systematically / automatically …?": one entry's duty does not
                        # say it holds in every case; the closest text, or the entry, without a word
                        scope = read if read is not None else dataclasses.replace(
                            said, key=None, why=render.t("unsettled", lang) + said.why)
            elif scope is None:  # no data entry: the modal sentence of a text (text_duties.py)
                scope = self._text_duty(question, as_of, lang)
            # nothing else answered: the decisive sentence (text_statements.py); a request for a text the corpus
            # lacks, asked without a question ("Je veux le texte intégral de …"), opens with that notice instead
            if scope is None and self.read_statements and (not missing or "?" in question):
                scope = self._text_statement(question, as_of, lang)
        if scope is not None and scope.key is not None and not asks_yes_no(question):
            # a question asking when / which / who opens with its answer, never with Oui / Non
            scope = dataclasses.replace(scope, key=None)
        timings["check"] = (time.perf_counter() - t) * 1000

        if verdict is None and scope is None and not missing and not in_domain(
                question, passages[:5], similarity=lambda: self._similarity(question),
                signals=lambda: self._domain_signals(question)):
            return self._abstain(question, as_of, lang, notices, timings, started)

        facts = []
        if verdict is None and understanding.provider_named and asks_for_facts(question):
            facts = describe(understanding.provider_named[0], understanding.provider_named[1], as_of, lang,
                             question=question)
            if facts:  # registry facts stand in for the official lists the corpus lacks: say so
                missing = missing + [m for m in lists_behind_registry(question) if m not in missing]
        if verdict is None and mentions_qualified_hosts(question):
            notices.append(Notice("registry", snapshot(as_of, lang)))
        for m in missing:
            notices.append(Notice("missing_text", m.notice(lang)))
            instead = [p for p in passages if p.doc_id in m.instead]
            if not instead:
                instead = [p for p in self.retriever.retrieve(question, k=30) if p.doc_id in m.instead][:3]
            passages = instead + [p for p in passages if p not in instead]

        t = time.perf_counter()
        answer = self._compose(question, as_of, lang, passages, verdicts, understanding, missing, notices, facts,
                               scope=scope, asked_back=asked_back, date_words=date_words)
        timings["compose"] = (time.perf_counter() - t) * 1000 - answer.timings_ms.get("gate", 0.0)
        timings["check"] += answer.timings_ms.pop("gate", 0.0)
        answer.timings_ms = {**answer.timings_ms, **timings, "total": (time.perf_counter() - started) * 1000}
        return answer

    def _obligation(self, question: str, as_of: dt.date, lang: str, scope_asks: str | None, customer: str | None = None,
                    not_types: tuple = ()):
        """(ScopeAnswer or None, missing texts): the answer of the obligation the question asks
        about (`assistant/answer/obligations.py`), matched with the index's encoder. A scope
        answer (`scope_asks`) stands unless the obligation names it among those it refines (the
        short-term processing exception refines the HDS duty), and, when the question names a
        customer type, binds customers (`customers`): "Is our municipality obliged to use SecNumCloud
        offers for its most sensitive information systems?" asks about the municipality, not about
        a qualified provider's service agreement (SecNumCloud 19.1.k, read from "use" and
        "information"; round 15, blind15, spent)."""
        from assistant.answer.obligations import match

        found = match(question, self.retriever.query_vector)
        raw = found.obligation.raw if found is not None else {}
        if found is None or (scope_asks is not None and (scope_asks not in raw.get("overrides", ())
                                                         or (customer is not None and not raw.get("customers")))):
            return None, []
        return self._duty_answer(found.obligation, question, as_of, lang, customer, not_types)

    def _provider_duty(self, question: str, as_of: dt.date, lang: str):
        """(ScopeAnswer, missing texts) of an obligation that answers a question naming a provider
        (`obligations.answers_despite_provider`), or (None, []): the eligibility verdict stays.
        Every eligibility question passes here: nothing is encoded unless the concepts of an
        obligation with a `named_provider` entry hold in the question."""
        from assistant.answer.obligations import answers_despite_provider, match, obligations

        if not any(o.raw.get("named_provider") and o.concepts_hold(question) for o in obligations()):
            return None, []
        found = match(question, self.retriever.query_vector)
        if found is None or not answers_despite_provider(found.obligation, question):
            return None, []
        return self._duty_answer(found.obligation, question, as_of, lang)

    def _duty_answer(self, obligation, question: str, as_of: dt.date, lang: str, customer: str | None = None,
                     not_types: tuple = ()):
        """(ScopeAnswer, missing texts) of a matched obligation, or (None, []) when the question names
        a numbered part none of its passages lies in (`_names_another_part`)."""
        from assistant.answer.obligations import answer
        from assistant.answer.scope import missing_by_id
        from assistant.answer.scope_rules import ScopeAnswer

        said = answer(obligation, question, as_of, lang, customer, not_types)
        if self._names_another_part(question, as_of, said.bases):
            return None, []
        return ScopeAnswer(said.key, said.why, said.bases), missing_by_id(said.missing)

    def _names_another_part(self, question: str, as_of: dt.date, bases) -> bool:
        """Whether the question names a numbered part of a text (`named_articles`: "l'exigence 19.6.d
        de SecNumCloud", "article 28(3)(b)") in which none of an obligation's passages lies: the
        obligation is about another point, however close its wording (round 19)."""
        from assistant.answer.named_articles import named_parts

        documents = {d.doc_id: d for d in self.retriever.documents()}
        parts = named_parts(question, documents, as_of)
        if not parts:
            return False
        for b in bases:
            start = documents[b.doc_id].text.find(b.quote) if b.doc_id in documents else -1
            if start >= 0 and any(p.doc_id == b.doc_id and start < p.end and start + len(b.quote) > p.start for p in parts):
                return False
        return True

    def _definition(self, question: str, lang: str):
        """The ScopeAnswer of the definition of the term the question asks about
        (`assistant/answer/definitions.py`), or None (no defined term, not framed as a definition question)."""
        from assistant.answer import definitions

        def similar(texts):  # e5 cosines question / clauses: a definition asked in other words or language
            cosines = self._sentence_similarities(question, [("", -1, i) for i in range(len(texts))], texts)
            return None if cosines is None else [float(c) for c in cosines[:, 0]]

        said = definitions.answer(question, {d.doc_id: d for d in self.retriever.documents()}, lang, similar)
        return None if said is None else ScopeAnswer(said.key, said.why, said.bases)

    def _text_duty(self, question: str, as_of: dt.date, lang: str):
        """The ScopeAnswer of the modal sentence of a text closest to the question
        (`assistant/answer/text_duties.py`), or None (no sentence close enough, no sentence vectors)."""
        from assistant.answer import text_duties
        from assistant.answer.scope_rules import ScopeAnswer

        if not text_duties.question_actors(question):
            return None
        documents = {d.doc_id: d for d in self.retriever.documents()}
        candidates = self._modal_sentences(documents)
        if not candidates:
            return None
        cosines = self._cosines_of(question, candidates, documents)
        if cosines is None:
            return None
        said = text_duties.answer(question, candidates, cosines, as_of, lang, documents)
        # a sentence that gives no first word (a permission asked "must") leaves the question unsettled
        return ScopeAnswer(said.key, said.why, said.bases) if said is not None and said.key is not None else None

    def _text_claim(self, question: str, lang: str, dated: bool = False):
        """The ScopeAnswer of the curated statement of a text a yes/no question or a quoted claim asks about
        (`assistant/answer/text_claims.py`), or None."""
        documents = {d.doc_id: d for d in self.retriever.documents()}
        said = text_claims.answer(question, lang, documents, dated=dated)
        return None if said is None else ScopeAnswer(said.key, said.why, said.bases)

    def _text_statement(self, question: str, as_of: dt.date, lang: str):
        """The ScopeAnswer of the sentence of a text that states, denies or limits what a yes/no
        question asks (`assistant/answer/text_statements.py`), quoted first, with a first word only
        when that sentence settles it; None (no sentence close enough, no sentence vectors)."""
        if not text_statements.asks_yes_no(question):
            return None
        documents = {d.doc_id: d for d in self.retriever.documents()}
        candidates = getattr(self, "_statement_cache", None)
        if candidates is None:
            candidates = self._statement_cache = text_statements.statements(self._chunks(), documents)
        if not candidates:
            return None
        cosines = self._cosines_of(question, candidates, documents)
        if cosines is None:
            return None
        said = text_statements.answer(question, candidates, cosines, as_of, lang, documents)
        return None if said is None else StatementScope(said.key, said.why, said.bases, score=said.score, kind=said.statement.kind)

    def _cosines_of(self, question: str, candidates, documents: dict) -> list[float] | None:
        """The question's cosine with each located sentence (doc_id, start, end) of `candidates`: the
        higher of the sentence bare and in context (bare when the context has none); None without vectors."""
        rows = self._sentence_similarities(question, [(c.doc_id, c.start, c.end) for c in candidates],
                                           [documents[c.doc_id].text[c.start:c.end] for c in candidates])
        if rows is None:
            return None
        return [float(max(row[0], row[1])) if row[1] == row[1] else float(row[0]) for row in rows]

    def _closest_basis(self, question: str, bases) -> float:
        """The highest cosine between the question and the passages an answer rests on (-1 without vectors)."""
        documents = {d.doc_id: d for d in self.retriever.documents()}
        spans, texts = [], []
        for b in bases:
            start = documents[b.doc_id].text.find(b.quote) if b.doc_id in documents and b.quote else -1
            if start >= 0:
                spans.append((b.doc_id, start, start + len(b.quote)))
                texts.append(b.quote)
        cosines = self._sentence_similarities(question, spans, texts) if spans else None
        if cosines is None:
            return -1.0
        return max(float(max(row[0], row[1])) if row[1] == row[1] else float(row[0]) for row in cosines)

    def _modal_sentences(self, documents: dict):
        cached = getattr(self, "_modal_cache", None)
        if cached is None:
            from assistant.answer.text_duties import modal_sentences
            cached = self._modal_cache = modal_sentences(self._chunks(), documents)
        return cached

    def _similarity(self, question: str) -> float | None:
        """The retriever's best sentence cosine for the question (None when it has none)."""
        best = getattr(self.retriever, "best_sentence_similarity", None)
        return best(question) if best is not None else None

    def _sentence_similarities(self, question: str, spans, texts=None):
        """The index's cosines between the question and these sentences (None without sentence vectors)."""
        similarities = getattr(self.retriever, "sentence_similarities", None)
        return similarities(question, spans, texts) if similarities is not None else None

    def _domain_signals(self, question: str) -> dict | None:
        """The retriever's measures for the abstention model (None when it has none)."""
        signals = getattr(self.retriever, "domain_signals", None)
        return signals(question) if signals is not None else None

    def _abstain(self, question, as_of, lang, notices, timings, started, empty=False) -> Answer:
        text = ({"fr": "La question est vide : posez une question sur l'hébergement des données de santé ou la doctrine cloud de l'État.",
                 "en": "The question is empty: ask about health-data hosting or the State cloud doctrine."}[lang]
                if empty else render.t("abstain", lang))
        notices.append(Notice("abstention", text))
        body = f"{text}\n\n_{render.t('footer', lang, d=render.fmt_date(as_of.isoformat(), lang))}_"
        timings.setdefault("retrieve", 0.0)
        timings.setdefault("compose", 0.0)
        timings.setdefault("check", 0.0)
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(question=question, as_of=as_of.isoformat(), answer=body, short_answer=text, language=lang,
                      abstained=True, notices=notices, timings_ms=timings)

    # -- composing --------------------------------------------------------------------
    def _compose(self, question, as_of, lang, passages: list[Passage], verdicts, understanding, missing, notices,
                 facts=(), scope=None, asked_back=(), date_words=None) -> Answer:
        citations: list[Citation] = []
        fact_lines = [line.text + self._cite(citations, line.doc_id, line.quote, "") for line in facts]
        basis_marks = [self._basis_citations(v, citations, as_of) for v in verdicts]
        scope_marks = []
        if scope is not None:
            for b in scope.bases:
                mark = self._cite(citations, b.doc_id, b.quote, b.section)
                if mark:
                    scope_marks.append(int(mark.strip(" []")))
        if not verdicts and scope is None:
            for b in _named_rule_bases(question):
                self._cite(citations, b.doc_id, b.quote, b.section)
        if not verdicts:  # an article, recital or requirement the question names: its own words
            self._cite_named_parts(question, as_of, citations)
        # why the data are of the kind the verdict read (health data from words of care, art. 4(1)
        # identifiers...): its passage right after the first passage the verdict rests on
        data_ns = {int(m.strip(" []")) for b in (understanding.data_basis if verdicts else ())
                   if (m := self._cite(citations, b.doc_id, b.quote, b.section))}
        weak = _supporting_only(verdicts, basis_marks) - data_ns
        decisive = [c for c in citations if c.n not in weak]
        decisive = decisive[:1] + [c for c in decisive if c.n in data_ns] + [c for c in decisive[1:] if c.n not in data_ns]
        supporting = [c for c in citations if c.n in weak]
        if isinstance(scope, StatementScope) and scope.key is None:
            # the closest sentence of a question the texts do not settle (text_statements.py) decides
            # nothing: the composer's best passages are shown first, it is shown when room is left and
            # otherwise listed as a source (the first line quotes it anyway). Before round 21 it took the
            # first of the four places and pushed the passage that answered out (blind15 b15-ans-60).
            closest = set(scope_marks)
            supporting += [c for c in decisive if c.n in closest]
            decisive = [c for c in decisive if c.n not in closest]
        numbered = passages[:LLM_PASSAGES]
        read = passages[:READ_PASSAGES]
        candidates, deciding = read, None
        if not verdicts:  # the passages the rules rest on compete with the retrieved ones
            candidates = read + self._basis_chunks(read)
            # only the passages this answer rests on (a scope rule's or an obligation's bases, a
            # rule the question names) are preferred; another rule's passage decides nothing here
            deciding = _spans_of(citations) or None
        elif _deciding_rules(verdicts):  # an eligibility answer: the passages its deciding rules rest on,
            # and those of the notes and definitions that say what its case is (`explaining_items`)
            ids = _deciding_rules(verdicts) | explaining_items(verdicts, as_of)
            candidates = read + self._basis_chunks(read, ids)
            deciding = self._basis_spans(ids)
        # an answer that already quotes what it rests on (rule bases, registry facts) adds only quotes
        # that earn their place; otherwise its best quote stays whatever its score
        # a text the question names ("le référentiel HDS version 2"): its name selects its sentences, its
        # words do not score them (text_names.py)
        evidence = choose(question, candidates, max_quotes=2 * MAX_QUOTES, deciding=deciding,
                          similarity=lambda spans, texts: self._sentence_similarities(question, spans, texts),
                          keep=0 if citations else 1, named=named_texts(question))
        if verdicts or scope is not None:
            # a quote beside the rules' passages bears on the answer by the quote model's fitted
            # relevance floor, or by naming a provider; a scope answer also quotes its best passage
            providers = {v.get("provider") for v in verdicts} - {None}
            model = default_model()
            floor = model.min_relevance if model is not None else None
            # a sentence a registry fact rests on names its provider by nature: it bears on the answer
            # when the verdict used that fact, not for naming a provider (round 10: a press passage on
            # Bleu was quoted in Azure answers for naming Microsoft)
            sources, used = self._fact_sources(), _used_fact_quotes(verdicts)
            unused = [_states_a_fact(w, sources) and not _states_used_fact(w, sources, used)
                      for w in (self._whole(e.sentence) for e in evidence)]
            evidence = [e for i, (e, idle) in enumerate(zip(evidence, unused))
                        if not (verdicts and idle)  # an eligibility answer quotes a fact's source when it used the fact
                        and ((scope is not None and i == 0) or _rests_a_rule(e.sentence, deciding)
                             or bears_on(e.score, e.sentence.text, set() if idle else providers,
                                         floor if e.by_model else None))]
        if verdicts:  # the passages the verdict's deciding rules rest on first, beside the best other one
            rests = [e for e in evidence if _rests_a_rule(e.sentence, deciding)]
            others = [e for e in evidence if not _rests_a_rule(e.sentence, deciding)]
            evidence = rests[:1] + beside_best(rests[1:2], others[:1]) + rests[2:] + others[1:]
        draft = self._llm_draft(question, numbered, lang, notices)
        t = time.perf_counter()
        if draft is not None:
            quotes, claims, body_text = self._llm_quotes(draft, numbered, evidence, as_of, lang, len(citations))
        else:
            quotes, claims = self._extractive_quotes(evidence, as_of, lang, notices, len(citations), verdicts)
            body_text = None
        gate_ms = (time.perf_counter() - t) * 1000
        if verdicts or scope is not None:  # texts that existed at the question's date first, among those shown
            room = max(1, MAX_QUOTES - len(decisive))
            quotes = existing_first(quotes, room, as_of.isoformat())
        citations, shown, renumber = _one_per_section(decisive, quotes + supporting, fact_lines, self._text_of,
                                                       retrieved=quotes, key_of=self._section_key, listed=supporting)
        citations, shown = self._mark_later_texts(citations, shown, as_of, lang)
        citations, shown = self._mark_ended_versions(citations, shown, as_of, lang)
        if body_text:
            body_text = _renumber(body_text, renumber)
        fact_lines = [_renumber(x, renumber) for x in fact_lines]
        basis_marks = [{rid: renumber[n] for rid, n in marks.items() if n in renumber} for marks in basis_marks]
        scope_marks = list(dict.fromkeys(renumber[n] for n in scope_marks if n in renumber))
        notices = _about_this_answer(notices, verdicts, scope)
        if scope is not None:  # a claim about the duty asked about ("Mon DSI dit qu'une mairie n'est pas obligée …")
            scope = dataclasses.replace(scope, key=scope_claim_word(scope.key, question))
        short, text = render.answer_markdown(lang, as_of, verdicts=verdicts, basis_marks=basis_marks, scope=scope,
                                             scope_marks=scope_marks, missing=missing, fact_lines=fact_lines,
                                             body_text=body_text, quotes=shown, notices=notices, citations=citations,
                                             asked_back=asked_back, date_words=date_words,
                                             fact_word=fact_claim_word(answer_word(facts, question), question) if facts else None,
                                             unsettled=asks_yes_no(question), forbidden=asks_if_forbidden(question),
                                             claim=claim_stated(question, verdicts[0].get("provider")) if len(verdicts) == 1 else None)
        answer = Answer(question=question, as_of=as_of.isoformat(), answer=text, short_answer=short, language=lang,
                        abstained=False, citations=citations, claims=claims, verdict=verdicts[0] if verdicts else None,
                        notices=notices, understood=understanding.to_json(),
                        answerer="llm" if draft is not None else "extractive", timings_ms={"gate": gate_ms})
        answer.verdicts = list(verdicts)
        return answer

    def _cite(self, citations: list[Citation], doc_id: str | None, quote: str | None, section: str,
              since: dt.date | None = None) -> str:
        """Add the citation of a located quote (once) and return its marker, or "" when it is not found.
        `since`: the day the passage itself speaks from (a rule's `also` passage dated apart from its
        compilation), which the citation carries instead of its document's date."""
        if not doc_id or not quote:
            return ""
        c = self._locate(doc_id, quote, section, len(citations) + 1)
        if c is None:
            return ""
        if since is not None:
            c = dataclasses.replace(c, date=since.isoformat())
        same = next((x for x in citations if (x.doc_id, x.start, x.end) == (c.doc_id, c.start, c.end)), None)
        if same is None:
            citations.append(c)
        return f" [{(same or c).n}]"

    def _cite_named_parts(self, question: str, as_of: dt.date, citations: list[Citation]) -> None:
        """Cite the sentence of each numbered part the question names (named_articles.yaml) closest to
        the question, unless a citation already quotes that part (an obligation's basis in it)."""
        from assistant.answer.named_articles import best_sentence, named_parts

        documents = {d.doc_id: d for d in self.retriever.documents()}
        for part in named_parts(question, documents, as_of):
            if any(c.doc_id == part.doc_id and part.start <= c.start < part.end for c in citations):
                continue
            unit = best_sentence(part, self._chunks(), question,
                                 lambda spans, texts: self._sentence_similarities(question, spans, texts))
            if unit is None:
                continue
            c = self._located(part.doc_id, unit.start, unit.end, "", len(citations) + 1)
            if all((x.doc_id, x.start, x.end) != (c.doc_id, c.start, c.end) for x in citations):
                citations.append(c)

    def _basis_citations(self, verdict: dict | None, citations: list[Citation], as_of: dt.date | None = None) -> dict[str, int]:
        """Cite the passage each applicable rule rests on; rule id -> citation number."""
        marks: dict[str, int] = {}
        if (verdict or {}).get("verdict") == "undetermined":  # what the missing fact means, before the rules waiting on it
            self._cite_decisive_bases(verdict, citations, marks, as_of)
        for rule in (verdict or {}).get("rules", []):
            basis = rule.get("basis") or {}
            if rule.get("status") == "not_applicable" or not basis.get("quote"):
                continue
            mark = self._cite(citations, basis["doc_id"], basis["quote"], basis.get("section", ""))
            if mark:
                marks[rule["id"]] = int(mark.strip(" []"))
        self._cite_decisive_bases(verdict, citations, marks, as_of)
        self._cite_other_sources(verdict, citations, as_of)
        self._cite_caveat_notes(verdict, citations, marks, as_of)
        return marks

    def _cite_caveat_notes(self, verdict: dict | None, citations: list[Citation], marks: dict, as_of: dt.date | None = None) -> None:
        """A reserve the checker adds from one of its notes ("Depuis le 16 novembre 2024, selon la presse, les
        nouvelles certifications HDS … exigent un hébergement physique dans l'EEE") cites that note's passage
        and its first `also` passage from another document that existed at `as_of` (the referential's own
        requirement beside the press quotation that dates it): marks under `("caveat", text, i)`, read by
        the renderer to put `[n]` after the reserve. Reserves not from a note (a registry fact stated by
        its vendor, a missing customer type) cite nothing here."""
        from assistant.answer.scope_rules import rule_items
        caveats = (verdict or {}).get("caveats") or []
        if not caveats:
            return
        day = as_of.isoformat() if as_of else None
        by_text = {text: item for item in rule_items().values()
                   for text in (getattr(item, "caveat", None) or {}).values()}
        for text in caveats:
            note = by_text.get(text)
            if note is None:
                continue
            other = next((b for b in note.also if b.doc_id != note.basis.doc_id
                          and self._existed(b.doc_id, day, b.since)), None)
            found = [self._cite(citations, note.basis.doc_id, note.basis.quote, note.basis.section or "")]
            if other is not None:
                found.append(self._cite(citations, other.doc_id, other.quote, other.section or "", other.since))
            for i, mark in enumerate(m for m in found if m):
                marks[("caveat", text, i)] = int(mark.strip(" []"))

    def _cite_other_sources(self, verdict: dict | None, citations: list[Citation], as_of: dt.date | None = None) -> None:
        """For each rule the verdict turns on (violated or undecided), its first `also` passage from
        another document than its basis, after the bases: the text that carries the rule today
        beside the one it was first read from (the note on decree 2026-272 beside SREN art. 31's
        press quotation; L.1111-8 II beside the ANS FAQ). When the verdict turns on no such rule (an
        eligible verdict), its satisfied rules cite only the `also` passages the data mark
        `with_every_verdict` (circular 6519/SG of 2026 restating R9), so that an eligible answer does
        not list older sources it never quotes; so do the satisfied rules beside the ones a verdict
        turns on (the note on decree 2026-272 in a refusal that rests on R9). One per rule; none from a text dated after the
        answer's date `as_of` (by the passage's own `since` day when the data give one): a span
        answer's rule in force only at its end would otherwise cite a quote marked later than the
        question."""
        from assistant.answer.scope_rules import rule_items
        items = rule_items()
        ids, satisfied_only = _turned_on(verdict)
        beside = [] if satisfied_only or not ids else [r["id"] for r in (verdict or {}).get("rules") or []
                                                        if r.get("status") == "satisfied"]
        day = as_of.isoformat() if as_of else None
        for rule_id, every_only in [(i, satisfied_only) for i in ids] + [(i, True) for i in beside]:
            item = items.get(rule_id)
            if item is None:
                continue
            other = next((b for b in getattr(item, "also", ())
                          if b.doc_id != item.basis.doc_id and self._existed(b.doc_id, day, b.since)
                          and (not every_only or b.with_every_verdict)), None)
            if other is not None:
                self._cite(citations, other.doc_id, other.quote, other.section or "", other.since)

    def _date_of(self, doc_id: str, since: dt.date | None = None) -> str | None:
        """The ISO day a passage speaks from: its `since` when the data give one, else its document's date."""
        if since is not None:
            return since.isoformat()
        try:
            return self.retriever.document(doc_id).date or None
        except KeyError:
            return None

    def _existed(self, doc_id: str, as_of: str | None, since: dt.date | None = None) -> bool:
        """Whether document `doc_id` (or its passage dated `since`) is dated on or before `as_of` (an
        ISO day; True without one)."""
        try:
            self.retriever.document(doc_id)
        except KeyError:
            return False
        date = self._date_of(doc_id, since)
        return not (as_of and date and date > str(as_of)[:10])

    def _cite_decisive_bases(self, verdict: dict | None, citations: list[Citation], marks: dict[str, int],
                             as_of: dt.date | None = None) -> None:
        """Cite the passages of the verdict's `decisive_bases` (a definition the verdict turns on), once:
        its basis, then its first `also` passage from another document that existed at `as_of` (the
        text that set the criteria beside its official restatement: circular 6404/SG as the press
        quotes it beside the DINUM FAQ's "Deux conditions…")."""
        from assistant.answer.scope_rules import rule_items
        items = rule_items()
        day = as_of.isoformat() if as_of else None
        for did in (verdict or {}).get("decisive_bases") or []:
            if did in marks:
                continue
            item = items[did]
            mark = self._cite(citations, item.basis.doc_id, item.basis.quote, item.basis.section or "")
            if mark:
                marks[did] = int(mark.strip(" []"))
            other = next((b for b in getattr(item, "also", ())
                          if b.doc_id != item.basis.doc_id and self._existed(b.doc_id, day, b.since)), None)
            if other is not None:
                self._cite(citations, other.doc_id, other.quote, other.section or "", other.since)

    def _llm_draft(self, question: str, numbered: list[Passage], lang: str, notices: list[Notice]):
        """The LLM's draft when one is configured and answers in time, else None (with a notice)."""
        model = self.chat_model if self.settings.llm or self._chat_model is not None else None
        if model is None:
            return None
        from assistant.answer.llm import LLMFailure, generate
        try:
            draft = generate(model, question, numbered, lang, self.settings.llm_timeout)
        except LLMFailure as exc:
            notices.append(Notice("llm_fallback", {
                "fr": f"Le modèle de langage n'a pas répondu ({exc}) : réponse extractive à la place.",
                "en": f"The language model failed ({exc}): extractive answer instead."}[lang]))
            return None
        if draft.dropped:
            dropped = ", ".join(map(str, draft.dropped))
            notices.append(Notice("llm_markers", {"fr": f"Marqueurs de citation invalides retirés : {dropped}.",
                                                  "en": f"Invalid citation markers removed: {dropped}."}[lang]))
        return draft

    def _llm_quotes(self, draft, numbered, evidence, as_of, lang, offset: int):
        """(quotes, claims, gated text renumbered): each passage the LLM cites is quoted by its best sentence."""
        from assistant.answer.sentences import sentences as split
        quotes: list[Citation] = []
        marker_map: dict[int, int] = {}
        for n in draft.used:
            p = numbered[n - 1]
            best = next((e.sentence for e in evidence if e.passage.chunk_id == p.chunk_id), None)
            sentence = best or next(iter(split(p)), None)
            if sentence is None:
                continue
            c = self._citation(sentence.passage, sentence.text, sentence.start, sentence.end, offset + len(quotes) + 1)
            quotes.append(c)
            marker_map[n] = c.n
        gated = gate_text(draft.text, as_of, lang, source_date=None)
        return quotes, list(gated.claims), _renumber(gated.text, marker_map)

    def _extractive_quotes(self, evidence, as_of, lang, notices: list[Notice], offset: int, verdicts=()):
        """(quotes, claims): the chosen sentences that pass the claim gate, with their dated notes. A
        claim the gate cannot decide alone is shown when it states this answer's own verdict for its
        provider (the checker decided it with the question's facts)."""
        quotes: list[Citation] = []
        claims = []
        snapshot_given = any(n.kind == "registry" for n in notices)
        decided = {(v.get("provider"), v.get("verdict")) for v in verdicts or ()}
        for ev in evidence:
            s = self._whole(ev.sentence)
            gated = gate_text(s.text, as_of, lang, source_date=s.passage.date or None, quote=True,
                              official=s.passage.confidence == "official")
            if gated.withheld and all((c.provider, c.stated) in decided for c in gated.claims if c.action == "withheld"):
                gated = dataclasses.replace(gated, withheld=False, claims=[
                    dataclasses.replace(c, action="shown", verdict=c.stated) if c.action == "withheld" else c
                    for c in gated.claims])
            claims.extend(gated.claims)
            if gated.withheld:
                notices.append(Notice("withheld_claim", gated.withheld_notice))
                continue
            note = gated.note
            if note is None:
                note, with_snapshot = self._dated_note(s.passage, s.text, as_of, lang, snapshot_given)
                snapshot_given = snapshot_given or with_snapshot
            quotes.append(self._citation(s.passage, s.text, s.start, s.end, offset + len(quotes) + 1, note=note))
        return quotes, claims

    def _whole(self, s):
        """The sentence with the rest of the quotation it opens and the items its lead-in announces
        (`whole_unit`), so that the quote and the claim gate read the whole statement."""
        text = self._text_of(s.passage.doc_id)
        start, end = whole_unit(text, s.start, s.end)
        return s if (start, end) == (s.start, s.end) else dataclasses.replace(s, text=text[start:end], start=start, end=end)

    def _mark_later_texts(self, citations: list[Citation], shown: list[Citation], as_of: dt.date,
                          lang: str) -> tuple[list[Citation], list[Citation]]:
        """Every citation of a text dated after `as_of` (a rule's basis as much as a retrieved quote)
        carries the later-text note; compilations of dated facts (kind `facts`) are not one text."""
        marked = {}
        for c in citations:
            if not c.date or is_later_text_note(c.note) or c.date <= as_of.isoformat():
                continue
            if self.retriever.document(c.doc_id).kind == "facts":
                continue
            note = later_text_note(c.date, as_of.isoformat(), lang)
            marked[c.n] = dataclasses.replace(c, note=f"{note} {c.note}" if c.note else note)
        return [marked.get(c.n, c) for c in citations], [marked.get(c.n, c) for c in shown]

    def _mark_ended_versions(self, citations: list[Citation], shown: list[Citation], as_of: dt.date,
                             lang: str) -> tuple[list[Citation], list[Citation]]:
        """Every citation of a text version that ended by `as_of` (CSP L.1111-8 in its 2018-2024
        version in a 2026 answer) carries what became of its words (`text_versions.version_note`)."""
        marked = {}
        for c in citations:
            doc = self.retriever.document(c.doc_id)
            note = version_note(doc, c.start, c.end, as_of, lang) if doc is not None else None
            if note and note not in (c.note or ""):
                marked[c.n] = dataclasses.replace(c, note=f"{c.note} {note}" if c.note else note)
        return [marked.get(c.n, c) for c in citations], [marked.get(c.n, c) for c in shown]

    def _chunks(self) -> list[Passage]:
        """Every chunk of the index (empty for a retriever that does not expose them)."""
        return list(getattr(self.retriever, "passages", None) or [])

    def _basis_chunks(self, retrieved: list[Passage], ids: frozenset[str] | None = None) -> list[Passage]:
        """The chunks holding the passages the rules rest on (of any date: a quote of a text later or
        earlier than the answer's date carries its note; of the rules `ids` when given), not already
        retrieved: quote candidates beside the retrieved passages (the composer scores them against
        the question)."""
        from assistant.answer.rule_passages import basis_passages

        chunks = self._chunks()
        if not chunks:
            return []
        texts = {d.doc_id: d.text for d in self.retriever.documents()}
        have = {p.chunk_id for p in retrieved}
        return [p for p in basis_passages(chunks, texts, ids=ids) if p.chunk_id not in have]

    def _fact_sources(self) -> dict[str, list[tuple[int, int, str]]]:
        """doc_id -> (start, end, quote) of every corpus passage a registry fact rests on."""
        if getattr(self, "_fact_source_spans", None) is None:
            from assistant.checker import default_registry

            texts = {d.doc_id: d.text for d in self.retriever.documents()}
            spans: dict[str, list[tuple[int, int, str]]] = {}
            for provider in default_registry().providers:
                for fact in [*provider.facts, *(f for o in provider.offers for f in o.facts)]:
                    for src in (fact.source, *fact.also):
                        start = texts.get(src.doc_id, "").find(src.quote) if src.doc_id and src.quote else -1
                        if start >= 0:
                            spans.setdefault(src.doc_id, []).append((start, start + len(src.quote), src.quote))
            self._fact_source_spans = spans
        return self._fact_source_spans

    def _basis_spans(self, ids: frozenset[str] | None = None) -> dict[str, list[tuple[int, int]]]:
        from assistant.answer.rule_passages import basis_spans
        return basis_spans({d.doc_id: d.text for d in self.retriever.documents()}, ids=ids)

    def _section_at(self, doc_id: str, start: int, end: int, label: str) -> str:
        """The index's section for a located quote when it refines the rule's label ("Périmètre" ->
        "Périmètre > Les collectivités…"), so that one document section is one citation; else `label`."""
        from assistant.answer.rule_passages import chunk_holding

        chunk = chunk_holding(self._chunks(), doc_id, start, end)
        if chunk is not None and not label:  # a passage given without its section (obligations.yaml)
            return chunk.section
        if chunk is None or not label or chunk.section == label:
            return label
        return chunk.section if chunk.section.startswith(label + " >") else label

    def _section_key(self, c: Citation) -> tuple[str, str]:
        """(doc_id, section) of a citation by the index's own sections, refined by its numbered point:
        one key for a rule's curated label ("L.1111-8 II (version …)") and the index's label of the
        same section ("Article L1111-8 > II"); the label when no chunk holds the quote."""
        from assistant.answer.rule_passages import chunk_holding

        chunk = chunk_holding(self._chunks(), c.doc_id, c.start, c.end)
        if chunk is None or not chunk.section:
            return _label_key(c)
        return (c.doc_id, unit_section(self._text_of(c.doc_id), c.start, chunk.section))

    def _text_of(self, doc_id: str) -> str:
        return self.retriever.document(doc_id).text

    def _locate(self, doc_id: str, quote: str, section: str, n: int) -> Citation | None:
        try:
            doc = self.retriever.document(doc_id)
        except KeyError:
            return None
        start = doc.text.find(quote)
        if start < 0:
            return None
        return self._located(doc_id, start, start + len(quote), section, n)

    def _located(self, doc_id: str, start: int, end: int, section: str, n: int) -> Citation:
        """The citation of `doc.text[start:end]` widened to its whole sentence (`whole_unit`)."""
        doc = self.retriever.document(doc_id)
        start, end = whole_unit(doc.text, start, end)  # the sentence, not a cut of it
        quote = doc.text[start:end]
        section = unit_section(doc.text, start, self._section_at(doc.doc_id, start, end, section))
        return Citation(n=n, doc_id=doc.doc_id, title=doc.title, section=section, quote=quote, start=start,
                        end=start + len(quote), url=doc.url, date=doc.date, completeness=doc.completeness, confidence=doc.confidence)

    def _citation(self, passage: Passage, quote: str, start: int, end: int, n: int, note: str | None = None) -> Citation:
        doc = self.retriever.document(passage.doc_id)
        if doc.text[start:end] != quote:  # the invariant every channel relies on
            raise AssertionError(f"quote not at its offsets in {passage.doc_id}")
        return Citation(n=n, doc_id=doc.doc_id, title=doc.title, section=unit_section(doc.text, start, passage.section), quote=quote,
                        start=start, end=end, url=doc.url, date=doc.date, completeness=doc.completeness, confidence=doc.confidence, note=note)

    def _dated_note(self, passage: Passage, quote: str, as_of: dt.date, lang: str,
                    snapshot_given: bool) -> tuple[str | None, bool]:
        """(note for a dated passage or None, whether the note carries the registry snapshot)."""
        if not passage.date:
            return None, False
        written = dt.date.fromisoformat(passage.date)
        if written > as_of and passage.kind != "facts":
            return later_text_note(passage.date, as_of.isoformat(), lang), False
        if passage.kind not in DATED_KINDS:
            return None, False
        if (as_of - written).days < STALE_DAYS:
            return None, False
        note = {"fr": f"Passage daté du {render.fmt_date(passage.date, 'fr')} : il décrit la situation à cette date ; "
                      f"réponse établie au {render.fmt_date(as_of.isoformat(), 'fr')}.",
                "en": f"Passage dated {passage.date}: it describes the situation on that date; this answer is as of {as_of.isoformat()}."}[lang]
        if states_qualified_hosts(quote) and not snapshot_given:
            return note + " " + snapshot(as_of, lang), True
        return note, False


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d{1,3})\]", lambda m: f"[{mapping[int(m.group(1))]}]" if int(m.group(1)) in mapping else "", text)


# Why a date the question names was not read (`DateMention.reading` of an "unread" mention).
_UNREAD_WHY = {"journal_officiel": {"fr": " (aucune source du corpus ne donne sa date de parution au Journal officiel)",
                                    "en": " (no source in the corpus gives its Journal officiel publication date)"},
               "named_day": {"fr": " (ce jour n'est pas dans la liste des jours nommés, named_days.yaml)",
                             "en": " (this day is not in the list of named days, named_days.yaml)"}}


def _date_notes(mention, lang: str, today: dt.date) -> list[str]:
    """What the answer says about the date it read from the question: the day used and how it was read."""
    d = render.fmt_date(mention.date.isoformat(), lang)
    source = f" ({source_in(mention.source, lang)})" if mention.source else ""
    if mention.precision == "future":
        return [{"fr": f"« {mention.text} » : date future ; réponse selon les règles et les faits connus au {d}, qui peuvent changer d'ici là.",
                 "en": f"\"{mention.text}\": a future date; answered with the rules and facts known on {d}, which may change by then."}[lang]]
    if mention.is_span:
        a, b = (render.fmt_date(x.isoformat(), lang) for x in (mention.start, mention.last))
        year = {"fr": f" (lu : {mention.reading})", "en": f" (read as {mention.reading})"}[lang] \
            if mention.reading else ""
        return [{"fr": f"« {mention.text} »{year} : période du {a} au {b}{source} ; textes cités au {d}.",
                 "en": f"\"{mention.text}\"{year}: the period {a} to {b}{source}; texts quoted as of {d}."}[lang]]
    if mention.precision in ("day", "named") and mention.reading:  # "le 1er octobre dernier", "Noël dernier": a day whose year was read
        return [{"fr": f"« {mention.text} » (lu : {mention.reading}) : calcul au {d}.",
                 "en": f"\"{mention.text}\" (read as {mention.reading}): evaluated on {d}."}[lang]]
    if mention.precision in ("month", "year", "part", "relative", "event", "named", "period"):
        return [{"fr": f"« {mention.text} » : calcul au {d}{source}.",
                 "en": f"\"{mention.text}\": evaluated on {d}{source}."}[lang]]
    return []


MERGE_GAP, MERGE_MAX = 300, 900


def _label_key(c: Citation) -> tuple[str, str]:
    return (c.doc_id, c.section or f"@{c.start}")


def _one_per_section(decisive: list[Citation], quotes: list[Citation], fact_lines,
                     text_of=None, retrieved: list[Citation] = (), key_of=_label_key,
                     listed: list[Citation] = ()) -> tuple[list[Citation], list[Citation], dict[int, int]]:
    """(citations, quotes shown, old number -> new number): one citation per document section,
    the decisive passages (rule bases, registry facts) first, at most MAX_QUOTES quotes shown; a
    later quote or rule basis of an already cited section takes that section's number (and widens
    it when close: R9's SecNumCloud sentence beside its GDPR sentence, both rules of one verdict). When a `retrieved` passage (of a section no decisive passage cites) is to be quoted,
    the decisive passages leave it the last place: one beyond MAX_QUOTES - 1 is a source whose
    quote is not shown (its [n] stays valid). `key_of` names a citation's section (by default its
    label; the service passes the index's own section, so a rule's curated label and the index's
    label of the same section are one section). A `listed` citation (the basis of a rule the verdict
    found met, beside the rules it turns on), like a decisive one, that finds no room among the quotes
    stays a source: its rule's line keeps its [n] and the reader its reference, without a fifth quote."""
    own = {key_of(c) for c in decisive}
    reserve = 1 if any(key_of(c) not in own for c in retrieved) else 0
    kept: list[Citation] = []
    by_key: dict[tuple[str, str], int] = {}
    renumber: dict[int, int] = {}
    cited_by_facts = {int(n) for line in fact_lines for n in re.findall(r"\[(\d+)\]", line)}
    shown: list[Citation] = []
    spans: list[tuple[str, int, int, int]] = []
    for c in list(decisive) + list(quotes):
        key = key_of(c)
        same = next((n for doc, a, b, n in spans if doc == c.doc_id and a < c.end and c.start < b), None)
        if key in by_key or same is not None:
            n = by_key.get(key, same)
            renumber[c.n] = n
            if text_of is not None:  # a quote, or another rule's basis, of a section already cited
                _merge_into(kept, shown, n, c, text_of)
            # (round 20: giving a basis too far to widen into its section's citation its own citation listed
            # that section twice, 0 -> 5 answers of blind17; reverted by the lead: one citation per section)
            continue
        by_fact = c.n in cited_by_facts and c in decisive
        room = MAX_QUOTES - (reserve if c in decisive else 0)
        source_only = by_fact or ((c in decisive or c in listed) and len(shown) >= room)
        if not source_only and len(shown) >= MAX_QUOTES:
            continue
        new = dataclasses.replace(c, n=len(kept) + 1)
        renumber[c.n] = new.n
        by_key[key] = new.n
        spans.append((c.doc_id, c.start, c.end, new.n))
        kept.append(new)
        if not source_only:
            shown.append(new)
    return kept, shown, renumber


def _about_this_answer(notices, verdicts, scope=None) -> list:
    """Drop notices about providers this eligibility answer is not about (no Office 365 note in an AWS answer),
    and notes on passages it does not show."""
    if scope is not None:
        return [n for n in notices if n.kind != "withheld_claim"]
    if not verdicts:
        return notices
    from assistant.checker import mentions

    ours = {v.get("provider") for v in verdicts}
    out = []
    for n in notices:
        if n.kind == "withheld_claim":
            continue  # the passage is not shown; this answer's verdict is the checker's own
        named = {p for _, _, p, _ in mentions(n.text)} if n.kind == "withheld_claim" else set()
        if named and not named & ours:
            continue
        out.append(n)
    return out


_RULE_NAMED = re.compile(r"\b(?:R|règle\s+|regle\s+|rule\s+)(\d{1,2})\b", re.I)
_ASKS_WHAT_IT_SAYS = re.compile(r"\bque\s+(?:dit|prévoit|contient|impose|énonce)\b|\bcontenu\b|\btexte\s+de\b|\bwhat\s+does\b.*\b(?:say|state|require)|\bwording\b", re.I)
_OBLIGATION = (("impérativement", 2), ("doit", 1), ("doivent", 1), ("devra", 1), ("must", 1))


def _named_rule_bases(question: str) -> list:
    """The checker's bases for a doctrine rule the question names ("Que dit la règle R9 ?"),
    the strongest obligation first (R9's SecNumCloud paragraph before its GDPR one)."""
    from assistant.answer.scope_rules import rule_items

    named = {m.group(1) for m in _RULE_NAMED.finditer(question)}
    if not named:
        return []
    # "Que dit la règle R9 ?" quotes the rule; another question about R9 ("qui valide une
    # dérogation à R9 ?") gets its strongest paragraph and leaves room for the passages that answer.
    limit = None if _ASKS_WHAT_IT_SAYS.search(question) or len(question.split()) <= 6 else 1
    seen, bases = set(), []
    for rule in rule_items().values():
        b = rule.basis
        m = re.match(r"R(\d{1,2})\b", b.section or "")
        if m and m.group(1) in named and hasattr(rule, "requires") and (b.doc_id, b.section) not in seen:
            seen.add((b.doc_id, b.section))
            bases.append(b)
    return sorted(bases, key=lambda b: -sum(w for word, w in _OBLIGATION if word in b.quote.lower()))[:limit]


def _merge_into(kept: list[Citation], shown: list[Citation], n: int, c: Citation, text_of) -> bool:
    """Widen citation `n` to also cover quote `c` of the same section when they are close: one
    citation per section, still `doc.text[start:end]` (the words between come with it). A citation
    listed as a source only is widened too: its [n] then points at both rules' words. Returns whether
    `c`'s words are now in citation `n` (False: too far, or another document)."""
    i = next(i for i, k in enumerate(kept) if k.n == n)
    k = kept[i]
    if k.doc_id != c.doc_id:
        return False
    start, end = min(k.start, c.start), max(k.end, c.end)
    gap = max(c.start - k.end, k.start - c.end)
    if (start, end) == (k.start, k.end):
        return True
    if (gap > MERGE_GAP or end - start > MERGE_MAX) and not leads_into(k.quote, k.start, k.end, c.start, c.end):
        return False
    wide = dataclasses.replace(k, quote=text_of(k.doc_id)[start:end], start=start, end=end, note=k.note or c.note)
    kept[i] = wide
    if k in shown:
        shown[shown.index(k)] = wide
    return True


def _turned_on(verdict: dict | None) -> tuple[list[str], bool]:
    """(the ids of the rules one verdict turns on, in its order; whether they are satisfied rules): the
    violated or undecided ones; when none, the satisfied ones (an eligible verdict rests on them).
    None for a `not_applicable` verdict."""
    if not verdict or verdict.get("verdict") == "not_applicable":
        return [], False
    rules = verdict.get("rules") or []
    strong = [r["id"] for r in rules if r.get("status") in ("violated", "unknown")]
    return (strong, False) if strong else ([r["id"] for r in rules if r.get("status") == "satisfied"], True)


def _deciding_rules(verdicts) -> frozenset[str]:
    """The ids of the rules the verdicts turn on (violated or undecided, and the definitions that
    decided a fact); when none, those that applied (an eligible verdict rests on its satisfied rules)."""
    scoped = [v for v in verdicts if v.get("verdict") != "not_applicable"]  # no rule applies: its scope notes only
    strong = {r["id"] for v in scoped for r in v.get("rules") or [] if r.get("status") in ("violated", "unknown")}
    strong |= {d for v in verdicts for d in v.get("decisive_bases") or []}
    applied = {r["id"] for v in scoped for r in v.get("rules") or [] if r.get("status") not in (None, "not_applicable")}
    return frozenset(strong or applied)


def _rests_a_rule(sentence, deciding) -> bool:
    """Whether the sentence overlaps a passage a deciding rule rests on."""
    return bool(deciding) and any(a < sentence.end and sentence.start < b for a, b in deciding.get(sentence.passage.doc_id, ()))


def _supporting_only(verdicts, basis_marks) -> set[int]:
    """Citation numbers cited only by satisfied rules: they follow the quotes that answer, while the
    bases of violated or undecided rules (what the verdict turns on) come first."""
    strong, weak, reserves = set(), set(), set()
    for v, marks in zip(verdicts, basis_marks):
        status = {r.get("id"): r.get("status") for r in v.get("rules", [])}
        status.update({d: "unknown" for d in v.get("decisive_bases") or []})
        for rid, n in marks.items():
            if isinstance(rid, tuple):  # a reserve's source (`_cite_caveat_notes`): never what answers
                reserves.add(n)
            else:
                (strong if status.get(rid) in ("violated", "unknown") else weak).add(n)
    return (weak - strong if strong else set()) | (reserves - strong - weak)


def _spans_of(citations: list[Citation]) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> the [start, end) spans of the citations an answer already rests on."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for c in citations:
        spans.setdefault(c.doc_id, []).append((c.start, c.end))
    return spans


def _used_fact_quotes(verdicts) -> set[str]:
    """The source quotes of the registry facts the verdicts' applicable rules read."""
    out = set()
    for v in verdicts:
        for r in v.get("rules") or []:
            if r.get("status") in (None, "not_applicable"):
                continue
            for f in r.get("facts") or []:
                for rec in (f, f.get("imprecise_record") or {}):
                    if rec.get("quote"):
                        out.add(rec["quote"])
                    out.update(a["quote"] for a in rec.get("also") or () if a.get("quote"))
    return out


def _states_a_fact(sentence, sources) -> bool:
    """Whether the sentence overlaps a passage some registry fact rests on."""
    return any(a < sentence.end and sentence.start < b for a, b, _ in sources.get(sentence.passage.doc_id, ()))


def _states_used_fact(sentence, sources, used: set[str]) -> bool:
    """Whether the sentence overlaps the passage of a registry fact the verdict used."""
    return any(q in used and a < sentence.end and sentence.start < b
               for a, b, q in sources.get(sentence.passage.doc_id, ()))
