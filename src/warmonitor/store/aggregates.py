"""Counts kept beside the events so the map and the timeline answer at once on millions of
events: `event_days` (events per day and category) and `event_cells` (events per map grid
cell and category, with the sums of their coordinates, at the zoom levels of LEVELS).

Triggers keep both in step with every insert and delete of an event (SQLite triggers, a
PL/pgSQL trigger function on PostgreSQL); a bulk load sets them aside and rebuilds the
counts with one GROUP BY each (`rebuild_sql`). Rows whose count fell to 0 stay and are
skipped by the readers.

`event_weeks` (events per ISO week, keyed by its Monday, and category; migration 0006) is
kept the same way by triggers of its own, so the weekly timeline of all events reads some
20,000 rows instead of summing 140,000 day rows. The SQL of migration 0005 (TABLES,
SQLITE_TRIGGERS, POSTGRES_*, create_sql, rebuild_sql) must not change: 0006 adds beside it.
"""
from __future__ import annotations

from collections.abc import Callable

#: Zoom levels with a grid of counts; a zoom between two is answered from the finer one.
LEVELS = (3, 5, 7, 9, 11)
#: Grid cells across one 256-pixel map tile; a cell at zoom z is 90 / 2**z degrees.
CELLS_PER_TILE = 4

TABLES = [
    "CREATE TABLE event_days (day DATE NOT NULL, category VARCHAR(20) NOT NULL,"
    " week DATE NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (day, category))",
    # The weekly timeline reads this index alone, in order (no sort, no row look-ups).
    "CREATE INDEX ix_event_days_week ON event_days (week, category, n, day)",
    "CREATE TABLE event_cells (level INTEGER NOT NULL, gx INTEGER NOT NULL, gy INTEGER NOT NULL,"
    " category VARCHAR(20) NOT NULL, n INTEGER NOT NULL, lat_sum FLOAT NOT NULL,"
    " lon_sum FLOAT NOT NULL, PRIMARY KEY (level, gx, gy, category))",
]


def floor_sql(dialect: str, value: str) -> str:
    """floor(value) as an integer, without SQLite's optional math functions."""
    if dialect == "postgresql":
        return f"floor({value})::integer"
    return f"(CAST({value} AS INTEGER) - ({value} < CAST({value} AS INTEGER)))"


def monday_sql(dialect: str, day: str) -> str:
    """The Monday of the week of a date (SQL expression)."""
    if dialect == "postgresql":
        return f"date_trunc('week', {day})::date"
    return f"date({day}, '-' || ((strftime('%w', {day}) + 6) % 7) || ' days')"


def _levels_sql() -> str:
    return " UNION ALL ".join(f"SELECT {level} AS level, {90.0 / 2 ** level!r} AS size" for level in LEVELS)


def _cell_upsert(dialect: str, row: str, sign: str) -> str:
    gx, gy = floor_sql(dialect, f"{row}.lon / g.size"), floor_sql(dialect, f"{row}.lat / g.size")
    return (f"INSERT INTO event_cells (level, gx, gy, category, n, lat_sum, lon_sum)"
            f" SELECT g.level, {gx}, {gy}, {row}.category, {sign}, {sign} * {row}.lat, {sign} * {row}.lon"
            f" FROM ({_levels_sql()}) AS g WHERE {row}.lat IS NOT NULL AND {row}.lon IS NOT NULL"
            " ON CONFLICT (level, gx, gy, category) DO UPDATE SET n = event_cells.n + excluded.n,"
            " lat_sum = event_cells.lat_sum + excluded.lat_sum,"
            " lon_sum = event_cells.lon_sum + excluded.lon_sum")


def _day_upsert(dialect: str, row: str, sign: str) -> str:
    return (f"INSERT INTO event_days (day, category, week, n) SELECT {row}.date, {row}.category,"
            f" {monday_sql(dialect, f'{row}.date')}, {sign}"
            f" WHERE {row}.date IS NOT NULL ON CONFLICT (day, category)"
            " DO UPDATE SET n = event_days.n + excluded.n")


