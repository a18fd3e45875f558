"""Weekly counts and the indexes the common queries of a store of millions need, each
chosen from a query plan at 1M events (bench/README.md, "Profiles at 1M"):

- `event_weeks`, events per ISO week and category, kept by triggers like `event_days`
  (warmonitor.store.aggregates), so the weekly timeline of all events reads ~20,000 rows
  instead of summing ~140,000 day rows; filled here from `event_days`.
- PostgreSQL: `(date DESC NULLS LAST, pk DESC)`, the order of every newest-first page, so
  an actor's page walks it and stops after its 100 events instead of sorting all of them
  (SQLite's `ix_events_date` already gives that order: its NULLs sort first, so last
  backwards, and the rowid follows the date).
- PostgreSQL: `(category, date) INCLUDE (lon, lat, pk)`: without PostGIS a view's box is
  two BETWEENs, and the plan ANDed the category-date bitmap with a scan of the (lat, lon)
  index over the ~80,000 events around a town; with the place in the index the ~5,000
  events of the category and dates are filtered in the index alone (64 -> 2 ms a page).
  SQLite answers the box from its R*Tree.
- PostgreSQL: `(lat, lon) INCLUDE (category, id)`: the map's cells at zoom 12 and closer
  group the events of the view's box, and the plan read each one's row from a bitmap of
  `ix_events_lat_lon` (a 1280x800 view at zoom 12 holds ~34,000 events at 5M: p50 1.36 s).
  The planner takes lat and lon for independent and expects ~900 events where a town has
  ~21,000, so only an index led by the same columns is sure to win its costing: with it a
  city box is an index-only scan (84 ms warm, ~900 ms cold -> 23 ms in the database).
- SQLite: `(pk, lat, lon, category, id)`: the same grouping takes its events from the
  R*Tree and then read each one's row (3.4 KB an event, record JSON and all); from this
  index the rows are not read (40 city boxes at zoom 12, 1M events, in-process: p50 44 ->
  35 ms and p95 75-82 -> 61 ms warm; 830 ms p95 over HTTP once the rows had left the cache).

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from alembic import op

from warmonitor.store.aggregates import create_weeks_sql, rebuild_weeks_sql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

POSTGRES_INDEXES = {
    "ix_events_date_sort": "CREATE INDEX ix_events_date_sort ON events (date DESC NULLS LAST, pk DESC)",
    "ix_events_category_date_place": "CREATE INDEX ix_events_category_date_place ON events"
                                     " (category, date) INCLUDE (lon, lat, pk)",
    "ix_events_place_cover": "CREATE INDEX ix_events_place_cover ON events (lat, lon) INCLUDE (category, id)",
}
SQLITE_INDEXES = {
    "ix_events_pk_place": "CREATE INDEX ix_events_pk_place ON events (pk, lat, lon, category, id)",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_weeks_sql(dialect) + rebuild_weeks_sql()[1:]:
        op.execute(statement)
    for statement in (POSTGRES_INDEXES if dialect == "postgresql" else SQLITE_INDEXES).values():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS events_weeks ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_weeks()")
    else:
        for name in SQLITE_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ai")
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ad")
    op.drop_table("event_weeks")
