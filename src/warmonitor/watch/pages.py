"""What a fetched body holds: a feed's entries, a listing page's article links, an article
page's text (through ingest's `article_from_html`, as `warmonitor ingest` reads HTML).

Each function raises `PageError` with the reason a person needs: a malformed feed, a body
that is not HTML, a page in the wrong encoding, a page without main text."""
from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

from ..errors import InputError
from ..ingest import article_from_html
from ..ingest.text import check_published, check_text, decode_bytes
from ..models import Article
from .fetcher import Fetched

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_ASSET = re.compile(r"\.(?:css|js|png|jpe?g|gif|svg|webp|ico|pdf|zip|mp[34]|xml|rss|json)$", re.IGNORECASE)
_TRACKING_PREFIXES = ("utm_", "mc_")
_TRACKING_KEYS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "ocid", "cmpid", "at_medium", "at_campaign"})
_ARTICLE_PATH = re.compile(r"(?:\d{4,}|[a-z0-9]+(?:-[a-z0-9]+){2,})/?$", re.IGNORECASE)


class PageError(Exception):
    """A body the watcher cannot use; the message is the reason."""


@dataclass(frozen=True)
class Entry:
    """A link to follow, with what the feed says of it."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Listing:
    """The entries of a feed or listing page, and the entries that could not be followed."""

    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()


def read_feed_entries(fetched: Fetched) -> Listing:
    """The entries of an RSS or Atom body; a body feedparser cannot read is a PageError."""
    import feedparser

    content_type = fetched.content_type or "application/xml"
    if fetched.charset:
        content_type += f"; charset={fetched.charset}"
    parsed = feedparser.parse(fetched.body, response_headers={"content-location": fetched.url,
                                                               "content-type": content_type})
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception") or "not RSS or Atom"
        raise PageError(f"malformed feed ({_short(reason)})")
    if parsed.get("bozo"):
        log.warning("%s: malformed feed, read what could be recovered (%s)", fetched.url,
                    _short(parsed.get("bozo_exception", "")))
    entries, problems = [], []
    for number, item in enumerate(parsed.entries, start=1):
        link = _entry_link(item)
        label = (item.get("title") or "").strip() or (item.get("id") or "")
        if link is None:
            problems.append(f"entry {number} ({_short(label) or 'untitled'}) has no http(s) link")
            continue
        entries.append(Entry(canonical_url(urljoin(fetched.url, link)), label or None, _entry_date(item)))
    return Listing(tuple(entries), tuple(problems))


def read_listing_links(fetched: Fetched, *, follow: str | None = None) -> Listing:
    """The article links of a listing page: links on the page's own site whose path looks
    like an article's (a long slug or a number), or those matching `follow`."""
    import lxml.html

    text = page_text(fetched)
    try:
        root = lxml.html.fromstring(text, base_url=fetched.url)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise PageError(f"the listing page cannot be parsed ({exc})") from exc
    root.make_links_absolute(fetched.url, resolve_base_href=True)
    pattern = re.compile(follow) if follow else None
    host = urlsplit(fetched.url).hostname
    found: dict[str, Entry] = {}
    for anchor in root.iter("a"):
        href = canonical_url(anchor.get("href") or "")
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or href == fetched.url or href in found:
            continue
        if pattern is not None:
            keep = bool(pattern.search(href))
        else:
            keep = parts.hostname == host and not _ASSET.search(parts.path) \
                and bool(_ARTICLE_PATH.search(parts.path))
        if keep:
            title = " ".join(anchor.text_content().split()) or None
            found[href] = Entry(href, title)
    return Listing(tuple(found.values()))


def page_text(fetched: Fetched) -> str:
    """The body as text: refused when it is not HTML, decoded with the charset the header
    or the page declares (UTF-8 otherwise; bytes that are not read as cp1252)."""
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        raise PageError(f"not an HTML page (Content-Type {fetched.content_type})")
    declared = fetched.charset or _meta_charset(fetched.body)
    name = _codec(declared)
    try:
        if name is not None and name != "utf-8":
            text = fetched.body.decode(name)
            check_text(text, source=fetched.url)
        else:
            text = decode_bytes(fetched.body, source=fetched.url)
    except UnicodeDecodeError as exc:
        raise PageError(f"wrong encoding: the page says {declared} but its bytes are not ({exc.reason} "
                        f"at byte {exc.start})") from exc
    except InputError as exc:
        reason = str(exc).removeprefix(f"{fetched.url}: ")
        raise PageError(f"wrong encoding: the page says {declared or 'nothing'}, and read as UTF-8 "
                        f"{reason}") from exc
    if "<" not in text[:4096]:
        if b"<" in fetched.body[:4096]:
            raise PageError(f"wrong encoding: read as {declared}, the page's markup is gone")
        raise PageError("not an HTML page (no markup in its first 4 KB)")
    return text


def article_of_page(fetched: Fetched, entry: Entry, *, article_id: str, outlet: str | None) -> Article:
    """The article of a page: main text, title and date by trafilatura (as `ingest` reads
    HTML), the feed entry's title and date filling what the page lacks."""
    text = page_text(fetched)
    try:
        return article_from_html(text, id=article_id, published=entry.published, outlet=outlet,
                                 url=fetched.url, title=entry.title)
    except InputError as exc:
        raise PageError(str(exc).removeprefix(f"{article_id}: ")) from exc


def canonical_url(url: str) -> str:
    """The URL without its fragment and the tracking parameters feeds add (utm_*, fbclid,
    gclid, ...), so one article behind changing links is one URL."""
    parts = urlsplit(urldefrag(url.strip())[0])
    if not parts.query:
        return parts.geturl()
    kept = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS]
    return parts._replace(query=urlencode(kept)).geturl()


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        log.warning("unknown charset %r: reading the page as UTF-8", label)
        return None
    return "utf-8" if name in ("utf-8", "utf-8-sig", "ascii") else name


def _meta_charset(body: bytes) -> str | None:
    found = _META_CHARSET.search(body[:4096])
    return found.group(1).decode("ascii") if found else None


def _entry_link(item: Any) -> str | None:
    candidates = [item.get("link")] + [link.get("href") for link in item.get("links") or []
                                       if link.get("rel", "alternate") == "alternate"]
    for link in candidates:
        if isinstance(link, str) and link.strip() and urlsplit(link.strip()).scheme in ("http", "https", ""):
            if urlsplit(link.strip()).scheme or link.strip().startswith("/"):
                return link.strip()
    return None


def _entry_date(item: Any) -> date | None:
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    if not stamp:
        return None
    try:
        return check_published(date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday))
    except (ValueError, InputError):
        return None


def _short(value: object, limit: int = 120) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
