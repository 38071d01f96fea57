"""Reading a request body with a size limit, for the bot endpoints (aiohttp).

`await read_limited(request, limit)` returns the body, or None when it is larger than
`limit` (declared or actual): the caller answers 413. It does not verify anything else.
"""
from __future__ import annotations

from aiohttp import web

TOO_LARGE = "request body too large"


async def read_limited(request: web.Request, limit: int) -> bytes | None:
    if (request.content_length or 0) > limit:
        return None
    try:
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return None
    return body if len(body) <= limit else None
