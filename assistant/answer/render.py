"""Markdown of an answer, in French or English: short answer, why, quotes, sources, date.

Pure formatting of data the other modules decided: it adds no fact. Quotes stay in their
original language; only the frame is translated.
"""
from __future__ import annotations

import datetime as dt
import re

from assistant.domain import Citation
from assistant.titles import source_title, title_in, written_in_english
from assistant.wording import (ANSWER_WORDS, CLAIM_ANSWER_WORDS, FORBIDDEN_ANSWER_WORDS, COLON, COMPLETENESS, CUSTOMER_NAMES, DATA_NAMES, DISCLAIMER, LATER_TEXT, RULE_STATUS,
                               confidence_label, is_later_text_note, label, verdict_word)

T = {
    "why": {"fr": "Pourquoi", "en": "Why"},
    "rules": {"fr": "Règles appliquées", "en": "Rules applied"},
    "missing": {"fr": "Faits manquants", "en": "Missing facts"},
    "conditions": {"fr": "Conditions à vérifier", "en": "Conditions to verify"},
    "recommendations": {"fr": "Recommandations", "en": "Recommendations"},
    "caveats": {"fr": "Réserves", "en": "Caveats"},
    "offers": {"fr": "Par offre", "en": "Per offer"},
    "passages": {"fr": "Passages pertinents", "en": "Relevant passages"},
    "sources": {"fr": "Sources", "en": "Sources"},
    "notices": {"fr": "À noter", "en": "Notes"},
    "footer": {"fr": "À la date du {d}. " + DISCLAIMER["fr"], "en": "As of {d}. " + DISCLAIMER["en"]},
    "abstain": {"fr": "Je ne trouve pas de réponse à cette question dans le corpus (textes sur l'hébergement des "
                      "données de santé, la doctrine « Cloud au centre », SecNumCloud, HDS, RGPD). Je préfère ne pas répondre.",
                "en": "I cannot find an answer to this question in the corpus (texts on health-data hosting, the "
                      "\"Cloud au centre\" doctrine, SecNumCloud, HDS, GDPR), so I will not answer it."},
    "according": {"fr": "D'après {title} ({date})", "en": "According to {title} ({date})"},
    "unsettled": {"fr": "Les textes du corpus ne tranchent pas directement cette question. Passage le plus proche : ",
                  "en": "The texts here do not settle this question directly. Closest passage: "},
    "no_quote": {"fr": "Le corpus ne contient pas de passage qui réponde directement ; voir les sources ci-dessous.",
                 "en": "The corpus holds no passage that answers directly; see the sources below."},
}


def t(key: str, lang: str, **kw) -> str:
    return T[key][lang].format(**kw)


def fmt_date(iso: str | None, lang: str) -> str:
    if not iso:
        return "?"
    d = dt.date.fromisoformat(iso)
    return d.strftime("%d/%m/%Y") if lang == "fr" else d.isoformat()


ASK_BACK = {"fr": "À préciser", "en": "To clarify"}
RULE_WORD = {"fr": "règle", "en": "rule"}


def who(provider: str | None, offer: str | None) -> str:
    """'Microsoft 365', 'Azure (Microsoft)', 'AWS Cloud (Amazon Web Services)': never a name twice."""
    if not offer:
        return provider or "?"
    if not provider or provider.casefold() in offer.casefold() or offer.casefold() in provider.casefold():
        return offer
    return f"{offer} ({provider})"


UNDERSTOOD_NOT = {"fr": "« {words} » (catégorie non comprise)", "en": "\"{words}\" (category not understood)"}
DATE_READ = {"fr": " (date lue dans « {words} »)", "en": " (date read from \"{words}\")"}


def verdict_headline(verdict: dict, lang: str, date_words: str | None = None, forbidden: bool = False,
                     claim: str | None = None) -> str:
    """'**Non** (non éligible) — Azure (Microsoft), données de santé, pour un opérateur de l'État, au 28/09/2021.'
    With `date_words` (the words the date was read from: "l'an dernier"), the date says so; with `forbidden`
    (the question asks whether the act is forbidden), the first word answers that ("Oui (interdit : non éligible)")."""
    name = who(verdict.get("provider"), verdict.get("offer"))
    if verdict.get("since"):  # a question asking since when opens with the day, never with yes or no
        return f"**{since_words(verdict, lang)}** — {', '.join([name] + query_context(verdict, lang, date_words))}."
    return f"**{_answer_word(verdict, lang, forbidden, claim)}** — {', '.join([name] + query_context(verdict, lang, date_words))}."


