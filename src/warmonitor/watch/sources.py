"""The sources file: which feeds and listing pages to watch, and how politely.

    settings:                      # optional; every key has a default
      contact: news-desk@example.org
      host_delay: 2s
    sources:
      - name: ReliefWeb updates
        url: https://reliefweb.int/updates/rss.xml
        kind: feed                 # feed (RSS/Atom) or page (a listing page of links)
        outlet: ReliefWeb
        interval: 15m              # 90s, 15m, 1h, 1d or seconds
        language: en

A source may say `allow_private: true` to be fetched from a private or loopback address
(a test server, an intranet); `follow: REGEX` picks the links of a listing page. Errors
name the file and the line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..errors import InputError

KINDS = ("feed", "page")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_SOURCE_KEYS = {"name", "url", "kind", "outlet", "interval", "language", "allow_private", "follow"}


@dataclass(frozen=True)
class WatchSettings:
    """How the watcher fetches: who it says it is, how long it waits, how much it takes."""

    contact: str | None = None
    host_delay: float = 2.0
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_page_bytes: int = 5_000_000
    max_redirects: int = 5
    workers: int = 1
    #: Seconds after which a claim on a URL by a watcher that went silent is taken over.
    claim_timeout: float = 900.0

    def user_agent(self) -> str:
        """The User-Agent: the tool, its version and where to reach whoever runs it."""
        from importlib.metadata import PackageNotFoundError, version

        try:
            release = version("warmonitor")
        except PackageNotFoundError:
            release = "dev"
        contact = f"; {self.contact}" if self.contact else ""
        return f"warmonitor/{release} (+news watcher{contact})"


@dataclass(frozen=True)
class Source:
    """One feed or listing page to poll every `interval` seconds."""

    name: str
    url: str
    kind: str = "feed"
    outlet: str | None = None
    interval: float = 900.0
    language: str = "en"
    allow_private: bool = False
    follow: str | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class SourceFile:
    """The sources of a file and the settings it gives."""

    sources: tuple[Source, ...]
    settings: WatchSettings


def parse_duration(value: Any, *, where: str = "interval") -> float:
    """Seconds from 90, "90s", "15m", "1h" or "1d"; an error that shows the forms."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
    else:
        found = _DURATION.match(str(value)) if isinstance(value, str) else None
        if found is None:
            raise InputError(f"{where}: {value!r} is not a duration like 90s, 15m, 1h or 1d")
        seconds = float(found.group(1)) * _UNITS[found.group(2)]
    if seconds <= 0:
        raise InputError(f"{where}: the duration must be greater than 0, not {value!r}")
    return seconds


def check_url(url: str, *, where: str) -> str:
    """The URL, if it is an absolute http(s) URL with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{where}: {url!r} is not an http:// or https:// URL; only those are watched")
    return url.strip()


def load_sources(path: Path) -> SourceFile:
    """The sources and settings of a YAML file, checked; InputError names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the sources file ({exc})") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML ({exc})") from exc
    data = yaml.safe_load(text) if root is not None else None
    if isinstance(data, list):
        data, items = {"sources": data}, root
    elif isinstance(data, dict) and isinstance(data.get("sources"), list):
        items = next(value for key, value in root.value if key.value == "sources")
    else:
        raise InputError(f"{path}: give a list of sources, or a mapping with 'sources:' (and 'settings:')")
    settings = _settings(data.get("settings") or {}, where=f"{path}: settings")
    sources = [_source(item, where=f"{path}, line {node.start_mark.line + 1}", line=node.start_mark.line + 1)
               for item, node in zip(data["sources"], items.value)]
    if not sources:
        raise InputError(f"{path}: the file lists no sources")
    _check_unique(sources, path)
    return SourceFile(tuple(sources), settings)


def sources_from_urls(urls: list[str], *, allow_private: bool = False, interval: float = 900.0) -> SourceFile:
    """Sources for feed URLs given on the command line (`watch --feed URL`), named by host."""
    sources = []
    for url in urls:
        check_url(url, where="--feed")
        host = urlsplit(url).hostname or url
        name = host if all(s.name != host for s in sources) else f"{host} ({len(sources) + 1})"
        sources.append(Source(name=name, url=url, interval=interval, allow_private=allow_private))
    return SourceFile(tuple(sources), WatchSettings())


def _source(item: Any, *, where: str, line: int) -> Source:
    if not isinstance(item, dict):
        raise InputError(f"{where}: a source is a mapping with name, url, kind, outlet, interval, language")
    unknown = sorted(set(item) - _SOURCE_KEYS)
    if unknown:
        raise InputError(f"{where}: unknown keys {unknown}; a source takes {sorted(_SOURCE_KEYS)}")
    for key in ("name", "url"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise InputError(f"{where}: '{key}' is required (a string)")
    kind = item.get("kind", "feed")
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} must be one of {', '.join(KINDS)}")
    follow = item.get("follow")
    if follow is not None:
        try:
            re.compile(str(follow))
        except re.error as exc:
            raise InputError(f"{where}: follow {follow!r} is not a regular expression ({exc})") from exc
    language = str(item.get("language", "en")).strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", language):
        raise InputError(f"{where}: language {language!r} must be an ISO 639-1 code like en")
    allow_private = item.get("allow_private", False)
    if not isinstance(allow_private, bool):
        raise InputError(f"{where}: allow_private must be true or false")
    return Source(name=item["name"].strip(), url=check_url(item["url"], where=where), kind=kind,
                  outlet=(str(item["outlet"]).strip() if item.get("outlet") else None),
                  interval=parse_duration(item.get("interval", "15m"), where=f"{where}: interval"),
                  language=language, allow_private=allow_private,
                  follow=str(follow) if follow is not None else None, line=line)


def _settings(raw: Any, *, where: str) -> WatchSettings:
    if not isinstance(raw, dict):
        raise InputError(f"{where} must be a mapping")
    known = {f.name: f for f in fields(WatchSettings)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise InputError(f"{where}: unknown keys {unknown}; settings take {sorted(known)}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "contact":
            values[key] = str(value)
        elif key in ("host_delay", "timeout", "backoff", "claim_timeout"):
            values[key] = 0.0 if value in (0, "0") else parse_duration(value, where=f"{where}: {key}")
        elif isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            values[key] = value
        else:
            raise InputError(f"{where}: {key} must be a whole number >= 0, not {value!r}")
    return replace(WatchSettings(), **values)


def _check_unique(sources: list[Source], path: Path) -> None:
    seen: dict[str, Source] = {}
    for source in sources:
        if source.name in seen:
            raise InputError(f"{path}, line {source.line}: the name {source.name!r} is already used "
                             f"at line {seen[source.name].line}; names must be unique")
        seen[source.name] = source
