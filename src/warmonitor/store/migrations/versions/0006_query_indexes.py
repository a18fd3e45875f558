"""Weekly counts and the indexes the common queries of a store of millions need
(bench/README.md, "Profiles at 1M"):

- `event_weeks`, events per ISO week and category, kept by triggers like `event_days`
  (warmonitor.store.aggregates), so the weekly timeline of all events reads ~20,000 rows
  instead of summing ~140,000 day rows; filled here from `event_days`.

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


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for statement in create_weeks_sql(dialect) + rebuild_weeks_sql()[1:]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_weeks ON events")
        op.execute("DROP FUNCTION IF EXISTS warmonitor_event_weeks()")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ai")
        op.execute("DROP TRIGGER IF EXISTS events_weeks_ad")
    op.drop_table("event_weeks")
