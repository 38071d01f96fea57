"""`hds-assistant teams [--host 127.0.0.1] [--port 3978]`: the Microsoft Teams bot.

Checks the Teams settings before loading anything heavy (missing or malformed -> exit 2), then
builds the answer service once, warms it up (so the first webhook call fits in Teams' 5 seconds)
and serves the Bot Framework endpoint and/or the outgoing webhook.
"""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("teams", help="Teams bot: Bot Framework at POST /api/messages, outgoing webhook at "
                                            "POST /api/teams/webhook",
                              description="Runs the Teams bot (settings from MicrosoftAppId, MicrosoftAppPassword, "
                                          "MicrosoftAppTenantId, MicrosoftAppType or TEAMS_APP_*, and "
                                          "TEAMS_WEBHOOK_SECRET).")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=3978, help="port to listen on (default 3978)")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    import logging

    from assistant.channels.teams import TeamsConfig, run
    from assistant.errors import UsageError

    config = TeamsConfig.from_env()
    if not 0 < args.port < 65536:
        raise UsageError(f"--port takes a number between 1 and 65535, not {args.port}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.answer.service import AnswerService
    from assistant.config import settings

    service = AnswerService(settings())
    service.ask("hébergement de données de santé")  # loads the index and models before the first user waits
    run(service, config, host=args.host, port=args.port)
    return 0
