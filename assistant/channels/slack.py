"""The Slack bot: answers `app_mention`, direct messages and the `/hds` command in the thread.

HTTP mode serves `POST /slack/events` (aiohttp). Each request is checked in this order: body
size (over 1 MB -> 413), our own v0 signature check (`signatures.verify_slack`; unsigned, bad
or stale -> 401), then bolt's dispatcher, which verifies the signature again and answers the
`url_verification` challenge. Events are acknowledged at once; the answer is computed in a
worker thread and posted with `chat.postMessage` in the thread. Slack resends an event it
thinks was lost (`X-Slack-Retry-Num`): the same `event_id` is answered once (bounded TTL set).
Socket Mode (`SLACK_APP_TOKEN`) runs the same bolt app over Slack's websocket instead.

It does not compute answers (`AnswerService.ask` does), format them (`slack_format`), or log
secrets or message bodies.
"""
from __future__ import annotations

import asyncio
import html
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Mapping, Protocol

from aiohttp import web
from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk import WebClient

from assistant.channels.bodies import TOO_LARGE, error, read_limited, slack_problem
from assistant.channels import slack_format
from assistant.channels.signatures import SignatureError, verify_slack
from assistant.errors import UsageError, one_sentence
from assistant.wording import clip

log = logging.getLogger("hds.slack")

MAX_BODY = 1024 * 1024
EVENTS_PATH = "/slack/events"
DEFAULT_API_URL = "https://slack.com/api/"


class Answerer(Protocol):
    def ask(self, question: str, as_of=None) -> Any: ...


@dataclass(frozen=True)
class SlackConfig:
    """The Slack settings, from `SLACK_*` variables; secrets never appear in `repr`."""
    signing_secret: str = field(repr=False)
    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "SlackConfig":
        env = os.environ if environ is None else environ
        missing = [name for name in ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN") if not env.get(name, "").strip()]
        if missing:
            raise UsageError(f"{' and '.join(missing)} must be set to run the Slack bot "
                             "(see docs/bots.md)")
        api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
        return cls(signing_secret=env["SLACK_SIGNING_SECRET"].strip(), bot_token=env["SLACK_BOT_TOKEN"].strip(),
                   app_token=env.get("SLACK_APP_TOKEN", "").strip() or None,
                   api_url=api_url if api_url.endswith("/") else api_url + "/")


class SeenEvents:
    """Event ids already taken, kept `ttl_s` seconds and at most `max_size` of them."""

    def __init__(self, ttl_s: float = 3600, max_size: int = 10_000):
        self.ttl_s, self.max_size = ttl_s, max_size
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, event_id: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            while self._seen and (next(iter(self._seen.values())) < now - self.ttl_s
                                  or len(self._seen) >= self.max_size):
                self._seen.popitem(last=False)
            if event_id in self._seen:
                return False
            self._seen[event_id] = now
            return True


def question_text(raw: str) -> str:
    """The user's words: mentions dropped, Slack links shown as their label, escapes undone."""
    text = re.sub(r"<@[A-Z0-9]+(?:\|[^>]*)?>", " ", raw or "")
    text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    return " ".join(html.unescape(text).split())


USAGE = ("Posez votre question après la commande, par exemple : "
         "`/hds Azure peut-il héberger des données de santé pour un ministère ?`")


def _answer_message(service: Answerer, lock: threading.Lock, question: str) -> dict:
    """The Slack message for one question; an error becomes a message, never a silence."""
    try:
        with lock:  # one answer at a time: the service is CPU-bound and not declared thread-safe
            answer = service.ask(question)
        return slack_format.message(answer.to_json())
    except Exception as exc:  # the user must hear back even when the service fails
        log.exception("the answer service failed")
        text = f":warning: Je n'ai pas pu répondre : {one_sentence(exc)}"
        return {"text": text, "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def create_bolt_app(service: Answerer, config: SlackConfig) -> App:
    """The bolt app with its listeners; usable over HTTP (`create_app`) or Socket Mode."""
    client = WebClient(token=config.bot_token, base_url=config.api_url)
    app = App(signing_secret=config.signing_secret, client=client, token_verification_enabled=False,
              name="hds-assistant")
    seen = SeenEvents()
    lock = threading.Lock()

    @app.middleware
    def drop_redeliveries(body, next):
        event_id = body.get("event_id") if isinstance(body, dict) else None
        if event_id and not seen.first_time(event_id):
            log.info("event %s already taken; redelivery acknowledged without a second answer", event_id)
            return BoltResponse(status=200, body="")
        return next()

    def reply_in_thread(event: dict, client: WebClient) -> None:
        question = question_text(event.get("text", ""))
        if not question:
            message = {"text": USAGE.replace("/hds", "@hds-assistant")}
        else:
            message = _answer_message(service, lock, question)
        client.chat_postMessage(channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"],
                                **message)

    @app.event("app_mention")
    def on_mention(event, client):
        reply_in_thread(event, client)

    @app.event("message")
    def on_message(event, client):
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        reply_in_thread(event, client)

    @app.command("/hds")
    def on_command(ack, command, respond):
        question = question_text(command.get("text", ""))
        if not question:
            ack(text=USAGE)
            return
        ack(text=f"Je cherche dans les textes : « {clip(question, 200)} »…")
        message = _answer_message(service, lock, question)
        respond(text=message["text"], blocks=message["blocks"], response_type="in_channel")

    return app


def create_app(service: Answerer, config: SlackConfig | None = None) -> web.Application:
    """The aiohttp application serving `POST /slack/events` (and `GET /health`)."""
    config = config or SlackConfig.from_env()
    bolt = create_bolt_app(service, config)

    async def events(request: web.Request) -> web.Response:
        body = await read_limited(request, MAX_BODY)
        if body is None:
            return error(413, TOO_LARGE)
        try:
            verify_slack(config.signing_secret, request.headers.get("X-Slack-Request-Timestamp"), body,
                         request.headers.get("X-Slack-Signature"))
        except SignatureError as exc:
            log.warning("refused a Slack request from %s: %s", request.remote, exc)
            return error(401, "invalid request signature")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("refused a signed Slack request from %s: the body is not UTF-8", request.remote)
            return error(400, "the body is not UTF-8")
        problem = slack_problem(text, request.headers.get("Content-Type", ""))
        if problem:
            log.warning("refused a signed Slack request from %s: %s", request.remote, problem)
            return error(400, problem)
        headers = {name: request.headers.getall(name) for name in request.headers.keys()}
        bolt_request = BoltRequest(body=text, query=request.query_string, headers=headers)
        try:
            response = await asyncio.get_running_loop().run_in_executor(None, bolt.dispatch, bolt_request)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # a shape bolt could not read
            log.warning("refused a signed Slack request from %s: %s", request.remote, one_sentence(exc))
            return error(400, "the request could not be read as a Slack event or command")
        return web.Response(status=response.status, body=response.body.encode("utf-8"),
                            headers=response.first_headers_without_set_cookie())

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(EVENTS_PATH, events)
    app.router.add_get("/health", health)
    return app


def run(service: Answerer, config: SlackConfig, *, host: str = "127.0.0.1", port: int = 3000) -> None:
    """Serve until interrupted: Socket Mode when an app token is set, HTTP events otherwise."""
    if config.app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler
        log.info("Slack bot in Socket Mode")
        SocketModeHandler(create_bolt_app(service, config), config.app_token).start()
        return
    web.run_app(create_app(service, config), host=host, port=port,
                print=lambda _msg: print(f"Slack bot: POST http://{host}:{port}{EVENTS_PATH}", flush=True))
