"""GET /stats/timeline (counts per day or week by category) and GET /health."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..store import EventFilter, Store, timeline_json
from .deps import event_filter, get_store

router = APIRouter(tags=["stats"])
health_router = APIRouter(tags=["health"])


@router.get("/stats/timeline", response_class=Response, responses={200: {
    "content": {"application/json": {}},
    "description": '{"interval", "buckets": [{"date", "total", "counts": {CATEGORY: n}}]}'}})
def stats_timeline(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    interval: Annotated[str, Query(pattern="^(day|week)$")] = "day",
) -> Response:
    """{"interval", "buckets": [{"date", "total", "counts": {CATEGORY: n}}]} for the filters,
    as the store writes it (FastAPI's encoder walked the 1,300 weekly buckets of 25 years,
    20,000 counts, value by value)."""
    return Response(timeline_json(store, flt, interval=interval), media_type="application/json")


@health_router.get("/health")
def health(store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """{"status": "ok", "events", "articles", "database"}."""
    return {"status": "ok", **store.counts(), "database": store.backend}
