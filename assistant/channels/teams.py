"""The Microsoft Teams bot: the Bot Framework endpoint and a Teams outgoing webhook (aiohttp).

- `POST /api/messages`: botbuilder's `CloudAdapter` with `ConfigurationBotFrameworkAuthentication`,
  so the SDK validates the Bot Framework token of every request (none or invalid -> 401). It is
  served only when an app id is configured: with no credentials the SDK accepts anonymous calls,
  which we never expose.
- `POST /api/teams/webhook`: HMAC-SHA256 of the raw body with the base64-decoded
  `TEAMS_WEBHOOK_SECRET` (`signatures.verify_teams`; bad or missing -> 401), answered in the
  HTTP response within Teams' 5 seconds: past `webhook_timeout_s` it replies "délai dépassé"
  and keeps computing, so the same question asked again gets the finished answer.

Bodies over 1 MB -> 413. Answers are computed one at a time in a worker thread (the service is
CPU-bound), at most `MAX_PENDING` questions waiting. It does not compute or format answers
(`AnswerService`, `teams_format`) and never logs secrets.
"""
from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Mapping, Protocol

from aiohttp import web
from botbuilder.core import ActivityHandler, TurnContext
from botbuilder.schema import Activity, ActivityTypes

from assistant.channels.bodies import TOO_LARGE, error, read_limited, teams_problem
from assistant.channels import teams_format
from assistant.channels.signatures import SignatureError, teams_key, verify_teams
from assistant.errors import UsageError, one_sentence

log = logging.getLogger("hds.teams")

MAX_BODY = 1024 * 1024
MAX_PENDING = 16
MESSAGES_PATH = "/api/messages"
WEBHOOK_PATH = "/api/teams/webhook"
APP_TYPES = {"multitenant": "MultiTenant", "singletenant": "SingleTenant", "userassignedmsi": "UserAssignedMSI"}

USAGE = "Posez-moi une question, par exemple : « Azure peut-il héberger des données de santé pour un ministère ? »"
TIMEOUT = ("⏳ Délai dépassé : la réponse demande plus de temps que Teams n'en laisse. Je continue à la "
           "préparer : reposez la même question dans un instant.")
BUSY = "Trop de questions sont en cours de traitement ; réessayez dans une minute."


class Answerer(Protocol):
    def ask(self, question: str, as_of=None) -> Any: ...


def _first(env: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


@dataclass(frozen=True)
class TeamsConfig:
    """Bot Framework credentials and the webhook secret; secrets never appear in `repr`."""
    app_id: str | None = None
    app_password: str | None = field(default=None, repr=False)
    tenant_id: str | None = None
    app_type: str = "MultiTenant"
    webhook_secret: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "TeamsConfig":
        env = os.environ if environ is None else environ
        config = cls(app_id=_first(env, "MicrosoftAppId", "TEAMS_APP_ID"),
                     app_password=_first(env, "MicrosoftAppPassword", "TEAMS_APP_PASSWORD"),
                     tenant_id=_first(env, "MicrosoftAppTenantId", "TEAMS_APP_TENANT_ID"),
                     app_type=_first(env, "MicrosoftAppType", "TEAMS_APP_TYPE") or "MultiTenant",
                     webhook_secret=_first(env, "TEAMS_WEBHOOK_SECRET"))
        config.validate()
        return config

    def validate(self) -> None:
        """Raise `UsageError` naming what is missing or malformed."""
        if not self.app_id and not self.webhook_secret:
            raise UsageError("set MicrosoftAppId (Bot Framework) or TEAMS_WEBHOOK_SECRET (outgoing webhook) "
                             "to run the Teams bot (see docs/bots.md)")
        if self.app_id:
            kind = APP_TYPES.get(self.app_type.lower())
            if kind is None:
                raise UsageError(f"MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI, "
                                 f"not {self.app_type!r}")
            if kind != "UserAssignedMSI" and not self.app_password:
                raise UsageError("MicrosoftAppPassword must be set with MicrosoftAppId")
            if kind != "MultiTenant" and not self.tenant_id:
                raise UsageError(f"MicrosoftAppTenantId must be set for a {kind} bot")
        if self.webhook_secret:
            try:
                teams_key(self.webhook_secret)
            except ValueError as exc:
                raise UsageError(f"{exc} (copy the security token Teams shows when the webhook is created)") from None

    def sdk_configuration(self) -> SimpleNamespace:
        """The attribute names `ConfigurationBotFrameworkAuthentication` reads."""
        return SimpleNamespace(APP_ID=self.app_id, APP_PASSWORD=self.app_password or "",
                               APP_TENANTID=self.tenant_id, APP_TYPE=APP_TYPES[self.app_type.lower()])


def question_text(raw: str | None) -> str:
    """The user's words: `<at>…</at>` mentions and other HTML dropped, entities undone."""
    if not isinstance(raw, str):  # a Bot Framework activity whose text is not a string
        return ""
    text = re.sub(r"<at\b[^>]*>.*?</at>", " ", raw, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).replace("\xa0", " ").split())


