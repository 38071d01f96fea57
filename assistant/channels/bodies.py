"""Reading and checking request bodies for the bot endpoints (aiohttp), and their one error
format.

`await read_capped(declared, chunks, limit)` is the one body reader of every endpoint (bots on
aiohttp, the web API on Starlette): the body, or None when it is larger than `limit` (declared
or actual, checked while reading): the caller answers 413. `await read_limited(request, limit)`
applies it to an aiohttp request. `error(status, message)` is the JSON
`{"error": message}` every bot endpoint answers with. `slack_problem(body, content_type)` and
`teams_problem(activity)` say in one sentence what is malformed in a (signed) request, or "".
It verifies no signature.
"""
from __future__ import annotations

import json
from urllib.parse import parse_qs

from aiohttp import web

TOO_LARGE = "request body too large"


async def read_capped(declared: int | str | None, chunks, limit: int) -> bytes | None:
    """The bytes of the async iterable `chunks`, or None past `limit` (or a declared length past it)."""
    if declared is not None and str(declared).isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in chunks:
        body.extend(chunk)
        if len(body) > limit:
            return None
    return bytes(body)


async def read_limited(request: web.Request, limit: int) -> bytes | None:
    return await read_capped(request.content_length, request.content.iter_any(), limit)


def error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _bad_text(value) -> bool:
    """Not a string, or a string holding a lone surrogate (valid JSON, not UTF-8)."""
    if not isinstance(value, str):
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def slack_problem(text: str, content_type: str) -> str:
    """What is wrong with a Slack request body, or "" (events are JSON, commands are forms)."""
    if "application/x-www-form-urlencoded" in content_type:
        form = parse_qs(text, keep_blank_values=True)
        if "payload" in form:
            try:
                payload = json.loads(form["payload"][0])
            except (json.JSONDecodeError, RecursionError):
                return "the form field 'payload' is not JSON"
            return "" if isinstance(payload, dict) else "the form field 'payload' is not a JSON object"
        return "" if "command" in form or "ssl_check" in form else "the form has no 'command' field"
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return "the body is not JSON"
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return "the body must be a JSON object with a string 'type'"
    if payload["type"] == "url_verification" and not isinstance(payload.get("challenge"), str):
        return "'challenge' must be a string"
    if payload["type"] == "event_callback":
        event = payload.get("event")
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            return "'event' must be an object with a string 'type'"
        if "event_id" in payload and not isinstance(payload["event_id"], str):
            return "'event_id' must be a string"
        if event["type"] in ("app_mention", "message"):
            for key in ("channel", "ts"):
                if key in event and _bad_text(event[key]):
                    return f"'event.{key}' must be a string"
            if "text" in event and _bad_text(event["text"]):
                return "'event.text' must be a text string"
            if event["type"] == "app_mention" and not all(isinstance(event.get(k), str) for k in ("channel", "ts")):
                return "an app_mention needs 'channel' and 'ts' strings"
    return ""


def teams_problem(activity) -> str:
    """What is wrong with an outgoing-webhook activity, or ""."""
    if not isinstance(activity, dict):
        return "the body must be a JSON activity object"
    if activity.get("text") is not None and _bad_text(activity["text"]):
        return "'text' must be a text string"
    return ""
