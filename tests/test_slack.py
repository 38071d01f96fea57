"""The Slack bot over real HTTP: signed requests to the running server, a local fake Slack Web
API recording what the bot posts, and a real answer through the real `AnswerService`."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support.aiohttp_server import LiveServer, http_post

from assistant.channels import slack_format
from assistant.channels.signatures import slack_signature
from assistant.channels.slack import SeenEvents, SlackConfig, create_app, question_text

SECRET = "test-signing-secret-0123456789abcdef"
TOKEN = "xoxb-test-bot-token-not-real"
ROOT = Path(__file__).resolve().parents[1]


# -- the edges: a fake Slack Web API and the bot served on a loopback port ----------------------

class FakeSlack:
    """Answers `auth.test`, records `chat.postMessage` and `response_url` posts."""

    def __init__(self):
        self.calls: list[dict] = []
        self.changed = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    payload = json.loads(raw or "{}")
                else:
                    payload = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                with fake.changed:
                    fake.calls.append({"path": self.path, "method": method, "payload": payload,
                                       "authorization": self.headers.get("Authorization")})
                    fake.changed.notify_all()
                if method == "auth.test":
                    reply = {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "user": "hds"}
                else:
                    reply = {"ok": True, "channel": payload.get("channel"), "ts": f"{time.time():.6f}"}
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def posts(self, method="chat.postMessage"):
        return [c for c in self.calls if c["method"] == method]

    def wait_for(self, method, count=1, timeout=60.0):
        with self.changed:
            self.changed.wait_for(lambda: len(self.posts(method)) >= count, timeout=timeout)
        return self.posts(method)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def signed(body: str, *, secret=SECRET, ts: int | None = None, content_type="application/json", extra=None):
    ts = str(int(time.time()) if ts is None else ts)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": slack_signature(secret, ts, body.encode())}
    return body.encode(), {**headers, **(extra or {})}


def event_body(event: dict, event_id: str) -> str:
    return json.dumps({"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event})


# -- fixtures -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fake_slack():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture(scope="module")
def bot(fake_slack, answer_service):
    config = SlackConfig(signing_secret=SECRET, bot_token=TOKEN, api_url=fake_slack.url + "/api/")
    server = LiveServer(create_app(service=answer_service, config=config))
    yield server
    server.close()


@pytest.fixture(autouse=True)
def fresh_calls(fake_slack):
    fake_slack.calls.clear()


def events_url(bot):
    return bot.url + "/slack/events"


# -- signatures and limits ----------------------------------------------------------------------

def test_url_verification_challenge(bot):
    status, body = http_post(events_url(bot), *signed(json.dumps(
        {"token": "legacy", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
         "type": "url_verification"})))
    assert status == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" in body.decode()


def test_unsigned_bad_and_stale_requests_are_refused(bot, fake_slack):
    body = event_body({"type": "app_mention", "user": "U1", "text": "<@UBOT> HDS ?", "ts": "1.1",
                       "channel": "C1"}, "EvREFUSED")
    assert http_post(events_url(bot), body.encode(), {"Content-Type": "application/json"})[0] == 401
    assert http_post(events_url(bot), *signed(body, secret="wrong-secret"))[0] == 401
    stale_body, stale_headers = signed(body, ts=int(time.time()) - 301)
    assert http_post(events_url(bot), stale_body, stale_headers)[0] == 401
    tampered, headers = signed(body)
    assert http_post(events_url(bot), tampered.replace(b"HDS", b"SNC"), headers)[0] == 401
    time.sleep(0.5)
    assert fake_slack.posts() == []


@pytest.mark.parametrize("body, content_type", [
    ("{not json", "application/json"),
    ('["a list"]', "application/json"),
    ('{"type": "event_callback", "event": "not an object"}', "application/json"),
    ('{"type": "event_callback", "event_id": "EvBAD1", "event": {"type": "app_mention", "text": 42, '
     '"channel": "C1", "ts": "1.2"}}', "application/json"),
    ('{"type": "event_callback", "event_id": "EvBAD2", "event": {"type": "app_mention", "text": "\\ud800 ?", '
     '"channel": "C1", "ts": "1.2"}}', "application/json"),
    ('{"type": "event_callback", "event_id": "EvBAD3", "event": {"type": "app_mention", "text": "R9 ?"}}',
     "application/json"),
    ("payload=%7Bnot+json", "application/x-www-form-urlencoded"),
    ("foo=bar", "application/x-www-form-urlencoded"),
    ("[" * 20_000 + "]" * 20_000, "application/json"),
])
def test_a_signed_but_malformed_request_gets_400_and_one_log_line(bot, fake_slack, caplog, body, content_type):
    before = len(fake_slack.posts())
    with caplog.at_level(logging.WARNING, logger="hds.slack"):
        status, raw = http_post(events_url(bot), *signed(body, content_type=content_type))
    assert status == 400, raw
    assert json.loads(raw)["error"]
    mine = [r for r in caplog.records if r.name == "hds.slack"]
    assert len(mine) == 1 and mine[0].exc_info is None, "one line, no traceback"
    assert len(fake_slack.posts()) == before


def test_oversized_body_is_refused(bot):
    body = json.dumps({"type": "event_callback", "padding": "x" * (1024 * 1024)})
    assert http_post(events_url(bot), *signed(body))[0] == 413


# -- answers in the thread --------------------------------------------------------------------------

def test_mention_is_answered_in_its_thread_with_sources(bot, fake_slack, answer_service):
    question = "Microsoft Azure peut-il héberger des données de santé pour le Health Data Hub au 28 septembre 2021 ?"
    event = {"type": "app_mention", "user": "U1", "text": f"<@UBOT> {question}", "ts": "1700000000.000100",
             "channel": "C1", "event_ts": "1700000000.000100"}
    started = time.monotonic()
    status, _ = http_post(events_url(bot), *signed(event_body(event, "EvMENTION1")))
    acked_in = time.monotonic() - started
    assert status == 200
    assert acked_in < 3.0, "Slack needs the acknowledgement within 3 seconds"
    post = fake_slack.wait_for("chat.postMessage")[0]
    assert post["authorization"] == f"Bearer {TOKEN}"
    payload = post["payload"]
    assert payload["channel"] == "C1" and payload["thread_ts"] == "1700000000.000100"
    expected = answer_service.ask(question).to_json()
    assert payload["blocks"] == slack_format.blocks(expected)
    sources = [b for b in payload["blocks"] if b["type"] == "section" and b["text"]["text"].startswith("*[1]*")]
    assert sources, "the answer carries at least one numbered source"
    first = expected["citations"][0]
    assert (first.get("url") or first["title"]) in sources[0]["text"]["text"]
    assert any("À la date du" in e["text"] for b in payload["blocks"] if b["type"] == "context"
               for e in b["elements"])


def test_reply_in_an_existing_thread_stays_in_it(bot, fake_slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> Qu'exige la règle R9 ?",
             "ts": "1700000001.000200", "thread_ts": "1700000000.000100", "channel": "C2"}
    assert http_post(events_url(bot), *signed(event_body(event, "EvTHREAD1")))[0] == 200
    payload = fake_slack.wait_for("chat.postMessage")[0]["payload"]
    assert payload["thread_ts"] == "1700000000.000100" and payload["channel"] == "C2"


def test_direct_messages_are_answered_and_bot_messages_ignored(bot, fake_slack):
    ignored = [
        {"type": "message", "channel_type": "im", "bot_id": "B2", "text": "HDS ?", "ts": "2.1", "channel": "D1"},
        {"type": "message", "channel_type": "im", "subtype": "message_changed", "ts": "2.2", "channel": "D1",
         "message": {"text": "HDS ?"}},
        {"type": "message", "channel_type": "channel", "user": "U1", "text": "HDS ?", "ts": "2.3", "channel": "C1"},
    ]
    for n, event in enumerate(ignored):
        assert http_post(events_url(bot), *signed(event_body(event, f"EvIGNORED{n}")))[0] == 200
    dm = {"type": "message", "channel_type": "im", "user": "U1", "text": "Qu'est-ce que la certification HDS ?",
          "ts": "2.4", "channel": "D1"}
    assert http_post(events_url(bot), *signed(event_body(dm, "EvDM1")))[0] == 200
    posts = fake_slack.wait_for("chat.postMessage")
    time.sleep(1.0)  # leave time for a wrong answer to an ignored event to show up
    posts = fake_slack.posts()
    assert [(p["payload"]["channel"], p["payload"]["thread_ts"]) for p in posts] == [("D1", "2.4")]


def test_a_redelivered_event_is_answered_once(bot, fake_slack):
    event = {"type": "app_mention", "user": "U1", "text": "<@UBOT> SecNumCloud et CLOUD Act ?",
             "ts": "1700000002.000300", "channel": "C3"}
    body = event_body(event, "EvRETRY1")
    assert http_post(events_url(bot), *signed(body))[0] == 200
    retry_body, retry_headers = signed(body, extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert http_post(events_url(bot), retry_body, retry_headers)[0] == 200
    fake_slack.wait_for("chat.postMessage")
    time.sleep(1.5)
    assert len(fake_slack.posts()) == 1


def test_slash_command_acks_then_responds(bot, fake_slack):
    form = urllib.parse.urlencode({
        "token": "legacy", "team_id": "T1", "channel_id": "C4", "user_id": "U1", "command": "/hds",
        "text": "OVHcloud est-il qualifié SecNumCloud ?", "response_url": fake_slack.url + "/commands/T1/1/abc",
        "trigger_id": "1.2.3"})
    started = time.monotonic()
    status, body = http_post(events_url(bot), *signed(form, content_type="application/x-www-form-urlencoded"))
    assert status == 200 and time.monotonic() - started < 3.0
    assert "Je cherche" in body.decode()
    responded = [c for c in fake_slack.wait_for("abc") if c["path"] == "/commands/T1/1/abc"]
    assert responded[0]["payload"]["response_type"] == "in_channel"
    assert any(b["type"] == "section" for b in responded[0]["payload"]["blocks"])


def test_empty_slash_command_gets_the_usage(bot, fake_slack):
    form = urllib.parse.urlencode({"command": "/hds", "text": "  ", "channel_id": "C4", "user_id": "U1",
                                   "response_url": fake_slack.url + "/commands/T1/2/def", "team_id": "T1"})
    status, body = http_post(events_url(bot), *signed(form, content_type="application/x-www-form-urlencoded"))
    assert status == 200 and "/hds" in body.decode()


def test_secrets_never_reach_the_logs(bot, caplog):
    caplog.set_level(logging.DEBUG)
    body = event_body({"type": "app_mention", "text": "x", "ts": "3.1", "channel": "C1"}, "EvLOG1")
    http_post(events_url(bot), *signed(body, secret="wrong-secret"))
    config = SlackConfig(signing_secret=SECRET, bot_token=TOKEN)
    assert SECRET not in repr(config) and TOKEN not in repr(config)
    assert caplog.records, "the refusal is logged"
    assert all(SECRET not in r.getMessage() and TOKEN not in r.getMessage() for r in caplog.records)


# -- small pure parts ----------------------------------------------------------------------------------

def test_question_text_drops_mentions_and_unescapes():
    raw = "<@U0BOT|hds> Azure &amp; <https://x.example/a|ce lien> : HDS &lt;2021&gt; ?"
    assert question_text(raw) == "Azure & ce lien : HDS <2021> ?"


@pytest.mark.parametrize("question", [
    "Microsoft Azure peut-il héberger des données de santé pour le Health Data Hub au 28 septembre 2021 ?",
    "Que dit l'article 48 du RGPD sur les décisions de justice étrangères ?",
    "Quelle est la recette du cassoulet ?",
])
def test_real_answers_fit_slack_limits(answer_service, question):
    answer = answer_service.ask(question).to_json()
    message = slack_format.message(answer)
    assert len(message["blocks"]) <= 50 and len(message["text"]) <= 3000
    for block in message["blocks"]:
        texts = [block["text"]["text"]] if "text" in block else [e["text"] for e in block.get("elements", [])]
        assert all(0 < len(t) <= 3000 for t in texts)
    assert message["blocks"][-1]["type"] == "context" and "pas un avis juridique" in json.dumps(message["blocks"][-1],
                                                                                              ensure_ascii=False)


@pytest.mark.parametrize("question", [
    "Microsoft Azure peut-il héberger des données de santé pour le Health Data Hub au 28 septembre 2021 ?",
    "Microsoft peut-il héberger des données de santé pour un ministère ?",
    "Un hôpital peut-il héberger des données de santé sur OVHcloud et sur Microsoft Azure ?",
])
def test_an_eligibility_answer_is_built_for_slack(answer_service, question):
    answer = answer_service.ask(question).to_json()
    message = slack_format.message(answer, environ={"HDS_PUBLIC_URL": "https://hds.example.org/"})
    raw = json.dumps(message["blocks"], ensure_ascii=False)
    short = slack_format.escape(" ".join(answer["short_answer"].split()))
    assert raw.count(json.dumps(short, ensure_ascii=False)[1:-1]) == 1, "the short answer once"
    assert raw.count("pas un avis juridique") == 1, "one disclaimer"
    assert "*Pourquoi :*" in raw
    quotes = [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"
              and b["text"]["text"].startswith("*[")]
    assert 1 <= len(quotes) <= 3
    for text in quotes:  # the whole quote, linked to its passage on the web chat
        n = int(text[2:text.index("]")])
        citation = next(c for c in answer["citations"] if c["n"] == n)
        assert f"« {slack_format.escape(' '.join(citation['quote'].split()))} »" in text
        assert "<https://hds.example.org/source/" in text and "#passage|" in text
    assert "<https://hds.example.org/answer?q=" in raw and "Voir la réponse complète" in raw
    assert len(message["blocks"]) <= 12 and len(raw) < 6000


def test_a_quote_too_long_for_a_section_is_linked_not_cut():
    quote = "mot " * 900
    answer = {"short_answer": "Oui.", "as_of": "2024-06-01", "language": "fr",
              "citations": [{"n": 1, "doc_id": "d", "title": "T", "quote": quote, "start": 0, "end": 3600}]}
    text = slack_format.blocks(answer)[2]["text"]["text"]
    assert "mot mot" not in text and "passage long" in text and len(text) <= 3000


def test_seen_events_expire_and_stay_bounded():
    seen = SeenEvents(ttl_s=10, max_size=3)
    assert seen.first_time("a", now=0) and not seen.first_time("a", now=5)
    assert seen.first_time("a", now=11)
    for name in "bcd":
        seen.first_time(name, now=12)
    assert len(seen._seen) <= 3


def test_missing_settings_stop_the_server_with_exit_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(HDS_DATA_DIR=str(tmp_path), SLACK_BOT_TOKEN=TOKEN)
    done = subprocess.run([sys.executable, "-m", "assistant", "slack", "--port", "0"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET must be set" in done.stderr
    assert TOKEN not in done.stderr + done.stdout


def test_the_command_serves_signed_events(tmp_path_factory, answer_service):
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SLACK_SIGNING_SECRET=SECRET, SLACK_BOT_TOKEN=TOKEN, HDS_RETRIEVAL="bm25",
               HDS_DATA_DIR=str(answer_service.settings.data_dir), SLACK_API_URL="http://127.0.0.1:9/api/")
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "slack", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/slack/events"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the slack command did not start"
                time.sleep(0.3)
        status, body = http_post(url, *signed(json.dumps({"type": "url_verification", "challenge": "c-42"})))
        assert status == 200 and "c-42" in body.decode()
        assert http_post(url, b"{}", {"Content-Type": "application/json"})[0] == 401
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert SECRET not in output and TOKEN not in output


def test_a_cut_question_is_said_and_an_english_answer_stays_english(answer_service):
    from assistant.answer.service import MAX_QUESTION_CHARS

    long = answer_service.ask("Que dit la règle R9 ? " + "détail " * MAX_QUESTION_CHARS).to_json()
    raw = json.dumps(slack_format.blocks(long), ensure_ascii=False)
    assert f"{MAX_QUESTION_CHARS} caractères" in raw, "the user is told the question was cut"
    english = answer_service.ask("Can Microsoft Azure host health data for a ministry as of 2021-09-28?").to_json()
    assert english["language"] == "en"
    raw = json.dumps(slack_format.blocks(english), ensure_ascii=False)
    assert "*Why:*" in raw and "As of" in raw and "not legal advice" in raw
    assert "Pourquoi" not in raw and "À la date du" not in raw and "pas un avis juridique" not in raw
