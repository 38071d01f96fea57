"""`hds-assistant chat [--host 127.0.0.1] [--port 7860]`: the web chat (Gradio in FastAPI).

Loopback by default. The server listens at once; the index is built if missing and loaded
in a background thread (`channels.startup`), with progress in the terminal (documents,
passages) and « Préparation de l'index » in the page; questions asked meanwhile wait for it.
"""
from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser("chat", help="the web chat (French interface), on loopback by default")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="TCP port (default 7860)")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    from assistant.config import settings as current_settings
    from assistant.errors import UsageError

    if not 0 < args.port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {args.port}.")
    settings = current_settings()
    from assistant.channels.web import build_app, offline_environment, serve

    offline_environment(settings.data_dir)  # before anything imports gradio
    from assistant.answer.service import AnswerService
    from assistant.channels.feedback import open_feedback_store

    from assistant.channels.startup import IndexPreparation

    service = AnswerService(settings)
    preparation = IndexPreparation(service, settings)
    preparation.preflight()
    store = open_feedback_store(settings)
    print("hds-assistant: preparing the index in the background (built if missing)…", file=sys.stderr, flush=True)
    preparation.start()
    app = build_app(service, store, settings=settings, preparation=preparation)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"hds-assistant: warning: listening on {args.host}, not only on this machine; "
              "the feedback export is readable by anyone who can reach it.", file=sys.stderr)
    print(f"hds-assistant: web chat on http://{args.host}:{args.port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        serve(app, host=args.host, port=args.port)
    finally:
        store.close()
    return 0
