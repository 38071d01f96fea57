"""The Teams bot: Bot Framework conversations through the SDK's TestAdapter, the running server's
token check on `/api/messages`, and the HMAC-signed outgoing webhook over real HTTP, all answering
through the real `AnswerService`."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support.aiohttp_server import LiveServer, http_post
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import ActivityTypes

from assistant.channels import teams_format
from assistant.channels.teams import (MESSAGES_PATH, WEBHOOK_PATH, Asker, HdsBot, TeamsConfig, create_app,
                                      question_text)
from assistant.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
WEBHOOK_SECRET = base64.b64encode(b"a Teams outgoing webhook security token").decode()
APP_ID = "11111111-2222-3333-4444-555555555555"
APP_PASSWORD = "not-a-real-app-password"
QUESTION = "Microsoft Azure peut-il héberger des données de santé pour le Health Data Hub au 28 septembre 2021 ?"


def teams_hmac(body: bytes, secret_b64: str = WEBHOOK_SECRET) -> str:
    digest = hmac.new(base64.b64decode(secret_b64), body, hashlib.sha256).digest()
    return "HMAC " + base64.b64encode(digest).decode()


def webhook_activity(text: str) -> bytes:
    return json.dumps({"type": "message", "id": "1485983408511", "timestamp": "2024-02-23T10:00:00.000Z",
                       "serviceUrl": "https://smba.trafficmanager.net/emea/", "channelId": "msteams",
                       "from": {"id": "29:1", "name": "Une DSI"}, "conversation": {"id": "19:abc"},
                       "text": text, "textFormat": "plain"}, ensure_ascii=False).encode()


@pytest.fixture(scope="module")
def server(answer_service):
    config = TeamsConfig(app_id=APP_ID, app_password=APP_PASSWORD, webhook_secret=WEBHOOK_SECRET)
    live = LiveServer(create_app(service=answer_service, config=config))
    yield live
    live.close()


# -- Bot Framework: the bot's ActivityHandler through the SDK's TestAdapter -----------------------

def converse(bot, text: str) -> list:
    async def run():
        adapter = TestAdapter(bot.on_turn)
        await adapter.send(text)
        replies = []
        while adapter.activity_buffer:
            replies.append(adapter.get_next_activity())
        return replies
    return asyncio.run(run())


def test_bot_answers_with_an_adaptive_card(answer_service):
    bot = HdsBot(Asker(answer_service))
    replies = converse(bot, f"<at>HDS Assistant</at> {QUESTION}")
    assert [r.type for r in replies] == [ActivityTypes.typing, ActivityTypes.message]
    message = replies[1]
    expected = answer_service.ask(QUESTION).to_json()
    assert message.attachments[0].content_type == "application/vnd.microsoft.card.adaptive"
    card = message.attachments[0].content
    assert card == teams_format.reply(expected)["attachments"][0]["content"]  # the card as sized inside its activity (6 kB in all)
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert message.text == expected["short_answer"]
    # No `summary` any more: it repeated the whole answer a second time (issue 14).
    assert card["fallbackText"].startswith(expected["short_answer"])
    texts = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
    assert any(t.startswith("**[1]**") for t in texts), "numbered sources"
    assert any(t.startswith("À la date du") and "pas un avis juridique" in t for t in texts)
    assert expected["verdict"]["verdict"] == "not_eligible"
    assert any("**Non éligible**" in t for t in texts) and any(t.startswith("**Pourquoi :**") for t in texts)


@pytest.mark.parametrize("question", [
    QUESTION,
    "Microsoft peut-il héberger des données de santé pour un ministère ?",
    "Un hôpital peut-il héberger des données de santé sur OVHcloud et sur Microsoft Azure ?",
    "Que dit l'article 48 du RGPD sur les décisions de justice étrangères ?",
    "Quelle est la recette du cassoulet ?",
])
def test_real_answers_fit_a_teams_card(answer_service, question):
    answer = answer_service.ask(question).to_json()
    activity = teams_format.reply(answer, environ={"HDS_PUBLIC_URL": "https://hds.example.org"})
    card = activity["attachments"][0]["content"]
    raw = json.dumps(card, ensure_ascii=False)
    assert teams_format.size(activity) < 6000, f"{teams_format.size(activity)} bytes"
    texts = [b["text"] for b in card["body"]]
    assert sum(answer["short_answer"].split()[0] in t.split(" ")[:1] for t in texts[:1]) == 1
    assert raw.count("pas un avis juridique") == 1, "one disclaimer"
    quotes = [t for t in texts if t.startswith("**[")]
    assert len(quotes) <= 3
    worded = [t for t in quotes if " : « " in t]
    assert not quotes or len(worded) in (0, len(quotes))  # quotes whole, or (none fits) numbered sources only
    for t in quotes:  # each source linked to its passage on the web chat, its quote whole when shown
        n = int(t[3:t.index("]")])
        citation = next(c for c in answer["citations"] if c["n"] == n)
        assert "https://hds.example.org/source/" in t and "#passage" in t
        if worded:
            assert " ".join(citation["quote"].split()).replace("*", "\\*").replace("_", "\\_")[:40] in t
    if answer["verdict"]:
        assert card["actions"][0]["url"].startswith("https://hds.example.org/answer?q=")
        assert any(t.startswith("**Pourquoi :**") for t in texts)


def test_bot_asks_for_a_question_when_only_mentioned(answer_service):
    replies = converse(HdsBot(Asker(answer_service)), "<at>HDS Assistant</at>&nbsp;")
    assert len(replies) == 1 and "Posez-moi une question" in replies[0].text


# -- the running server: Bot Framework token check ---------------------------------------------------

def bf_activity() -> bytes:
    return json.dumps({"type": "message", "id": "1", "text": "HDS ?", "channelId": "msteams",
                       "serviceUrl": "https://smba.trafficmanager.net/emea/", "from": {"id": "29:1"},
                       "recipient": {"id": "28:bot"}, "conversation": {"id": "19:abc"}}).encode()


def test_messages_without_a_valid_token_are_refused(server):
    url = server.url + MESSAGES_PATH
    assert http_post(url, bf_activity(), {"Content-Type": "application/json"})[0] == 401
    assert http_post(url, bf_activity(), {"Content-Type": "application/json",
                                          "Authorization": "Bearer not-a-jwt"})[0] == 401
    assert http_post(url, bf_activity(), {"Content-Type": "text/plain"})[0] == 415
    big = b'{"type":"message","text":"' + b"x" * (1024 * 1024) + b'"}'
    assert http_post(url, big, {"Content-Type": "application/json"})[0] == 413


def test_no_bot_framework_endpoint_without_an_app_id(answer_service):
    live = LiveServer(create_app(service=answer_service, config=TeamsConfig(webhook_secret=WEBHOOK_SECRET)))
    try:
        assert http_post(live.url + MESSAGES_PATH, bf_activity(), {"Content-Type": "application/json"})[0] == 404
    finally:
        live.close()


# -- the running server: outgoing webhook --------------------------------------------------------------

def test_webhook_answers_a_signed_request(server, answer_service):
    body = webhook_activity(f"<at>HDS</at> {QUESTION}")
    status, raw = http_post(server.url + WEBHOOK_PATH, body,
                            {"Content-Type": "application/json", "Authorization": teams_hmac(body)})
    assert status == 200
    reply = json.loads(raw)
    expected = answer_service.ask(QUESTION).to_json()
    assert reply["type"] == "message" and reply["text"] == expected["short_answer"]
    assert reply["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert reply["attachments"][0]["content"] == teams_format.reply(expected)["attachments"][0]["content"]


@pytest.mark.parametrize("authorization", [None, "HMAC AAAA", "Bearer x", "signed"])
def test_webhook_refuses_bad_or_missing_hmac(server, authorization):
    body = webhook_activity("<at>HDS</at> SecNumCloud ?")
    if authorization == "signed":  # signed with another secret
        authorization = teams_hmac(body, base64.b64encode(b"another secret").decode())
    headers = {"Content-Type": "application/json"} | ({"Authorization": authorization} if authorization else {})
    status, raw = http_post(server.url + WEBHOOK_PATH, body, headers)
    assert status == 401 and b"SecNumCloud" not in raw


def test_webhook_refuses_a_body_signed_for_another_text(server):
    signed_for = webhook_activity("<at>HDS</at> question A")
    sent = webhook_activity("<at>HDS</at> question B")
    assert http_post(server.url + WEBHOOK_PATH, sent, {"Content-Type": "application/json",
                                                       "Authorization": teams_hmac(signed_for)})[0] == 401


def test_a_card_too_big_drops_quotes_never_cuts_them():
    quote = "mot " * 500
    answer = {"short_answer": "Oui.", "as_of": "2024-06-01", "language": "fr",
              "citations": [{"n": n, "doc_id": "d", "title": "T", "quote": quote, "start": 0, "end": 2000}
                            for n in (1, 2, 3)]}
    activity = teams_format.reply(answer)
    texts = [b["text"] for b in activity["attachments"][0]["content"]["body"]]
    quotes = [t for t in texts if t.startswith("**[")]
    assert teams_format.size(activity) < 6000 and 1 <= len(quotes) < 3
    assert all(t.endswith(f"« {quote.strip()} »") for t in quotes), "each quote shown is whole"


@pytest.mark.parametrize("body", [
    b'{"type": "message", "text": 42}',
    b'{"type": "message", "text": ["R9 ?"]}',
    b'{"type": "message", "text": "\\ud800 R9 ?"}',
    b'["a list"]',
    b"{not json",
    b"\xff\xfe",
    b"[" * 20_000 + b"]" * 20_000,
])
def test_webhook_answers_a_signed_malformed_request_with_400(server, caplog, body):
    with caplog.at_level(logging.WARNING, logger="hds.teams"):
        status, raw = http_post(server.url + WEBHOOK_PATH, body,
                                {"Content-Type": "application/json", "Authorization": teams_hmac(body)})
    assert status == 400, raw
    assert json.loads(raw)["error"]
    mine = [r for r in caplog.records if r.name == "hds.teams"]
    assert len(mine) == 1 and mine[0].exc_info is None, "one line, no traceback"


def test_webhook_refuses_oversized_bodies(server):
    body = webhook_activity("x" * (1024 * 1024))
    assert http_post(server.url + WEBHOOK_PATH, body, {"Content-Type": "application/json",
                                                       "Authorization": teams_hmac(body)})[0] == 413


class _TakesASecond:
    """The real answer service, one second slower: on a loaded machine the worker thread could
    otherwise finish before the handler looks, and the first reply would be the answer itself."""

    def __init__(self, service):
        self.service = service

    def ask(self, question, as_of=None):
        time.sleep(1.0)
        return self.service.ask(question, as_of)


def test_webhook_past_its_deadline_says_so_then_serves_the_finished_answer(answer_service):
    config = TeamsConfig(webhook_secret=WEBHOOK_SECRET)
    live = LiveServer(create_app(service=_TakesASecond(answer_service), config=config, webhook_timeout_s=0.0))
    try:
        question = "Quelles exigences de souveraineté impose la qualification SecNumCloud ?"
        body = webhook_activity(f"<at>HDS</at> {question}")
        headers = {"Content-Type": "application/json", "Authorization": teams_hmac(body)}
        started = time.monotonic()
        status, raw = http_post(live.url + WEBHOOK_PATH, body, headers)
        assert status == 200 and time.monotonic() - started < 5.0
        assert "Délai dépassé" in json.loads(raw)["text"]
        deadline = time.monotonic() + 120
        while True:  # the computation goes on; the same question gets it once finished
            reply = json.loads(http_post(live.url + WEBHOOK_PATH, body, headers)[1])
            if reply.get("attachments") or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert reply["attachments"][0]["content"] == teams_format.reply(answer_service.ask(question).to_json())["attachments"][0]["content"]
    finally:
        live.close()


# -- configuration ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("env, message", [
    ({}, "set MicrosoftAppId"),
    ({"MicrosoftAppId": APP_ID}, "MicrosoftAppPassword must be set"),
    ({"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": "p", "TEAMS_APP_TYPE": "SingleTenant"}, "MicrosoftAppTenantId"),
    ({"MicrosoftAppId": APP_ID, "MicrosoftAppPassword": "p", "MicrosoftAppType": "Personal"}, "MicrosoftAppType must"),
    ({"TEAMS_WEBHOOK_SECRET": "not base64 !"}, "not valid base64"),
])
def test_config_errors_are_one_clear_sentence(env, message):
    with pytest.raises(UsageError, match=message):
        TeamsConfig.from_env(env)


def test_config_accepts_the_teams_aliases():
    config = TeamsConfig.from_env({"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": APP_PASSWORD,
                                   "TEAMS_APP_TENANT_ID": "t", "TEAMS_APP_TYPE": "singletenant"})
    sdk = config.sdk_configuration()
    assert (sdk.APP_ID, sdk.APP_TENANTID, sdk.APP_TYPE) == (APP_ID, "t", "SingleTenant")
    assert APP_PASSWORD not in repr(config)


@pytest.mark.parametrize("env, message", [
    ({}, "set MicrosoftAppId"),
    ({"TEAMS_WEBHOOK_SECRET": "%%%"}, "not valid base64"),
])
def test_server_stops_at_start_on_config_errors(tmp_path, env, message):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "TEAMS_"))}
    done = subprocess.run([sys.executable, "-m", "assistant", "teams", "--port", "0"], cwd=ROOT,
                          env={**clean, "HDS_DATA_DIR": str(tmp_path), **env},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and message in done.stderr


def test_question_text_strips_mentions_and_html():
    assert question_text("<at>HDS Assistant</at>&nbsp;Azure &amp; <b>HDS</b> ?") == "Azure & HDS ?"
    assert question_text("<p><at id=\"0\">HDS</at> OVH\xa0?</p>") == "OVH ?"


def test_secrets_never_reach_the_logs(server, caplog):
    caplog.set_level(logging.DEBUG)
    body = webhook_activity("<at>HDS</at> x")
    http_post(server.url + WEBHOOK_PATH, body, {"Content-Type": "application/json", "Authorization": "HMAC AAAA"})
    http_post(server.url + MESSAGES_PATH, bf_activity(), {"Content-Type": "application/json"})
    assert caplog.records
    for record in caplog.records:
        assert WEBHOOK_SECRET not in record.getMessage() and APP_PASSWORD not in record.getMessage()


def test_the_command_serves_the_signed_webhook(answer_service):
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("Microsoft", "TEAMS_"))}
    env.update(TEAMS_WEBHOOK_SECRET=WEBHOOK_SECRET, HDS_RETRIEVAL="bm25", HDS_LLM="",
               HDS_DATA_DIR=str(answer_service.settings.data_dir))
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "teams", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                health = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read())
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the teams command did not start"
                time.sleep(0.5)
        assert health == {"status": "ok", "bot_framework": False, "webhook": True}
        body = webhook_activity("<at>HDS</at> Qu'est-ce que la certification HDS ?")
        status, raw = http_post(f"http://127.0.0.1:{port}{WEBHOOK_PATH}", body,
                                {"Content-Type": "application/json", "Authorization": teams_hmac(body)})
        assert status == 200 and json.loads(raw)["attachments"][0]["content"]["type"] == "AdaptiveCard"
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert WEBHOOK_SECRET not in output
