"""A news site on 127.0.0.1 (a free port) for the watcher's tests and benchmark: feeds and
article pages registered by path, each with its faults (status, delay, headers, body), in a
stdlib HTTP server thread. Answers conditional GETs with 304 and records every request.
Also the tests' helpers around it: a story page, a sources file, a look into the store.

    with NewsServer() as site:
        site.page("/a/1", html)
        site.feed("/feed.xml", [("/a/1", "Title")])
        ... site.url("/feed.xml") ...; site.requests_to("/feed.xml")
"""
from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

#: Watcher settings for the test site: quick and impolite, the site is ours.
FAST = {"host_delay": 0, "timeout": 10, "retries": 1, "backoff": 0.01, "max_page_bytes": 200_000}


@dataclass
class Route:
    """What a path answers."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    #: Answer this status (e.g. 503) to the first `fail_times` requests, then the route.
    fail_status: int = 503
    fail_times: int = 0


@dataclass(frozen=True)
class Seen:
    """A request the server answered."""

    path: str
    headers: dict[str, str]
    status: int


class NewsServer:
    """The site; `url(path)` is a path's absolute URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.arrivals: list[str] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, **values: Any) -> Route:
        self.routes[path] = Route(**values)
        return self.routes[path]

    def page(self, path: str, html: str, **values: Any) -> Route:
        return self.route(path, body=html.encode("utf-8"), **values)

    def feed(self, path: str, items: list[tuple[str | None, str]], *, title: str = "Example Wire",
             validators: bool = True, **values: Any) -> Route:
        """An RSS feed of (link path or None, title) items; with ETag and Last-Modified."""
        body = rss(self.base, items, title=title).encode("utf-8")
        extra: dict[str, Any] = {"etag": f'"{abs(hash(body))}"',
                                 "last_modified": formatdate(1_600_000_000, usegmt=True)} if validators else {}
        return self.route(path, body=body, content_type="application/rss+xml", **extra, **values)

    def arrived(self, path: str) -> int:
        """How many requests for `path` came in (answered or not yet)."""
        with self.lock:
            return self.arrivals.count(path)

    def requests_to(self, path: str) -> list[Seen]:
        with self.lock:
            return [seen for seen in self.seen if seen.path == path]


def rss(base: str, items: list[tuple[str | None, str]], *, title: str = "Example Wire") -> str:
    """An RSS 2.0 document; an item whose link is None has none."""
    entries = []
    for number, (link, headline) in enumerate(items, start=1):
        link_tag = f"<link>{escape(base + link)}</link>" if link else ""
        entries.append(f"<item><title>{escape(headline)}</title>{link_tag}"
                       f"<guid isPermaLink=\"false\">item-{number}-{escape(link or headline)}</guid>"
                       "<pubDate>Thu, 06 Feb 2020 10:00:00 +0000</pubDate></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}'
            f"</title><link>{base}/</link><description>news</description>{''.join(entries)}</channel></rss>")


def article_html(title: str, paragraphs: list[str], *, published: str = "2020-02-06") -> str:
    """A news page trafilatura reads: a headline, a date, paragraphs, and a site's clutter."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta property="article:published_time" content="{published}T09:00:00Z">'
            f'<meta property="og:site_name" content="Example Wire"></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>{escape(title)}</h1>{body}</article>"
            f"<footer>Copyright Example Wire</footer></body></html>")


def story(number: int, dead: int = 3, variant: int = 0) -> str:
    """A page the tests' stand-in coder (fake_pipeline.py) reads as happening `number`."""
    from fake_pipeline import article_text

    return article_html(f"Story {number}", [article_text(number, dead, variant),
                                            "Residents fled north as the shelling went on through the night, "
                                            "according to witnesses reached by telephone."])


def write_sources(path: Path, sources: list[dict[str, Any]], **settings: Any) -> Path:
    """A sources file of these sources (loopback allowed, polled every second) and FAST settings."""
    import yaml

    for source in sources:
        source.setdefault("allow_private", True)
        source.setdefault("interval", "1s")
    path.write_text(yaml.safe_dump({"settings": {**FAST, **settings}, "sources": sources}), encoding="utf-8")
    return path


def db_rows(db: Path, query: str) -> list[tuple[Any, ...]]:
    """The rows of a query on a SQLite store."""
    with sqlite3.connect(db) as conn:
        return conn.execute(query).fetchall()


def _handler(site: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: without this a kept-alive connection waits
        # for the client's delayed ACK (40 ms) before the body.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            path = self.path.split("?")[0]
            route = site.routes.get(path)
            with site.lock:
                site.arrivals.append(path)
            status = self._answer(route)
            with site.lock:
                site.seen.append(Seen(path, {k.lower(): v for k, v in self.headers.items()}, status))

        def _answer(self, route: Route | None) -> int:
            if route is None:
                return self._send(404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.fail_times > 0:
                route.fail_times -= 1
                return self._send(route.fail_status, b"try later", "text/plain")
            # RFC 9110: If-None-Match decides where it is given; If-Modified-Since only without it.
            asked_tag, asked_time = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if (route.etag and asked_tag == route.etag) or \
                    (asked_tag is None and route.last_modified and asked_time == route.last_modified):
                return self._send(304, b"", None, route)
            return self._send(route.status, route.body, route.content_type, route)

        def _send(self, status: int, body: bytes, content_type: str | None, route: Route | None = None) -> int:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (route.headers.items() if route else ()):
                self.send_header(name, value)
            if route and route.etag:
                self.send_header("ETag", route.etag)
            if route and route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            if not (route and "Content-Length" in route.headers):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return status

        def log_message(self, *_: Any) -> None:
            return

    return Handler
