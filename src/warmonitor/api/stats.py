"""GET /stats/timeline (counts per day or week by category) and GET /health."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import EventFilter, Store, timeline
from .deps import event_filter, get_store

router = APIRouter(tags=["stats"])
health_router = APIRouter(tags=["health"])


@router.get("/stats/timeline")
def stats_timeline(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    interval: Annotated[str, Query(pattern="^(day|week)$")] = "day",
) -> dict[str, Any]:
    """{"interval", "buckets": [{"date", "total", "counts": {CATEGORY: n}}]} for the filters."""
    return {"interval": interval, "buckets": timeline(store, flt, interval=interval)}


@health_router.get("/health")
def health(store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """{"status": "ok", "events", "articles", "database"}."""
    return {"status": "ok", **store.counts(), "database": store.backend}
