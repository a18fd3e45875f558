"""Loading many already-coded records at once: imports, restores and benchmarks.

Each record becomes its own event with its one report (no cross-article merge: the records
are taken to be distinct events, as an export of a store or a coded data set is). Rows are
written in large multi-row statements (COPY on PostgreSQL), primary keys are handed out in
insertion order, and a load that is large next to what is stored defers the secondary
indexes and the search structures (FTS5 and R*Tree, GIN and GiST) and builds them once at
the end, where sorting beats millions of random B-tree inserts (see bench/README.md).

While a deferred load runs, nothing else may write to the store (its inserts would miss the
search structures), and a load killed before its end leaves the indexes unbuilt: load into
a store no one else writes to, as `bench/bench_store.py` does.

Example::

    stats = bulk_load(store, [(article, records), ...])
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import IntegrityError

from ..errors import InputError
from ..models import Article
from . import Store
from .bulk_sql import BulkSchema, copy_rows
from .rows import actor_links, event_row
from .schema import articles, event_actors, event_reports, events
from .writer import content_hash, _now

#: Events a transaction: large enough that the pages of the random-order unique indexes
#: are written once for many rows, small enough to keep the WAL and memory bounded.
BATCH_EVENTS = 20_000
#: SQLite page cache of a loading connection, in KiB (64 MiB otherwise; see bench/README.md).
BULK_CACHE_KIB = 1_048_576
#: Defer the indexes when the load brings at least this share of what will be stored.
DEFER_SHARE = 0.5


@dataclass
class LoadStats:
    """What a load did: events written, seconds per batch, and the index build at the end."""

    events: int = 0
    articles: int = 0
    deferred: bool = False
    batch_seconds: list[tuple[int, float]] = field(default_factory=list)
    index_seconds: float = 0.0


def bulk_load(store: Store, items: Iterable[tuple[Article, Sequence[dict[str, Any]]]], *,
              expected_events: int | None = None, defer: bool | None = None,
              batch_events: int = BATCH_EVENTS,
              progress: Callable[[LoadStats], None] | None = None) -> LoadStats:
    """Store each (article, records) pair, every record its own event; `defer` (default:
    when `expected_events` is at least DEFER_SHARE of the store after the load) drops the
    secondary indexes and search structures for the load and builds them after it."""
    stats = LoadStats()
    schema = BulkSchema(store)
    with store.engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(events)).scalar_one()
    if defer is None:
        defer = expected_events is not None and expected_events >= DEFER_SHARE * (stored + expected_events)
    stats.deferred = defer
    if defer:
        schema.drop()
    try:
        pending: list[tuple[Article, Sequence[dict[str, Any]]]] = []
        count = 0
        for article, records in items:
            pending.append((article, records))
            count += len(records)
            if count >= batch_events:
                _write_batch(store, schema, pending, stats)
                pending, count = [], 0
                if progress:
                    progress(stats)
        if pending:
            _write_batch(store, schema, pending, stats)
            if progress:
                progress(stats)
    finally:
        if defer:
            began = time.perf_counter()
            schema.restore()
            stats.index_seconds = time.perf_counter() - began
        if store.backend == "sqlite":
            store.engine.dispose()  # the pooled connections' big page caches go with them
    return stats


def _write_batch(store: Store, schema: BulkSchema, pending: Sequence[tuple[Article, Sequence[dict[str, Any]]]],
                 stats: LoadStats) -> None:
    began = time.perf_counter()
    now = _now()
    try:
        with store.write_lock, store.engine.begin() as conn:
            if store.backend == "sqlite":  # the id indexes' pages stay in memory between batches
                conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            article_pk, event_pk = _next_pks(conn)
            article_rows, coded = [], []
            for article, records in pending:
                article_rows.append(dict(
                    pk=article_pk, id=article.id, content_hash=content_hash(article.text),
                    raw=article.text, raw_format="text", text=article.text,
                    published=article.published, outlet=article.outlet, url=article.url,
                    title=article.title, status="ok", error=None, stored_at=now, extracted_at=now))
                coded.extend((record["id"], article_pk, record) for record in records)
                article_pk += 1
            # Keys in id order: the unique id indexes are then written in one sweep a batch,
            # not at random pages (the events' order within a batch means nothing).
            coded.sort(key=lambda item: item[0])
            event_rows, link_rows, report_rows = [], [], []
            for event_pk, (_, owner, record) in enumerate(coded, start=event_pk):
                row = event_row(owner, record)
                row.update(pk=event_pk, merge_links=None)
                event_rows.append(row)
                link_rows.extend(actor_links(store, conn, event_pk, record))
                report_rows.append(dict(
                    pk=event_pk, report_id=record["id"], article_pk=owner, event_pk=event_pk,
                    category=row["category"], country_code=row["country_code"],
                    first_day=row["date"], last_day=row["enddate"] or row["date"],
                    record=row["record"]))
            copy_rows(conn, articles, article_rows)
            copy_rows(conn, events, event_rows)
            copy_rows(conn, event_actors, link_rows)
            copy_rows(conn, event_reports, report_rows)
            schema.after_batch(conn)
    except IntegrityError as exc:
        store.actor_pks.clear()
        raise InputError("a bulk load met an article or event id (or content) already stored: "
                         f"load only new records ({exc.orig})") from exc
    stats.events += len(event_rows)
    stats.articles += len(article_rows)
    stats.batch_seconds.append((len(event_rows), time.perf_counter() - began))


def _next_pks(conn: Connection) -> tuple[int, int]:
    """The next free pk of articles and of events (reports share the events' numbers where free)."""
    article, event, report = (conn.execute(select(func.coalesce(func.max(table.c.pk), 0))).scalar_one()
                              for table in (articles, events, event_reports))
    return article + 1, max(event, report) + 1