SINCE = {
    "fr": {"since": "Depuis le {a} : {w}", "at_least": "Au moins depuis le {a} : {w}", "before": " (avant : {b})",
           "always": "{W} à toute date vérifiée, depuis le {a}"},
    "en": {"since": "Since {a}: {w}", "at_least": "Since {a} at least: {w}", "before": " (before: {b})",
           "always": "{W} on every day checked, since {a}"},
}


def since_words(verdict: dict, lang: str) -> str:
    """"Depuis le 26/09/2026 : non éligible (avant : éligible)" for a verdict with its `since` (see
    period_verdicts.since_when); "Au moins depuis le 28/09/2021 : …" when that day is only the first
    source's of a registry fact; "Éligible à toute date vérifiée, depuis le …" when it never changed."""
    since, words = verdict["since"], SINCE[lang]
    w = verdict_word(verdict["verdict"], lang)
    a = fmt_date(since["from"], lang)
    if since.get("always"):
        return words["always"].format(W=w[:1].upper() + w[1:], a=a)
    head = words["at_least" if since.get("at_least") else "since"].format(a=a, w=w)
    return head + (words["before"].format(b=verdict_word(since["before"], lang)) if since.get("before") else "")


def _answer_word(verdict: dict, lang: str, forbidden: bool = False, claim: str | None = None) -> str:
    """The first word: the verdict's, or the answer to the ban asked about (`forbidden`), or whether the
    claim the question quotes (`claim`: the verdict it states) is right."""
    if claim and verdict["verdict"] in CLAIM_ANSWER_WORDS["right"]:
        return CLAIM_ANSWER_WORDS["right" if claim == verdict["verdict"] else "wrong"][verdict["verdict"]][lang]
    if forbidden and verdict["verdict"] in FORBIDDEN_ANSWER_WORDS:
        return FORBIDDEN_ANSWER_WORDS[verdict["verdict"]][lang]
    return f"{ANSWER_WORDS[verdict['verdict']][lang]} ({verdict_word(verdict['verdict'], lang)})"


def query_context(verdict: dict, lang: str, date_words: str | None = None) -> list[str]:
    """What the verdict was checked for: data kinds, customer, date (["données de santé", "pour un
    ministère…", "au 31/12/2022 (date lue dans « en 2022 »)"])."""
    data = ", ".join(label(DATA_NAMES, k, lang) for k in verdict.get("data") or [])
    customer = CUSTOMER_NAMES.get(verdict.get("customer") or "", {}).get(lang)
    if not customer and verdict.get("customer_words"):  # a body named whose category is not understood
        customer = UNDERSTOOD_NOT[lang].format(words=verdict["customer_words"])
    date = fmt_date(verdict.get("as_of"), lang) + (DATE_READ[lang].format(words=date_words) if date_words else "")
    if lang == "fr":
        return ([f"données {data}"] if data else []) + ([f"pour {customer}"] if customer else []) + [f"au {date}"]
    return ([f"{data} data"] if data else []) + ([f"for {customer}"] if customer else []) + [f"as of {date}"]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ«\"])")
# "(selon la tribune DSIH du 28 septembre 2021, au moins depuis le 28 septembre 2021)" -> "(tribune DSIH du
# 28 septembre 2021)": in a line per provider the source stays, the date since when it held goes (the
# rules applied below keep the whole fact).
_SOURCE_NOTE = re.compile(r"\((?:according\s+to|selon)\s+((?:[^()]|\([^()]*\))*?)"
                          r"(?:,\s+(?:at\s+least\s+since|since|au\s+moins\s+depuis(?:\s+le)?|depuis(?:\s+le)?)\s+[^()]*)?\)")


_ARTICLE = re.compile(r"^(?:the|la|le|l['’])\s?")


def _compact_sources(text: str) -> str:
    return _SOURCE_NOTE.sub(lambda m: "(" + _ARTICLE.sub("", m.group(1)) + ")", text)


