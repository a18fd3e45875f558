"""RSS and Atom feeds (files, or URLs where the network allows) -> Articles, with feedparser.

Each entry becomes one article: its id is the entry's id (else its link), its text the
entry's content (else its summary) taken out of the HTML, its date the entry's publication
(else update) date, its outlet the feed's title. A feed that cannot be parsed at all is an
InputError; a malformed feed that still yields entries is read, with a warning, as feedparser
recovers what it can. An entry without usable text or date is reported with its reason, and
the other entries go on.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..errors import InputError
from ..models import Article
from .text import check_published, check_text

log = logging.getLogger(__name__)

FEED_SUFFIXES: tuple[str, ...] = (".rss", ".atom", ".xml")


def is_feed_url(value: str) -> bool:
    """Whether an input names a feed on the web rather than a file."""
    return value.startswith(("http://", "https://"))


def read_feed(source: str | bytes, *, name: str, outlet: str | None = None,
              published: date | None = None) -> Iterator[tuple[int, Article | InputError]]:
    """(entry number, Article or the reason it cannot be read) for each entry of a feed given
    as a URL or as the bytes of a file. `outlet` and `published` fill what an entry lacks.

    Raises InputError when the source is not a feed at all."""
    import feedparser  # imported late: only feeds need it

    parsed = feedparser.parse(source)
    if parsed.get("bozo") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "not RSS or Atom"
        raise InputError(f"{name}: malformed feed ({reason}); give an RSS or Atom file")
    if not parsed.entries:
        raise InputError(f"{name}: the feed has no entries")
    if parsed.get("bozo"):
        log.warning("%s: malformed feed, read what could be recovered (%s)", name,
                    parsed.get("bozo_exception", ""))
    feed_title = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield number, _article(entry, name=name, number=number, outlet=feed_title or outlet,
                                   published=published)
        except InputError as exc:
            yield number, exc


def _article(entry: Any, *, name: str, number: int, outlet: str | None, published: date | None) -> Article:
    where = f"{name}:{number}"
    content = entry.get("content") or []
    html = content[0].get("value") if content else entry.get("summary")
    text = _html_text(html or "")
    if not text.strip():
        raise InputError("the entry has no text (neither content nor summary)")
    check_text(text, source=where)
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        try:
            published = check_published(date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday), source=where)
        except (ValueError, InputError) as exc:
            raise InputError(f"the entry's date is not usable: {exc}") from exc
    title = (entry.get("title") or "").strip() or None
    return Article(id=str(entry.get("id") or entry.get("link") or where)[:200], text=text,
                   published=published, outlet=outlet, url=entry.get("link") or None, title=title)


def _html_text(html: str) -> str:
    """The text of an entry's HTML fragment, one paragraph a block element."""
    if "<" not in html:
        import html as html_module

        return html_module.unescape(html).strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return ""
    for script in root.xpath("//script|//style"):
        script.drop_tree()
    for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3"):
        block.tail = "\n\n" + (block.tail or "")
    paragraphs = [" ".join(part.split()) for part in root.text_content().split("\n\n")]
    return "\n\n".join(part for part in paragraphs if part)
