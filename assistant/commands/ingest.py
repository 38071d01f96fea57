"""`hds-assistant ingest`: build or update the index of the corpus (incremental, atomic).

    hds-assistant ingest [--corpus DIR] [--rebuild] [--embedder NAME]

Prints one summary line (after a line per repair: a damaged current generation, found by its
checksums, is rebuilt). A progress bar shows on a terminal only. Exit codes: 0 success,
2 unknown embedder, 3 malformed corpus file (named in the message; the previous index stays
in use), 4 Chroma or the embedding model unavailable, or another ingest of the same index
running (its lock, held in the Chroma catalogue, is named with its host and start time).
"""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("ingest", help="construit ou met à jour l'index du corpus",
                              description="Découpe, vectorise et indexe le corpus ; les documents inchangés sont ignorés.")
    p.add_argument("--corpus", metavar="DIR", help="dossier du corpus (défaut : HDS_CORPUS_DIR ou corpus/)")
    p.add_argument("--rebuild", action="store_true", help="tout reconstruire (ré-encode tous les passages)")
    p.add_argument("--embedder", metavar="NAME", help="use, e5, minilm ou st:<chemin> (défaut : HDS_EMBEDDER)")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from assistant import config
    from ingest.pipeline import ingest

    s = config.settings()
    report = ingest(args.corpus or s.corpus_dir, s.data_dir, embedder=args.embedder or s.embedder,
                    rebuild=args.rebuild)
    print(report.summary())
    return 0