# "Every applicable rule is met…": the verdict word of the provider's line says it, and the conditions
# to verify are listed below the quotes.
_ALL_MET = re.compile(r"Toutes les règles applicables sont respectées|Every applicable rule is met")
# A shared sentence said once loses the sentence it answered ("Or, pour un ministère…"): its connective goes.
_CONNECTIVE = re.compile(r"^(?:Or|Yet|However|Pourtant|Cependant),?\s+", re.I)


def per_offer_line(verdicts: list[dict], lang: str, date_words: str | None = None) -> str:
    """The first line of an answer whose providers got different verdicts ("OVH ou Azure : lequel ?"):
    no yes or no, which would answer for the first provider only, but each verdict with the
    providers it holds for, then what they were checked for ("Éligible : OVHcloud Hosted Private
    Cloud ; non éligible : Azure (Microsoft) — données de santé, au 30/11/2026.")."""
    groups: dict[str, list[str]] = {}
    for v in verdicts:
        groups.setdefault(v["verdict"], []).append(who(v.get("provider"), v.get("offer")))
    said = {"fr": " ; ", "en": "; "}[lang].join(f"{verdict_word(word, lang)}{COLON[lang]}{', '.join(names)}"
                                                 for word, names in groups.items())
    return f"{said[:1].upper()}{said[1:]} — {', '.join(query_context(verdicts[0], lang, date_words))}."


def several_headlines(verdicts: list[dict], marks: list[list[int]], lang: str, date_words: str | None = None,
                      forbidden: bool = False) -> list[str]:
    """The first lines of an answer naming several providers, with what they share said once:
    the query (data, customer, date) in a first line, then one line per provider with its verdict
    word and the sentences of its reason that are its own, then each sentence that several
    reasons share, once, with the [n] of the providers it comes from. Said short so that 2-4
    providers fit in about 1,200 characters (round 15): a clause loses its "pour un ministère…"
    (the first line says it), the rule the providers are checked against is said without a list
    of names, a company's offers and their verdicts are one clause, and the checker's caveat on a
    verdict's basis that not all share goes on their lines in the checker's own short form. Every
    verdict, [n], caveat and the date stay. Falls back to one full headline per provider when the
    providers were not checked for the same query."""
    contexts = [tuple(query_context(v, lang, date_words)) for v in verdicts]
    if len(set(contexts)) > 1:
        return [f"{verdict_headline(v, lang, date_words, forbidden)} {verdict_reason(v, lang, m)}".strip() for v, m in zip(verdicts, marks)]
    reasons = [[_without_customer(c, v, lang) for c in _clauses(_offer_table(verdict_reason(v, lang, [])))]
               for v in verdicts]
    fullest: dict[str, str] = {}  # a clause said by several providers with or without its source: the fullest
    for clauses in reasons:
        for c in clauses:
            if len(c) > len(fullest.get(_clause_key(c), "")):
                fullest[_clause_key(c)] = c
    reasons = [[fullest[_clause_key(c)] for c in clauses] for clauses in reasons]
    notes = [next((c for c in r if _VERDICT_NOTE.search(c)), None) for r in reasons]
    if len(set(notes)) > 1:  # a caveat on some verdicts only goes on their own lines, short
        reasons = [[c for c in r if c is not note] for r, note in zip(reasons, notes)]
    else:
        notes = [None] * len(verdicts)
    count: dict[str, int] = {}
    for sentences in reasons:
        for s in dict.fromkeys(sentences):
            count[s] = count.get(s, 0) + 1
    shared = [s for s in dict.fromkeys(x for r in reasons for x in r) if count[s] > 1]
    lines = [", ".join(contexts[0])[:1].upper() + ", ".join(contexts[0])[1:] + " :" if lang == "fr"
             else ", ".join(contexts[0])[:1].upper() + ", ".join(contexts[0])[1:] + ":"]
    names = [who(v.get("provider"), v.get("offer")) for v in verdicts]
    short = [v.get("offer") or v.get("provider") or name for v, name in zip(verdicts, names)]  # named in full above
    everyone = [n for v, name in zip(verdicts, names) for n in (name, v.get("provider"), v.get("offer")) if n]
    owns = []
    for v, name, m, sentences, note in zip(verdicts, names, marks, reasons, notes):
        own = " ".join(_sentence(s) for s in sentences if s not in shared)
        if len(own) < len(" ".join(sentences)):  # what it followed from is said below: no "therefore" left hanging
            own = _sentence(_THEREFORE.sub("", own))
        owns.append(own)
        ref = "".join(f" [{n}]" for n in m) if own or note else ""  # a reason wholly shared is said below, with its [n]
        rest = _without_subject(own, v)
        head = f"{name} {rest}" if rest else (f"{name}. {own}" if own else name)  # "Secure Temple (Cloud Temple) is …", the name said once
        lines.append(f"- **{_answer_word(v, lang, forbidden)}** — {_with_short_note(head, note, lang)}{ref}".rstrip())
    groups: dict[tuple[int, ...], list[str]] = {}
    for s in shared:
        groups.setdefault(tuple(i for i, r in enumerate(reasons) if s in r), []).append(_CONNECTIVE.sub("", s))
    # A shared sentence that names no provider and is not a caveat on some verdicts ("Ce verdict repose
    # sur…") states the rule the query is checked against: when each provider it comes from keeps a
    # reason of its own on its line, it is said once without a list of names, after the sentences
    # some providers share (a provider whose whole reason is shared is named with it).
    general = lambda x: not _VERDICT_NOTE.search(x) and not any(n.casefold() in x.casefold() for n in everyone)  # noqa: E731
    said: list[tuple[tuple[int, ...], list[str], bool]] = []
    for members, sentences in groups.items():
        named = [x for x in sentences if len(members) == len(verdicts) or not general(x)
                 or not all(owns[i] for i in members)]
        if named:
            said.append((members, named, len(members) == len(verdicts)))
        if len(named) < len(sentences):
            said.append((members, [x for x in sentences if x not in named], True))
    # what some share first, then the rule and what all share, a caveat on the verdicts' basis last
    for members, sentences, unnamed in sorted(said, key=lambda g: (g[2], any(_VERDICT_NOTE.search(x) for x in g[1]))):
        ref = "".join(f" [{n}]" for n in dict.fromkeys(n for i in members for n in marks[i]))
        text = " ".join(_sentence(x) for x in sentences)
        if unnamed:  # said of every provider, or the rule they are checked against: no list of names before it
            lines.append(f"{text}{ref}")
            continue
        lines.append(f"{' ; '.join(short[i] for i in members) if lang == 'fr' else '; '.join(short[i] for i in members)} — {text}{ref}")
    return lines


