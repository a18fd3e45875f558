"""What guards the HTTP app against the network: security headers (a Content-Security-Policy
that forbids inline script), a request body size limit, a per-client rate limit on writes and
a time limit per request. Pure ASGI middleware, so nothing is buffered twice or run in a thread.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..config import Settings

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The page's scripts and data come from the server itself; no inline script, no plugins,
#: no framing. Styles may be inline (Leaflet positions its panes with style attributes).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'")
#: FastAPI's interactive docs load Swagger UI with an inline script; they get no CSP.
DOCS_PATHS = ("/docs", "/redoc")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


async def _send_json(send: Send, status: int, detail: str,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and the other protective headers to every HTTP response."""

    def __init__(self, app: ASGIApp, *, policy: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.policy = policy.encode("ascii")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + _HEADERS
                if not docs:
                    headers.append((b"content-security-policy", self.policy))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Answers 413 for a request body over `max_bytes`: at once when Content-Length says so,
    else as soon as the streamed body passes the limit (the app never sees it)."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        too_big = f"request body over the limit of {self.max_bytes:,} bytes (WARMONITOR_MAX_BODY_BYTES)"
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                return await _send_json(send, 400, "Content-Length must be a whole number")
            if length > self.max_bytes:
                return await _send_json(send, 413, too_big)
        chunks: list[bytes] = []
        size = 0
        more = scope.get("method") in WRITE_METHODS or declared is not None
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return await _send_json(send, 413, too_big)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


class WriteRateLimit:
    """A token bucket per client address for write requests: `per_minute` sustained, `burst`
    at once; over it the client gets 429 with Retry-After. Reads are not limited here."""

    def __init__(self, app: ASGIApp, *, per_minute: int, burst: int, clients: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.app = app
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clients = clients
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, client: str) -> float:
        """0 when `client` may write now, else the seconds until it may."""
        now = self.clock()
        tokens, then = self.buckets.pop(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self.buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
        while len(self.buckets) > self.clients:  # forget the least recent clients
            self.buckets.popitem(last=False)
        return wait

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in WRITE_METHODS:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown", 0))[0]
        wait = self.allow(client)
        if wait:
            retry = str(max(1, math.ceil(wait))).encode()
            return await _send_json(send, 429, "too many writes from this client: wait and retry "
                                    "(WARMONITOR_WRITES_PER_MINUTE)", [(b"retry-after", retry)])
        await self.app(scope, receive, send)


class RequestTimeout:
    """Answers 503 when the app has not started its response within `seconds`. A write cut
    off this way is not acknowledged; its transaction commits whole or not at all."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def track(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, track), self.seconds)
        except asyncio.TimeoutError:
            log.warning("%s %s took more than %.0f s", scope.get("method"), scope.get("path"), self.seconds)
            if not started:
                await _send_json(send, 503, f"the request took more than {self.seconds:g} s "
                                 "(WARMONITOR_REQUEST_TIMEOUT); retry later")


def install(app: Any, settings: Settings) -> None:
    """Wrap `app` in the guards, outermost first: headers, timeout, rate limit, body limit;
    CORS only where origins are configured (off by default)."""
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(WriteRateLimit, per_minute=settings.writes_per_minute, burst=settings.write_burst)
    app.add_middleware(RequestTimeout, seconds=settings.request_timeout)
    app.add_middleware(SecurityHeaders)
