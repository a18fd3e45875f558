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
- PostgreSQL: `(lon, lat) INCLUDE (category, id)`: the map's cells at zoom 12 and closer
  group the events of the view's box, and the plan read each one's row (a 1280x800 view at
  zoom 12 over Aleppo holds ~34,000 events at 5M: p50 1.36 s); from this index alone
  p50 114 ms (zoom 13: 314 -> 180 ms, 23 ms of it in the database).

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
    "ix_events_place_cover": "CREATE INDEX ix_events_place_cover ON events (lon, lat) INCLUDE (category, id)",
}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_weeks_sql(dialect) + rebuild_weeks_sql()[1:]:
        op.execute(statement)
    if dialect == "postgresql":
        for statement in POSTGRES_INDEXES.values():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in POSTGRES_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute("DROP TRIGGER IF EXISTS events_weeks ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_weeks()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ai")
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ad")
    op.drop_table("event_weeks")
