"""The backend-specific halves of a bulk load: writing many rows at once (executemany on
SQLite, COPY on PostgreSQL), and setting the secondary indexes and search structures aside
for a load and building them again after it."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, insert, text
from sqlalchemy.exc import IntegrityError

from .aggregates import rebuild_fine_sql, rebuild_sql, rebuild_weeks_sql

if TYPE_CHECKING:
    from . import Store

#: The tables whose secondary indexes a deferred load drops and builds again.
DEFERRED_TABLES = ("events", "event_reports")
#: The SQLite triggers that keep FTS5, the R*Tree and the counts in step with inserts.
SEARCH_TRIGGERS = ("events_fts_ai", "events_rtree_ai", "events_agg_ai", "events_weeks_ai", "events_fine_ai")
#: The PostgreSQL count triggers a deferred load disables (the counts are rebuilt after it).
COUNT_TRIGGERS = ("events_aggregates", "events_weeks", "events_fine_cells")


def copy_rows(conn: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table`: COPY on PostgreSQL."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(insert(table), list(rows))
        return
    import psycopg

    names = list(rows[0])
    statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
    raw = conn.connection.driver_connection
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row([row[name] for name in names])
    except psycopg.IntegrityError as exc:  # as SQLAlchemy reports it for an INSERT
        raise IntegrityError(statement, None, exc) from exc


class BulkSchema:
    """The secondary indexes and search triggers a deferred load sets aside, and their rebuild."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.saved: list[str] = []
        self.first_pk = 0

    def drop(self) -> None:
        """Drop the secondary indexes (and, on SQLite, the search triggers), keeping their SQL."""
        with self.store.write_lock, self.store.engine.begin() as conn:
            self.first_pk = conn.exec_driver_sql("SELECT coalesce(max(pk), 0) + 1 FROM events").scalar_one()
            if self.store.backend == "sqlite":
                found = conn.exec_driver_sql(
                    "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
                    " ((type = 'index' AND tbl_name IN ('events', 'event_reports'))"
                    f" OR (type = 'trigger' AND name IN {SEARCH_TRIGGERS}))").all()
                for kind, name, sql in found:
                    conn.exec_driver_sql(f"DROP {kind.upper()} {name}")
                    self.saved.append(sql)
            else:
                found = conn.execute(text(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c"
                    " ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid"
                    " WHERE i.tablename = ANY(:tables) AND NOT x.indisunique"),
                    {"tables": list(DEFERRED_TABLES)}).all()
                for name, sql in found:
                    conn.exec_driver_sql(f'DROP INDEX "{name}"')
                    self.saved.append(sql)
                for trigger in COUNT_TRIGGERS:
                    conn.exec_driver_sql(f"ALTER TABLE events DISABLE TRIGGER {trigger}")
                    self.saved.append(f"ALTER TABLE events ENABLE TRIGGER {trigger}")

    def restore(self) -> None:
        """Build the dropped indexes again, index the loaded events for search, and put the
        triggers back; then refresh the planner statistics."""
        with self.store.write_lock, self.store.engine.begin() as conn:
            if self.store.backend == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size=-524288")  # 512 MiB for the sorts
                conn.exec_driver_sql(
                    "INSERT INTO events_fts(rowid, text) SELECT pk, text FROM events WHERE pk >= ?",
                    (self.first_pk,))
                conn.exec_driver_sql(
                    "INSERT INTO events_rtree SELECT pk, lon, lon, lat, lat,"
                    " coalesce(julianday(date), 0), coalesce(julianday(date), 9999999) FROM events"
                    " WHERE pk >= ? AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY lon, lat",
                    (self.first_pk,))
            else:
                conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
            for sql in rebuild_sql(self.store.backend) + rebuild_fine_sql(self.store.backend) + rebuild_weeks_sql():
                conn.execute(text(sql))
            for sql in self.saved:
                conn.exec_driver_sql(sql)
        self.saved = []
        self._analyze()

    def after_batch(self, conn: Connection) -> None:
        """On PostgreSQL, move the pk sequences past the rows the load gave their keys."""
        if self.store.backend == "postgresql":
            for table in ("articles", "events", "event_reports"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'),"
                                  f" (SELECT coalesce(max(pk), 1) FROM {table}))"))

    def _analyze(self) -> None:
        """Planner statistics; on PostgreSQL also VACUUM, whose visibility map lets counts and
        sorts of matched events read the indexes alone (rows just COPYed are not yet all-visible)."""
        if self.store.backend == "sqlite":
            with self.store.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit=400")
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
            return
        with self.store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("articles", "events", "event_reports", "event_actors", "actors", "event_weeks"):
                conn.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