# The checker's caveat on one verdict's basis (checker/explain.py): never said as if of every provider.
_VERDICT_NOTE = re.compile(r"^(?:Ce verdict repose|This verdict rests)")
# A company named without an offer (checker/explain.py `company_why`): "nommez l'offre de X visée" is
# asked back below the lines; the table of its offers stays one clause ("A : éligible, B : indéterminé").
_NAME_THE_OFFER = re.compile(r" : nommez l['’]offre d(?:e |['’])[^.]*? visée\.| not a company: name the offer of [^.]*?\.")
_OFFER_TABLE = re.compile(r"((?:Offres connues du registre|Offers in the registry) — )([^.]*)\.")


_NOTE_LABEL = re.compile(r"[«\"]\s*(.+?)\s*[»\"]\.?$")


def _with_short_note(text: str, note: str | None, lang: str) -> str:
    """A provider's line with the checker's caveat on its verdict's basis in the checker's short
    form ("… (source « cité par la presse »)."); unchanged without a caveat."""
    found = _NOTE_LABEL.search(note) if note else None
    if not note or not found:
        return f"{text} {note or ''}".strip()
    short = {"fr": f"(source « {found.group(1)} »)", "en": f"(source \"{found.group(1)}\")"}[lang]
    return f"{text[:-1]} {short}." if text.endswith(".") else f"{text} {short}"


def _offer_table(reason: str) -> str:
    """A company verdict's reason said short: the clause that it is an offer, not a company, that is
    qualified, and its offers' verdicts in one clause; any other reason unchanged."""
    reason = _NAME_THE_OFFER.sub(lambda m: "." if m.group(0).startswith(" :") else " not a company.", reason)
    return _OFFER_TABLE.sub(lambda m: m.group(1) + m.group(2).replace("; ", ", ") + ".", reason)


