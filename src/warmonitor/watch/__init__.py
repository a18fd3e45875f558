"""Watching the news: sources polled on a schedule (RSS/Atom feeds and listing pages),
their new links followed to the page, the pages coded and stored as `ingest` stores
articles, and every URL remembered in the store so that nothing is fetched or coded twice.

    watcher = build_watcher(store, load_sources(Path("sources.yaml")), settings)
    report = watcher.run_round()      # what `warmonitor watch --once` does
    print(report.summary())
"""
from __future__ import annotations

from .fetcher import Fetched, Fetcher, FetchError
from .rounds import RoundReport, SourceReport, Watcher
from .service import WatchThread, build_watcher, read_sources
from .sources import Source, SourceFile, WatchSettings, load_sources, sources_from_urls

__all__ = [
    "FetchError", "Fetched", "Fetcher", "RoundReport", "Source", "SourceFile", "SourceReport",
    "WatchSettings", "WatchThread", "Watcher", "build_watcher", "load_sources", "read_sources",
    "sources_from_urls",
]
