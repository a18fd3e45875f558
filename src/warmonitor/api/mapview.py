"""GET /map/clusters: the events of the filters counted per map grid cell at a zoom level."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import EventFilter, Store
from ..store.mapcells import MAX_ZOOM, map_clusters
from .deps import event_filter, get_store

router = APIRouter(tags=["map"])


@router.get("/map/clusters")
def clusters(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    zoom: Annotated[int, Query(ge=0, le=MAX_ZOOM, description="map zoom level")] = 2,
) -> dict[str, Any]:
    """{"zoom", "cell", "total", "clusters": [{"lat", "lon", "count", "counts", "id"?}]}: the
    matching events grouped by grid cell (about 64 pixels at `zoom`); `bbox` limits the cells
    to the view, the other filters are those of GET /events."""
    return map_clusters(store, flt, zoom)
