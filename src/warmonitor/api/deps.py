"""What the routers share: the store, the pipeline, the token check and the event filters."""
from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime
from typing import Annotated

from fastapi import HTTPException, Query, Request

from ..store import EventFilter, Store
from ..store.filters import MAX_DEAD, MAX_OFFSET, parse_bbox, parse_categories
from ..store.writer import Extractor


def get_store(request: Request) -> Store:
    """The store the app was built with."""
    return request.app.state.store


def get_pipeline(request: Request) -> Extractor:
    """The pipeline, loaded on first use (heavy: spaCy and the gazetteer)."""
    state = request.app.state
    if state.pipeline is None:
        from ..pipeline import Pipeline  # imported late: the NLP stack is heavy

        state.pipeline = Pipeline.from_settings(state.settings)
    return state.pipeline


def _check_token(request: Request) -> None:
    expected = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "writing is disabled: set WARMONITOR_TOKEN on the server")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # Constant-time comparison of fixed-length digests, so response times tell neither the
    # token nor its length. The token is never logged or echoed.
    if scheme.lower() != "bearer" or not hmac.compare_digest(_digest(given), _digest(expected)):
        raise HTTPException(401, "missing or wrong token: send Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", errors="surrogatepass")).digest()


def require_token(request: Request) -> None:
    """Write endpoints: the request must carry the server's token."""
    _check_token(request)


def require_read_access(request: Request) -> None:
    """Read endpoints: open, unless the app was configured to protect reads."""
    if request.app.state.protect_reads:
        _check_token(request)


def event_filter(
    start: date | None = None,
    end: date | None = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    country: Annotated[str | None, Query(description="ISO alpha-2 or alpha-3")] = None,
    admin1: str | None = None,
    category: Annotated[list[str] | None, Query(description="PLOVER; repeat or comma-separate",
                                                max_length=50)] = None,
    acled_type: str | None = None,
    actor: Annotated[str | None, Query(description="part of an actor's name or words")] = None,
    actor_code: str | None = None,
    actor_sector: str | None = None,
    q: Annotated[str | None, Query(description="words of the sentence (all required)")] = None,
    min_dead: Annotated[int | None, Query(ge=0, le=MAX_DEAD)] = None,
    sort: Annotated[str, Query(pattern="^-?(date|dead)$")] = "-date",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    since: Annotated[datetime | None, Query(description="only events reported by articles stored "
                                            "after this time (ISO 8601; UTC without a zone)")] = None,
) -> EventFilter:
    """The EventFilter of the query string (shared by /events and /stats/timeline)."""
    return EventFilter(
        start=start, end=end, bbox=parse_bbox(bbox), country=country, admin1=admin1,
        categories=parse_categories(category), acled_type=acled_type, actor=actor,
        actor_code=actor_code, actor_sector=actor_sector, q=q, min_dead=min_dead, sort=sort,
        limit=limit, offset=offset, since=since,
    )
