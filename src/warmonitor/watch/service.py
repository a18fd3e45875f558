"""The watcher as a service: built from a sources file (or feed URLs) and the settings, run
in the foreground (`warmonitor watch`) or in a thread beside the API (`serve --watch`)."""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .rounds import RoundReport, Watcher
from .sources import SourceFile, load_sources, sources_from_urls

if TYPE_CHECKING:
    from ..config import Settings
    from ..store import Store
    from ..store.writer import Extractor

log = logging.getLogger(__name__)


def read_sources(path: Path | None, feeds: Sequence[str] = (), *, contact: str | None = None,
                 host_delay: float | None = None, workers: int | None = None,
                 allow_private: bool = False) -> SourceFile:
    """The sources of a file and/or of feed URLs, with the options of the command line
    winning over the file's settings."""
    from ..errors import InputError

    if path is None and not feeds:
        raise InputError("give a sources file (SOURCES.yaml) or at least one --feed URL")
    loaded = load_sources(path) if path is not None else None
    extra = sources_from_urls(list(feeds), allow_private=allow_private) if feeds else None
    sources = (loaded.sources if loaded else ()) + (extra.sources if extra else ())
    settings = loaded.settings if loaded else extra.settings  # type: ignore[union-attr]
    overrides = {key: value for key, value in
                 (("contact", contact), ("host_delay", host_delay), ("workers", workers)) if value is not None}
    return SourceFile(sources, replace(settings, **overrides))


def build_watcher(store: Store, source_file: SourceFile, settings: Settings, *,
                  extractor: Extractor | None = None) -> Watcher:
    """A watcher coding on the engine `warmonitor ingest` would use: this process for one
    worker (with `extractor`, or the one the settings name), local processes for more."""
    from ..batch import open_engine

    workers = max(1, source_file.settings.workers)
    if extractor is None and workers == 1:
        from ..batch import build_extractor

        extractor = build_extractor(settings)
    engine = open_engine(settings, engine="local", workers=workers, extractor=extractor)
    return Watcher(store, source_file, engine, languages=settings.languages)


class WatchThread:
    """A watcher running rounds in a background thread until `stop()`."""

    def __init__(self, watcher: Watcher, *, on_round: Callable[[RoundReport], None] | None = None) -> None:
        self.watcher = watcher
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(on_round,), name="warmonitor-watch",
                                        daemon=True)

    def start(self) -> WatchThread:
        self._thread.start()
        return self

    def _run(self, on_round: Callable[[RoundReport], None] | None) -> None:
        try:
            self.watcher.run(self._stop, on_round=on_round)
        except Exception:  # the API goes on; the reason is in the log
            log.exception("the watcher stopped on an error")

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the watcher to stop after the page in hand, and wait for it."""
        self._stop.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the watcher did not stop within %.0f s", timeout)
        self.watcher.engine.close()
        self.watcher.close()