#: The SQLite triggers, by name (a bulk load drops and re-creates them).
SQLITE_TRIGGERS = {
    "events_agg_ai": "CREATE TRIGGER events_agg_ai AFTER INSERT ON events BEGIN "
                     f"{_day_upsert('sqlite', 'new', '1')}; {_cell_upsert('sqlite', 'new', '1')}; END",
    "events_agg_ad": "CREATE TRIGGER events_agg_ad AFTER DELETE ON events BEGIN "
                     f"{_day_upsert('sqlite', 'old', '-1')}; {_cell_upsert('sqlite', 'old', '-1')}; END",
}

POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION warmonitor_event_aggregates() RETURNS trigger LANGUAGE plpgsql AS $$"
    " DECLARE sign integer; r events%ROWTYPE; BEGIN"
    " IF TG_OP = 'INSERT' THEN sign := 1; r := NEW; ELSE sign := -1; r := OLD; END IF;"
    f" {_day_upsert('postgresql', 'r', 'sign')}; {_cell_upsert('postgresql', 'r', 'sign')};"
    " RETURN NULL; END $$")
POSTGRES_TRIGGER = ("CREATE TRIGGER events_aggregates AFTER INSERT OR DELETE ON events"
                    " FOR EACH ROW EXECUTE FUNCTION warmonitor_event_aggregates()")


def create_sql(dialect: str) -> list[str]:
    """The statements that create the count tables and their triggers."""
    if dialect == "postgresql":
        return [*TABLES, POSTGRES_FUNCTION, POSTGRES_TRIGGER]
    return [*TABLES, *SQLITE_TRIGGERS.values()]


def rebuild_sql(dialect: str) -> list[str]:
    """The statements that count every stored event again."""
    gx, gy = floor_sql(dialect, "e.lon / g.size"), floor_sql(dialect, "e.lat / g.size")
    return [
        "DELETE FROM event_days",
        "DELETE FROM event_cells",
        f"INSERT INTO event_days (day, category, week, n) SELECT date, category,"
        f" {monday_sql(dialect, 'date')}, count(*) FROM events WHERE date IS NOT NULL GROUP BY date, category",
        "INSERT INTO event_cells (level, gx, gy, category, n, lat_sum, lon_sum)"
        f" SELECT g.level, {gx}, {gy}, e.category, count(*), sum(e.lat), sum(e.lon)"
        f" FROM events AS e CROSS JOIN ({_levels_sql()}) AS g"
        f" WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL GROUP BY g.level, {gx}, {gy}, e.category",
    ]


WEEKS_TABLE = ("CREATE TABLE event_weeks (week DATE NOT NULL, category VARCHAR(20) NOT NULL,"
               " n INTEGER NOT NULL, PRIMARY KEY (week, category))")


def _week_upsert(dialect: str, row: str, sign: str) -> str:
    return (f"INSERT INTO event_weeks (week, category, n) SELECT {monday_sql(dialect, f'{row}.date')},"
            f" {row}.category, {sign} WHERE {row}.date IS NOT NULL ON CONFLICT (week, category)"
            " DO UPDATE SET n = event_weeks.n + excluded.n")


def _counting_triggers(prefix: str, trigger: str, function: str, upsert: Callable[[str, str, str], str]
                       ) -> tuple[dict[str, str], str, str]:
    """The triggers that keep a count table as events come and go: SQLite's two, by name (a
    bulk load drops and re-creates them), and PostgreSQL's function and trigger. `upsert`
    writes the count's statement for a dialect, a row name and the sign of the change."""
    sqlite = {f"{prefix}_ai": f"CREATE TRIGGER {prefix}_ai AFTER INSERT ON events BEGIN "
                              f"{upsert('sqlite', 'new', '1')}; END",
              f"{prefix}_ad": f"CREATE TRIGGER {prefix}_ad AFTER DELETE ON events BEGIN "
                              f"{upsert('sqlite', 'old', '-1')}; END"}
    pg_function = (
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$"
        " DECLARE sign integer; r events%ROWTYPE; BEGIN"
        " IF TG_OP = 'INSERT' THEN sign := 1; r := NEW; ELSE sign := -1; r := OLD; END IF;"
        f" {upsert('postgresql', 'r', 'sign')}; RETURN NULL; END $$")
    pg_trigger = (f"CREATE TRIGGER {trigger} AFTER INSERT OR DELETE ON events"
                  f" FOR EACH ROW EXECUTE FUNCTION {function}()")
    return sqlite, pg_function, pg_trigger


