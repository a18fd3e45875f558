"""Read articles from .txt, .html/.htm, .jsonl and RSS/Atom feed files (.rss, .atom, .xml),
directories of them, and feed URLs.

`read_articles` never raises for bad input: a file or line that cannot be read becomes a
`ReadFailure` that names it, and the batch goes on.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Article
from .feeds import FEED_SUFFIXES, is_feed_url, read_feed
from .html import article_from_html
from .text import article_from_text, decode_bytes, parse_published

SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".jsonl", *FEED_SUFFIXES)
#: JSONL files larger than this are read a line at a time (bounded memory).
STREAM_BYTES = 8 * 1024 * 1024
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


def read_articles(
    paths: Iterable[Path | str],
    *,
    published: date | str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
) -> Iterator[Article | ReadFailure]:
    """Articles (or failures) from files and directories, in the order given; directories are
    walked recursively in sorted order for .txt, .html, .htm and .jsonl files.

    The options fill what an input does not say: a JSONL row's own fields and an HTML page's
    metadata win over them; for a .txt file a given `title` wins over the guessed headline.
    """
    defaults = _Defaults(parse_published(published, source="--published"), outlet, url, title)
    for given in paths:
        if isinstance(given, str) and is_feed_url(given):
            yield from _read_feed_url(given, defaults)
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
    if suffix == ".jsonl" and _size(path) > STREAM_BYTES:
        yield from _stream_jsonl(path, defaults)
        return
    try:
        text = decode_bytes(path.read_bytes(), source=str(path))
    except (OSError, InputError) as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, text.split("\n"), defaults)
        return
    if suffix in FEED_SUFFIXES:
        yield from _read_feed_file(path, text, defaults)
        return
    try:
        if suffix == ".txt":
            yield article_from_text(text, id=path.name, **_options(defaults))
        else:
            yield article_from_html(text, id=path.name, **_options(defaults))
    except InputError as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))


def _read_jsonl(path: Path, lines: Iterable[str], defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ReadFailure(str(path), number, f"malformed JSON: {exc.msg} (column {exc.colno})", raw)
            continue
        try:
            yield _article_from_row(row, path, number, defaults)
        except InputError as exc:
            yield ReadFailure(str(path), number, _reason(exc, path, number), raw)


def _stream_jsonl(path: Path, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    """A big JSONL file one line at a time: memory stays bounded by the longest line."""
    def lines() -> Iterator[str]:
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    yield raw.decode("utf-8-sig").rstrip("\r\n")
                except UnicodeDecodeError:
                    yield raw.decode("cp1252", errors="replace").rstrip("\r\n")
    try:
        yield from _read_jsonl(path, lines(), defaults)
    except OSError as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))


def _read_feed_file(path: Path, text: str, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    try:
        articles = list(read_feed(text.encode("utf-8"), name=path.name, outlet=defaults.outlet,
                                  published=defaults.published))
    except InputError as exc:
        yield ReadFailure(str(path), None, _reason(exc, path))
        return
    if not articles:
        yield ReadFailure(str(path), None, "the feed holds no entry with text")
    yield from articles


def _read_feed_url(url: str, defaults: _Defaults) -> Iterator[Article | ReadFailure]:
    try:
        yield from read_feed(url, name=url, outlet=defaults.outlet, published=defaults.published)
    except (InputError, OSError) as exc:
        yield ReadFailure(url, None, str(exc))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


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
