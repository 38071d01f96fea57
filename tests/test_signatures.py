"""The Slack v0 and Teams outgoing-webhook signatures, against published and independent values."""
from __future__ import annotations

import base64
import hashlib
import hmac

import pytest
from slack_sdk.signature import SignatureVerifier

from assistant.channels.signatures import (SignatureError, slack_signature, teams_key, teams_signature,
                                           verify_slack, verify_teams)

# The worked example of Slack's "Verifying requests from Slack" page
# (api.slack.com/authentication/verifying-requests-from-slack).
DOC_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
DOC_TS = "1531420618"
DOC_BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
DOC_SIG = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_slack_documentation_example():
    assert slack_signature(DOC_SECRET, DOC_TS, DOC_BODY) == DOC_SIG
    verify_slack(DOC_SECRET, DOC_TS, DOC_BODY.encode(), DOC_SIG, now=int(DOC_TS) + 60)


def test_slack_agrees_with_slack_sdk_verifier():
    body = '{"type":"event_callback","event_id":"Ev1","event":{"text":"données de santé « Azure »"}}'
    ts = "1700000000"
    sdk = SignatureVerifier("s3cret", clock=type("C", (), {"now": staticmethod(lambda: 1700000010.0)})())
    ours = slack_signature("s3cret", ts, body.encode("utf-8"))
    assert sdk.generate_signature(timestamp=ts, body=body) == ours
    assert sdk.is_valid(body=body, timestamp=ts, signature=ours)


@pytest.mark.parametrize("now_offset, ok", [(0, True), (299, True), (-299, True), (301, False), (-301, False)])
def test_slack_five_minute_window(now_offset, ok):
    now = int(DOC_TS) + now_offset
    if ok:
        verify_slack(DOC_SECRET, DOC_TS, DOC_BODY, DOC_SIG, now=now)
    else:
        with pytest.raises(SignatureError, match="five-minute"):
            verify_slack(DOC_SECRET, DOC_TS, DOC_BODY, DOC_SIG, now=now)


@pytest.mark.parametrize("secret, ts, body, sig, reason", [
    (DOC_SECRET, None, DOC_BODY, DOC_SIG, "not signed"),
    (DOC_SECRET, DOC_TS, DOC_BODY, None, "not signed"),
    (DOC_SECRET, "yesterday", DOC_BODY, DOC_SIG, "not a number"),
    (DOC_SECRET, DOC_TS, DOC_BODY + "&x=1", DOC_SIG, "does not match"),
    ("another-secret", DOC_TS, DOC_BODY, DOC_SIG, "does not match"),
    (DOC_SECRET, DOC_TS, DOC_BODY, "v0=lolno", "does not match"),
    (DOC_SECRET, DOC_TS, DOC_BODY, DOC_SIG.upper(), "does not match"),
    ("", DOC_TS, DOC_BODY, DOC_SIG, "no signing secret"),
])
def test_slack_refusals(secret, ts, body, sig, reason):
    with pytest.raises(SignatureError, match=reason):
        verify_slack(secret, ts, body, sig, now=int(DOC_TS))


SECRET_B64 = base64.b64encode(b"teams outgoing webhook token, 32b").decode()


def _independent_teams_header(secret_b64: str, body: bytes) -> str:
    mac = hmac.new(base64.b64decode(secret_b64), body, hashlib.sha256)
    return "HMAC " + base64.b64encode(mac.digest()).decode()


def test_teams_signature_matches_the_documented_construction():
    body = '{"type":"message","text":"<at>HDS</at> Azure peut-il héberger des données de santé ?"}'.encode()
    header = _independent_teams_header(SECRET_B64, body)
    key = teams_key(SECRET_B64)
    assert teams_signature(key, body) == header
    verify_teams(key, body, header)
    verify_teams(key, body, "hmac " + header.split(" ", 1)[1])


@pytest.mark.parametrize("authorization, reason", [
    (None, "no Authorization"),
    ("", "no Authorization"),
    ("Bearer abc", "not an HMAC"),
    ("HMAC ", "not an HMAC"),
    ("HMAC AAAA", "does not match"),
])
def test_teams_refusals(authorization, reason):
    with pytest.raises(SignatureError, match=reason):
        verify_teams(teams_key(SECRET_B64), b"{}", authorization)


def test_teams_signature_of_another_body_is_refused():
    key = teams_key(SECRET_B64)
    with pytest.raises(SignatureError, match="does not match"):
        verify_teams(key, b'{"text":"b"}', _independent_teams_header(SECRET_B64, b'{"text":"a"}'))


@pytest.mark.parametrize("bad", ["not base64!", "", "===="])
def test_teams_secret_must_be_base64(bad):
    with pytest.raises(ValueError, match="Teams webhook secret"):
        teams_key(bad)
