"""One module per CLI command; each exposes `register(subparsers)` and imports heavy
libraries only inside its handler, so that `hds-assistant --help` stays fast."""

COMMAND_MODULES = ("ingest", "retrieve", "ask", "check", "audit", "chat", "feedback", "slack", "teams", "eval", "bench")