class Asker:
    """Runs `service.ask` one question at a time in a worker thread; the same question pending,
    or answered less than `reuse_s` ago, shares one computation."""

    def __init__(self, service: Answerer, max_pending: int = MAX_PENDING, reuse_s: float = 600.0):
        self.service = service
        self.max_pending = max_pending
        self.reuse_s = reuse_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hds-teams-answer")
        self._pending: OrderedDict[str, tuple[Future, float]] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, question: str) -> Future | None:
        """The computation of this question, or None when too many are waiting."""
        key, now = question.casefold(), time.monotonic()
        with self._lock:
            for k, (f, started) in list(self._pending.items()):
                if f.done() and (f.exception() or now - started > self.reuse_s):
                    del self._pending[k]
            if key in self._pending:
                return self._pending[key][0]
            while len(self._pending) >= self.max_pending:
                oldest_done = next((k for k, (f, _) in self._pending.items() if f.done()), None)
                if oldest_done is None:
                    return None
                del self._pending[oldest_done]
            future = self._executor.submit(lambda: self.service.ask(question).to_json())
            self._pending[key] = (future, now)
            return future

    async def reply(self, question: str, timeout_s: float | None) -> dict:
        """The message activity answering `question`, or a timeout/busy/error message."""
        future = self.submit(question)
        if future is None:
            return teams_format.notice(BUSY)
        try:
            if future.done():  # an answer computed for an earlier request is served at once
                answer = future.result()
            else:
                answer = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), timeout_s)
        except asyncio.TimeoutError:
            return teams_format.notice(TIMEOUT)
        except Exception as exc:  # the user must hear back even when the service fails
            log.error("the answer service failed: %s", one_sentence(exc))
            return teams_format.notice(f"Je n'ai pas pu répondre : {one_sentence(exc)}")
        return teams_format.reply(answer)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


class HdsBot(ActivityHandler):
    """The Bot Framework bot: each message gets a typing indicator, then the answer card."""

    def __init__(self, asker: Asker, timeout_s: float = 60.0):
        self.asker = asker
        self.timeout_s = timeout_s

    async def on_message_activity(self, turn_context: TurnContext):
        question = question_text(turn_context.activity.text)
        if not question:
            await turn_context.send_activity(Activity().deserialize(teams_format.notice(USAGE)))
            return
        await turn_context.send_activity(Activity(type=ActivityTypes.typing))
        reply = await self.asker.reply(question, self.timeout_s)
        await turn_context.send_activity(Activity().deserialize(reply))


def create_app(service: Answerer, config: TeamsConfig | None = None, *,
               webhook_timeout_s: float = 4.5, bot_timeout_s: float = 60.0) -> web.Application:
    """The aiohttp application: `/api/messages` when an app id is set, `/api/teams/webhook`
    when a webhook secret is set, and `GET /health`."""
    config = config or TeamsConfig.from_env()
    config.validate()
    asker = Asker(service)
    app = web.Application(client_max_size=MAX_BODY)

    if config.app_id:
        import jwt
        import requests
        from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

        adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(config.sdk_configuration()))
        bot = HdsBot(asker, bot_timeout_s)

        async def on_error(context: TurnContext, error: Exception):
            log.error("Bot Framework turn failed: %s", one_sentence(error))
            await context.send_activity("Une erreur est survenue ; réessayez dans un instant.")

        adapter.on_turn_error = on_error

        async def messages(request: web.Request) -> web.StreamResponse:
            if (request.content_length or 0) > MAX_BODY:
                return error(413, TOO_LARGE)
            if "application/json" not in request.headers.get("Content-Type", ""):
                return error(415, "expected application/json")
            try:
                return await adapter.process(request, bot)
            except web.HTTPRequestEntityTooLarge:
                return error(413, TOO_LARGE)
            except (web.HTTPUnauthorized, jwt.PyJWTError):
                log.warning("refused a Bot Framework request from %s: invalid or missing token", request.remote)
                return error(401, "invalid or missing Bot Framework token")
            except requests.RequestException as exc:
                # the SDK fetches Microsoft's signing keys to validate a token; without them we cannot
                log.error("cannot validate a Bot Framework token: %s", exc.__class__.__name__)
                return error(503, "token validation unavailable")
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:  # a body the SDK could not read
                log.warning("refused a Bot Framework request from %s: %s", request.remote, one_sentence(exc))
                return error(400, "the body is not a Bot Framework activity")

        app.router.add_post(MESSAGES_PATH, messages)

    if config.webhook_secret:
        key = teams_key(config.webhook_secret)

        async def webhook(request: web.Request) -> web.Response:
            body = await read_limited(request, MAX_BODY)
            if body is None:
                return error(413, TOO_LARGE)
            try:
                verify_teams(key, body, request.headers.get("Authorization"))
            except SignatureError as exc:
                log.warning("refused a Teams webhook request from %s: %s", request.remote, exc)
                return error(401, "invalid HMAC signature")
            try:
                activity = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                activity = None
            problem = "the body is not a JSON activity" if activity is None else teams_problem(activity)
            if problem:
                log.warning("refused a signed Teams webhook request from %s: %s", request.remote, problem)
                return error(400, problem)
            question = question_text(activity.get("text"))
            if not question:
                return web.json_response(teams_format.notice(USAGE))
            return web.json_response(await asker.reply(question, webhook_timeout_s))

        app.router.add_post(WEBHOOK_PATH, webhook)

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "bot_framework": bool(config.app_id),
                                  "webhook": bool(config.webhook_secret)})

    async def shutdown(_app: web.Application) -> None:
        asker.close()

    app.router.add_get("/health", health)
    app.on_cleanup.append(shutdown)
    return app


def run(service: Answerer, config: TeamsConfig, *, host: str = "127.0.0.1", port: int = 3978) -> None:
    """Serve until interrupted."""
    routes = ([MESSAGES_PATH] if config.app_id else []) + ([WEBHOOK_PATH] if config.webhook_secret else [])
    web.run_app(create_app(service, config), host=host, port=port,
                print=lambda _msg: print("Teams bot: " + ", ".join(f"POST http://{host}:{port}{r}" for r in routes),
                                         flush=True))
