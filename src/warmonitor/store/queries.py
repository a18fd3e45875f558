"""Reading the store: filtered, sorted pages of event records, one event with its sources,
and actors with their event counts (the timeline is in timelines.py)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, exists, false, func, or_, select

from ..errors import InputError
from .filters import (
    EventFilter,
    actor_only,
    actor_pks,
    conditions,
    fts_count,
    fts_walk_condition,
    text_only,
)
from .pages import EventPage, read_page
from .schema import actors, articles, event_actors, event_reports, events
from .textpages import text_page

if TYPE_CHECKING:
    from . import Store

__all__ = ["EventPage", "get_event", "iter_events", "list_actors", "search_events"]


def search_events(store: Store, flt: EventFilter) -> EventPage:
    """The page of records the filter selects, with the total count."""
    keys = actor_pks(store, flt)
    where = conditions(store, flt, actor_keys=keys)
    with store.engine.connect() as conn:
        linked = conn.execute(_link_count(keys or [])).scalar_one() if actor_only(flt) else None
        if linked is not None and _walk_dates(conn, flt, linked):
            where = [exists().where(event_actors.c.event_pk == events.c.pk,
                                    event_actors.c.actor_pk.in_(keys or []))]
            if store.backend == "postgresql":  # the walk ends after some thousand index entries:
                # starting parallel workers cost more than they saved (p50 ~25 vs ~60 ms at 1M)
                conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
                # The actor's links read once into a hash (the IN inside coalesce stays a
                # hashed SubPlan), not a probe of event_actors' primary key per event walked:
                # those land on random pages (~7,600 of 8,000 read cold at 5M: 6.5 s).
                linked_pks = select(event_actors.c.event_pk).where(event_actors.c.actor_pk.in_(keys or []))
                where = [func.coalesce(events.c.pk.in_(linked_pks), false())]
        total = linked
        if total is None and store.backend == "sqlite" and text_only(flt):
            total = conn.execute(fts_count(flt.q or "")).scalar_one()
            if _walk_dates(conn, flt, total, factor=TEXT_WALK_FACTOR):
                where = [fts_walk_condition(flt.q or "")]
        if store.backend == "postgresql" and flt.q and flt.q.strip() and flt.sort == "-date":
            found = text_page(store, conn, flt, where, keys)
            if found is not None:
                return found
        records = read_page(conn, flt, where)
        if flt.offset == 0 and len(records) < flt.limit:
            total = len(records)
        elif total is None:
            total = conn.execute(select(func.count()).select_from(events).where(*where)).scalar_one()
    return EventPage(total, flt.limit, flt.offset, records)


def _link_count(pks: list[int]) -> Select[tuple[int]]:
    """How many events the actors of an actor-only filter are linked to, counted from the
    (actor_pk, event_pk) index alone (an event naming an actor twice counts once)."""
    return select(func.count(func.distinct(event_actors.c.event_pk))).where(event_actors.c.actor_pk.in_(pks))


#: SQLite, a words-only filter: a step of the walk (the next entry of the date index, its
#: key probed in the matches' list in memory) costs about this many times less than a step
#: of the sort (a look-up of one match's date in the (pk, date, dead) index).
TEXT_WALK_FACTOR = 20


def _walk_dates(conn: Connection, flt: EventFilter, linked: int, *, factor: int = 1) -> bool:
    """Whether the newest-first page of an actor's `linked` events is found sooner by walking
    the date index and probing each event's links (about (limit + offset) * events / linked
    probes, the same at any store size for an actor named in a fixed share of the events)
    than by sorting all `linked` events (one look-up each: 67,000 for a common actor at 5M).
    SQLite's planner never walks on its own; PostgreSQL's does with the index of 0006.
    `factor`: how many walk steps one sort step is worth (TEXT_WALK_FACTOR for the matches
    of a text filter on SQLite: ~8,000 for two common words at 5M, 62,000 steps walked)."""
    if flt.sort != "-date" or not linked:
        return False
    last_pk = conn.execute(select(func.max(events.c.pk))).scalar_one() or 0
    return linked * linked * factor > (flt.limit + flt.offset) * last_pk


def iter_events(store: Store, flt: EventFilter, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
    """Every record the filter selects (limit and offset ignored), in pages of `batch`."""
    offset = 0
    while True:
        page = search_events(store, replace(flt, limit=batch, offset=offset))
        yield from page.events
        if len(page.records_json) < batch:
            return
        offset += batch


def get_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event with this id (or the event a report with this id was merged into) plus
    `sources`: each article's report, its sentence, attribution and figures, and for all
    but the first, which report it was merged with and why."""
    with store.engine.connect() as conn:
        row = conn.execute(select(events.c.pk, events.c.record, events.c.merge_links)
                           .where(events.c.id == event_id)).first()
        if row is None:
            row = conn.execute(
                select(events.c.pk, events.c.record, events.c.merge_links)
                .join(event_reports, event_reports.c.event_pk == events.c.pk)
                .where(event_reports.c.report_id == event_id)).first()
        if row is None:
            return None
        query = (select(event_reports.c.report_id, event_reports.c.record, articles.c.id,
                        articles.c.outlet, articles.c.url, articles.c.title, articles.c.published)
                 .join(articles, articles.c.pk == event_reports.c.article_pk)
                 .where(event_reports.c.event_pk == row.pk))
        reports = list(conn.execute(query))
    record = json.loads(row.record)
    links = {link["report"]: link for link in json.loads(row.merge_links or "[]")}
    sources = []
    for report in reports:
        told = json.loads(report.record)
        article = {"id": report.id, "outlet": report.outlet, "url": report.url,
                   "title": report.title,
                   "published": report.published.isoformat() if report.published else None}
        filed = told.get("article") or {}  # where the report says it was filed: read from the text, kept in the record
        article.update({k: filed[k] for k in ("filed_from", "filed_by") if filed.get(k)})
        source = {"article": article, "text": told.get("text") or "",
                  "attribution": told.get("attribution") or []}
        if len(reports) > 1:
            link = links.get(report.report_id, {})
            source.update(report=report.report_id, dead=told.get("dead"),
                          injured=told.get("injured"), date=told.get("date"),
                          place=(told.get("event_loc") or {}).get("name"),
                          merged_with=link.get("merged_with"), why=link.get("why"))
        sources.append((report.report_id != record["id"], article["published"] or "",
                        report.id, source))
    record["sources"] = [source for *_, source in sorted(sources, key=lambda s: s[:3])]
    return record


def list_actors(store: Store, *, q: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Actors (canonical name, else the words) with code, sector and how many events name them."""
    if not 0 < limit <= 1000:
        raise InputError("limit must be 1..1000")
    label = func.coalesce(actors.c.name, actors.c.entity_text).label("label")
    count = func.count(func.distinct(event_actors.c.event_pk)).label("events")
    query = (select(label, actors.c.code, actors.c.sector, count)
             .join(event_actors, event_actors.c.actor_pk == actors.c.pk)
             .group_by(label, actors.c.code, actors.c.sector)
             .order_by(count.desc(), label).limit(limit))
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(actors.c.name.ilike(pattern, escape="\\"),
                                actors.c.entity_text.ilike(pattern, escape="\\")))
    with store.engine.connect() as conn:
        return [{"name": row.label, "code": row.code, "sector": row.sector, "events": row.events}
                for row in conn.execute(query)]
