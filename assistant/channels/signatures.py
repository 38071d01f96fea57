"""Request signatures of the chat platforms, verified in one pure place.

- Slack "v0" signing: `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:{ts}:{body}")>`
  with `X-Slack-Request-Timestamp: {ts}`; a timestamp more than five minutes away from now is
  refused, so that a captured request cannot be replayed later.
- Teams outgoing webhooks: `Authorization: HMAC <base64 HMAC-SHA256(base64-decoded secret, body)>`.

Every comparison is constant-time. This module only computes and compares: it does not read
HTTP requests, log anything, or know about the bots (`slack.py` and `teams.py` do).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

SLACK_MAX_AGE_S = 5 * 60


class SignatureError(Exception):
    """A request whose signature is missing, malformed, wrong or too old (answer 401)."""


def slack_signature(signing_secret: str, timestamp: str, body: bytes | str) -> str:
    """The `X-Slack-Signature` value Slack sends for this timestamp and raw body."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    base = b"v0:" + timestamp.encode("ascii") + b":" + raw
    return "v0=" + hmac.new(signing_secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def verify_slack(signing_secret: str, timestamp: str | None, body: bytes | str,
                 signature: str | None, *, now: float | None = None,
                 max_age_s: int = SLACK_MAX_AGE_S) -> None:
    """Raise `SignatureError` unless `signature` is Slack's for this body, made within `max_age_s`."""
    if not signing_secret:
        raise SignatureError("no signing secret is configured")
    if not timestamp or not signature:
        raise SignatureError("the request is not signed")
    try:
        ts = int(timestamp)
    except ValueError:
        raise SignatureError("the request timestamp is not a number") from None
    current = time.time() if now is None else now
    if abs(current - ts) > max_age_s:
        raise SignatureError("the request timestamp is outside the five-minute window")
    expected = slack_signature(signing_secret, timestamp, body)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8", "replace")):
        raise SignatureError("the request signature does not match")


def teams_key(secret_b64: str) -> bytes:
    """The HMAC key of a Teams outgoing webhook: its security token, base64-decoded."""
    try:
        key = base64.b64decode(secret_b64.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the Teams webhook secret is not valid base64") from None
    if not key:
        raise ValueError("the Teams webhook secret is empty")
    return key


def teams_signature(key: bytes, body: bytes) -> str:
    """The `Authorization` header value Teams sends for this raw body."""
    digest = hmac.new(key, body, hashlib.sha256).digest()
    return "HMAC " + base64.b64encode(digest).decode("ascii")


def verify_teams(key: bytes, body: bytes, authorization: str | None) -> None:
    """Raise `SignatureError` unless `authorization` is `HMAC <base64 digest>` of this body."""
    if not authorization:
        raise SignatureError("the request has no Authorization header")
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.upper() != "HMAC" or not value.strip():
        raise SignatureError("the Authorization header is not an HMAC signature")
    expected = teams_signature(key, body).partition(" ")[2]
    if not hmac.compare_digest(expected.encode("ascii"), value.strip().encode("utf-8", "replace")):
        raise SignatureError("the HMAC signature does not match")
