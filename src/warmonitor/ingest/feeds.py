"""RSS and Atom feeds (files, or URLs where the network allows) -> Articles, with feedparser.

Each entry becomes one article: its id is the entry's id (else its link), its text the
entry's content (else its summary) taken out of the HTML, its date the entry's publication
(else update) date, its outlet the feed's title.
"""
from __future__ import annotations

import html as html_module
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..errors import InputError
from ..models import Article
from .html import article_from_html

FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom", ".xml")
_TAG = re.compile(r"<[^>]+>")


def is_feed_url(value: str) -> bool:
    """Whether an input names a feed on the web rather than a file."""
    return value.startswith(("http://", "https://"))


def read_feed(source: str | bytes, *, name: str, outlet: str | None = None,
              published: date | None = None) -> Iterator[Article]:
    """The articles of a feed (a URL, or the bytes of a file); raises InputError where the
    source is not a feed at all. `outlet` and `published` fill what an entry lacks."""
    import feedparser

    parsed = feedparser.parse(source)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputError(f"{name}: not an RSS or Atom feed ({reason})")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        text = _entry_text(entry)
        if not text.strip():
            continue
        entry_id = entry.get("id") or entry.get("link") or f"{name}#{number}"
        yield Article(id=str(entry_id)[:200], text=text, published=_entry_date(entry) or published,
                      outlet=feed_title or outlet, url=entry.get("link"),
                      title=(entry.get("title") or "").strip() or None)


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    if "<" not in body:
        return html_module.unescape(body).strip()
    page = f"<html><body><article>{body}</article></body></html>"
    try:
        text = article_from_html(page, id="entry").text
    except InputError:
        text = ""
    # trafilatura drops a very short page; the tags stripped are text enough then.
    return text or html_module.unescape(_TAG.sub(" ", body)).strip()


def _entry_date(entry: Any) -> date | None:
    parts = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parts.tm_year, parts.tm_mon, parts.tm_mday) if parts else None
