"""`hds-assistant slack [--host 127.0.0.1] [--port 3000]`: the Slack bot.

Checks the Slack settings before loading anything heavy, so a missing `SLACK_SIGNING_SECRET`
or `SLACK_BOT_TOKEN` stops it at once (exit 2); then builds the answer service once and serves
HTTP events, or Socket Mode when `SLACK_APP_TOKEN` is set.
"""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("slack", help="Slack bot: HTTP events at POST /slack/events, or Socket Mode",
                              description="Runs the Slack bot (settings from SLACK_SIGNING_SECRET, "
                                          "SLACK_BOT_TOKEN, optional SLACK_APP_TOKEN and SLACK_API_URL).")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=3000, help="port to listen on (default 3000)")
    p.set_defaults(handler=handle)


def handle(args) -> int:
    import logging

    from assistant.channels.slack import SlackConfig, run
    from assistant.errors import UsageError

    config = SlackConfig.from_env()
    if not 0 < args.port < 65536:
        raise UsageError(f"--port takes a number between 1 and 65535, not {args.port}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from assistant.answer.service import AnswerService
    from assistant.config import settings

    run(AnswerService(settings()), config, host=args.host, port=args.port)
    return 0
