"""The first schema: articles, events, actors, event_actors, and the search structures.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SQLITE_SEARCH = [
    "CREATE VIRTUAL TABLE events_fts USING fts5(text, content='events', content_rowid='pk',"
    " tokenize='porter unicode61')",
    "CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN"
    " INSERT INTO events_fts(rowid, text) VALUES (new.pk, new.text); END",
    "CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN"
    " INSERT INTO events_fts(events_fts, rowid, text) VALUES ('delete', old.pk, old.text); END",
    # Longitude, latitude and day (Julian day number; an undated event spans all days) so a
    # bounding box with a date range is answered by the R*Tree alone.
    "CREATE VIRTUAL TABLE events_rtree USING rtree(pk, min_lon, max_lon, min_lat, max_lat,"
    " min_day, max_day)",
    "CREATE TRIGGER events_rtree_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL"
    " AND new.lon IS NOT NULL BEGIN INSERT INTO events_rtree VALUES"
    " (new.pk, new.lon, new.lon, new.lat, new.lat, coalesce(julianday(new.date), 0),"
    " coalesce(julianday(new.date), 9999999)); END",
    "CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN"
    " DELETE FROM events_rtree WHERE pk = old.pk; END",
]
POSTGRES_SEARCH = [
    "ALTER TABLE events ADD COLUMN text_tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_events_text_tsv ON events USING gin (text_tsv)",
]
POSTGIS = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "ALTER TABLE events ADD COLUMN geom geometry(Point, 4326)"
    " GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED",
    "CREATE INDEX ix_events_geom ON events USING gist (geom)",
]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(200), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("raw_format", sa.String(10), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("outlet", sa.String(300)),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("stored_at", sa.DateTime, nullable=False),
        sa.Column("extracted_at", sa.DateTime),
    )
    op.create_index("ix_articles_status", "articles", ["status"])
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(40)),
        sa.Column("cameo", sa.String(8)),
        sa.Column("acled_type", sa.String(60)),
        sa.Column("acled_sub_type", sa.String(80)),
        sa.Column("date", sa.Date),
        sa.Column("enddate", sa.Date),
        sa.Column("country_code", sa.String(2)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("dead", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )
    for name, columns in {
        "ix_events_date": ["date"], "ix_events_category_date": ["category", "date"],
        "ix_events_country_date": ["country_code", "date"], "ix_events_admin1": ["admin1"],
        "ix_events_acled_type_date": ["acled_type", "date"], "ix_events_dead": ["dead"],
        "ix_events_lat_lon": ["lat", "lon"], "ix_events_article": ["article_pk"],
    }.items():
        op.create_index(name, "events", columns)
    op.create_table(
        "actors",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(40), nullable=False, unique=True),
        sa.Column("entity_text", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("code", sa.String(8)),
        sa.Column("sector", sa.String(8)),
    )
    for column in ("name", "code", "sector"):
        op.create_index(f"ix_actors_{column}", "actors", [column])
    op.create_table(
        "event_actors",
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("actor_pk", sa.Integer, sa.ForeignKey("actors.pk"), primary_key=True),
        sa.Column("role", sa.String(10), primary_key=True),
    )
    op.create_index("ix_event_actors_actor", "event_actors", ["actor_pk", "event_pk"])
    _create_search_structures()


def _create_search_structures() -> None:
    """FTS5 + R*Tree on SQLite; tsvector + GIN (and PostGIS where installed) on PostgreSQL."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        statements = SQLITE_SEARCH
    else:
        statements = list(POSTGRES_SEARCH)
        has_postgis = bind.execute(sa.text(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")).first()
        if has_postgis:
            statements += POSTGIS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS events_fts")
        op.execute("DROP TABLE IF EXISTS events_rtree")
    for table in ("event_actors", "actors", "events", "articles"):
        op.drop_table(table)