def _without_customer(clause: str, verdict: dict, lang: str) -> str:
    """A clause without its opening "Pour un ministère ou une administration centrale, ": the first
    line of a several-provider answer already says whom the verdicts are for."""
    customer = CUSTOMER_NAMES.get(verdict.get("customer") or "", {}).get(lang)
    if not customer:
        return clause
    lead = re.match(rf"((?:Or|Yet|However|Pourtant|Cependant),?\s+)?(?:pour|for)\s+{re.escape(customer)},?\s+", clause, re.I)
    if not lead:
        return clause
    rest = clause[lead.end():]
    return (lead.group(1) or "") + rest[:1].upper() + rest[1:] if not lead.group(1) else lead.group(1) + rest


_THEREFORE = re.compile(r"\b(?:therefore|donc)\s+", re.I)


def _without_subject(own: str, verdict: dict) -> str | None:
    """The rest of a provider's own reason when it opens with the offer's own name ("Cloud Temple
    Secure Temple is …" -> "is …"), so that the line names the offer once; None otherwise."""
    provider, offer = verdict.get("provider") or "", verdict.get("offer") or ""
    for subject in (f"{provider} {offer}", f"{offer} ({provider})", offer, provider if not offer else ""):
        if subject.strip() and own.startswith(subject.strip() + " "):
            return own[len(subject.strip()) + 1:]
    return None


