"""Map clusters computed in the database: the events a filter selects, counted per grid
cell of the map at a zoom level (about 64 pixels a cell), with the mean position and the
count of each category; a cell of one event names it. The page draws these at any size of
store instead of fetching every marker.

Up to zoom 11, a filter of categories (and a view's bounding box) only is answered from the
stored counts of `event_cells` (the cells overlapping the box); any other filter, and the
closer zooms, group the matching events themselves.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, literal_column, select

from ..errors import InputError
from .aggregates import CELLS_PER_TILE, LEVELS, floor_sql
from .filters import EventFilter, conditions, counted
from .schema import event_cells, events

if TYPE_CHECKING:
    from . import Store

MAX_ZOOM = 18


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
    if level is not None and counted(replace(flt, bbox=None), dates=False):
        query, factor = _counted_query(flt, level), 2 ** (level - zoom)
    else:
        query, factor = _events_query(store, flt, size), 1
    cells: dict[tuple[int, int], dict[str, Any]] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
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


def _events_query(store: Store, flt: EventFilter, size: float) -> Any:
    dialect = store.backend
    gx = literal_column(floor_sql(dialect, f"events.lon / {size!r}")).label("gx")
    gy = literal_column(floor_sql(dialect, f"events.lat / {size!r}")).label("gy")
    return (select(gx, gy, events.c.category, func.count().label("n"),
                   func.sum(events.c.lat).label("lat"), func.sum(events.c.lon).label("lon"),
                   func.min(events.c.id).label("id"))
            .where(events.c.lat.is_not(None), events.c.lon.is_not(None), *conditions(store, flt))
            .group_by(gx, gy, events.c.category))


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
