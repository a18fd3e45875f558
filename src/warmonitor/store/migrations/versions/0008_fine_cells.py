"""The map's grid at zoom 12 kept as counts (`event_cells` rows of level 12, by triggers of
their own, warmonitor.store.aggregates.FINE_LEVEL), filled here from the stored events.

At zoom 12 a city view holds ~21,000 events at 5M (~4,200 at 1M); grouping them read each
one from the R*Tree (SQLite) or the (lat, lon) index (PostgreSQL): SQLite p95 175-304 ms at
5M. The cells wholly inside the view are now read from these counts and only the events of
the view's edge strips are grouped (`warmonitor.store.mapcells`). Level 12 rows are
~470,000 at 5M events (about 11,700 a town of the benchmark).

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

from alembic import op

from warmonitor.store.aggregates import FINE_LEVEL, create_fine_sql, rebuild_fine_sql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in rebuild_fine_sql(dialect) + create_fine_sql(dialect):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_fine_cells ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_fine_cells()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_fine_ai")
        op.execute("DROP TRIGGER IF EXISTS events_fine_ad")
    op.execute(f"DELETE FROM event_cells WHERE level = {FINE_LEVEL}")