# A reason's clauses: its sentences, and the parts of a sentence joined by " ; " (the checker writes
# "<the rule> ; <what follows for this provider>"), each said once when several providers share it.
_CLAUSE_BREAK = re.compile(r"\s*;\s+")  # " ; " in French, "; " in English
_TRAILING_SOURCE = re.compile(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$")


def _clauses(reason: str) -> list[str]:
    out = []
    for sentence in _SENTENCE_END.split(_compact_sources(reason)):
        if not sentence or _ALL_MET.match(sentence):
            continue
        parts = _CLAUSE_BREAK.split(sentence)
        out.extend(p if p.endswith((".", "?", "!")) else p + "." for p in parts if p)
    return out


def _clause_key(clause: str) -> str:
    """What two providers' clauses say, without connective, trailing source note or full stop."""
    text = _CONNECTIVE.sub("", clause).rstrip(".!? ")
    return _TRAILING_SOURCE.sub("", text).casefold()


def _sentence(clause: str) -> str:
    return clause[:1].upper() + clause[1:]


def same_language(verdict: dict, lang: str) -> bool:
    """Whether the checker wrote this verdict's human text in `lang`."""
    return verdict.get("lang", "fr") == lang


# The checker's own "À préciser : <question> (et n autres points à préciser)" sentence: the answer
# lists every question under its "À préciser" heading, so the first line does not repeat it.
_ASKED_IN_WHY = re.compile(r"\s*(?:À préciser|To settle) ?: [^?]*\?(?: \((?:et|and) [^)]*\))?")


def verdict_reason(verdict: dict, lang: str, marks: list[int]) -> str:
    """The checker's plain reason (`why`) with the [n] of the passages it rests on (the
    questions to ask back are listed apart, not repeated here)."""
    why_lang = verdict.get("why_lang") or verdict.get("lang", "fr")
    why = (verdict.get("why") or "").strip() if why_lang == lang else ""
    if why and missing_questions(verdict, lang):
        why = _ASKED_IN_WHY.sub("", why).strip()
    if not why:
        by = {s: [r["id"] for r in verdict.get("rules", []) if r.get("status") == s] for s in ("violated", "unknown", "satisfied")}
        bits = []
        for status in ("violated", "unknown", "satisfied"):
            if by[status]:
                word = RULE_WORD[lang].capitalize() + ("s" if len(by[status]) > 1 else "")
                bits.append(f"{word} {', '.join(by[status])}{COLON[lang]}{label(RULE_STATUS, status, lang)}")
        why = "; ".join(bits) + "." if bits else ""
    ref = "".join(f" [{n}]" for n in marks)
    return (why + ref).strip()


def verdict_section(verdict: dict, lang: str, basis_marks: dict[str, int]) -> list[str]:
    """The reasoning of a `check` object: rules with status and their cited basis."""
    native = same_language(verdict, lang)
    lines = [f"**{t('rules', lang)}**" + (f" — {who(verdict.get('provider'), verdict.get('offer'))}" if verdict.get("provider") else "")]
    for rule in verdict.get("rules", []):
        if rule.get("status") == "not_applicable":
            continue
        status = label(RULE_STATUS, rule.get("status") or "unevaluated", lang)
        mark = basis_marks.get(rule.get("id"))
        ref = f" [{mark}]" if mark else ""
        title = f" — {rule.get('title', '')}" if native and rule.get("title") else ""
        lines.append(f"- {RULE_WORD[lang]} {rule.get('id')}{title}{COLON[lang]}{status}{ref}")
    keys = ("conditions", "recommendations", "caveats") if native else ()
    for key in keys:
        items = verdict.get(key) or []
        if items:
            lines.append(f"\n**{t(key, lang)}**")
            lines.extend(f"- {_item_text(i)}{_reserve_marks(basis_marks, key, i)}" for i in items)
    offers = verdict.get("offers") or []
    if len(offers) > 1:
        lines.append(f"\n**{t('offers', lang)}**")
        for o in offers:
            lines.append(f"- {o.get('offer') or o.get('name')}{COLON[lang]}{verdict_word(o.get('verdict'), lang)}")
    return lines


def missing_questions(verdict: dict, lang: str) -> list[str]:
    """The questions to ask back for the verdict's missing facts (checker wording when given)."""
    out = []
    for f in verdict.get("missing_facts") or []:
        q = f.get("question") if isinstance(f, dict) else None
        if q and (same_language(verdict, lang) or verdict.get("why_lang") == lang):
            out.append(q)
    return list(dict.fromkeys(out))


def _reserve_marks(basis_marks: dict, key: str, item) -> str:
    """` [n]` after a reserve whose source the service cited (`("caveat", text, i)` marks), else ""."""
    if key != "caveats":
        return ""
    ns = sorted({n for k, n in basis_marks.items() if isinstance(k, tuple) and k[:2] == ("caveat", item)})
    return "".join(f" [{n}]" for n in ns)


def _item_text(item) -> str:
    if isinstance(item, dict):
        return item.get("text") or item.get("description") or item.get("name") or str(item)
    return str(item)


# A section named by the document's own words ("Périmètre > Les collectivités…", "R9, 2e alinéa"), not
# only by a reference ("R9", "§ 7–14", "Article 32 > I", "EXI 12"): a lower-case word of three letters.
_WORDED_SECTION = re.compile(r"(?<![\w-])[a-zà-ÿ]{3,}\b")


def section_label(section: str, lang: str, doc_id: str) -> str:
    """The section as the source list shows it: in an English answer, a heading in a French
    document's words is quoted (it is the document's text, not the product's)."""
    if lang == "en" and not written_in_english(doc_id) and _WORDED_SECTION.search(section):
        unclosed = max(0, section.count("«") - section.count("»"))  # a heading clipped inside its own quote
        return f"« {section}{' »' * unclosed} »"
    return section


def source_line(c: Citation, lang: str) -> str:
    parts = [f"[{c.n}] {source_title(c.doc_id, c.title, lang)}"]
    if c.section:
        parts.append(section_label(c.section, lang, c.doc_id))
    if c.date:
        parts.append(fmt_date(c.date, lang))
    if c.completeness and c.completeness != "full":
        parts.append(label(COMPLETENESS, c.completeness, lang))
    confidence = confidence_label(getattr(c, "confidence", "official") or "official", lang)
    if confidence:
        parts.append(confidence)
    if is_later_text_note(c.note):
        parts.append(LATER_TEXT["short"][lang])
    if c.url:
        parts.append(c.url)
    return " — ".join(parts)


def quote_line(c: Citation, lang: str = "fr") -> str:
    quote = c.quote.replace("\n", " ")
    confidence = confidence_label(getattr(c, "confidence", "official") or "official", lang)
    line = f"> « {quote} » [{c.n}]" + (f" ({confidence})" if confidence else "")
    if c.note:
        line += f"\n>\n> _{c.note}_"
    return line


def answer_markdown(lang: str, as_of: dt.date, *, verdicts=(), basis_marks=None, scope=None, scope_marks=(),
                    missing=(), fact_lines=(), body_text=None, quotes=(), notices=(), citations=(),
                    asked_back=(), date_words: str | None = None, fact_word: str | None = None,
                    unsettled: bool = False, forbidden: bool = False, claim: str | None = None) -> tuple[str, str]:
    """(short answer, whole Markdown answer). First line: Oui / Non / Ça dépend (the verdict or the
    scope answer) with the checker's reason and its [n]; then the questions to ask back, at most
    four quotes, the rules applied, notes and sources (`date_words`: the words of the question the
    date was read from, said next to the date). Without a verdict the first line is, by
    priority: the registry's facts, the first missing text, the LLM's first line, the best quote
    (`unsettled`: a yes-no question nothing grounds a word for, said before that quote; `forbidden`: the
    question asks whether the act is forbidden, and the first word answers that; `claim`: the verdict a
    claim the question quotes states, and the first word says whether it is right)."""
    date_txt = fmt_date(as_of.isoformat(), lang)
    basis_marks = basis_marks or [{} for _ in verdicts]
    lines: list[str] = []
    ask = list(asked_back)
    if verdicts:
        heads, refs = [], []
        for v, marks in zip(verdicts, basis_marks):
            decisive = [n for rid, n in marks.items()
                        if any(r.get("id") == rid and r.get("status") in ("violated", "unknown") for r in v.get("rules", []))
                        or rid in (v.get("decisive_bases") or ())]
            refs.append(list(dict.fromkeys(decisive or marks.values()))[:3])
            heads.append(f"{verdict_headline(v, lang, date_words, forbidden, claim)} {verdict_reason(v, lang, refs[-1])}".strip())
            ask.extend(missing_questions(v, lang))
        short = (heads[0].replace("**", "") if len({v["verdict"] for v in verdicts}) == 1
                 else per_offer_line(list(verdicts), lang, date_words))
        lines.extend(heads if len(verdicts) == 1 else several_headlines(list(verdicts), refs, lang, date_words, forbidden))
    elif scope is not None:
        word = f"**{ANSWER_WORDS[scope.key][lang]}.** " if scope.key else ""  # an obligation may have no yes/no answer
        head = f"{word}{scope.why}" + "".join(f" [{n}]" for n in scope_marks)
        short = head.replace("**", "")
        lines.append(head)
        if scope.ask:
            ask.append(scope.ask)
    elif fact_lines:
        head = {"fr": f"Selon le registre des fournisseurs du projet, au {date_txt} :",
                "en": f"According to the project's provider registry, as of {date_txt}:"}[lang]
        word = f"{ANSWER_WORDS[fact_word][lang]}. " if fact_word else ""  # a yes-no question on facts the registry knows
        short = f"{word}{head} {fact_lines[0]}"
        lines.append(f"**{word}{head}**\n")
        lines.extend(f"- {line}" for line in fact_lines)
    elif missing:
        short = missing[0].notice(lang)
        lines.append(short)
    elif body_text:
        short = body_text.split("\n")[0]
        lines.append(body_text)
    elif quotes:
        first = quotes[0]
        short = ((t("unsettled", lang) if unsettled else "")
                 + f"{t('according', lang, title=title_in(first.doc_id, first.title, lang), date=fmt_date(first.date, lang))} [{first.n}]{COLON[lang]}"
                 f"« {' '.join(first.quote.split())} »")
        lines.append(short)
    else:
        short = t("no_quote", lang)
        lines.append(short)
    if ask:
        lines.append(f"\n**{ASK_BACK[lang]}**")
        lines.extend(f"- {q}" for q in dict.fromkeys(ask))
    if verdicts and body_text:
        lines.append("\n" + body_text)
    if quotes:
        lines.append(f"\n**{t('passages', lang)}**\n")
        lines.extend(quote_line(c, lang) + "\n" for c in quotes)
    for v, marks in zip(verdicts, basis_marks):
        lines.append("")
        lines.extend(verdict_section(v, lang, marks))
    if notices:
        lines.append(f"\n**{t('notices', lang)}**")
        lines.extend(f"- {n.text}" for n in notices)
    if citations:
        lines.append(f"\n**{t('sources', lang)}**\n")
        lines.extend(source_line(c, lang) for c in citations)
    lines.append(f"\n_{t('footer', lang, d=date_txt)}_")
    return short, "\n".join(lines).strip()
