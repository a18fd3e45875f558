"""The map's grid at zoom 12 kept as counts (`event_cells` rows of level 12, by triggers of
their own, warmonitor.store.aggregates.FINE_LEVEL), filled here from the stored events.

At zoom 12 a city view holds ~21,000 events at 5M (~4,200 at 1M); grouping them read each
one from the R*Tree (SQLite) or the (lat, lon) index (PostgreSQL): SQLite p95 175-304 ms at
5M. The cells wholly inside the view are now read from these counts and only the events of
the view's edge strips are grouped (`warmonitor.store.mapcells`). Level 12 rows are
~487,000 at 5M events (about 12,000 a town of the benchmark).

On SQLite also `ix_events_place_rows`, (the fine row of the latitude, lon, lat, category,
id): the edge strips are read from it a grid row at a time, each a seek to its stretch of
longitudes, so only the strips' own events are read. The R*Tree took 15-30 ms a strip at 5M
(its leaves, filled in longitude order, span towns far apart in latitude) and then each
event's row; a (lat, lon, category, id) index read every event of the box's latitudes
(40,000-120,000 at 5M, where the benchmark's towns share latitudes).

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

from alembic import op

from warmonitor.store.aggregates import FINE_LEVEL, create_fine_sql, fine_row_sql, rebuild_fine_sql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


SQLITE_INDEX = f"CREATE INDEX ix_events_place_rows ON events ({fine_row_sql()}, lon, lat, category, id)"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in rebuild_fine_sql(dialect) + create_fine_sql(dialect):
        op.execute(statement)
    if dialect == "sqlite":
        op.execute(SQLITE_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_fine_cells ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_fine_cells()")
    else:
        op.execute("DROP INDEX IF EXISTS ix_events_place_rows")
        op.execute("DROP TRIGGER IF EXISTS events_fine_ai")
        op.execute("DROP TRIGGER IF EXISTS events_fine_ad")
    op.execute(f"DELETE FROM event_cells WHERE level = {FINE_LEVEL}")
