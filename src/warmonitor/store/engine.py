"""Opening a database: the engine for a URL (SQLite pragmas, PostgreSQL driver) and the
Alembic upgrade to the newest schema."""
from __future__ import annotations

import logging
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from ..errors import InputError

log = logging.getLogger(__name__)


def normalize_url(url: str) -> str:
    """The SQLAlchemy URL for a user's URL: psycopg 3 for ``postgresql://``, a bare path for
    SQLite. Example: ``warmonitor.db`` -> ``sqlite:///warmonitor.db``."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("sqlite:", "postgresql+")):
        return url
    if "://" in url:
        raise InputError(f"unsupported database URL {url!r}: use sqlite:///PATH or postgresql://...")
    return f"sqlite:///{url}"


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite connections get WAL mode and foreign keys."""
    sa_url = normalize_url(url)
    if sa_url.startswith("sqlite"):
        engine = create_engine(sa_url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    return create_engine(sa_url, pool_pre_ping=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def alembic_config() -> Config:
    """The Alembic configuration whose scripts ship inside the package."""
    config = Config()
    config.set_main_option("script_location", "warmonitor.store:migrations")
    return config


def migrate(engine: Engine, *, revision: str = "head") -> None:
    """Upgrade the database to `revision` (the newest by default); a no-op when it is there.

    All of it or nothing: on SQLite the upgrade runs in an explicit BEGIN IMMEDIATE, since
    Python's sqlite3 commits each CREATE TABLE on its own, and a process killed between
    two of them left tables without a schema version, which no later open could upgrade.
    IMMEDIATE also makes a second process opening a new store wait for the first's
    upgrade instead of racing it."""
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def refresh_statistics(engine: Engine) -> None:
    """Give SQLite's planner table statistics (a sampled ANALYZE, milliseconds even on millions
    of rows): without them it reads every matched event row to sort an actor or text query
    instead of the covering (pk, date, dead) index. PostgreSQL's autovacuum does this itself."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA analysis_limit=400")
            connection.exec_driver_sql("ANALYZE")
    except OperationalError as exc:  # a read-only file or a busy writer: plans stay as they were
        log.warning("could not refresh SQLite statistics: %s", exc)


def has_postgis(engine: Engine) -> bool:
    """Whether the events table has the PostGIS point column (PostgreSQL with PostGIS)."""
    if engine.dialect.name != "postgresql":
        return False
    query = text("SELECT 1 FROM information_schema.columns"
                 " WHERE table_name = 'events' AND column_name = 'geom'")
    with engine.connect() as conn:
        return conn.execute(query).first() is not None
