"""GET /sources: each watched source's last poll, result, new articles, errors and next due
time (what `warmonitor watch` and `serve --watch` remember in the store)."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from ..store import Store
from ..watch.state import list_sources
from .deps import get_store

router = APIRouter(tags=["sources"])


@router.get("/sources")
def sources(store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    """{"sources": [{name, url, kind, outlet, last_poll, last_result, last_error, errors,
    next_due, polls, failed_polls, new_articles, last_new, failed_pages, waiting}]}, by name;
    times in UTC (ISO 8601). `errors` holds the latest reasons: the feed's, and each page's
    that could not be used."""
    return {"sources": list_sources(store)}
