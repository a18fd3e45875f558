"""The watcher's memory (warmonitor.watch.state): `watch_sources`, each source's last poll,
result, validators (ETag, Last-Modified), next due time and counts; `watch_urls`, every URL
a source led to with its status (pending, claimed, done, duplicate, failed), content hash
and reason. And an index on `articles.stored_at` for GET /events?since= (the map's live
updates ask for what was stored in the last seconds).

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("outlet", sa.String(300)),
        sa.Column("last_poll_at", sa.DateTime),
        sa.Column("last_result", sa.String(20)),
        sa.Column("last_error", sa.Text),
        sa.Column("problems", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.String(100)),
        sa.Column("next_due_at", sa.DateTime),
        sa.Column("polls", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_polls", sa.Integer, nullable=False, server_default="0"),
        sa.Column("entries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("new_articles", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_new", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_pages", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "watch_urls",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url_key", sa.String(64), nullable=False, unique=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.String(120)),
        sa.Column("claimed_at", sa.DateTime),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("article_id", sa.String(200)),
        sa.Column("error", sa.Text),
        sa.Column("first_seen_at", sa.DateTime, nullable=False),
        sa.Column("done_at", sa.DateTime),
    )
    op.create_index("ix_watch_urls_status", "watch_urls", ["status", "source"])
    op.create_index("ix_articles_stored_at", "articles", ["stored_at"])


def downgrade() -> None:
    op.drop_index("ix_articles_stored_at", table_name="articles")
    op.drop_table("watch_urls")
    op.drop_table("watch_sources")
