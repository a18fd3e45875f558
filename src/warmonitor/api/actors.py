"""GET /actors: actors with their codes, sectors and event counts."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ..store import Store, list_actors
from ..store.filters import MAX_TEXT_CHARS, check_text_value
from .deps import get_store

router = APIRouter(tags=["actors"])


@router.get("/actors")
def actors(store: Annotated[Store, Depends(get_store)],
           q: Annotated[str | None, Query(max_length=MAX_TEXT_CHARS)] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> dict[str, Any]:
    """{"actors": [{"name", "code", "sector", "events"}]}, most frequent first."""
    check_text_value("q", q)
    return {"actors": list_actors(store, q=q, limit=limit)}
