"""`hds-assistant retrieve`: ranked passages only.

    hds-assistant retrieve QUESTION [-k N] [--json] [--batch FILE] [--strategy S] [--kind K]
                           [--embedder NAME]

With --json, the contract's `retrieve` object; without, a readable ranking. --batch reads one
question per line and writes JSON Lines (the index and model are loaded once). Builds the
index on first use. Exit codes: 0 success, 2 usage error, 3 unreadable batch file (or some
lines failed), 4 index or backend unavailable.
"""
from __future__ import annotations

import sys
import textwrap


def register(subparsers) -> None:
    p = subparsers.add_parser("retrieve", help="passages classés pour une question",
                              description="Recherche hybride (BM25 + vecteurs) dans le corpus.")
    p.add_argument("question", nargs="?", help="la question")
    p.add_argument("-k", type=int, default=5, help="nombre de passages (défaut : 5)")
    p.add_argument("--json", action="store_true", help="sortie JSON (objet `retrieve` du contrat)")
    p.add_argument("--batch", metavar="FILE", help="une question par ligne ; sortie JSON Lines")
    p.add_argument("--strategy", choices=("hybrid", "bm25", "dense"), help="défaut : HDS_RETRIEVAL ou hybrid")
    p.add_argument("--kind", action="append", metavar="K",
                   help="ne garder que ce type de document (law, doctrine, faq, referentiel...) ; répétable")
    p.add_argument("--embedder", metavar="NAME", help="use, e5, minilm ou st:<chemin> (défaut : HDS_EMBEDDER)")
    p.set_defaults(handler=handle)


def to_json(question: str, passages) -> dict:
    return {"question": question, "passages": [p.to_json(rank) for rank, p in enumerate(passages, start=1)]}


def _render(question: str, passages) -> str:
    lines = [f"Question : {question}", ""]
    if not passages:
        lines.append("Aucun passage trouvé.")
    for rank, p in enumerate(passages, start=1):
        lines.append(f"{rank}. {p.title} — {p.section}  [{p.doc_id} {p.start}-{p.end}, score {p.score:.4f}]")
        excerpt = " ".join(p.text.split())
        excerpt = excerpt if len(excerpt) <= 400 else excerpt[:397].rstrip() + "…"
        lines.extend(textwrap.wrap(excerpt, width=100, initial_indent="   ", subsequent_indent="   "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def handle(args) -> int:
    from assistant import config
    from assistant.commands.io import emit_json, run_batch
    from assistant.errors import InputDataError, UsageError
    from assistant.retrieval import Retriever

    if args.k < 1:
        raise UsageError("-k takes a number of passages of at least 1.")
    if bool(args.question) == bool(args.batch):
        raise UsageError("give either a QUESTION or --batch FILE.")
    if args.batch:
        from assistant.commands.io import read_batch_lines
        read_batch_lines(args.batch)   # unreadable file: exit 3 before loading anything
    kinds = args.kind or None
    if kinds:
        from ingest.documents import KINDS
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            raise UsageError(f"unknown --kind {bad[0]!r}; choose among {', '.join(KINDS)}.")
    retriever = Retriever.open(config.settings(), strategy=args.strategy, embedder=args.embedder)

    def one(question: str) -> dict:
        question = question.strip()
        return to_json(question, retriever.retrieve(question, k=args.k, kinds=kinds))

    if args.batch:
        errors = run_batch(args.batch, one)
        if errors:
            raise InputDataError(f"{errors} line(s) of {args.batch} failed; see their 'error' field.")
        return 0
    passages = retriever.retrieve(args.question, k=args.k, kinds=kinds)
    if args.json:
        emit_json(to_json(args.question, passages))
    else:
        sys.stdout.write(_render(args.question, passages))
    return 0
