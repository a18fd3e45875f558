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
from .aggregates import CELLS_PER_TILE, FINE_LEVEL, LEVELS, fine_row_sql, floor_sql
from .filters import EventFilter, conditions, counted
from .schema import event_cells, events

if TYPE_CHECKING:
    from . import Store

MAX_ZOOM = 18
#: The fine path's inner cells keep this many degrees from the box's edges, so that their
#: events are inside the box however it is compared (PostGIS boxes, like the R*Tree of the
#: other queries on SQLite, are 32-bit floats rounded outward: ~1.5e-5 degrees at 180).
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

    The strips are one scan of the box's rows in a (lat, lon) index, the inner cells left
    out on the events' own coordinates: floor(lon / size) < gx0 is lon < gx0 * size exactly,
    the cell side being a power of two. The inner cells keep _SLACK from the box's edges, so
    their events are inside the box whichever way it is compared (`_edge_query`)."""
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
    if store.backend == "sqlite":  # four strips, each read a grid row at a time
        parts = [((min_lon, min_lat, x0, max_lat), lon < x0), ((x1, min_lat, max_lon, max_lat), lon >= x1),
                 ((x0, min_lat, x1, y0), and_(lon >= x0, lon < x1, lat < y0)),
                 ((x0, y1, x1, max_lat), and_(lon >= x0, lon < x1, lat >= y1))]
    else:  # one scan of the (lat, lon) index over the box, the inner cells left out in it
        parts = [((min_lon, min_lat, max_lon, max_lat), ~and_(lon >= x0, lon < x1, lat >= y0, lat < y1))]
    for gx, gy in sorted(lone):
        cell = (gx * size - _SLACK, gy * size - _SLACK, (gx + 1) * size + _SLACK, (gy + 1) * size + _SLACK)
        parts.append((cell, and_(lon >= gx * size, lon < (gx + 1) * size, lat >= gy * size, lat < (gy + 1) * size)))
    for box, exact in parts:
        rows.extend(conn.execute(_edge_query(store, flt, box, exact, size)))
    return rows


def _edge_query(store: Store, flt: EventFilter, box: tuple[float, float, float, float],
                exact: ColumnElement[bool], size: float) -> Any:
    """The events of `flt` in `box` (within the filter's own box) meeting `exact`, grouped.
    On SQLite the box is compared on the events' coordinates, read from the covering index
    of 0008 led by the fine grid's row (`fine_row_sql`): one seek a row to the box's
    longitudes. Elsewhere it is the filter's own box condition (BETWEENs or PostGIS)."""
    if store.backend != "sqlite":
        return _events_query(store, replace(flt, bbox=box), size, exact)
    min_lon, min_lat, max_lon, max_lat = box
    outer = flt.bbox or box
    rows = list(range(int(min_lat / size), int(max_lat / size) + 1))  # truncated as SQLite's CAST
    inside = [literal_column(fine_row_sql("events.lat")).in_(rows),
              events.c.lon.between(max(min_lon, outer[0]), min(max_lon, outer[2])),
              events.c.lat.between(max(min_lat, outer[1]), min(max_lat, outer[3]))]
    return _events_query(store, replace(flt, bbox=None), size, *inside, exact)


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
