"""HTTP for the watcher (httpx): conditional GET, timeouts, retries with backoff on 5xx and
timeouts, a cap on the body and on redirects, each hop checked by `politeness`.

    fetcher = Fetcher(WatchSettings(contact="desk@example.org"))
    page = fetcher.get(url, etag=old_etag)          # FetchError with a reason on failure
    if page.not_modified: ...
"""
from __future__ import annotations

import ipaddress
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .politeness import HostPacer, Refused, RobotsCache, check_target
from .sources import WatchSettings

log = logging.getLogger(__name__)

_RETRY_STATUS = frozenset({500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
#: A body must arrive within this many timeouts, however steadily it trickles.
_BODY_TIMEOUTS = 3
#: The longest Retry-After honoured, in seconds; longer waits are left to the next round.
_MAX_RETRY_AFTER = 30.0


class FetchError(Exception):
    """A fetch that failed, with the reason to show; `transient` when a later round may succeed."""

    def __init__(self, reason: str, *, transient: bool = False, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.status = status


@dataclass(frozen=True)
class Fetched:
    """A response the watcher can use: 200 with its body, or 304 (`not_modified`)."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    seconds: float = 0.0
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One httpx client with the watcher's rules; safe to share between threads."""

    def __init__(self, settings: WatchSettings, *, transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.user_agent = settings.user_agent()
        self.client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False, transport=transport)
        self.pacer = HostPacer(settings.host_delay)
        self.robots = RobotsCache("warmonitor", self._robots_text, self.pacer)

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, *, allow_private: bool = False, etag: str | None = None,
            last_modified: str | None = None, accept: str = "*/*") -> Fetched:
        """GET `url` following at most `max_redirects` redirects, each checked; conditional
        when `etag` or `last_modified` is given. Raises FetchError with the reason."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        started = time.monotonic()
        while True:
            self._check(url, allow_private=allow_private)
            response_or_next = self._get_with_retries(url, headers, allow_private=allow_private)
            if isinstance(response_or_next, Fetched):
                return _with_time(response_or_next, started, seen[1:])
            target = urljoin(url, response_or_next)
            if target in seen:
                raise FetchError(f"redirect loop: {' -> '.join([*seen[seen.index(target):], target])}")
            if len(seen) > self.settings.max_redirects:
                raise FetchError(f"more than {self.settings.max_redirects} redirects from {seen[0]}")
            seen.append(target)
            url = target

    def _check(self, url: str, *, allow_private: bool) -> None:
        try:
            check_target(url, allow_private=allow_private)
        except Refused as exc:
            raise FetchError(str(exc)) from exc
        if not self.robots.allowed(url):
            raise FetchError(f"robots.txt of {urlsplit(url).netloc} disallows {url}")

    def _get_with_retries(self, url: str, headers: dict[str, str], *, allow_private: bool) -> Fetched | str:
        """The response, or the Location to go to next; retries 5xx and timeouts."""
        attempt = 0
        while True:
            host = urlsplit(url).hostname or ""
            self.pacer.wait(host)
            try:
                return self._get_once(url, headers, allow_private=allow_private)
            except FetchError as exc:
                if not exc.transient or attempt >= self.settings.retries:
                    raise
                pause = self.settings.backoff * (2 ** attempt)
                if isinstance(exc, _RetryAfter):
                    pause = max(pause, exc.seconds)
                log.info("%s: %s; retrying in %.1f s", url, exc.reason, pause)
                time.sleep(pause)
                attempt += 1

    def _get_once(self, url: str, headers: dict[str, str], *, allow_private: bool) -> Fetched | str:
        limit = self.settings.max_page_bytes
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                if not allow_private:
                    _check_peer(url, response)
                status = response.status_code
                if status in _REDIRECT_STATUS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"HTTP {status} redirect without a Location header", status=status)
                    return location
                if status in _RETRY_STATUS:
                    raise _retry(status, response.headers.get("retry-after"))
                if status == 304:
                    return _fetched(url, response, b"")
                if status != 200:
                    raise FetchError(f"HTTP {status} {response.reason_phrase}".rstrip(), status=status,
                                     transient=status == 429)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(f"the body is {int(declared):,} bytes, over the limit of {limit:,}")
                chunks, size = [], 0
                # The timeout bounds each read; a server dripping bytes is cut here.
                deadline = time.monotonic() + _BODY_TIMEOUTS * self.settings.timeout
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise FetchError(f"the body is over the limit of {limit:,} bytes")
                    if time.monotonic() > deadline:
                        raise FetchError(f"timed out: the body took over {_BODY_TIMEOUTS * self.settings.timeout:g} s",
                                         transient=True)
                    chunks.append(chunk)
                return _fetched(url, response, b"".join(chunks))
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.settings.timeout:g} s ({type(exc).__name__})",
                             transient=True) from exc
        except httpx.DecodingError as exc:
            raise FetchError(f"the body cannot be decompressed ({exc})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"connection failed ({type(exc).__name__}: {exc})", transient=True) from exc

    def _robots_text(self, robots_url: str) -> tuple[int, str]:
        self.pacer.wait(urlsplit(robots_url).hostname or "")
        try:
            response = self.client.get(robots_url, follow_redirects=True)
        except httpx.HTTPError as exc:
            raise OSError(str(exc)) from exc
        return response.status_code, response.text[:500_000]


def _check_peer(url: str, response: httpx.Response) -> None:
    """Refuse a body from a private address even where the name resolved to a public one
    when it was checked (DNS rebinding): the address actually connected to decides."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    if not address.is_global or address.is_multicast:
        raise FetchError(f"refused {urlsplit(url).hostname} ({address}): connected to a private or "
                         "loopback address; set allow_private: true on the source to fetch it")


class _RetryAfter(FetchError):
    def __init__(self, reason: str, seconds: float, status: int) -> None:
        super().__init__(reason, transient=True, status=status)
        self.seconds = seconds


def _retry(status: int, retry_after: str | None) -> FetchError:
    reason = f"HTTP {status} (server error)"
    if retry_after and retry_after.strip().isdigit():
        return _RetryAfter(reason, min(float(retry_after), _MAX_RETRY_AFTER), status)
    return FetchError(reason, transient=True, status=status)


def _fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
    content_type = response.headers.get("content-type", "")
    return Fetched(url=url, status=response.status_code, body=body,
                   content_type=content_type.split(";")[0].strip().lower(),
                   charset=response.charset_encoding, etag=response.headers.get("etag"),
                   last_modified=response.headers.get("last-modified"))


def _with_time(fetched: Fetched, started: float, redirects: list[str]) -> Fetched:
    from dataclasses import replace

    return replace(fetched, seconds=time.monotonic() - started, redirects=redirects)
