"""Cross-article events: one row per article's report of an event (`event_reports`), linked
to the event it was merged into, and the merge explanation on the event.

Existing events become one report each (their own id), so nothing is lost.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("merge_links", sa.Text))
    op.create_table(
        "event_reports",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.String(64), nullable=False, unique=True),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="SET NULL")),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("country_code", sa.String(2)),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_index("ix_event_reports_block", "event_reports", ["category", "first_day"])
    op.create_index("ix_event_reports_event", "event_reports", ["event_pk"])
    op.create_index("ix_event_reports_article", "event_reports", ["article_pk"])
    _backfill()


def _backfill() -> None:
    """Each event stored before this revision is its own single report."""
    from warmonitor.dedupe import MatchRules, Report

    bind = op.get_bind()
    rules = MatchRules.load()
    reports = sa.table("event_reports", *(sa.column(name) for name in (
        "report_id", "article_pk", "event_pk", "category", "country_code", "first_day",
        "last_day", "record")))
    rows = bind.execute(sa.text("SELECT pk, id, article_pk, category, country_code, record"
                                " FROM events")).all()
    for pk, event_id, article_pk, category, country, record in rows:
        span = Report.from_record(json.loads(record), rules).span
        bind.execute(reports.insert().values(
            report_id=event_id, article_pk=article_pk, event_pk=pk, category=category,
            country_code=country, first_day=span[0] if span else None,
            last_day=span[1] if span else None, record=record))


def downgrade() -> None:
    op.drop_table("event_reports")
    op.execute("ALTER TABLE events DROP COLUMN merge_links")
