"""Map clusters computed in the database: the events a filter selects, counted per grid
cell of the map at a zoom level (about 64 pixels a cell), with the mean position and the
count of each category; a cell of one event names it. The page draws these at any size of
store instead of fetching every marker.

Up to zoom 11, a filter of categories (and a view's bounding box) only is answered from the
stored counts of `event_cells` (the cells overlapping the box); any other filter, and the
closer zooms, group the matching events themselves. At zoom 12 (FINE_LEVEL, migration 0008)
the same filter takes the cells wholly inside the box from the stored counts and groups
only the events of the strips between them and the box's edges: the same answer as
grouping every event of the box (`fine_rows`).
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, and_, func, literal_column, select

from ..errors import InputError
from .aggregates import CELLS_PER_TILE, FINE_LEVEL, LEVELS, floor_sql
from .filters import EventFilter, conditions, counted
from .schema import event_cells, events

if TYPE_CHECKING:
    from . import Store

MAX_ZOOM = 18
#: Inner edges of the fine path's strips are widened by this many degrees where the index
#: compares them (the R*Tree keeps 32-bit floats rounded outward, ~1.5e-5 degrees at
#: longitude 180); the exact edge is compared on the events' own coordinates.
_SLACK = 1e-4
#: The fine path names the event of a lone cell inside the box with a look-up of its own,
#: for up to this many such cells; a view with more groups its events as before.
MAX_LONE = 16


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell in degrees of longitude at `zoom` (Web Mercator tiles)."""
    if not 0 <= zoom <= MAX_ZOOM:
        raise InputError(f"zoom must be 0..{MAX_ZOOM}, not {zoom}")
    return 360.0 / (2 ** zoom) / CELLS_PER_TILE


