"""The event store: articles stored raw, their events, and the queries the API and the
exports run. One code path (SQLAlchemy Core) for SQLite and PostgreSQL.

Example::

    store = Store.open("sqlite:///warmonitor.db")
    result = ingest_article(store, article, pipeline)
    page = search_events(store, EventFilter(country="SY"))
"""
from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext

from sqlalchemy import Engine, func, select

from .engine import has_postgis, make_engine, migrate, normalize_url, refresh_statistics
from .schema import articles, event_reports, events


class Store:
    """A database holding articles and events; built once and handed to the store functions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.backend = engine.dialect.name
        self.postgis = has_postgis(engine)
        self.actor_pks: dict[str, int] = {}
        # SQLite has one writer at a time; threads that queue here instead of in SQLite's
        # busy handler (which sleeps up to 100 ms a try) keep concurrent writes fast.
        self.write_lock: AbstractContextManager[object] = (
            threading.Lock() if self.backend == "sqlite" else nullcontext())

    @classmethod
    def open(cls, url: str, *, upgrade: bool = True) -> Store:
        """Open (and by default create or upgrade the schema of) the database at `url`."""
        engine = make_engine(url)
        if upgrade:
            migrate(engine)
            refresh_statistics(engine)
        return cls(engine)

    def counts(self) -> dict[str, int]:
        """How many articles and events are stored."""
        with self.engine.connect() as conn:
            return {
                "articles": conn.execute(select(func.count()).select_from(articles)).scalar_one(),
                "events": conn.execute(select(func.count()).select_from(events)).scalar_one(),
            }

    def report_count(self) -> int:
        """How many articles' reports the events were merged from."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(event_reports)).scalar_one()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()


from .filters import EventFilter  # noqa: E402
from .queries import get_event, list_actors, search_events  # noqa: E402
from .timelines import timeline, timeline_json  # noqa: E402
from .writer import (  # noqa: E402
    IngestResult, StoredArticle, content_hash, extract_records, get_article, ingest_article,
    reprocess, store_extracted, stored_ids,
)

__all__ = [
    "EventFilter", "IngestResult", "Store", "StoredArticle", "content_hash", "extract_records",
    "get_article", "get_event", "ingest_article", "list_actors", "migrate", "normalize_url",
    "reprocess", "search_events", "store_extracted", "stored_ids", "timeline", "timeline_json",
]