#: The triggers of the weekly counts.
SQLITE_WEEK_TRIGGERS, POSTGRES_WEEK_FUNCTION, POSTGRES_WEEK_TRIGGER = _counting_triggers(
    "events_weeks", "events_weeks", "warmonitor_event_weeks", _week_upsert)


def create_weeks_sql(dialect: str) -> list[str]:
    """The statements that create `event_weeks` and the triggers that keep it."""
    if dialect == "postgresql":
        return [WEEKS_TABLE, POSTGRES_WEEK_FUNCTION, POSTGRES_WEEK_TRIGGER]
    return [WEEKS_TABLE, *SQLITE_WEEK_TRIGGERS.values()]


def rebuild_weeks_sql() -> list[str]:
    """The statements that count the weeks again from `event_days` (run after it is rebuilt:
    its 140,000 rows at 1M events sum faster than a scan of the events)."""
    return ["DELETE FROM event_weeks",
            "INSERT INTO event_weeks (week, category, n) SELECT week, category, sum(n)"
            " FROM event_days GROUP BY week, category"]


#: The zoom of the finer grid of migration 0008, kept by triggers of its own (LEVELS and the
#: SQL of 0005 stay as they are): a city view at this zoom holds some 20,000 events at 5M,
#: and its cells inside the view are read here instead (`mapcells.fine_clusters`).
FINE_LEVEL = 12


def fine_row_sql(column: str = "lat") -> str:
    """SQLite: the key of the fine grid's row of a latitude (truncated toward zero, which
    Python's int() does too), the first column of `ix_events_place_rows` (0008): written
    the same way in a query, it lets SQLite seek each row's stretch of longitudes."""
    return f"CAST({column} / {90.0 / 2 ** FINE_LEVEL!r} AS INTEGER)"


def _fine_upsert(dialect: str, row: str, sign: str) -> str:
    size = repr(90.0 / 2 ** FINE_LEVEL)
    gx, gy = floor_sql(dialect, f"{row}.lon / {size}"), floor_sql(dialect, f"{row}.lat / {size}")
    where = f"{row}.lat IS NOT NULL AND {row}.lon IS NOT NULL"
    return (f"INSERT INTO event_cells (level, gx, gy, category, n, lat_sum, lon_sum)"
            f" SELECT {FINE_LEVEL}, {gx}, {gy}, {row}.category, {sign}, {sign} * {row}.lat, {sign} * {row}.lon"
            f" WHERE {where}"
            " ON CONFLICT (level, gx, gy, category) DO UPDATE SET n = event_cells.n + excluded.n,"
            " lat_sum = event_cells.lat_sum + excluded.lat_sum,"
            " lon_sum = event_cells.lon_sum + excluded.lon_sum")


#: The triggers of the fine grid.
SQLITE_FINE_TRIGGERS, POSTGRES_FINE_FUNCTION, POSTGRES_FINE_TRIGGER = _counting_triggers(
    "events_fine", "events_fine_cells", "warmonitor_event_fine_cells", _fine_upsert)


def create_fine_sql(dialect: str) -> list[str]:
    """The statements that create the triggers of the fine grid."""
    if dialect == "postgresql":
        return [POSTGRES_FINE_FUNCTION, POSTGRES_FINE_TRIGGER]
    return list(SQLITE_FINE_TRIGGERS.values())


def rebuild_fine_sql(dialect: str) -> list[str]:
    """The statements that count every stored event into the fine grid again."""
    size = repr(90.0 / 2 ** FINE_LEVEL)
    gx, gy = floor_sql(dialect, f"lon / {size}"), floor_sql(dialect, f"lat / {size}")
    return [f"DELETE FROM event_cells WHERE level = {FINE_LEVEL}",
            "INSERT INTO event_cells (level, gx, gy, category, n, lat_sum, lon_sum)"
            f" SELECT {FINE_LEVEL}, {gx}, {gy}, category, count(*), sum(lat), sum(lon) FROM events"
            f" WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY {gx}, {gy}, category"]