def map_clusters(store: Store, flt: EventFilter, zoom: int) -> dict[str, Any]:
    """{"zoom", "cell", "total", "clusters": [{"lat", "lon", "count", "counts", "id"?}]}: the
    events `flt` selects (its limit, offset and sort do not apply) grouped by grid cell."""
    size = cell_degrees(zoom)
    flt = replace(flt, limit=1, offset=0)
    level = next((level for level in LEVELS if level >= zoom), None)
    by_counts = counted(replace(flt, bbox=None), dates=False)
    factor = 1
    with store.engine.connect() as conn:
        if level is not None and by_counts:
            rows, factor = conn.execute(_counted_query(flt, level)).all(), 2 ** (level - zoom)
        elif zoom == FINE_LEVEL and by_counts and flt.bbox and (fine := fine_rows(store, conn, flt)) is not None:
            rows = fine
        else:
            rows = conn.execute(_events_query(store, flt, size)).all()
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    for row in rows:
        cell = cells.setdefault((int(row.gx) // factor, int(row.gy) // factor),
                                {"count": 0, "lat": 0.0, "lon": 0.0, "counts": {}, "id": None})
        cell["count"] += row.n
        cell["lat"] += row.lat
        cell["lon"] += row.lon
        cell["counts"][row.category] = cell["counts"].get(row.category, 0) + row.n
        cell["id"] = row.id
    clusters = []
    for cell in cells.values():
        count = cell["count"]
        item = {"lat": round(cell["lat"] / count, 5), "lon": round(cell["lon"] / count, 5),
                "count": count, "counts": cell["counts"]}
        if count == 1:
            item["id"] = cell["id"]
        clusters.append(item)
    clusters.sort(key=lambda c: (-c["count"], c["lat"], c["lon"]))
    total = sum(c["count"] for c in clusters)
    return {"zoom": zoom, "cell": size, "total": total, "clusters": clusters}


def _events_query(store: Store, flt: EventFilter, size: float, *extra: ColumnElement[bool]) -> Any:
    dialect = store.backend
    gx = literal_column(floor_sql(dialect, f"events.lon / {size!r}")).label("gx")
    gy = literal_column(floor_sql(dialect, f"events.lat / {size!r}")).label("gy")
    return (select(gx, gy, events.c.category, func.count().label("n"),
                   func.sum(events.c.lat).label("lat"), func.sum(events.c.lon).label("lon"),
                   func.min(events.c.id).label("id"))
            .where(events.c.lat.is_not(None), events.c.lon.is_not(None), *conditions(store, flt), *extra)
            .group_by(gx, gy, events.c.category))


def fine_rows(store: Store, conn: Connection, flt: EventFilter) -> list[Any] | None:
    """The grouped rows of a categories-and-box filter at FINE_LEVEL: the cells wholly inside
    the box (by _SLACK) from `event_cells`, the events of the four strips around them grouped
    here, each lone inside cell's event looked up for its id. None when no cell lies wholly
    inside the box or more than MAX_LONE inside cells hold one event: group every event then.

    On SQLite a strip is the box's own R*Tree condition (so an event near the box's edge is
    in or out as it is for the other queries) with its inner edge widened by _SLACK, and the
    exact inner edge on the events' coordinates: floor(lon / size) < gx0 is lon < gx0 * size
    exactly, the cell side being a power of two. PostgreSQL scans the box's rows of its
    (lat, lon) index once, leaving the inner cells out there."""
    size = cell_degrees(FINE_LEVEL)
    min_lon, min_lat, max_lon, max_lat = flt.bbox or (-180.0, -90.0, 180.0, 90.0)
    gx0, gx1 = math.ceil((min_lon + _SLACK) / size), math.floor((max_lon - _SLACK) / size) - 1
    gy0, gy1 = math.ceil((min_lat + _SLACK) / size), math.floor((max_lat - _SLACK) / size) - 1
    if gx0 > gx1 or gy0 > gy1:
        return None
    cells = event_cells.c
    where = [cells.level == FINE_LEVEL, cells.n > 0, cells.gx.between(gx0, gx1), cells.gy.between(gy0, gy1)]
    if flt.categories:
        where.append(cells.category.in_(flt.categories))
    inside = conn.execute(select(cells.gx, cells.gy, cells.category, cells.n, cells.lat_sum.label("lat"),
                                 cells.lon_sum.label("lon"), literal_column("NULL").label("id"))
                          .where(*where)).all()
    counts: dict[tuple[int, int], int] = {}
    for row in inside:
        counts[row.gx, row.gy] = counts.get((row.gx, row.gy), 0) + row.n
    lone = {cell for cell, n in counts.items() if n == 1}
    if len(lone) > MAX_LONE:
        return None
    rows = [row for row in inside if (row.gx, row.gy) not in lone]
    x0, x1, y0, y1 = gx0 * size, (gx1 + 1) * size, gy0 * size, (gy1 + 1) * size
    lon, lat = events.c.lon, events.c.lat
    if store.backend == "sqlite":  # one R*Tree search a strip
        strips = [((min_lon, min_lat, x0 + _SLACK, max_lat), [lon < x0]),
                  ((x1 - _SLACK, min_lat, max_lon, max_lat), [lon >= x1]),
                  ((x0 - _SLACK, min_lat, x1 + _SLACK, y0 + _SLACK), [lon >= x0, lon < x1, lat < y0]),
                  ((x0 - _SLACK, y1 - _SLACK, x1 + _SLACK, max_lat), [lon >= x0, lon < x1, lat >= y1])]
    else:  # one scan of the (lat, lon) index over the box, the inner cells left out in it
        strips = [((min_lon, min_lat, max_lon, max_lat), [~and_(lon >= x0, lon < x1, lat >= y0, lat < y1)])]
    for gx, gy in sorted(lone):
        strips.append(((gx * size - _SLACK, gy * size - _SLACK, (gx + 1) * size + _SLACK, (gy + 1) * size + _SLACK),
                       [lon >= gx * size, lon < (gx + 1) * size, lat >= gy * size, lat < (gy + 1) * size]))
    for box, exact in strips:
        rows.extend(conn.execute(_events_query(store, replace(flt, bbox=_clamped(box)), size, and_(*exact))))
    return rows


def _clamped(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    min_lon, min_lat, max_lon, max_lat = box
    return max(min_lon, -180.0), max(min_lat, -90.0), min(max_lon, 180.0), min(max_lat, 90.0)


def _counted_query(flt: EventFilter, level: int) -> Any:
    cells = event_cells.c
    where = [cells.level == level, cells.n > 0]
    if flt.categories:
        where.append(cells.category.in_(flt.categories))
    if flt.bbox:
        step = cell_degrees(level)
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        where += [cells.gx.between(math.floor(min_lon / step), math.floor(max_lon / step)),
                  cells.gy.between(math.floor(min_lat / step), math.floor(max_lat / step))]
    return select(cells.gx, cells.gy, cells.category, cells.n, cells.lat_sum.label("lat"),
                  cells.lon_sum.label("lon"), literal_column("NULL").label("id")).where(*where)
