"""Counts per day and per map grid cell beside the events, kept by triggers, so the timeline
and the map clusters of a store of millions of events are read from a few thousand rows
instead of a scan of every event (warmonitor.store.aggregates).

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from alembic import op

from warmonitor.store.aggregates import create_sql, rebuild_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_sql(dialect) + rebuild_sql(dialect)[2:]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_aggregates ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_aggregates()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_agg_ai")
        op.execute("DROP TRIGGER IF EXISTS events_agg_ad")
    op.drop_table("event_cells")
    op.drop_table("event_days")
