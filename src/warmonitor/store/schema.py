"""The tables warmonitor stores: articles (raw first), events (one row each, the full record
kept as JSON beside the indexed columns), the
articles' reports each event was merged from, actors and the event-actor links.

SQLAlchemy Core only; the same tables serve SQLite and PostgreSQL. Backend-specific search
structures (FTS5 and R*Tree on SQLite, tsvector and PostGIS on PostgreSQL) are created by the
migration, not here, because they are not portable table definitions.
"""
from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(200), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("raw", Text, nullable=False),
    Column("raw_format", String(10), nullable=False, default="text"),
    Column("text", Text, nullable=False),
    Column("published", Date),
    Column("outlet", String(300)),
    Column("url", Text),
    Column("title", Text),
    Column("status", String(10), nullable=False),
    Column("error", Text),
    Column("stored_at", DateTime, nullable=False),
    Column("extracted_at", DateTime),
    Index("ix_articles_status", "status"),
    Index("ix_articles_stored_at", "stored_at"),  # migration 0007: GET /events?since=
)

events = Table(
    "events",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(64), nullable=False, unique=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("category", String(20), nullable=False),
    Column("mode", String(40)),
    Column("cameo", String(8)),
    Column("acled_type", String(60)),
    Column("acled_sub_type", String(80)),
    Column("date", Date),
    Column("enddate", Date),
    Column("country_code", String(2)),
    Column("admin1", String(200)),
    Column("lat", Float),
    Column("lon", Float),
    Column("dead", Integer),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("merge_links", Text),
    Index("ix_events_date", "date"),
    Index("ix_events_category_date", "category", "date"),
    Index("ix_events_country_date", "country_code", "date"),
    Index("ix_events_admin1", "admin1"),
    Index("ix_events_acled_type_date", "acled_type", "date"),
    Index("ix_events_dead", "dead"),
    Index("ix_events_lat_lon", "lat", "lon"),
    Index("ix_events_article", "article_pk"),
    Index("ix_events_pk_sort", "pk", "date", "dead"),  # migration 0003
)

#: One article's report of an event; `event_pk` is the event it was merged into.
event_reports = Table(
    "event_reports",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(64), nullable=False, unique=True),
    Column("article_pk", Integer, ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False),
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="SET NULL")),
    Column("category", String(20), nullable=False),
    Column("country_code", String(2)),
    Column("first_day", Date),
    Column("last_day", Date),
    Column("record", Text, nullable=False),
    Index("ix_event_reports_span", "category", "first_day", "last_day"),  # migration 0004
    Index("ix_event_reports_event", "event_pk"),
    Index("ix_event_reports_article", "article_pk"),
)

actors = Table(
    "actors",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("key", String(40), nullable=False, unique=True),
    Column("entity_text", Text, nullable=False),
    Column("name", Text),
    Column("code", String(8)),
    Column("sector", String(8)),
    Index("ix_actors_name", "name"),
    Index("ix_actors_code", "code"),
    Index("ix_actors_sector", "sector"),
)

event_actors = Table(
    "event_actors",
    metadata,
    Column("event_pk", Integer, ForeignKey("events.pk", ondelete="CASCADE"), primary_key=True),
    Column("actor_pk", Integer, ForeignKey("actors.pk"), primary_key=True),
    Column("role", String(10), primary_key=True),
    Index("ix_event_actors_actor", "actor_pk", "event_pk"),
)

#: Events per day and category, kept by triggers (migration 0005, store/aggregates.py).
event_days = Table(
    "event_days",
    metadata,
    Column("day", Date, primary_key=True),
    Column("category", String(20), primary_key=True),
    Column("week", Date, nullable=False),
    Column("n", Integer, nullable=False),
    Index("ix_event_days_week", "week", "category", "n", "day"),
)

#: Events per ISO week (its Monday) and category, kept by triggers (migration 0006).
event_weeks = Table(
    "event_weeks",
    metadata,
    Column("week", Date, primary_key=True),
    Column("category", String(20), primary_key=True),
    Column("n", Integer, nullable=False),
)

#: Events per map grid cell (zoom `level`) and category, with their coordinate sums.
event_cells = Table(
    "event_cells",
    metadata,
    Column("level", Integer, primary_key=True),
    Column("gx", Integer, primary_key=True),
    Column("gy", Integer, primary_key=True),
    Column("category", String(20), primary_key=True),
    Column("n", Integer, nullable=False),
    Column("lat_sum", Float, nullable=False),
    Column("lon_sum", Float, nullable=False),
)

#: Each watched source: when it was polled, with what result, what it said (ETag,
#: Last-Modified) and when it is due again (migration 0007, warmonitor.watch.state).
watch_sources = Table(
    "watch_sources",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("outlet", String(300)),
    Column("last_poll_at", DateTime),
    Column("last_result", String(20)),
    Column("last_error", Text),
    Column("problems", Text),
    Column("etag", Text),
    Column("last_modified", String(100)),
    Column("next_due_at", DateTime),
    Column("polls", Integer, nullable=False, default=0),
    Column("failed_polls", Integer, nullable=False, default=0),
    Column("entries", Integer, nullable=False, default=0),
    Column("new_articles", Integer, nullable=False, default=0),
    Column("last_new", Integer, nullable=False, default=0),
    Column("failed_pages", Integer, nullable=False, default=0),
)

#: Every URL a source led to: pending, claimed by a watcher, done (stored), duplicate (its
#: text was stored already) or failed (with the reason); never fetched again once settled.
watch_urls = Table(
    "watch_urls",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("url_key", String(64), nullable=False, unique=True),
    Column("url", Text, nullable=False),
    Column("source", String(200), nullable=False),
    Column("status", String(10), nullable=False),
    Column("title", Text),
    Column("published", Date),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_by", String(120)),
    Column("claimed_at", DateTime),
    Column("content_hash", String(64)),
    Column("article_id", String(200)),
    Column("error", Text),
    Column("first_seen_at", DateTime, nullable=False),
    Column("done_at", DateTime),
    Index("ix_watch_urls_status", "status", "source"),
)
