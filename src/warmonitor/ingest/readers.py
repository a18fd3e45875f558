"""Read articles from .txt, .html/.htm, .jsonl and RSS/Atom feed files (.rss, .atom, .xml),
directories of them, and feed URLs.

`read_articles` never raises for bad input: a file, line or feed entry that cannot be read
becomes a `ReadFailure` that names it, and the batch goes on. A file or JSONL line over the
size limit is refused before it is read into memory or parsed.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..models import Article
from .feeds import FEED_SUFFIXES, is_feed_url, read_feed
from .html import article_from_html
from .text import article_from_text, check_text, decode_bytes, parse_published

SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl", *FEED_SUFFIXES)
#: A JSONL line may be this much bigger than the article it holds (escapes, other fields).
_JSON_OVERHEAD = 2
_ROW_FIELDS = ("published", "outlet", "url", "title")


@dataclass(frozen=True)
class ReadFailure:
    """An input that could not be read: the file, the line (JSONL), why, and the raw line if any."""

    source: str
    line: int | None
    reason: str
    raw: str | None = None

    @property
    def where(self) -> str:
        """The file, and the line where there is one: "batch.jsonl, line 2"."""
        return f"{self.source}, line {self.line}" if self.line else self.source


@dataclass(frozen=True)
class _Defaults:
    """What the command line says about the articles; it fills what the input leaves out."""

    published: date | None
    outlet: str | None
    url: str | None
    title: str | None
    max_bytes: int = Settings.max_article_bytes


def read_articles(
    paths: Iterable[Path | str],
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article | ReadFailure]:
    """Articles (or failures) from files and directories, in the order given; directories are
    walked recursively in sorted order for .txt, .html, .htm, .jsonl, .rss, .atom and .xml files.

    The options fill what an input does not say: a JSONL row's own fields and an HTML page's
    metadata win over them; for a .txt file a given `title` wins over the guessed headline.
    A .txt or .html file, or a JSONL line, bigger than `max_bytes` (default: the setting
    max_article_bytes) is a failure, found before the file is read.
    """
    limit = max_bytes or Settings.from_env().max_article_bytes
    defaults = _Defaults(parse_published(published, source="--published"), outlet, url, title, limit)
    for given in paths:
        if isinstance(given, str) and is_feed_url(given):
            yield from _read_feed(given, given, defaults)
            continue
        path = Path(given)
        if path.is_dir():
            for found in walk_directory(path):
                yield from _read_file(found, defaults)
        elif path.exists():
            yield from _read_file(path, defaults)
        else:
            yield ReadFailure(str(path), None, "no such file or directory")


def walk_directory(directory: Path) -> list[Path]:
    """The readable files under `directory`, recursively, sorted; hidden ones left out."""
    return sorted(
        path for path in directory.rglob("*")
        if path.is_file() and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def _read_file(path: Path, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield ReadFailure(str(path), None, f"unsupported file type {suffix or '(none)'}: use {', '.join(SUFFIXES)}")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, defaults)
        return
    try:
        size = path.stat().st_size
        if size > defaults.max_bytes and suffix not in FEED_SUFFIXES:
            raise InputError(f"the file is {size:,} bytes, over the limit of {defaults.max_bytes:,} "
                             "bytes an article (WARMONITOR_MAX_ARTICLE_BYTES); split it or raise the limit")
        raw = path.read_bytes()
        if suffix in FEED_SUFFIXES:
            yield from _read_feed(raw, str(path), defaults)
            return
        text = decode_bytes(raw, source=str(path))
    except (OSError, InputError) as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))
        return
    try:
        if suffix == ".txt":
            yield article_from_text(text, id=path.name, **_options(defaults))
        else:
            yield article_from_html(text, id=path.name, **_options(defaults))
    except InputError as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))


def _read_feed(source: str | bytes, where: str, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    """The entries of a feed file's bytes or of a feed URL (`where` names it); a bad entry
    fails alone, a source that is no feed at all fails whole."""
    label = where if is_feed_url(where) else Path(where).name
    try:
        for number, entry in read_feed(source, name=label, outlet=defaults.outlet,
                                       published=defaults.published):
            yield ReadFailure(where, number, str(entry)) if isinstance(entry, InputError) else entry
    except (InputError, OSError) as exc:
        yield ReadFailure(where, None, str(exc).removeprefix(f"{label}: "))


def _read_jsonl(path: Path, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    """One line at a time, so a huge file or a huge line never sits in memory whole."""
    line_limit = defaults.max_bytes * _JSON_OVERHEAD
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))
        return
    with handle:
        seen_text = False
        for number, line in enumerate(_lines(handle, line_limit), start=1):
            if line is None:
                yield ReadFailure(str(path), number, f"the line is over the limit of {line_limit:,} "
                                  "bytes (WARMONITOR_MAX_ARTICLE_BYTES); split the article")
                continue
            if not line.strip():
                continue
            seen_text = True
            yield from _read_jsonl_line(path, number, line, defaults)
        if not seen_text:
            yield ReadFailure(str(path), None, "the file is empty")


def _lines(handle: Any, limit: int) -> Iterator[bytes | None]:
    """The file's lines, or None for a line longer than `limit` (skipped without keeping it)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield None
            continue
        yield line


