"""What the fetcher may fetch and when: http(s) only, no private or loopback addresses unless
a source allows them, robots.txt obeyed, and a delay between two requests to one host."""
from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

log = logging.getLogger(__name__)

#: robots.txt is read again after this many seconds.
ROBOTS_TTL = 3600.0
#: A Crawl-delay above this is taken as this (a site asking for an hour between requests
#: is read once an interval anyway).
MAX_CRAWL_DELAY = 60.0


class Refused(Exception):
    """A URL the watcher must not fetch; the message says why."""


def check_target(url: str, *, allow_private: bool) -> None:
    """Refuse what is not http(s), and hosts that resolve to a private, loopback, link-local
    or reserved address unless `allow_private` (a test server, an intranet feed).

    The check resolves the name itself; every address it resolves to must be public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"refused {parts.scheme or 'relative'}:// URL {url!r}: only http(s) is fetched")
    host = parts.hostname
    if not host:
        raise Refused(f"refused URL without a host: {url!r}")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"cannot resolve host {host!r} ({exc})") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise Refused(f"refused {host} ({address}): a private or loopback address; set "
                          "allow_private: true on the source to fetch it")


class HostPacer:
    """At most one request to a host every `delay` seconds (or the host's Crawl-delay),
    shared by the watcher's threads."""

    def __init__(self, delay: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._extra: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock, self._sleep = clock, sleep

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        self._extra[host] = min(seconds, MAX_CRAWL_DELAY)

    def wait(self, host: str) -> float:
        """Sleep until a request to `host` is allowed; the seconds waited."""
        gap = max(self.delay, self._extra.get(host, 0.0))
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + gap
        if start > now:
            self._sleep(start - now)
        return max(0.0, start - now)


class RobotsCache:
    """robots.txt of each host, read once an hour with `load(robots_url) -> (status, text)`.

    As RFC 9309 says: 4xx means no rules (everything allowed); a 5xx or an unreachable
    server means nothing is allowed until it answers."""

    def __init__(self, user_agent: str, load: Callable[[str], tuple[int, str]],
                 pacer: HostPacer | None = None) -> None:
        self.user_agent = user_agent
        self._load = load
        self._pacer = pacer
        self._rules: dict[str, tuple[float, RobotFileParser | None, bool]] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            cached = self._rules.get(origin)
        if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
            cached = self._read(origin)
            with self._lock:
                self._rules[origin] = cached
        _, parser, allow_all = cached
        if parser is None:
            return allow_all
        return parser.can_fetch(self.user_agent, url)

    def _read(self, origin: str) -> tuple[float, RobotFileParser | None, bool]:
        try:
            status, text = self._load(origin + "/robots.txt")
        except Exception as exc:  # noqa: BLE001 - any failure to read is "unreachable"
            log.warning("%s/robots.txt unreachable (%s): not fetching from it for now", origin, exc)
            return time.monotonic() - ROBOTS_TTL + 60, None, False
        if status >= 500:
            log.warning("%s/robots.txt answered HTTP %d: not fetching from it for now", origin, status)
            return time.monotonic() - ROBOTS_TTL + 60, None, False
        if status >= 400:
            return time.monotonic(), None, True
        parser = RobotFileParser()
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(self.user_agent)
        if delay and self._pacer is not None:
            self._pacer.set_crawl_delay(urlsplit(origin).hostname or origin, float(delay))
        return time.monotonic(), parser, True
