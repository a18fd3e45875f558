"""GET /events (filtered, sorted, paginated; JSON, GeoJSON or CSV) and GET /events/{id}."""
from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from ..store import EventFilter, Store, get_event, search_events
from ..store.export import to_geojson, write_acled_csv
from .deps import event_filter, get_store

router = APIRouter(tags=["events"])


@router.get("/events", response_model=None)
def list_events(
    flt: Annotated[EventFilter, Depends(event_filter)],
    store: Annotated[Store, Depends(get_store)],
    format: Annotated[str, Query(pattern="^(json|geojson|csv)$")] = "json",
) -> dict[str, Any] | Response:
    """Event records matching the filters: {"total", "limit", "offset", "events"}; with
    format=geojson a FeatureCollection, with format=csv ACLED-style CSV (the total in the
    X-Total-Count header). Where counting would read too much (a text filter matching more
    than some thousand events on PostgreSQL) the total is the database's estimate, and the
    answer says so: `"total_estimated": true` (CSV: `X-Total-Estimated: true`)."""
    page = search_events(store, flt)
    if format == "geojson":
        collection = to_geojson(page.events)
        collection.update(page.head())
        return JSONResponse(collection, media_type="application/geo+json")
    if format == "csv":
        out = io.StringIO()
        write_acled_csv(page.events, out)
        headers = {"X-Total-Count": str(page.total)}
        if page.estimated:
            headers["X-Total-Estimated"] = "true"
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(page.to_json(), media_type="application/json")


@router.get("/events/{event_id}")
def show_event(event_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """One record with its sources: each article that reported it, the sentence, who
    reported it, its figures, and which report it was merged with and why. The id of any
    report merged into an event finds that event."""
    record = get_event(store, event_id)
    if record is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return record