def _read_jsonl_line(path: Path, number: int, line: bytes, defaults: _Defaults
                     ) -> Iterator[Article | ReadFailure]:
    where = f"{path.name}:{number}"
    try:
        raw = decode_bytes(line, source=where).rstrip("\n")
    except InputError as exc:
        yield ReadFailure(str(path), number, _reason(exc, path, number), line.decode("utf-8", "replace"))
        return
    try:
        row = json.loads(raw)
    except (json.JSONDecodeError, RecursionError) as exc:
        message = (f"malformed JSON: {exc.msg} (column {exc.colno})"
                   if isinstance(exc, json.JSONDecodeError) else "malformed JSON: nested too deeply")
        yield ReadFailure(str(path), number, message, raw)
        return
    try:
        yield _article_from_row(row, path, number, defaults)
    except InputError as exc:
        yield ReadFailure(str(path), number, _reason(exc, path, number), raw)










def _article_from_row(row: Any, path: Path, number: int, defaults: _Defaults) -> Article:
    where = f"{path.name}:{number}"
    if not isinstance(row, dict):
        raise InputError(f"a line must hold a JSON object, not {type(row).__name__}")
    text, html = row.get("text"), row.get("html")
    for name in ("id", "text", "html", *_ROW_FIELDS):
        value = row.get(name)
        allowed = (str, int) if name == "id" else str
        if value is not None and (not isinstance(value, allowed) or isinstance(value, bool)):
            raise InputError(f"field '{name}' must be a string, not {type(value).__name__}")
        if isinstance(value, str):
            check_text(value, source=f"field '{name}'")
    has_text = isinstance(text, str) and text.strip()
    has_html = isinstance(html, str) and html.strip()
    if not has_text and not has_html:
        raise InputError("the row has neither 'text' nor 'html'")
    article_id = str(row["id"]) if row.get("id") not in (None, "") else where
    own = {name: row.get(name) or None for name in _ROW_FIELDS}
    own["published"] = parse_published(own["published"], source=where)
    merged = {name: own[name] or value for name, value in _options(defaults).items()}
    if has_text:
        return article_from_text(text, id=article_id, **merged)
    article = article_from_html(html, id=article_id, **merged)
    # The row's own fields win over the page's metadata.
    return replace(article, **{name: value for name, value in own.items() if value})


def _options(defaults: _Defaults) -> dict[str, Any]:
    return {"published": defaults.published, "outlet": defaults.outlet, "url": defaults.url, "title": defaults.title}


def _reason(exc: Exception, path: Path, number: int | None = None) -> str:
    message = str(exc)
    for prefix in (f"{path}: ", f"{path.name}: ", f"{path.name}:{number}: "):
        if message.startswith(prefix):
            return message[len(prefix):]
    return message
